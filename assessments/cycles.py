"""Opening an assessment year, and the dates that make sense for it."""

from datetime import MAXYEAR, MINYEAR, date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assessment, Cycle, Framework, ScoringMode
from engines.figures_cache import data_changed
from wards.models import Ward


@transaction.atomic
def open_cycle(cycle: Cycle) -> int:
    """Create one assessment per open ward for ``cycle``; wards that already have one are left alone.

    A ward merged into another (``closed_on``) is no longer assessed: the ward it
    became is. Returns the number of assessments created. Safe to run again after
    a ward is added.
    """
    existing = set(cycle.assessments.values_list("ward_id", flat=True))
    created = Assessment.objects.bulk_create(
        Assessment(cycle=cycle, ward=ward)
        for ward in Ward.objects.filter(closed_on__isnull=True).exclude(pk__in=existing)
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


MIN_YEAR, MAX_YEAR = 1990, 2100  # the years a cycle may be created for (as the framework copy form)

# The deadlines a framework's Circular sets, as (month, day) of the year after the cycle's year. Circular 25/2023
# (levels): dossier before 28/02, recognition before 31/03. Circular 44 (points) sets none: the district chose.
CIRCULAR_DEADLINES: dict[str, dict[str, tuple[int, int]]] = {
    ScoringMode.LEVELS: {"dossier_deadline": (2, 28), "recognition_deadline": (3, 31)},
}


def suggested_cycle_dates(framework: Framework, year: int) -> dict[str, date]:
    """The dates a new ``year`` cycle under ``framework`` starts with (the form's initial values, editable)."""
    deadlines = CIRCULAR_DEADLINES.get(framework.scoring_mode, {})
    return {field: date(year + 1, month, day) for field, (month, day) in deadlines.items()}


def new_cycle_initial(year: int | None = None) -> dict:
    """What the new-cycle form starts with: the year (asked for, else the one after the latest cycle, else
    this year), the newest framework that applies to it, and the dates that framework's Circular sets."""
    if year is None:
        latest = Cycle.objects.order_by("-year").values_list("year", flat=True).first()
        year = latest + 1 if latest else timezone.localdate().year
    initial: dict = {"year": year}
    framework = Framework.objects.for_year(year).first()
    if framework is not None:
        initial |= {"framework": framework, **suggested_cycle_dates(framework, year)}
    return initial
