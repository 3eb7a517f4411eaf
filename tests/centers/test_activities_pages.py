"""The activity pages through the client: forms keep what was typed and say what is wrong in Vietnamese,
the list filters (kind, group, month, partner, topic without diacritics) and exports exactly as filtered."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from centers.activities import create_activity, record_session
from centers.models import Activity, Attendance, Partner, Session
from tests.centers.activity_data import class_with_sessions, health_talk, kind, literacy_class


def _list(client, center, query: str):
    return client.get(reverse("centers:activity_list", args=[center.pk]) + query)


def _titles(response) -> list[str]:
    return [activity.title for activity in response.context["activities"]]


def _export_titles(client, center, query: str) -> list[str]:
    response = client.get(reverse("centers:activity_export", args=[center.pk]) + query)
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Chủ đề", "Loại")
    return [row[0] for row in rows[1:]]


@pytest.fixture
def year(center, center_director):
    partner = Partner.objects.create(center=center, name="Hội LHPN phường 1", kind="womens_union")
    literacy_class(center, center_director, partner=partner)
    health_talk(center, center_director)
    create_activity(
        center,
        center_director,
        kind=kind("tin-hoc"),
        title="Tin học văn phòng",
        starts_on=date(2018, 9, 1),
        ends_on=date(2018, 11, 30),
    )
    literacy_class(
        center,
        center_director,
        title="Lớp xóa mù chữ 2017",
        starts_on=date(2017, 3, 1),
        ends_on=date(2017, 6, 1),
    )
    return partner


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        (
            "?year=2018",
            ["Lớp xóa mù chữ khóa 1", "Chuyên đề phòng chống sốt xuất huyết", "Tin học văn phòng"],
        ),
        ("?year=2017", ["Lớp xóa mù chữ 2017"]),
        ("?year=2018&group=talk", ["Chuyên đề phòng chống sốt xuất huyết"]),
        ("?year=2018&month=10", ["Tin học văn phòng"]),
        ("?year=2018&month=4", ["Lớp xóa mù chữ khóa 1", "Chuyên đề phòng chống sốt xuất huyết"]),
        ("?year=2018&q=XOA MU", ["Lớp xóa mù chữ khóa 1"]),
        ("?year=2018&q=sốt", ["Chuyên đề phòng chống sốt xuất huyết"]),
        ("?year=2018&q=zzz", []),
    ],
)
def test_the_list_filters_and_exports_as_filtered(login, center, center_director, year, query, titles):
    client = login(center_director)
    assert _titles(_list(client, center, query)) == titles
    assert _export_titles(client, center, query) == titles


def test_the_list_filters_by_kind_and_partner(login, center, steering_member, year):
    client = login(steering_member)
    assert _titles(_list(client, center, f"?year=2018&kind={kind('tin-hoc').pk}")) == ["Tin học văn phòng"]
    assert _titles(_list(client, center, f"?year=2018&partner={year.pk}")) == ["Lớp xóa mù chữ khóa 1"]
    response = _list(client, center, "?year=2018")
    assert (
        'href="' + reverse("centers:activity_export", args=[center.pk]) + '?year=2018"'
        in response.content.decode()
    )
    assert reverse("centers:activity_create", args=[center.pk]) not in response.content.decode()


def test_the_list_defaults_to_this_year(login, center, center_director, year):
    assert _titles(_list(login(center_director), center, "")) == []


def test_a_bad_activity_form_keeps_what_was_typed(login, center, center_director):
    response = login(center_director).post(
        reverse("centers:activity_create", args=[center.pk]),
        {
            "kind": kind("tin-hoc").pk,
            "title": "Tin học cho người cao tuổi",
            "starts_on": "10/05/2018",
            "ends_on": "01/05/2018",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ngày kết thúc không được trước ngày bắt đầu." in html
    assert 'value="Tin học cho người cao tuổi"' in html
    assert 'value="10/05/2018"' in html
    assert not Activity.objects.exists()


def test_editing_an_activity(login, center, center_director):
    activity, _learners = class_with_sessions(center, center_director)
    url = reverse("centers:activity_edit", args=[center.pk, activity.pk])
    client = login(center_director)
    assert 'value="01/03/2018"' in client.get(url).content.decode()
    data = {
        "kind": activity.kind_id,
        "title": "Lớp XMC khóa 1 (sửa)",
        "starts_on": "01/03/2018",
        "ends_on": "30/06/2018",
        "attendance": "counts",
    }
    response = client.post(url, data)
    assert "Đã có buổi được ghi nhận: không thể đổi cách ghi nhận người tham dự." in response.content.decode()
    response = client.post(url, {**data, "attendance": "list"})
    assert response.status_code == 302
    assert Activity.objects.get().title == "Lớp XMC khóa 1 (sửa)"


def test_the_session_form_of_a_class_ticks_names_and_of_a_talk_counts(login, center, center_director):
    activity, (lan, minh, sara) = class_with_sessions(center, center_director, sessions=[])
    client = login(center_director)
    html = client.get(reverse("centers:session_create", args=[center.pk, activity.pk])).content.decode()
    assert 'type="checkbox"' in html and "Nguyễn Thị Lan (1980)" in html
    response = client.post(
        reverse("centers:session_create", args=[center.pk, activity.pk]),
        {"date": "05/03/2018", "topic": "Bài 1"},
    )
    assert "Hãy đánh dấu ít nhất một người học có mặt." in response.content.decode()
    assert 'value="Bài 1"' in response.content.decode()
    talk = health_talk(center, center_director)
    html = client.get(reverse("centers:session_create", args=[center.pk, talk.pk])).content.decode()
    assert 'name="total"' in html and 'type="checkbox"' not in html
    response = client.post(
        reverse("centers:session_create", args=[center.pk, talk.pk]),
        {"date": "11/04/2018", "total": "30", "women": "31"},
    )
    html = response.content.decode()
    assert "Không được lớn hơn số người tham dự." in html
    assert "Buổi phải nằm trong thời gian của hoạt động (10/04/2018 – 10/04/2018)." in html
    assert not Session.objects.exists()


def test_editing_and_deleting_a_session(login, center, center_director):
    activity, (lan, minh, sara) = class_with_sessions(
        center, center_director, sessions=[(date(2018, 3, 5), 2)]
    )
    session = Session.objects.get()
    client = login(center_director)
    url = reverse("centers:session_edit", args=[center.pk, activity.pk, session.pk])
    assert "checked" in client.get(url).content.decode()
    response = client.post(url, {"date": "06/03/2018", "attendees": [sara.pk]})
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.date, session.total, session.women, session.ethnic_minority) == (
        date(2018, 3, 6),
        1,
        1,
        1,
    )
    delete = reverse("centers:session_delete", args=[center.pk, activity.pk, session.pk])
    assert "06/03/2018" in client.get(delete).content.decode()
    assert Session.objects.exists()
    assert client.post(delete).status_code == 302
    assert not Session.objects.exists()


def test_deleting_an_activity_asks_first(login, center, center_director):
    talk = health_talk(center, center_director)
    client = login(center_director)
    url = reverse("centers:activity_delete", args=[center.pk, talk.pk])
    assert "Xóa hoạt động “Chuyên đề phòng chống sốt xuất huyết”?" in client.get(url).content.decode()
    assert Activity.objects.exists()
    record_session(talk, center_director, date=date(2018, 4, 10), total=9)
    response = client.post(url, follow=True)
    assert "Hoạt động này đã có buổi: hãy xóa các buổi trước." in response.content.decode()
    assert Activity.objects.exists()


def test_adding_and_removing_a_learner(login, center, center_director):
    activity = literacy_class(center, center_director)
    client = login(center_director)
    url = reverse("centers:learner_add", args=[center.pk, activity.pk])
    response = client.post(
        url, {"full_name": "Lò Văn Páo", "birth_year": "19x0", "gender": "M", "residential_group": "Tổ 7"}
    )
    assert 'value="Lò Văn Páo"' in response.content.decode()
    response = client.post(
        url,
        {
            "full_name": "Lò Văn Páo",
            "birth_year": "1980",
            "gender": "M",
            "ethnic_minority": "on",
            "add_another": "1",
        },
    )
    assert response["Location"] == url
    learner = activity.learners.get()
    assert (learner.full_name, learner.ethnic_minority) == ("Lò Văn Páo", True)
    remove = reverse("centers:learner_remove", args=[center.pk, activity.pk, learner.pk])
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302
    assert not activity.learners.exists()


def test_the_activity_page_shows_sessions_and_totals(login, center, center_director, steering_member):
    activity, _learners = class_with_sessions(center, center_director)
    html = login(steering_member).get(activity.get_absolute_url()).content.decode()
    assert 'id="sessions-total">5<' in html
    assert 'id="learner-count">3<' in html
    assert reverse("centers:session_create", args=[center.pk, activity.pk]) not in html
    html = login(center_director).get(activity.get_absolute_url()).content.decode()
    assert reverse("centers:session_create", args=[center.pk, activity.pk]) in html
    assert activity.attendance == Attendance.LIST
