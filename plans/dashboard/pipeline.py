"""Where the wards are in this year's procedure, and which of them are late.

Two queries whatever the number of wards: the assessments of the year counted
per state, and the overdue ones (``assessments.queries.overdue_condition``, the
rule the inbox and the assessment list use) with their ward.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count

from assessments.models import Assessment, AssessmentState
from assessments.queries import overdue_condition


@dataclass(frozen=True)
class StepCount:
    state: str
    label: str
    wards: int
    overdue: int


@dataclass(frozen=True)
class LateWard:
    assessment_id: int
    ward_code: str
    ward_name: str
    state_label: str
    due_label: str
    due_date: datetime.date
    days_late: int


@dataclass(frozen=True)
class Pipeline:
    year: int
    steps: list[StepCount]  # every state of the procedure, in its order, zeros included
    late: list[LateWard]  # most days late first

    @property
    def wards(self) -> int:
        return sum(step.wards for step in self.steps)


def pipeline(year: int, today: datetime.date) -> Pipeline:
    """The assessments of ``year`` per state of the procedure, and the overdue ones, on ``today``."""
    late_filter = overdue_condition(today)
    counts = {
        row["state"]: row
        for row in Assessment.objects.filter(cycle__year=year)
        .values("state")
        .annotate(wards=Count("pk"), overdue=Count("pk", filter=late_filter))
        .order_by()
    }
    steps = [
        StepCount(
            state,
            str(label),
            counts.get(state, {}).get("wards", 0),
            counts.get(state, {}).get("overdue", 0),
        )
        for state, label in AssessmentState.choices
    ]
    late = [
        LateWard(
            assessment.pk,
            assessment.ward.code,
            assessment.ward.name,
            str(assessment.get_state_display()),
            assessment.due_label,
            assessment.due_date,
            (today - assessment.due_date).days,
        )
        for assessment in Assessment.objects.filter(late_filter, cycle__year=year)
        .select_related("ward")
        .only("state", "due_date", "due_label", "ward__code", "ward__name")
        .order_by("due_date", "ward__sort_key")
    ]
    return Pipeline(year, steps, late)
