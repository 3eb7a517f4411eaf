"""Tell people when work reaches them: an in-app notification and the same text by e-mail.

Called after the transaction commits, so nobody is told about a change that
was rolled back. The in-app notification is written first and is the record:
its e-mail stays due until the mail server has taken it, so a mail server that
is down loses nothing — ``retry_notification_emails`` (run by ``send_reminders``)
sends it later, and the transition that caused it is never undone.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from assessments.models import (
    AssessmentState,
    DecisionChange,
    DecisionState,
    InspectionPlan,
    InspectionPlanChange,
    Notification,
    PlanState,
    StateChange,
)
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


MAX_EMAIL_ATTEMPTS = 5


def notify_users(users, subject: str, body: str, url: str) -> None:
    """Create the in-app notifications and send each person who has an address the e-mail."""
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, subject=subject, body=body, url=url, email_due=bool(user.email))
        for user in users
    )
    for notification in notifications:
        if notification.email_due:
            email_notification(notification)


def email_notification(notification: Notification) -> bool:
    """Send the notification's e-mail; record it sent, or one more failed attempt. Never raises.

    Any error of the mail backend counts as a failure (``SMTPException`` is an
    ``OSError``, a refused header a ``ValueError``; other backends raise others):
    the step that caused the notification has been committed and must stand.
    """
    address = notification.recipient.email
    try:
        send_mail(
            notification.subject,
            f"{notification.body}\n\n{notification.url}",
            settings.DEFAULT_FROM_EMAIL,
            [address],
        )
    except Exception:
        logger.exception(
            "Could not e-mail %s about %s; it will be tried again.", address, notification.subject
        )
        Notification.objects.filter(pk=notification.pk).update(email_attempts=F("email_attempts") + 1)
        return False
    Notification.objects.filter(pk=notification.pk).update(
        email_due=False, email_attempts=F("email_attempts") + 1
    )
    return True


def retry_notification_emails() -> int:
    """Send again every e-mail still due (fewer than ``MAX_EMAIL_ATTEMPTS`` tries); the number sent now."""
    due = (
        Notification.objects.filter(email_due=True, email_attempts__lt=MAX_EMAIL_ATTEMPTS)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("pk")
    )
    return sum(email_notification(notification) for notification in due)


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


def _role_holders(*roles: str, exclude) -> list[User]:
    return list(
        User.objects.filter(is_active=True, role_grants__role__in=roles).exclude(pk=exclude).distinct()
    )


def notify_plan_change(change_pk: int) -> None:
    """A plan sent for approval reaches the chairmen; a returned plan its drafter; an approved plan its team."""
    change = InspectionPlanChange.objects.select_related("plan", "actor").get(pk=change_pk)
    plan = change.plan
    if change.transition == "approve":
        notify_team(plan.pk)
        return
    if change.to_state == PlanState.SUBMITTED:
        users = _role_holders(Role.DISTRICT_APPROVER, exclude=change.actor_id)
    elif change.to_state == PlanState.RETURNED:
        users = [plan.drafted_by] if plan.drafted_by_id != change.actor_id else []
    else:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Inspection plan “%(title)s”: %(state)s") % {
            "title": plan.title,
            "state": PlanState(change.to_state).label,
        }
        body = _("Reason: %(reason)s") % {"reason": change.reason} if change.reason else subject
    notify_users(users, subject, body, reverse("assessments:inspection_plan_detail", args=[plan.pk]))


def notify_decision_change(change_pk: int) -> None:
    """A signed decision reaches district staff, who issue it; a withdrawn draft reaches the chairmen."""
    change = DecisionChange.objects.select_related("decision", "actor").get(pk=change_pk)
    roles = {
        DecisionState.APPROVED: (Role.EDUCATION_STAFF, Role.PROMOTION_STAFF),
        DecisionState.WITHDRAWN: (Role.DISTRICT_APPROVER,),
    }.get(change.to_state)
    if change.transition == "undo" or roles is None:
        return
    decision = change.decision
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Recognition decision %(number)s: %(state)s") % {
            "number": decision.number or _("(draft)"),
            "state": DecisionState(change.to_state).label,
        }
        body = _("Reason: %(reason)s") % {"reason": change.reason} if change.reason else subject
    notify_users(
        _role_holders(*roles, exclude=change.actor_id),
        subject,
        body,
        reverse("assessments:decision_detail", args=[decision.pk]),
    )


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
