"""Which scores the score tables read, and how a score becomes a share of its criterion's maximum.

The heat map, the self vs inspection table, the year-over-year view and a
ward's own page all start from these querysets, so they agree on what counts:

- an inspection score counts once the inspection is closed (the assessment
  has its ``InspectionResult``, imported history included): scores still being
  entered are the team's working notes, and a half-scored ward would read as weak;
- a self-score counts once the dossier has reached the district (not while the
  ward is still drafting it, nor while it is back with the ward for supplement);
- comments are never loaded: only ward, year, criterion and points leave here.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F
from django.utils.translation import get_language

from assessments.models import AssessmentState, CriterionSelfScore, InspectionScore
from engines.charts import number_text

# A criterion scored under half its maximum is weak: the line the tables mark "▼" and the trends'
# "weak two years running" list use (Circular 44 grades start at 50 of 100 points).
WEAK_SHARE = Decimal(50)
WEAK_MARK = "▼"

# The dossier is with the district from its sending on.
SENT_STATES = (
    AssessmentState.SUBMITTED,
    AssessmentState.RECEIVED,
    AssessmentState.INSPECTION_PLANNED,
    AssessmentState.INSPECTED,
    AssessmentState.RECOGNISED,
    AssessmentState.PUBLISHED,
)

ONE_DECIMAL = Decimal("0.1")


def share_percent(points: Decimal | None, max_points: Decimal) -> Decimal | None:
    """``points`` as a percentage of ``max_points``, to one decimal (half up); ``None`` without points."""
    if points is None or not max_points:
        return None
    return (Decimal(points) * 100 / Decimal(max_points)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def localized(vi: str, en: str) -> str:
    """The text in the page's language, as ``Criterion.title`` and ``ClassificationBand.label`` pick it."""
    return en if (get_language() or "vi").startswith("en") else vi


def percent_text(share: Decimal | None) -> str:
    """``Decimal("42.9")`` → ``"42,9%"``; "–" without a share."""
    return "–" if share is None else f"{number_text(share)}%"


def is_weak(share: Decimal | None) -> bool:
    return share is not None and share < WEAK_SHARE


def shade(share: Decimal | None) -> str:
    """The cell's Bootstrap background for a share (the text and the "▼" say the same without colour)."""
    if share is None:
        return ""
    if share >= 85:
        return "bg-success-subtle"
    if share >= 70:
        return "bg-info-subtle"
    if share >= WEAK_SHARE:
        return "bg-warning-subtle"
    return "bg-danger-subtle"


def inspection_scores():
    """Inspection scores of closed inspections (with a result)."""
    return InspectionScore.objects.filter(assessment__result__isnull=False)


def self_scores():
    """Self-scores the ward gave (points entered) in a dossier the district has received."""
    return CriterionSelfScore.objects.filter(points__isnull=False, assessment__state__in=SENT_STATES)


def paired_scores():
    """Self-scores of closed inspections joined, criterion by criterion, with the inspection's score.

    The join is made in the filter, so ``assessment__inspection_scores__points`` in a later
    ``values()`` or ``Sum()`` reads that same criterion's inspection score (one row per pair).
    """
    return CriterionSelfScore.objects.filter(
        points__isnull=False,
        assessment__result__isnull=False,
        assessment__inspection_scores__criterion=F("criterion"),
    )


INSPECTED_POINTS = "assessment__inspection_scores__points"
