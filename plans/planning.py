"""Writing the district's yearly plan: the plan, its sections and tasks, its periods, copying it to next year.

Every function checks ``plans.manage_plan`` itself, so a command or a test
cannot bypass the rule the pages follow. A task's status is never written here:
new tasks start "not started" and only the progress workflow moves them.
"""

import calendar
import datetime
import re
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from plans.models import (
    PlanBasis,
    PlanRecipient,
    PlanSection,
    PlanTask,
    TaskPeriod,
    YearPlan,
)
from wards.models import District, DistrictUnit, Ward

Period = tuple[datetime.date, datetime.date, str]

MANAGE = "plans.manage_plan"
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
WHOLE_YEAR = "Cả năm"


def check_may_manage(actor) -> None:
    if actor is None or not actor.has_perm(MANAGE):
        raise PermissionDenied(MANAGE)


# --- Periods ------------------------------------------------------------------------------------------


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last), f"Tháng {month:02d}/{year}"


def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    start = datetime.date(year, first_month, 1)
    end = month_period(year, first_month + 2)[1]
    return start, end, f"Quý {'I' * quarter if quarter < 4 else 'IV'}/{year}"


def year_period(year: int) -> Period:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"{WHOLE_YEAR} {year}"


_YEAR_SUFFIX = re.compile(r"/\s*(\d{4})\s*$")
_MONTHS = re.compile(r"^(?:các\s+)?tháng\s+([\d,\s–-]+)$", re.IGNORECASE)
_QUARTERS = re.compile(r"^(?:các\s+)?quý\s+([IV,\s]+)$", re.IGNORECASE)


def parse_period(label: str, year: int) -> list[Period]:
    """The periods a plan's "when" means, in ``year`` unless the label names its own.

    "Tháng 01/2018" is one month; "Tháng 3, 4/2018" two months; "Quý I/2018"
    one quarter; "Các Quý I, II, III/2018" three quarters; "Cả năm" (or an
    empty label) the whole year. Anything else is refused with a message: a
    task must have a date it is due by.
    """
    text = " ".join((label or "").split())
    if not text or text.lower().startswith(WHOLE_YEAR.lower()):
        found = re.search(r"(\d{4})", text)
        return [year_period(int(found.group(1)) if found else year)]
    suffix = _YEAR_SUFFIX.search(text)
    if suffix:
        year = int(suffix.group(1))
        text = text[: suffix.start()].strip()
    months = _MONTHS.match(text)
    if months:
        numbers = _numbers(months.group(1))
        if numbers and all(1 <= number <= 12 for number in numbers):
            return [month_period(year, number) for number in numbers]
    quarters = _QUARTERS.match(text)
    if quarters:
        names = [name for name in re.split(r"[,\s]+", quarters.group(1).strip().upper()) if name]
        if names and all(name in ROMAN for name in names):
            return [quarter_period(year, ROMAN[name]) for name in dict.fromkeys(names)]
    raise ValidationError(
        _(
            "“%(label)s” is not a period: write e.g. Tháng 01/%(year)s, Tháng 3, 4/%(year)s, Quý I/%(year)s or Cả năm."
        )
        % {"label": label, "year": year}
    )


def _numbers(text: str) -> list[int]:
    """``"3, 4"`` → ``[3, 4]``; ``"3-5"`` → ``[3, 4, 5]`` (a range of months)."""
    numbers: list[int] = []
    for part in re.split(r",", text):
        part = part.strip()
        if not part:
            continue
        bounds = re.split(r"\s*[–-]\s*", part)
        if not all(bound.isdigit() for bound in bounds):
            return []
        first, last = int(bounds[0]), int(bounds[-1])
        numbers.extend(range(first, last + 1) if last >= first else [])
    return list(dict.fromkeys(numbers))


# --- Writing the plan ----------------------------------------------------------------------------------

# The plan's own fields a manager writes, in the order its form shows them.
PLAN_FIELDS = (
    "title",
    "number",
    "issued_on",
    "parent_body",
    "issuing_body",
    "introduction",
    "purposes",
    "requirements",
    "closing",
    "signer_capacity",
    "signer_title",
    "signer_name",
)


@transaction.atomic
def create_plan(district: District, year: int, actor, **fields) -> YearPlan:
    """The district's plan for ``year``; one per year, so a second one is refused with a message."""
    check_may_manage(actor)
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown plan fields: {sorted(unknown)}")
    if YearPlan.objects.filter(district=district, year=year).exists():
        raise ValidationError(_("The district already has a plan for %(year)s.") % {"year": year})
    fields.setdefault("issuing_body", district.authority_name.upper())
    return YearPlan.objects.create(district=district, year=year, updated_by=actor, **fields)


@transaction.atomic
def update_plan(plan: YearPlan, actor, **fields) -> YearPlan:
    check_may_manage(actor)
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise TypeError(f"Unknown plan field: {name}")
        setattr(plan, name, value)
    plan.updated_by = actor
    plan.save()
    return plan


@transaction.atomic
def set_bases(plan: YearPlan, actor, texts: Iterable[str]) -> None:
    """Replace the plan's legal bases with ``texts``, in that order (blank lines dropped)."""
    check_may_manage(actor)
    plan.bases.all().delete()
    PlanBasis.objects.bulk_create(
        PlanBasis(plan=plan, order=index, text=text.strip())
        for index, text in enumerate((t for t in texts if t and t.strip()), start=1)
    )


@transaction.atomic
def set_recipients(plan: YearPlan, actor, texts: Iterable[str]) -> None:
    """Replace the plan's distribution list with ``texts``, in that order (blank lines dropped)."""
    check_may_manage(actor)
    plan.recipients.all().delete()
    PlanRecipient.objects.bulk_create(
        PlanRecipient(plan=plan, order=index, text=text.strip())
        for index, text in enumerate((t for t in texts if t and t.strip()), start=1)
    )


def _next_order(queryset) -> int:
    return (queryset.aggregate(last=Max("order"))["last"] or 0) + 1


@transaction.atomic
def add_section(
    plan: YearPlan, actor, *, part: str, title: str, number: str = "", body: str = ""
) -> PlanSection:
    check_may_manage(actor)
    return PlanSection.objects.create(
        plan=plan,
        part=part,
        order=_next_order(plan.sections.filter(part=part)),
        number=number,
        title=title,
        body=body,
    )


def _check_periods(periods: Sequence[Period]) -> list[Period]:
    if not periods:
        raise ValidationError(_("Give the task at least one month or quarter."))
    for starts_on, ends_on, _label in periods:
        if ends_on < starts_on:
            raise ValidationError(_("A period cannot end before it starts."))
    return sorted(periods, key=lambda period: (period[0], period[1]))


@transaction.atomic
def add_task(
    plan: YearPlan,
    section: PlanSection,
    actor,
    *,
    text: str,
    unit: DistrictUnit | None = None,
    ward: Ward | None = None,
    all_wards: bool = False,
    coordinating_units: Iterable[DistrictUnit] = (),
    periods: Sequence[Period],
    criteria: Iterable = (),
    is_event: bool = False,
    period_label: str = "",
) -> list[PlanTask]:
    """Add a task to ``section``; "the 15 wards" (``all_wards``) is one task per ward of the district.

    Each ward reports on its own task, so the plan's single line becomes as
    many rows as the district has wards. ``due_on`` is the end of the last
    period: the day after it, an unfinished task is overdue.
    """
    check_may_manage(actor)
    if section.plan_id != plan.pk:
        raise ValueError("The section belongs to another plan.")
    text = text.strip()
    if not text:
        raise ValidationError(_("Write what the task is."))
    responsible = sum(bool(choice) for choice in (unit, ward, all_wards))
    if responsible != 1:
        raise ValidationError(_("Choose one responsible: a district unit, a ward or all the wards."))
    periods = _check_periods(periods)
    label = period_label.strip() or ", ".join(period[2] for period in periods)
    coordinating_units, criteria = list(coordinating_units), list(criteria)
    wards = list(plan.district.wards.order_by("sort_key")) if all_wards else [ward]
    order = _next_order(section.tasks.all())
    tasks = []
    for index, responsible_ward in enumerate(wards):
        task = PlanTask.objects.create(
            plan=plan,
            section=section,
            order=order + index,
            text=text,
            unit=unit,
            ward=responsible_ward,
            is_event=is_event,
            due_on=max(period[1] for period in periods),
            period_label=label,
        )
        TaskPeriod.objects.bulk_create(
            TaskPeriod(task=task, starts_on=start, ends_on=end, label=name) for start, end, name in periods
        )
        if coordinating_units:
            task.coordinating_units.set(coordinating_units)
        if criteria:
            task.criteria.set(criteria)
        tasks.append(task)
    return tasks


@transaction.atomic
def update_task(
    task: PlanTask,
    actor,
    *,
    text: str,
    coordinating_units: Iterable[DistrictUnit] = (),
    periods: Sequence[Period],
    criteria: Iterable = (),
    is_event: bool = False,
    period_label: str = "",
) -> PlanTask:
    """Change what a task is and when it is due (not who answers for it, nor its status)."""
    check_may_manage(actor)
    text = text.strip()
    if not text:
        raise ValidationError(_("Write what the task is."))
    periods = _check_periods(periods)
    task.text = text
    task.is_event = is_event
    task.due_on = max(period[1] for period in periods)
    task.period_label = period_label.strip() or ", ".join(period[2] for period in periods)
    task.save()
    task.periods.all().delete()
    TaskPeriod.objects.bulk_create(
        TaskPeriod(task=task, starts_on=start, ends_on=end, label=name) for start, end, name in periods
    )
    task.coordinating_units.set(list(coordinating_units))
    task.criteria.set(list(criteria))
    return task


# --- Copying to another year ---------------------------------------------------------------------------


def shift_date(day: datetime.date, years: int) -> datetime.date:
    """``day`` moved by ``years``; a month's last day stays its last day (29/02 → 28/02)."""
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return datetime.date(year, day.month, last)
    return datetime.date(year, day.month, min(day.day, last))


def shift_years_in_text(text: str, old_year: int, new_year: int) -> str:
    """The plan's own years moved: "năm 2018" → "năm 2019", "/2018" → "/2019", and the year before it too.

    Only a year written as the plan's year or the one before ("báo cáo năm
    2017, triển khai năm 2018") moves, and only after "năm" or "/"; the dates
    of the documents it cites ("ngày 12/12/2014") and periods like "2012 - 2020"
    stay as they are.
    """
    delta = new_year - old_year
    moving = {old_year, old_year - 1}

    def replace(match: re.Match) -> str:
        year = int(match.group(2))
        return f"{match.group(1)}{year + delta}" if year in moving else match.group(0)

    return re.sub(r"((?:năm|Năm|NĂM)\s+|/)(\d{4})\b", replace, text)


@transaction.atomic
def copy_plan(plan: YearPlan, year: int, actor) -> YearPlan:
    """Next year's plan started from ``plan``: the same bases, sections, recipients and tasks, moved in time.

    Every row is new (nothing is shared with the old plan), every task starts
    "not started" with its periods moved by the difference of the years, and
    the plan's own years in its texts follow. The number and date are left
    blank: the new plan has not been issued.
    """
    check_may_manage(actor)
    if year == plan.year:
        raise ValidationError(_("Choose another year than the plan's own."))
    if YearPlan.objects.filter(district=plan.district_id, year=year).exists():
        raise ValidationError(_("The district already has a plan for %(year)s.") % {"year": year})
    delta = year - plan.year

    def moved(text: str) -> str:
        return shift_years_in_text(text, plan.year, year)

    new = YearPlan.objects.create(
        district=plan.district,
        year=year,
        title=moved(plan.title),
        number="",
        issued_on=None,
        parent_body=plan.parent_body,
        issuing_body=plan.issuing_body,
        introduction=moved(plan.introduction),
        purposes=moved(plan.purposes),
        requirements=moved(plan.requirements),
        closing=moved(plan.closing),
        signer_capacity=plan.signer_capacity,
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        copied_from=plan,
        updated_by=actor,
    )
    PlanBasis.objects.bulk_create(
        PlanBasis(plan=new, order=basis.order, text=basis.text) for basis in plan.bases.all()
    )
    PlanRecipient.objects.bulk_create(
        PlanRecipient(plan=new, order=recipient.order, text=recipient.text)
        for recipient in plan.recipients.all()
    )
    sections = {}
    for section in plan.sections.all():
        sections[section.pk] = PlanSection.objects.create(
            plan=new,
            part=section.part,
            order=section.order,
            number=section.number,
            title=moved(section.title),
            body=moved(section.body),
        )
    tasks = plan.tasks.prefetch_related("periods", "coordinating_units", "criteria").order_by("pk")
    for task in tasks:
        copy = PlanTask.objects.create(
            plan=new,
            section=sections[task.section_id],
            order=task.order,
            text=moved(task.text),
            unit_id=task.unit_id,
            ward_id=task.ward_id,
            is_event=task.is_event,
            due_on=shift_date(task.due_on, delta),
            period_label=moved(task.period_label),
        )
        TaskPeriod.objects.bulk_create(
            TaskPeriod(
                task=copy,
                starts_on=shift_date(period.starts_on, delta),
                ends_on=shift_date(period.ends_on, delta),
                label=moved(period.label),
            )
            for period in task.periods.all()
        )
        copy.coordinating_units.set(task.coordinating_units.all())
        copy.criteria.set(task.criteria.all())
    return new


@transaction.atomic
def save_plan_document(
    plan: YearPlan, actor, *, fields: dict, bases: Iterable[str], recipients: Iterable[str]
):
    """The plan page's one save: its fields, its bases and its distribution list together, or nothing."""
    update_plan(plan, actor, **fields)
    set_bases(plan, actor, bases)
    set_recipients(plan, actor, recipients)
    return plan
