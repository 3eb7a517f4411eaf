"""Public results across the two frameworks: points and grades under Circular 44, levels under Circular 25.

Published results are built directly (the state set by a queryset update, the
result, scores and decision written as rows): these tests are about what the
read side shows, the workflow that produces them is tested elsewhere.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from assessments.models import (
    Assessment,
    AssessmentState,
    ClassificationBand,
    DecisionState,
    Framework,
    InspectionResult,
    InspectionScore,
    RecognitionDecision,
)
from assessments.public import framework_title
from assessments.recognition import higher_level_possible_from, recognition_in_force, recognitions_in_force
from tests.factories import AssessmentFactory, CycleFactory, UserFactory, WardFactory
from tests.helpers import vi, vi_text
from wards.models import Role, WardMerger


@pytest.fixture
def circular_25(db):
    """The seeded framework of Circular 25/2023 (levels; recognition valid 3 years, 12 months' wait)."""
    return Framework.objects.get(code="tt25-2023", version=1)


@pytest.fixture
def scorer(db):
    return UserFactory(username="doan.kiem.tra", roles=[Role.INSPECTOR])


def publish(ward, year, scorer, *, level=None, points=Decimal(6), decided_on=None):
    """A published result of ``ward`` in ``year``: a level under Circular 25 (from 2024), else points."""
    cycle = CycleFactory(year=year)
    if year >= 2024:
        cycle.framework = Framework.objects.get(code="tt25-2023")
        cycle.save()
    assessment = AssessmentFactory(cycle=cycle, ward=ward)
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.PUBLISHED)
    framework = cycle.framework
    if level is not None:
        band = ClassificationBand.objects.filter(framework=framework, code=f"muc-{level}").first()
        total = Decimal(0)
    else:
        criteria = list(framework.criteria.all())
        InspectionScore.objects.bulk_create(
            InspectionScore(assessment=assessment, criterion=c, points=points, scored_by=scorer)
            for c in criteria
        )
        total = points * len(criteria)
        band = framework.bands.filter(min_points__lte=total).order_by("-min_points").first()
    InspectionResult.objects.create(
        assessment=assessment, total=total, classification=band, level=level, closed_at=timezone.now()
    )
    decision = RecognitionDecision.objects.create(
        cycle=cycle,
        number=f"{ward.pk}-{year}/QĐ-UBND",
        issued_on=decided_on or datetime.date(year, 12, 10),
    )
    RecognitionDecision.objects.filter(pk=decision.pk).update(state=DecisionState.RELEASED)
    decision.assessments.add(assessment)
    return assessment


def title_vi(framework) -> str:
    with translation.override("vi"):
        return framework_title(framework)


@pytest.fixture
def two_frameworks(ward, scorer, circular_25):
    """Phường 1: 2022 under Circular 44 (15 criteria × 6 points = 90, "Tốt"), 2024 at level 2."""
    publish(ward, 2022, scorer)
    publish(ward, 2024, scorer, level=2, decided_on=datetime.date(2024, 12, 10))
    return ward


def test_framework_title_names_the_circular_and_how_it_rates(circular_44, circular_25):
    assert title_vi(circular_44) == "Thông tư số 44/2014/TT-BGDĐT — điểm và xếp loại"
    assert title_vi(circular_25) == "Thông tư số 25/2023/TT-BGDĐT — mức độ"


def test_ward_history_shows_both_frameworks_side_by_side_without_points_for_the_level_year(
    login, two_frameworks, circular_44, circular_25
):
    response = login(None).get("/results/ward/P01/")
    rows = response.context["rows"]
    assert [(r.year, r.classification, r.by_level, r.framework) for r in rows] == [
        (2024, "Mức độ 2 (Tốt)", True, title_vi(circular_25)),
        (2022, "Tốt", False, title_vi(circular_44)),
    ]
    assert rows[0].lines == [] and rows[0].points == []
    assert [points for _number, _title, points in rows[1].lines] == [Decimal(6)] * 15
    html = response.content.decode()
    assert title_vi(circular_25) in html and title_vi(circular_44) in html
    assert "Mức độ 2 (Tốt)" in html


def test_year_page_of_a_level_year_shows_the_level_and_no_points(login, two_frameworks, circular_25):
    response = login(None).get("/results/2024/")
    context = response.context
    assert (context["by_level"], context["framework"]) == (True, title_vi(circular_25))
    assert [(r.ward_name, r.classification, r.points) for r in context["results"]] == [
        ("Phường 1", "Mức độ 2 (Tốt)", [])
    ]
    html = response.content.decode()
    assert '<th class="num" title=' not in html  # no criterion's column
    assert f'<th class="num">{vi("Total")}</th>' not in html
    # The Circular 44 year keeps its total and its criteria's points.
    points_year = login(None).get("/results/2022/").context
    assert points_year["by_level"] is False
    assert points_year["results"][0].total == 90 and len(points_year["results"][0].points) == 15


def test_summary_names_each_years_framework_and_shows_no_move_across_frameworks(
    login, two_frameworks, circular_44, circular_25
):
    response = login(None).get("/results/summary/")
    history, counts = response.context["history"], response.context["counts"]
    assert history.columns == [(2022, title_vi(circular_44)), (2024, title_vi(circular_25))]
    cells = history.wards[0].cells
    assert [(c.classification, c.by_level, c.move) for c in cells] == [
        ("Tốt", False, 0),
        ("Mức độ 2 (Tốt)", True, 0),
    ]
    assert counts.frameworks == {2022: title_vi(circular_44), 2024: title_vi(circular_25)}
    by_year = {year: dict(zip(counts.labels, row, strict=True)) for year, row, _n in counts.rows}
    assert by_year[2024]["Mức độ 2 (Tốt)"] == 1 and by_year[2024]["Tốt"] is None
    assert by_year[2022]["Tốt"] == 1 and by_year[2022]["Mức độ 2 (Tốt)"] is None
    html = response.content.decode()
    assert "move-up" not in html and "move-down" not in html
    assert html.count(title_vi(circular_25)) == 2  # the counts' row and the history's column


def test_level_year_exports_no_total(login, two_frameworks):
    lines = login(None).get("/results/summary/export.csv").content.decode("utf-8-sig").splitlines()
    assert lines[1].split(",")[2:] == ["90.0", "Tốt", "", "", "Mức độ 2 (Tốt)", ""]


# --- Validity of a recognition ---------------------------------------------------------------------------


def test_recognition_of_2024_is_in_force_through_2027_and_expired_in_2028(two_frameworks):
    in_2027 = recognition_in_force(two_frameworks, 2027)
    assert (in_2027.year, in_2027.level, in_2027.classification) == (2024, 2, "Mức độ 2 (Tốt)")
    assert (in_2027.decided_on, in_2027.valid_through, in_2027.in_force) == (
        datetime.date(2024, 12, 10),
        2027,
        True,
    )
    assert recognition_in_force(two_frameworks, 2028).in_force is False
    # Circular 44 recognitions do not expire and are not "recognitions in force"; before 2024 there is none.
    assert recognition_in_force(two_frameworks, 2023) is None


def test_the_latest_recognition_counts(ward, scorer, circular_25):
    publish(ward, 2024, scorer, level=1)
    publish(ward, 2026, scorer, level=2)
    status = recognition_in_force(ward, 2030)
    assert (status.year, status.level, status.valid_through, status.in_force) == (2026, 2, 2029, False)
    assert recognition_in_force(ward, 2025).level == 1


def test_a_ward_not_recognised_has_no_recognition(ward, scorer, circular_25):
    publish(ward, 2024, scorer, level=0)
    assert recognition_in_force(ward, 2024) is None


def test_recognitions_in_force_for_many_wards_in_one_query(
    ward, scorer, circular_25, django_assert_num_queries
):
    wards = [ward, *(WardFactory(district=ward.district) for _n in range(4))]
    for index, one in enumerate(wards):
        publish(one, 2024 + index % 2, scorer, level=1 + index % 2)
    with django_assert_num_queries(1):
        statuses = recognitions_in_force(2028)
    assert {pk: (s.year, s.in_force) for pk, s in statuses.items()} == {
        one.pk: (2024 + index % 2, index % 2 == 1) for index, one in enumerate(wards)
    }


def test_higher_level_possible_twelve_months_after_the_decision(ward, scorer, circular_25):
    publish(ward, 2024, scorer, level=1, decided_on=datetime.date(2024, 12, 31))
    assert higher_level_possible_from(ward, datetime.date(2025, 3, 1)) == datetime.date(2025, 12, 31)
    assert higher_level_possible_from(ward, datetime.date(2024, 12, 30)) is None  # not yet decided
    assert higher_level_possible_from(WardFactory(district=ward.district), datetime.date(2025, 3, 1)) is None


def recognition_line() -> str:
    """What the pages say this year of a level-2 recognition of 2024 (in force through 2027)."""
    if timezone.localdate().year <= 2027:
        key = "Recognised at level %(level)s in %(year)s, in force until the end of %(through)s."
    else:
        key = "Recognised at level %(level)s in %(year)s; no longer in force since the end of %(through)s."
    return vi(key, level=2, year=2024, through=2027)


def test_recognition_lines_in_vietnamese():
    assert vi_text(
        "Recognised at level %(level)s in %(year)s, in force until the end of %(through)s.",
        level=1,
        year=2024,
        through=2027,
    ) == ("Công nhận mức độ 1 năm 2024, hiệu lực đến hết năm 2027.")


def test_ward_history_says_whether_the_recognition_is_in_force(login, two_frameworks):
    response = login(None).get("/results/ward/P01/")
    assert response.context["recognition"] == recognition_in_force(two_frameworks, timezone.localdate().year)
    assert recognition_line() in response.content.decode()


def test_ward_page_section_shows_the_recognition(login, two_frameworks, ward_officer):
    html = login(ward_officer).get(two_frameworks.get_absolute_url()).content.decode()
    assert 'id="ward-recognition"' in html and recognition_line() in html


# --- Mergers ---------------------------------------------------------------------------------------------


@pytest.fixture
def merged(ward, other_ward, scorer, system_admin, circular_25):
    """Phường 1 and Phường 2 (2022 published) merged into Phường Bến Thành on 01/07/2025."""
    publish(ward, 2022, scorer)
    publish(other_ward, 2022, scorer, points=Decimal(5))
    new = WardFactory(code="BT", name="Phường Bến Thành", district=ward.district, cluster=ward.cluster)
    merger = WardMerger.objects.create(
        new_ward=new, effective_on=datetime.date(2025, 7, 1), recorded_by=system_admin
    )
    merger.predecessors.set([ward, other_ward])
    for old in (ward, other_ward):
        old.closed_on = datetime.date(2025, 7, 1)
        old.save()
    return new


def test_new_ward_history_shows_its_predecessors_under_their_own_names(login, merged, scorer):
    publish(merged, 2026, scorer, level=1)
    response = login(None).get("/results/ward/BT/")
    assert [r.year for r in response.context["rows"]] == [2026]
    predecessors = response.context["predecessors"]
    assert [(p.name, p.merged_on, [(r.year, r.total) for r in p.rows]) for p in predecessors] == [
        ("Phường 1", datetime.date(2025, 7, 1), [(2022, 90)]),
        ("Phường 2", datetime.date(2025, 7, 1), [(2022, 75)]),
    ]
    html = response.content.decode()
    for name in ("Phường 1", "Phường 2"):
        label = vi(
            "%(name)s (merged into %(new)s on %(date)s)", name=name, new="Phường Bến Thành", date="01/07/2025"
        )
        assert label in html


def test_new_ward_without_own_results_shows_its_predecessors(login, merged):
    response = login(None).get("/results/ward/BT/")
    assert (response.status_code, response.context["rows"]) == (200, [])
    assert len(response.context["predecessors"]) == 2


def test_a_ward_without_results_or_predecessors_is_404(login, merged):
    WardFactory(code="TT", name="Phường Tân Thuận", district=merged.district)
    assert login(None).get("/results/ward/TT/").status_code == 404


# --- Queries: the same bound for 15 and 150 wards ---------------------------------------------------------


# /results/<year>/, nothing cached: 1 published years, 2 clusters (the search form), 3 count (pager),
# 4 one page of assessments (+ward, cycle, framework, result, band), 5 scores, 6 decisions, 7 criteria,
# 8 wards per grade this year, 9 the year's grades.
YEAR_QUERIES = 9
# /results/ward/<code>/: 1 ward, 2 its results (+ cycle, framework, result, band), 3 scores, 4 decisions,
# 5 criteria, 6 predecessors' results, 7 their scores, 8 their decisions, 9 their criteria, 10 recognition.
WARD_QUERIES = 10
# /results/summary/: 1 counts per year and band, 2 the bands (+ framework), 3 the wards × years table.
SUMMARY_QUERIES = 3


@pytest.mark.parametrize("size", [15, 150])
def test_public_pages_query_count_is_constant(
    size, ward, scorer, system_admin, circular_25, login, django_assert_num_queries
):
    wards = [ward, *(WardFactory(district=ward.district) for _n in range(size - 1))]
    for one in wards:
        publish(one, 2022, scorer)
        publish(one, 2024, scorer, level=1)
    new = WardFactory(code="BT", name="Phường Bến Thành", district=ward.district)
    publish(new, 2026, scorer, level=2)
    merger = WardMerger.objects.create(
        new_ward=new, effective_on=datetime.date(2025, 7, 1), recorded_by=system_admin
    )
    merger.predecessors.set(wards)
    client = login(None)
    for url, bound in (
        ("/results/2024/", YEAR_QUERIES),
        ("/results/2022/", YEAR_QUERIES),
        ("/results/ward/BT/", WARD_QUERIES),
        ("/results/summary/", SUMMARY_QUERIES),
    ):
        cache.clear()
        with django_assert_num_queries(bound):
            response = client.get(url)
        assert response.status_code == 200
    assert len(response.context["history"].wards) == size + 1
    assert len(client.get("/results/ward/BT/").context["predecessors"]) == size
