"""The inbox's "my unit's tasks": the plan's tasks the user answers for that are still open.

A district unit's staff see their unit's tasks, a ward's officer and chairman
their ward's — exactly the tasks they may report on (``plans.report_task``) —
neither done nor cancelled, overdue first, then by due date, with how many
there are, how many are overdue and how many are not started yet. One query,
whatever the number of tasks: the permission is decided in Python on the rows
already loaded (the user's roles are read once per request).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from plans.models import PlanTask, TaskState
from plans.overdue import FINISHED_STATES, is_overdue
from wards.models import WARD_ROLES, Role

DISTRICT_SIDE = (
    Role.EDUCATION_STAFF,
    Role.PROMOTION_STAFF,
    Role.INSPECTOR,
    Role.DISTRICT_APPROVER,
    Role.STEERING_MEMBER,
    Role.SYSTEM_ADMIN,
)


@dataclass(frozen=True)
class OpenTask:
    task: PlanTask
    overdue: bool


@dataclass(frozen=True)
class MyTasks:
    rows: list[OpenTask]
    overdue: int
    not_started: int

    @property
    def count(self) -> int:
        return len(self.rows)


def my_open_tasks(user, *, today: date | None = None) -> MyTasks:
    """The open tasks ``user`` answers for, overdue first, then soonest due (one query, none if no such role)."""
    today = today or timezone.localdate()
    scope = Q()
    if user.unit_id and user.has_role(*DISTRICT_SIDE):
        scope |= Q(unit_id=user.unit_id)
    if user.ward_id and user.has_role(*WARD_ROLES):
        scope |= Q(ward_id=user.ward_id)
    if not scope:
        return MyTasks([], 0, 0)
    tasks = (
        PlanTask.objects.filter(scope)
        .exclude(state__in=FINISHED_STATES)
        .select_related("plan", "unit", "ward")
        .order_by("due_on", "plan__year", "order", "pk")
    )
    rows = [
        OpenTask(task, is_overdue(task, today)) for task in tasks if user.has_perm("plans.report_task", task)
    ]
    rows.sort(key=lambda row: not row.overdue)  # stable: soonest due first within each group
    return MyTasks(
        rows,
        overdue=sum(row.overdue for row in rows),
        not_started=sum(row.task.state == TaskState.NOT_STARTED for row in rows),
    )


def my_tasks_section(request) -> str:
    """The inbox section (``wards.inbox_sections``); empty when the user answers for no open task."""
    mine = my_open_tasks(request.user)
    if not mine.rows:
        return ""
    return render_to_string("plans/inbox_my_tasks.html", {"mine": mine}, request=request)
