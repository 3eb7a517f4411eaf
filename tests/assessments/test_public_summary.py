"""The public district summary: wards per classification each year, and each ward's results over the years.

Past years come in through ``import_results`` (the imported history, published
through the engine's ``import_result`` step); this year's ward through the
whole workflow (``walk_to``). Every figure is compared with a count made here
from the totals the test chose.
"""

import csv
import io
from collections import Counter
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import pgettext

from assessments.models import AssessmentState as S
from assessments.public import Move
from assessments.results import import_results
from tests.factories import AssessmentFactory, CycleFactory, UserFactory, WardFactory
from tests.helpers import vi, vi_text
from wards.models import Role, Ward

# The seeded Circular 44: 7 points for criteria 1–10, 6 for 11–15; its grades from the top.
MAXIMA = [Decimal(7)] * 10 + [Decimal(6)] * 5
GRADES = ["Tốt", "Khá", "Trung bình", "Chưa đạt"]


def pgettext_vi(context: str, msgid: str) -> str:
    with translation.override("vi"):
        return pgettext(context, msgid)


def grade(total: Decimal) -> str:
    return "Tốt" if total >= 85 else "Khá" if total >= 70 else "Trung bình" if total >= 50 else "Chưa đạt"


def import_totals(totals: dict[tuple[int, str], Decimal], actor) -> None:
    """Import one published result per (year, ward code) with exactly that total."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["year", "ward_code", "criterion", "points"])
    for (year, code), total in totals.items():
        loss = sum(MAXIMA) - total
        for number, maximum in enumerate(MAXIMA, start=1):
            taken = min(maximum, loss)
            loss -= taken
            writer.writerow([year, code, number, maximum - taken])
    import_results(out.getvalue(), actor)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="nhap.lieu", roles=[Role.SYSTEM_ADMIN])


@pytest.fixture
def wards(db, promotion_association, ward):
    return [ward, *(WardFactory(district=ward.district) for _n in range(14))]


@pytest.fixture
def history(wards, admin_user):
    """15 wards × 2015–2017 with totals spread over the grades; nobody "Chưa đạt" in 2017."""
    totals = {}
    for index, one in enumerate(wards):
        totals[(2015, one.code)] = Decimal(95 - index * 5)  # 95 … 25: every grade
        totals[(2016, one.code)] = Decimal(90 - index * 3)  # 90 … 48
        totals[(2017, one.code)] = Decimal(100 - index * 2)  # 100 … 72: "Tốt" and "Khá" only
    import_totals(totals, admin_user)
    return totals


def expected_counts(totals) -> list[tuple[int, list[int], int]]:
    rows = []
    for year in sorted({year for year, _code in totals}):
        grades = Counter(grade(total) for (y, _code), total in totals.items() if y == year)
        rows.append((year, [grades[label] for label in GRADES], sum(grades.values())))
    return rows


def test_counts_per_year_equal_the_grades_of_the_imported_totals(login, history):
    response = login(None).get("/results/summary/")
    assert response.status_code == 200
    counts = response.context["counts"]
    assert counts.labels == GRADES
    assert counts.rows == expected_counts(history)
    assert counts.rows[-1] == (2017, [8, 7, 0, 0], 15)  # a grade nobody reached shows 0
    chart = response.context["chart"]
    assert chart.headers == [vi_text("Year"), *GRADES]
    assert chart.rows[-1] == ["2017", "8", "7", "0", "0"]
    assert "<svg" in response.content.decode()


def test_history_table_has_each_wards_total_and_grade_every_year(login, history):
    table = login(None).get("/results/summary/").context["history"]
    assert table.years == [2015, 2016, 2017]
    assert len(table.wards) == 15
    for row in table.wards:
        assert [(cell.total, cell.classification) for cell in row.cells] == [
            (history[(year, row.code)], grade(history[(year, row.code)])) for year in (2015, 2016, 2017)
        ]
    assert [row.code for row in table.wards] == list(
        Ward.objects.order_by("sort_key").values_list("code", flat=True)
    )


def test_a_ward_that_moved_up_or_down_shows_the_marker(login, wards, admin_user):
    first, second = wards[0], wards[1]
    import_totals(
        {
            (2015, first.code): Decimal(75),  # Khá
            (2016, first.code): Decimal(90),  # Tốt: up
            (2017, first.code): Decimal(72),  # Khá: down
            (2015, second.code): Decimal(75),
            (2017, second.code): Decimal(79),  # Khá again (2016 not published): no move
        },
        admin_user,
    )
    response = login(None).get("/results/summary/")
    rows = {row.code: row for row in response.context["history"].wards}
    assert [cell.move for cell in rows[first.code].cells] == [Move.SAME, Move.UP, Move.DOWN]
    assert rows[second.code].cells[1] is None
    assert [rows[second.code].cells[i].move for i in (0, 2)] == [Move.SAME, Move.SAME]
    html = response.content.decode()
    assert (
        html.count('class="text-success move-up"') == 1 and html.count('class="text-danger move-down"') == 1
    )
    assert vi("moved up") in html and vi("moved down") in html


@pytest.fixture
def published(assessment, walk_to):
    return walk_to(assessment, S.PUBLISHED)


def other_wards_assessment(cycle, walk_to, state, **ward_fields):
    other = WardFactory(district=cycle.lead_body.district, **ward_fields)
    officer = UserFactory(ward=other, roles=[Role.WARD_OFFICER])
    chairman = UserFactory(ward=other, roles=[Role.WARD_CHAIRMAN])
    return walk_to(
        AssessmentFactory(cycle=cycle, ward=other), state, ward_officer=officer, ward_chairman=chairman
    )


def test_unpublished_years_and_wards_never_appear(login, published, cycle, walk_to):
    inspected = other_wards_assessment(cycle, walk_to, S.INSPECTED, name="Phường Chưa Công Bố")
    assert inspected.result.total == 90  # it has a result, not yet published
    AssessmentFactory(cycle=CycleFactory(year=2019, lead_body=cycle.lead_body), ward=published.ward)
    client = login(None)
    response = client.get("/results/summary/")
    assert response.context["counts"].rows == [(2018, [1, 0, 0, 0], 1)]
    assert [(row.name, row.cells[0].total) for row in response.context["history"].wards] == [("Phường 1", 90)]
    assert response.context["history"].years == [2018]
    for body in (response.content.decode(), client.get("/results/summary/export.csv").content.decode()):
        assert "Phường Chưa Công Bố" not in body and "2019" not in body


def test_summary_is_fresh_right_after_another_ward_is_published(login, published, cycle, walk_to):
    client = login(None)
    assert client.get("/results/summary/").context["counts"].rows == [(2018, [1, 0, 0, 0], 1)]
    other = other_wards_assessment(cycle, walk_to, S.RECOGNISED)
    assert client.get("/results/summary/").context["counts"].rows == [(2018, [1, 0, 0, 0], 1)]
    walk_to(other, S.PUBLISHED)
    assert client.get("/results/summary/").context["counts"].rows == [(2018, [2, 0, 0, 0], 2)]
    assert len(client.get("/results/summary/").context["history"].wards) == 2


def test_empty_summary_says_nothing_is_published(login, db):
    response = login(None).get("/results/summary/")
    assert response.status_code == 200
    assert response.context["chart"] is None
    assert vi("No results have been published yet.") in response.content.decode()


def test_results_pages_link_to_the_summary(login, published):
    for url in ("/results/2018/", "/results/ward/P01/"):
        assert 'href="/results/summary/"' in login(None).get(url).content.decode()


def test_export_has_the_table_on_screen(login, history, wards):
    response = login(None).get("/results/summary/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == [
        vi_text("Ward code"),
        pgettext_vi("administrative unit", "Ward"),
        vi_text("Total %(year)s", year=2015),
        vi_text("Classification %(year)s", year=2015),
        vi_text("Change %(year)s", year=2015),
    ]
    first = wards[0].code
    line = next(row for row in rows if row[0] == first)
    assert line[2:] == ["95.0", "Tốt", "", "90.0", "Tốt", "", "100.0", "Tốt", ""]
    assert len(rows) == 16


def test_export_keeps_a_formula_like_ward_name_as_text(login, wards, admin_user):
    wards[0].name = '=HYPERLINK("http://x.invalid")'
    wards[0].save()
    import_totals({(2016, wards[0].code): Decimal(88)}, admin_user)
    client = login(None)
    rows = list(
        csv.reader(io.StringIO(client.get("/results/summary/export.csv").content.decode("utf-8-sig")))
    )
    assert rows[1][:4] == [wards[0].code, '\'=HYPERLINK("http://x.invalid")', "88.0", "Tốt"]
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/results/summary/export.xlsx").content)).active
    cell = sheet["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("http://x.invalid")', "s", True)
    assert sheet["C2"].value == 88
    assert client.get("/results/summary/export.pdf").status_code == 404


def test_ward_names_are_escaped(login, wards, admin_user):
    wards[0].name = "<script>alert(1)</script>"
    wards[0].save()
    import_totals({(2016, wards[0].code): Decimal(88)}, admin_user)
    html = login(None).get("/results/summary/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Queries of the summary and its exports, whatever the number of wards and years (anonymous, empty cache):
# 1 counts per year and band, 2 the bands of those years' frameworks, 3 the wards × years table
# (assessment + ward + cycle + result + band in one). The export runs the same three.
SUMMARY_QUERIES = 3


SUMMARY_URLS = ["/results/summary/", "/results/summary/export.csv", "/results/summary/export.xlsx"]


def test_summary_and_export_query_count_is_constant(
    login, promotion_association, admin_user, django_assert_num_queries
):
    small = [WardFactory() for _n in range(15)]
    import_totals({(2015, one.code): Decimal(60 + n) for n, one in enumerate(small)}, admin_user)
    client = login(None)
    for url in SUMMARY_URLS:
        cache.clear()
        with django_assert_num_queries(SUMMARY_QUERIES):
            assert client.get(url).status_code == 200

    large = small + [WardFactory(district=small[0].district) for _n in range(135)]
    import_totals(
        {
            (year, one.code): Decimal(40 + (n + year) % 60)
            for n, one in enumerate(large)
            for year in range(2016, 2020)
        },
        admin_user,
    )
    import_totals({(2015, one.code): Decimal(70) for one in large[15:]}, admin_user)
    for url in SUMMARY_URLS:
        cache.clear()
        with django_assert_num_queries(SUMMARY_QUERIES):
            response = client.get(url)
        assert response.status_code == 200
        # Read again under the same data version: from the cache, no query.
        with django_assert_num_queries(0):
            client.get(url)
    page = client.get("/results/summary/").context
    assert len(page["history"].wards) == 150
    assert [year for year, _counts, _published in page["counts"].rows] == [2015, 2016, 2017, 2018, 2019]
    assert [published for _year, _counts, published in page["counts"].rows] == [150] * 5
