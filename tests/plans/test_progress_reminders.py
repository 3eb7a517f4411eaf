"""Overdue tasks are reminded to their responsible people once a day, through ``manage.py send_reminders``."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from assessments.models import Notification
from plans.progress import report_progress
from plans.task_workflow import TASK_WORKFLOW
from tests.factories import UserFactory
from tests.plans.progress_support import make_plan, make_task
from wards.models import Role


@pytest.fixture
def plan(ward):
    return make_plan(ward.district)


def run(day: str) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--today", day, stdout=out)
    return out.getvalue().strip()


def test_an_overdue_task_gets_exactly_one_reminder_a_day(plan, promotion_association, promotion_staff):
    make_task(
        plan, unit=promotion_association, text="Hội nghị sơ kết 3 năm", due_on=datetime.date(2018, 7, 31)
    )
    assert run("31/07/2018") == "0 reminder(s) sent."  # due today: not overdue yet
    assert run("01/08/2018") == "1 reminder(s) sent."
    assert run("01/08/2018") == "0 reminder(s) sent."
    assert run("02/08/2018") == "1 reminder(s) sent."
    assert [message.to for message in mail.outbox] == [[promotion_staff.email]] * 2
    assert mail.outbox[0].subject == (
        "Nhiệm vụ quá hạn của kế hoạch năm 2018: Hội nghị sơ kết 3 năm (Hội Khuyến học, hạn 31/07/2018)"
    )
    assert Notification.objects.filter(recipient=promotion_staff).count() == 2


def test_a_done_or_cancelled_task_gets_none(plan, promotion_association, promotion_staff):
    done = make_task(plan, unit=promotion_association, due_on=datetime.date(2018, 7, 31))
    report_progress(done, promotion_staff, reported_on=datetime.date(2018, 7, 20), note="Xong.", uploads=[])
    TASK_WORKFLOW.perform(done, "complete", promotion_staff)
    cancelled = make_task(plan, unit=promotion_association, due_on=datetime.date(2018, 7, 31))
    TASK_WORKFLOW.perform(cancelled, "cancel", promotion_staff, reason="Lồng ghép vào hội nghị khác")
    assert run("01/08/2018") == "0 reminder(s) sent."
    assert mail.outbox == []


def test_a_wards_task_is_reminded_to_its_officer_and_chairman_only(
    plan, ward, ward_officer, ward_chairman, other_ward_officer, center_director, promotion_staff
):
    make_task(plan, ward=ward, due_on=datetime.date(2018, 3, 31))
    assert run("02/04/2018") == "1 reminder(s) sent."
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [ward_officer.email, ward_chairman.email]
    )


def test_a_district_units_task_is_reminded_to_the_units_people_only(
    plan, education_office, education_staff, inspector, promotion_staff
):
    make_task(plan, unit=education_office, due_on=datetime.date(2018, 11, 30))
    UserFactory(username="nghi.viec", unit=education_office, roles=[Role.EDUCATION_STAFF], is_active=False)
    assert run("01/12/2018") == "1 reminder(s) sent."
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [education_staff.email, inspector.email]
    )
