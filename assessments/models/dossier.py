from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models.assessment import Assessment
from assessments.models.framework import Criterion, Indicator
from assessments.storage import document_upload_to, evidence_upload_to
from centers.topics import Topic
from engines.storage import private_storage_callable
from wards.history import FieldHistory


class SelfInspectionPlan(models.Model):
    """Step 1: the ward steering committee's self-inspection plan (kế hoạch tự kiểm tra)."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="plan")
    # The plan is an official document of the ward: the tờ trình cites it by its own number and date.
    number = models.CharField(_("number"), max_length=40, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    team_members = models.TextField(_("members of the self-inspection team"))
    schedule = models.TextField(_("schedule"))
    content = models.TextField(_("content"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("self-inspection plan")
        verbose_name_plural = _("self-inspection plans")

    def __str__(self):
        return str(self.assessment)


class CriterionSelfScore(models.Model):
    """Step 2: the ward's own score and comment for one criterion."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="self_scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("self-score"), max_digits=5, decimal_places=1, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # Grows with every save; a save that started from an older version is refused (no lost update).
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("self-score")
        verbose_name_plural = _("self-scores")
        ordering = ["criterion__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="unique_self_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.assessment} – {self.criterion.number}: {self.points}"


class IndicatorSelfFinding(models.Model):
    """Step 2 under a level-based framework: whether the ward finds it meets one indicator, per level.

    ``None`` is "not answered yet". ``meets_level_2`` matters only for an indicator
    with a higher level-2 target (``Indicator.has_higher_level_2_target``).
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="self_findings")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    meets_level_1 = models.BooleanField(_("meets the level 1 target"), null=True, blank=True)
    meets_level_2 = models.BooleanField(_("meets the level 2 target"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("self-assessed indicator")
        verbose_name_plural = _("self-assessed indicators")
        ordering = ["indicator__criterion__number", "indicator__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="unique_self_finding_per_indicator"
            )
        ]

    def __str__(self):
        return f"{self.assessment} – {self.indicator.code}"


class EvidenceFile(models.Model):
    """A piece of evidence (minh chứng) for one criterion of one assessment.

    Evidence carried over from last year points at the same stored file
    (``carried_from``) instead of copying it.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(
        _("file"), storage=private_storage_callable, upload_to=evidence_upload_to, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )
    generated_from = models.CharField(
        _("generated from the learning centre's records"), max_length=30, choices=Topic.choices, blank=True
    )
    # Under a level-based framework evidence is given per indicator (of ``criterion``).
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indicator"),
    )

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class DocumentKind(models.TextChoices):
    PROPOSAL = "to_trinh", _("Proposal (tờ trình)")
    REPORT = "bao_cao", _("Report (báo cáo)")
    SELF_INSPECTION_MINUTES = "bien_ban", _("Self-inspection minutes (biên bản tự kiểm tra)")
    SUMMARY_TABLE = "bang_tong_hop", _("Summary table of criteria and indicators (bảng tổng hợp)")
    MEETING_MINUTES = "bien_ban_hop", _("Minutes of the meeting agreeing the self-assessment (biên bản họp)")


class DossierDocument(models.Model):
    """One of the signed documents of the ward's dossier, with its scan."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=40, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=120, blank=True)
    scan = models.FileField(
        _("signed scan"),
        storage=private_storage_callable,
        upload_to=document_upload_to,
        max_length=255,
        blank=True,
    )
    scan_name = models.CharField(_("file name"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["assessment", "kind"]
        constraints = [models.UniqueConstraint(fields=["assessment", "kind"], name="unique_document_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.assessment}"

    @property
    def is_complete(self) -> bool:
        return bool(self.number and self.issued_on and self.signer and self.scan)
