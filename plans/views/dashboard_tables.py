"""The dashboards' score tables: the heat map, self vs inspection, year over year, a ward's own page.

Each page and its CSV/XLSX export read the same cached figure with the same
query string (sort, source), so the file is the table as seen on screen.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from engines.spreadsheets import spreadsheet_response
from plans.dashboard.heatmap import heat_map
from plans.dashboard.pages import render_cached_body
from plans.dashboard.self_vs_inspection import OVER_RATING_POINTS, OVER_RATING_YEARS, self_vs_inspection
from plans.dashboard.trends import trends
from plans.dashboard.ward_page import ward_page
from plans.dashboard.years import assessment_years, latest_year, year_or_404
from plans.forms.dashboard_tables import WeakCriterionTaskForm
from plans.models import YearPlan
from plans.planning import MANAGE, add_task, year_period
from wards.models import Ward
from wards.permissions import require_perm

VIEW = "plans.view_dashboards"


def _export_urls(request, name: str, *args) -> dict:
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    return {fmt: reverse(name, args=[*args, fmt]) + suffix for fmt in ("csv", "xlsx")}


def _toggle(sort: str, first: str) -> str:
    """The sort a column header asks for: ``first``, or its reverse when the table is sorted so already."""
    if sort != first:
        return first
    return first[1:] if first.startswith("-") else f"-{first}"


# --- The heat map ----------------------------------------------------------------------------------------


def heatmap_latest(request):
    require_perm(request, VIEW)
    year = latest_year()
    if year is None:
        raise Http404
    return redirect("dashboard:heatmap", year)


def _heatmap(request, year):
    require_perm(request, VIEW)
    figure = heat_map(year_or_404(year), request.GET.get("source", ""))
    return figure, figure.sorted_rows(request.GET.get("sort", "ward"))


def heatmap(request, year):
    """Wards × criteria: each cell the score as a share of the criterion's maximum."""
    require_perm(request, VIEW)
    year_or_404(year)

    def context():
        figure, rows = _heatmap(request, year)
        sort = request.GET.get("sort", "ward")
        return {
            "figure": figure,
            "rows": rows,
            "columns": [(column, _toggle(sort, f"c{column.number}")) for column in figure.columns],
            "total_sort": _toggle(sort, "-total"),
            "years": assessment_years(),
            "exports": _export_urls(request, "dashboard:heatmap_export", year),
        }

    title = " ".join([_("Scores by criterion"), str(year)])
    return render_cached_body(request, "plans/dashboard/heatmap.html", title, context)


def heatmap_export(request, year, fmt):
    figure, rows = _heatmap(request, year)
    headers, lines = figure.table(rows)
    stem = f"ban-do-diem-{year}" + ("-tu-cham" if figure.source == "self" else "")
    return spreadsheet_response(fmt, stem, _("Heat map %(year)s") % {"year": year}, headers, lines)


# --- Self vs inspection ----------------------------------------------------------------------------------


def _self_vs_inspection(request, year):
    require_perm(request, VIEW)
    figure = self_vs_inspection(year_or_404(year))
    return figure, figure.sorted_rows(request.GET.get("sort", "ward"))


def self_vs_inspection_page(request, year):
    """Per ward and criterion, self-score minus inspection score; the wards that over-rate year after year."""
    require_perm(request, VIEW)
    year_or_404(year)

    def context():
        figure, rows = _self_vs_inspection(request, year)
        return {
            "figure": figure,
            "rows": rows,
            "delta_sort": _toggle(request.GET.get("sort", "ward"), "-delta"),
            "years": assessment_years(),
            "threshold": OVER_RATING_POINTS,
            "streak_years": OVER_RATING_YEARS,
            "exports": _export_urls(request, "dashboard:self_vs_inspection_export", year),
        }

    title = " ".join([_("Self vs inspection"), str(year)])
    return render_cached_body(request, "plans/dashboard/self_vs_inspection.html", title, context)


def self_vs_inspection_export(request, year, fmt):
    figure, rows = _self_vs_inspection(request, year)
    headers, lines = figure.table(rows)
    title = _("Self vs inspection %(year)s") % {"year": year}
    return spreadsheet_response(fmt, f"tu-cham-va-kiem-tra-{year}", title, headers, lines)


# --- Year over year --------------------------------------------------------------------------------------


def trends_page(request):
    """Every ward's totals and classifications across the years on record, and its weak criteria."""
    require_perm(request, VIEW)
    can_manage = request.user.has_perm(MANAGE)  # the page offers the plan's tasks to those who may add them

    def context():
        figure = trends()
        return {
            "figure": figure,
            "rows": figure.sorted_rows(request.GET.get("sort", "ward")),
            "total_sort": _toggle(request.GET.get("sort", "ward"), "-total"),
            "can_manage": can_manage,
            "exports": _export_urls(request, "dashboard:trends_export"),
        }

    return render_cached_body(
        request, "plans/dashboard/trends.html", _("Year over year"), context, can_manage
    )


def trends_export(request, fmt):
    require_perm(request, VIEW)
    figure = trends()
    headers, lines = figure.table(figure.sorted_rows(request.GET.get("sort", "ward")))
    return spreadsheet_response(fmt, "ket-qua-qua-cac-nam", _("Results year by year"), headers, lines)


def weak_criterion_task(request, code, criterion_id):
    """Confirm, then add a criterion weak two years running to next year's plan as the ward's task."""
    require_perm(request, MANAGE)
    figure = trends()
    weak = next((w for w in figure.weak if w.ward_code == code and w.criterion_id == criterion_id), None)
    if weak is None:
        raise Http404
    plan = YearPlan.objects.filter(year=figure.next_plan_year).first()
    earlier, later = figure.weak_years
    text = _(
        "Raise criterion %(number)s (%(title)s): under half of its maximum in %(earlier)s and %(later)s."
    ) % {
        "number": weak.number,
        "title": weak.title,
        "earlier": earlier,
        "later": later,
    }
    form = None
    if plan is not None and not weak.in_next_plan:
        form = WeakCriterionTaskForm(request.POST if request.method == "POST" else None, plan=plan, text=text)
        if form.is_valid():
            task = add_task(
                plan,
                form.cleaned_data["section"],
                request.user,
                text=form.cleaned_data["text"],
                ward=Ward.objects.get(pk=weak.ward_id),
                periods=[year_period(plan.year)],
                criteria=[weak.criterion_id],
            )[0]
            messages.success(
                request, _("The task has been added to the plan for %(year)s.") % {"year": plan.year}
            )
            return redirect(task)
    context = {"weak": weak, "plan": plan, "form": form, "figure": figure}
    return render(request, "plans/dashboard/weak_criterion_task.html", context)


# --- A ward's own page -----------------------------------------------------------------------------------


def _ward(request, code):
    ward = get_object_or_404(Ward, code=code)
    require_perm(request, "plans.view_ward_dashboard", ward)
    figure = trends()
    row = next((row for row in figure.rows if row.ward_code == ward.code), None)
    return ward, figure, row


def ward_dashboard(request, code):
    """The ward's scores criterion by criterion, self and inspection, every year; its results over the years."""
    ward, figure, row = _ward(request, code)
    context = {
        "ward": ward,
        "page": ward_page(ward),
        "trends": figure,
        "row": row,
        "can_view_district": request.user.has_perm(VIEW),
        "exports": _export_urls(request, "dashboard:ward_export", ward.code),
        "years_exports": {
            fmt: reverse("dashboard:ward_export", args=[ward.code, fmt]) + "?table=years"
            for fmt in ("csv", "xlsx")
        },
    }
    return render(request, "plans/dashboard/ward.html", context)


def ward_export(request, code, fmt):
    """The criteria table (default) or, with ``?table=years``, the totals across the years."""
    ward, figure, row = _ward(request, code)
    if request.GET.get("table") == "years":
        headers, lines = figure.table([row] if row else [])
        title, stem = _("Results year by year"), f"ket-qua-{ward.code}"
    else:
        headers, lines = ward_page(ward).table()
        title, stem = _("Scores by criterion"), f"diem-tieu-chi-{ward.code}"
    return spreadsheet_response(fmt, stem, title, headers, lines)
