"""Undo with a reason for assessments, inspection plans and decisions: the engine's one undo page."""

from assessments.inspection_workflow import DECISION_WORKFLOW, INSPECTION_PLAN_WORKFLOW
from assessments.queries import decision_or_404, visible_assessment_or_404, visible_plan_or_404
from assessments.workflow import ASSESSMENT_WORKFLOW
from engines.views import undo_page


def assessment_undo(request, pk: int):
    assessment = visible_assessment_or_404(request.user, pk)
    subject = f"{assessment.ward.name} · {assessment.cycle.year}"
    return undo_page(request, assessment, ASSESSMENT_WORKFLOW, subject)


def plan_undo(request, pk: int):
    plan = visible_plan_or_404(request.user, pk)
    return undo_page(request, plan, INSPECTION_PLAN_WORKFLOW, plan.title)


def decision_undo(request, pk: int):
    decision = decision_or_404(request.user, pk)
    return undo_page(request, decision, DECISION_WORKFLOW, f"{decision} · {decision.cycle.year}")
