"""Which years the dashboards offer: the assessment cycles on record, imported history included."""

from django.http import Http404

from assessments.models import Cycle


def assessment_years() -> list[int]:
    """Every cycle's year, newest first."""
    return list(Cycle.objects.order_by("-year").values_list("year", flat=True))


def latest_year() -> int | None:
    """The newest cycle's year: the dashboards' "this year"; ``None`` before the first cycle."""
    return Cycle.objects.order_by("-year").values_list("year", flat=True).first()


def year_or_404(year: int) -> int:
    """``year`` when a cycle of that year exists; otherwise the page does not exist."""
    if not Cycle.objects.filter(year=year).exists():
        raise Http404
    return year
