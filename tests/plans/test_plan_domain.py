"""The plan's rules: periods, "the 15 wards", copying to next year, overdue, and the demo's 2018 plan."""

import datetime
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plans import plan_2018
from plans.models import PlanBasis, PlanRecipient, PlanSection, PlanTask, TaskPeriod, TaskState, YearPlan
from plans.overdue import is_overdue, overdue_tasks, with_overdue
from plans.planning import copy_plan, create_plan, parse_period, shift_years_in_text
from tests.factories import DistrictFactory, WardFactory
from tests.helpers import normalised

from .conftest import day

SOURCE = Path(__file__).parent / "data" / "ke-hoach-xhht-2018.txt"

# --- parse_period --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Tháng 01/2018", [("2018-01-01", "2018-01-31", "Tháng 01/2018")]),
        ("Tháng 2/2018", [("2018-02-01", "2018-02-28", "Tháng 02/2018")]),
        ("Tháng 2/2020", [("2020-02-01", "2020-02-29", "Tháng 02/2020")]),
        (
            "Tháng 3, 4/2018",
            [("2018-03-01", "2018-03-31", "Tháng 03/2018"), ("2018-04-01", "2018-04-30", "Tháng 04/2018")],
        ),
        ("Quý I/2018", [("2018-01-01", "2018-03-31", "Quý I/2018")]),
        ("quý IV/2018", [("2018-10-01", "2018-12-31", "Quý IV/2018")]),
        (
            "Các Quý I, II, III/2018",
            [
                ("2018-01-01", "2018-03-31", "Quý I/2018"),
                ("2018-04-01", "2018-06-30", "Quý II/2018"),
                ("2018-07-01", "2018-09-30", "Quý III/2018"),
            ],
        ),
        ("Cả năm", [("2018-01-01", "2018-12-31", "Cả năm 2018")]),
        ("", [("2018-01-01", "2018-12-31", "Cả năm 2018")]),
        ("Tháng 12", [("2018-12-01", "2018-12-31", "Tháng 12/2018")]),
    ],
)
def test_parse_period_reads_the_plans_ways_of_writing_when(label, expected):
    assert parse_period(label, 2018) == [(day(start), day(end), name) for start, end, name in expected]


@pytest.mark.parametrize("label", ["Tháng 13/2018", "Quý V/2018", "sau Tết", "Tháng /2018"])
def test_parse_period_refuses_what_is_not_a_period(label):
    with pytest.raises(ValidationError):
        parse_period(label, 2018)


# --- Adding tasks --------------------------------------------------------------------------------------


def test_a_task_on_all_wards_is_one_task_per_ward_due_at_its_last_period(ward, other_ward, make_task):
    WardFactory(code="P03", name="Phường 3", district=ward.district, cluster=ward.cluster)
    elsewhere = DistrictFactory(name="Quận 6", authority_name="Ủy ban nhân dân Quận 6", place_name="Quận 6")
    WardFactory(code="X01", name="Phường khác", district=elsewhere)

    tasks = make_task(when="Các Quý I, II, III/2018", all_wards=True)

    assert sorted(task.ward.code for task in tasks) == ["P01", "P02", "P03"]
    assert {task.unit for task in tasks} == {None}
    assert {task.due_on for task in tasks} == {datetime.date(2018, 9, 30)}
    assert {task.period_label for task in tasks} == {"Các Quý I, II, III/2018"}
    assert all(task.state == TaskState.NOT_STARTED for task in tasks)
    assert [[p.label for p in task.periods.all()] for task in tasks] == [
        ["Quý I/2018", "Quý II/2018", "Quý III/2018"]
    ] * 3


def test_a_task_needs_exactly_one_responsible(make_task, ward, education_office):
    with pytest.raises(ValidationError):
        make_task(unit=education_office, ward=ward)
    with pytest.raises(ValidationError):
        make_task(unit=None, text="Không ai phụ trách", all_wards=False, ward=None)
    assert PlanTask.objects.count() == 0


def test_only_plan_managers_write_plans(ward, ward_officer, steering_member):
    for user in (ward_officer, steering_member):
        with pytest.raises(PermissionDenied):
            create_plan(ward.district, 2019, user, title="Kế hoạch")
    assert YearPlan.objects.count() == 0


def test_a_district_has_one_plan_a_year(plan, education_staff):
    with pytest.raises(ValidationError):
        create_plan(plan.district, 2018, education_staff, title="Lần hai")


# --- Overdue -------------------------------------------------------------------------------------------


def test_overdue_exactly_after_the_last_day_of_the_due_month(make_task):
    task = make_task(when="Tháng 3/2018")

    assert is_overdue(task, datetime.date(2018, 3, 31)) is False
    assert is_overdue(task, datetime.date(2018, 4, 1)) is True
    assert list(overdue_tasks(today=datetime.date(2018, 3, 31))) == []
    assert list(overdue_tasks(today=datetime.date(2018, 4, 1))) == [task]
    assert with_overdue(today=datetime.date(2018, 4, 1)).get().overdue is True
    assert with_overdue(today=datetime.date(2018, 3, 31)).get().overdue is False


def test_overdue_uses_the_districts_day_not_utc(make_task, settings):
    """At 23:30 UTC on 31/3 it is already 1/4 in Ho Chi Minh City: the March task is late there."""
    task = make_task(when="Tháng 3/2018")
    moment = datetime.datetime(2018, 3, 31, 23, 30, tzinfo=datetime.UTC)
    with timezone.override("Asia/Ho_Chi_Minh"):
        today = timezone.localdate(moment)
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert today == datetime.date(2018, 4, 1)
    assert is_overdue(task, today) is True
    last_minute = datetime.datetime(2018, 3, 31, 16, 59, tzinfo=datetime.UTC)  # 23:59 in the district
    assert is_overdue(task, timezone.localdate(last_minute)) is False


@pytest.mark.parametrize("state", [TaskState.DONE, TaskState.CANCELLED])
def test_a_finished_task_is_never_overdue(make_task, state):
    task = make_task(when="Tháng 3/2018")
    PlanTask.objects.filter(pk=task.pk).update(state=state)  # the progress workflow's job, not this test's
    task.refresh_from_db()

    assert is_overdue(task, datetime.date(2018, 12, 31)) is False
    assert list(overdue_tasks(today=datetime.date(2018, 12, 31))) == []


# --- Copying -------------------------------------------------------------------------------------------


def test_copy_moves_every_task_one_year_shares_nothing_and_resets_states(demo_plan):
    actor = demo_plan.updated_by
    PlanTask.objects.filter(pk__in=demo_plan.tasks.values("pk")[:5]).update(state=TaskState.DONE)
    old_tasks = list(demo_plan.tasks.prefetch_related("periods", "coordinating_units").order_by("pk"))

    new = copy_plan(demo_plan, 2019, actor)

    new_tasks = list(new.tasks.prefetch_related("periods", "coordinating_units").order_by("pk"))
    assert new.year == 2019 and new.copied_from == demo_plan
    assert new.title == "Kế hoạch xây dựng xã hội học tập trên địa bàn quận năm 2019"
    assert len(new_tasks) == len(old_tasks) == 73
    assert not {task.pk for task in new_tasks} & {task.pk for task in old_tasks}
    assert {task.state for task in new_tasks} == {TaskState.NOT_STARTED}
    assert PlanTask.objects.filter(plan=demo_plan, state=TaskState.DONE).count() == 5
    for old, copy in zip(old_tasks, new_tasks, strict=True):
        assert copy.due_on == old.due_on.replace(year=2019)
        assert [(p.starts_on, p.ends_on) for p in copy.periods.all()] == [
            (p.starts_on.replace(year=2019), p.ends_on.replace(year=2019)) for p in old.periods.all()
        ]
        assert copy.period_label == old.period_label.replace("2018", "2019")
        assert (copy.unit_id, copy.ward_id, copy.is_event) == (old.unit_id, old.ward_id, old.is_event)
        assert list(copy.coordinating_units.all()) == list(old.coordinating_units.all())
        assert copy.section.plan_id == new.pk
    assert (
        TaskPeriod.objects.filter(task__plan=new).count()
        == TaskPeriod.objects.filter(task__plan=demo_plan).count()
    )
    assert [b.text for b in new.bases.all()] == [b.text for b in demo_plan.bases.all()]
    assert PlanBasis.objects.filter(plan=demo_plan).count() == 3
    assert PlanRecipient.objects.filter(plan=new).count() == len(plan_2018.RECIPIENTS)
    assert PlanSection.objects.filter(plan=new).count() == PlanSection.objects.filter(plan=demo_plan).count()
    reported = new.tasks.filter(text__startswith="Báo cáo công tác").first()
    assert "năm 2018 và triển khai kế hoạch thực hiện năm 2019" in reported.text


def test_copy_refuses_a_year_that_has_a_plan_and_leaves_nothing(
    plan, make_task, education_staff, ward_officer
):
    make_task()
    with pytest.raises(PermissionDenied):
        copy_plan(plan, 2019, ward_officer)
    copy_plan(plan, 2019, education_staff)
    with pytest.raises(ValidationError):
        copy_plan(plan, 2019, education_staff)
    assert YearPlan.objects.count() == 2
    assert PlanTask.objects.count() == 2


def test_shift_years_keeps_cited_dates_and_ranges():
    text = "năm 2017 và năm 2018 (Tháng 3/2018), Thông tư ngày 12/12/2014, giai đoạn 2012 - 2020, (2015-2018)"
    assert shift_years_in_text(text, 2018, 2019) == (
        "năm 2018 và năm 2019 (Tháng 3/2019), Thông tư ngày 12/12/2014, giai đoạn 2012 - 2020, (2015-2018)"
    )


# --- The demo's 2018 plan ------------------------------------------------------------------------------


def _source_tasks() -> list[str]:
    """The bullets of section III of the source, as written."""
    text = SOURCE.read_text(encoding="utf-8")
    part = text[text.index("III. TỔ CHỨC THỰC HIỆN") : text.index("Trên đây là Kế hoạch")]
    return [line for line in part.split("\n\n") if line.startswith("- ")]


def test_the_demo_plan_has_every_task_of_section_three_with_its_unit(demo_plan):
    counts = Counter(
        task.unit.code if task.unit else "wards" for task in demo_plan.tasks.select_related("unit")
    )
    assert counts == {"phong-gddt": 6, "hoi-khuyen-hoc": 6, "ubmttq": 1, "wards": 4 * 15}
    assert demo_plan.tasks.filter(ward__isnull=False).values("ward").distinct().count() == 15
    # Every bullet of the source is in the plan: 16 bullets (one split in two), 17 task texts.
    source = normalised(SOURCE.read_text(encoding="utf-8"))
    texts = set(demo_plan.tasks.values_list("text", flat=True))
    assert len(texts) == len(plan_2018.PLAN_2018_TASKS) == 17
    for text in texts:
        assert normalised(text) in source
    for bullet in _source_tasks():
        body = re.sub(r"\s*\((?:Tháng|Quý|Các Quý)[^)]*\)\.?$", "", normalised(bullet[2:]))
        assert any(normalised(text) in body or body.rstrip(".") in normalised(text) for text in texts), body


def test_the_demo_plan_keeps_the_sources_texts_months_and_signer(demo_plan):
    source = SOURCE.read_text(encoding="utf-8")
    first = demo_plan.tasks.get(text__startswith="Tổ chức tập huấn cho Ban giám đốc")
    assert first.unit.code == "phong-gddt" and first.period_label == "Tháng 01/2018"
    assert first.due_on == datetime.date(2018, 1, 31)
    briefing = demo_plan.tasks.get(text__startswith="Căn cứ Kế hoạch thi đua")
    assert [p.label for p in briefing.periods.all()] == ["Quý I/2018", "Quý II/2018", "Quý III/2018"]
    training = demo_plan.tasks.get(text__startswith="Tổ chức tập huấn tuyên truyền trong cán bộ")
    assert [p.label for p in training.periods.all()] == ["Tháng 03/2018", "Tháng 04/2018"]
    propaganda = demo_plan.tasks.get(text__startswith="Đẩy mạnh công tác tuyên truyền sâu rộng")
    assert propaganda.period_label == "Cả năm" and propaganda.due_on == datetime.date(2018, 12, 31)
    self_assessment = demo_plan.tasks.filter(
        text__startswith="Ủy ban nhân dân phường xây dựng kế hoạch tự đánh giá"
    )
    assert self_assessment.count() == 15 and {t.due_on for t in self_assessment} == {
        datetime.date(2018, 10, 31)
    }
    front = demo_plan.tasks.get(unit__code="ubmttq")
    assert sorted(front.coordinating_units.values_list("code", flat=True)) == [
        "doan-thanh-nien",
        "hoi-ccb",
        "hoi-lhpn",
    ]
    for basis in demo_plan.bases.all():
        assert basis.text.startswith("Căn cứ") and basis.text in source
    assert demo_plan.bases.count() == source.count("\nCăn cứ ")
    assert [r.text for r in demo_plan.recipients.all()] == plan_2018.RECIPIENTS
    assert all(f"- {r.text}" in source for r in demo_plan.recipients.all())
    assert (demo_plan.signer_capacity, demo_plan.signer_title, demo_plan.signer_name) == (
        "TRƯỞNG BAN",
        "PHÓ CHỦ TỊCH UBND QUẬN",
        "Nguyễn Đông Tùng",
    )
    assert demo_plan.sections.filter(part="content").count() == 3
    assert demo_plan.sections.filter(part="organisation").count() == 4
    assert {task.state for task in demo_plan.tasks.all()} == {TaskState.NOT_STARTED}


def test_the_demo_seeder_runs_twice_without_change(demo_plan):
    import io

    from plans.demo import seed_plans

    seed_plans(io.StringIO())
    assert YearPlan.objects.count() == 1
    assert demo_plan.tasks.count() == 73
