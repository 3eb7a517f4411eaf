"""Opening an assessment year, and the dates that make sense for it."""

from datetime import MAXYEAR, MINYEAR, date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assessment, Cycle
from engines.figures_cache import data_changed
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
    data_changed()  # bulk_create sends no signal
    return len(created)


def plausible_date_window(cycle: Cycle) -> tuple[date, date]:
    """The dates a ward may give its plan and documents for ``cycle``: 01/01 of the year before to 31/12 after.

    A plan may be issued late in the previous year and a document re-signed early
    in the next one; anything further away is a typing mistake (31/12/9999,
    01/01/0001) that would otherwise be printed on official documents.
    """
    return date(max(cycle.year - 1, MINYEAR), 1, 1), date(min(cycle.year + 1, MAXYEAR), 12, 31)


def check_plausible_date(cycle: Cycle, value: date | None) -> None:
    """Refuse a date outside ``plausible_date_window(cycle)``, naming the allowed range (``None`` passes)."""
    if value is None:
        return
    start, end = plausible_date_window(cycle)
    if not start <= value <= end:
        raise ValidationError(
            _("Enter a date from %(start)s to %(end)s.")
            % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")},
            code="implausible_date",
        )
