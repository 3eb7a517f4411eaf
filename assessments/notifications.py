"""Tell people when work reaches them: an in-app notification and the same text by e-mail.

Called after the transaction commits, so nobody is told about a change that
was rolled back.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from assessments.models import AssessmentState, InspectionPlan, Notification, StateChange
from wards.models import Role, User

logger = logging.getLogger(__name__)
S = AssessmentState

# Who must act (or know) once an assessment reaches a state.
_WARD = (Role.WARD_OFFICER, Role.WARD_CHAIRMAN)
_RECIPIENT_ROLES: dict[str, tuple[tuple[str, ...], bool]] = {
    # state: (roles, only users of the assessment's ward)
    S.PLAN_SUBMITTED: ((Role.WARD_CHAIRMAN,), True),
    S.PLAN_DRAFT: ((Role.WARD_OFFICER,), True),
    S.DOSSIER_PREPARATION: (_WARD, True),
    S.SUBMITTED: ((Role.EDUCATION_STAFF, Role.PROMOTION_STAFF), False),
    S.RETURNED: (_WARD, True),
    S.RECEIVED: (_WARD, True),
    S.INSPECTION_PLANNED: (_WARD, True),
    S.INSPECTED: ((Role.DISTRICT_APPROVER,), False),
    S.RECOGNISED: (_WARD, True),
    S.PUBLISHED: (_WARD, True),
}


def recipients(change: StateChange) -> list[User]:
    roles, ward_only = _RECIPIENT_ROLES.get(change.to_state, ((), False))
    if not roles:
        return []
    users = User.objects.filter(is_active=True, role_grants__role__in=roles).exclude(pk=change.actor_id)
    if ward_only:
        users = users.filter(ward_id=change.assessment.ward_id)
    return list(users.distinct())


def notify_users(users, subject: str, body: str, url: str) -> None:
    """Create the in-app notifications and send each person the e-mail."""
    Notification.objects.bulk_create(
        Notification(recipient=user, subject=subject, body=body, url=url) for user in users
    )
    for user in users:
        if not user.email:
            continue
        try:
            send_mail(subject, f"{body}\n\n{url}", settings.DEFAULT_FROM_EMAIL, [user.email])
        except OSError:
            logger.exception("Could not e-mail %s about %s", user.email, subject)


def notify_state_change(change_pk: int) -> None:
    change = StateChange.objects.select_related("assessment__ward", "assessment__cycle", "actor").get(
        pk=change_pk
    )
    users = recipients(change)
    if not users:
        return
    assessment = change.assessment
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(ward)s, %(year)s: %(state)s") % {
            "ward": assessment.ward.name,
            "year": assessment.cycle.year,
            "state": AssessmentState(change.to_state).label,
        }
        lines = [_("%(actor)s changed the assessment.") % {"actor": change.actor}]
        if change.reason:
            lines.append(_("Reason: %(reason)s") % {"reason": change.reason})
        if change.due_date:
            lines.append(_("Due date: %(date)s") % {"date": change.due_date.strftime("%d/%m/%Y")})
    notify_users(users, subject, "\n".join(lines), assessment.get_absolute_url())


def notify_team(plan_pk: int) -> None:
    """Tell each member of an approved inspection plan which wards and criteria are theirs."""
    plan = InspectionPlan.objects.prefetch_related(
        "members__user", "members__criteria", "assessments__ward"
    ).get(pk=plan_pk)
    wards = ", ".join(assessment.ward.name for assessment in plan.assessments.all())
    for member in plan.members.all():
        numbers = ", ".join(str(criterion.number) for criterion in member.criteria.all())
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Inspection assigned: %(title)s") % {"title": plan.title}
            body = _("Wards: %(wards)s. Criteria you check: %(numbers)s. Dates: %(start)s – %(end)s.") % {
                "wards": wards,
                "numbers": numbers,
                "start": plan.start_date.strftime("%d/%m/%Y"),
                "end": plan.end_date.strftime("%d/%m/%Y"),
            }
        notify_users(
            [member.user], subject, body, reverse("assessments:inspection_plan_detail", args=[plan.pk])
        )
