"""Demo progress on the 2018 plan's tasks, as it stood in December 2018 (``seed_task_progress``).

Runs after the plan's own seeder (``seed_plans``) and goes through the real
domain functions and the workflow, dated in 2018: tasks of the months gone by
are mostly done, each with a note and, for trainings and conferences, an
event record (participants, women, by ward); December's tasks are in
progress; two are late (not done after their month: a ward's self-assessment
dossier and the summer training on universal education); the 3-year review
conference was cancelled with its reason. A task is reported by a user who
may report on it (``plans.report_task``); the tasks of a ward with no account
in the demo stay not started.
"""

import datetime

from plans.models import PlanTask, TaskChange, TaskState, YearPlan
from plans.progress import record_event, report_progress
from plans.task_workflow import TASK_WORKFLOW
from wards.models import User, Ward
from wards.text import strip_diacritics

YEAR = 2018
AS_OF = datetime.date(YEAR, 12, 14)  # the day the demo's progress stands at
# (words of the task's text without accents, what happened instead of "done")
LATE = ("tu danh gia", "pho cap giao duc")  # in progress after their month: overdue
CANCELLED = {
    "so ket 3 nam": "Theo chỉ đạo của Thường trực Hội Khuyến học Thành phố, nội dung sơ kết 3 năm được lồng ghép "
    "vào Hội nghị tổng kết công tác khuyến học năm 2018 (tháng 01/2019)."
}


def seed_task_progress(stdout) -> None:
    plans = list(YearPlan.objects.filter(year=YEAR))
    if not plans:
        stdout.write(f"No plan of {YEAR}: no task progress seeded.")
        return
    if TaskChange.objects.filter(task__plan__in=plans).exists():
        stdout.write(f"Progress on the {YEAR} plan's tasks exists already; left unchanged.")
        return
    states: dict[str, int] = {}
    for plan in plans:
        wards = list(Ward.objects.filter(district=plan.district).order_by("code"))
        tasks = list(plan.tasks.select_related("unit", "ward").order_by("due_on", "order", "pk"))
        people = _reporters(tasks)
        late_ward = _late_ward(tasks, people)
        for task in tasks:
            actor = people.get(task.pk)
            if actor is not None:
                _seed_task(task, actor, wards, late=_is_late(task, late_ward))
            label = str(TaskState(task.state).label)
            states[label] = states.get(label, 0) + 1
    summary = ", ".join(f"{label}: {count}" for label, count in states.items())
    stdout.write(f"Progress on the {YEAR} plan's tasks as of {AS_OF:%d/%m/%Y}: {summary}.")


def _words(task: PlanTask) -> str:
    return strip_diacritics(task.text)


def _reporters(tasks: list[PlanTask]) -> dict[int, User]:
    """For each task, the first active user (by user name) who may report on it."""
    users = list(
        User.objects.filter(is_active=True).exclude(unit=None, ward=None).prefetch_related("role_grants")
    )
    users.sort(key=lambda user: user.username)
    found = {}
    for task in tasks:
        for user in users:
            if (user.unit_id == task.unit_id or user.ward_id == task.ward_id) and user.has_perm(
                "plans.report_task", task
            ):
                found[task.pk] = user
                break
    return found


def _late_ward(tasks: list[PlanTask], people: dict[int, User]) -> int | None:
    """The ward late with its self-assessment: the last ward (by code) whose tasks someone reports on."""
    reported = sorted(
        {task.ward.code: task.ward_id for task in tasks if task.ward_id and task.pk in people}.items()
    )
    return reported[-1][1] if reported else None


def _is_late(task: PlanTask, late_ward: int | None) -> bool:
    words = _words(task)
    if task.ward_id:
        return task.ward_id == late_ward and LATE[0] in words
    return task.is_event and LATE[1] in words


def _seed_task(task: PlanTask, actor, wards: list[Ward], *, late: bool) -> None:
    words = _words(task)
    reason = next((text for key, text in CANCELLED.items() if key in words and task.unit_id), None)
    if reason:
        TASK_WORKFLOW.perform(task, "cancel", actor, reason=reason, today=task.due_on.replace(day=1))
        return
    passed = task.due_on < AS_OF.replace(day=1)
    if late or not passed:
        report_progress(
            task, actor, reported_on=_started_on(task), note=_progress_note(task, late=late), uploads=[]
        )
        return
    held_on = _held_on(task)
    if task.is_event:
        _record_event(task, actor, wards, held_on)
    report_progress(task, actor, reported_on=held_on, note=_done_note(task, held_on), uploads=[])
    TASK_WORKFLOW.perform(task, "complete", actor, today=held_on)


def _started_on(task: PlanTask) -> datetime.date:
    """A few days into the task's first period (its last month's first day when it has no period)."""
    first = task.periods.order_by("starts_on").first()
    start = first.starts_on if first else task.due_on.replace(day=1)
    return min(start + datetime.timedelta(days=4), AS_OF)


def _held_on(task: PlanTask) -> datetime.date:
    """A believable day in the task's last month: a weekday around the 20th (earlier in short months)."""
    day = task.due_on.replace(day=min(20, task.due_on.day))
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def _record_event(task: PlanTask, actor, wards: list[Ward], held_on: datetime.date) -> None:
    """An event with a few people from each ward (and the district's own), about 60 % women."""
    by_unit = [(ward.name, 3 + (index * 7 + task.pk) % 5) for index, ward in enumerate(wards)]
    district_people = 10 + task.pk % 8
    participants = sum(count for _name, count in by_unit) + district_people
    record_event(
        task,
        actor,
        held_on=held_on,
        place="Hội trường Ủy ban nhân dân quận",
        audience=_audience(task),
        participants=participants,
        women=participants * 3 // 5,
        materials="Tài liệu tập huấn do " + str(task.responsible) + " biên soạn; văn bản hướng dẫn kèm theo.",
        by_unit=by_unit,
    )


def _audience(task: PlanTask) -> str:
    words = _words(task)
    if "giao vien" in words:
        return "Cán bộ quản lý giáo dục và giáo viên chuyên trách 15 phường"
    if "ban giam doc" in words:
        return "Ban giám đốc Trung tâm học tập cộng đồng 15 phường"
    if "hoi khuyen hoc phuong" in words or "chi hoi" in words:
        return "Ban chấp hành Hội Khuyến học phường và Chi hội khu phố"
    return "Thành viên Ban chỉ đạo xây dựng xã hội học tập 15 phường"


def _done_note(task: PlanTask, held_on: datetime.date) -> str:
    day = held_on.strftime("%d/%m/%Y")
    if task.is_event:
        return f"Đã tổ chức ngày {day} tại Hội trường Ủy ban nhân dân quận, đúng nội dung kế hoạch."
    if task.ward_id:
        return (
            f"Ủy ban nhân dân {task.ward.name} đã hoàn thành và gửi văn bản về Ban chỉ đạo quận ngày {day}."
        )
    return f"Đã hoàn thành ngày {day}; kết quả đã báo cáo Ban chỉ đạo xây dựng xã hội học tập quận."


def _progress_note(task: PlanTask, *, late: bool) -> str:
    if late and task.ward_id:
        return "Phường đang hoàn thiện hồ sơ tự đánh giá, còn thiếu minh chứng của một số tiêu chí."
    if late:
        return "Lớp tập huấn dời lại do trùng lịch sinh hoạt chính trị hè; đang thống nhất thời gian mới."
    return "Đang triển khai theo kế hoạch."
