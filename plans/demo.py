"""Demo data of the plans app: the district's 2018 plan, made through the functions the pages use.

Every task of section III of ke-hoach-xhht-2018.txt, with its unit, coordinating
units and months (``plans.plan_2018``). States are left as they are born ("not
started"): the progress seeder, registered after this one, moves some of them
through the workflow. Idempotent: once the district has a 2018 plan, nothing
is done.
"""

import datetime

from django.db import transaction

from plans import plan_2018 as source
from plans.models import SectionPart, YearPlan
from plans.planning import add_section, add_task, create_plan, parse_period, set_bases, set_recipients
from wards.models import District, DistrictUnit, Role, User


def _planner() -> User | None:
    """Who writes the plan in the demo: the education office's staff member, else an administrator."""
    for role in (Role.EDUCATION_STAFF, Role.SYSTEM_ADMIN):
        user = User.objects.filter(role_grants__role=role, is_active=True).order_by("pk").first()
        if user is not None:
            return user
    return None


@transaction.atomic
def seed_plans(stdout) -> None:
    district = District.current()
    actor = _planner()
    if district is None or actor is None:
        stdout.write("Plans: no district or planner yet, skipped.")
        return
    if YearPlan.objects.filter(district=district, year=source.YEAR).exists():
        stdout.write(f"Plans: the {source.YEAR} plan exists, left as it is.")
        return
    plan = seed_plan_2018(district, actor)
    stdout.write(f"Plans: the {plan.year} plan with {plan.tasks.count()} tasks.")


def seed_plan_2018(district: District, actor) -> YearPlan:
    """The 2018 plan of the source document, in full."""
    plan = create_plan(
        district,
        source.YEAR,
        actor,
        title=source.TITLE,
        number=source.NUMBER,
        issued_on=datetime.date(source.YEAR, 1, 5),
        parent_body=source.PARENT_BODY,
        issuing_body=source.ISSUING_BODY,
        introduction=source.INTRODUCTION,
        purposes=source.PURPOSES,
        closing=source.CLOSING,
        signer_capacity=source.SIGNER_CAPACITY,
        signer_title=source.SIGNER_TITLE,
        signer_name=source.SIGNER_NAME,
    )
    set_bases(plan, actor, source.BASES)
    set_recipients(plan, actor, source.RECIPIENTS)
    for number, title, body in source.CONTENT_SECTIONS:
        add_section(plan, actor, part=SectionPart.CONTENT, number=number, title=title, body=body)
    sections = {
        number: add_section(plan, actor, part=SectionPart.ORGANISATION, number=number, title=title)
        for number, title in source.ORGANISATION_SECTIONS
    }
    units = {unit.code: unit for unit in DistrictUnit.objects.filter(district=district)}
    for line in source.PLAN_2018_TASKS:
        on_wards = line.unit == source.WARDS
        add_task(
            plan,
            sections[line.section],
            actor,
            text=line.text,
            unit=None if on_wards else units[line.unit],
            all_wards=on_wards,
            coordinating_units=[units[code] for code in line.coordinating if code in units],
            periods=parse_period(line.when, source.YEAR),
            period_label=line.when,
            is_event=line.is_event,
        )
    return plan
