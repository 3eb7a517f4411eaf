"""The district overview: every figure equals a count made here from the rows, and stays right after a change."""

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import (
    Assessment,
    AssessmentState,
    ClassificationBand,
    Framework,
    InspectionResult,
)
from assessments.workflow import ASSESSMENT_WORKFLOW
from centers.models import Activity, ActivityKind, Center, Session
from plans.dashboard.overview import compute_overview
from plans.models import TaskState
from tests.factories import AssessmentFactory, CycleFactory, UserFactory, WardFactory
from wards.models import Role

S = AssessmentState


def _bands() -> dict[str, ClassificationBand]:
    return {band.code: band for band in Framework.objects.get(code="tt44-2014").bands.all()}


def _wards(count, district, cluster, start=1):
    return [
        WardFactory(code=f"W{number:03d}", name=f"Phường {number}", district=district, cluster=cluster)
        for number in range(start, start + count)
    ]


def _classify(assessment, band, actor, total=Decimal(80), state=S.RECOGNISED):
    """An inspection result in ``band``, the assessment recognised (``state``: the workflow's job elsewhere)."""
    Assessment.objects.filter(pk=assessment.pk).update(state=state)
    InspectionResult.objects.create(
        assessment=assessment, total=total, classification=band, closed_by=actor, closed_at=timezone.now()
    )


def _put_in(assessments, state, due_date=None):
    """The workflow's job, not this test's: set the state the figures are counted from."""
    Assessment.objects.filter(pk__in=[a.pk for a in assessments]).update(state=state, due_date=due_date)


@pytest.fixture
def district_year(ward, education_staff):
    """15 wards (``ward`` and 14 more) with assessments of 2018 in various states, and results of 2017."""
    rng = random.Random(2018)
    wards = [ward, *_wards(14, ward.district, ward.cluster)]
    cycle_2017, cycle_2018 = CycleFactory(year=2017), CycleFactory(year=2018)
    bands = list(_bands().values())
    last_year = {}
    for each in wards:
        old = AssessmentFactory(cycle=cycle_2017, ward=each)
        last_year[each.code] = rng.choice(bands)
        _classify(old, last_year[each.code], education_staff, state=S.PUBLISHED)
    states = [rng.choice(list(S.values)) for _ in wards]
    current = [AssessmentFactory(cycle=cycle_2018, ward=each) for each in wards]
    return {"wards": wards, "current": current, "states": states, "last_year": last_year, "rng": rng}


def test_the_pipeline_counts_each_state_and_lists_the_overdue_wards(district_year):
    today = datetime.date(2018, 11, 20)
    current, states = district_year["current"], district_year["states"]
    late_codes = set()
    for index, (assessment, state) in enumerate(zip(current, states, strict=True)):
        due = today - datetime.timedelta(days=3) if index % 4 == 0 else today  # the due day itself is on time
        if index % 4 == 0:
            late_codes.add(assessment.ward.code)
        _put_in([assessment], state, due)

    figures = compute_overview(2018, today).pipeline

    expected = {state: states.count(state) for state in S.values}
    assert {step.state: step.wards for step in figures.steps} == expected
    assert [step.state for step in figures.steps] == list(S.values)
    assert {late.ward_code for late in figures.late} == late_codes
    assert all(late.days_late == 3 for late in figures.late)
    overdue_by_state = {}
    for index, state in enumerate(states):
        if index % 4 == 0:
            overdue_by_state[state] = overdue_by_state.get(state, 0) + 1
    assert {step.state: step.overdue for step in figures.steps if step.overdue} == overdue_by_state


def test_the_distribution_counts_this_year_beside_last_year(district_year, education_staff):
    bands = list(_bands().values())
    this_year = {}
    for assessment in district_year["current"][:10]:  # five not yet classified
        this_year[assessment.ward.code] = district_year["rng"].choice(bands)
        _classify(assessment, this_year[assessment.ward.code], education_staff)
    # Inspected, waiting for the chairman's decision: not yet the ward's classification.
    _classify(district_year["current"][10], bands[0], education_staff, state=S.INSPECTED)

    figures = compute_overview(2018, datetime.date(2018, 12, 20)).distribution

    for band in figures.bands:
        assert band.this_year == sum(1 for b in this_year.values() if b.code == band.code)
        assert band.last_year == sum(1 for b in district_year["last_year"].values() if b.code == band.code)
    assert [band.code for band in figures.bands] == ["tot", "kha", "trung-binh", "chua-dat"]
    assert (figures.unclassified_this_year, figures.unclassified_last_year) == (5, 0)
    assert figures.bands[0].this_year == sum(1 for b in this_year.values() if b.code == bands[0].code)


def test_plan_tasks_are_counted_per_unit_with_the_overdue_apart(make_task, education_office, ward):
    from plans.models import PlanTask

    march = [make_task(when="Tháng 3/2018") for _ in range(3)]
    december = make_task(when="Tháng 12/2018")
    ward_task = make_task(when="Tháng 2/2018", ward=ward)
    PlanTask.objects.filter(pk=march[0].pk).update(state=TaskState.DONE)
    PlanTask.objects.filter(pk=march[1].pk).update(state=TaskState.IN_PROGRESS)
    PlanTask.objects.filter(pk=december.pk).update(state=TaskState.CANCELLED)

    figures = compute_overview(2018, datetime.date(2018, 6, 1)).plan

    by_name = {unit.name: unit for unit in figures.units}
    office = by_name[education_office.name]
    # march[1] in progress and march[2] not started are both past March: overdue; December was cancelled.
    assert (office.done, office.in_progress, office.not_started, office.overdue) == (1, 1, 1, 2)
    assert (by_name[ward.name].not_started, by_name[ward.name].overdue) == (1, 1)
    assert (figures.overdue_total, figures.all_tasks) == (3, 4)
    assert office.filter_query == f"unit={education_office.pk}"
    assert ward_task.ward_id and by_name[ward.name].filter_query == f"ward={ward.pk}"


def test_learning_centre_sessions_are_counted_per_month_and_kind(center, other_center, center_director):
    talk = ActivityKind.objects.filter(counts_only=True).first()
    course = ActivityKind.objects.filter(counts_only=False).first()
    expected_sessions, expected_attendances = {}, {}
    for each, kind, months in ((center, talk, (1, 1, 3)), (other_center, course, (3, 12))):
        activity = Activity.objects.create(
            center=each,
            kind=kind,
            title="Nói chuyện chuyên đề",
            starts_on=datetime.date(2018, 1, 1),
            ends_on=datetime.date(2018, 12, 31),
            created_by=center_director,
        )
        for day, month in enumerate(months, start=1):
            Session.objects.create(activity=activity, date=datetime.date(2018, month, day), total=10 + day)
            key = (month, kind.group)
            expected_sessions[key] = expected_sessions.get(key, 0) + 1
            expected_attendances[key] = expected_attendances.get(key, 0) + 10 + day
    Session.objects.create(  # another year: not counted
        activity=Activity.objects.filter(center=center).get(), date=datetime.date(2019, 1, 5), total=99
    )

    figures = compute_overview(2018, datetime.date(2018, 12, 31))

    assert figures.activity.sessions == expected_sessions
    assert figures.activity.attendances == expected_attendances
    assert figures.activity.total_sessions() == 5
    assert sum(figures.month_sessions) == 5 and figures.month_sessions[0] == 2


def test_the_page_shows_each_figure_with_the_link_to_its_list(login, steering_member, district_year):
    today = timezone.localdate()
    current = district_year["current"]
    _put_in(current[:4], S.SUBMITTED, today - datetime.timedelta(days=2))

    response = login(steering_member).get("/dashboard/?year=2018")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/assessments/?year=2018&amp;state=submitted">4</a>' in html
    assert 'href="/assessments/?year=2018&amp;state=submitted&amp;overdue=true">⚠ 4</a>' in html
    assert "/assessments/?year=2018&amp;overdue=true" in html
    assert "<svg" in html and "Phường 1" in html


def test_the_list_behind_a_figure_has_exactly_that_many_rows(login, steering_member, district_year):
    today = timezone.localdate()
    current = district_year["current"]
    _put_in(current[:3], S.SUBMITTED, today - datetime.timedelta(days=1))
    _put_in(current[3:5], S.SUBMITTED, today)
    overview = compute_overview(2018, today)
    submitted = next(step for step in overview.pipeline.steps if step.state == S.SUBMITTED)

    listed = login(steering_member).get(
        "/assessments/", {"year": 2018, "state": "submitted", "overdue": "true"}
    )

    assert listed.context["rows"].__len__() == submitted.overdue == 3
    every = login(steering_member).get("/assessments/", {"year": 2018, "state": "submitted"})
    assert len(every.context["rows"]) == submitted.wards == 5
    band = next(band for band in overview.distribution.bands if band.last_year)
    graded = login(steering_member).get("/assessments/", {"year": 2017, "band": band.code})
    assert len(graded.context["rows"]) == band.last_year


def test_a_transition_shows_at_once_on_the_cached_page(
    login, steering_member, ward, ward_chairman, district_year
):
    assessment = district_year["current"][0]
    _put_in(district_year["current"], S.PLAN_DRAFT)
    _put_in([assessment], S.PLAN_SUBMITTED)
    client = login(steering_member)
    before = client.get("/dashboard/?year=2018").content.decode()
    assert 'state=plan_submitted">1</a>' in before

    ASSESSMENT_WORKFLOW.perform(assessment, "approve_plan", ward_chairman)

    after = client.get("/dashboard/?year=2018").content.decode()
    assert 'state=plan_submitted">1</a>' not in after
    assert 'state=dossier_preparation">1</a>' in after


def test_a_new_result_shows_at_once_on_the_cached_page(
    login, steering_member, education_staff, district_year
):
    client = login(steering_member)
    client.get("/dashboard/?year=2018")
    _classify(district_year["current"][0], _bands()["tot"], education_staff)

    html = client.get("/dashboard/?year=2018").content.decode()

    assert 'href="/assessments/?year=2018&amp;band=tot">1</a>' in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("steering_member", 200),
        ("district_chairman", 200),
        ("education_staff", 200),
        ("promotion_staff", 200),
        ("system_admin", 200),
        ("ward_officer", 403),
        ("ward_chairman", 403),
        ("center_director", 403),
    ],
)
def test_who_may_see_the_overview(request, db, login, persona, status):
    CycleFactory(year=2018)
    response = login(request.getfixturevalue(persona)).get("/dashboard/")
    assert response.status_code == status


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_overview_never_names_a_learner_or_shows_an_inspector_comment(
    login, steering_member, center, center_director, district_year
):
    from centers.models import Learner

    Learner.objects.create(center=center, full_name="Trần Thị Bí Mật", birth_year=1990, gender="F")
    html = login(steering_member).get("/dashboard/?year=2018").content.decode()
    assert "Bí Mật" not in html


def _build(ward_count, years, district, cluster, actor):
    """``ward_count`` wards, each with an assessment and a result in each of ``years`` and a centre."""
    wards = _wards(ward_count, district, cluster, start=500)
    band = _bands()["kha"]
    for year in years:
        cycle = CycleFactory(year=year)
        created = Assessment.objects.bulk_create(
            Assessment(cycle=cycle, ward=each, state=S.PUBLISHED) for each in wards
        )
        InspectionResult.objects.bulk_create(
            InspectionResult(
                assessment=a, total=75, classification=band, closed_by=actor, closed_at=timezone.now()
            )
            for a in created
        )
    Center.objects.bulk_create(Center(ward=each, name=f"TTHTCĐ {each.name}") for each in wards)


@pytest.mark.parametrize(("ward_count", "years"), [(15, [2018]), (150, [2014, 2015, 2016, 2017, 2018])])
def test_the_overview_costs_the_same_queries_at_any_size(
    login, ward, education_staff, django_assert_max_num_queries, ward_count, years
):
    steering = UserFactory(username="bcd", roles=[Role.STEERING_MEMBER])
    _build(ward_count, years, ward.district, ward.cluster, education_staff)
    client = login(steering)

    with django_assert_max_num_queries(20):
        assert client.get("/dashboard/").status_code == 200
    with django_assert_max_num_queries(6):  # cached: the session, the user, the years
        assert client.get("/dashboard/").status_code == 200


def test_a_ward_officer_finds_their_own_wards_scores_in_the_menu(login, ward_officer, other_ward):
    items = login(ward_officer).get("/wards/").context["nav_items"]

    assert "/dashboard/wards/P01/" in [item.url for item in items]
    assert "/dashboard/" not in [item.url for item in items]
    assert login(ward_officer).get("/dashboard/wards/P02/").status_code == 403


def test_the_annual_report_is_offered_only_to_who_may_compile_it(login, steering_member, inspector, db):
    CycleFactory(year=2018)

    assert (
        "/plans/district-report/2018/report.pdf" in login(steering_member).get("/dashboard/").content.decode()
    )
    assert (
        "/plans/district-report/2018/report.pdf" not in login(inspector).get("/dashboard/").content.decode()
    )


OVERVIEW_TABLES = ["pipeline", "late", "distribution", "plan", "activity", "learning"]


@pytest.mark.parametrize("table", OVERVIEW_TABLES)
def test_each_overview_table_exports_to_csv_and_xlsx_with_the_page_figures(
    login, steering_member, district_year, table
):
    import io

    from openpyxl import load_workbook

    _put_in(district_year["current"][:2], S.SUBMITTED, timezone.localdate() - datetime.timedelta(days=1))
    client = login(steering_member)
    overview = compute_overview(2018, timezone.localdate())

    csv = client.get(f"/dashboard/export/{table}.csv?year=2018")
    xlsx = client.get(f"/dashboard/export/{table}.xlsx?year=2018")

    assert csv.status_code == xlsx.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)][1:]
    if table == "pipeline":
        assert rows == [[step.label, step.wards, step.overdue] for step in overview.pipeline.steps]
    if table == "late":
        assert sorted(row[0] for row in rows) == sorted(late.ward_name for late in overview.pipeline.late)
        assert [row[3] for row in rows] == [1, 1]
    if table == "distribution":
        assert rows[-1] == ["Chưa xếp loại", 0, 15]
        assert sum(row[1] for row in rows) == 15


def test_a_ward_name_that_looks_like_a_formula_is_exported_as_text(
    login, steering_member, ward, district_year
):
    import io

    from openpyxl import load_workbook

    ward.name = '=HYPERLINK("http://evil.example/","Bấm")'
    ward.save()
    _put_in([district_year["current"][0]], S.SUBMITTED, timezone.localdate() - datetime.timedelta(days=1))
    client = login(steering_member)

    cell = load_workbook(io.BytesIO(client.get("/dashboard/export/late.xlsx?year=2018").content)).active["A2"]
    csv = client.get("/dashboard/export/late.csv?year=2018").content.decode("utf-8-sig")

    assert (cell.value, cell.data_type) == (ward.name, "s")
    assert "'=HYPERLINK" in csv


@pytest.mark.parametrize(("persona", "status"), [("ward_officer", 403), ("education_staff", 200)])
def test_who_may_export_the_overview(request, login, persona, status, db):
    CycleFactory(year=2018)
    assert login(request.getfixturevalue(persona)).get("/dashboard/export/plan.xlsx").status_code == status


def test_an_unknown_table_or_format_is_not_found(login, steering_member, db):
    CycleFactory(year=2018)
    client = login(steering_member)
    assert client.get("/dashboard/export/salaries.csv").status_code == 404
    assert client.get("/dashboard/export/plan.pdf").status_code == 404


@pytest.mark.parametrize(("ward_count", "years"), [(15, [2018]), (150, [2014, 2015, 2016, 2017, 2018])])
def test_the_overview_exports_cost_the_same_queries_at_any_size(
    login, ward, education_staff, django_assert_max_num_queries, ward_count, years
):
    steering = UserFactory(username="bcd", roles=[Role.STEERING_MEMBER])
    _build(ward_count, years, ward.district, ward.cluster, education_staff)
    client = login(steering)

    for table in OVERVIEW_TABLES:
        with django_assert_max_num_queries(20):
            assert client.get(f"/dashboard/export/{table}.xlsx").status_code == 200
