"""Learners' names are personal data: the steering committee, another ward's officer and an anonymous
visitor never see one — on any page or export of the centres' activities — while the ward's own people
and the education office do (which shows the check could fail)."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from centers.activities import record_session
from centers.calendar_workflow import publish_calendar
from tests.centers.activity_data import LEARNERS, class_with_sessions, health_talk

NAMES = [person["full_name"] for person in LEARNERS]


@pytest.fixture
def records(center, other_center, center_director):
    literacy, _learners = class_with_sessions(center, center_director)
    talk = health_talk(center, center_director)
    record_session(talk, center_director, date=date(2018, 4, 10), total=120, women=70)
    publish_calendar(center, 2018, center_director)
    return {"center": center, "literacy": literacy}


def _pages(records) -> list[str]:
    center, literacy = records["center"], records["literacy"]
    return [
        reverse("centers:detail", args=[center.pk]) + "?year=2018",
        reverse("centers:activity_list", args=[center.pk]) + "?year=2018",
        reverse("centers:activity_list", args=[center.pk]) + "?year=2018&q=lan",
        reverse("centers:activity_detail", args=[center.pk, literacy.pk]),
        reverse("centers:calendar", args=[center.pk, 2018]),
        reverse("centers:list") + "?year=2018",
        reverse("wards:detail", args=[center.ward.code]),
    ]


def _exports(records) -> list[str]:
    return [
        reverse("centers:activity_export", args=[records["center"].pk]) + "?year=2018",
        reverse("centers:comparison_export") + "?year=2018",
        reverse("centers:class_list_template"),
    ]


def _xlsx_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content)).active
    return " ".join(
        str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None
    )


def _seen(client, records) -> str:
    """Everything the client can read: each page's HTML, each export's cells (refusals read as nothing)."""
    seen = []
    for url in _pages(records):
        response = client.get(url, follow=True)
        seen.append(response.content.decode())
    for url in _exports(records):
        response = client.get(url)
        if response.status_code == 200:
            seen.append(_xlsx_text(response.content))
    return "\n".join(seen)


@pytest.mark.parametrize(
    "persona", ["steering_member", "other_ward_officer", "other_center_director", "inspector"]
)
def test_outsiders_never_see_a_learners_name(request, login, records, persona):
    seen = _seen(login(request.getfixturevalue(persona)), records)
    assert "Lớp xóa mù chữ khóa 1" in seen  # they do see the activity and its figures
    for name in NAMES:
        assert name not in seen


def test_anonymous_sees_no_name(login, records):
    seen = _seen(login(None), records)
    assert "Lớp xóa mù chữ khóa 1" not in seen
    for name in NAMES:
        assert name not in seen


@pytest.mark.parametrize("persona", ["center_director", "ward_officer", "ward_chairman", "education_staff"])
def test_the_wards_people_and_the_education_office_see_the_class_list(request, login, records, persona):
    url = reverse("centers:activity_detail", args=[records["center"].pk, records["literacy"].pk])
    html = login(request.getfixturevalue(persona)).get(url).content.decode()
    for name in NAMES:
        assert name in html


def test_the_class_list_template_holds_no_ones_data(login, records, steering_member):
    text = _xlsx_text(login(steering_member).get(reverse("centers:class_list_template")).content)
    for name in NAMES:
        assert name not in text
