"""The dashboards across the two frameworks: points and grades under Circular 44, levels under Circular 25.

A level-based year is written in bulk like the imported history of
``dashboard_data.bulk_year``: published assessments with a result at a level
(total 0) and the framework's band for that level.
"""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from assessments.models import Assessment, AssessmentState, ClassificationBand, Framework, InspectionResult
from assessments.public import framework_title
from engines.figures_cache import data_changed
from plans.dashboard.trends import UP
from tests.factories import CycleFactory
from tests.helpers import vi_text
from tests.plans.dashboard_data import bulk_wards, bulk_year, varied

LABELS = {0: "", 1: "Mức độ 1 (Khá)", 2: "Mức độ 2 (Tốt)"}


def level_of(index: int, year: int) -> int:
    """0 (not recognised), 1 or 2, varying by ward and year."""
    return (index + year) % 3


def bulk_level_year(year: int, wards) -> None:
    """A Circular 25 cycle of ``year`` with every ward's result published at ``level_of`` (total 0)."""
    framework = Framework.objects.get(code="tt25-2023")
    cycle = CycleFactory(year=year, framework=framework)
    bands = {int(band.min_points): band for band in ClassificationBand.objects.filter(framework=framework)}
    assessments = Assessment.objects.bulk_create(
        Assessment(cycle=cycle, ward=ward, state=AssessmentState.PUBLISHED) for ward in wards
    )
    InspectionResult.objects.bulk_create(
        InspectionResult(
            assessment=assessment,
            total=0,
            level=level_of(index, year),
            classification=bands.get(level_of(index, year)),
            closed_at=timezone.now(),
        )
        for index, assessment in enumerate(assessments)
    )
    data_changed()


def title_vi(code: str) -> str:
    with translation.override("vi"):
        return framework_title(Framework.objects.get(code=code))


@pytest.fixture
def wards(db):
    """Three wards scored in 2022 under Circular 44 and assessed by levels in 2024."""
    wards = bulk_wards(3)
    bulk_year(2022, wards, varied)
    bulk_level_year(2024, wards)
    return wards


def test_year_over_year_names_each_years_framework_and_shows_levels_without_totals(
    wards, login, steering_member
):
    response = login(steering_member).get(reverse("dashboard:trends"))
    figure = response.context["figure"]
    assert figure.columns == [(2022, title_vi("tt44-2014")), (2024, title_vi("tt25-2023"))]
    for index, row in enumerate(figure.rows):
        before, after = row.results
        assert (before.by_level, before.total) == (False, sum(varied(index, 2022, n) for n in range(1, 16)))
        assert (after.by_level, after.classification, after.movement) == (
            True,
            LABELS[level_of(index, 2024)] or vi_text("Not classified"),
            "",
        )
    html = response.content.decode()
    assert html.count(title_vi("tt25-2023")) == 1
    assert "0 · Mức độ" not in html


def test_moves_compare_only_within_one_framework(wards, login, steering_member):
    bulk_level_year(2025, wards)
    rows = login(steering_member).get(reverse("dashboard:trends")).context["figure"].rows
    for index, row in enumerate(rows):
        earlier, later = level_of(index, 2024), level_of(index, 2025)
        assert row.results[1].movement == ""  # 2024 after a Circular 44 year
        expected = "up" if later > earlier else "down" if later < earlier else "same"
        assert row.results[2].movement == expected
    assert any(row.results[2].movement == UP for row in rows)


def test_trends_export_has_no_total_for_a_level_year(wards, login, steering_member):
    content = login(steering_member).get(reverse("dashboard:trends_export", args=["csv"])).content
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    first = next(line for line in lines if line[0] == wards[0].code)
    assert first[5:7] == ["", LABELS[level_of(0, 2024)] or vi_text("Not classified")]


def test_ward_page_shows_the_level_of_a_level_year_and_the_points_of_a_points_year(
    wards, login, steering_member
):
    response = login(steering_member).get(reverse("dashboard:ward", args=[wards[1].code]))
    years = response.context["page"].years
    assert [(y.year, y.by_level, y.framework, y.level, len(y.lines)) for y in years] == [
        (2024, True, title_vi("tt25-2023"), LABELS[level_of(1, 2024)], 0),
        (2022, False, title_vi("tt44-2014"), "", 15),
    ]
    html = response.content.decode()
    assert 'id="level-2024"' in html and 'id="criteria-2024"' not in html and 'id="criteria-2022"' in html


def test_heat_map_of_a_level_year_shows_each_wards_level_and_no_points(wards, login, steering_member):
    response = login(steering_member).get(reverse("dashboard:heatmap", args=[2024]))
    figure = response.context["figure"]
    assert (figure.by_level, figure.columns, figure.framework) == (True, (), title_vi("tt25-2023"))
    assert [(row.ward_name, row.level) for row in response.context["rows"]] == [
        (ward.name, LABELS[level_of(index, 2024)]) for index, ward in enumerate(wards)
    ]
    html = response.content.decode()
    assert 'id="heatmap-levels"' in html and 'id="district-average"' not in html
    export = login(steering_member).get(reverse("dashboard:heatmap_export", args=[2024, "csv"])).content
    lines = list(csv.reader(io.StringIO(export.decode("utf-8-sig"))))
    assert len(lines[0]) == 3 and lines[1] == [wards[0].code, wards[0].name, LABELS[level_of(0, 2024)]]
    # The Circular 44 year keeps its points.
    assert (
        len(login(steering_member).get(reverse("dashboard:heatmap", args=[2022])).context["figure"].columns)
        == 15
    )


def test_a_level_changed_after_the_page_was_seen_shows_at_once(wards, login, steering_member):
    client = login(steering_member)
    assert level_of(0, 2024) == 2
    assert client.get(reverse("dashboard:heatmap", args=[2024])).context["rows"][0].level == LABELS[2]
    assert (
        client.get(reverse("dashboard:trends")).context["figure"].rows[0].results[1].classification
        == LABELS[2]
    )
    result = InspectionResult.objects.get(assessment__ward=wards[0], assessment__cycle__year=2024)
    result.level = 1
    result.classification = ClassificationBand.objects.get(framework__code="tt25-2023", code="muc-1")
    result.save()
    assert client.get(reverse("dashboard:heatmap", args=[2024])).context["rows"][0].level == LABELS[1]
    trend = client.get(reverse("dashboard:trends")).context["figure"].rows[0].results[1]
    assert trend.classification == LABELS[1]


def test_ward_people_and_visitors_are_refused_the_level_pages(wards, login, ward_officer):
    officer = login(ward_officer)
    assert officer.get(reverse("dashboard:heatmap", args=[2024])).status_code == 403
    assert officer.get(reverse("dashboard:trends")).status_code == 403
    assert officer.get(reverse("dashboard:ward", args=[wards[0].code])).status_code == 403  # another ward
    response = login(None).get(reverse("dashboard:heatmap", args=[2024]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# Queries of a first (uncached) request, as in the points-only tests: session, user, role grants, then
# the figure — for the level-based heat map the cycle (exists, then with its framework), the results'
# levels, the wards and the year menu; the trends and the ward page as before (the framework is read in
# the same query as the results). One bound for each page, for 15 and 150 wards, 1 and 5 years.
HEATMAP_QUERIES = 8
TRENDS_QUERIES = 10
WARD_QUERIES = 15


@pytest.mark.parametrize("wards_count, years", [(15, 1), (150, 1), (15, 5), (150, 5)])
def test_level_pages_cost_the_same_queries_at_any_size(
    db, login, steering_member, django_assert_max_num_queries, wards_count, years
):
    wards = bulk_wards(wards_count)
    bulk_year(2022, wards, varied)
    for year in range(2024, 2024 + years):
        bulk_level_year(year, wards)
    client = login(steering_member)
    for url, bound in (
        (reverse("dashboard:heatmap", args=[2024]), HEATMAP_QUERIES),
        (reverse("dashboard:trends"), TRENDS_QUERIES),
        (reverse("dashboard:ward", args=[wards[0].code]), WARD_QUERIES),
    ):
        data_changed()
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200
