"""The publication of a centre's yearly activity calendar (lịch hoạt động Trung tâm).

A calendar is a draft until the centre's director publishes it; from then on
every signed-in user sees it. The step goes through the workflow engine: locked,
permission-checked (``centers.publish_calendar``), kept in the history, and
undone only by an administrator with a reason (``centers.undo_transition``).
The calendar row itself is made on the first publication: a year nobody has
published needs no row to be a draft.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from centers.models import CalendarChange, CalendarState, Center, CenterCalendar
from engines.workflow import Transition, Workflow

CALENDAR_WORKFLOW = Workflow(
    model=CenterCalendar,
    history_model=CalendarChange,
    subject_field="calendar",
    undo_permission="centers.undo_transition",
    transitions=[
        Transition(
            "publish",
            _("Publish the calendar"),
            frozenset({CalendarState.DRAFT}),
            CalendarState.PUBLISHED,
            "centers.publish_calendar",
            style="success",
        ),
    ],
)


def calendar_of(center: Center, year: int) -> CenterCalendar:
    """The centre's calendar of ``year``: the stored row, or an unsaved draft when none was published yet."""
    calendar = CenterCalendar.objects.filter(center=center, year=year).first()
    if calendar is None:
        calendar = CenterCalendar(center=center, year=year)
    calendar.center = center
    return calendar


def may_see_calendar(user, calendar: CenterCalendar) -> bool:
    """A published calendar is for every signed-in user; a draft for those who manage the activities."""
    if calendar.state == CalendarState.PUBLISHED:
        return user.has_perm("centers.view_center", calendar.center)
    return user.has_perm("centers.manage_activities", calendar.center)


def publish_calendar(center: Center, year: int, actor, *, today=None) -> CenterCalendar:
    """The director publishes the centre's calendar of ``year`` (raises as ``Workflow.perform``)."""
    with transaction.atomic():
        calendar, _created = CenterCalendar.objects.get_or_create(
            center=center, year=year, defaults={"updated_by": actor}
        )
        calendar.center = center
        CALENDAR_WORKFLOW.perform(calendar, "publish", actor, today=today)
    return calendar
