"""History rows as the workflow engine would have written them, for rows made in bulk (``manage.py seed_scale``).

``Workflow.perform`` locks, checks and writes one object at a time: right for
people, far too slow for a hundred thousand synthetic assessments. ``replay``
walks the same transition table in memory instead: it checks that each step
is one the object's table allows from the state it is in, sets the final state
and deadline on the unsaved object, and returns the history rows with the
values ``Workflow._record`` would have stored (action, from, to, actor, day,
reason, the deadline started and the one it replaced). The caller inserts
both in bulk. Nothing is checked about permissions or guards: the generator
writes the data that satisfies them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.conf import settings
from django.utils import timezone, translation

from engines.workflow import Transition, Workflow, WorkingDays
from wards.calendar import add_working_days


@dataclass(frozen=True)
class Step:
    """One transition taken by ``actor`` on ``day`` (``reason`` as the engine would keep it)."""

    name: str
    actor: object
    day: date
    reason: str = ""


@lru_cache(maxsize=4096)
def _working_days(day: date, count: int) -> date:
    return add_working_days(day, count)


@lru_cache(maxsize=64)
def _label(transition: Transition) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # stored in the portal's language, as the engine does
        return str(transition.deadline.label) if transition.deadline else ""


def moment(day: date, order: int = 0) -> datetime:
    """The aware time of a step recorded for ``day``: 08:00 plus ``order`` minutes, so a day's steps keep their order."""
    return timezone.make_aware(datetime.combine(day, time(8, 0)) + timedelta(minutes=order))


def replay(
    workflow: Workflow,
    obj,
    steps: Iterable[Step],
    *,
    due: Callable[[Transition, date], date | None] | None = None,
) -> list:
    """The unsaved history rows of ``obj`` going through ``steps``; ``obj``'s state (and deadline) set to the end.

    ``due(transition, day)`` gives a deadline the table cannot compute without
    the database (the inspection plan's last day); by default working-day
    deadlines are counted and the others asked of ``transition.deadline``.
    """
    rows = []
    for order, step in enumerate(steps):
        transition = workflow.transitions[step.name]
        if obj.state not in transition.sources or not workflow.applies(transition, obj):
            raise ValueError(f"{step.name} is not a step from {obj.state!r} for {obj!r}")
        due_date = None
        if transition.deadline is not None:
            due_date = due(transition, step.day) if due else None
            if due_date is None:
                if isinstance(transition.deadline, WorkingDays):
                    due_date = _working_days(step.day, transition.deadline.count)
                else:
                    due_date = transition.deadline.due(obj, step.day)
        rows.append(
            workflow.history_model(
                **{workflow.subject_field: obj},
                at=moment(step.day, order),
                transition=step.name,
                from_state=obj.state,
                to_state=transition.target,
                actor=step.actor,
                reason=step.reason,
                due_date=due_date,
                previous_due_date=getattr(obj, "due_date", None),
                previous_due_label=getattr(obj, "due_label", ""),
            )
        )
        obj.state = transition.target
        if workflow.tracks_due:
            obj.due_date, obj.due_label = due_date, _label(transition)
    return rows
