"""How the year's plan is going, per unit that answers for tasks (a district unit or a ward).

Each task counts in its state (done, in progress, not started — as the task
list's status filter counts them, so every figure opens exactly its list);
overdue ones (``plans.overdue``, the rule of every plan page) are counted
again apart, as the part of the unfinished ones that is late. Cancelled tasks
are left out: they are no longer work to do. One grouped query.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from plans.models import TaskState
from plans.overdue import overdue_condition
from plans.queries import plans_of_district


@dataclass(frozen=True)
class UnitProgress:
    name: str
    unit_id: int | None
    ward_id: int | None
    done: int
    in_progress: int
    not_started: int
    overdue: int  # of the in-progress and not-started ones

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.not_started

    @property
    def filter_query(self) -> str:
        """The task list's filter for this unit's tasks (``unit=`` or ``ward=``)."""
        return f"unit={self.unit_id}" if self.unit_id else f"ward={self.ward_id}"


@dataclass(frozen=True)
class PlanStatus:
    year: int
    has_plan: bool
    units: list[UnitProgress]  # district units by name, then wards in their order

    @property
    def overdue_total(self) -> int:
        return sum(unit.overdue for unit in self.units)

    @property
    def all_tasks(self) -> int:
        return sum(unit.total for unit in self.units)


def plan_status(year: int, today: datetime.date) -> PlanStatus:
    """The tasks of ``year``'s plan per responsible unit: done, in progress, not started; and overdue."""
    plan = plans_of_district().filter(year=year).first()
    if plan is None:
        return PlanStatus(year, False, [])
    late = overdue_condition(today)
    rows = (
        plan.tasks.exclude(state=TaskState.CANCELLED)
        .values("unit_id", "unit__name", "ward_id", "ward__name", "ward__sort_key")
        .annotate(
            done=Count("pk", filter=Q(state=TaskState.DONE)),
            overdue=Count("pk", filter=late),
            in_progress=Count("pk", filter=Q(state=TaskState.IN_PROGRESS)),
            not_started=Count("pk", filter=Q(state=TaskState.NOT_STARTED)),
        )
        .order_by("ward__sort_key", "unit__name")
    )
    units = [
        UnitProgress(
            row["unit__name"] or row["ward__name"] or "",
            row["unit_id"],
            row["ward_id"],
            row["done"],
            row["in_progress"],
            row["not_started"],
            row["overdue"],
        )
        for row in rows
    ]
    return PlanStatus(year, True, units)
