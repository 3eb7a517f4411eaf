"""The yearly activity calendar: a month view, published by the director after a confirmation, seen by
everyone once published (a draft only by the ward's record keepers), undone only by an administrator."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from centers.activities import record_session
from centers.calendar_workflow import CALENDAR_WORKFLOW, publish_calendar
from centers.models import CalendarState, CenterCalendar
from engines.workflow import ProtectedStateError, TransitionNotAllowed
from tests.centers.activity_data import class_with_sessions, health_talk


@pytest.fixture
def year(center, center_director):
    class_with_sessions(center, center_director, ends_on=date(2018, 5, 31))
    talk = health_talk(center, center_director)
    record_session(talk, center_director, date=date(2018, 4, 10), total=120)
    return 2018


def _url(center, name="centers:calendar"):
    return reverse(name, args=[center.pk, 2018])


def test_the_months_hold_the_activities_running_and_the_sessions_dated_in_them(
    login, center, center_director, year
):
    response = login(center_director).get(_url(center))
    months = response.context["months"]
    assert [len(month.activities) for month in months] == [0, 0, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0]
    assert [[s.date.day for s in month.sessions] for month in months[2:4]] == [[5], [2, 10]]
    html = response.content.decode()
    assert "Tháng 4" in html and "Chuyên đề phòng chống sốt xuất huyết" in html


@pytest.mark.parametrize("persona", ["center_director", "center_staff", "ward_officer"])
def test_a_draft_is_seen_by_the_wards_record_keepers(request, login, center, year, persona):
    response = login(request.getfixturevalue(persona)).get(_url(center))
    assert response.context["visible"] is True
    assert "Bản nháp" in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["steering_member", "other_center_director", "education_staff", "ward_chairman"]
)
def test_a_draft_is_not_shown_to_others(request, login, center, year, persona):
    response = login(request.getfixturevalue(persona)).get(_url(center))
    html = response.content.decode()
    assert response.context["months"] == []
    assert "Trung tâm chưa công bố lịch hoạt động năm 2018." in html
    assert "Chuyên đề phòng chống sốt xuất huyết" not in html


def test_the_director_confirms_then_publishes_and_everyone_sees_it(
    login, center, center_director, steering_member, year
):
    client = login(center_director)
    page = client.get(_url(center))
    assert _url(center, "centers:calendar_publish") in page.content.decode()
    confirm = client.get(_url(center, "centers:calendar_publish"))
    assert confirm.status_code == 200
    assert "2 hoạt động và 3 buổi" in confirm.content.decode()
    assert not CenterCalendar.objects.exists()  # asking changes nothing

    response = client.post(_url(center, "centers:calendar_publish"))
    assert response.status_code == 302
    calendar = CenterCalendar.objects.get(center=center, year=2018)
    assert calendar.state == CalendarState.PUBLISHED
    assert [(c.transition, c.from_state, c.to_state, c.actor) for c in calendar.history.all()] == [
        ("publish", "draft", "published", center_director)
    ]
    html = login(steering_member).get(_url(center)).content.decode()
    assert "Chuyên đề phòng chống sốt xuất huyết" in html
    assert "Đã công bố" in html
    assert _url(center, "centers:calendar_publish") not in client.get(_url(center)).content.decode()


def test_publishing_twice_is_refused(center, center_director, year):
    publish_calendar(center, 2018, center_director)
    with pytest.raises(TransitionNotAllowed):
        publish_calendar(center, 2018, center_director)
    assert CenterCalendar.objects.get().history.count() == 1


@pytest.mark.parametrize("persona", ["center_staff", "ward_officer", "other_center_director", "system_admin"])
def test_only_the_centres_director_publishes(request, center, year, persona):
    with pytest.raises(PermissionDenied):
        publish_calendar(center, 2018, request.getfixturevalue(persona))
    assert not CenterCalendar.objects.filter(state=CalendarState.PUBLISHED).exists()


def test_an_administrator_undoes_the_publication_with_a_reason(
    login, center, center_director, system_admin, steering_member, year
):
    publish_calendar(center, 2018, center_director)
    client = login(system_admin)
    assert _url(center, "centers:calendar_undo") in client.get(_url(center)).content.decode()
    response = client.post(_url(center, "centers:calendar_undo"), {"reason": ""})
    assert response.status_code == 200
    assert CenterCalendar.objects.get().state == CalendarState.PUBLISHED
    response = client.post(_url(center, "centers:calendar_undo"), {"reason": "Công bố nhầm năm"})
    assert response.status_code == 302
    calendar = CenterCalendar.objects.get()
    assert calendar.state == CalendarState.DRAFT
    assert [c.transition for c in calendar.history.all()] == ["publish", "undo"]
    assert login(steering_member).get(_url(center)).context["months"] == []
    assert CALENDAR_WORKFLOW.may(center_director, "publish", calendar)


def test_the_state_changes_only_through_the_workflow(center, center_director, year):
    publish_calendar(center, 2018, center_director)
    calendar = CenterCalendar.objects.get()
    calendar.state = CalendarState.DRAFT
    with pytest.raises(ProtectedStateError):
        calendar.save()
