"""Steps 3–4 at the district: inspection plans, the team's scoring and the consolidation.

Plans: district staff draft (``assessments.draft_inspection_plan``), the district
chairman approves or returns them (``assessments.approve_inspection_plan``);
inspectors see the plans they are on. A plan outside ``plans_for_user`` is a 404.
Scoring needs ``assessments.score_inspection`` on the assessment (403 otherwise,
404 when the assessment is not visible); closing needs
``assessments.close_inspection``. The domain functions check the same
permissions again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.consolidation import comparison_rows, load_sheet, scoring_rows, total_of
from assessments.forms.inspection import (
    InspectionPlanForm,
    InspectionScoreForm,
    ReturnPlanForm,
    TeamFormSet,
    team_initial,
)
from assessments.inbox import is_overdue
from assessments.inspection import (
    StaleScore,
    approve_inspection_plan,
    assigned_criteria,
    close_inspection,
    compute_result,
    record_score,
    return_inspection_plan,
    save_inspection_plan,
    submit_inspection_plan,
)
from assessments.inspection_workflow import INSPECTION_PLAN_WORKFLOW
from assessments.models import (
    Assessment,
    AssessmentState,
    Criterion,
    InspectionPlan,
    InspectionResult,
    InspectionScore,
    PlanState,
    TeamMember,
)
from assessments.queries import (
    criterion_or_404,
    plans_for_user,
    visible_assessment_or_404,
    visible_plan_or_404,
)
from assessments.rules import is_on_inspection_team
from assessments.strategies import strategy_for
from assessments.views import indicators as indicator_pages
from assessments.workflow import ReasonRequired, TransitionError
from wards.permissions import require_perm
from wards.rules import is_inspector

NEW_PLAN_ROWS = 6
# The states in which an assessment has inspection results to consolidate.
RESULT_STATES = frozenset(
    {
        AssessmentState.INSPECTION_PLANNED,
        AssessmentState.INSPECTED,
        AssessmentState.RECOGNISED,
        AssessmentState.PUBLISHED,
    }
)  # empty team rows on a new plan (an edit adds two more each time)


# --- Plans ------------------------------------------------------------------------------------------


def may_see_plans(user) -> bool:
    return (
        user.has_perm("assessments.draft_inspection_plan")
        or user.has_perm("assessments.approve_inspection_plan")
        or user.has_perm("assessments.undo_transition")
        or is_inspector(user)
    )


def _with_team(plans: QuerySet[InspectionPlan]) -> QuerySet[InspectionPlan]:
    return plans.prefetch_related(
        Prefetch(
            "assessments", queryset=Assessment.objects.select_related("ward").order_by("ward__sort_key")
        ),
        Prefetch(
            "members",
            queryset=TeamMember.objects.select_related("user", "unit").prefetch_related(
                Prefetch("criteria", queryset=Criterion.objects.order_by("number"))
            ),
        ),
    )


def _visible_plan(request, pk: int) -> InspectionPlan:
    return visible_plan_or_404(request.user, pk, _with_team(plans_for_user(request.user)))


def plan_list(request):
    if not may_see_plans(request.user):
        raise PermissionDenied
    plans = list(_with_team(plans_for_user(request.user)))
    return render(
        request,
        "assessments/inspection/plan_list.html",
        {"plans": plans, "may_draft": request.user.has_perm("assessments.draft_inspection_plan")},
    )


def _plan_form_page(request, plan: InspectionPlan | None):
    """Create or edit: the plan form and the team formset, saved together or not at all."""
    data = request.POST if request.method == "POST" else None
    initial = None
    if plan is not None:
        initial = {
            "title": plan.title,
            "start_date": plan.start_date,
            "end_date": plan.end_date,
            "assessments": list(plan.assessments.all()),
        }
    form = InspectionPlanForm(data, plan=plan, initial=initial)
    framework_criteria = (
        Criterion.objects.filter(framework_id=form.cycle.framework_id).order_by("number")
        if form.cycle
        else Criterion.objects.none()
    )
    team = TeamFormSet(
        data,
        prefix="team",
        initial=team_initial(plan) if plan is not None and data is None else None,
        criteria_queryset=framework_criteria,
        extra=2 if plan is not None else NEW_PLAN_ROWS,
    )
    if data is not None and form.is_valid() and team.is_valid():
        try:
            saved = save_inspection_plan(
                request.user,
                form.cycle,
                title=form.cleaned_data["title"],
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                assessments=list(form.cleaned_data["assessments"]),
                assignments=team.assignments(),
                plan=plan,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The inspection plan “%(title)s” has been saved.") % {"title": saved.title}
            )
            return redirect("assessments:inspection_plan_detail", pk=saved.pk)
    return render(
        request,
        "assessments/inspection/plan_form.html",
        {"form": form, "team": team, "plan": plan},
    )


def plan_create(request):
    require_perm(request, "assessments.draft_inspection_plan")
    return _plan_form_page(request, None)


def plan_edit(request, pk: int):
    plan = _visible_plan(request, pk)
    require_perm(request, "assessments.edit_inspection_plan", plan)
    return _plan_form_page(request, plan)


def _render_detail(
    request, plan: InspectionPlan, return_form: ReturnPlanForm | None = None, status: int = 200
):
    user = request.user
    sees_results = user.has_perm("wards.view_district_overview")
    wards = [
        {
            "assessment": assessment,
            "overdue": is_overdue(assessment.due_date),
            # The same predicates as the scoring and consolidation views: no link to a refusal.
            "may_score": user.has_perm("assessments.score_inspection", assessment),
            "may_see_results": assessment.state in RESULT_STATES
            and (sees_results or is_on_inspection_team(user, assessment)),
        }
        for assessment in plan.assessments.all()
    ]
    last_return = (
        INSPECTION_PLAN_WORKFLOW.latest_change(plan, "return") if plan.state == PlanState.RETURNED else None
    )
    return render(
        request,
        "assessments/inspection/plan_detail.html",
        {
            "plan": plan,
            "wards": wards,
            "may_edit": user.has_perm("assessments.edit_inspection_plan", plan),
            "may_submit": INSPECTION_PLAN_WORKFLOW.may(user, "submit", plan),
            "may_decide": INSPECTION_PLAN_WORKFLOW.may(user, "approve", plan),
            "may_undo": user.has_perm(INSPECTION_PLAN_WORKFLOW.undo_permission, plan),
            "return_form": return_form or ReturnPlanForm(),
            "return_reason": last_return.reason if last_return else "",
            "approved": plan.state == PlanState.APPROVED,
            "history": INSPECTION_PLAN_WORKFLOW.history_rows(plan),
        },
        status=status,
    )


def plan_detail(request, pk: int):
    return _render_detail(request, _visible_plan(request, pk))


def _plan_or_refusal(request, pk: int, name: str):
    """The plan, if the user may take step ``name`` now; a redirect with a message when the page was
    opened before somebody else moved the plan on; 403 when the step is not theirs."""
    plan = _visible_plan(request, pk)
    if INSPECTION_PLAN_WORKFLOW.may(request.user, name, plan):
        return plan, None
    if plan.state not in INSPECTION_PLAN_WORKFLOW.transitions[name].sources:
        messages.error(request, INSPECTION_PLAN_WORKFLOW.no_longer_possible(plan))
        return plan, redirect(plan)
    raise PermissionDenied


def _plan_step(request, pk: int, name: str, step, success: str):
    """Take one step of the plan's workflow through its domain function."""
    plan, refusal = _plan_or_refusal(request, pk, name)
    if refusal:
        return refusal
    try:
        step(plan, request.user)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(plan)


@require_POST
def plan_submit(request, pk: int):
    return _plan_step(
        request, pk, "submit", submit_inspection_plan, _("The inspection plan has been sent for approval.")
    )


@require_POST
def plan_approve(request, pk: int):
    return _plan_step(
        request,
        pk,
        "approve",
        approve_inspection_plan,
        _("The inspection plan has been approved; the team has been told."),
    )


@require_POST
def plan_return(request, pk: int):
    plan, refusal = _plan_or_refusal(request, pk, "return")
    if refusal:
        return refusal
    form = ReturnPlanForm(request.POST)
    form.is_valid()
    try:
        return_inspection_plan(plan, request.user, form.cleaned_data.get("reason", ""))
    except ReasonRequired as error:
        form.add_error("reason", str(error))
        return _render_detail(request, plan, return_form=form)
    except TransitionError as error:
        messages.error(request, str(error))
        return redirect(plan)
    messages.success(request, _("The inspection plan has been returned to the drafter."))
    return redirect(plan)


# --- Scoring ----------------------------------------------------------------------------------------


def _require_scoring(request, assessment: Assessment) -> None:
    require_perm(request, "assessments.score_inspection", assessment)


def scoring(request, pk: int):
    """A team member's page for one ward: their criteria to score, the others read-only."""
    assessment = visible_assessment_or_404(request.user, pk)
    _require_scoring(request, assessment)
    assigned = assigned_criteria(request.user, assessment)
    may_close = request.user.has_perm("assessments.close_inspection", assessment)
    if strategy_for(assessment.cycle.framework).per_indicator:
        return indicator_pages.scoring(request, assessment, assigned, may_close)
    rows = scoring_rows(load_sheet(assessment), assigned)
    return render(
        request,
        "assessments/inspection/scoring.html",
        {
            "assessment": assessment,
            "framework": assessment.cycle.framework,
            "assigned_rows": [row for row in rows if row.assigned],
            "other_rows": [row for row in rows if not row.assigned],
            "may_close": may_close,
        },
    )


def score_criterion(request, pk: int, number: int):
    """Score one assigned criterion; a save based on an outdated version is refused and shown."""
    assessment = visible_assessment_or_404(request.user, pk)
    _require_scoring(request, assessment)
    criterion = criterion_or_404(assessment, number)
    if criterion.pk not in assigned_criteria(request.user, assessment):
        raise PermissionDenied
    if strategy_for(assessment.cycle.framework).per_indicator:
        return indicator_pages.score(request, assessment, criterion)
    score = InspectionScore.objects.filter(assessment=assessment, criterion=criterion).first()
    initial = {"points": None, "comment": "", "evidence_sufficient": True, "version": 0}
    if score is not None:
        initial = {
            "points": score.points,
            "comment": score.comment,
            "evidence_sufficient": score.evidence_sufficient,
            "version": score.version,
        }
    data = request.POST if request.method == "POST" else None
    form = InspectionScoreForm(data, criterion=criterion, initial=initial)
    if data is not None and form.is_valid():
        try:
            saved = record_score(
                assessment,
                criterion,
                request.user,
                points=form.cleaned_data["points"],
                comment=form.cleaned_data["comment"],
                evidence_sufficient=form.cleaned_data["evidence_sufficient"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleScore as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error("points", error)
        else:
            messages.success(
                request,
                _("Criterion %(number)s has been scored: %(points)s points.")
                % {"number": criterion.number, "points": localize(saved.points)},
            )
            return redirect("assessments:scoring", pk=assessment.pk)
        # Show what is stored now, next to what the user typed.
        score = InspectionScore.objects.filter(assessment=assessment, criterion=criterion).first()
    revisions = (
        list(score.revisions.select_related("changed_by").order_by("-changed_at", "-pk")) if score else []
    )
    return render(
        request,
        "assessments/inspection/score_form.html",
        {
            "assessment": assessment,
            "criterion": criterion,
            "framework": assessment.cycle.framework,
            "self_score": assessment.self_scores.filter(criterion=criterion).first(),
            "evidence": list(assessment.evidence.filter(criterion=criterion)),
            "score": score,
            "revisions": revisions,
            "form": form,
        },
    )


# --- Consolidation and closing ----------------------------------------------------------------------


def consolidation(request, pk: int):
    """Self-scores against team scores, with the total and classification (live, or stored once closed).

    Under a level-based framework: findings per indicator and the levels (``views.indicators``).
    """
    assessment = visible_assessment_or_404(request.user, pk)
    user = request.user
    if not (user.has_perm("wards.view_district_overview") or is_on_inspection_team(user, assessment)):
        raise Http404
    result = (
        InspectionResult.objects.select_related("classification", "closed_by")
        .filter(assessment=assessment)
        .first()
    )
    may_close = user.has_perm("assessments.close_inspection", assessment)
    may_score = user.has_perm("assessments.score_inspection", assessment)
    if strategy_for(assessment.cycle.framework).per_indicator:
        return indicator_pages.consolidation(
            request, assessment, result, may_close=may_close, may_score=may_score
        )
    rows = comparison_rows(load_sheet(assessment, with_evidence=False))
    live_total, live_band = (None, None) if result else compute_result(assessment)
    return render(
        request,
        "assessments/inspection/consolidation.html",
        {
            "assessment": assessment,
            "framework": assessment.cycle.framework,
            "rows": rows,
            "self_total": total_of(row.self_points for row in rows),
            "live_total": live_total,
            "live_band": live_band,
            "unscored": [row.criterion.number for row in rows if row.inspection_points is None],
            "result": result,
            "may_close": may_close,
            "may_score": may_score,
        },
    )


def closed_message(result: InspectionResult) -> str:
    classification = result.classification.label if result.classification else _("none")
    if result.level is not None:
        return _("The inspection has been closed: level %(level)s, classification %(classification)s.") % {
            "level": result.level,
            "classification": classification,
        }
    return _("The inspection has been closed: %(total)s points, classification %(classification)s.") % {
        "total": localize(result.total),
        "classification": classification,
    }


@require_POST
def close(request, pk: int):
    assessment = visible_assessment_or_404(request.user, pk)
    require_perm(request, "assessments.close_inspection", assessment)
    try:
        result = close_inspection(assessment, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, closed_message(result))
    return redirect("assessments:consolidation", pk=assessment.pk)
