from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from centers.topics import Topic


class ScoringMode(models.TextChoices):
    """How a framework turns criteria into a classification (see ``assessments.scoring``)."""

    POINTS = "points", _("Points and grades")
    LEVELS = "levels", _("Levels with pass/fail indicators")


class FrameworkQuerySet(models.QuerySet):
    def for_year(self, year: int):
        """Frameworks that apply to ``year``, newest version first."""
        return (
            self.filter(first_year__lte=year)
            .filter(models.Q(last_year__isnull=True) | models.Q(last_year__gte=year))
            .order_by("-version")
        )


class Framework(models.Model):
    """A legal assessment framework (e.g. Circular 44/2014), kept as versioned data.

    Criteria, maxima and classification thresholds are rows, not code: the law
    changed in 2024 and past years must stay comparable under the framework
    they were assessed with. Once a recognised assessment uses a version, the
    version is frozen and an administrator copies it into a new one.
    """

    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=255)
    legal_reference = models.CharField(_("legal reference"), max_length=255)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    scoring_mode = models.CharField(_("scoring mode"), max_length=20, choices=ScoringMode.choices)
    total_points = models.DecimalField(
        _("total points"), max_digits=5, decimal_places=1, default=Decimal(100)
    )
    scheme_confirmed = models.BooleanField(
        _("scoring scheme confirmed"),
        default=False,
        help_text=_("Until confirmed, pages warn that the maximum points are placeholders."),
    )

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")
        ordering = ["code", "version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="unique_framework_version")]

    def __str__(self):
        return f"{self.name} (v{self.version})"


class Criterion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("number"))
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500)
    guidance = models.TextField(_("evidence that fits"), blank=True)
    max_points = models.DecimalField(_("maximum points"), max_digits=5, decimal_places=1)
    center_topic = models.CharField(
        _("learning-centre records it draws on"),
        max_length=30,
        choices=Topic.choices,
        blank=True,
        help_text=_(
            "The self-assessment page shows the summary of these records and can attach it as evidence."
        ),
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_criterion_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        """The title in the language of the page."""
        return self.title_en if (get_language() or "vi").startswith("en") else self.title_vi


class ClassificationBand(models.Model):
    """One grade of a points framework: reached with at least ``min_points``."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    code = models.SlugField(_("code"), max_length=30)
    label_vi = models.CharField(_("label (Vietnamese)"), max_length=60)
    label_en = models.CharField(_("label (English)"), max_length=60)
    min_points = models.DecimalField(_("minimum points"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("classification grade")
        verbose_name_plural = _("classification grades")
        ordering = ["framework", "-min_points"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_band_code")]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "vi").startswith("en") else self.label_vi
