"""Business rules of the district side (steps 3–5): receipt, inspection plan, scoring, results, decisions."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from assessments.authority import cycle_authority
from assessments.decision_numbers import check_decision_number, register_decision_number
from assessments.documents.district_side import decision_symbol
from assessments.inspection_workflow import DECISION_WORKFLOW, INSPECTION_PLAN_WORKFLOW
from assessments.models import (
    Assessment,
    AssessmentState,
    Criterion,
    Cycle,
    DecisionState,
    InspectionPlan,
    InspectionResult,
    InspectionScore,
    PlanState,
    RecognitionDecision,
    ReturnItem,
    ScoreRevision,
    TeamMember,
)
from assessments.scoring import validate_points
from assessments.strategies import strategy_for
from assessments.workflow import TransitionError, perform_transition
from engines.workflow import effective_moment
from wards.models import District, User


class StaleScore(TransitionError):
    """Someone saved the score after this user loaded it."""


@dataclass(frozen=True)
class MemberAssignment:
    user: User
    criteria: list[Criterion]
    is_lead: bool = False


def return_dossier(assessment: Assessment, actor: User, items: list[str], *, today: date | None = None):
    """Send the dossier back for supplement, one reason per missing item (the ward sees each).

    The inspection-plan clock stops: the assessment leaves RECEIVED and a new
    10-working-day clock starts only when the district receives it again.
    """
    items = [item.strip() for item in items if item.strip()]
    if not items:
        raise ValidationError(_("Name at least one missing item."))
    with transaction.atomic():
        change = perform_transition(assessment, "return_dossier", actor, reason="\n".join(items), today=today)
        ReturnItem.objects.bulk_create(
            ReturnItem(assessment=assessment, state_change=change, text=text) for text in items
        )
    return change


def conflict_of_interest(assignments: list[MemberAssignment], assessments: list[Assessment]) -> list[str]:
    """Members who belong to a ward they would inspect, one message each."""
    wards = {assessment.ward_id: assessment.ward for assessment in assessments}
    return [
        _("%(member)s belongs to %(ward)s and cannot inspect it.")
        % {"member": assignment.user, "ward": wards[assignment.user.ward_id]}
        for assignment in assignments
        if assignment.user.ward_id in wards
    ]


@transaction.atomic
def save_inspection_plan(
    actor: User,
    cycle: Cycle,
    *,
    title: str,
    start_date: date,
    end_date: date,
    assessments: list[Assessment],
    assignments: list[MemberAssignment],
    plan: InspectionPlan | None = None,
) -> InspectionPlan:
    """Create or update a draft inspection plan with its team (refusing conflicts of interest)."""
    if not actor.has_perm("assessments.draft_inspection_plan"):
        raise PermissionDenied
    if plan is not None and not actor.has_perm("assessments.edit_inspection_plan", plan):
        raise ValidationError(_("Only a draft or returned plan can be changed."))
    problems = conflict_of_interest(assignments, assessments)
    if end_date < start_date:
        problems.append(_("The last inspection day is before the first."))
    if not assessments:
        problems.append(_("Choose at least one ward."))
    if sum(assignment.is_lead for assignment in assignments) != 1:
        problems.append(_("The team needs exactly one lead."))
    if problems:
        raise ValidationError(problems)
    if plan is None:
        plan = InspectionPlan(cycle=cycle, drafted_by=actor)
    plan.title, plan.start_date, plan.end_date = title, start_date, end_date
    plan.save()
    plan.assessments.set(assessments)
    plan.members.all().delete()
    for assignment in assignments:
        member = TeamMember.objects.create(
            plan=plan, user=assignment.user, unit=assignment.user.unit, is_lead=assignment.is_lead
        )
        member.criteria.set(assignment.criteria)
    return plan


def submit_inspection_plan(plan: InspectionPlan, actor: User) -> None:
    """District staff send the drafted (or corrected) plan to the chairman."""
    INSPECTION_PLAN_WORKFLOW.perform(plan, "submit", actor)


@transaction.atomic
def approve_inspection_plan(plan: InspectionPlan, approver: User, *, today: date | None = None) -> None:
    """The chairman approves: every covered dossier moves to step 4 and each team member is told."""
    INSPECTION_PLAN_WORKFLOW.perform(plan, "approve", approver, today=today)
    InspectionPlan.objects.filter(pk=plan.pk).update(
        approved_by=approver, approved_at=effective_moment(today)
    )
    for assessment in plan.assessments.all():
        perform_transition(assessment, "plan_inspection", approver, today=today)


def return_inspection_plan(plan: InspectionPlan, approver: User, reason: str) -> None:
    """The chairman sends the plan back to the drafter, saying why (kept in the plan's history)."""
    INSPECTION_PLAN_WORKFLOW.perform(plan, "return", approver, reason=reason)


def assigned_criteria(user: User, assessment: Assessment) -> set[int]:
    """Criterion ids ``user`` checks for this ward under an approved plan."""
    return set(
        TeamMember.objects.filter(
            user=user, plan__state=PlanState.APPROVED, plan__assessments=assessment
        ).values_list("criteria", flat=True)
    ) - {None}


def record_score(
    assessment: Assessment,
    criterion: Criterion,
    actor: User,
    *,
    points: Decimal,
    comment: str,
    evidence_sufficient: bool,
    expected_version: int,
) -> InspectionScore:
    """Save one inspection score, refusing a save based on an out-of-date version.

    ``expected_version`` is the version the inspector loaded (0 for a criterion
    not scored yet). A criterion whose evidence does not fit scores 0. Every
    change is kept as a ``ScoreRevision``.
    """
    assessment = Assessment.objects.select_related("cycle__framework").get(pk=assessment.pk)  # current state
    if not actor.has_perm("assessments.score_inspection", assessment):
        raise PermissionDenied
    if criterion.pk not in assigned_criteria(actor, assessment):
        raise PermissionDenied(
            _("Criterion %(number)s is not assigned to you.") % {"number": criterion.number}
        )
    validate_points(criterion, points)
    if not evidence_sufficient and points > 0:
        raise ValidationError(_("A criterion without fitting evidence scores 0."))
    if points > 0 and not assessment.evidence.filter(criterion=criterion).exists():
        # The ward confirmed, when sending, that this criterion would score 0.
        raise ValidationError(_("The ward sent no evidence for this criterion: it scores 0."))
    try:
        with transaction.atomic():
            score = (
                InspectionScore.objects.select_for_update()
                .filter(assessment=assessment, criterion=criterion)
                .first()
            )
            current_version = score.version if score else 0
            if current_version != expected_version:
                raise StaleScore(_("Someone changed this score in the meantime. Please reload the page."))
            old = (score.points, score.comment, score.evidence_sufficient) if score else (None, "", None)
            if score is None:
                score = InspectionScore.objects.create(
                    assessment=assessment,
                    criterion=criterion,
                    points=points,
                    comment=comment,
                    evidence_sufficient=evidence_sufficient,
                    scored_by=actor,
                )
            else:
                score.points, score.comment, score.evidence_sufficient = points, comment, evidence_sufficient
                score.version, score.scored_by = score.version + 1, actor
                score.save()
            ScoreRevision.objects.create(
                score=score,
                version=score.version,
                changed_by=actor,
                old_points=old[0],
                new_points=points,
                old_comment=old[1],
                new_comment=comment,
                old_evidence_sufficient=old[2],
                new_evidence_sufficient=evidence_sufficient,
            )
    except IntegrityError:
        raise StaleScore(_("Someone changed this score in the meantime. Please reload the page.")) from None
    return score


def compute_result(assessment: Assessment) -> tuple[Decimal, object]:
    """Total of the inspection scores and the grade it reaches under the cycle's framework
    (under a level-based framework: 0 and the level's classification, ``assessments.strategies``)."""
    outcome = strategy_for(assessment.cycle.framework).result(assessment)
    return outcome.total, outcome.classification


@transaction.atomic
def close_inspection(assessment: Assessment, lead: User, *, today: date | None = None) -> InspectionResult:
    """The team lead closes: the result is computed once, stored, and the 5-day recognition clock starts."""
    assessment.refresh_from_db(fields=["state"])
    assessment._loaded_state = assessment.state
    if not lead.has_perm("assessments.close_inspection", assessment):
        raise PermissionDenied
    strategy = strategy_for(assessment.cycle.framework)
    unscored = strategy.unscored(assessment)
    if unscored:
        raise ValidationError(unscored)
    outcome = strategy.result(assessment)
    result, _created = InspectionResult.objects.update_or_create(
        assessment=assessment,
        defaults={
            "total": outcome.total,
            "level": outcome.level,
            "classification": outcome.classification,
            "closed_by": lead,
            "closed_at": effective_moment(today),
        },
    )
    perform_transition(assessment, "close_inspection", lead, today=today)
    return result


@transaction.atomic
def prepare_decision(cycle: Cycle, actor: User, assessments: list[Assessment]) -> RecognitionDecision:
    """District staff compile the recognition proposal for inspected wards (one live decision per ward)."""
    if not actor.has_perm("assessments.prepare_decision"):
        raise PermissionDenied
    in_other = (
        RecognitionDecision.objects.exclude(state=DecisionState.WITHDRAWN)
        .filter(assessments__in=assessments)
        .values_list("assessments__ward__name", flat=True)
    )
    if in_other:
        raise ValidationError(
            _("These wards are already in another decision: %(wards)s.")
            % {"wards": ", ".join(sorted(set(in_other)))}
        )
    not_ready = [a.ward.name for a in assessments if a.state != AssessmentState.INSPECTED]
    if not_ready or not assessments:
        raise ValidationError(
            _("These wards have not been inspected yet: %(wards)s.") % {"wards": ", ".join(not_ready)}
            if not_ready
            else _("Choose at least one ward.")
        )
    decision = RecognitionDecision.objects.create(cycle=cycle, prepared_by=actor)
    decision.assessments.set(assessments)
    return decision


@transaction.atomic
def approve_decision(
    decision: RecognitionDecision,
    approver: User,
    *,
    number: str,
    issued_on: date,
    signer: str,
    signer_title: str,
    today: date | None = None,
) -> RecognitionDecision:
    """The chairman signs: every ward of the decision is recognised (published later, all at once)."""
    if not (number.strip() and signer.strip()):
        raise ValidationError(_("The decision needs a number and a signer."))
    check_decision_number(decision, number, issued_on)
    number = decision_symbol(number)
    DECISION_WORKFLOW.perform(decision, "approve", approver, reason=number, today=today)
    RecognitionDecision.objects.filter(pk=decision.pk).update(
        number=number,
        issued_on=issued_on,
        signer=signer.strip(),
        signer_title=signer_title.strip(),
        approved_by=approver,
    )
    decision.refresh_from_db()
    district = District.current()
    issuer = cycle_authority(decision.cycle, district).recognising_body.upper() if district else ""
    register_decision_number(decision, issuer)
    for assessment in decision.assessments.all():
        perform_transition(assessment, "recognise", approver, reason=decision.number, today=today)
    return decision


@transaction.atomic
def release_decision(decision: RecognitionDecision, actor: User, *, today: date | None = None) -> None:
    """Publish every ward of an approved decision at once."""
    DECISION_WORKFLOW.perform(decision, "release", actor, today=today)
    for assessment in decision.assessments.all():
        perform_transition(assessment, "publish", actor, today=today)


def withdraw_decision(decision: RecognitionDecision, actor: User, reason: str) -> None:
    """District staff withdraw a draft decision; its wards may then go into another one."""
    DECISION_WORKFLOW.perform(decision, "withdraw", actor, reason=reason)
