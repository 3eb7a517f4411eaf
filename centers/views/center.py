"""A centre's page: this year at a glance."""

from django.shortcuts import redirect, render

from centers.activity_queries import chosen_year
from centers.queries import center_or_404, open_center_of_ward_or_404
from centers.views.overview import center_overview
from centers.views.panels import register_panels
from centers.views.rating import rating_summary
from wards.permissions import require_perm


def center_of_ward(request, code):
    """The open centre of the ward ``code`` (where CLC staff land, and the ward page links)."""
    return redirect(open_center_of_ward_or_404(code))


def center_detail(request, pk):
    center = center_or_404(pk)
    require_perm(request, "centers.view_center", center)
    year = chosen_year(request)
    context = {"center": center, "year": year}
    # Each part of the page adds its sections' context here (one line each).
    context |= center_overview(request, center, year)
    context["register_panels"] = register_panels(center, year, request.user)
    context["rating_summary"] = rating_summary(request, center, year)
    return render(request, "centers/center_detail.html", context)
