"""Who may do what with an assessment: role predicates combined with state predicates.

Each workflow transition has one permission here; the engine, the views and the
templates all check that same name.
"""

import rules

from assessments.models import AssessmentState as S
from assessments.models import DecisionState as D
from assessments.models import PlanState, Procedure, TeamMember
from assessments.models import PlanState as P
from wards.rules import (
    is_district_approver,
    is_district_side,
    is_district_staff,
    is_system_admin,
    is_ward_chairman,
    is_ward_officer,
    ward_is_open,
)


@rules.predicate
def is_of_assessment_ward(user, assessment) -> bool:
    return bool(user.is_authenticated) and assessment is not None and user.ward_id == assessment.ward_id


def in_state(*states: str):
    """A predicate true when the assessment is in one of ``states``."""

    @rules.predicate(name=f"in_state:{'|'.join(states)}")
    def predicate(user, assessment) -> bool:
        return assessment is not None and assessment.state in states

    return predicate


@rules.predicate
def is_on_inspection_team(user, assessment) -> bool:
    """A member of an approved inspection plan that covers this ward's assessment."""
    if not user.is_authenticated or assessment is None or assessment.pk is None:
        return False
    return TeamMember.objects.filter(
        user=user, plan__state=PlanState.APPROVED, plan__assessments=assessment
    ).exists()


@rules.predicate
def is_team_lead_of(user, assessment) -> bool:
    if not user.is_authenticated or assessment is None or assessment.pk is None:
        return False
    return TeamMember.objects.filter(
        user=user, is_lead=True, plan__state=PlanState.APPROVED, plan__assessments=assessment
    ).exists()


@rules.predicate
def all_wards_publishable(user, decision) -> bool:
    """Every ward of the decision may be published by ``user`` now (and there is at least one)."""
    if decision is None or decision.pk is None:
        return False
    assessments = decision.assessments.all()
    return bool(assessments) and all(user.has_perm("assessments.publish", a) for a in assessments)


@rules.predicate
def assessed_before_the_meeting(user, assessment) -> bool:
    """Circular 25: the ward assesses itself before a meeting agrees it (no self-inspection plan)."""
    return assessment.cycle.framework.procedure == Procedure.MEETING_REQUEST


is_officer_of_assessment = is_ward_officer & is_of_assessment_ward
is_chairman_of_assessment = is_ward_chairman & is_of_assessment_ward
is_ward_user_of_assessment = is_officer_of_assessment | is_chairman_of_assessment
ward_may_send_dossier = in_state(S.DOSSIER_PREPARATION, S.RETURNED)
ward_may_edit_dossier = ward_may_send_dossier | (in_state(S.PLAN_DRAFT) & assessed_before_the_meeting)
# The ward's own steps end with the ward: a ward merged away keeps its dossiers read-only (wards.mergers).
# Last in each rule: it reads the assessment's ward, the role and state checks before it are free.

rules.add_perm("assessments.view_assessment", is_district_side | is_ward_user_of_assessment)
rules.add_perm(
    "assessments.edit_plan",
    is_officer_of_assessment & in_state(S.PLAN_DRAFT) & ~assessed_before_the_meeting & ward_is_open,
)
rules.add_perm("assessments.edit_dossier", is_officer_of_assessment & ward_may_edit_dossier & ward_is_open)

# One permission per transition of assessments.workflow.TRANSITIONS.
rules.add_perm("assessments.submit_plan", is_officer_of_assessment & in_state(S.PLAN_DRAFT) & ward_is_open)
rules.add_perm(
    "assessments.approve_plan", is_chairman_of_assessment & in_state(S.PLAN_SUBMITTED) & ward_is_open
)
rules.add_perm(
    "assessments.return_plan", is_chairman_of_assessment & in_state(S.PLAN_SUBMITTED) & ward_is_open
)
rules.add_perm(
    "assessments.submit_dossier", is_ward_user_of_assessment & ward_may_send_dossier & ward_is_open
)
rules.add_perm("assessments.receive_dossier", is_district_staff & in_state(S.SUBMITTED))
rules.add_perm("assessments.return_dossier", is_district_staff & in_state(S.SUBMITTED, S.RECEIVED))
rules.add_perm("assessments.plan_inspection", is_district_approver & in_state(S.RECEIVED))
rules.add_perm("assessments.close_inspection", in_state(S.INSPECTION_PLANNED) & is_team_lead_of)
rules.add_perm("assessments.recognise", is_district_approver & in_state(S.INSPECTED))
rules.add_perm("assessments.publish", (is_district_staff | is_district_approver) & in_state(S.RECOGNISED))
# The state check comes first: it is free, the team check costs a query.
rules.add_perm("assessments.score_inspection", in_state(S.INSPECTION_PLANNED) & is_on_inspection_team)
rules.add_perm("assessments.undo_transition", is_system_admin)
rules.add_perm("assessments.import_results", is_system_admin & in_state(S.PLAN_DRAFT))

rules.add_perm("assessments.manage_frameworks", is_system_admin)
rules.add_perm("assessments.manage_cycles", is_system_admin | is_district_staff)
rules.add_perm("assessments.view_cycles", is_district_side)
rules.add_perm("assessments.draft_inspection_plan", is_district_staff)
rules.add_perm("assessments.approve_inspection_plan", is_district_approver)
rules.add_perm("assessments.prepare_decision", is_district_staff)
rules.add_perm("assessments.approve_decision", is_district_approver)

# One permission per transition of the inspection plans' and decisions' workflows
# (assessments.inspection_workflow); the role-level permissions above say who works on them at all.
rules.add_perm("assessments.edit_inspection_plan", is_district_staff & in_state(P.DRAFT, P.RETURNED))
rules.add_perm("assessments.submit_inspection_plan", is_district_staff & in_state(P.DRAFT, P.RETURNED))
rules.add_perm("assessments.decide_inspection_plan", is_district_approver & in_state(P.SUBMITTED))
rules.add_perm("assessments.sign_decision", is_district_approver & in_state(D.PREPARED))
rules.add_perm(
    "assessments.release_decision",
    (is_district_staff | is_district_approver) & in_state(D.APPROVED) & all_wards_publishable,
)
rules.add_perm("assessments.withdraw_decision", is_district_staff & in_state(D.PREPARED))
rules.add_perm("assessments.record_past_decision", is_system_admin & in_state(D.PREPARED))
