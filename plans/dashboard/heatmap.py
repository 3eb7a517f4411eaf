"""The wards × criteria heat map of a year: each ward's score on each criterion as a share of its maximum.

The columns are the criteria of the year's framework (frameworks differ
between years). A cell is the inspection score (or, on toggle, the ward's
self-score) with its share of the criterion's maximum; the footer is each
criterion's district average, and the criteria weakest district-wide are
marked, so the committee sees at a glance what to work on next year.

Six queries whatever the number of wards: the cycle, its criteria, the wards,
the scores, the wards' totals and the criteria's sums — all aggregated in the
database, then cached until the data changes.

A year under a level-based framework (Circular 25) has no points to map: the
page says so and shows each ward's level instead (two queries: the cycle and
the wards with their results). Counting indicators met per criterion would
look like a score and invite a comparison the framework does not make.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from assessments.models import Cycle, InspectionResult, ScoringMode
from assessments.public import framework_title
from engines.charts import number_text
from engines.figures_cache import cached_figure
from plans.dashboard.scores import (
    WEAK_MARK,
    inspection_scores,
    is_weak,
    localized,
    percent_text,
    self_scores,
    shade,
    share_percent,
)
from wards.models import Ward

INSPECTION, SELF = "inspection", "self"
# How many criteria the footer marks as the district's weakest (lowest average share).
WEAKEST_CRITERIA = 3
SORTS = ("ward", "total", "-total")


@dataclass(frozen=True)
class Column:
    """A criterion of the year's framework and its district average (share of the maximum, %)."""

    number: int
    title: str
    max_points: Decimal
    average: Decimal | None
    weakest: bool = False

    @property
    def average_text(self) -> str:
        return percent_text(self.average)


@dataclass(frozen=True)
class Cell:
    points: Decimal | None
    share: Decimal | None

    @property
    def weak(self) -> bool:
        return is_weak(self.share)

    @property
    def shade(self) -> str:
        return shade(self.share)

    @property
    def text(self) -> str:
        """ "6,0 · 85,7%", with "▼" first under half the maximum; "–" without a score."""
        if self.points is None:
            return "–"
        mark = f"{WEAK_MARK} " if self.weak else ""
        return f"{mark}{number_text(self.points)} · {percent_text(self.share)}"


@dataclass(frozen=True)
class Row:
    ward_code: str
    ward_name: str
    cells: tuple[Cell, ...]
    total: Decimal | None
    share: Decimal | None
    level: str = ""  # a level-based year: the level the inspection found ("" without a result)

    @property
    def total_text(self) -> str:
        if self.total is None:
            return "–"
        return f"{number_text(self.total)} · {percent_text(self.share)}"

    def sort_value(self, sort: str):
        """The value ``sort`` orders by: the total, or a criterion's share ("c3")."""
        if sort.lstrip("-") == "total":
            return self.total
        return self.cells[int(sort.lstrip("-c")) - 1].share


@dataclass(frozen=True)
class HeatMap:
    year: int
    source: str
    max_total: Decimal
    columns: tuple[Column, ...]  # none in a level-based year
    rows: tuple[Row, ...]  # in the wards' Vietnamese order
    framework: str = ""  # ``framework_title`` of the year's framework
    by_level: bool = False

    def sort_keys(self) -> tuple[str, ...]:
        numbered = [f"{sign}c{column.number}" for column in self.columns for sign in ("", "-")]
        return (*SORTS, *numbered)

    def sorted_rows(self, sort: str) -> list[Row]:
        """The rows in ``sort`` order ("-" = highest first); rows without the value come last."""
        if sort not in self.sort_keys() or sort == "ward":
            return list(self.rows)
        scored = [row for row in self.rows if row.sort_value(sort) is not None]
        unscored = [row for row in self.rows if row.sort_value(sort) is None]
        scored.sort(key=lambda row: row.sort_value(sort), reverse=sort.startswith("-"))
        return scored + unscored

    def table(self, rows: list[Row]) -> tuple[list[str], list[list]]:
        """Headers and rows of the export: as on screen, numbers as numbers, the district average last."""
        headers = [_("Ward code"), _("Ward")]
        if self.by_level:
            return [*headers, _("Level")], [[row.ward_code, row.ward_name, row.level] for row in rows]
        for column in self.columns:
            headers += [
                _("Criterion %(number)s (points)") % {"number": column.number},
                _("Criterion %(number)s (%%)") % {"number": column.number},
            ]
        headers += [_("Total"), _("Total (%)")]
        lines = []
        for row in rows:
            values = [value for cell in row.cells for value in (cell.points, cell.share)]
            lines.append([row.ward_code, row.ward_name, *values, row.total, row.share])
        averages = [value for column in self.columns for value in (None, column.average)]
        lines.append(["", _("District average"), *averages, None, None])
        return headers, lines


def heat_map(year: int, source: str = INSPECTION) -> HeatMap:
    """The year's heat map from the inspection scores, or from the self-scores (``source="self"``)."""
    source = SELF if source == SELF else INSPECTION
    return cached_figure("heatmap", (year, source), lambda: _compute(year, source))


def _compute(year: int, source: str) -> HeatMap:
    cycle = Cycle.objects.select_related("framework").get(year=year)
    if cycle.framework.scoring_mode == ScoringMode.LEVELS:
        return _levels(cycle, source)
    criteria = list(
        cycle.framework.criteria.order_by("number").only(
            "framework", "number", "title_vi", "title_en", "max_points"
        )
    )
    scores = (self_scores() if source == SELF else inspection_scores()).filter(assessment__cycle=cycle)
    points = {
        (ward_id, criterion_id): value
        for ward_id, criterion_id, value in scores.values_list(
            "assessment__ward_id", "criterion_id", "points"
        )
    }
    totals = dict(
        scores.values("assessment__ward_id")
        .annotate(total=Sum("points"))
        .values_list("assessment__ward_id", "total")
    )
    sums = {
        row["criterion_id"]: row["total"] / row["count"]
        for row in scores.values("criterion_id").annotate(total=Sum("points"), count=Count("pk"))
    }
    averages = {c.pk: share_percent(sums.get(c.pk), c.max_points) for c in criteria}
    ranked = sorted(
        (c for c in criteria if averages[c.pk] is not None), key=lambda c: (averages[c.pk], c.number)
    )
    weakest = {c.pk for c in ranked[:WEAKEST_CRITERIA]}
    columns = tuple(
        Column(c.number, c.title, c.max_points, averages[c.pk], weakest=c.pk in weakest) for c in criteria
    )
    max_total = sum((c.max_points for c in criteria), Decimal(0))
    rows = []
    for ward in Ward.objects.order_by("sort_key").values("pk", "code", "name"):
        cells = tuple(
            Cell(points.get((ward["pk"], c.pk)), share_percent(points.get((ward["pk"], c.pk)), c.max_points))
            for c in criteria
        )
        total = totals.get(ward["pk"])
        rows.append(Row(ward["code"], ward["name"], cells, total, share_percent(total, max_total)))
    return HeatMap(year, source, max_total, columns, tuple(rows), framework_title(cycle.framework))


def _levels(cycle: Cycle, source: str) -> HeatMap:
    """Each ward's level in a level-based year (the inspection's result; the self-assessment has none)."""
    levels = {
        ward_id: localized(label_vi, label_en) if label_vi else ""
        for ward_id, label_vi, label_en in InspectionResult.objects.filter(
            assessment__cycle=cycle
        ).values_list("assessment__ward_id", "classification__label_vi", "classification__label_en")
    }
    rows = tuple(
        Row(ward["code"], ward["name"], (), None, None, level=levels.get(ward["pk"], ""))
        for ward in Ward.objects.order_by("sort_key").values("pk", "code", "name")
    )
    return HeatMap(cycle.year, source, Decimal(0), (), rows, framework_title(cycle.framework), by_level=True)
