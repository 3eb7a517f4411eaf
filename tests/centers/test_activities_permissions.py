"""Every page of the centre, its activities and the comparison: who gets in, who is refused, anonymous to login.

Reading a centre (aggregates) is for every signed-in user; changing its
activities for the ward's officers and the centre's staff of *that* ward;
the profile also for the district's staff; the comparison for the district side.
"""

from datetime import date

import pytest
from django.urls import reverse

from centers.activities import record_session
from centers.calendar_workflow import publish_calendar
from centers.models import Session
from tests.centers.activity_data import class_with_sessions, health_talk
from tests.factories import UserFactory

ALL = [
    "center_director",
    "center_staff",
    "ward_officer",
    "ward_chairman",
    "other_center_director",
    "other_ward_officer",
    "education_staff",
    "promotion_staff",
    "inspector",
    "district_chairman",
    "steering_member",
    "system_admin",
]
RECORD_KEEPERS = {"center_director", "center_staff", "ward_officer"}
PROFILE_EDITORS = {"center_director", "ward_officer", "education_staff", "promotion_staff", "system_admin"}
CENTER_CREATORS = {"education_staff", "promotion_staff", "system_admin"}
DISTRICT_SIDE = {
    "education_staff",
    "promotion_staff",
    "inspector",
    "district_chairman",
    "steering_member",
    "system_admin",
}


@pytest.fixture
def records(center, other_center, center_director):
    """A class with learners and sessions, and a talk with counts, in Phường 1's centre."""
    literacy, learners = class_with_sessions(center, center_director)
    talk = health_talk(center, center_director)
    record_session(talk, center_director, date=date(2018, 4, 10), total=120, women=70)
    session = Session.objects.filter(activity=literacy).first()
    return {"center": center, "literacy": literacy, "learner": learners[0], "session": session, "talk": talk}


def _urls(records) -> dict[str, str]:
    center, literacy, session = records["center"], records["literacy"], records["session"]
    a = [center.pk, literacy.pk]
    return {
        "detail": reverse("centers:detail", args=[center.pk]),
        "activity_list": reverse("centers:activity_list", args=[center.pk]),
        "activity_export": reverse("centers:activity_export", args=[center.pk]),
        "activity_detail": reverse("centers:activity_detail", args=a),
        "class_list_template": reverse("centers:class_list_template"),
        "calendar": reverse("centers:calendar", args=[center.pk, 2018]),
        "activity_create": reverse("centers:activity_create", args=[center.pk]),
        "activity_edit": reverse("centers:activity_edit", args=a),
        "activity_delete": reverse("centers:activity_delete", args=[center.pk, records["talk"].pk]),
        "learner_add": reverse("centers:learner_add", args=a),
        "class_list_import": reverse("centers:class_list_import", args=a),
        "session_create": reverse("centers:session_create", args=a),
        "session_edit": reverse("centers:session_edit", args=[*a, session.pk]),
        "session_delete": reverse("centers:session_delete", args=[*a, session.pk]),
        "center_edit": reverse("centers:edit", args=[center.pk]),
        "center_create": reverse("centers:create"),
        "comparison_export": reverse("centers:comparison_export"),
        "calendar_publish": reverse("centers:calendar_publish", args=[center.pk, 2018]),
    }


ALLOWED = {
    "detail": set(ALL),
    "activity_list": set(ALL),
    "activity_export": set(ALL),
    "activity_detail": set(ALL),
    "class_list_template": set(ALL),
    "calendar": set(ALL),
    "activity_create": RECORD_KEEPERS,
    "activity_edit": RECORD_KEEPERS,
    "activity_delete": RECORD_KEEPERS,
    "learner_add": RECORD_KEEPERS,
    "class_list_import": RECORD_KEEPERS,
    "session_create": RECORD_KEEPERS,
    "session_edit": RECORD_KEEPERS,
    "session_delete": RECORD_KEEPERS,
    "center_edit": PROFILE_EDITORS,
    "center_create": CENTER_CREATORS,
    "comparison_export": DISTRICT_SIDE,
    "calendar_publish": {"center_director"},
}


@pytest.mark.parametrize("page", sorted(ALLOWED))
def test_who_may_open_each_page(request, login, records, page):
    url = _urls(records)[page]
    statuses = {persona: login(request.getfixturevalue(persona)).get(url).status_code for persona in ALL}
    assert statuses == {persona: 200 if persona in ALLOWED[page] else 403 for persona in ALL}


@pytest.mark.parametrize("page", sorted(ALLOWED))
def test_anonymous_goes_to_login(login, records, page):
    url = _urls(records)[page]
    response = login(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_refused_posts_change_nothing(
    login, records, other_center_director, steering_member, other_ward_officer
):
    urls = _urls(records)
    literacy, session, learner = records["literacy"], records["session"], records["learner"]
    posts = {
        "activity_create": {
            "kind": literacy.kind_id,
            "title": "X",
            "starts_on": "01/03/2018",
            "ends_on": "02/03/2018",
        },
        "activity_edit": {
            "kind": literacy.kind_id,
            "title": "X",
            "starts_on": "01/03/2018",
            "ends_on": "30/06/2018",
            "attendance": "list",
        },
        "activity_delete": {},
        "learner_add": {"full_name": "Kẻ Lạ", "birth_year": "1990", "gender": "M"},
        "session_create": {"date": "06/03/2018", "attendees": [learner.pk]},
        "session_edit": {"date": "06/03/2018", "attendees": [learner.pk]},
        "session_delete": {},
        "calendar_publish": {},
        "center_edit": {"name": "X"},
        "center_create": {"ward": records["center"].ward_id},
    }
    remove = reverse("centers:learner_remove", args=[records["center"].pk, literacy.pk, learner.pk])
    for user in (other_center_director, steering_member, other_ward_officer):
        client = login(user)
        for page, data in posts.items():
            assert client.post(urls[page], data).status_code == 403, page
        assert client.post(remove).status_code == 403
    literacy.refresh_from_db()
    session.refresh_from_db()
    assert literacy.title == "Lớp xóa mù chữ khóa 1"
    assert (session.date, session.total) == (date(2018, 3, 5), 2)
    assert literacy.learners.count() == 3
    assert not records["center"].calendars.exists()


def test_another_centres_activity_is_not_found_through_this_centre(
    login, records, other_center, center_director
):
    url = reverse("centers:activity_detail", args=[other_center.pk, records["literacy"].pk])
    assert login(center_director).get(url).status_code == 404
    url = reverse("centers:activity_edit", args=[other_center.pk, records["literacy"].pk])
    assert login(UserFactory(ward=other_center.ward, roles=["clc_director"])).get(url).status_code == 404


@pytest.mark.parametrize("persona", sorted(DISTRICT_SIDE))
def test_the_district_side_sees_the_comparison(request, login, records, persona):
    response = login(request.getfixturevalue(persona)).get(reverse("centers:list"))
    assert response.status_code == 200
    assert [row.center for row in response.context["rows"]] == [
        records["center"],
        records["center"].__class__.objects.exclude(pk=records["center"].pk).get(),
    ]


@pytest.mark.parametrize("persona", ["center_director", "center_staff", "ward_officer", "ward_chairman"])
def test_a_wards_people_are_sent_to_their_centre(request, login, records, persona):
    response = login(request.getfixturevalue(persona)).get(reverse("centers:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("centers:of_ward", args=["P01"])


def test_a_user_without_a_role_is_refused_the_comparison(login, records):
    assert login(UserFactory(roles=[])).get(reverse("centers:list")).status_code == 403
    assert login(None).get(reverse("centers:list")).status_code == 302


def test_only_an_administrator_undoes_a_publication(
    login, records, center_director, system_admin, education_staff
):
    publish_calendar(records["center"], 2018, center_director)
    url = reverse("centers:calendar_undo", args=[records["center"].pk, 2018])
    for user in (center_director, education_staff):
        assert login(user).get(url).status_code == 403
    assert login(system_admin).get(url).status_code == 200
    assert login(None).get(url).status_code == 302
