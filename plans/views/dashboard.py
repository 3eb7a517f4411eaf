"""The steering committee's district overview (``plans.dashboard``)."""

from django.shortcuts import render

from plans.dashboard.years import latest_year
from wards.permissions import require_perm


def overview(request):
    """Where the district stands this year: the pipeline, the results, the plan, the centres."""
    require_perm(request, "plans.view_dashboards")
    return render(request, "plans/dashboard/overview.html", {"year": latest_year()})
