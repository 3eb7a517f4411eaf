"""The workflows of the district's own papers: inspection plans (step 3) and recognition decisions (step 5).

Same engine, same guarantees as the assessments' workflow: each state change is
locked, permission- and state-checked, kept in the history and undoable by an
administrator with a reason. A plan's approval and a decision's approval or
release move every ward they cover along the assessments' workflow, in the same
transaction; undoing them takes every ward back (``rewind``), or refuses and
names the wards that have moved on since.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments.models import (
    AssessmentState,
    DecisionChange,
    DecisionState,
    InspectionPlan,
    InspectionPlanChange,
    PlanState,
    RecognitionDecision,
)
from assessments.notifications import notify_decision_change, notify_plan_change
from assessments.workflow import ASSESSMENT_WORKFLOW
from engines.workflow import Transition, TransitionNotAllowed, Workflow

P = PlanState
D = DecisionState


def _take_back_wards(obj, step: str, expected_state: str, actor, reason: str) -> None:
    """Undo ``step`` for every ward of ``obj``, or refuse naming the wards that have moved on since."""
    assessments = list(obj.assessments.select_related("ward").order_by("ward__sort_key"))
    moved_on = [a for a in assessments if a.state != expected_state]
    if moved_on:
        raise TransitionNotAllowed(
            gettext("This cannot be undone: these wards have moved on since: %(wards)s.")
            % {"wards": ", ".join(f"{a.ward.name} ({a.get_state_display()})" for a in moved_on)}
        )
    for assessment in assessments:
        last = ASSESSMENT_WORKFLOW.last_undoable(assessment)
        if last is None or last.transition != step:
            raise TransitionNotAllowed(
                gettext("This cannot be undone: the last step of %(ward)s is not this one.")
                % {"ward": assessment.ward.name}
            )
        ASSESSMENT_WORKFLOW.undo_last(assessment, actor, reason=reason, cascaded=True)


def _rewind_plan_approval(plan: InspectionPlan, change, actor, reason: str) -> None:
    _take_back_wards(plan, "plan_inspection", AssessmentState.INSPECTION_PLANNED, actor, reason)
    InspectionPlan.objects.filter(pk=plan.pk).update(approved_by=None, approved_at=None)


INSPECTION_PLAN_WORKFLOW = Workflow(
    model=InspectionPlan,
    history_model=InspectionPlanChange,
    subject_field="plan",
    undo_permission="assessments.undo_transition",
    notify=notify_plan_change,
    transitions=[
        Transition(
            "submit",
            _("Send the plan for approval"),
            frozenset({P.DRAFT, P.RETURNED}),
            P.SUBMITTED,
            "assessments.submit_inspection_plan",
        ),
        Transition(
            "approve",
            _("Approve the inspection plan"),
            frozenset({P.SUBMITTED}),
            P.APPROVED,
            "assessments.decide_inspection_plan",
            style="success",
            rewind=_rewind_plan_approval,
        ),
        Transition(
            "return",
            _("Return the plan with a reason"),
            frozenset({P.SUBMITTED}),
            P.RETURNED,
            "assessments.decide_inspection_plan",
            reason_required=True,
            style="warning",
        ),
    ],
)


def _rewind_decision_approval(decision: RecognitionDecision, change, actor, reason: str) -> None:
    """The wards go back to "inspected"; the number stays with the decision for its next signature."""
    _take_back_wards(decision, "recognise", AssessmentState.RECOGNISED, actor, reason)
    RecognitionDecision.objects.filter(pk=decision.pk).update(approved_by=None)


def _rewind_release(decision: RecognitionDecision, change, actor, reason: str) -> None:
    _take_back_wards(decision, "publish", AssessmentState.PUBLISHED, actor, reason)


def _rewind_withdrawal(decision: RecognitionDecision, change, actor, reason: str) -> None:
    """A withdrawn draft comes back only if none of its wards went into another decision meanwhile."""
    elsewhere = (
        RecognitionDecision.objects.exclude(pk=decision.pk)
        .exclude(state=D.WITHDRAWN)
        .filter(assessments__in=decision.assessments.all())
        .values_list("assessments__ward__name", flat=True)
    )
    if elsewhere:
        raise TransitionNotAllowed(
            gettext("These wards are already in another decision: %(wards)s.")
            % {"wards": ", ".join(sorted(set(elsewhere)))}
        )


def _refuse_past_record(decision: RecognitionDecision, change, actor, reason: str) -> None:
    raise TransitionNotAllowed(
        gettext("An imported decision is taken back by undoing the import on each ward's page.")
    )


DECISION_WORKFLOW = Workflow(
    model=RecognitionDecision,
    history_model=DecisionChange,
    subject_field="decision",
    undo_permission="assessments.undo_transition",
    notify=notify_decision_change,
    transitions=[
        Transition(
            "approve",
            _("Approve and sign the decision"),
            frozenset({D.PREPARED}),
            D.APPROVED,
            "assessments.sign_decision",
            style="success",
            generic=False,
            rewind=_rewind_decision_approval,
        ),
        Transition(
            "release",
            _("Issue and publish"),
            frozenset({D.APPROVED}),
            D.RELEASED,
            "assessments.release_decision",
            generic=False,
            rewind=_rewind_release,
        ),
        Transition(
            "withdraw",
            _("Withdraw the draft"),
            frozenset({D.PREPARED}),
            D.WITHDRAWN,
            "assessments.withdraw_decision",
            reason_required=True,
            style="warning",
            rewind=_rewind_withdrawal,
        ),
        Transition(
            "record_past",
            _("Record a past year's decision"),
            frozenset({D.PREPARED}),
            D.RELEASED,
            "assessments.record_past_decision",
            generic=False,
            rewind=_refuse_past_record,
        ),
    ],
)
