"""Finding the plan and its tasks: the one place every page, export and document starts from.

Any signed-in user may read the plan (``plans.view_plan``); the portal serves
one district, so a plan is named by its year.
"""

import datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from plans.models import PlanTask, TaskPeriod, YearPlan
from plans.overdue import with_overdue
from wards.models import District


def current_district() -> District:
    district = District.current()
    if district is None:
        raise Http404("No district has been set up.")
    return district


def plans_of_district() -> QuerySet:
    return YearPlan.objects.filter(district=current_district()).order_by("-year")


def plan_or_404(year: int) -> YearPlan:
    return get_object_or_404(plans_of_district(), year=year)


def task_or_404(pk: int) -> PlanTask:
    return get_object_or_404(
        PlanTask.objects.select_related("plan", "section", "unit", "ward").prefetch_related(
            "periods", "coordinating_units", "criteria"
        ),
        pk=pk,
        plan__district=current_district(),
    )


def tasks_of_plan(plan: YearPlan, today: datetime.date | None = None) -> QuerySet:
    """The plan's tasks in the plan's order, with section, responsible, periods, coordinating units,
    criteria and the ``overdue`` flag: four queries however many tasks."""
    return (
        with_overdue(plan.tasks.all(), today)
        .select_related("section", "unit", "ward")
        .prefetch_related(
            Prefetch("periods", queryset=TaskPeriod.objects.order_by("starts_on", "pk")),
            "coordinating_units",
            "criteria",
        )
        .order_by("section__part", "section__order", "order", "ward__sort_key", "pk")
    )
