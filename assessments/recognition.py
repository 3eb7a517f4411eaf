"""How long a ward's recognition holds (Circular 25/2023 and any framework with a validity).

A recognition is a published result at level 1 or higher under a framework
whose recognitions expire (``Framework.validity_years``). A ward's status in a
year is its latest such recognition up to that year, in force or already
expired; the rules themselves (``valid_through``, ``in_force``, the waiting
time before a higher level) are ``assessments.levels``.

One query for any number of wards: the published results with their cycle,
framework and band, each with the date of its approved or released decision.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Q

from assessments import levels
from assessments.models import Assessment, AssessmentState, DecisionState


@dataclass(frozen=True)
class RecognitionStatus:
    ward_id: int
    year: int  # the year of the recognition
    level: int
    classification: str  # the level's label, e.g. "Mức độ 2 (Tốt)"
    decided_on: datetime.date | None  # the decision's date
    valid_through: int | None  # the last year in force; None: it does not expire
    in_force: bool  # in the year asked about
    higher_level_possible_from: datetime.date | None  # None without a dated decision


def _statuses(year: int, **filters) -> dict[int, RecognitionStatus]:
    recognitions = (
        Assessment.objects.filter(
            state=AssessmentState.PUBLISHED,
            cycle__year__lte=year,
            cycle__framework__validity_years__isnull=False,
            result__level__gte=1,
            **filters,
        )
        .select_related("cycle__framework", "result__classification")
        .annotate(
            decided_on=Max(
                "decisions__issued_on",
                filter=Q(decisions__state__in=[DecisionState.APPROVED, DecisionState.RELEASED]),
            )
        )
        .order_by("ward_id", "-cycle__year")
    )
    statuses: dict[int, RecognitionStatus] = {}
    for assessment in recognitions:
        if assessment.ward_id in statuses:
            continue  # an older recognition of the same ward
        framework, result = assessment.cycle.framework, assessment.result
        decided_on = assessment.decided_on
        statuses[assessment.ward_id] = RecognitionStatus(
            ward_id=assessment.ward_id,
            year=assessment.cycle.year,
            level=result.level,
            classification=result.classification.label if result.classification else "",
            decided_on=decided_on,
            valid_through=levels.valid_through(framework, assessment.cycle.year),
            in_force=levels.in_force(framework, assessment.cycle.year, year),
            higher_level_possible_from=(
                levels.higher_level_possible_from(framework, decided_on) if decided_on else None
            ),
        )
    return statuses


def recognitions_in_force(year: int) -> dict[int, RecognitionStatus]:
    """Every ward's latest recognition up to ``year``, by ward id (wards never recognised are absent)."""
    return _statuses(year)


def recognition_in_force(ward, year: int) -> RecognitionStatus | None:
    """``ward``'s latest recognition up to ``year`` (in force in ``year`` or expired), or ``None``."""
    return _statuses(year, ward=ward).get(ward.pk)


def higher_level_possible_from(ward, day: datetime.date) -> datetime.date | None:
    """The first day ``ward`` may apply for a higher level than its latest recognition decided by ``day``.

    ``None`` when the ward holds no dated recognition then (nothing to wait for).
    The dossier refuses an earlier application with
    ``levels.check_higher_level_application``.
    """
    status = recognition_in_force(ward, day.year)
    if status is None or status.decided_on is None or status.decided_on > day:
        return None
    return status.higher_level_possible_from
