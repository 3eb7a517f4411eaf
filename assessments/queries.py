"""What a user may see: the visibility queries every assessment and inspection-plan page starts from."""

from datetime import date

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from assessments.models import Assessment, Criterion, InspectionPlan, RecognitionDecision
from wards.models import WARD_ROLES
from wards.rules import is_inspector


def assessments_for_user(user) -> QuerySet[Assessment]:
    """The assessments ``user`` may see, with their ward, cycle and framework joined in.

    - District side (permission ``wards.view_district_overview``: education and
      promotion staff, inspectors, the district chairman, steering committee
      members, system administrators): every ward's assessments.
    - Ward officers and ward chairmen: their own ward's assessments, every year.
    - Anybody else (no role, inactive, anonymous): none.

    It is the query form of the ``assessments.view_assessment`` rule; lists,
    detail pages, actions and the inbox all start from it, and an assessment
    outside it is answered with 404.
    """
    assessments = Assessment.objects.select_related("ward", "cycle__framework")
    if not user.is_authenticated or not user.is_active:
        return assessments.none()
    if user.has_perm("wards.view_district_overview"):
        return assessments
    if user.ward_id and user.has_role(*WARD_ROLES):
        return assessments.filter(ward_id=user.ward_id)
    return assessments.none()


def visible_assessment_or_404(user, pk, queryset: QuerySet[Assessment] | None = None) -> Assessment:
    """Assessment ``pk`` if ``user`` may see it; Http404 otherwise (no hint that it exists).

    ``queryset`` narrows or widens what is loaded with it; it must start from
    ``assessments_for_user(user)``.
    """
    return get_object_or_404(queryset if queryset is not None else assessments_for_user(user), pk=pk)


def criterion_or_404(assessment: Assessment, number: int) -> Criterion:
    """Criterion ``number`` of the framework the assessment is scored on; Http404 if it has no such criterion."""
    return get_object_or_404(Criterion, framework_id=assessment.cycle.framework_id, number=number)


def plans_for_user(user) -> QuerySet[InspectionPlan]:
    """The inspection plans ``user`` may see.

    - District staff (who draft), the district chairman (who approves) and the system
      administrator (who may undo a step): every plan.
    - Inspectors: the plans they are a member of.
    - Anybody else: none.
    """
    plans = InspectionPlan.objects.select_related("cycle", "drafted_by", "approved_by")
    if (
        user.has_perm("assessments.draft_inspection_plan")
        or user.has_perm("assessments.approve_inspection_plan")
        or user.has_perm("assessments.undo_transition")
    ):
        return plans
    if is_inspector(user):
        return plans.filter(members__user=user).distinct()
    return plans.none()


def visible_plan_or_404(user, pk, queryset: QuerySet[InspectionPlan] | None = None) -> InspectionPlan:
    """Inspection plan ``pk`` if ``user`` may see it (``plans_for_user``); Http404 otherwise."""
    return get_object_or_404(queryset if queryset is not None else plans_for_user(user), pk=pk)


def decisions_for_user(user) -> QuerySet[RecognitionDecision]:
    """The recognition decisions ``user`` may see on the district's pages.

    - District side (``wards.view_district_overview``): every decision.
    - Anybody else: none (a released decision is public through the results pages only).
    """
    decisions = RecognitionDecision.objects.select_related("cycle__framework", "prepared_by", "approved_by")
    if user.is_authenticated and user.has_perm("wards.view_district_overview"):
        return decisions
    return decisions.none()


def decision_or_404(user, pk, queryset: QuerySet[RecognitionDecision] | None = None) -> RecognitionDecision:
    """Decision ``pk`` if ``user`` may see it; Http404 otherwise (no hint that it exists)."""
    return get_object_or_404(queryset if queryset is not None else decisions_for_user(user), pk=pk)


def overdue_condition(today: date | None = None) -> Q:
    """An assessment is overdue when what it waits for was due before ``today`` (the due day is on time).

    The query form of ``assessments.inbox.is_overdue``; the workflow engine clears
    the due date when a step needs nothing more by a date.
    """
    return Q(due_date__lt=today or timezone.localdate())
