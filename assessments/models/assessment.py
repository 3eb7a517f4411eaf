from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.models.cycle import Cycle
from engines.workflow import StateChangeBase, StatefulModel
from wards.history import FieldHistory
from wards.models import Ward


class AssessmentState(models.TextChoices):
    """Where a ward's assessment stands in the five-step procedure."""

    PLAN_DRAFT = "plan_draft", _("Step 1: self-assessment being prepared")
    PLAN_SUBMITTED = "plan_submitted", _("Step 1: awaiting the ward chairman")
    DOSSIER_PREPARATION = "dossier_preparation", _("Step 2: dossier in preparation")
    SUBMITTED = "submitted", _("Step 2: dossier sent for review")
    RETURNED = "returned", _("Dossier returned for supplement")
    RECEIVED = "received", _("Step 3: dossier received, inspection plan due")
    INSPECTION_PLANNED = "inspection_planned", _("Step 4: inspection planned")
    INSPECTED = "inspected", _("Step 5: inspected, recognition due")
    RECOGNISED = "recognised", _("Recognised")
    PUBLISHED = "published", _("Published")


class Assessment(StatefulModel):
    """One ward's assessment in one cycle.

    ``state`` is written only by the workflow engine (``assessments.workflow``);
    ``save()`` refuses a changed state so that no view, admin form or script
    can skip the checks, the history row and the notifications.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="assessments")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="assessments")
    state = models.CharField(
        _("state"), max_length=30, choices=AssessmentState.choices, default=AssessmentState.PLAN_DRAFT
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_label = models.CharField(_("what is due"), max_length=120, blank=True)
    self_total = models.DecimalField(_("self-assessed total"), max_digits=5, decimal_places=1, default=0)
    requested_level = models.PositiveSmallIntegerField(
        _("level asked for"),
        null=True,
        blank=True,
        help_text=_("Under a level-based framework, the level the meeting agreed to ask for."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    field_history = FieldHistory()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-cycle__year", "ward__sort_key"]
        constraints = [models.UniqueConstraint(fields=["cycle", "ward"], name="unique_assessment_per_ward")]
        # The public pages and dashboards read "published in year Y" (state, then cycle) on every
        # request; at national scale (3,321 wards × 5 years) this spares a scan of every assessment
        # (docs/performance.md, "Indexes and query plans").
        indexes = [models.Index(fields=["state", "cycle"], name="assessment_state_cycle_idx")]

    def __str__(self):
        return f"{self.ward} – {self.cycle}"

    def get_absolute_url(self):
        return reverse("assessments:detail", args=[self.pk])

    @property
    def is_with_ward(self) -> bool:
        """The ward may edit its plan or dossier only in these states."""
        return self.state in {
            AssessmentState.PLAN_DRAFT,
            AssessmentState.DOSSIER_PREPARATION,
            AssessmentState.RETURNED,
        }


class StateChange(StateChangeBase):
    """Append-only history: one row for every change of an assessment's state."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(_("from"), max_length=30, choices=AssessmentState.choices)
    to_state = models.CharField(_("to"), max_length=30, choices=AssessmentState.choices)

    class Meta(StateChangeBase.Meta):
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self):
        return f"{self.assessment}: {self.from_state} → {self.to_state}"
