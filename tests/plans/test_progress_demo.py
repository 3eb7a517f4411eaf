"""The demo's progress on the 2018 plan, seeded through the domain functions and the workflow."""

import datetime
import io

import pytest
from django.utils import timezone

from plans.demo_progress import seed_task_progress
from plans.models import TaskState
from plans.overdue import is_overdue
from plans.task_workflow import TASK_WORKFLOW
from tests.factories import WardFactory
from tests.plans.progress_support import make_plan, make_task

T = TaskState


def seed() -> str:
    out = io.StringIO()
    seed_task_progress(out)
    return out.getvalue().strip()


def test_without_a_2018_plan_nothing_is_seeded(db):
    assert seed() == "No plan of 2018: no task progress seeded."


@pytest.fixture
def tiny_plan(ward, other_ward, promotion_association, education_office):
    plan = make_plan(ward.district)
    third = WardFactory(code="P03", name="Phường 3", district=ward.district, cluster=ward.cluster)
    date = datetime.date
    tasks = {
        "training": make_task(
            plan,
            unit=promotion_association,
            is_event=True,
            text="Tổ chức tập huấn tuyên truyền trong cán bộ Ban chấp hành Hội Khuyến học phường",
            due_on=date(2018, 4, 30),
        ),
        "conference": make_task(
            plan,
            unit=promotion_association,
            is_event=True,
            text="Tổ chức Hội nghị sơ kết 3 năm điển hình các mô hình học tập (2015-2018)",
            due_on=date(2018, 7, 31),
        ),
        "teachers": make_task(
            plan,
            unit=education_office,
            is_event=True,
            text="Tổ chức tập huấn cho đội ngũ giáo viên chuyên trách về công tác phổ cập giáo dục, xóa mù chữ",
            due_on=date(2018, 8, 31),
        ),
        "rating": make_task(
            plan,
            unit=education_office,
            text="Kiểm tra, xếp loại Trung tâm học tập cộng đồng",
            due_on=date(2018, 12, 31),
        ),
    }
    for code, w in (("p1", ward), ("p2", other_ward), ("p3", third)):
        tasks[f"self_{code}"] = make_task(
            plan,
            ward=w,
            text="Ủy ban nhân dân phường xây dựng kế hoạch tự đánh giá, kiểm tra, xếp loại và lập hồ sơ",
            due_on=date(2018, 10, 31),
        )
    return plan, tasks


def test_the_2018_plan_gets_a_believable_spread(
    tiny_plan, ward_officer, other_ward_officer, promotion_staff, education_staff
):
    plan, tasks = tiny_plan
    assert seed().startswith("Progress on the 2018 plan's tasks as of 14/12/2018:")
    for task in tasks.values():
        task.refresh_from_db()
    states = {name: task.state for name, task in tasks.items()}
    assert states == {
        "training": T.DONE,
        "conference": T.CANCELLED,
        "teachers": T.IN_PROGRESS,
        "rating": T.IN_PROGRESS,
        "self_p1": T.DONE,
        "self_p2": T.IN_PROGRESS,
        "self_p3": T.NOT_STARTED,  # no account for Phường 3 in the demo
    }
    as_of = datetime.date(2018, 12, 14)
    assert [name for name, task in tasks.items() if is_overdue(task, as_of)] == [
        "teachers",
        "self_p2",
        "self_p3",
    ]

    training = tasks["training"]
    event = training.events.get()
    units = list(event.attendance.all())
    assert event.held_on == datetime.date(2018, 4, 20)
    assert [row.unit_name for row in units] == ["Phường 1", "Phường 2", "Phường 3"]
    assert sum(row.participants for row in units) <= event.participants
    assert 0 < event.women <= event.participants
    assert training.reports.get().author == promotion_staff
    assert [timezone.localtime(change.at).date() for change in TASK_WORKFLOW.history(training)] == [
        datetime.date(2018, 4, 20)
    ] * 2
    assert "lồng ghép" in TASK_WORKFLOW.history(tasks["conference"]).get().reason
    assert tasks["self_p1"].reports.get().author == ward_officer

    assert seed() == "Progress on the 2018 plan's tasks exists already; left unchanged."
