"""The plan as a timeline: who answers for each task × the twelve months of the plan's year.

A row per task, grouped by its responsible (the district units first, then the
wards in their order); a task's months are one cell each run of consecutive
months it covers, so "Cả năm" is one long bar and "Quý I, II, III" one bar of
nine months. Built in Python from ``tasks_of_plan`` (a fixed number of queries).
"""

from dataclasses import dataclass, field

MONTHS = range(1, 13)


@dataclass
class Cell:
    span: int
    task: object | None = None  # the task when the cell is part of its periods


@dataclass
class TimelineRow:
    task: object
    cells: list[Cell]


@dataclass
class TimelineGroup:
    responsible: object
    is_ward: bool
    rows: list[TimelineRow] = field(default_factory=list)


def task_months(task, year: int) -> set[int]:
    """The months of ``year`` the task's periods cover (periods must be prefetched)."""
    months: set[int] = set()
    for period in task.periods.all():
        for month in MONTHS:
            first = (year, month)
            if (
                (period.starts_on.year, period.starts_on.month)
                <= first
                <= (period.ends_on.year, period.ends_on.month)
            ):
                months.add(month)
    return months


def cells_for(task, year: int) -> list[Cell]:
    """Twelve months as cells: empty months one by one, each run of the task's months as one cell."""
    months = task_months(task, year)
    cells: list[Cell] = []
    for month in MONTHS:
        covered = month in months
        if covered and cells and cells[-1].task is not None:
            cells[-1].span += 1
        else:
            cells.append(Cell(1, task if covered else None))
    return cells


def build_timeline(plan, tasks) -> list[TimelineGroup]:
    groups: dict[tuple, TimelineGroup] = {}
    for task in tasks:
        key = ("unit", task.unit_id) if task.unit_id else ("ward", task.ward_id)
        group = groups.get(key)
        if group is None:
            group = groups[key] = TimelineGroup(task.responsible, is_ward=bool(task.ward_id))
        group.rows.append(TimelineRow(task, cells_for(task, plan.year)))
    units = [group for group in groups.values() if not group.is_ward]
    wards = sorted(
        (group for group in groups.values() if group.is_ward), key=lambda g: g.responsible.sort_key
    )
    return units + wards
