"""A ward's own page of the dashboards: its scores criterion by criterion each year, its results over the years."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import CriterionSelfScore
from plans.planning import create_plan
from tests.plans.dashboard_data import SECRET, bulk_wards, bulk_year, share, varied

MAXIMA = {number: Decimal(7) if number <= 10 else Decimal(6) for number in range(1, 16)}


def own(index: int, year: int, number: int) -> Decimal:
    return min(varied(index, year, number) + Decimal(1), MAXIMA[number])


@pytest.fixture
def scored(ward, other_ward):
    """Phường 1 and Phường 2 scored in 2017 (imported: no self-scores) and 2018 (both scores)."""
    bulk_year(2017, [ward, other_ward], varied)
    bulk_year(2018, [ward, other_ward], varied, own)
    return ward


def page(client, code="P01"):
    return client.get(reverse("dashboard:ward", args=[code]))


def test_the_ward_sees_each_criterion_each_year_with_self_score_share_and_difference(
    scored, login, ward_officer
):
    response = page(login(ward_officer))
    years = response.context["page"].years
    assert [y.year for y in years] == [2018, 2017]
    assert [(line.number, line.self_points, line.inspected, line.share, line.delta) for line in years[0].lines] == [
        (n, own(0, 2018, n), varied(0, 2018, n), share(varied(0, 2018, n), MAXIMA[n]), own(0, 2018, n) - varied(0, 2018, n))
        for n in range(1, 16)
    ]  # fmt: skip
    assert [(line.self_points, line.inspected, line.delta) for line in years[1].lines] == [
        (None, varied(0, 2017, n), None) for n in range(1, 16)
    ]
    weak = [line for year in years for line in year.lines if line.share < 50]
    assert weak and all(line.share_text.startswith("▼ ") for line in weak)


def test_the_ward_sees_its_totals_and_classifications_across_the_years(scored, login, ward_officer):
    row = page(login(ward_officer)).context["row"]
    totals = [sum(varied(0, year, n) for n in range(1, 16)) for year in (2017, 2018)]
    assert [result.total for result in row.results] == totals
    assert row.results[1].movement == ("up" if totals[1] > totals[0] else "down")


def test_a_self_score_saved_after_the_page_was_seen_shows_at_once(scored, login, ward_officer):
    client = login(ward_officer)
    assert page(client).context["page"].years[0].lines[0].self_points == own(0, 2018, 1)
    score = CriterionSelfScore.objects.get(
        assessment__ward=scored, assessment__cycle__year=2018, criterion__number=1
    )
    score.points = Decimal(0)
    score.save()
    line = page(client).context["page"].years[0].lines[0]
    assert (line.self_points, line.delta) == (Decimal(0), -varied(0, 2018, 1))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_exports_hold_the_criteria_and_the_years(scored, login, ward_officer, fmt):
    client = login(ward_officer)
    criteria = client.get(reverse("dashboard:ward_export", args=["P01", fmt]))
    years = client.get(reverse("dashboard:ward_export", args=["P01", fmt]), {"table": "years"})
    assert criteria.status_code == years.status_code == 200
    if fmt == "csv":
        lines = list(csv.reader(io.StringIO(criteria.content.decode("utf-8-sig"))))
        assert len(lines) == 1 + 30
        assert lines[1][:2] == ["2018", "1"]
        assert [Decimal(value) for value in lines[1][3:]] == [
            Decimal(7), own(0, 2018, 1), varied(0, 2018, 1),
            share(varied(0, 2018, 1), Decimal(7)), own(0, 2018, 1) - varied(0, 2018, 1),
        ]  # fmt: skip
        year_lines = list(csv.reader(io.StringIO(years.content.decode("utf-8-sig"))))
        assert [line[1] for line in year_lines[1:]] == ["Phường 1"]
        text = criteria.content.decode("utf-8-sig") + years.content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(criteria.content)).active
        assert sheet.max_row == 31
        assert sheet.cell(row=2, column=6).value == float(varied(0, 2018, 1))
        text = str(list(sheet.values)) + str(list(load_workbook(io.BytesIO(years.content)).active.values))
    assert SECRET not in text


def test_a_ward_name_that_looks_like_a_formula_stays_text(db, login, steering_member):
    ward = bulk_wards(1, names={0: '=HYPERLINK("http://x","y")'})[0]
    bulk_year(2018, [ward], varied)
    client = login(steering_member)
    url = reverse("dashboard:ward_export", args=[ward.code, "xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(url, {"table": "years"}).content)).active
    assert sheet.cell(row=2, column=2).value == '=HYPERLINK("http://x","y")'
    assert sheet.cell(row=2, column=2).data_type == "s"
    csv_text = client.get(
        reverse("dashboard:ward_export", args=[ward.code, "csv"]), {"table": "years"}
    ).content
    assert "'=HYPERLINK" in csv_text.decode("utf-8-sig")


def test_inspectors_comments_never_appear(scored, login, ward_officer):
    assert SECRET not in page(login(ward_officer)).content.decode()


@pytest.mark.parametrize(
    "persona, status",
    [
        ("ward_officer", 200),
        ("ward_chairman", 200),
        ("steering_member", 200),
        ("education_staff", 200),
        ("district_chairman", 200),
        ("other_ward_officer", 403),
        ("center_director", 403),
        (None, 302),
    ],
)
def test_who_may_see_phuong_1s_page_and_its_exports(scored, login, request, persona, status):
    client = login(request.getfixturevalue(persona) if persona else None)
    urls = [reverse("dashboard:ward", args=["P01"])]
    urls += [reverse("dashboard:ward_export", args=["P01", fmt]) for fmt in ("csv", "xlsx")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == status
        if status == 302:
            assert response.url.startswith(reverse("login"))


def test_a_ward_officer_sees_no_link_to_the_district_pages(scored, login, ward_officer, steering_member):
    assert reverse("dashboard:trends") not in page(login(ward_officer)).content.decode()
    assert reverse("dashboard:trends") in page(login(steering_member)).content.decode()


# Queries of a first (uncached) request: session, user, role grants; the ward; the ward's assessments,
# their frameworks' criteria, its inspection scores, its self-scores; the trends (grades, results,
# wards, counts, next year's plan, weak criteria, those already in the plan).
WARD_QUERIES = 15


@pytest.mark.parametrize("wards_count, years", [(15, 1), (150, 1), (15, 5), (150, 5)])
def test_the_ward_page_costs_the_same_queries_at_any_size(
    db, login, steering_member, education_staff, django_assert_max_num_queries, wards_count, years
):
    wards = bulk_wards(wards_count)
    for year in range(2019 - years, 2019):
        bulk_year(year, wards, varied, own)
    create_plan(wards[0].district, 2019, education_staff, title="Kế hoạch 2019")
    client = login(steering_member)
    with django_assert_max_num_queries(WARD_QUERIES):
        assert page(client, wards[0].code).status_code == 200
    for query in ({}, {"table": "years"}):
        with django_assert_max_num_queries(WARD_QUERIES):
            url = reverse("dashboard:ward_export", args=[wards[0].code, "xlsx"])
            assert client.get(url, query).status_code == 200
