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
    # Who reviews and recognises this year's dossiers, as the documents name them. Empty: the district's
    # People's Committee and its chairman (Circular 44, and before the reform of 07/2025); a province that
    # reviews its merged communes after the reform, or the head of the education office, are set here.
    reviewing_body = models.CharField(
        _("body that receives and reviews the dossiers"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Phòng Giáo dục và Đào tạo quận 5. Empty: the education office of the district."),
    )
    recognising_body = models.CharField(
        _("body that issues the recognition decision"),
        max_length=200,
        blank=True,
        help_text=_(
            "e.g. Ủy ban nhân dân quận 5, or Sở Giáo dục và Đào tạo. Empty: the district's People's Committee."
        ),
    )
    recognising_parent_body = models.CharField(
        _("its parent body (first header line)"),
        max_length=200,
        blank=True,
        help_text=_("Empty: the district's parent authority."),
    )
    signer_capacity = models.CharField(
        _("signature capacity"),
        max_length=120,
        blank=True,
        help_text=_("e.g. TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH. Empty: as under Circular 44."),
    )
    signer_title = models.CharField(
        _("signer's title"),
        max_length=120,
        blank=True,
        help_text=_("e.g. CHỦ TỊCH, TRƯỞNG PHÒNG. Empty: CHỦ TỊCH."),
    )

    class Meta:
        verbose_name = _("assessment cycle")
        verbose_name_plural = _("assessment cycles")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)
