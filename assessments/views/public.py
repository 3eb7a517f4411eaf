"""Published results for everyone, no login (see ``assessments.public`` for what is shown)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assessments.public import (
    ClassificationCounts,
    Move,
    YearOverYear,
    classification_counts,
    published_years,
    results_of_predecessors,
    results_of_ward,
    results_of_year,
    year_over_year,
)
from assessments.recognition import recognition_in_force
from engines.charts import Chart, Series, stacked_bar_chart
from engines.figures_cache import cached_figure
from engines.spreadsheets import spreadsheet_response
from wards.models import Ward


@login_not_required
def results_index(request):
    years = published_years()
    if not years:
        return render(request, "assessments/public/results_year.html", {"years": [], "results": []})
    return redirect("assessments:public_year", year=years[0])


@login_not_required
def results_year(request, year: int):
    years = published_years()
    if year not in years:
        raise Http404
    criteria, results = results_of_year(year)
    context = {
        "year": year,
        "years": years,
        "criteria": criteria,
        "results": results,
        "framework": results[0].framework if results else "",
        "by_level": results[0].by_level if results else False,
    }
    return render(request, "assessments/public/results_year.html", context)


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
    """The district summary: wards per classification each year, and each ward's results over the years."""
    counts, history = _summary_figures()
    context = {
        "counts": counts,
        "chart": _counts_chart(counts) if counts.rows else None,
        "history": history,
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
