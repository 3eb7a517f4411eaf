from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.models.assessment import Assessment, StateChange
from assessments.models.cycle import Cycle
from assessments.models.framework import ClassificationBand, Criterion, Indicator
from engines.workflow import StateChangeBase, StatefulModel
from wards.history import FieldHistory
from wards.models import DistrictUnit


class ReturnItem(models.Model):
    """One thing the district asks the ward to supplement when it returns a dossier."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="return_items")
    state_change = models.ForeignKey(StateChange, on_delete=models.CASCADE, related_name="return_items")
    text = models.CharField(_("what is missing"), max_length=500)

    class Meta:
        verbose_name = _("item to supplement")
        verbose_name_plural = _("items to supplement")
        ordering = ["pk"]

    def __str__(self):
        return self.text


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class InspectionPlan(StatefulModel):
    """Step 3: the district's inspection plan (kế hoạch kiểm tra) for one or more wards.

    Its state changes only through ``assessments.inspection_workflow.INSPECTION_PLAN_WORKFLOW``.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="inspection_plans")
    title = models.CharField(_("title"), max_length=255)
    start_date = models.DateField(_("first inspection day"))
    end_date = models.DateField(_("last inspection day"))
    assessments = models.ManyToManyField(Assessment, related_name="inspection_plans", verbose_name=_("wards"))
    state = models.CharField(_("state"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-start_date", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessments:inspection_plan_detail", args=[self.pk])


class TeamMember(models.Model):
    """A member of the inspection team and the criteria they check."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspections")
    unit = models.ForeignKey(DistrictUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    is_lead = models.BooleanField(_("team lead"), default=False)
    criteria = models.ManyToManyField(Criterion, related_name="+", verbose_name=_("criteria checked"))

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["-is_lead", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "user"], name="unique_team_member")]

    def __str__(self):
        return str(self.user)


class InspectionScore(models.Model):
    """Step 4: the team's score for one criterion of one ward.

    ``version`` grows with every save; a save that started from an older
    version is refused, so two inspectors never silently overwrite each other.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="inspection_scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1)
    comment = models.TextField(_("comment"), blank=True)
    evidence_sufficient = models.BooleanField(_("evidence sufficient"), default=True)
    version = models.PositiveIntegerField(default=1)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("inspection score")
        verbose_name_plural = _("inspection scores")
        ordering = ["criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="unique_inspection_score")
        ]

    def __str__(self):
        return f"{self.assessment} – {self.criterion.number}: {self.points}"


class IndicatorInspectionFinding(models.Model):
    """Step 4 under a level-based framework: the team's finding for one indicator, per level."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="inspection_findings")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    meets_level_1 = models.BooleanField(_("meets the level 1 target"))
    meets_level_2 = models.BooleanField(_("meets the level 2 target"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    evidence_sufficient = models.BooleanField(_("evidence sufficient"), default=True)
    version = models.PositiveIntegerField(default=1)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("inspected indicator")
        verbose_name_plural = _("inspected indicators")
        ordering = ["indicator__criterion__number", "indicator__number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="unique_inspection_finding")
        ]

    def __str__(self):
        return f"{self.assessment} – {self.indicator.code}"


class ScoreRevision(models.Model):
    """Append-only: who changed an inspection score, from what to what, when."""

    score = models.ForeignKey(InspectionScore, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    old_points = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    new_points = models.DecimalField(max_digits=5, decimal_places=1)
    old_comment = models.TextField(blank=True)
    new_comment = models.TextField(blank=True)
    old_evidence_sufficient = models.BooleanField(null=True)
    new_evidence_sufficient = models.BooleanField()

    class Meta:
        verbose_name = _("score revision")
        verbose_name_plural = _("score revisions")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.score} v{self.version}"


class InspectionResult(models.Model):
    """The consolidated result, computed once when the team lead closes the inspection."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="result")
    total = models.DecimalField(_("total"), max_digits=5, decimal_places=1)
    classification = models.ForeignKey(
        ClassificationBand,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("classification"),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"))
    imported = models.BooleanField(_("imported from past records"), default=False)
    # Under a level-based framework: the level reached (0: not recognised); ``total`` is then 0.
    level = models.PositiveSmallIntegerField(_("level reached"), null=True, blank=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("inspection result")
        verbose_name_plural = _("inspection results")

    def __str__(self):
        return f"{self.assessment}: {self.total}"


class InspectionPlanChange(StateChangeBase):
    """Append-only history of an inspection plan's states."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(_("from"), max_length=30, choices=PlanState.choices)
    to_state = models.CharField(_("to"), max_length=30, choices=PlanState.choices)

    class Meta(StateChangeBase.Meta):
        verbose_name = _("inspection plan change")
        verbose_name_plural = _("inspection plan changes")

    def __str__(self):
        return f"{self.plan}: {self.from_state} → {self.to_state}"


class DecisionState(models.TextChoices):
    PREPARED = "prepared", _("Prepared")
    APPROVED = "approved", _("Approved")
    RELEASED = "released", _("Released")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RecognitionDecision(StatefulModel):
    """Step 5: the chairman's decision recognising the classification of one or more wards.

    Its state changes only through ``assessments.inspection_workflow.DECISION_WORKFLOW``.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="decisions")
    number = models.CharField(_("number"), max_length=40, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    assessments = models.ManyToManyField(Assessment, related_name="decisions", verbose_name=_("wards"))
    state = models.CharField(
        _("state"), max_length=20, choices=DecisionState.choices, default=DecisionState.PREPARED
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")
        ordering = ["-cycle__year", "-pk"]

    def __str__(self):
        return self.number or str(_("Draft decision"))

    def get_absolute_url(self):
        return reverse("assessments:decision_detail", args=[self.pk])


class DecisionChange(StateChangeBase):
    """Append-only history of a recognition decision's states."""

    decision = models.ForeignKey(RecognitionDecision, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(_("from"), max_length=30, choices=DecisionState.choices)
    to_state = models.CharField(_("to"), max_length=30, choices=DecisionState.choices)

    class Meta(StateChangeBase.Meta):
        verbose_name = _("decision change")
        verbose_name_plural = _("decision changes")

    def __str__(self):
        return f"{self.decision}: {self.from_state} → {self.to_state}"


class ReminderLog(models.Model):
    """One reminder sent: the key that keeps the reminder command from sending it twice."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField()
    kind = models.CharField(max_length=20)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "due_date", "kind"], name="unique_reminder")
        ]

    def __str__(self):
        return f"{self.assessment_id} {self.kind} {self.due_date}"
