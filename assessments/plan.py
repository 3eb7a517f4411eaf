"""Step 1: the ward steering committee's self-inspection plan."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.cycles import check_plausible_date
from assessments.models import Assessment, SelfInspectionPlan

PLAN_FIELDS = ("number", "issued_on", "team_members", "schedule", "content")


def save_plan(assessment: Assessment, data: dict, user) -> SelfInspectionPlan:
    """Create or update the assessment's self-inspection plan on behalf of ``user``.

    ``data`` holds the plan's fields (``PLAN_FIELDS``). The assessment row is
    locked and the permission checked on it, so a plan cannot change once it
    has been sent to the ward chairman. A draft may lack its number and date
    (the guard of ``submit_plan`` asks for them), but a date it has must be
    plausible for the cycle.
    """
    with transaction.atomic():
        locked = (
            Assessment.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=assessment.pk)
        )
        if not user.has_perm("assessments.edit_plan", locked):
            raise PermissionDenied("assessments.edit_plan")
        check_plausible_date(locked.cycle, data["issued_on"])
        plan, _created = SelfInspectionPlan.objects.update_or_create(
            assessment=locked,
            defaults={**{field: data[field] for field in PLAN_FIELDS}, "updated_by": user},
        )
    return plan


def plan_missing_items(assessment: Assessment) -> list[str]:
    """What keeps the plan from going to the ward chairman, one line each (the guard of ``submit_plan``).

    The chairman approves a plan, and the tờ trình later cites it by number and
    date, so an empty or unnumbered plan cannot be sent.
    """
    try:
        plan = assessment.plan
    except ObjectDoesNotExist:
        return [_("The self-inspection plan has not been drafted yet.")]
    return [
        _("Self-inspection plan: %(what)s missing.") % {"what": what}
        for value, what in (
            (plan.number.strip(), _("number")),
            (plan.issued_on, _("date")),
            (plan.team_members.strip(), _("members of the self-inspection team")),
            (plan.schedule.strip(), _("schedule")),
            (plan.content.strip(), _("content")),
        )
        if not value
    ]
