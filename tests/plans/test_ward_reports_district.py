"""The district's compiled report: the wards that sent, those that have not, the centres' figures summed."""

import datetime

import pytest

from centers.activities import record_session
from centers.figures import district_comparison
from plans.district_report import compile_district_report
from plans.models import WardReportKind
from plans.ward_report_workflow import WARD_REPORT_WORKFLOW
from plans.ward_reports import save_ward_report, start_ward_report
from tests.centers.activity_data import class_with_sessions, health_talk
from tests.factories import UserFactory, WardFactory
from tests.helpers import pdf_text
from tests.plans.report_data import TEXTS
from wards.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def third_ward(ward):
    return WardFactory(code="P03", name="Phường 3", district=ward.district, cluster=ward.cluster)


def _sent(ward, kind, year, officer, **texts):
    report = start_ward_report(ward, year, kind, officer)
    save_ward_report(report, officer, **{**TEXTS, **texts})
    WARD_REPORT_WORKFLOW.perform(report, "submit", officer)
    return report


def test_the_compilation_names_the_wards_that_have_not_sent(
    login,
    ward,
    other_ward,
    third_ward,
    ward_officer,
    other_ward_officer,
    education_staff,
    center,
    center_director,
):
    third_officer = UserFactory(username="canbo.p3", ward=third_ward, roles=[Role.WARD_OFFICER])
    acknowledged = _sent(
        ward, WardReportKind.REPORT, 2018, ward_officer, situation="Phường 1 tổ chức 20 chuyên đề."
    )
    WARD_REPORT_WORKFLOW.perform(acknowledged, "acknowledge", education_staff)
    _sent(third_ward, WardReportKind.REPORT, 2018, third_officer, situation="Phường 3 mở 2 lớp tin học.")
    draft = start_ward_report(other_ward, 2018, WardReportKind.REPORT, other_ward_officer)
    save_ward_report(draft, other_ward_officer, situation="Bản nháp bí mật của Phường 2.")
    _sent(other_ward, WardReportKind.PLAN, 2019, other_ward_officer, directions="Phường 2 mở lớp tiếng Anh.")
    class_with_sessions(center, center_director)
    talk = health_talk(center, center_director)
    record_session(
        talk, center_director, date=datetime.date(2018, 4, 10), total=120, women=70, ethnic_minority=5
    )

    compiled = compile_district_report(ward.district, 2018)
    assert [report.ward.name for report in compiled.reports] == ["Phường 1", "Phường 3"]
    assert [(missing.ward.name, missing.state_label) for missing in compiled.missing_reports] == [
        ("Phường 2", "Phường đang soạn")
    ]
    assert [plan.ward.name for plan in compiled.plans] == ["Phường 2"]
    assert [missing.ward.name for missing in compiled.missing_plans] == ["Phường 1", "Phường 3"]
    rows = district_comparison(2018)
    assert compiled.centers_total.attendances == sum(row.figures.attendances for row in rows) == 125
    assert compiled.centers_total.sessions == 3

    page = login(education_staff).get("/plans/district-report/2018/").content.decode()
    missing = page.split('id="missing-reports"', 1)[1].split("</ul>", 1)[0]
    assert "Phường 2" in missing and "Phường 1" not in missing and "Phường 3" not in missing
    assert "Phường 3 mở 2 lớp tin học." in page
    assert "Phường 2 mở lớp tiếng Anh." in page
    assert "Bản nháp bí mật của Phường 2." not in page
    assert ">125<" in page.split('id="centre-total"', 1)[1].split("</tr>", 1)[0]

    response = login(education_staff).get("/plans/district-report/2018/report.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Kết quả thực hiện xây dựng xã hội học tập năm 2018" in text
    assert "Phường 3 mở 2 lớp tin học." in text
    assert "Chưa gửi báo cáo năm 2018: Phường 2." in text
    assert "Bản nháp bí mật" not in text


def test_the_table_shows_each_ward_with_its_report_and_plan(
    login, ward, other_ward, ward_officer, steering_member
):
    report = _sent(ward, WardReportKind.REPORT, 2018, ward_officer)
    page = login(steering_member).get("/plans/ward-reports/year/2018/").content.decode()
    table = page.split('id="ward-rounds"', 1)[1]
    first, second = table.split("<tbody>", 1)[1].split("</tr>")[:2]
    assert "Phường 1" in first and report.get_absolute_url() in first
    assert "Phường 2" in second and "Chưa gửi" in second


def test_the_table_keeps_its_query_count_as_wards_grow(
    login, ward, steering_member, django_assert_max_num_queries
):
    client = login(steering_member)
    client.get("/plans/ward-reports/year/2018/")
    with django_assert_max_num_queries(12) as few:
        client.get("/plans/ward-reports/year/2018/")
    for _number in range(2, 16):
        officer = UserFactory(
            ward=WardFactory(district=ward.district, cluster=ward.cluster), roles=[Role.WARD_OFFICER]
        )
        _sent(officer.ward, WardReportKind.REPORT, 2018, officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/plans/ward-reports/year/2018/")
