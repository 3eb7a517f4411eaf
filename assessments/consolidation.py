"""The team's scoring sheet and the consolidation table, built from rows already loaded.

``load_sheet`` reads what one ward's scoring and consolidation pages show in a
fixed number of queries; the row builders are pure functions over what it
returns, so they are tested without a database.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from assessments.models import Assessment, Criterion, CriterionSelfScore, EvidenceFile, InspectionScore

# A difference between the team's score and the ward's own of this many points or more is checked again.
FLAG_DIFFERENCE = Decimal(2)


@dataclass(frozen=True)
class Sheet:
    """Everything loaded for one ward: criteria, self-scores, evidence and team scores (four queries)."""

    criteria: list[Criterion]
    self_scores: dict[int, CriterionSelfScore]
    evidence: dict[int, list[EvidenceFile]]
    scores: dict[int, InspectionScore]


def load_sheet(assessment: Assessment, *, with_evidence: bool = True) -> Sheet:
    """The cycle's criteria with the ward's self-scores, its evidence files and the team's scores."""
    evidence: dict[int, list[EvidenceFile]] = {}
    if with_evidence:
        for item in assessment.evidence.all():
            evidence.setdefault(item.criterion_id, []).append(item)
    return Sheet(
        criteria=list(assessment.cycle.framework.criteria.all()),
        self_scores={score.criterion_id: score for score in assessment.self_scores.all()},
        evidence=evidence,
        scores={
            score.criterion_id: score for score in assessment.inspection_scores.select_related("scored_by")
        },
    )


@dataclass(frozen=True)
class ScoringRow:
    """One criterion on an inspector's page: editable when ``assigned`` to them."""

    criterion: Criterion
    self_score: CriterionSelfScore | None
    evidence: list[EvidenceFile] = field(default_factory=list)
    score: InspectionScore | None = None
    assigned: bool = False


def scoring_rows(sheet: Sheet, assigned: Iterable[int]) -> list[ScoringRow]:
    """Every criterion in order; those whose id is in ``assigned`` carry their evidence for checking."""
    assigned = set(assigned)
    return [
        ScoringRow(
            criterion=criterion,
            self_score=sheet.self_scores.get(criterion.pk),
            evidence=sheet.evidence.get(criterion.pk, []) if criterion.pk in assigned else [],
            score=sheet.scores.get(criterion.pk),
            assigned=criterion.pk in assigned,
        )
        for criterion in sheet.criteria
    ]


@dataclass(frozen=True)
class ComparisonRow:
    """One criterion of the consolidation: the ward's score, the team's, and how far apart they are."""

    criterion: Criterion
    self_points: Decimal | None
    inspection_points: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        """Team score minus self-score; ``None`` until both exist."""
        if self.self_points is None or self.inspection_points is None:
            return None
        return self.inspection_points - self.self_points

    @property
    def flagged(self) -> bool:
        """Scores this far apart are checked again before the inspection is closed."""
        return self.difference is not None and abs(self.difference) >= FLAG_DIFFERENCE


def comparison_rows(sheet: Sheet) -> list[ComparisonRow]:
    rows = []
    for criterion in sheet.criteria:
        self_score = sheet.self_scores.get(criterion.pk)
        score = sheet.scores.get(criterion.pk)
        rows.append(
            ComparisonRow(
                criterion=criterion,
                self_points=self_score.points if self_score else None,
                inspection_points=score.points if score else None,
            )
        )
    return rows


def total_of(points: Iterable[Decimal | None]) -> Decimal:
    return sum((value for value in points if value is not None), Decimal(0))
