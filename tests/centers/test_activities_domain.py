"""The rules of ``centers.activities``: who may record, what is checked, what is computed, all or nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from centers.activities import (
    add_learner,
    add_learners,
    create_activity,
    delete_activity,
    delete_session,
    record_session,
    remove_learner,
    update_activity,
    update_session,
)
from centers.models import Activity, ActivityKind, Attendance, Gender, Learner, Partner, Session
from tests.centers.activity_data import (
    LEARNERS,
    class_with_sessions,
    enrol_all,
    health_talk,
    kind,
    literacy_class,
)


def _messages(error: ValidationError) -> dict:
    return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}


# --- Activities -------------------------------------------------------------------------------------


def test_attendance_follows_the_kind_unless_chosen(center, center_director):
    assert literacy_class(center, center_director).attendance == Attendance.LIST
    assert health_talk(center, center_director).attendance == Attendance.COUNTS
    chosen = health_talk(center, center_director, title="Chuyên đề có điểm danh", attendance=Attendance.LIST)
    assert chosen.attendance == Attendance.LIST


def test_activity_belongs_to_the_year_it_starts(center, center_director):
    activity = literacy_class(center, center_director, starts_on=date(2017, 9, 5), ends_on=date(2018, 5, 31))
    assert activity.year == 2017
    activity = update_activity(activity, center_director, starts_on=date(2018, 1, 8))
    assert Activity.objects.get(pk=activity.pk).year == 2018


@pytest.mark.parametrize(
    "persona",
    ["other_center_director", "other_ward_officer", "steering_member", "education_staff", "ward_chairman"],
)
def test_only_the_wards_record_keepers_create_activities(request, center, persona):
    with pytest.raises(PermissionDenied):
        literacy_class(center, request.getfixturevalue(persona))
    assert not Activity.objects.exists()


@pytest.mark.parametrize("persona", ["center_director", "center_staff", "ward_officer"])
def test_the_wards_record_keepers_create_activities(request, center, persona):
    assert literacy_class(center, request.getfixturevalue(persona)).center == center


def test_a_closed_centre_takes_no_new_activity(center, center_director):
    center.closed_on = date(2025, 7, 1)
    center.save()
    with pytest.raises(PermissionDenied):
        literacy_class(center, center_director)


def test_activity_problems_are_named_by_field(center, other_center, center_director):
    stranger = Partner.objects.create(center=other_center, name="Hội LHPN phường 2")
    retired = ActivityKind.objects.create(code="cu", name="Loại cũ", group="hobby", active=False)
    with pytest.raises(ValidationError) as error:
        create_activity(
            center,
            center_director,
            kind=retired,
            title="  ",
            partner=stranger,
            starts_on=date(2018, 5, 1),
            ends_on=date(2018, 4, 1),
        )
    assert _messages(error.value) == {
        "title": ["Hãy nhập chủ đề của hoạt động."],
        "kind": ["Loại hoạt động này không còn được sử dụng."],
        "partner": ["Hãy chọn một đơn vị phối hợp của Trung tâm này."],
        "ends_on": ["Ngày kết thúc không được trước ngày bắt đầu."],
    }
    assert not Activity.objects.exists()


def test_a_retired_kind_stays_on_the_activities_that_have_it(center, center_director):
    activity = literacy_class(center, center_director)
    ActivityKind.objects.filter(pk=activity.kind_id).update(active=False)
    activity.refresh_from_db()
    assert update_activity(activity, center_director, title="Lớp XMC khóa 2").title == "Lớp XMC khóa 2"


def test_sessions_fix_the_way_attendance_is_recorded_and_the_dates(center, center_director):
    activity, _learners = class_with_sessions(center, center_director)
    with pytest.raises(ValidationError) as error:
        update_activity(activity, center_director, attendance=Attendance.COUNTS, starts_on=date(2018, 3, 10))
    assert _messages(error.value) == {
        "attendance": ["Đã có buổi được ghi nhận: không thể đổi cách ghi nhận người tham dự."],
        "starts_on": ["Buổi ngày 05/03/2018 sẽ nằm ngoài thời gian của hoạt động."],
    }
    activity.refresh_from_db()
    assert (activity.attendance, activity.starts_on) == (Attendance.LIST, date(2018, 3, 1))


def test_an_activity_with_sessions_is_not_deleted(center, center_director):
    activity, _learners = class_with_sessions(center, center_director)
    with pytest.raises(ValidationError):
        delete_activity(activity, center_director)
    empty = literacy_class(center, center_director, title="Lớp chưa học")
    enrol_all(empty, center_director)
    delete_activity(empty, center_director)
    assert list(Activity.objects.values_list("title", flat=True)) == [activity.title]
    assert Learner.objects.count() == 3  # the learners stay with the centre


# --- Learners ---------------------------------------------------------------------------------------


def test_the_same_person_is_one_learner_of_the_centre(
    center, other_center, center_director, other_center_director
):
    first = literacy_class(center, center_director)
    second = create_activity(
        center,
        center_director,
        kind=kind("tin-hoc"),
        title="Lớp tin học cơ bản",
        starts_on=date(2018, 7, 1),
        ends_on=date(2018, 8, 31),
    )
    lan = add_learner(first, center_director, **LEARNERS[0])
    again = add_learner(second, center_director, **{**LEARNERS[0], "full_name": "  Nguyễn  Thị Lan "})
    assert again == lan
    assert add_learner(first, center_director, **LEARNERS[0]) == lan  # enrolling twice changes nothing
    moved = add_learner(second, center_director, **{**LEARNERS[0], "residential_group": "Tổ 9"})
    assert moved != lan
    elsewhere = literacy_class(other_center, other_center_director)
    assert add_learner(elsewhere, other_center_director, **LEARNERS[0]).center == other_center
    assert list(first.learners.all()) == [lan]
    assert set(second.learners.all()) == {lan, moved}
    assert Learner.objects.filter(center=center).count() == 2


def test_learner_problems_are_named_by_field(center, center_director):
    activity = literacy_class(center, center_director)
    with pytest.raises(ValidationError) as error:
        add_learner(activity, center_director, full_name="", birth_year=1850, gender="X")
    messages = _messages(error.value)
    assert set(messages) == {"full_name", "birth_year", "gender"}
    assert messages["full_name"] == ["Hãy nhập họ và tên người học."]
    assert messages["birth_year"][0].startswith("Hãy nhập năm sinh từ 1900 đến ")
    assert not Learner.objects.exists()


def test_a_talk_recorded_as_counts_has_no_class_list(center, center_director):
    talk = health_talk(center, center_director)
    with pytest.raises(ValidationError):
        add_learner(talk, center_director, **LEARNERS[0])
    assert not Learner.objects.exists()


def test_add_learners_is_all_or_nothing(center, center_director):
    activity = literacy_class(center, center_director)
    rows = [LEARNERS[0], {**LEARNERS[1], "birth_year": 3000}, LEARNERS[2]]
    with pytest.raises(ValidationError) as error:
        add_learners(activity, center_director, rows)
    assert error.value.messages[0].startswith("Dòng 2: ")
    assert not Learner.objects.exists()
    assert len(add_learners(activity, center_director, LEARNERS)) == 3


def test_a_learner_who_came_stays_on_the_list(center, center_director):
    activity, (lan, minh, sara) = class_with_sessions(
        center, center_director, sessions=[(date(2018, 3, 5), 2)]
    )
    with pytest.raises(ValidationError):
        remove_learner(activity, center_director, lan)
    remove_learner(activity, center_director, sara)
    assert set(activity.learners.all()) == {lan, minh}


# --- Sessions ---------------------------------------------------------------------------------------


def test_a_list_session_counts_its_attendees(center, center_director):
    activity = literacy_class(center, center_director)
    lan, minh, sara = enrol_all(activity, center_director)
    session = record_session(
        activity, center_director, date=date(2018, 3, 5), topic="Bài 1", attendees=[lan, minh, sara.pk]
    )
    assert (session.total, session.women, session.ethnic_minority) == (3, 2, 1)
    assert set(session.attendees.all()) == {lan, minh, sara}


def test_a_list_session_takes_enrolled_learners_only(center, center_director):
    activity = literacy_class(center, center_director)
    lan, *_rest = enrol_all(activity, center_director)
    other = literacy_class(center, center_director, title="Lớp khác")
    outsider = add_learner(
        other, center_director, full_name="Lâm Văn Tư", birth_year=1970, gender=Gender.MALE
    )
    for attendees, field in (([lan, outsider], "attendees"), ([], "attendees")):
        with pytest.raises(ValidationError) as error:
            record_session(activity, center_director, date=date(2018, 3, 5), attendees=attendees)
        assert field in error.value.message_dict
    with pytest.raises(ValidationError):
        record_session(activity, center_director, date=date(2018, 3, 5), attendees=[lan], total=5)
    assert not Session.objects.exists()


def test_a_session_falls_within_its_activity(center, center_director):
    activity = literacy_class(center, center_director)
    lan, *_rest = enrol_all(activity, center_director)
    with pytest.raises(ValidationError) as error:
        record_session(activity, center_director, date=date(2018, 7, 1), attendees=[lan])
    assert _messages(error.value) == {
        "date": ["Buổi phải nằm trong thời gian của hoạt động (01/03/2018 – 30/06/2018)."]
    }


def test_counts_stay_within_the_total(center, center_director):
    talk = health_talk(center, center_director)
    with pytest.raises(ValidationError) as error:
        record_session(talk, center_director, date=date(2018, 4, 10), total=50, women=51, ethnic_minority=60)
    assert _messages(error.value) == {
        "women": ["Không được lớn hơn số người tham dự."],
        "ethnic_minority": ["Không được lớn hơn số người tham dự."],
    }
    for total in (0, None, -3):
        with pytest.raises(ValidationError):
            record_session(talk, center_director, date=date(2018, 4, 10), total=total)
    with pytest.raises(ValidationError):
        record_session(talk, center_director, date=date(2018, 4, 10), total=5, attendees=[1])
    session = record_session(talk, center_director, date=date(2018, 4, 10), total=50)
    assert (session.total, session.women, session.ethnic_minority) == (50, 0, 0)


def test_updating_a_session_recounts_and_keeps_what_is_not_given(center, center_director):
    activity, (lan, minh, sara) = class_with_sessions(
        center, center_director, sessions=[(date(2018, 3, 5), 2)]
    )
    session = Session.objects.get()
    session = update_session(session, center_director, attendees=[sara])
    assert (session.total, session.women, session.ethnic_minority) == (1, 1, 1)
    session = update_session(session, center_director, date=date(2018, 3, 6), topic="Bài 1 (học bù)")
    session.refresh_from_db()
    assert (session.date, session.topic, list(session.attendees.all())) == (
        date(2018, 3, 6),
        "Bài 1 (học bù)",
        [sara],
    )

    talk = health_talk(center, center_director)
    counted = record_session(talk, center_director, date=date(2018, 4, 10), total=80, women=40)
    with pytest.raises(ValidationError):
        update_session(counted, center_director, total=30)
    counted.refresh_from_db()
    assert counted.total == 80
    counted = update_session(counted, center_director, total=90, ethnic_minority=2)
    assert (counted.total, counted.women, counted.ethnic_minority) == (90, 40, 2)


def test_sessions_are_changed_only_by_the_wards_record_keepers(
    center, center_director, other_center_director, steering_member
):
    talk = health_talk(center, center_director)
    session = record_session(talk, center_director, date=date(2018, 4, 10), total=80)
    for intruder in (other_center_director, steering_member):
        with pytest.raises(PermissionDenied):
            record_session(talk, intruder, date=date(2018, 4, 10), total=1)
        with pytest.raises(PermissionDenied):
            update_session(session, intruder, total=1)
        with pytest.raises(PermissionDenied):
            delete_session(session, intruder)
    delete_session(session, center_director)
    assert not Session.objects.exists()
