"""The yearly plans for ``manage.py seed_scale`` (see ``wards.scale``): one per district and year, with progress.

A plan holds ``per_unit`` tasks for each district unit, each in one month of
the year, and one task per ward for the whole year. Past years' tasks are done,
each with its progress note (the rule of "done"); this year's are done up to
last month, in progress this month, not started after. Task states and their
history are replayed from the task workflow (``engines.workflow``).
"""

import calendar
from datetime import date

from engines.workflow import Step
from plans.models import (
    PlanBasis,
    PlanRecipient,
    PlanSection,
    PlanTask,
    SectionPart,
    TaskPeriod,
    TaskReport,
    TaskState,
    YearPlan,
)
from plans.task_workflow import TASK_WORKFLOW
from wards.models import Role
from wards.scale import ScaleRun

TASKS = [
    "Tuyên truyền về xây dựng xã hội học tập trên các phương tiện thông tin",
    "Tổ chức chuyên đề cho cán bộ, hội viên",
    "Kiểm tra hoạt động của các Trung tâm học tập cộng đồng",
    "Phối hợp tổ chức lớp bồi dưỡng kỹ năng",
    "Vận động xây dựng mô hình học tập",
    "Tổng hợp, báo cáo kết quả thực hiện",
]


def generate_plans(run: ScaleRun) -> None:
    for year in [*run.years, run.today.year]:
        for district in run.districts:
            _plan(run, district, year)


def _plan(run: ScaleRun, district, year: int) -> None:
    planner = run.people["phonggd"]
    plan = run.bulk(
        YearPlan,
        [
            YearPlan(
                district=district,
                year=year,
                title=f"Kế hoạch xây dựng xã hội học tập năm {year}",
                number=f"{10 + year % 100}/KH-BCĐ",
                issued_on=date(year, 1, 5),
                parent_body=district.authority_name.upper(),
                issuing_body="BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP",
                introduction=f"Thực hiện chương trình xây dựng xã hội học tập năm {year}.",
                signer_capacity="TRƯỞNG BAN",
                signer_title="Phó Chủ tịch UBND",
                signer_name=run.people["chutich.quan"].full_name,
                updated_by=planner,
            )
        ],
    )[0]
    run.bulk(
        PlanBasis,
        [PlanBasis(plan=plan, order=1, text="Căn cứ Quyết định số 1373/QĐ-TTg của Thủ tướng Chính phủ;")],
    )
    run.bulk(PlanRecipient, [PlanRecipient(plan=plan, order=1, text="Các thành viên Ban Chỉ đạo;")])
    sections = run.bulk(
        PlanSection,
        [
            PlanSection(plan=plan, part=SectionPart.CONTENT, order=1, number="1", title="Nhiệm vụ trọng tâm"),
            PlanSection(
                plan=plan, part=SectionPart.ORGANISATION, order=1, number="1", title="Các đơn vị của quận"
            ),
            PlanSection(plan=plan, part=SectionPart.ORGANISATION, order=2, number="2", title="Các phường"),
        ],
    )
    tasks, periods = [], []
    order = 0
    for unit in run.units.values():
        for index in range(run.per_unit):
            month = 1 + index * 12 // run.per_unit
            order += 1
            task = _task(plan, sections[1], order, TASKS[index % len(TASKS)], year, month, month, unit=unit)
            tasks.append(task)
    for ward in (w for w in run.wards if w.district_id == district.pk):
        order += 1
        tasks.append(
            _task(plan, sections[2], order, f"Triển khai kế hoạch tại {ward.name}", year, 1, 12, ward=ward)
        )
    changes, reports = [], []
    for task in tasks:
        author = run.person(task.ward, Role.WARD_OFFICER) if task.ward else _unit_person(run, task.unit)
        steps = _steps(task, author, run.today)
        if steps:
            reports.append(
                TaskReport(
                    task=task, reported_on=steps[-1].day, note="Đã triển khai theo kế hoạch.", author=author
                )
            )
        changes += TASK_WORKFLOW.replay(task, steps)
    run.bulk(PlanTask, tasks)
    for task in tasks:
        periods.append(
            TaskPeriod(task=task, starts_on=task.first_day, ends_on=task.due_on, label=task.period_label)
        )
    run.bulk(TaskPeriod, periods)
    run.bulk(TaskReport, reports)
    run.bulk(TASK_WORKFLOW.history_model, changes)


def _task(plan, section, order, text, year, first_month, last_month, **responsible) -> PlanTask:
    due_on = date(year, last_month, calendar.monthrange(year, last_month)[1])
    label = f"Tháng {first_month:02d}/{year}" if first_month == last_month else f"Cả năm {year}"
    task = PlanTask(
        plan=plan,
        section=section,
        order=order,
        text=text,
        state=TaskState.NOT_STARTED,
        due_on=due_on,
        period_label=label,
        **responsible,
    )
    task.first_day = date(year, first_month, 1)
    return task


def _unit_person(run: ScaleRun, unit):
    """The unit's own persona when it has one (the education office, the association), else the office's."""
    people = [user for user in run.people.values() if user.unit_id == unit.pk]
    return people[0] if people else run.people["phonggd"]


def _steps(task: PlanTask, author, today: date) -> list[Step]:
    """Started in its first month; done at its end when that is past, else still in progress (or not begun)."""
    if task.first_day > today:
        return []
    started = Step("start", author, task.first_day)
    if task.due_on < today:
        return [started, Step("complete", author, task.due_on)]
    return [started]
