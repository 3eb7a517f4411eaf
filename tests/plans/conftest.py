"""Fixtures of the yearly plan's tests: a small plan of the test district, and the demo's 2018 plan."""

import datetime
import io

import pytest

from plans.demo import seed_plans
from plans.models import SectionPart, YearPlan
from plans.planning import add_section, add_task, create_plan, parse_period
from wards.demo import seed_district


@pytest.fixture
def plan(ward, education_staff):
    return create_plan(ward.district, 2018, education_staff, title="Kế hoạch xây dựng XHHT năm 2018")


@pytest.fixture
def section(plan, education_staff):
    return add_section(plan, education_staff, part=SectionPart.ORGANISATION, number="1", title="Phòng GD&ĐT")


@pytest.fixture
def make_task(plan, section, education_staff, education_office):
    """``make_task(when="Tháng 3/2018", **fields)``: one task of the plan (a list when on all wards)."""

    def make(when="Tháng 3/2018", **fields):
        fields.setdefault("text", "Tổ chức tập huấn cho Ban giám đốc Trung tâm học tập cộng đồng")
        if not fields.get("ward") and not fields.get("all_wards"):
            fields.setdefault("unit", education_office)
        tasks = add_task(
            plan, section, education_staff, periods=parse_period(when, plan.year), period_label=when, **fields
        )
        return tasks if fields.get("all_wards") else tasks[0]

    return make


@pytest.fixture
def demo_plan(db):
    """The demo district (15 wards, its units and users) and its 2018 plan, seeded as ``seed_demo`` does."""
    out = io.StringIO()
    seed_district(out)
    seed_plans(out)
    return YearPlan.objects.get(year=2018)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
