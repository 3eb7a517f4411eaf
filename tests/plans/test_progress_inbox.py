"""The inbox's "my unit's tasks": the open tasks the user answers for, overdue first, with counts."""

import datetime

import pytest
from django.utils import timezone

from plans.inbox import my_open_tasks
from plans.progress import report_progress
from plans.task_workflow import TASK_WORKFLOW
from tests.helpers import vi
from tests.plans.progress_support import make_plan, make_task


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def plan(ward, today):
    return make_plan(ward.district, year=today.year)


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def test_the_association_sees_its_open_tasks_overdue_first(
    login, plan, promotion_association, education_office, promotion_staff
):
    later = make_task(plan, unit=promotion_association, text="Hội nghị sơ kết", due_on=days(40))
    soon = make_task(plan, unit=promotion_association, text="Tập huấn tự kiểm tra", due_on=days(5))
    late = make_task(plan, unit=promotion_association, text="Tập huấn cán bộ khu phố", due_on=days(-3))
    done = make_task(plan, unit=promotion_association, text="Tuyên truyền", due_on=days(-20))
    report_progress(done, promotion_staff, reported_on=days(-25), note="Xong.", uploads=[])
    TASK_WORKFLOW.perform(done, "complete", promotion_staff)
    report_progress(later, promotion_staff, reported_on=days(-1), note="Đang chuẩn bị.", uploads=[])
    make_task(plan, unit=education_office, text="Kiểm tra công nhận", due_on=days(-1))

    response = login(promotion_staff).get("/inbox/")
    html = response.content.decode()
    assert 'id="my-tasks"' in html
    mine = my_open_tasks(promotion_staff)
    assert [row.task for row in mine.rows] == [late, soon, later]
    assert [row.overdue for row in mine.rows] == [True, False, False]
    assert (mine.count, mine.overdue, mine.not_started) == (3, 1, 2)
    assert "Kiểm tra công nhận" not in html and "Tuyên truyền" not in html
    assert (
        html.index("Tập huấn cán bộ khu phố")
        < html.index("Tập huấn tự kiểm tra")
        < html.index("Hội nghị sơ kết")
    )
    assert "3 nhiệm vụ chưa xong" in html
    assert vi("My unit's tasks in the plan") in html
    assert f"/plans/tasks/{late.pk}/progress/" in html


def test_a_ward_officer_sees_the_wards_tasks_and_not_another_wards(
    login, plan, ward, other_ward, ward_officer, other_ward_officer, promotion_association
):
    own = make_task(plan, ward=ward, text="Kế hoạch XHHT của Phường 1", due_on=days(10))
    make_task(plan, ward=other_ward, text="Kế hoạch XHHT của Phường 2", due_on=days(10))
    make_task(plan, unit=promotion_association, text="Việc của Hội", due_on=days(10))
    assert [row.task for row in my_open_tasks(ward_officer).rows] == [own]
    html = login(other_ward_officer).get("/inbox/").content.decode()
    assert "Kế hoạch XHHT của Phường 2" in html and "Kế hoạch XHHT của Phường 1" not in html


@pytest.mark.parametrize(
    "persona", ["steering_member", "district_chairman", "system_admin", "center_director"]
)
def test_users_who_answer_for_no_task_see_no_section(
    request, login, plan, ward, promotion_association, persona
):
    make_task(plan, ward=ward, due_on=days(10))
    make_task(plan, unit=promotion_association, due_on=days(10))
    user = request.getfixturevalue(persona)
    assert 'id="my-tasks"' not in login(user).get("/inbox/").content.decode()


def test_the_section_keeps_a_constant_query_count(
    login, plan, promotion_association, promotion_staff, django_assert_num_queries
):
    client = login(promotion_staff)
    for n in range(10):
        make_task(plan, unit=promotion_association, due_on=days(n - 5))
    # session, user, roles, the open work, unread notifications, inspection plans, decisions,
    # the open plan tasks of the user's unit with their plan, unit and ward
    with django_assert_num_queries(7):
        small = client.get("/inbox/")
    for n in range(90):
        make_task(plan, unit=promotion_association, due_on=days(n - 45))
    with django_assert_num_queries(7):
        large = client.get("/inbox/")
    assert small.content.decode().count("/progress/") == 10
    assert large.content.decode().count("/progress/") == 100
