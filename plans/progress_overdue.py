"""When a task is overdue (the progress helper's copy of the rule; the lead unifies it with plans.overdue).

A task is due by ``due_on``, the last day of its last month or quarter. It
is overdue from the next day on (dates in Asia/Ho_Chi_Minh, the portal's
time zone) while it is neither done nor cancelled.
"""

from datetime import date

from django.db.models import QuerySet

from plans.models import PlanTask, TaskState

FINISHED = (TaskState.DONE, TaskState.CANCELLED)


def is_overdue(task: PlanTask, today: date) -> bool:
    return task.due_on < today and task.state not in FINISHED


def overdue(today: date) -> QuerySet[PlanTask]:
    """Every task overdue on ``today``."""
    return PlanTask.objects.filter(due_on__lt=today).exclude(state__in=FINISHED)
