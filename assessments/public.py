"""What the public may read: published results only, and only what the decision contains.

No comment, evidence file or inspector name ever leaves this module: the
queries below load the ward, the totals and classification, the per-criterion
points and the decision number and date, nothing else.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from assessments.models import (
    Assessment,
    AssessmentState,
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
