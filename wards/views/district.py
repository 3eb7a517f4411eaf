"""The landing page and the district overview."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from wards.landing import landing_url
from wards.models import District
from wards.overview import cluster_rows, district_totals, overview_wards
from wards.permissions import require_perm

# A district's 15 to 30 wards on one page; a province's thousands in pages of this size.
PER_PAGE = 50


def home(request):
    """Send each user to the page where their work is (``landing_url``); the login sends them here."""
    return redirect(landing_url(request.user))


def overview(request):
    """The district at a glance: each emulation cluster with its wards and totals, a page of wards at a time.

    The totals are summed in the database over every ward (``wards.overview``),
    not over the page; a district of up to ``PER_PAGE`` wards fits on one page.
    """
    require_perm(request, "wards.view_district_overview")
    district = District.current()
    rows, totals, page = [], {}, None
    if district is not None:
        totals = district_totals(district)
        paginator = Paginator(overview_wards(district), PER_PAGE)
        paginator.count = totals["ward_count"]  # already counted with the totals: no second COUNT query
        page = paginator.get_page(request.GET.get("page"))
        rows = cluster_rows(district, list(page), with_empty=not page.has_next())
    return render(
        request,
        "wards/district_overview.html",
        {"district": district, "rows": rows, "totals": totals, "page": page},
    )
