"""Year over year: each ward's total and classification in every year on record, and where it moved.

Every year with results counts, imported history included. Each year is
shown under its own framework, named in its column: a total and a grade under
Circular 44, the level alone under Circular 25 (no points), never converted
into one another. A ward moved up when its grade (or level) is higher than in
its previous year on record under the same framework, or, in the same grade,
when its total is higher; a year under another framework than the ward's
previous one shows no move. The classification counts
per year make the chart; the criteria a ward scored under half the maximum in
both of the last two years on record are offered as tasks of next year's plan
(a criterion is the same criterion only under the same framework).

Seven queries whatever the number of wards and years: the wards, the results,
the grades, the counts per year and grade, the weak criteria, next year's
plan and the weak criteria already in it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _

from assessments.models import ClassificationBand, InspectionResult, ScoringMode
from assessments.public import framework_title_of
from engines.charts import Chart, Series, number_text, stacked_bar_chart
from engines.figures_cache import cached_figure
from plans.dashboard.scores import WEAK_SHARE, inspection_scores, localized, percent_text, share_percent
from plans.models import PlanTask, YearPlan
from wards.models import Ward

UP, DOWN, SAME = "up", "down", "same"
SORTS = ("ward", "total", "-total")
UNCLASSIFIED_RANK = 1000


@dataclass(frozen=True)
class YearResult:
    year: int
    total: Decimal
    classification: str
    movement: str = ""  # UP, DOWN or SAME against the ward's previous year on record; "" for its first
    by_level: bool = False  # a level-based year: the classification is the level, there is no total
    framework: str = ""  # the year's framework (``framework_title``)

    @property
    def marker(self) -> str:
        return {UP: _("↑ moved up"), DOWN: _("↓ moved down"), SAME: _("= unchanged")}.get(self.movement, "")

    @property
    def total_text(self) -> str:
        return number_text(self.total)


@dataclass(frozen=True)
class Row:
    ward_id: int
    ward_code: str
    ward_name: str
    results: tuple[YearResult | None, ...]  # one per year of ``Trends.years``

    @property
    def latest_total(self) -> Decimal | None:
        """The total of the ward's latest year with points (level-based years have none)."""
        return next((r.total for r in reversed(self.results) if r and not r.by_level), None)


@dataclass(frozen=True)
class WeakCriterion:
    """A criterion a ward scored under ``WEAK_SHARE`` % of its maximum in both of the last two years."""

    ward_id: int
    ward_code: str
    ward_name: str
    criterion_id: int
    number: int
    title: str
    shares: tuple[Decimal, Decimal]  # the earlier year's, then the later year's
    in_next_plan: bool

    @property
    def share_texts(self) -> tuple[str, str]:
        return percent_text(self.shares[0]), percent_text(self.shares[1])


@dataclass(frozen=True)
class Trends:
    years: tuple[int, ...]  # with results, oldest first
    frameworks: tuple[str, ...]  # the framework of each year (``framework_title``)
    rows: tuple[Row, ...]  # in the wards' Vietnamese order
    chart: Chart | None
    weak: tuple[WeakCriterion, ...] = ()
    weak_years: tuple[int, ...] = ()
    next_plan_year: int | None = None
    next_plan_exists: bool = False

    @property
    def columns(self) -> list[tuple[int, str]]:
        return list(zip(self.years, self.frameworks, strict=True))

    def sorted_rows(self, sort: str) -> list[Row]:
        """By the latest total ("-total": highest first); wards without any result last."""
        if sort not in SORTS or sort == "ward":
            return list(self.rows)
        ranked = [row for row in self.rows if row.latest_total is not None]
        ranked.sort(key=lambda row: row.latest_total, reverse=sort == "-total")
        return ranked + [row for row in self.rows if row.latest_total is None]

    def table(self, rows: list[Row]) -> tuple[list[str], list[list]]:
        headers = [_("Ward code"), _("Ward")]
        for year in self.years:
            headers += [
                _("Total %(year)s") % {"year": year},
                _("Classification %(year)s") % {"year": year},
                _("Change %(year)s") % {"year": year},
            ]
        lines = []
        for row in rows:
            values = []
            for result in row.results:
                total = None if result and result.by_level else result and result.total
                values += [total, result.classification, result.marker] if result else [None, "", ""]
            lines.append([row.ward_code, row.ward_name, *values])
        return headers, lines


def trends() -> Trends:
    return cached_figure("trends", (), _compute)


def _compute() -> Trends:
    bands = _band_ranks()
    results: dict[int, dict[int, tuple[Decimal, int | None, int]]] = {}
    frameworks: dict[int, tuple[str, bool]] = {}  # year → (framework's title, level-based)
    for (
        ward_id,
        year,
        total,
        band_id,
        framework_id,
        reference,
        name,
        mode,
    ) in InspectionResult.objects.values_list(
        "assessment__ward_id",
        "assessment__cycle__year",
        "total",
        "classification_id",
        "assessment__cycle__framework_id",
        "assessment__cycle__framework__legal_reference",
        "assessment__cycle__framework__name",
        "assessment__cycle__framework__scoring_mode",
    ):
        results.setdefault(ward_id, {})[year] = (total, band_id, framework_id)
        frameworks[year] = (framework_title_of(reference, name, mode), mode == ScoringMode.LEVELS)
    years = tuple(sorted({year for by_year in results.values() for year in by_year}))
    rows = tuple(
        Row(
            ward["pk"],
            ward["code"],
            ward["name"],
            _ward_results(results.get(ward["pk"], {}), years, bands, frameworks),
        )
        for ward in Ward.objects.order_by("sort_key").values("pk", "code", "name")
    )
    counts = _counts(bands)
    weak_years = years[-2:] if len(years) >= 2 else ()
    next_year = years[-1] + 1 if years else None
    plan = YearPlan.objects.filter(year=next_year).first() if next_year else None
    return Trends(
        years=years,
        frameworks=tuple(frameworks[year][0] for year in years),
        rows=rows,
        chart=_chart(years, counts, bands),
        weak=_weak_criteria(weak_years, plan) if weak_years else (),
        weak_years=weak_years,
        next_plan_year=next_year,
        next_plan_exists=plan is not None,
    )


def _band_ranks() -> dict[int, tuple[int, str]]:
    """Grade → (rank inside its framework, 0 the best; label)."""
    ranks, seen = {}, {}
    for band in ClassificationBand.objects.order_by("framework_id", "-min_points").values(
        "pk", "framework_id", "label_vi", "label_en"
    ):
        rank = seen.get(band["framework_id"], 0)
        seen[band["framework_id"]] = rank + 1
        ranks[band["pk"]] = (rank, localized(band["label_vi"], band["label_en"]))
    return ranks


def _ward_results(
    by_year: dict, years: tuple[int, ...], bands: dict, frameworks: dict
) -> tuple[YearResult | None, ...]:
    out, previous = [], None
    for year in years:
        if year not in by_year:
            out.append(None)
            continue
        total, band_id, framework_id = by_year[year]
        rank, label = bands.get(band_id, (UNCLASSIFIED_RANK, _("Not classified")))
        movement = ""
        if previous is not None and previous[0] == framework_id:
            # A lower rank is a higher grade; within the same grade the total decides.
            before = (-previous[1], previous[2])
            now = (-rank, total)
            movement = UP if now > before else DOWN if now < before else SAME
        title, by_level = frameworks[year]
        out.append(YearResult(year, total, label, movement, by_level=by_level, framework=title))
        previous = (framework_id, rank, total)
    return tuple(out)


def _counts(bands: dict) -> dict[tuple[int, str], int]:
    counts: dict[tuple[int, str], int] = {}
    for row in InspectionResult.objects.values("assessment__cycle__year", "classification_id").annotate(
        wards=Count("pk")
    ):
        label = bands.get(row["classification_id"], (UNCLASSIFIED_RANK, _("Not classified")))[1]
        key = (row["assessment__cycle__year"], label)
        counts[key] = counts.get(key, 0) + row["wards"]
    return counts


def _chart(years: tuple[int, ...], counts: dict, bands: dict) -> Chart | None:
    if not years:
        return None
    labels_in_order = sorted(
        {label for _year, label in counts},
        key=lambda label: min(
            (rank for rank, band_label in bands.values() if band_label == label), default=UNCLASSIFIED_RANK
        ),
    )
    series = [Series(label, [counts.get((year, label), 0) for year in years]) for label in labels_in_order]
    return stacked_bar_chart(
        _("Wards by classification, year by year"),
        [str(year) for year in years],
        series,
        label_header=_("Year"),
    )


def _weak_criteria(years: tuple[int, int], plan: YearPlan | None) -> tuple[WeakCriterion, ...]:
    earlier, later = years
    rows = (
        inspection_scores()
        .filter(
            assessment__cycle__year__in=years,
            points__lt=F("criterion__max_points") * (WEAK_SHARE / 100),
        )
        .values(
            "assessment__ward_id",
            "assessment__ward__code",
            "assessment__ward__name",
            "assessment__ward__sort_key",
            "criterion_id",
            "criterion__number",
            "criterion__title_vi",
            "criterion__title_en",
            "criterion__max_points",
        )
        .annotate(
            years=Count("pk"),
            earlier=Sum("points", filter=Q(assessment__cycle__year=earlier)),
            later=Sum("points", filter=Q(assessment__cycle__year=later)),
        )
        .filter(years=2)
        .order_by("assessment__ward__sort_key", "criterion__number")
    )
    planned = set()
    if plan is not None:
        planned = set(
            PlanTask.objects.filter(plan=plan, ward__isnull=False, criteria__isnull=False).values_list(
                "ward_id", "criteria"
            )
        )
    return tuple(
        WeakCriterion(
            ward_id=row["assessment__ward_id"],
            ward_code=row["assessment__ward__code"],
            ward_name=row["assessment__ward__name"],
            criterion_id=row["criterion_id"],
            number=row["criterion__number"],
            title=localized(row["criterion__title_vi"], row["criterion__title_en"]),
            shares=(
                share_percent(row["earlier"], row["criterion__max_points"]),
                share_percent(row["later"], row["criterion__max_points"]),
            ),
            in_next_plan=(row["assessment__ward_id"], row["criterion_id"]) in planned,
        )
        for row in rows
    )
