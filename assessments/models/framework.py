from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from centers.topics import Topic


class ScoringMode(models.TextChoices):
    """How a framework turns criteria into a classification (see ``assessments.scoring``)."""

    POINTS = "points", _("Points and grades")
    LEVELS = "levels", _("Levels with pass/fail indicators")


class Procedure(models.TextChoices):
    """Which steps lead to the dossier (see ``assessments.procedures``): the framework's law decides."""

    PLAN_FIRST = "plan_first", _("Self-inspection plan approved by the ward chairman, then the dossier")
    MEETING_REQUEST = (
        "meeting_request",
        _("Self-assessment agreed at a meeting, then a dossier asking for a level"),
    )


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
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=Procedure.choices, default=Procedure.PLAN_FIRST
    )
    total_points = models.DecimalField(
        _("total points"), max_digits=5, decimal_places=1, default=Decimal(100)
    )
    scheme_confirmed = models.BooleanField(
        _("scoring scheme confirmed"),
        default=False,
        help_text=_("Until confirmed, pages warn that the maximum points are placeholders."),
    )
    validity_years = models.PositiveSmallIntegerField(
        _("recognition valid for (years)"),
        null=True,
        blank=True,
        help_text=_("Years a recognition stays in force after the year of recognition; empty: no limit."),
    )
    upgrade_wait_months = models.PositiveSmallIntegerField(
        _("months before applying for a higher level"),
        null=True,
        blank=True,
        help_text=_("After a recognition at a lower level; empty: no waiting time."),
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


class Indicator(models.Model):
    """One indicator of a criterion of a level-based framework (Circular 25/2023): met or not, per level.

    Each level has its target; ``level_2_target`` is left empty where level 2
    asks no more than level 1. The texts are data an administrator edits: only
    the criteria's titles are sourced, so the seeded indicators are marked as
    placeholders until the framework's scheme is confirmed.
    """

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField(_("number within the criterion"))
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500)
    guidance = models.TextField(_("evidence that fits"), blank=True)
    level_1_target = models.TextField(_("target for level 1"), blank=True)
    level_2_target = models.TextField(
        _("target for level 2"), blank=True, help_text=_("Empty when level 2 asks no more than level 1.")
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["criterion", "number"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "number"], name="unique_indicator_number")
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    @property
    def code(self) -> str:
        """``"4.2"``: the criterion's number and the indicator's."""
        return f"{self.criterion.number}.{self.number}"

    @property
    def title(self) -> str:
        return self.title_en if (get_language() or "vi").startswith("en") else self.title_vi

    @property
    def has_higher_level_2_target(self) -> bool:
        return bool(self.level_2_target.strip())


class ClassificationBand(models.Model):
    """One grade of a points framework, reached with at least ``min_points``; or one level of a level-based
    framework, whose ``min_points`` is then the level's number (1, 2): the higher the better, in both."""

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
