"""What the public may read: published results only, and only what the decision contains.

No comment, evidence file or inspector name ever leaves this module: the
queries below load the ward, the totals and classification, the per-criterion
points and the decision number and date, nothing else.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

from django.db.models import Count, F, Prefetch
from django.utils.translation import gettext as _

from assessments.models import (
    Assessment,
    AssessmentState,
    ClassificationBand,
    Criterion,
    DecisionState,
    InspectionScore,
    RecognitionDecision,
)


@dataclass(frozen=True)
class PublicResult:
    year: int
    ward_code: str
    ward_name: str
    total: Decimal
    classification: str
    decision_number: str
    decision_date: object
    points: list[Decimal | None]  # in criterion order
    lines: list[tuple[int, str, Decimal | None]]  # number, title, points


def published_years() -> list[int]:
    return list(
        Assessment.objects.filter(state=AssessmentState.PUBLISHED)
        .values_list("cycle__year", flat=True)
        .distinct()
        .order_by("-cycle__year")
    )


def _published():
    return (
        Assessment.objects.filter(state=AssessmentState.PUBLISHED)
        .select_related("ward", "cycle__framework", "result__classification")
        .prefetch_related(
            Prefetch(
                "inspection_scores",
                queryset=InspectionScore.objects.only("assessment_id", "criterion_id", "points"),
            ),
            Prefetch(
                "decisions",
                queryset=RecognitionDecision.objects.filter(
                    state__in=[DecisionState.APPROVED, DecisionState.RELEASED]
                ).only("number", "issued_on"),
            ),
        )
    )


def _as_public(assessment: Assessment, criteria: list[Criterion]) -> PublicResult:
    points = {score.criterion_id: score.points for score in assessment.inspection_scores.all()}
    decision = next(iter(assessment.decisions.all()), None)
    result = getattr(assessment, "result", None)
    return PublicResult(
        year=assessment.cycle.year,
        ward_code=assessment.ward.code,
        ward_name=assessment.ward.name,
        total=result.total if result else Decimal(0),
        classification=result.classification.label if result and result.classification else "",
        decision_number=decision.number if decision else "",
        decision_date=decision.issued_on if decision else None,
        points=[points.get(criterion.pk) for criterion in criteria],
        lines=[(criterion.number, criterion.title, points.get(criterion.pk)) for criterion in criteria],
    )


def results_of_year(year: int) -> tuple[list[Criterion], list[PublicResult]]:
    """Every published ward result of ``year`` in Vietnamese order, with the framework's criteria."""
    assessments = list(_published().filter(cycle__year=year).order_by("ward__sort_key"))
    if not assessments:
        return [], []
    criteria = list(assessments[0].cycle.framework.criteria.all())
    return criteria, [_as_public(assessment, criteria) for assessment in assessments]


def results_of_ward(code: str) -> list[PublicResult]:
    """A ward's published results across the years, newest first."""
    assessments = list(
        _published()
        .filter(ward__code=code)
        .prefetch_related("cycle__framework__criteria")
        .order_by("-cycle__year")
    )
    return [_as_public(a, list(a.cycle.framework.criteria.all())) for a in assessments]


# --- The district summary and the year-over-year table (public; cached by the views) -----------------


@dataclass(frozen=True)
class ClassificationCounts:
    """How many wards each classification holds in each published year, oldest year first.

    ``labels`` are the columns: every band of the years' frameworks, best first.
    Each row is ``(year, counts, published)``: a count per label — 0 for a band
    of that year's framework that no ward reached, ``None`` for a label its
    framework does not have — and the number of wards published that year.
    """

    labels: list[str]
    rows: list[tuple[int, list[int | None], int]]


def classification_counts() -> ClassificationCounts:
    """Published assessments counted per year and band, each year by its own framework's bands.

    Two queries: the counts grouped in the database, then the bands of the
    frameworks of those years (so a band nobody reached still shows 0). A
    published result without a band is counted under "Not classified".
    """
    counts: dict[tuple[int, int | None], int] = {
        (row["cycle__year"], row["result__classification"]): row["wards"]
        for row in Assessment.objects.filter(state=AssessmentState.PUBLISHED)
        .values("cycle__year", "result__classification")
        .annotate(wards=Count("pk"))
        .order_by()
    }
    years = sorted({year for year, _band in counts})
    bands = (
        ClassificationBand.objects.filter(framework__cycles__year__in=years)
        .annotate(year=F("framework__cycles__year"))
        .order_by("-min_points", "pk")
    )
    labels: list[str] = []
    by_year: dict[int, dict[str, int]] = {year: {} for year in years}
    for band in bands:
        if band.label not in labels:
            labels.append(band.label)
        by_year[band.year][band.label] = by_year[band.year].get(band.label, 0) + counts.get(
            (band.year, band.pk), 0
        )
    if any(band is None for _year, band in counts):
        labels.append(str(_("Not classified")))
        for year in years:
            by_year[year][labels[-1]] = counts.get((year, None), 0)
    rows = [
        (
            year,
            [by_year[year].get(label) for label in labels],
            sum(wards for (y, _band), wards in counts.items() if y == year),
        )
        for year in years
    ]
    return ClassificationCounts(labels, rows)


class Move(IntEnum):
    """A ward's classification against its previous published one (same framework only)."""

    DOWN = -1
    SAME = 0
    UP = 1


@dataclass(frozen=True)
class WardYear:
    total: Decimal
    classification: str
    move: Move


@dataclass(frozen=True)
class WardHistory:
    code: str
    name: str
    cells: list[WardYear | None]  # one per year of ``YearOverYear.years``; None: nothing published


@dataclass(frozen=True)
class YearOverYear:
    """Each ward with a published result: its total and classification in every published year, oldest first."""

    years: list[int]
    wards: list[WardHistory]


def year_over_year() -> YearOverYear:
    """The wards × years table in one query; a ward's move compares it with its previous published year.

    A move is read from the bands' minimum points, so only within one framework:
    a result under another framework than the one before shows no move.
    """
    assessments = (
        Assessment.objects.filter(state=AssessmentState.PUBLISHED)
        .select_related("ward", "cycle", "result__classification")
        .only(
            "ward__code",
            "ward__name",
            "cycle__year",
            "result__total",
            "result__classification__label_vi",
            "result__classification__label_en",
            "result__classification__min_points",
            "result__classification__framework_id",
        )
        .order_by("ward__sort_key", "ward__pk", "cycle__year")
    )
    by_ward: dict[str, tuple[str, dict[int, WardYear]]] = {}
    previous: dict[str, object] = {}
    for assessment in assessments:
        result = getattr(assessment, "result", None)
        band = result.classification if result else None
        code = assessment.ward.code
        before = previous.get(code)
        move = Move.SAME
        if band and before and before.framework_id == band.framework_id:
            move = Move((band.min_points > before.min_points) - (band.min_points < before.min_points))
        previous[code] = band
        cells = by_ward.setdefault(code, (assessment.ward.name, {}))[1]
        cells[assessment.cycle.year] = WardYear(
            total=result.total if result else Decimal(0),
            classification=band.label if band else "",
            move=move,
        )
    years = sorted({year for _name, cells in by_ward.values() for year in cells})
    return YearOverYear(
        years,
        [
            WardHistory(code, name, [cells.get(year) for year in years])
            for code, (name, cells) in by_ward.items()
        ],
    )
