"""The month view of a centre's year: what runs in each month and which sessions fall in it.

Two queries whatever the size of the year (the activities, the sessions); the
months are filled in Python. Only titles, places and counts: no learner's name.
"""

from dataclasses import dataclass, field

from centers.figures import MONTHS, month_bounds, running_in, year_bounds
from centers.models import Activity, Center, Session


@dataclass
class Month:
    number: int
    activities: list[Activity] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)


def year_months(center: Center, year: int) -> list[Month]:
    """The twelve months of ``year``, each with the activities running and the sessions dated in it."""
    start, end = year_bounds(year)
    months = [Month(number) for number in MONTHS]
    activities = (
        Activity.objects.filter(running_in(start, end), center=center)
        .select_related("kind", "partner")
        .order_by("starts_on", "pk")
    )
    for activity in activities:
        for month in months:
            first, last = month_bounds(year, month.number)
            if activity.starts_on <= last and activity.ends_on >= first:
                month.activities.append(activity)
    sessions = (
        Session.objects.filter(activity__center=center, date__range=(start, end))
        .select_related("activity")
        .order_by("date", "pk")
    )
    for session in sessions:
        months[session.date.month - 1].sessions.append(session)
    return months
