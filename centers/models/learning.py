from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wards.history import FieldHistory
from wards.models import Ward


class LearningModelKind(models.TextChoices):
    """The learning models of Decision 281/QĐ-TTg (2014) and Decision 387/QĐ-TTg (2021–2030)."""

    FAMILY = "family", _("Learning families")
    CLAN = "clan", _("Learning clans")
    COMMUNITY = "community", _("Learning communities (residential groups)")
    UNIT = "unit", _("Learning units")


class LearningModelTarget(models.Model):
    """The share of a kind that should be recognised, from a year on (e.g. 70 % of families)."""

    kind = models.CharField(_("learning model"), max_length=20, choices=LearningModelKind.choices)
    valid_from = models.PositiveSmallIntegerField(_("from year"))
    target_percent = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=2)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("learning-model target")
        verbose_name_plural = _("learning-model targets")
        ordering = ["kind", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["kind", "valid_from"], name="unique_learning_target")]

    def __str__(self):
        return f"{self.get_kind_display()} ≥ {self.target_percent} % ({self.valid_from})"


class LearningModelRecord(models.Model):
    """A ward's count for one kind and year: how many exist, registered, were recognised."""

    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="learning_models",
        verbose_name=pgettext_lazy("administrative unit", "ward"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("learning model"), max_length=20, choices=LearningModelKind.choices)
    total = models.PositiveIntegerField(
        _("in the ward"), help_text=_("Families, clans, residential groups or units")
    )
    registered = models.PositiveIntegerField(_("registered"))
    recognised = models.PositiveIntegerField(_("recognised"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("learning-model count")
        verbose_name_plural = _("learning-model counts")
        ordering = ["ward__sort_key", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "year", "kind"], name="unique_learning_record"),
            models.CheckConstraint(
                condition=Q(registered__lte=F("total")) & Q(recognised__lte=F("registered")),
                name="learning_counts_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.ward} {self.year} – {self.get_kind_display()}"
