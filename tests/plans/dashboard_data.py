"""Builders for the dashboards' score tables: many wards and years of scores, written in bulk.

Assessments are written straight in their final state with ``bulk_create`` (as
imported history would be), so 150 wards × 5 years take a second; tests of a
change after a transition or a saved score use the domain functions instead.
Every inspection score carries the comment ``SECRET`` that no page may show.
"""

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from assessments.models import (
    Assessment,
    AssessmentState,
    CriterionSelfScore,
    Cycle,
    InspectionResult,
    InspectionScore,
)
from assessments.scoring import classify
from engines.figures_cache import data_changed
from tests.factories import ClusterFactory, CycleFactory, DistrictFactory, UserFactory
from wards.models import Role, Ward
from wards.text import strip_diacritics, vietnamese_sort_key

SECRET = "BÍ MẬT"
Points = Callable[[int, int, int], Decimal | None]  # (ward index, year, criterion number) → points


def bulk_wards(
    count: int, *, first: int = 1, district=None, names: dict[int, str] | None = None
) -> list[Ward]:
    """``count`` wards W001, W002, … named "Phường 1", … (or ``names[index]``), in one query."""
    district = district or DistrictFactory()
    cluster = ClusterFactory(district=district)
    wards = []
    for number in range(first, first + count):
        name = (names or {}).get(number - first) or f"Phường {number}"
        wards.append(
            Ward(
                district=district,
                cluster=cluster,
                code=f"W{number:03d}",
                name=name,
                sort_key=vietnamese_sort_key(name),
                search_name=strip_diacritics(name),
            )
        )
    return Ward.objects.bulk_create(wards)


def scorer():
    return UserFactory(username="doan.kiem.tra", roles=[Role.INSPECTOR])


def bulk_year(
    year: int,
    wards: list[Ward],
    inspected: Points | None,
    own: Points | None = None,
    *,
    by=None,
    framework=None,
) -> Cycle:
    """A cycle of ``year`` with every ward's assessment published: inspection scores (and results) from
    ``inspected``, self-scores from ``own``; a ward whose points are all ``None`` gets no result."""
    cycle = CycleFactory(year=year, **({"framework": framework} if framework else {}))
    criteria = list(cycle.framework.criteria.order_by("number"))
    by = by or UserFactory(roles=[Role.INSPECTOR])
    assessments = Assessment.objects.bulk_create(
        Assessment(cycle=cycle, ward=ward, state=AssessmentState.PUBLISHED) for ward in wards
    )
    scores, self_scores, results = [], [], []
    for index, assessment in enumerate(assessments):
        total = Decimal(0)
        scored = False
        for criterion in criteria:
            points = inspected(index, year, criterion.number) if inspected else None
            if points is not None:
                scored = True
                total += points
                scores.append(
                    InspectionScore(
                        assessment=assessment,
                        criterion=criterion,
                        points=points,
                        comment=SECRET,
                        scored_by=by,
                    )
                )
            mine = own(index, year, criterion.number) if own else None
            if mine is not None:
                self_scores.append(
                    CriterionSelfScore(
                        assessment=assessment, criterion=criterion, points=mine, comment=SECRET
                    )
                )
        if scored:
            results.append(
                InspectionResult(
                    assessment=assessment,
                    total=total,
                    classification=classify(cycle.framework, total),
                    closed_by=by,
                    closed_at=timezone.now(),
                    imported=own is None,
                )
            )
    InspectionScore.objects.bulk_create(scores)
    CriterionSelfScore.objects.bulk_create(self_scores)
    InspectionResult.objects.bulk_create(results)
    data_changed()
    return cycle


def share(points: Decimal, maximum: Decimal) -> Decimal:
    """Computed here as the page should: percent of the maximum, one decimal, half up."""
    return (points * 100 / maximum).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def vn(value: Decimal) -> str:
    """A number as the pages write it: one decimal after a decimal comma, none for a whole number."""
    text = f"{value:.1f}".replace(".", ",")
    return text.removesuffix(",0")


def varied(index: int, year: int, number: int) -> Decimal:
    """Points that differ by ward, year and criterion, from 0 to 6 in half points (some under half of 7)."""
    return Decimal((index * 7 + number * 3 + year) % 13) / 2
