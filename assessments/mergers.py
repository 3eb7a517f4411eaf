"""The assessments in a ward merger (a check registered with ``wards.merger_steps``)."""

from django.utils.translation import gettext as _

from assessments.models import Assessment
from assessments.models import AssessmentState as S

# A dossier between the plan sent to the chairman and the recognition: somebody is working on it.
# A plan still in draft is nobody's work yet: it stays with the closed ward, read-only.
IN_PROGRESS = (
    S.PLAN_SUBMITTED,
    S.DOSSIER_PREPARATION,
    S.SUBMITTED,
    S.RETURNED,
    S.RECEIVED,
    S.INSPECTION_PLANNED,
    S.INSPECTED,
)


def assessments_in_progress(predecessors) -> list[str]:
    """One refusal per assessment of the merged wards still in progress: an open dossier cannot be merged away."""
    in_progress = (
        Assessment.objects.filter(ward__in=predecessors, state__in=IN_PROGRESS)
        .select_related("ward", "cycle")
        .order_by("ward__sort_key", "cycle__year")
    )
    return [
        _("%(ward)s has an assessment in progress (%(year)s: %(state)s); finish it before the merger.")
        % {
            "ward": assessment.ward.name,
            "year": assessment.cycle.year,
            "state": assessment.get_state_display(),
        }
        for assessment in in_progress
    ]
