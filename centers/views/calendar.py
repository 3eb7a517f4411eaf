"""The centre's yearly activity calendar (month view), its publication by the director, and undo."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from centers.activity_queries import current_year
from centers.calendar_workflow import CALENDAR_WORKFLOW, calendar_of, may_see_calendar, publish_calendar
from centers.models import CalendarState
from centers.queries import center_or_404
from centers.year_calendar import year_months
from engines.views import undo_page
from engines.workflow import TransitionNotAllowed
from wards.permissions import require_perm

FIRST_YEAR = 2000


def _calendar(request, pk, year):
    center = center_or_404(pk)
    require_perm(request, "centers.view_center", center)
    if not FIRST_YEAR <= year <= current_year() + 1:
        raise Http404
    return center, calendar_of(center, year)


def calendar_detail(request, pk, year):
    """The twelve months; a draft shows only to who manages the activities, others read that it is not out."""
    center, calendar = _calendar(request, pk, year)
    user = request.user
    visible = may_see_calendar(user, calendar)
    return render(
        request,
        "centers/calendar.html",
        {
            "center": center,
            "calendar": calendar,
            "year": year,
            "years": [year - 1, year + 1] if year < current_year() + 1 else [year - 1],
            "visible": visible,
            "months": year_months(center, year) if visible else [],
            "is_published": calendar.state == CalendarState.PUBLISHED,
            "can_publish": CALENDAR_WORKFLOW.may(user, "publish", calendar),
            "can_undo": calendar.pk is not None
            and user.has_perm(CALENDAR_WORKFLOW.undo_permission, calendar)
            and CALENDAR_WORKFLOW.last_undoable(calendar) is not None,
            "history": CALENDAR_WORKFLOW.history_rows(calendar) if calendar.pk and visible else [],
        },
    )


def calendar_publish(request, pk, year):
    """The director confirms (GET shows what becomes public), then publishes (POST)."""
    center, calendar = _calendar(request, pk, year)
    if not CALENDAR_WORKFLOW.may(request.user, "publish", calendar):
        if calendar.state == CalendarState.PUBLISHED and request.user.has_perm(
            "centers.publish_calendar", center
        ):
            messages.info(request, CALENDAR_WORKFLOW.no_longer_possible(calendar))
            return redirect(calendar)
        raise PermissionDenied("centers.publish_calendar")
    if request.method == "POST":
        try:
            publish_calendar(center, year, request.user)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The activity calendar of %(year)s is published: every user of the portal can see it.")
                % {"year": year},
            )
        return redirect(calendar)
    months = year_months(center, year)
    return render(
        request,
        "centers/calendar_publish.html",
        {
            "center": center,
            "calendar": calendar,
            "year": year,
            "activity_count": len({a.pk for month in months for a in month.activities}),
            "session_count": sum(len(month.sessions) for month in months),
        },
    )


def calendar_undo(request, pk, year):
    center, calendar = _calendar(request, pk, year)
    if calendar.pk is None:
        raise Http404
    return undo_page(
        request,
        calendar,
        CALENDAR_WORKFLOW,
        _("Activity calendar %(year)s · %(center)s") % {"year": year, "center": center.name},
    )
