"""When a task of the plan is overdue: past the last day of its last period and neither done nor cancelled.

The day is the district's (Asia/Ho_Chi_Minh, the portal's ``TIME_ZONE``): a task
due in March becomes overdue on 1 April there, whatever the server's clock
says. One rule, written twice only in form — for one task (``is_overdue``) and
for a queryset (``overdue_tasks``, ``with_overdue``), so pages, exports,
reminders and documents all agree.
"""

import datetime

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from plans.models import PlanTask, TaskState

# A task in one of these states is finished: it can no longer be late.
FINISHED_STATES = (TaskState.DONE, TaskState.CANCELLED)


def district_today() -> datetime.date:
    """Today in the district's time zone."""
    return timezone.localdate()


def is_overdue(task: PlanTask, today: datetime.date | None = None) -> bool:
    """Whether ``task`` was due before ``today`` (the district's today by default) and is not finished."""
    today = today or district_today()
    return task.due_on < today and task.state not in FINISHED_STATES


def overdue_condition(today: datetime.date | None = None) -> Q:
    """The overdue rule as a ``Q`` on ``PlanTask``."""
    today = today or district_today()
    return Q(due_on__lt=today) & ~Q(state__in=FINISHED_STATES)


def overdue_tasks(queryset: QuerySet | None = None, today: datetime.date | None = None) -> QuerySet:
    """The overdue tasks of ``queryset`` (all tasks by default)."""
    queryset = PlanTask.objects.all() if queryset is None else queryset
    return queryset.filter(overdue_condition(today))


def with_overdue(queryset: QuerySet | None = None, today: datetime.date | None = None) -> QuerySet:
    """``queryset`` with a boolean ``overdue`` annotation on each task (no extra query per row)."""
    queryset = PlanTask.objects.all() if queryset is None else queryset
    return queryset.annotate(
        overdue=Case(
            When(overdue_condition(today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
