"""The wards × criteria heat map: cells, averages, sorting, the self-score toggle, exports, who may see it."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import AssessmentState, ClassificationBand, Criterion, Framework, InspectionScore
from tests.assessments.conftest import walk_to  # noqa: F401 (a fixture)
from tests.factories import AssessmentFactory, CycleFactory
from tests.helpers import vi_text
from tests.plans.dashboard_data import SECRET, bulk_wards, bulk_year, scorer, share, varied, vn

# The seeded Circular 44's placeholder maxima: 7 for criteria 1–10, 6 for 11–15.
MAXIMA = {number: Decimal(7) if number <= 10 else Decimal(6) for number in range(1, 16)}
DISTRICT = ["steering_member", "education_staff", "promotion_staff", "inspector", "district_chairman"]


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


def page(client, year=2018, **query):
    return client.get(reverse("dashboard:heatmap", args=[year]), query)


@pytest.fixture
def five_wards(db):
    """Five wards with 2018 inspection scores from ``varied`` and self-scores one point higher; a sixth
    ward has no score at all."""
    wards = bulk_wards(6)
    by = scorer()
    bulk_year(2018, wards[:5], varied, lambda i, y, n: min(varied(i, y, n) + 1, MAXIMA[n]), by=by)
    return wards


def expected_cells(points_of, wards_count=5, year=2018):
    return [
        [(points_of(i, year, n), share(points_of(i, year, n), MAXIMA[n])) for n in range(1, 16)]
        for i in range(wards_count)
    ]


def test_each_cell_is_the_inspection_score_and_its_share_of_the_maximum(five_wards, login, steering_member):
    response = page(login(steering_member))
    rows = response.context["rows"]
    assert [[(c.points, c.share) for c in row.cells] for row in rows[:5]] == expected_cells(varied)
    assert [row.total for row in rows[:5]] == [
        sum(varied(i, 2018, n) for n in range(1, 16)) for i in range(5)
    ]
    # The text of each cell: the points, then the share, "▼" first under half the maximum.
    html = response.content.decode()
    for i in range(5):
        for n in range(1, 16):
            points = varied(i, 2018, n)
            text = f"{vn(points)} · {vn(share(points, MAXIMA[n]))}%"
            assert (f"▼ {text}" if share(points, MAXIMA[n]) < 50 else text) in html


def test_a_cell_under_half_the_maximum_says_so_in_text_not_only_colour(five_wards, login, steering_member):
    rows = page(login(steering_member)).context["rows"]
    weak = [cell for row in rows[:5] for cell in row.cells if cell.share < 50]
    strong = [cell for row in rows[:5] for cell in row.cells if cell.share >= 50]
    assert weak and strong
    assert all(cell.text.startswith("▼ ") and cell.shade == "bg-danger-subtle" for cell in weak)
    assert not any("▼" in cell.text for cell in strong)


def test_a_ward_without_scores_shows_dashes(five_wards, login, steering_member):
    rows = page(login(steering_member)).context["rows"]
    unscored = next(row for row in rows if row.ward_code == five_wards[5].code)
    assert [cell.text for cell in unscored.cells] == ["–"] * 15
    assert unscored.total_text == "–"


def test_the_footer_averages_each_criterion_and_marks_the_three_weakest(five_wards, login, steering_member):
    response = page(login(steering_member))
    columns = response.context["figure"].columns
    averages = {n: share(sum(varied(i, 2018, n) for i in range(5)) / 5, MAXIMA[n]) for n in range(1, 16)}
    assert {column.number: column.average for column in columns} == averages
    weakest = sorted(averages, key=lambda n: (averages[n], n))[:3]
    assert {column.number for column in columns if column.weakest} == set(weakest)
    footer = response.content.decode().split('id="district-average"')[1].split("</tr>")[0]
    assert footer.count("▼") == 3
    assert f"{vn(averages[weakest[0]])}%" in footer


@pytest.mark.parametrize(
    "sort, key, reverse",
    [
        ("-total", lambda i: sum(varied(i, 2018, n) for n in range(1, 16)), True),
        ("total", lambda i: sum(varied(i, 2018, n) for n in range(1, 16)), False),
        ("c3", lambda i: varied(i, 2018, 3), False),
        ("-c3", lambda i: varied(i, 2018, 3), True),
    ],
)
def test_rows_sort_by_total_or_a_criterion_wards_without_scores_last(
    five_wards, login, steering_member, sort, key, reverse
):
    rows = page(login(steering_member), sort=sort).context["rows"]
    expected = sorted(range(5), key=lambda i: (key(i), 0), reverse=reverse)
    by_value = [key(i) for i in expected]
    assert [key(int(row.ward_code[1:]) - 1) for row in rows[:5]] == by_value
    assert rows[-1].ward_code == five_wards[5].code


def test_the_default_order_is_the_wards_vietnamese_order(five_wards, login, steering_member):
    rows = page(login(steering_member), sort="nonsense").context["rows"]
    assert [row.ward_name for row in rows] == [
        "Phường 1",
        "Phường 2",
        "Phường 3",
        "Phường 4",
        "Phường 5",
        "Phường 6",
    ]


def test_the_self_score_toggle_shows_the_wards_own_scores(five_wards, login, steering_member):
    rows = page(login(steering_member), source="self").context["rows"]
    own = lambda i, y, n: min(varied(i, y, n) + 1, MAXIMA[n])  # noqa: E731
    assert [[(c.points, c.share) for c in row.cells] for row in rows[:5]] == expected_cells(own)


def test_self_scores_of_a_dossier_still_at_the_ward_are_not_shown(db, login, steering_member):
    wards = bulk_wards(1)
    cycle = CycleFactory(year=2018)
    assessment = AssessmentFactory(cycle=cycle, ward=wards[0])  # the plan is still being drafted
    criterion = cycle.framework.criteria.get(number=1)
    assessment.self_scores.create(criterion=criterion, points=Decimal(7))
    rows = page(login(steering_member), source="self").context["rows"]
    assert rows[0].cells[0].text == "–"


def test_the_columns_are_the_years_framework(db, login, steering_member):
    framework = Framework.objects.create(
        code="diem-2024", name="Bộ tiêu chí tính điểm 2024", legal_reference="thử nghiệm", first_year=2024,
        scoring_mode="points", total_points=Decimal(30),
    )  # fmt: skip
    for number in (1, 2, 3):
        Criterion.objects.create(
            framework=framework, number=number, title_vi=f"Chỉ tiêu mới {number}", title_en=f"New {number}",
            max_points=Decimal(10),
        )  # fmt: skip
    ClassificationBand.objects.create(
        framework=framework, code="dat", label_vi="Đạt", label_en="Met", min_points=15
    )
    wards = bulk_wards(2)
    bulk_year(2018, wards, varied)
    bulk_year(2024, wards, lambda i, y, n: Decimal(n + i), framework=framework)
    response = page(login(steering_member), year=2024)
    assert [column.title for column in response.context["figure"].columns] == [
        "Chỉ tiêu mới 1", "Chỉ tiêu mới 2", "Chỉ tiêu mới 3",
    ]  # fmt: skip
    assert [c.share for c in response.context["rows"][1].cells] == [Decimal(20), Decimal(30), Decimal(40)]
    assert len(page(login(steering_member), year=2018).context["figure"].columns) == 15


def test_a_score_saved_after_the_page_was_seen_shows_at_once(five_wards, login, steering_member):
    client = login(steering_member)
    assert page(client).context["rows"][0].cells[0].points == varied(0, 2018, 1)
    score = InspectionScore.objects.get(assessment__ward=five_wards[0], criterion__number=1)
    score.points = Decimal("6.5")
    score.save()
    assert page(client).context["rows"][0].cells[0].points == Decimal("6.5")


def test_closing_an_inspection_brings_the_wards_scores_onto_the_map(
    walk_to,  # noqa: F811 (the fixture imported above)
    ward,
    promotion_association,
    login,
    steering_member,
):
    """The ward is inspected through the workflow; until the lead closes the inspection, its row is empty."""
    assessment = walk_to(
        AssessmentFactory(cycle=CycleFactory(year=2018, lead_body=promotion_association), ward=ward),
        AssessmentState.INSPECTION_PLANNED,
    )
    client = login(steering_member)
    assert page(client).context["rows"][0].total is None
    walk_to(assessment, AssessmentState.INSPECTED)
    row = page(client).context["rows"][0]
    assert [cell.points for cell in row.cells] == [Decimal(6)] * 15
    assert row.total == Decimal(90)
    # The self-scores the ward sent (6 on each criterion) are on the toggle.
    assert [cell.points for cell in page(client, source="self").context["rows"][0].cells] == [Decimal(6)] * 15


def test_the_latest_year_address_redirects_to_the_newest_cycle(db, login, steering_member):
    wards = bulk_wards(1)
    bulk_year(2017, wards, varied)
    bulk_year(2018, wards, varied)
    response = login(steering_member).get(reverse("dashboard:heatmap_latest"))
    assert response.status_code == 302
    assert response.url == reverse("dashboard:heatmap", args=[2018])
    assert page(login(steering_member), year=2016).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_is_the_table_as_sorted_on_screen_with_names_kept_as_text(db, login, steering_member, fmt):
    wards = bulk_wards(3, names={0: '=HYPERLINK("http://x","y")', 1: "Phường Bến Nghé", 2: "Phường Cầu Kho"})
    bulk_year(2018, wards, varied)
    response = login(steering_member).get(
        reverse("dashboard:heatmap_export", args=[2018, fmt]), {"sort": "-total"}
    )
    assert response.status_code == 200
    totals = {i: sum(varied(i, 2018, n) for n in range(1, 16)) for i in range(3)}
    order = sorted(range(3), key=lambda i: totals[i], reverse=True)
    if fmt == "csv":
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        names = [line[1] for line in lines[1:4]]
        assert '\'=HYPERLINK("http://x","y")' in names
        assert lines[1][2:4] == [
            str(varied(order[0], 2018, 1)),
            str(share(varied(order[0], 2018, 1), Decimal(7))),
        ]
        assert lines[-1][1] == vi_text("District average")
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        name_cells = [sheet.cell(row=r, column=2) for r in range(2, 5)]
        formula = next(cell for cell in name_cells if cell.value.startswith("=HYPERLINK"))
        assert formula.data_type == "s"
        assert [sheet.cell(row=r, column=33).value for r in range(2, 5)] == [float(totals[i]) for i in order]
        names = [cell.value for cell in name_cells]
    expected_names = [wards[i].name for i in order]
    assert [name.lstrip("'") for name in names] == expected_names
    assert SECRET not in (response.content.decode("utf-8-sig") if fmt == "csv" else str(list(sheet.values)))


def test_inspectors_comments_never_appear(five_wards, login, steering_member):
    client = login(steering_member)
    for query in ({}, {"source": "self"}):
        assert SECRET not in page(client, **query).content.decode()
        assert (
            SECRET.encode()
            not in client.get(reverse("dashboard:heatmap_export", args=[2018, "csv"]), query).content
        )


@pytest.mark.parametrize("persona", [*DISTRICT, "system_admin"])
def test_the_district_side_sees_the_heat_map_and_its_exports(five_wards, login, request, persona):
    client = login(request.getfixturevalue(persona))
    assert page(client).status_code == 200
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse("dashboard:heatmap_export", args=[2018, fmt])).status_code == 200
    assert client.get(reverse("dashboard:heatmap_latest")).status_code == 302


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman", "center_director"])
def test_ward_people_are_refused_the_district_heat_map(five_wards, login, request, persona):
    client = login(request.getfixturevalue(persona))
    assert page(client).status_code == 403
    assert client.get(reverse("dashboard:heatmap_export", args=[2018, "csv"])).status_code == 403
    assert client.get(reverse("dashboard:heatmap_latest")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(five_wards, login):
    for url in (
        reverse("dashboard:heatmap", args=[2018]),
        reverse("dashboard:heatmap_export", args=[2018, "xlsx"]),
        reverse("dashboard:heatmap_latest"),
    ):
        response = login(None).get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


# Queries of a first (uncached) request: session, user, role grants; the year's cycle (exists, then with
# its framework), its criteria, the scores, the totals, the criteria's sums, the wards; the years for the
# year menu. The bound is the same for 15 and 150 wards, 1 and 5 years.
HEATMAP_QUERIES = 11


@pytest.mark.parametrize("wards_count, years", [(15, 1), (150, 1), (15, 5), (150, 5)])
@pytest.mark.parametrize("source", ["", "self"])
def test_the_heat_map_costs_the_same_queries_at_any_size(
    db, login, steering_member, django_assert_max_num_queries, wards_count, years, source
):
    wards = bulk_wards(wards_count)
    for year in range(2019 - years, 2019):
        bulk_year(year, wards, varied, varied)
    client = login(steering_member)
    with django_assert_max_num_queries(HEATMAP_QUERIES):
        assert page(client, source=source, sort="-total").status_code == 200
    with django_assert_max_num_queries(HEATMAP_QUERIES):
        response = client.get(reverse("dashboard:heatmap_export", args=[2018, "xlsx"]), {"source": source})
        assert response.status_code == 200
