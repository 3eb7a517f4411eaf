"""The demo's ward reports, emulation plan and briefings: the promised spread of states, and idempotent."""

from collections import Counter
from io import StringIO

import pytest

from plans.demo_reports import seed_ward_reports
from plans.models import BriefingProgress, ClusterBriefing, EmulationContent, EmulationCriterion, WardReport
from tests.factories import UserFactory
from wards.demo import seed_district
from wards.models import Role, Ward

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_district():
    seed_district(StringIO())
    for ward in Ward.objects.exclude(code__in=["P01", "P02"]):  # the assessments seeder makes these officers
        UserFactory(username=f"canbo.p{int(ward.code[1:])}", ward=ward, roles=[Role.WARD_OFFICER])


def _states(kind):
    return Counter(WardReport.objects.filter(kind=kind).values_list("state", flat=True))


def test_the_demo_files_every_wards_report_and_plan_with_a_spread_of_states(demo_district):
    seed_ward_reports(StringIO())

    assert _states("report") == {"acknowledged": 11, "submitted": 2, "returned": 1, "draft": 1}
    assert _states("plan") == {"acknowledged": 11, "submitted": 2, "returned": 1, "draft": 1}
    assert set(WardReport.objects.filter(kind="report").values_list("year", flat=True)) == {2017}
    assert set(WardReport.objects.filter(kind="plan").values_list("year", flat=True)) == {2018}
    acknowledged = WardReport.objects.filter(state="acknowledged").first()
    assert [change.at.year for change in acknowledged.history.all()] == [2018, 2018]
    assert (EmulationContent.objects.filter(year=2018).count(), EmulationCriterion.objects.count()) == (5, 10)
    assert ClusterBriefing.objects.filter(year=2018).count() == 9
    assert sorted(set(ClusterBriefing.objects.values_list("quarter", flat=True))) == [1, 2, 3]
    assert BriefingProgress.objects.count() == (15 * 3 - 1) * 10  # one ward missed one briefing


def test_the_demo_runs_twice_without_change(demo_district):
    seed_ward_reports(StringIO())
    before = (WardReport.objects.count(), ClusterBriefing.objects.count(), BriefingProgress.objects.count())
    seed_ward_reports(StringIO())
    assert (
        WardReport.objects.count(),
        ClusterBriefing.objects.count(),
        BriefingProgress.objects.count(),
    ) == before
    assert before[0] == 30
