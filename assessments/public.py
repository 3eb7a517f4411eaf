"""What the public may read: published results only, and only what the decision contains.

No comment, evidence file or inspector name ever leaves this module: the
queries below load the ward, the totals and classification, the per-criterion
points and the decision number and date, nothing else.

Each year is shown under its own framework, named beside it: points and a
grade under Circular 44, a level under Circular 25 (no points at all, the
level is the classification's label). Nothing converts one into the other.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

from django.db.models import Count, Exists, F, OuterRef, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assessments.models import (
    Assessment,
    AssessmentState,
    ClassificationBand,
    Criterion,
    Cycle,
    DecisionState,
    Framework,
    InspectionScore,
    RecognitionDecision,
    ScoringMode,
)
from wards.models import Ward


def framework_title(framework: Framework) -> str:
    """The circular (its reference up to its date) and how it rates: "Thông tư số 25/2023/TT-BGDĐT — mức độ"."""
    return framework_title_of(framework.legal_reference, framework.name, framework.scoring_mode)


def framework_title_of(legal_reference: str, name: str, scoring_mode: str) -> str:
    """``framework_title`` from the framework's fields (for queries that read values, not models)."""
    circular = legal_reference.split(" ngày ")[0].strip() or name
    # Outside the f-string: makemessages does not read calls inside one.
    if scoring_mode == ScoringMode.LEVELS:
        rating = pgettext("rated by", "levels")
    else:
        rating = pgettext("rated by", "points and grades")
    return f"{circular} — {rating}"


@dataclass(frozen=True)
class PublicResult:
    year: int
    ward_code: str
    ward_name: str
    total: Decimal
    classification: str
    decision_number: str
    decision_date: object
    points: list[Decimal | None]  # in criterion order; empty under a level-based framework
    lines: list[tuple[int, str, Decimal | None]]  # number, title, points; empty under levels
    framework: str = ""  # ``framework_title`` of the year's framework
    by_level: bool = False  # a level-based year: the classification is the level, there are no points


def published_years() -> list[int]:
    """The years with a published result, newest first.

    Asked per cycle ("does one published assessment exist?"): one probe of the
    (state, cycle) index per cycle instead of reading every published row.
    """
    published = Assessment.objects.filter(cycle=OuterRef("pk"), state=AssessmentState.PUBLISHED)
    return list(Cycle.objects.filter(Exists(published)).order_by("-year").values_list("year", flat=True))


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


def _label(band: ClassificationBand | None, by_level: bool) -> str:
    """The band's label; a published level-based result without one missed a level-1 indicator."""
    if band is not None:
        return band.label
    return _("Not recognised") if by_level else ""


def _as_public(assessment: Assessment, criteria: list[Criterion]) -> PublicResult:
    points = {score.criterion_id: score.points for score in assessment.inspection_scores.all()}
    decision = next(iter(assessment.decisions.all()), None)
    result = getattr(assessment, "result", None)
    framework = assessment.cycle.framework
    by_level = framework.scoring_mode == ScoringMode.LEVELS
    scored = [] if by_level else criteria
    return PublicResult(
        year=assessment.cycle.year,
        ward_code=assessment.ward.code,
        ward_name=assessment.ward.name,
        total=result.total if result else Decimal(0),
        classification=_label(result.classification if result else None, by_level),
        decision_number=decision.number if decision else "",
        decision_date=decision.issued_on if decision else None,
        points=[points.get(criterion.pk) for criterion in scored],
        lines=[(criterion.number, criterion.title, points.get(criterion.pk)) for criterion in scored],
        framework=framework_title(framework),
        by_level=by_level,
    )


def results_of_year(year: int) -> tuple[list[Criterion], list[PublicResult]]:
    """Every published ward result of ``year`` in Vietnamese order, with the framework's criteria."""
    assessments = list(_published().filter(cycle__year=year).order_by("ward__sort_key"))
    if not assessments:
        return [], []
    criteria = list(assessments[0].cycle.framework.criteria.all())
    return criteria, [_as_public(assessment, criteria) for assessment in assessments]


def published_in_year(year: int, *, search: str = "", cluster: int | None = None):
    """The published results of ``year`` in Vietnamese order, narrowed to a ward name and an emulation cluster.

    Page it and read the page with ``page_of_year``.
    """
    assessments = _published().filter(cycle__year=year)
    if search:
        assessments = assessments.filter(ward__in=Ward.objects.search(search))
    if cluster is not None:
        assessments = assessments.filter(ward__cluster_id=cluster)
    return assessments.order_by("ward__sort_key", "ward__pk")


def page_of_year(assessments) -> tuple[list[Criterion], list[PublicResult]]:
    """One page of ``published_in_year`` as public results, with the year's criteria.

    Four queries whatever the page's or the year's size: the page, its scores,
    its decisions, the criteria.
    """
    assessments = list(assessments)
    if not assessments:
        return [], []
    criteria = list(assessments[0].cycle.framework.criteria.all())
    return criteria, [_as_public(assessment, criteria) for assessment in assessments]


def counts_of_year(year: int) -> list[tuple[str, int]]:
    """How many wards each grade (or level) holds in ``year``, best first, counted in the database."""
    rows = (
        Assessment.objects.filter(state=AssessmentState.PUBLISHED, cycle__year=year)
        .values(
            "result__classification", "result__classification__min_points", "cycle__framework__scoring_mode"
        )
        .annotate(wards=Count("pk"))
        .order_by(F("result__classification__min_points").desc(nulls_last=True))
    )
    bands = {band.pk: band for band in ClassificationBand.objects.filter(framework__cycles__year=year)}
    return [
        (
            _label(
                bands.get(row["result__classification"]),
                row["cycle__framework__scoring_mode"] == ScoringMode.LEVELS,
            )
            or str(_("Not classified")),
            row["wards"],
        )
        for row in rows
    ]


def results_of_ward(code: str) -> list[PublicResult]:
    """A ward's published results across the years, newest first."""
    assessments = list(
        _published()
        .filter(ward__code=code)
        .prefetch_related("cycle__framework__criteria")
        .order_by("-cycle__year")
    )
    return [_as_public(a, list(a.cycle.framework.criteria.all())) for a in assessments]


@dataclass(frozen=True)
class Predecessor:
    """A ward merged into the one shown, with its own published results under its own name."""

    code: str
    name: str
    merged_on: object  # the merger's effective date
    rows: list[PublicResult]  # newest first


def results_of_predecessors(ward) -> list[Predecessor]:
    """The published results of the wards merged into ``ward``, each under its own name, newest first.

    One query for the results (with the merger's date) and the usual prefetches,
    whatever the number of predecessors; a predecessor without a published
    result is not listed. Only one merger back: a predecessor's own
    predecessors show on its page.
    """
    assessments = (
        _published()
        .filter(ward__merged_into__new_ward=ward)
        .annotate(merged_on=F("ward__merged_into__effective_on"))
        .prefetch_related("cycle__framework__criteria")
        .order_by("ward__sort_key", "ward__pk", "-cycle__year")
    )
    by_ward: dict[str, Predecessor] = {}
    for assessment in assessments:
        predecessor = by_ward.setdefault(
            assessment.ward.code,
            Predecessor(assessment.ward.code, assessment.ward.name, assessment.merged_on, []),
        )
        predecessor.rows.append(_as_public(assessment, list(assessment.cycle.framework.criteria.all())))
    return list(by_ward.values())


# --- The district summary and the year-over-year table (public; cached by the views) -----------------


@dataclass(frozen=True)
class ClassificationCounts:
    """How many wards each classification holds in each published year, oldest year first.

    ``labels`` are the columns: every band of the years' frameworks, best first.
    Each row is ``(year, counts, published)``: a count per label — 0 for a band
    of that year's framework that no ward reached, ``None`` for a label its
    framework does not have — and the number of wards published that year.
    ``frameworks`` names each year's framework (``framework_title``).
    """

    labels: list[str]
    rows: list[tuple[int, list[int | None], int]]
    frameworks: dict[int, str]

    @property
    def rows_with_framework(self) -> list[tuple[int, str, list[int | None], int]]:
        """``rows`` with each year's framework second."""
        return [(year, self.frameworks.get(year, ""), counts, n) for year, counts, n in self.rows]


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
        .select_related("framework")
        .annotate(year=F("framework__cycles__year"))
        .order_by("-min_points", "pk")
    )
    labels: list[str] = []
    by_year: dict[int, dict[str, int]] = {year: {} for year in years}
    frameworks: dict[int, str] = {}
    for band in bands:
        frameworks[band.year] = framework_title(band.framework)
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
    return ClassificationCounts(labels, rows, frameworks)


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
    by_level: bool = False  # a level-based year: no total, the classification is the level


@dataclass(frozen=True)
class WardHistory:
    code: str
    name: str
    cells: list[WardYear | None]  # one per year of ``YearOverYear.years``; None: nothing published


@dataclass(frozen=True)
class YearOverYear:
    """Each ward with a published result: its total and classification in every published year, oldest first.

    ``frameworks`` names the framework of each year of ``years``.
    """

    years: list[int]
    wards: list[WardHistory]
    frameworks: list[str]

    @property
    def columns(self) -> list[tuple[int, str]]:
        """Each year with its framework's name."""
        return list(zip(self.years, self.frameworks, strict=True))


def year_over_year() -> YearOverYear:
    """The wards × years table in one query; a ward's move compares it with its previous published year.

    A move is read from the bands' minimum points, so only within one framework:
    a result under another framework than the one before shows no move (the
    years' columns name their frameworks, so the change itself is visible).
    """
    assessments = (
        Assessment.objects.filter(state=AssessmentState.PUBLISHED)
        .select_related("ward", "cycle__framework", "result__classification")
        .only(
            "ward__code",
            "ward__name",
            "cycle__year",
            "cycle__framework__legal_reference",
            "cycle__framework__name",
            "cycle__framework__scoring_mode",
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
    frameworks: dict[int, str] = {}
    for assessment in assessments:
        framework = assessment.cycle.framework
        frameworks[assessment.cycle.year] = framework_title(framework)
        result = getattr(assessment, "result", None)
        band = result.classification if result else None
        code = assessment.ward.code
        before = previous.get(code)
        move = Move.SAME
        if band and before and before.framework_id == band.framework_id:
            move = Move((band.min_points > before.min_points) - (band.min_points < before.min_points))
        previous[code] = band
        cells = by_ward.setdefault(code, (assessment.ward.name, {}))[1]
        by_level = framework.scoring_mode == ScoringMode.LEVELS
        cells[assessment.cycle.year] = WardYear(
            total=result.total if result else Decimal(0),
            classification=_label(band, by_level),
            move=move,
            by_level=by_level,
        )
    years = sorted({year for _name, cells in by_ward.values() for year in cells})
    return YearOverYear(
        years,
        [
            WardHistory(code, name, [cells.get(year) for year in years])
            for code, (name, cells) in by_ward.items()
        ],
        [frameworks[year] for year in years],
    )
