"""Step 1: the ward steering committee's self-inspection plan."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from assessments.models import Assessment, SelfInspectionPlan

PLAN_FIELDS = ("team_members", "schedule", "content")


def save_plan(assessment: Assessment, data: dict, user) -> SelfInspectionPlan:
    """Create or update the assessment's self-inspection plan on behalf of ``user``.

    ``data`` holds the plan's fields (``team_members``, ``schedule``, ``content``).
    The assessment row is locked and the permission checked on it, so a plan
    cannot change once it has been sent to the ward chairman.
    """
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if not user.has_perm("assessments.edit_plan", locked):
            raise PermissionDenied("assessments.edit_plan")
        plan, _created = SelfInspectionPlan.objects.update_or_create(
            assessment=locked,
            defaults={**{field: data[field] for field in PLAN_FIELDS}, "updated_by": user},
        )
    return plan
