from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engines.workflow import StateChangeBase, StatefulModel
from wards.models import Ward


class WardReportKind(models.TextChoices):
    REPORT = "report", _("Report on the year")
    PLAN = "plan", _("Plan for the year")


class WardReportState(models.TextChoices):
    DRAFT = "draft", _("Being written by the ward")
    SUBMITTED = "submitted", _("Sent to the district")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the district")
    RETURNED = "returned", _("Returned to the ward")


class WardReport(StatefulModel):
    """A ward's yearly report (on ``year``) or plan (for ``year``) for a learning society.

    Text sections written by the ward; the learning centre's figures are not
    typed in, they are read from ``centers`` for the ward and year when shown.
    """

    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="plan_reports",
        verbose_name=pgettext_lazy("administrative unit", "ward"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("document"), max_length=10, choices=WardReportKind.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=WardReportState.choices, default=WardReportState.DRAFT
    )
    situation = models.TextField(_("situation and results"), blank=True)
    shortcomings = models.TextField(_("shortcomings and causes"), blank=True)
    directions = models.TextField(_("tasks and directions"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ward report or plan")
        verbose_name_plural = _("ward reports and plans")
        ordering = ["-year", "ward__sort_key", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "year", "kind"], name="one_ward_report_per_kind_year")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} – {self.ward}"

    def get_absolute_url(self):
        return reverse("plans:ward_report", args=[self.pk])


class WardReportChange(StateChangeBase):
    report = models.ForeignKey(WardReport, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(_("from"), max_length=30, choices=WardReportState.choices)
    to_state = models.CharField(_("to"), max_length=30, choices=WardReportState.choices)

    class Meta(StateChangeBase.Meta):
        verbose_name = _("ward report change")
        verbose_name_plural = _("ward report changes")
