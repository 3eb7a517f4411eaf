"""Deadline reminders: a few working days before a due date, and once when it has passed.

Run by cron or a task worker (``python manage.py send_reminders``). Each
reminder is recorded in ``ReminderLog`` under (assessment, due date, kind) in
the same transaction that notifies, so running the command twice — or two
copies at once — sends nothing twice.
"""

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from assessments.models import Assessment, AssessmentState, PlanState, ReminderLog, TeamMember
from assessments.notifications import notify_users
from wards.calendar import working_days_between
from wards.models import Role, User

S = AssessmentState
BEFORE, PASSED = "before", "passed"

# Who must act while an assessment waits in a state with a deadline.
_ACTING_ROLES = {
    S.PLAN_DRAFT: (Role.WARD_OFFICER,),
    S.PLAN_SUBMITTED: (Role.WARD_CHAIRMAN,),
    S.DOSSIER_PREPARATION: (Role.WARD_OFFICER,),
    S.RECEIVED: (Role.EDUCATION_STAFF, Role.PROMOTION_STAFF),
    S.INSPECTED: (Role.EDUCATION_STAFF, Role.PROMOTION_STAFF, Role.DISTRICT_APPROVER),
}
_WARD_STATES = {S.PLAN_DRAFT, S.PLAN_SUBMITTED, S.DOSSIER_PREPARATION}


def who_must_act(assessment: Assessment) -> list[User]:
    if assessment.state == S.INSPECTION_PLANNED:
        members = TeamMember.objects.filter(plan__state=PlanState.APPROVED, plan__assessments=assessment)
        return list(User.objects.filter(pk__in=members.values("user_id"), is_active=True))
    roles = _ACTING_ROLES.get(assessment.state, ())
    users = User.objects.filter(is_active=True, role_grants__role__in=roles)
    if assessment.state in _WARD_STATES:
        users = users.filter(ward_id=assessment.ward_id)
    return list(users.distinct())


def reminder_kind(today: date, due: date) -> str | None:
    """``before`` within the configured working days of the due date, ``passed`` after it."""
    if today > due:
        return PASSED
    if working_days_between(today, due) <= settings.REMINDER_WORKING_DAYS_BEFORE:
        return BEFORE
    return None


def send_reminders(today: date) -> int:
    """Send every reminder due on ``today`` that has not been sent yet; returns how many were sent."""
    sent = 0
    waiting = Assessment.objects.filter(due_date__isnull=False).exclude(
        state__in=[S.SUBMITTED, S.RETURNED, S.RECOGNISED, S.PUBLISHED]
    )
    for assessment in waiting.select_related("ward", "cycle"):
        kind = reminder_kind(today, assessment.due_date)
        if kind is None:
            continue
        try:
            with transaction.atomic():
                ReminderLog.objects.create(assessment=assessment, due_date=assessment.due_date, kind=kind)
                _notify(assessment, kind)
        except IntegrityError:
            continue  # sent before
        sent += 1
    return sent


def _notify(assessment: Assessment, kind: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "ward": assessment.ward.name,
            "year": assessment.cycle.year,
            "what": assessment.due_label or _("the next step"),
            "date": assessment.due_date.strftime("%d/%m/%Y"),
        }
        if kind == PASSED:
            subject = _("Overdue: %(ward)s %(year)s, %(what)s (%(date)s)") % values
        else:
            subject = _("Reminder: %(ward)s %(year)s, %(what)s by %(date)s") % values
    notify_users(who_must_act(assessment), subject, subject, assessment.get_absolute_url())
