"""Finding activities and sessions for the views, and the year a page shows.

An activity is found within its centre (another centre's activity is a 404);
what the user may see inside (names) and do is decided by ``centers.rules``.
"""

from django.db.models import Min
from django.shortcuts import get_object_or_404
from django.utils import timezone

from centers.models import Activity, Center, Session


def current_year() -> int:
    """This year where the district is (settings.TIME_ZONE, Asia/Ho_Chi_Minh)."""
    return timezone.localdate().year


def chosen_year(request) -> int:
    """The ``?year=`` of the request when it is a plausible year, otherwise the current year."""
    value = request.GET.get("year", "")
    this_year = current_year()
    if value.isdigit() and 2000 <= int(value) <= this_year + 1:
        return int(value)
    return this_year


def center_years(center: Center) -> list[int]:
    """The years the year selector offers: from the centre's first activity to next year, newest first."""
    first = Activity.objects.filter(center=center).aggregate(first=Min("starts_on"))["first"]
    this_year = current_year()
    start = min(first.year if first else this_year, this_year)
    return list(range(this_year + 1, start - 1, -1))


def activity_or_404(center: Center, pk: int) -> Activity:
    """An activity of ``center`` (another centre's: 404), with what its pages show."""
    return get_object_or_404(
        Activity.objects.select_related("kind", "partner", "center", "center__ward"), center=center, pk=pk
    )


def session_or_404(activity: Activity, pk: int) -> Session:
    session = get_object_or_404(Session.objects.filter(activity=activity), pk=pk)
    session.activity = activity
    return session
