"""The steering committee's district overview (``plans.dashboard.overview``)."""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from engines.figures_cache import cached_figure
from engines.spreadsheets import spreadsheet_response
from plans.dashboard.overview import district_overview, overview_table
from plans.dashboard.years import assessment_years
from wards.permissions import require_perm


def chosen_year(request, years: list[int]) -> int | None:
    """``?year=`` when it is a year on record, else the newest year (``None`` before the first cycle)."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    return year if year in years else (years[0] if years else None)


def overview(request):
    """Where the district stands this year: the pipeline, the results, the plan, the centres.

    The figures' part of the page is the same for everybody allowed to see it,
    so it is rendered once and kept until the data changes.
    """
    require_perm(request, "plans.view_dashboards")
    years = cached_figure("years", (), assessment_years)
    year = chosen_year(request, years)
    body = ""
    if year is not None:
        today = timezone.localdate()
        body = cached_figure(
            "overview-page",
            (year, today.isoformat()),
            lambda: render_to_string(
                "plans/dashboard/overview_body.html", {"o": district_overview(year, today), "today": today}
            ),
        )
    return render(
        request,
        "plans/dashboard/overview.html",
        {"year": year, "years": years, "body": mark_safe(body)},  # rendered by our template, autoescaped
    )


def overview_export(request, table: str, fmt: str):
    """One table of the overview of ``?year=`` as CSV or XLSX, as the page shows it."""
    require_perm(request, "plans.view_dashboards")
    years = cached_figure("years", (), assessment_years)
    year = chosen_year(request, years)
    if year is None:
        raise Http404
    found = overview_table(district_overview(year, timezone.localdate()), table)
    if found is None:
        raise Http404
    title, headers, rows = found
    return spreadsheet_response(fmt, f"tong-quan-{table}-{year}", title, headers, rows)
