"""The plan's timeline: responsible units and wards × months, each task a bar with its status."""

from django.shortcuts import render

from plans.overdue import district_today
from plans.queries import plan_or_404, tasks_of_plan
from plans.timeline import MONTHS, build_timeline
from wards.permissions import require_perm


def timeline(request, year):
    plan = plan_or_404(year)
    require_perm(request, "plans.view_plan", plan)
    groups = build_timeline(plan, tasks_of_plan(plan, district_today()))
    return render(request, "plans/timeline.html", {"plan": plan, "groups": groups, "months": list(MONTHS)})
