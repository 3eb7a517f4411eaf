"""Opening an assessment year."""

from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment, Cycle
from wards.models import Ward


@transaction.atomic
def open_cycle(cycle: Cycle) -> int:
    """Create one assessment per ward for ``cycle``; wards that already have one are left alone.

    Returns the number of assessments created. Safe to run again after a ward is added.
    """
    existing = set(cycle.assessments.values_list("ward_id", flat=True))
    created = Assessment.objects.bulk_create(
        Assessment(cycle=cycle, ward=ward) for ward in Ward.objects.exclude(pk__in=existing)
    )
    if cycle.opened_at is None:
        cycle.opened_at = timezone.now()
        cycle.save(update_fields=["opened_at"])
    return len(created)
