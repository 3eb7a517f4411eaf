"""Self vs inspection: per-criterion differences, ward totals, the wards over-rating year after year."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import CriterionSelfScore
from plans.dashboard.self_vs_inspection import OVER_RATING_POINTS, OVER_RATING_YEARS
from tests.plans.dashboard_data import SECRET, bulk_wards, bulk_year, varied

HALF = Decimal("0.5")
YEARS = (2016, 2017, 2018)


def inspected(index: int, year: int, number: int) -> Decimal:
    return Decimal(number % 4) + HALF * (index % 2)


def extra(index: int, year: int, number: int) -> Decimal:
    """How far above (or below) the inspection each ward rates itself:

    ward 0 by 7.5 points every year; ward 1 by 0 in 2016, exactly 5 in 2017 (criteria 1–10), 7.5 in 2018;
    ward 2 by 7.5 in 2016 and 2017 but 4.5 in 2018 (criteria 1–9); ward 3 under-rates by 7.5 every year.
    """
    if index == 0:
        return HALF
    if index == 1:
        return {2016: Decimal(0), 2017: HALF if number <= 10 else Decimal(0), 2018: HALF}[year]
    if index == 2:
        return HALF if year < 2018 or number <= 9 else Decimal(0)
    return -HALF


def own(index: int, year: int, number: int) -> Decimal:
    return inspected(index, year, number) + extra(index, year, number)


@pytest.fixture
def history(db):
    """Wards 0–3 with both scores in 2016–2018; ward 4 has imported results only (no self-scores)."""
    wards = bulk_wards(5)
    for year in YEARS:
        bulk_year(year, wards[:4], inspected, own)
    bulk_year(2018, wards[4:], inspected)
    return wards


def page(client, year=2018, **query):
    return client.get(reverse("dashboard:self_vs_inspection", args=[year]), query)


def test_each_difference_is_the_self_score_minus_the_inspections(history, login, steering_member):
    rows = page(login(steering_member)).context["rows"]
    assert [list(row.deltas) for row in rows[:4]] == [
        [own(i, 2018, n) - inspected(i, 2018, n) for n in range(1, 16)] for i in range(4)
    ]
    assert [row.delta for row in rows[:4]] == [
        sum(own(i, 2018, n) for n in range(1, 16)) - sum(inspected(i, 2018, n) for n in range(1, 16))
        for i in range(4)
    ]
    assert [row.delta for row in rows[:4]] == [
        Decimal("7.5"),
        Decimal("7.5"),
        Decimal("4.5"),
        Decimal("-7.5"),
    ]
    html = page(login(steering_member)).content.decode()
    assert "+7,5" in html and "−7,5" in html and "+4,5" in html


def test_a_ward_with_nothing_to_compare_shows_dashes(history, login, steering_member):
    rows = page(login(steering_member)).context["rows"]
    assert rows[4].delta is None
    assert rows[4].delta_text == "–"
    assert [text for text, _shade in rows[4].cells] == ["–"] * 15


def test_the_footer_averages_each_criterions_difference(history, login, steering_member):
    columns = page(login(steering_member)).context["figure"].columns
    expected = [
        (sum(extra(i, 2018, n) for i in range(4)) / 4).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
        for n in range(1, 16)
    ]
    assert [column.average for column in columns] == expected


def test_wards_over_rating_in_each_of_the_last_years_stand_out(history, login, steering_member):
    assert OVER_RATING_POINTS == 5 and OVER_RATING_YEARS == 2
    response = page(login(steering_member))
    figure = response.context["figure"]
    assert figure.years_on_record == (2018, 2017, 2016)
    # Ward 0: three years running; ward 1: 2017 (exactly 5) and 2018; ward 2 stopped in 2018.
    assert [(w.ward_name, w.years) for w in figure.over_raters] == [
        ("Phường 1", ((2018, Decimal("7.5")), (2017, Decimal("7.5")), (2016, Decimal("7.5")))),
        ("Phường 2", ((2018, Decimal("7.5")), (2017, Decimal("5.0")))),
    ]
    assert [row.over_rates for row in response.context["rows"]] == [True, True, False, False, False]
    section = response.content.decode().split('id="over-raters"')[1].split("</section>")[0]
    assert "Phường 1" in section and "2018: +7,5; 2017: +7,5; 2016: +7,5" in section
    assert "Phường 2" in section and "2018: +7,5; 2017: +5" in section
    assert "Phường 3" not in section


def test_the_streak_ends_with_the_year_shown(history, login, steering_member):
    figure = page(login(steering_member), year=2017).context["figure"]
    assert figure.years_on_record == (2017, 2016)
    assert [w.ward_name for w in figure.over_raters] == ["Phường 1", "Phường 3"]


def test_rows_sort_by_difference(history, login, steering_member):
    rows = page(login(steering_member), sort="-delta").context["rows"]
    assert [row.ward_name for row in rows] == ["Phường 1", "Phường 2", "Phường 3", "Phường 4", "Phường 5"]
    rows = page(login(steering_member), sort="delta").context["rows"]
    assert [row.ward_name for row in rows] == ["Phường 4", "Phường 3", "Phường 1", "Phường 2", "Phường 5"]


def test_a_self_score_saved_after_the_page_was_seen_shows_at_once(history, login, steering_member):
    client = login(steering_member)
    assert page(client).context["rows"][3].delta == Decimal("-7.5")
    score = CriterionSelfScore.objects.get(
        assessment__ward=history[3], assessment__cycle__year=2018, criterion__number=1
    )
    score.points += 3
    score.save()
    row = page(client).context["rows"][3]
    assert row.deltas[0] == Decimal("2.5")
    assert row.delta == Decimal("-4.5")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_is_the_table_as_sorted_on_screen(db, login, steering_member, fmt):
    wards = bulk_wards(2, names={0: '=HYPERLINK("http://x","y")', 1: "Phường Bến Nghé"})
    bulk_year(2018, wards, inspected, own)
    response = login(steering_member).get(
        reverse("dashboard:self_vs_inspection_export", args=[2018, fmt]), {"sort": "-delta"}
    )
    assert response.status_code == 200
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(text)))
        assert [line[1] for line in lines[1:3]] == ['\'=HYPERLINK("http://x","y")', "Phường Bến Nghé"]
        assert lines[1][2:17] == [str(extra(0, 2018, n)) for n in range(1, 16)]
        assert lines[1][-2:] == ["7.5", "1"]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.cell(row=2, column=2).value == '=HYPERLINK("http://x","y")'
        assert sheet.cell(row=2, column=2).data_type == "s"
        assert [sheet.cell(row=r, column=20).value for r in (2, 3)] == [7.5, 7.5]
        text = str(list(sheet.values))
    assert SECRET not in text


def test_inspectors_comments_never_appear(history, login, steering_member):
    client = login(steering_member)
    assert SECRET not in page(client).content.decode()
    assert (
        SECRET.encode()
        not in client.get(reverse("dashboard:self_vs_inspection_export", args=[2018, "csv"])).content
    )


@pytest.mark.parametrize(
    "persona, status",
    [
        ("steering_member", 200),
        ("education_staff", 200),
        ("district_chairman", 200),
        ("inspector", 200),
        ("system_admin", 200),
        ("ward_officer", 403),
        ("ward_chairman", 403),
        (None, 302),
    ],
)
def test_who_may_see_self_vs_inspection_and_its_exports(history, login, request, persona, status):
    client = login(request.getfixturevalue(persona) if persona else None)
    for url in (
        reverse("dashboard:self_vs_inspection", args=[2018]),
        reverse("dashboard:self_vs_inspection_export", args=[2018, "csv"]),
        reverse("dashboard:self_vs_inspection_export", args=[2018, "xlsx"]),
    ):
        response = client.get(url)
        assert response.status_code == status
        if status == 302:
            assert response.url.startswith(reverse("login"))


# Queries of a first (uncached) request: session, user, role grants; the cycle (exists, then with its
# framework), its criteria, the year's pairs, their sums per criterion, the sums per ward and year, the
# wards; the years for the year menu.
SELF_VS_INSPECTION_QUERIES = 11


@pytest.mark.parametrize("wards_count, years", [(15, 1), (150, 1), (15, 5), (150, 5)])
def test_self_vs_inspection_costs_the_same_queries_at_any_size(
    db, login, steering_member, django_assert_max_num_queries, wards_count, years
):
    wards = bulk_wards(wards_count)
    for year in range(2019 - years, 2019):
        bulk_year(year, wards, varied, lambda i, y, n: min(varied(i, y, n) + 1, Decimal(6)))
    client = login(steering_member)
    with django_assert_max_num_queries(SELF_VS_INSPECTION_QUERIES):
        assert page(client, sort="-delta").status_code == 200
    with django_assert_max_num_queries(SELF_VS_INSPECTION_QUERIES):
        url = reverse("dashboard:self_vs_inspection_export", args=[2018, "xlsx"])
        assert client.get(url, {"sort": "-delta"}).status_code == 200
