"""The assessment's workflow: the transition table of a ward's five-step procedure.

For each transition: the states it leaves, the state it reaches, the permission
(a rules predicate in ``assessments.rules``) the actor needs, whether a reason is
required, a guard that lists what is missing, the deadline it starts, and what
an undo must take back (``rewind``). The engine (``engines.workflow``) does the
rest; ``perform_transition`` and ``undo_last_transition`` are called by views,
the admin, commands and tests alike, so none of them can skip a check, the
history row or the notifications.

Steps 4 and 5 are taken for several wards at once by an inspection plan's or a
decision's own transition (``assessments.inspection_workflow``); such a step is
taken back by undoing that plan's or decision's step, which rewinds every ward.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments.dossier import missing_items
from assessments.models import (
    Assessment,
    AssessmentState,
    DecisionState,
    InspectionResult,
    PlanState,
    Procedure,
    StateChange,
)
from assessments.notifications import notify_state_change
from assessments.plan import plan_missing_items
from assessments.procedures import procedure_of
from assessments.strategies import strategy_for
from engines.workflow import (
    GuardFailed,
    ReasonRequired,
    Transition,
    TransitionError,
    TransitionNotAllowed,
    Workflow,
    WorkingDays,
)

S = AssessmentState

__all__ = [
    "ASSESSMENT_WORKFLOW",
    "TRANSITIONS",
    "GuardFailed",
    "ReasonRequired",
    "TransitionError",
    "TransitionNotAllowed",
    "latest_change",
    "no_longer_possible",
    "perform_transition",
    "undo_last_transition",
]


@dataclass(frozen=True)
class CycleDate:
    """A deadline fixed by the cycle's calendar (e.g. the dossier deadline)."""

    field: str
    label: str

    def due(self, assessment: Assessment, today: date) -> date:
        return getattr(assessment.cycle, self.field)


@dataclass(frozen=True)
class InspectionEnd:
    """The inspection is due on the last day of the approved plan that covers the ward.

    Not the cycle's calendar: a plan approved after the cycle's inspection window
    would otherwise be born overdue.
    """

    label: str

    def due(self, assessment: Assessment, today: date) -> date:
        last_day = (
            assessment.inspection_plans.filter(state=PlanState.APPROVED)
            .order_by("-end_date")
            .values_list("end_date", flat=True)
            .first()
        )
        return last_day or today


def _plan_titles(assessment: Assessment) -> str:
    titles = assessment.inspection_plans.filter(state=PlanState.APPROVED).values_list("title", flat=True)
    return ", ".join(f"“{title}”" for title in titles)


def _refuse_plan_step(assessment: Assessment, change, actor, reason) -> None:
    raise TransitionNotAllowed(
        gettext(
            "This step came with the approval of the inspection plan %(plan)s: undo that approval on "
            "the plan's page (it takes back every ward of the plan)."
        )
        % {"plan": _plan_titles(assessment)}
    )


def _decision_numbers(assessment: Assessment, state: str) -> str:
    numbers = assessment.decisions.filter(state=state).values_list("number", flat=True)
    return ", ".join(numbers)


def _refuse_recognition(assessment: Assessment, change, actor, reason) -> None:
    raise TransitionNotAllowed(
        gettext(
            "The ward was recognised by decision %(number)s: undo the decision's approval on its page "
            "(it takes back every ward of the decision)."
        )
        % {"number": _decision_numbers(assessment, DecisionState.APPROVED)}
    )


def _refuse_publication(assessment: Assessment, change, actor, reason) -> None:
    raise TransitionNotAllowed(
        gettext(
            "The result was published with decision %(number)s: undo the decision's release on its page "
            "(it takes back every ward of the decision)."
        )
        % {"number": _decision_numbers(assessment, DecisionState.RELEASED)}
    )


def _rewind_close(assessment: Assessment, change, actor, reason) -> None:
    """The stored result goes; a draft decision proposing the ward blocks the undo until it is withdrawn."""
    drafts = assessment.decisions.filter(state=DecisionState.PREPARED)
    if drafts.exists():
        raise TransitionNotAllowed(
            gettext(
                "The ward is proposed in a draft recognition decision: withdraw that draft first "
                "(on the decisions page)."
            )
        )
    InspectionResult.objects.filter(assessment=assessment).delete()


def _rewind_import(assessment: Assessment, change, actor, reason) -> None:
    """The imported scores and result, and the ward's place in the imported decision, go."""
    InspectionResult.objects.filter(assessment=assessment, imported=True).delete()
    assessment.inspection_scores.all().delete()
    for decision in assessment.decisions.all():
        decision.assessments.remove(assessment)


def _self_missing(assessment: Assessment) -> list[str]:
    """The indicators (criteria) the ward has not answered: the meeting agrees a complete self-assessment."""
    return strategy_for(assessment.cycle.framework).self_missing(assessment)


DOSSIER_DUE = CycleDate("dossier_deadline", _("dossier due"))
PLAN_FIRST = frozenset({Procedure.PLAN_FIRST})
MEETING_REQUEST = frozenset({Procedure.MEETING_REQUEST})

ASSESSMENT_WORKFLOW = Workflow(
    model=Assessment,
    history_model=StateChange,
    subject_field="assessment",
    undo_permission="assessments.undo_transition",
    notify=notify_state_change,
    variant_of=procedure_of,
    transitions=[
        Transition(
            "submit_plan",
            _("Send the plan to the ward chairman"),
            frozenset({S.PLAN_DRAFT}),
            S.PLAN_SUBMITTED,
            "assessments.submit_plan",
            deadline=DOSSIER_DUE,
            guard=plan_missing_items,
            guard_message=_("The plan cannot be sent yet. Missing:"),
            variants=PLAN_FIRST,
        ),
        Transition(
            "approve_plan",
            _("Approve the self-inspection plan"),
            frozenset({S.PLAN_SUBMITTED}),
            S.DOSSIER_PREPARATION,
            "assessments.approve_plan",
            deadline=DOSSIER_DUE,
            style="success",
            variants=PLAN_FIRST,
        ),
        Transition(
            "return_plan",
            _("Return the plan with a reason"),
            frozenset({S.PLAN_SUBMITTED}),
            S.PLAN_DRAFT,
            "assessments.return_plan",
            reason_required=True,
            deadline=DOSSIER_DUE,
            style="warning",
            variants=PLAN_FIRST,
        ),
        Transition(
            "submit_self_assessment",
            _("Send the self-assessment to the ward chairman for the meeting"),
            frozenset({S.PLAN_DRAFT}),
            S.PLAN_SUBMITTED,
            "assessments.submit_plan",
            deadline=DOSSIER_DUE,
            guard=_self_missing,
            guard_message=_("The self-assessment cannot be sent yet. Missing:"),
            variants=MEETING_REQUEST,
        ),
        Transition(
            "agree_self_assessment",
            _("Record that the meeting agreed the self-assessment"),
            frozenset({S.PLAN_SUBMITTED}),
            S.DOSSIER_PREPARATION,
            "assessments.approve_plan",
            deadline=DOSSIER_DUE,
            style="success",
            variants=MEETING_REQUEST,
        ),
        Transition(
            "return_self_assessment",
            _("Return the self-assessment with what the meeting asked"),
            frozenset({S.PLAN_SUBMITTED}),
            S.PLAN_DRAFT,
            "assessments.return_plan",
            reason_required=True,
            deadline=DOSSIER_DUE,
            style="warning",
            variants=MEETING_REQUEST,
        ),
        Transition(
            "submit_dossier",
            _("Send the dossier to the district"),
            frozenset({S.DOSSIER_PREPARATION, S.RETURNED}),
            S.SUBMITTED,
            "assessments.submit_dossier",
            dated_guard=missing_items,
            guard_message=_("The dossier cannot be sent yet. Missing:"),
            style="success",
        ),
        Transition(
            "receive_dossier",
            _("Receive the dossier as complete and valid"),
            frozenset({S.SUBMITTED}),
            S.RECEIVED,
            "assessments.receive_dossier",
            deadline=WorkingDays(10, _("inspection plan due")),
            style="success",
            generic=False,
        ),
        Transition(
            "return_dossier",
            _("Return the dossier for supplement"),
            frozenset({S.SUBMITTED, S.RECEIVED}),
            S.RETURNED,
            "assessments.return_dossier",
            reason_required=True,
            style="warning",
            generic=False,
        ),
        Transition(
            "plan_inspection",
            _("Approve the inspection plan"),
            frozenset({S.RECEIVED}),
            S.INSPECTION_PLANNED,
            "assessments.plan_inspection",
            deadline=InspectionEnd(_("inspection due")),
            generic=False,
            rewind=_refuse_plan_step,
        ),
        Transition(
            "close_inspection",
            _("Close the inspection"),
            frozenset({S.INSPECTION_PLANNED}),
            S.INSPECTED,
            "assessments.close_inspection",
            deadline=WorkingDays(5, _("recognition due")),
            generic=False,
            rewind=_rewind_close,
        ),
        Transition(
            "recognise",
            _("Recognise the classification"),
            frozenset({S.INSPECTED}),
            S.RECOGNISED,
            "assessments.recognise",
            style="success",
            generic=False,
            rewind=_refuse_recognition,
        ),
        Transition(
            "publish",
            _("Publish the result"),
            frozenset({S.RECOGNISED}),
            S.PUBLISHED,
            "assessments.publish",
            generic=False,
            rewind=_refuse_publication,
        ),
        Transition(
            "import_result",
            _("Import a past year's published result"),
            frozenset({S.PLAN_DRAFT}),
            S.PUBLISHED,
            "assessments.import_results",
            generic=False,
            rewind=_rewind_import,
        ),
    ],
)

TRANSITIONS = ASSESSMENT_WORKFLOW.transitions
perform_transition = ASSESSMENT_WORKFLOW.perform
undo_last_transition = ASSESSMENT_WORKFLOW.undo_last
no_longer_possible = ASSESSMENT_WORKFLOW.no_longer_possible
latest_change = ASSESSMENT_WORKFLOW.latest_change
