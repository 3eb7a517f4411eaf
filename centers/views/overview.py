"""What the centre's page shows of its year and of itself.

``center_overview`` returns the context of the page's profile, board,
partners and year-at-a-glance partials; the page's view merges it with the
other parts' contexts. A fixed number of queries, whatever the data.
"""

from django.db.models import Max
from django.urls import reverse

from centers.activity_queries import center_years
from centers.calendar_workflow import calendar_of
from centers.figures import center_figures
from centers.models import Activity, CalendarState, MemberRole


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _latest_year_before(center, year: int) -> int | None:
    """The last year before ``year`` with an activity: an empty year (often January's) points there."""
    return Activity.objects.filter(center=center, year__lt=year).aggregate(latest=Max("year"))["latest"]


def center_overview(request, center, year: int) -> dict:
    user = request.user
    members = list(center.members.all())
    board = [
        (label, [member for member in members if member.role == role]) for role, label in MemberRole.choices
    ]
    calendar = calendar_of(center, year)
    figures = center_figures(center, year)
    return {
        "years": center_years(center),
        "rooms": _lines(center.rooms),
        "equipment": _lines(center.equipment),
        "board": board,
        "has_members": bool(members),
        "partners": list(center.partners.select_related("unit")),
        "figures": figures,
        "earlier_year": None if figures.total.activities else _latest_year_before(center, year),
        "activities_url": reverse("centers:activity_list", args=[center.pk]) + f"?year={year}",
        "calendar_url": reverse("centers:calendar", args=[center.pk, year]),
        "calendar_published": calendar.state == CalendarState.PUBLISHED,
        "can_edit_center": user.has_perm("centers.change_center", center),
        "can_manage_activities": user.has_perm("centers.manage_activities", center),
    }
