"""Published results for everyone, no login (see ``assessments.public`` for what is shown)."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assessments.forms.public import PublicResultSearch
from assessments.public import (
    ClassificationCounts,
    Move,
    YearOverYear,
    classification_counts,
    counts_of_year,
    page_of_year,
    published_in_year,
    published_years,
    results_of_predecessors,
    results_of_ward,
    year_over_year,
)
from assessments.recognition import recognition_in_force
from engines.charts import Chart, Series, stacked_bar_chart
from engines.figures_cache import cached_figure
from engines.spreadsheets import spreadsheet_response
from wards.models import Cluster, Ward

# A district's wards on one page; a province's in pages of this size.
PER_PAGE = 50


@login_not_required
def results_index(request):
    years = cached_figure("public_years", (), published_years)
    if not years:
        return render(request, "assessments/public/results_year.html", {"years": [], "body": ""})
    return redirect("assessments:public_year", year=years[0])


def _clusters() -> list[tuple[int, str]]:
    return list(Cluster.objects.order_by("number", "pk").values_list("pk", "name"))


def _page_number(value: str | None, count: int) -> int:
    """The page asked for, within the pages there are (a wrong or missing number: the first)."""
    try:
        number = int(value or 1)
    except ValueError:
        number = 1
    return min(max(number, 1), max(1, -(-count // PER_PAGE)))


def _year_body(year: int, years: list[int], search: PublicResultSearch, number: int, count: int) -> str:
    """The page's content, the same for every visitor: the year's grades, one page of results, the pager."""
    filters = search.cleaned_data if search.is_valid() else {"q": "", "cluster": None}
    paginator = Paginator(published_in_year(year, search=filters["q"], cluster=filters["cluster"]), PER_PAGE)
    paginator.count = count  # counted (and cached) by the view
    page = paginator.page(number)
    criteria, results = page_of_year(page.object_list)
    query = QueryDict(mutable=True)
    query.update({name: value for name, value in search.data.items() if name in ("q", "cluster") and value})
    context = {
        "year": year,
        "years": years,
        "criteria": criteria,
        "results": results,
        "counts": counts_of_year(year),
        "search": search,
        "cluster": filters["cluster"] or "",
        "page": page,
        "query": query,
        "framework": results[0].framework if results else "",
        "by_level": results[0].by_level if results else False,
    }
    return render_to_string("assessments/public/_results_year_body.html", context)


@login_not_required
def results_year(request, year: int):
    """One year's published results, ``PER_PAGE`` wards a page, searchable by name and cluster.

    The page's content is rendered once per year, filter, page and language and
    kept in the figures' cache until the data changes (a publication, an undo),
    so a province's results cost a few cache reads. It holds nothing of the
    visitor: the menu, the language form and its CSRF token are rendered around
    it on every request. A name search is computed afresh (its answers are
    short, and free text would fill the cache).
    """
    years = cached_figure("public_years", (), published_years)
    if year not in years:
        raise Http404
    search = PublicResultSearch(request.GET, clusters=cached_figure("public_clusters", (), _clusters))
    filters = search.cleaned_data if search.is_valid() else {"q": "", "cluster": None}
    if filters["q"]:
        count = published_in_year(year, search=filters["q"], cluster=filters["cluster"]).order_by().count()
        number = _page_number(request.GET.get("page"), count)
        body = _year_body(year, years, search, number, count)
    else:
        count = cached_figure(
            "public_year_count",
            (year, filters["cluster"]),
            lambda: published_in_year(year, cluster=filters["cluster"]).order_by().count(),
        )
        number = _page_number(request.GET.get("page"), count)
        body = cached_figure(
            "public_year_page",
            (year, filters["cluster"], number),
            lambda: _year_body(year, years, search, number, count),
        )
    # Rendered by our own template, autoescaped there.
    return render(request, "assessments/public/results_year.html", {"year": year, "body": mark_safe(body)})


@login_not_required
def results_ward(request, code: str):
    """A ward's published years, each under its framework; its recognition's validity; its predecessors'."""
    ward = get_object_or_404(Ward, code=code)
    rows = results_of_ward(code)
    predecessors = results_of_predecessors(ward)
    if not rows and not predecessors:
        raise Http404
    context = {
        "ward": ward,
        "rows": rows,
        "predecessors": predecessors,
        "recognition": recognition_in_force(ward, timezone.localdate().year),
    }
    return render(request, "assessments/public/results_ward.html", context)


def _summary_figures() -> tuple[ClassificationCounts, YearOverYear]:
    return cached_figure("public_summary", (), lambda: (classification_counts(), year_over_year()))


def _counts_chart(counts: ClassificationCounts) -> Chart:
    return stacked_bar_chart(
        _("Wards by classification, per year"),
        [str(year) for year, _counts, _published in counts.rows],
        [
            Series(label, [row_counts[index] for _year, row_counts, _published in counts.rows])
            for index, label in enumerate(counts.labels)
        ],
        label_header=_("Year"),
    )


@login_not_required
def results_summary(request):
    """The district summary: wards per classification each year, and each ward's results over the years.

    The wards × years table shows ``PER_PAGE`` wards a page (the export has them all).
    """
    counts, history = _summary_figures()
    context = {
        "counts": counts,
        "chart": _counts_chart(counts) if counts.rows else None,
        "history": history,
        "page": Paginator(history.wards, PER_PAGE).get_page(request.GET.get("page")),
    }
    return render(request, "assessments/public/results_summary.html", context)


@login_not_required
def results_summary_export(request, fmt: str):
    """The wards × years table as CSV or XLSX: per year the total (none for a level-based year), the
    classification or level, and the move."""
    _counts, history = _summary_figures()
    headers = [_("Ward code"), pgettext("administrative unit", "Ward")]
    for year in history.years:
        headers += [
            _("Total %(year)s") % {"year": year},
            _("Classification %(year)s") % {"year": year},
            _("Change %(year)s") % {"year": year},
        ]
    moves = {Move.UP: _("moved up"), Move.DOWN: _("moved down"), Move.SAME: ""}
    rows = []
    for ward in history.wards:
        row = [ward.code, ward.name]
        for cell in ward.cells:
            if cell is None:
                row += [None, None, None]
            else:
                row += [None if cell.by_level else cell.total, cell.classification, moves[cell.move]]
        rows.append(row)
    return spreadsheet_response(fmt, "ket-qua-qua-cac-nam", _("Results over the years"), headers, rows)
