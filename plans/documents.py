"""The plan's official documents, through the portal's document engine: the plan itself and its progress report.

Each is a ``DocumentType`` of the shared registry's shape (template + context
function) rendered by the same engine as the assessments' documents
(``BuiltDocument``: WeasyPrint PDF, DOCX from the same HTML), in the Decree
30/2020 layout of ``documents/base.html``.

- ``plan``: the plan as issued — bases, purposes, contents, the organisation of
  the work with every task ("the 15 wards" printed once, as the plan writes it),
  the distribution list and the signer.
- ``progress``: where each task stood at the end of a chosen day, read from its
  status history (``TaskChange``), and the tasks that were overdue that day.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from assessments.documents.district_side import BLANK, draft_date_line
from assessments.documents.registry import BuiltDocument, DocumentType
from engines.documents.render import DocumentFrame, Signature, vn_date, vn_date_line
from plans.models import PlanTask, SectionPart, TaskChange, TaskState, YearPlan
from plans.overdue import FINISHED_STATES

VIEW_PLAN = "plans.view_plan"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _summary(plan: YearPlan) -> str:
    """The title under "KẾ HOẠCH": the plan's title without its leading "Kế hoạch"."""
    title = plan.title.strip()
    if title.lower().startswith("kế hoạch "):
        title = title[len("kế hoạch ") :]
        return title[:1].upper() + title[1:]
    return title


def _issuer_code(plan: YearPlan) -> str:
    return "BCĐ" if "BAN CHỈ ĐẠO" in plan.issuing_body.upper() else "UBND"


def _frame(kind: DocumentType, plan: YearPlan, *, number: str, on: datetime.date | None) -> DocumentFrame:
    place = plan.district.place_name
    return DocumentFrame(
        title=f"{kind.title} – {plan.title}",
        parent_body=plan.parent_body.upper(),
        issuing_body=plan.issuing_body.upper(),
        number=number,
        date_line=vn_date_line(place, on) if on else draft_date_line(place, plan.year),
        signatures=[Signature((plan.signer_capacity,) if plan.signer_capacity else (), plan.signer_name)],
        date=on,
    )


@dataclass
class TaskLine:
    """One line of section III: a task, or the same task of every ward printed once."""

    text: str
    when: str
    responsible: str
    coordinating: str

    @property
    def sentence(self) -> str:
        """The text without its final full stop: the line ends with "(when)." as the plan writes it."""
        return self.text.rstrip().rstrip(".")


def _task_lines(tasks) -> list[TaskLine]:
    lines: list[TaskLine] = []
    seen: dict[tuple, TaskLine] = {}
    for task in tasks:
        if task.ward_id:
            key = (task.text, task.period_label)
            if key in seen:
                continue
            line = seen[key] = TaskLine(task.text, task.period_label, "", "")
        else:
            line = TaskLine(
                task.text,
                task.period_label,
                str(task.unit),
                ", ".join(str(unit) for unit in task.coordinating_units.all()),
            )
        lines.append(line)
    return lines


def load_plan(plan: YearPlan) -> YearPlan:
    """The plan with everything it prints: five queries whatever its size."""
    return (
        YearPlan.objects.select_related("district")
        .prefetch_related(
            "bases",
            "recipients",
            "sections",
            Prefetch(
                "tasks",
                queryset=PlanTask.objects.select_related("unit", "ward")
                .prefetch_related("coordinating_units")
                .order_by("section_id", "order", "pk"),
            ),
        )
        .get(pk=plan.pk)
    )


def plan_context(kind: DocumentType, plan: YearPlan) -> dict:
    plan = load_plan(plan)
    tasks_by_section: dict[int, list] = {}
    for task in plan.tasks.all():
        tasks_by_section.setdefault(task.section_id, []).append(task)
    sections = list(plan.sections.all())
    number = plan.number or f"{BLANK}/{kind.type_code}-{_issuer_code(plan)}"
    return {
        "doc": _frame(kind, plan, number=number, on=plan.issued_on),
        "plan": plan,
        "summary": _summary(plan),
        "draft": not plan.number,
        "bases": list(plan.bases.all()),
        "purposes": _lines(plan.purposes),
        "requirements": _lines(plan.requirements),
        "contents": [
            {"section": section, "lines": _lines(section.body)}
            for section in sections
            if section.part == SectionPart.CONTENT
        ],
        "organisation": [
            {
                "section": section,
                "lines": _lines(section.body),
                "tasks": _task_lines(tasks_by_section.get(section.pk, [])),
            }
            for section in sections
            if section.part == SectionPart.ORGANISATION
        ],
        "recipients": list(plan.recipients.all()),
        "filename": f"KH-XHHT-{plan.year}",
    }


# --- The progress report at a chosen day ---------------------------------------------------------------


def states_on(plan: YearPlan, day: datetime.date) -> dict[int, str]:
    """Each task's status at the end of ``day`` (the district's day), from its history: one query.

    A task with no change by then was still "not started"; an undo is a change
    like any other, so the last row before the end of the day is the state.
    """
    end = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))
    states: dict[int, str] = {}
    for task_id, to_state in (
        TaskChange.objects.filter(task__plan=plan, at__lt=end)
        .order_by("at", "pk")
        .values_list("task_id", "to_state")
    ):
        states[task_id] = to_state
    return states


@dataclass
class ProgressRow:
    number: int
    text: str
    responsible: str
    when: str
    due_on: datetime.date
    state: str
    state_label: str
    overdue: bool


def progress_context(kind: DocumentType, subject: tuple[YearPlan, datetime.date]) -> dict:
    plan, day = subject
    plan = load_plan(plan)
    states = states_on(plan, day)
    rows = []
    for number, task in enumerate(
        sorted(plan.tasks.all(), key=lambda t: (t.section.part, t.section.order, t.order, t.pk)), start=1
    ):
        state = states.get(task.pk, TaskState.NOT_STARTED)
        rows.append(
            ProgressRow(
                number=number,
                text=task.text,
                responsible=str(task.responsible),
                when=task.period_label,
                due_on=task.due_on,
                state=state,
                state_label=_vi_state(state),
                overdue=task.due_on < day and state not in FINISHED_STATES,
            )
        )
    counts = Counter(row.state for row in rows)
    return {
        "doc": _frame(kind, plan, number=f"{BLANK}/{kind.type_code}-{_issuer_code(plan)}", on=day),
        "plan": plan,
        "day": day,
        "day_text": vn_date(day),
        "rows": rows,
        "overdue": [row for row in rows if row.overdue],
        "counts": [(_vi_state(state), counts.get(state, 0)) for state in TaskState.values],
        "total": len(rows),
        "filename": f"BC-tien-do-KH-{plan.year}-{day:%Y%m%d}",
    }


# The printed document is in Vietnamese whatever the reader's language.
VI_STATES = {
    TaskState.NOT_STARTED: "Chưa thực hiện",
    TaskState.IN_PROGRESS: "Đang thực hiện",
    TaskState.DONE: "Đã hoàn thành",
    TaskState.CANCELLED: "Không thực hiện",
}


def _vi_state(state: str) -> str:
    return VI_STATES.get(state, state)


PLAN_DOCUMENTS: dict[str, DocumentType] = {
    kind.key: kind
    for kind in [
        DocumentType(
            "plan", "Kế hoạch", "KH", "documents/year_plan.html", plan_context, VIEW_PLAN, "year_plan"
        ),
        DocumentType(
            "progress",
            "Báo cáo tiến độ thực hiện kế hoạch",
            "BC",
            "documents/year_plan_progress.html",
            progress_context,
            VIEW_PLAN,
            "year_plan",
        ),
    ]
}


def build_plan_document(plan: YearPlan) -> BuiltDocument:
    kind = PLAN_DOCUMENTS["plan"]
    return BuiltDocument(kind, kind.build_context(kind, plan))


def build_progress_report(plan: YearPlan, day: datetime.date) -> BuiltDocument:
    kind = PLAN_DOCUMENTS["progress"]
    return BuiltDocument(kind, kind.build_context(kind, (plan, day)))
