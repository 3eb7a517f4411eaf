from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models.framework import Framework
from wards.models import DistrictUnit


class Cycle(models.Model):
    """One year's assessment round: its framework, its calendar and who leads the inspection."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("framework")
    )
    self_assessment_start = models.DateField(_("self-assessment starts"))
    self_assessment_end = models.DateField(_("self-assessment ends"))
    dossier_deadline = models.DateField(_("dossier deadline"))
    inspection_start = models.DateField(_("inspection starts"))
    inspection_end = models.DateField(_("inspection ends"))
    recognition_deadline = models.DateField(_("recognition deadline"))
    lead_body = models.ForeignKey(
        DistrictUnit,
        on_delete=models.PROTECT,
        related_name="led_cycles",
        verbose_name=_("body leading the inspection"),
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment cycle")
        verbose_name_plural = _("assessment cycles")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)
