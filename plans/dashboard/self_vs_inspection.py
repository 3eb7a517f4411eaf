"""Self vs inspection: how far each ward's self-assessment was from the inspection's, criterion by criterion.

A positive difference is a ward rating itself above what the inspection
found. Once is a slip; every year is a habit the steering committee should
take up with the ward, so the wards that over-rated themselves in each of the
last years on record are listed apart.

Six queries whatever the number of wards and years: the cycle, its criteria,
the wards, the year's pairs of scores, their sums per criterion, and the sums
per ward and year over the years up to this one (the over-rating streaks).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from assessments.models import Cycle
from engines.charts import number_text
from engines.figures_cache import cached_figure
from plans.dashboard.scores import INSPECTED_POINTS, ONE_DECIMAL, paired_scores
from wards.models import Ward

# A ward over-rated itself in a year when its self-assessed total exceeds the inspection's total by at
# least this many points (5 of 100: more than a half-point here and there, less than a grade's width).
OVER_RATING_POINTS = Decimal(5)
# "Year after year": over-rating in each of at least this many consecutive years on record, the last
# of them the year shown.
OVER_RATING_YEARS = 2
SORTS = ("ward", "delta", "-delta")


def signed_text(value: Decimal | None) -> str:
    """``+1,5`` / ``−2,0`` / ``0,0``; "–" when there is nothing to compare."""
    if value is None:
        return "–"
    if value > 0:
        return f"+{number_text(value)}"
    if value < 0:
        return f"−{number_text(-value)}"
    return number_text(value)


def delta_shade(value: Decimal | None) -> str:
    if value is None or value == 0:
        return ""
    return "bg-warning-subtle" if value > 0 else "bg-info-subtle"


@dataclass(frozen=True)
class Column:
    number: int
    title: str
    average: Decimal | None  # the district's average difference on this criterion

    @property
    def average_text(self) -> str:
        return signed_text(self.average)


@dataclass(frozen=True)
class Row:
    ward_code: str
    ward_name: str
    deltas: tuple[Decimal | None, ...]  # self − inspection, per criterion
    self_total: Decimal | None
    inspected_total: Decimal | None
    streak: int  # consecutive years on record, ending with this one, of over-rating

    @property
    def delta(self) -> Decimal | None:
        if self.self_total is None:
            return None
        return self.self_total - self.inspected_total

    @property
    def over_rates(self) -> bool:
        return self.streak >= OVER_RATING_YEARS

    @property
    def cells(self) -> list[tuple[str, str]]:
        """Each criterion's difference as (text, background)."""
        return [(signed_text(delta), delta_shade(delta)) for delta in self.deltas]

    @property
    def delta_text(self) -> str:
        return signed_text(self.delta)

    @property
    def totals_text(self) -> str:
        """ "92,0 / 85,5": self-assessed total, then the inspection's."""
        if self.self_total is None:
            return "–"
        return f"{number_text(self.self_total)} / {number_text(self.inspected_total)}"


@dataclass(frozen=True)
class OverRater:
    """A ward that over-rated itself in each of its last ``len(years)`` years on record."""

    ward_code: str
    ward_name: str
    years: tuple[tuple[int, Decimal], ...]  # (year, delta), newest first

    @property
    def years_text(self) -> str:
        """ "2018: +6,0; 2017: +7,5"."""
        return "; ".join(f"{year}: {signed_text(delta)}" for year, delta in self.years)


@dataclass(frozen=True)
class SelfVsInspection:
    year: int
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]  # in the wards' Vietnamese order
    over_raters: tuple[OverRater, ...]
    years_on_record: tuple[int, ...]  # years with both scores, up to ``year``, newest first

    def sorted_rows(self, sort: str) -> list[Row]:
        """``delta`` smallest first, ``-delta`` largest (most over-rated) first; wards without data last."""
        if sort not in SORTS or sort == "ward":
            return list(self.rows)
        compared = [row for row in self.rows if row.delta is not None]
        compared.sort(key=lambda row: row.delta, reverse=sort == "-delta")
        return compared + [row for row in self.rows if row.delta is None]

    def table(self, rows: list[Row]) -> tuple[list[str], list[list]]:
        headers = [
            _("Ward code"),
            _("Ward"),
            *(_("Criterion %(number)s (self − inspection)") % {"number": c.number} for c in self.columns),
            _("Self-assessed total"),
            _("Inspection total"),
            _("Difference"),
            _("Years over-rating in a row"),
        ]
        lines = [
            [
                row.ward_code,
                row.ward_name,
                *row.deltas,
                row.self_total,
                row.inspected_total,
                row.delta,
                row.streak,
            ]
            for row in rows
        ]
        lines.append(["", _("District average"), *(c.average for c in self.columns), None, None, None, None])
        return headers, lines


def self_vs_inspection(year: int) -> SelfVsInspection:
    return cached_figure("self_vs_inspection", (year,), lambda: _compute(year))


def _compute(year: int) -> SelfVsInspection:
    cycle = Cycle.objects.select_related("framework").get(year=year)
    criteria = list(
        cycle.framework.criteria.order_by("number").only("framework", "number", "title_vi", "title_en")
    )
    pairs = paired_scores().filter(assessment__cycle=cycle)
    deltas = {
        (ward_id, criterion_id): own - inspected
        for ward_id, criterion_id, own, inspected in pairs.values_list(
            "assessment__ward_id", "criterion_id", "points", INSPECTED_POINTS
        )
    }
    averages = {
        row["criterion_id"]: (row["own"] - row["inspected"]) / row["count"]
        for row in pairs.values("criterion_id").annotate(
            own=Sum("points"), inspected=Sum(INSPECTED_POINTS), count=Count("pk")
        )
    }
    history = _totals_by_year(year)
    years = tuple(sorted({year_ for _ward, year_ in history}, reverse=True))
    columns = tuple(Column(c.number, c.title, _rounded(averages.get(c.pk))) for c in criteria)
    rows, over_raters = [], []
    for ward in Ward.objects.order_by("sort_key").values("pk", "code", "name"):
        streak = _streak(ward["pk"], years, history)
        own, inspected = history.get((ward["pk"], year), (None, None))
        rows.append(
            Row(
                ward["code"],
                ward["name"],
                tuple(deltas.get((ward["pk"], c.pk)) for c in criteria),
                own,
                inspected,
                streak if own is not None else 0,
            )
        )
        if streak >= OVER_RATING_YEARS and years[0] == year:
            run = tuple(
                (y, history[(ward["pk"], y)][0] - history[(ward["pk"], y)][1]) for y in years[:streak]
            )
            over_raters.append(OverRater(ward["code"], ward["name"], run))
    return SelfVsInspection(year, columns, tuple(rows), tuple(over_raters), years)


def _totals_by_year(year: int) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """(ward, year) → (self-assessed total, inspection total) over the criteria both scored, up to ``year``."""
    sums = (
        paired_scores()
        .filter(assessment__cycle__year__lte=year)
        .values("assessment__ward_id", "assessment__cycle__year")
        .annotate(own=Sum("points"), inspected=Sum(INSPECTED_POINTS))
    )
    return {
        (row["assessment__ward_id"], row["assessment__cycle__year"]): (row["own"], row["inspected"])
        for row in sums
    }


def _streak(ward_id: int, years: tuple[int, ...], history: dict) -> int:
    """How many of the newest years on record in a row the ward over-rated itself by the threshold."""
    count = 0
    for year in years:
        pair = history.get((ward_id, year))
        if pair is None or pair[0] - pair[1] < OVER_RATING_POINTS:
            break
        count += 1
    return count


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
