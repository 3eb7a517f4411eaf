"""Year over year: totals, classifications and movements; the chart; weak criteria offered as next year's tasks."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import AssessmentState
from plans.models import PlanTask, SectionPart
from plans.planning import add_section, create_plan
from tests.assessments.conftest import walk_to  # noqa: F401 (a fixture)
from tests.factories import AssessmentFactory, CycleFactory
from tests.helpers import vi_text
from tests.plans.dashboard_data import SECRET, bulk_wards, bulk_year, varied
from wards.models import Ward

MAXIMA = {number: Decimal(7) if number <= 10 else Decimal(6) for number in range(1, 16)}
YEARS = (2015, 2016, 2017, 2018)
# The share of every criterion's maximum each ward reaches each year (None: no result that year).
SHARES = {
    0: {2015: "0.8", 2016: "0.9", 2017: "0.9", 2018: "0.7"},
    1: {2015: "0.7", 2016: "0.8", 2017: "0.6", 2018: None},
    2: {2015: None, 2016: None, 2017: None, 2018: "0.4"},
    3: {2015: "0.6", 2016: None, 2017: "0.7", 2018: "0.7"},
}
# Criteria a ward scores 3 points on (under half of 7), overriding its share: ward 0 on criterion 2 in
# 2017 and 2018 (weak two years running), on criterion 5 in 2018 only (not); ward 3 on criterion 4 in both.
WEAK = {(0, 2017, 2), (0, 2018, 2), (0, 2018, 5), (3, 2017, 4), (3, 2018, 4)}


def points(index: int, year: int, number: int) -> Decimal | None:
    share = SHARES[index][year]
    if share is None:
        return None
    if (index, year, number) in WEAK:
        return Decimal(3)
    return MAXIMA[number] * Decimal(share)


def total(index: int, year: int) -> Decimal | None:
    if SHARES[index][year] is None:
        return None
    return sum(points(index, year, n) for n in range(1, 16))


def grade(value: Decimal) -> str:
    """The seeded Circular 44 grades (85, 70, 50, 0 points), as the Vietnamese page names them."""
    for minimum, label in ((85, "Tốt"), (70, "Khá"), (50, "Trung bình")):
        if value >= minimum:
            return label
    return "Chưa đạt"


RANK = {"Tốt": 0, "Khá": 1, "Trung bình": 2, "Chưa đạt": 3}
UP, DOWN, SAME = vi_text("↑ moved up"), vi_text("↓ moved down"), vi_text("= unchanged")


def movement(index: int, year: int) -> str:
    """Computed from the data: against the ward's previous year with a result."""
    before = [y for y in YEARS if y < year and total(index, y) is not None]
    if total(index, year) is None or not before:
        return ""
    was, now = total(index, before[-1]), total(index, year)
    was_rank, now_rank = RANK[grade(was)], RANK[grade(now)]
    if now_rank != was_rank:
        return "up" if now_rank < was_rank else "down"
    return "up" if now > was else "down" if now < was else "same"


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


@pytest.fixture
def history(db):
    wards = bulk_wards(5)  # the fifth ward never has a result
    for year in YEARS:
        bulk_year(year, wards[:4], points)
    return wards


def page(client, **query):
    return client.get(reverse("dashboard:trends"), query)


def test_every_ward_has_its_total_classification_and_movement_each_year(history, login, steering_member):
    response = page(login(steering_member))
    figure = response.context["figure"]
    assert figure.years == YEARS
    for index, row in enumerate(response.context["rows"][:4]):
        expected = [
            (total(index, y), grade(total(index, y)), movement(index, y))
            if total(index, y) is not None
            else None
            for y in YEARS
        ]
        actual = [(r.total, r.classification, r.movement) if r else None for r in row.results]
        assert actual == expected
    assert response.context["rows"][4].results == (None,) * 4
    # The data include every kind of move: by grade, by total within a grade, none.
    moves = {movement(i, y) for i in range(4) for y in YEARS}
    assert moves == {"", "up", "down", "same"}


def test_markers_are_written_in_text_with_a_symbol(history, login, steering_member):
    html = page(login(steering_member)).content.decode()
    assert UP in html and DOWN in html and SAME in html
    rows = page(login(steering_member)).context["rows"]
    # Ward 1: 80 → 90 (a higher grade) → 86.7 (lower, same grade) → 66.2; ward 4: 60 → 68.1 → 68.1.
    assert [r.marker for r in rows[0].results] == ["", UP, DOWN, DOWN]
    assert [r.marker if r else None for r in rows[3].results] == ["", None, UP, SAME]


def test_the_chart_counts_wards_by_classification_each_year(history, login, steering_member):
    chart = page(login(steering_member)).context["figure"].chart
    counts = {
        (year, label): sum(
            1 for i in range(4) if total(i, year) is not None and grade(total(i, year)) == label
        )
        for year in YEARS
        for label in RANK
    }
    assert chart.headers[0] == vi_text("Year")
    labels = chart.headers[1:]
    assert labels == [label for label in RANK if any(counts[(y, label)] for y in YEARS)]
    assert chart.rows == [[str(y), *(str(counts[(y, label)]) for label in labels)] for y in YEARS]
    assert "<svg" in page(login(steering_member)).content.decode()


def test_rows_sort_by_the_latest_total(history, login, steering_member):
    rows = page(login(steering_member), sort="-total").context["rows"]
    latest = {i: next(total(i, y) for y in reversed(YEARS) if total(i, y) is not None) for i in range(4)}
    assert [row.ward_name for row in rows] == [
        f"Phường {i + 1}" for i in sorted(latest, key=lambda i: latest[i], reverse=True)
    ] + ["Phường 5"]


def test_criteria_weak_two_years_running_are_listed_per_ward(history, login, steering_member):
    figure = page(login(steering_member)).context["figure"]
    assert figure.weak_years == (2017, 2018)
    assert [(w.ward_name, w.number, w.shares) for w in figure.weak] == [
        ("Phường 1", 2, (Decimal("42.9"), Decimal("42.9"))),
        ("Phường 4", 4, (Decimal("42.9"), Decimal("42.9"))),
    ]


def test_a_new_result_after_a_transition_shows_at_once(
    walk_to,  # noqa: F811 (the fixture imported above)
    ward,
    promotion_association,
    login,
    steering_member,
):
    bulk_year(2017, [ward], lambda i, y, n: Decimal(3))
    client = login(steering_member)
    assert page(client).context["figure"].years == (2017,)
    cycle = CycleFactory(year=2018, lead_body=promotion_association)
    walk_to(AssessmentFactory(cycle=cycle, ward=ward), AssessmentState.INSPECTED)
    figure = page(client).context["figure"]
    assert figure.years == (2017, 2018)
    latest = figure.rows[0].results[1]
    assert (latest.total, latest.classification, latest.movement) == (Decimal(90), "Tốt", "up")


# --- Offering weak criteria as tasks of next year's plan ---------------------------------------------------


@pytest.fixture
def next_plan(history, education_staff):
    plan = create_plan(history[0].district, 2019, education_staff, title="Kế hoạch xây dựng XHHT năm 2019")
    add_section(plan, education_staff, part=SectionPart.CONTENT, number="1", title="Củng cố tiêu chí yếu")
    return plan


def add_url(weak):
    return reverse("dashboard:weak_criterion_task", args=[weak.ward_code, weak.criterion_id])


def test_plan_managers_add_a_weak_criterion_to_next_years_plan(next_plan, login, education_staff):
    client = login(education_staff)
    response = page(client)
    weak = response.context["figure"].weak[0]
    assert add_url(weak) in response.content.decode()
    confirm = client.get(add_url(weak))
    assert confirm.status_code == 200
    assert PlanTask.objects.count() == 0  # nothing is added before the confirmation
    section = next_plan.sections.get()
    response = client.post(add_url(weak), {"section": section.pk, "text": "Củng cố tiêu chí 2"})
    task = PlanTask.objects.get()
    assert response.status_code == 302 and response.url == task.get_absolute_url()
    assert (task.plan, task.section, task.ward, task.unit, task.text) == (
        next_plan, section, Ward.objects.get(code=weak.ward_code), None, "Củng cố tiêu chí 2"
    )  # fmt: skip
    assert [c.pk for c in task.criteria.all()] == [weak.criterion_id]
    assert (task.period_label, str(task.due_on)) == ("Cả năm 2019", "2019-12-31")
    # The page shows it in the plan at once, without the button.
    after = page(client)
    assert after.context["figure"].weak[0].in_next_plan
    assert add_url(weak) not in after.content.decode()
    assert client.get(add_url(weak)).context["form"] is None  # no second copy


def test_without_next_years_plan_managers_are_told_to_write_it_first(history, login, education_staff):
    client = login(education_staff)
    response = page(client)
    weak = response.context["figure"].weak[0]
    html = response.content.decode()
    assert 'id="no-next-plan"' in html and reverse("plans:index") in html
    assert add_url(weak) not in html
    confirm = client.get(add_url(weak))
    assert confirm.context["plan"] is None and 'id="no-next-plan"' in confirm.content.decode()
    assert client.post(add_url(weak), {"section": 1, "text": "x"}).status_code == 200
    assert PlanTask.objects.count() == 0


@pytest.mark.parametrize("persona", ["steering_member", "district_chairman", "inspector", "ward_officer"])
def test_others_see_no_button_and_are_refused_the_post(next_plan, login, request, persona):
    client = login(request.getfixturevalue(persona))
    weak = page(login(request.getfixturevalue("steering_member"))).context["figure"].weak[0]
    if persona != "ward_officer":
        assert add_url(weak) not in page(client).content.decode()
    response = client.post(add_url(weak), {"section": next_plan.sections.get().pk, "text": "x"})
    assert response.status_code == 403
    assert client.get(add_url(weak)).status_code == 403
    assert PlanTask.objects.count() == 0


def test_a_criterion_that_is_not_weak_cannot_be_added(next_plan, login, education_staff):
    weak = page(login(education_staff)).context["figure"].weak[0]
    url = reverse("dashboard:weak_criterion_task", args=[weak.ward_code, weak.criterion_id + 1])
    assert login(education_staff).get(url).status_code == 404


# --- Export, privacy, permissions, queries -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_is_the_table_as_sorted_on_screen(db, login, steering_member, fmt):
    wards = bulk_wards(2, names={0: '=HYPERLINK("http://x","y")', 1: "Phường Bến Nghé"})
    bulk_year(2017, wards, varied)
    bulk_year(2018, wards, lambda i, y, n: Decimal(6) if i else Decimal(1))
    response = login(steering_member).get(reverse("dashboard:trends_export", args=[fmt]), {"sort": "-total"})
    assert response.status_code == 200
    first = [
        sum(varied(1, 2017, n) for n in range(1, 16)),
        grade(sum(varied(1, 2017, n) for n in range(1, 16))),
    ]
    if fmt == "csv":
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert lines[0][2:5] == [
            vi_text("Total %(year)s", year=2017),
            vi_text("Classification %(year)s", year=2017),
            vi_text("Change %(year)s", year=2017),
        ]
        assert [line[1] for line in lines[1:]] == ["Phường Bến Nghé", '\'=HYPERLINK("http://x","y")']
        assert lines[1][2:4] == [str(first[0]), first[1]]
        assert lines[1][5:8] == ["90.0", "Tốt", movement_text(first[0], Decimal(90))]
        text = response.content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.cell(row=3, column=2).value == '=HYPERLINK("http://x","y")'
        assert sheet.cell(row=3, column=2).data_type == "s"
        assert [sheet.cell(row=r, column=6).value for r in (2, 3)] == [90, 15]
        text = str(list(sheet.values))
    assert SECRET not in text


def movement_text(before: Decimal, now: Decimal) -> str:
    if RANK[grade(now)] != RANK[grade(before)]:
        return UP if RANK[grade(now)] < RANK[grade(before)] else DOWN
    return UP if now > before else DOWN if now < before else SAME


def test_inspectors_comments_never_appear(history, login, education_staff):
    client = login(education_staff)
    assert SECRET not in page(client).content.decode()
    assert SECRET.encode() not in client.get(reverse("dashboard:trends_export", args=["csv"])).content


@pytest.mark.parametrize(
    "persona, status",
    [
        ("steering_member", 200),
        ("education_staff", 200),
        ("district_chairman", 200),
        ("promotion_staff", 200),
        ("ward_officer", 403),
        ("ward_chairman", 403),
        (None, 302),
    ],
)
def test_who_may_see_the_trends_and_their_exports(history, login, request, persona, status):
    client = login(request.getfixturevalue(persona) if persona else None)
    for url in (
        reverse("dashboard:trends"),
        reverse("dashboard:trends_export", args=["csv"]),
        reverse("dashboard:trends_export", args=["xlsx"]),
    ):
        response = client.get(url)
        assert response.status_code == status
        if status == 302:
            assert response.url.startswith(reverse("login"))


# Queries of a first (uncached) request: session, user, role grants; the grades, the results, the wards,
# the counts per year and grade, next year's plan, the weak criteria, those already in the plan.
TRENDS_QUERIES = 10


@pytest.mark.parametrize("wards_count, years", [(15, 1), (150, 1), (15, 5), (150, 5)])
def test_the_trends_cost_the_same_queries_at_any_size(
    db, login, education_staff, django_assert_max_num_queries, wards_count, years
):
    wards = bulk_wards(wards_count)
    for year in range(2019 - years, 2019):
        bulk_year(year, wards, varied)
    create_plan(wards[0].district, 2019, education_staff, title="Kế hoạch 2019")
    client = login(education_staff)
    with django_assert_max_num_queries(TRENDS_QUERIES):
        response = page(client, sort="-total")
        assert response.status_code == 200
    with django_assert_max_num_queries(TRENDS_QUERIES):
        assert client.get(reverse("dashboard:trends_export", args=["xlsx"])).status_code == 200
