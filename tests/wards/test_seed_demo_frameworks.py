"""``manage.py seed_demo``: 2024 published under Circular 25/2023 with levels, the 2025 merger and its history.

One seed for the whole module's checks (it walks four years through the workflow), read anonymously
through the public pages, as a visitor of the demo would.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from assessments.models import Assessment, AssessmentState
from tests.helpers import vi_text
from wards.models import User, Ward, WardMerger

pytestmark = pytest.mark.django_db

C44, C25 = "Thông tư số 44/2014/TT-BGDĐT", "Thông tư số 25/2023/TT-BGDĐT"
LEVEL_1, LEVEL_2 = "Mức độ 1 (Khá)", "Mức độ 2 (Tốt)"


def expected_2024() -> dict[str, str]:
    """The demo's 2024 plan, written out: wards 4 and 11 miss a level-1 indicator, six reach level 1."""
    level_1 = {2, 5, 7, 9, 12, 14}
    return {
        f"P{n:02d}": vi_text("Not recognised") if n in (4, 11) else LEVEL_1 if n in level_1 else LEVEL_2
        for n in range(1, 16)
    }


def test_seed_demo_publishes_circular_25_years_and_every_history_shows_both_frameworks(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path
    call_command("seed_demo", stdout=StringIO())
    visitor = Client()

    # 2024: every ward published, the year named by Circular 25 and each ward's level shown.
    page = visitor.get("/results/2024/")
    assert page.status_code == 200
    html = page.content.decode()
    assert C25 in page.context["framework"] and C25 in html
    assert {r.ward_code: r.classification for r in page.context["results"]} == expected_2024()
    # Each ward's level, and each level once more in the year's counts above the table.
    assert page.context["counts"] == [(LEVEL_2, 7), (LEVEL_1, 6), (vi_text("Not recognised"), 2)]
    assert html.count(LEVEL_2) == 7 + 1 and html.count(LEVEL_1) == 6 + 1
    assert html.count(vi_text("Not recognised")) == 2 + 1
    assert set(Assessment.objects.filter(cycle__year=2024).values_list("state", flat=True)) == {
        AssessmentState.PUBLISHED
    }

    # Every open ward's history: Circular 44's 2017 (points and a grade) beside Circular 25's 2024 level.
    for ward in Ward.objects.filter(code__regex=r"^P\d+$", closed_on=None):
        history = visitor.get(f"/results/ward/{ward.code}/")
        rows = {row.year: row for row in history.context["rows"]}
        assert (history.status_code, C44 in rows[2017].framework, rows[2017].by_level) == (200, True, False)
        assert (C25 in rows[2024].framework, rows[2024].classification) == (True, expected_2024()[ward.code])
        assert C44 in history.content.decode() and C25 in history.content.decode()

    # The merger of 01/07/2025: the new ward shows both predecessors' Circular 44 years and its own level.
    merger = WardMerger.objects.get()
    new_ward = merger.new_ward
    assert (new_ward.name, merger.effective_on.isoformat()) == ("Phường Hòa Bình", "2025-07-01")
    assert sorted(merger.predecessors.values_list("code", "closed_on")) == [
        ("P14", merger.effective_on),
        ("P15", merger.effective_on),
    ]
    history = visitor.get(f"/results/ward/{new_ward.code}/")
    assert history.status_code == 200
    assert [(r.year, r.classification, C25 in r.framework) for r in history.context["rows"]] == [
        (2025, LEVEL_1, True)
    ]
    predecessors = {p.name: p.rows for p in history.context["predecessors"]}
    assert sorted(predecessors) == ["Phường 14", "Phường 15"]
    for name, rows in predecessors.items():
        by_year = {row.year: row for row in rows}
        assert sorted(by_year) == [2017, 2018, 2024]  # both published in 2018 too
        assert all(C44 in by_year[year].framework and by_year[year].total > 0 for year in (2017, 2018))
        assert by_year[2024].classification == expected_2024()[f"P{int(name.split()[-1]):02d}"]
    html = history.content.decode()
    assert html.count("Phường 14") >= 1 and html.count("Phường 15") >= 1 and C44 in html and LEVEL_1 in html

    # The merged wards' users moved to the new ward; the 2025 cycle assesses the 14 open wards.
    assert set(User.objects.filter(ward=new_ward).values_list("username", flat=True)) == {
        "canbo.p14", "canbo.p15", "chutich.p14", "chutich.p15", "ttht.p14", "ttht.p15",
    }  # fmt: skip
    states_2025 = dict(Assessment.objects.filter(cycle__year=2025).values_list("ward__code", "state"))
    assert len(states_2025) == 14 and states_2025[new_ward.code] == AssessmentState.PUBLISHED
    # Circular 25's first step: P01 not begun, P02 answering its indicators, P03 waiting for its meeting.
    assert (states_2025["P01"], states_2025["P02"], states_2025["P03"]) == (
        AssessmentState.PLAN_DRAFT,
        AssessmentState.PLAN_DRAFT,
        AssessmentState.PLAN_SUBMITTED,
    )
    assert not Assessment.objects.get(cycle__year=2025, ward__code="P01").self_findings.exists()
    assert Assessment.objects.get(cycle__year=2025, ward__code="P02").self_findings.count() == 15
    assert {states_2025[f"P{n:02d}"] for n in range(4, 14)} == {AssessmentState.DOSSIER_PREPARATION}
