"""The annual report to the city (the compiled district report as PDF and DOCX, with the dashboard's figures).

Every figure is checked against a count made here from the rows the test
created: each assessed ward's total and classification (or "chưa có kết quả"),
the classification beside last year, the plan's tasks per unit, the centres'
sessions. No learner's name may reach either file.
"""

import io
from decimal import Decimal

import pytest
from django.utils import timezone
from docx import Document

from assessments.models import Assessment, AssessmentState, Framework, InspectionResult
from centers.activities import add_learner
from centers.models import Gender
from plans.models import PlanTask, TaskState
from tests.centers.activity_data import class_with_sessions
from tests.factories import AssessmentFactory, CenterFactory, CycleFactory, UserFactory, WardFactory
from tests.helpers import docx_text, pdf_text, vi_text
from wards.models import Role, Ward

pytestmark = pytest.mark.django_db

URL = "/plans/district-report/2018/report.{}"
LEARNER = "Hứa Quang Khải Thạnh"
S = AssessmentState


def _bands():
    return {band.code: band for band in Framework.objects.get(code="tt44-2014").bands.all()}


def _assess(cycle, ward, state, total=None, band=None, actor=None):
    assessment = AssessmentFactory(cycle=cycle, ward=ward)
    if total is not None:
        InspectionResult.objects.create(
            assessment=assessment, total=total, classification=band, closed_by=actor, closed_at=timezone.now()
        )
    # The workflow's job, not this test's: set the state the report reads.
    Assessment.objects.filter(pk=assessment.pk).update(state=state)
    return assessment


@pytest.fixture
def year_data(ward, other_ward, education_staff, center, center_director, make_task):
    """Three wards assessed in 2018 (published, recognised, inspected only), 2017's results, a plan, sessions."""
    third = WardFactory(code="P03", name="Phường 3", district=ward.district, cluster=ward.cluster)
    bands = _bands()
    cycle_2017, cycle_2018 = CycleFactory(year=2017), CycleFactory(year=2018)
    _assess(cycle_2017, ward, S.PUBLISHED, Decimal("81"), bands["kha"], education_staff)
    _assess(cycle_2017, other_ward, S.PUBLISHED, Decimal("60"), bands["trung-binh"], education_staff)
    _assess(cycle_2018, ward, S.PUBLISHED, Decimal("87.5"), bands["tot"], education_staff)
    _assess(cycle_2018, other_ward, S.RECOGNISED, Decimal("72"), bands["kha"], education_staff)
    _assess(cycle_2018, third, S.INSPECTED, Decimal("65.5"), bands["trung-binh"], education_staff)
    done, started, waiting = (make_task(when="Tháng 3/2018") for _ in range(3))
    make_task(when="Tháng 2/2018", ward=other_ward)
    PlanTask.objects.filter(pk=done.pk).update(state=TaskState.DONE)
    PlanTask.objects.filter(pk=started.pk).update(state=TaskState.IN_PROGRESS)
    activity, _learners = class_with_sessions(center, center_director)
    add_learner(activity, center_director, full_name=LEARNER, birth_year=1970, gender=Gender.MALE)
    return {"bands": bands, "third": third}


def _get(client, fmt):
    response = client.get(URL.format(fmt))
    assert response.status_code == 200
    return response


def test_the_pdf_gives_each_ward_its_total_and_classification_and_the_dashboard_figures(
    login, year_data, steering_member, education_office
):
    bands = year_data["bands"]
    response = _get(login(steering_member), "pdf")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="BC-XHHT-2018.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)

    assert "Kết quả thực hiện xây dựng xã hội học tập năm 2018" in text
    # Each assessed ward: recognised results with total and label, the inspected-only one without any.
    assert f"1 Phường 1 87,5 {bands['tot'].label_vi}" in text
    assert f"2 Phường 2 72 {bands['kha'].label_vi}" in text
    assert "3 Phường 3 – Chưa có kết quả" in text
    assert "65,5" not in text
    assert "có 3 phường được đánh giá, đã công nhận kết quả của 2 phường" in text
    # Classification: 2017 | 2018 as the dashboard counts them (a closed inspection counts as classified).
    assert f"{bands['tot'].label_vi} 0 1" in text
    assert f"{bands['kha'].label_vi} 1 1" in text
    # Phường 3 was inspected but not yet recognised: not yet classified.
    assert f"{bands['trung-binh'].label_vi} 1 0" in text
    assert f"{bands['chua-dat'].label_vi} 0 0" in text
    assert "Chưa xếp loại 0 1" in text
    # The plan: 4 tasks, the office's three (one done, one in progress, one not started; two past March).
    assert "Kế hoạch năm 2018 có 4 nhiệm vụ" in text
    assert f"{education_office.name} 1 1 1 2 3" in text
    assert "Phường 2 0 0 1 1 1" in text
    # The centres: the class's two sessions (March and April).
    assert "Các Trung tâm đã tổ chức 2 buổi sinh hoạt, học tập với 5 lượt người học" in text
    assert LEARNER not in text and "Nguyễn Thị Lan" not in text


def test_the_docx_has_the_same_ward_rows_and_no_chart_text(login, year_data, education_staff):
    bands = year_data["bands"]
    response = _get(login(education_staff), "docx")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert 'filename="BC-XHHT-2018.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    tables = {table.rows[0].cells[-1].text: table for table in document.tables if table.rows}
    results = tables["Xếp loại"]
    assert [[cell.text for cell in row.cells] for row in results.rows] == [
        ["STT", "Phường", "Tổng điểm", "Xếp loại"],
        ["1", "Phường 1", "87,5", bands["tot"].label_vi],
        ["2", "Phường 2", "72", bands["kha"].label_vi],
        ["3", "Phường 3", "–", "Chưa có kết quả"],
    ]
    text = docx_text(response.content)
    assert "Biểu đồ 2. Xếp loại các phường năm 2017 và năm 2018" in text
    assert "<svg" not in text and "Classification of the wards" not in text  # the chart's own title
    assert LEARNER not in text and "Nguyễn Thị Lan" not in text


@pytest.mark.parametrize("persona", ["steering_member", "education_staff", "district_chairman"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_district_side_downloads_the_report(request, login, ward, persona, fmt):
    assert login(request.getfixturevalue(persona)).get(URL.format(fmt)).status_code == 200


def test_a_ward_officer_is_refused_and_an_anonymous_visitor_sent_to_log_in(client, login, ward_officer):
    assert login(ward_officer).get(URL.format("pdf")).status_code == 403
    assert login(ward_officer).get(URL.format("docx")).status_code == 403
    response = client.get(URL.format("pdf"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_unknown_format_is_not_found(login, ward, education_staff):
    assert login(education_staff).get(URL.format("xlsx")).status_code == 404


def _grow_district_to(count, ward, actor):
    """Wards up to ``count`` (``ward`` first), each with a centre, a class and a published 2018 result."""
    cycle, bands = CycleFactory(year=2018), list(_bands().values())
    wards = list(Ward.objects.filter(district=ward.district).order_by("pk"))
    wards += [
        WardFactory(code=f"W{n:03d}", name=f"Phường {n}", district=ward.district, cluster=ward.cluster)
        for n in range(len(wards) + 1, count + 1)
    ]
    for index, each in enumerate(wards):
        if not each.assessments.exists():
            _assess(cycle, each, S.PUBLISHED, Decimal(70 + index % 20), bands[index % len(bands)], actor)
            director = UserFactory(ward=each, roles=[Role.CLC_DIRECTOR])
            class_with_sessions(CenterFactory(ward=each), director)


def test_the_report_keeps_its_query_count_from_15_to_150_wards(
    login, ward, education_staff, steering_member, django_assert_max_num_queries
):
    # 23 queries (the bound leaves room): session, user, roles, the district; the compilation: wards,
    # documents, the centres' comparison (4), the ward results; the overview: pipeline (2), grades and
    # their counts, the district and its plan (+ its tasks when there is one), sessions per month,
    # literacy and learning models (5). None of them runs per ward.
    client = login(steering_member)
    _grow_district_to(15, ward, education_staff)
    assert Assessment.objects.count() == 15
    with django_assert_max_num_queries(30) as small:
        client.get(URL.format("pdf"))
    _grow_district_to(150, ward, education_staff)
    assert Assessment.objects.count() == 150
    with django_assert_max_num_queries(30) as large:
        client.get(URL.format("pdf"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_next_report_follows_a_recognition_and_a_new_assessment_at_once(
    login, year_data, steering_member
):
    client = login(steering_member)
    text = pdf_text(_get(client, "pdf").content)  # the overview's figures are now cached
    assert "3 Phường 3 – Chưa có kết quả" in text and "Chưa xếp loại 0 1" in text
    third = Assessment.objects.get(ward=year_data["third"], cycle__year=2018)
    Assessment.objects.filter(pk=third.pk).update(state=S.RECOGNISED)
    fourth = WardFactory(
        code="P04", name="Phường 4", district=third.ward.district, cluster=third.ward.cluster
    )
    AssessmentFactory(cycle=third.cycle, ward=fourth)

    text = pdf_text(_get(client, "pdf").content)
    assert f"3 Phường 3 65,5 {year_data['bands']['trung-binh'].label_vi}" in text
    assert "4 Phường 4 – Chưa có kết quả" in text
    assert "Chưa xếp loại 0 1" in text


def test_the_compilation_page_offers_both_files_and_counts_the_recognised(login, year_data, education_staff):
    page = login(education_staff).get("/plans/district-report/2018/").content.decode()
    assert 'href="/plans/district-report/2018/report.pdf"' in page
    assert 'href="/plans/district-report/2018/report.docx"' in page
    summary = page.split('id="results-summary">', 1)[1].split("</p>", 1)[0]
    assert vi_text("%(count)s wards recognised:", count=2) in summary
    assert (
        f"{year_data['bands']['tot'].label_vi}: 1" in summary
        and f"{year_data['bands']['kha'].label_vi}: 1" in summary
    )
