"""The whole path of a ward's report through the pages: draft, send, return with a reason, send again,
acknowledge, undo — and the centre's figures on it are those ``centers`` computes."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from centers.activities import record_session
from centers.figures import center_figures
from centers.summaries import topic_summary
from centers.topics import Topic
from plans.models import WardReport, WardReportKind, WardReportState
from plans.ward_report_workflow import WARD_REPORT_WORKFLOW
from plans.ward_reports import SECTIONS, save_ward_report, start_ward_report
from tests.centers.activity_data import class_with_sessions, health_talk
from tests.helpers import vi
from tests.plans.report_data import TEXTS

pytestmark = pytest.mark.django_db


def _post(client, url, data=None):
    response = client.post(url, data or {})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_the_report_goes_from_draft_to_acknowledged_through_the_pages(
    login, ward, ward_officer, education_staff, system_admin
):
    officer = login(ward_officer)
    response = _post(officer, f"/plans/wards/{ward.code}/reports/start/", {"kind": "report", "year": "2025"})
    report = WardReport.objects.get()
    assert (report.ward, report.year, report.kind, report.state) == (ward, 2025, "report", "draft")
    assert response["Location"] == f"/plans/ward-reports/{report.pk}/"

    # Only the situation written: sending is refused, naming the three empty sections.
    _post(officer, report.get_absolute_url(), {"situation": TEXTS["situation"]})
    response = officer.post(f"/plans/ward-reports/{report.pk}/step/submit/")
    assert response.status_code == 200
    refusal = response.content.decode().split('id="refusal"', 1)[1].split("</div>", 1)[0]
    for name in ("shortcomings", "directions", "proposals"):
        assert vi(WardReport._meta.get_field(name).verbose_name.capitalize()) in refusal
    assert vi(WardReport._meta.get_field("situation").verbose_name.capitalize()) not in refusal
    report.refresh_from_db()
    assert report.state == WardReportState.DRAFT

    _post(officer, report.get_absolute_url(), TEXTS)
    _post(officer, f"/plans/ward-reports/{report.pk}/step/submit/")
    report.refresh_from_db()
    assert report.state == WardReportState.SUBMITTED
    assert [getattr(report, name) for name in SECTIONS] == list(TEXTS.values())

    # Sent: the ward can no longer change it.
    response = officer.post(report.get_absolute_url(), {**TEXTS, "situation": "Đổi"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.situation == TEXTS["situation"]

    # The district returns it; a reason is required.
    staff = login(education_staff)
    response = staff.post(f"/plans/ward-reports/{report.pk}/step/return/", {"reason": "  "})
    assert response.status_code == 200
    assert vi("Please give a reason.") in response.content.decode()
    report.refresh_from_db()
    assert report.state == WardReportState.SUBMITTED
    _post(staff, f"/plans/ward-reports/{report.pk}/step/return/", {"reason": "Bổ sung số liệu phổ cập."})
    report.refresh_from_db()
    assert report.state == WardReportState.RETURNED

    page = officer.get(report.get_absolute_url()).content.decode()
    assert "Bổ sung số liệu phổ cập." in page.split('id="return-reason"', 1)[1].split("</div>", 1)[0]
    _post(officer, report.get_absolute_url(), {**TEXTS, "situation": "Đã bổ sung số liệu phổ cập."})
    _post(officer, f"/plans/ward-reports/{report.pk}/step/submit/")
    _post(staff, f"/plans/ward-reports/{report.pk}/step/acknowledge/")
    report.refresh_from_db()
    assert (report.state, report.situation) == (WardReportState.ACKNOWLEDGED, "Đã bổ sung số liệu phổ cập.")
    assert list(report.history.values_list("transition", "to_state")) == [
        ("submit", "submitted"),
        ("return", "returned"),
        ("submit", "submitted"),
        ("acknowledge", "acknowledged"),
    ]
    page = staff.get(report.get_absolute_url()).content.decode()
    assert "Bổ sung số liệu phổ cập." in page.split('id="history"', 1)[1]

    # The administrator undoes the acknowledgement, with a reason.
    admin = login(system_admin)
    _post(admin, f"/plans/ward-reports/{report.pk}/undo/", {"reason": "Xác nhận nhầm."})
    report.refresh_from_db()
    assert report.state == WardReportState.SUBMITTED
    assert report.history.last().transition == "undo"


def test_the_clc_figures_on_the_report_are_those_of_centers(
    login, ward, center, center_director, ward_officer
):
    class_with_sessions(center, center_director)  # 2018: three learners, sessions of 2 and 3 attendances
    talk = health_talk(center, center_director)
    record_session(
        talk, center_director, date=datetime.date(2018, 4, 10), total=120, women=70, ethnic_minority=5
    )
    report = start_ward_report(ward, 2018, WardReportKind.REPORT, ward_officer)

    page = login(ward_officer).get(report.get_absolute_url()).content.decode()
    figures = page.split('id="clc-figures"', 1)[1].split("</aside>", 1)[0]
    shown = {
        topic: re.findall(
            r'<th scope="row" class="fw-normal">(.*?)</th><td data-label="[^"]*">(.*?)</td>',
            figures.split(f'data-topic="{topic}"', 1)[1].split("</table>", 1)[0],
        )
        for topic in Topic.values
    }
    with translation.override("vi"):
        expected = {
            topic: [
                (escape(line.label), escape(line.value)) for line in topic_summary(ward, 2018, topic).lines
            ]
            for topic in Topic.values
        }
        attendances = gettext("Attendances in the year")
    assert shown == expected
    assert (escape(attendances), "125") in shown[Topic.ADULT_LEARNING]
    assert center_figures(center, 2018).total.attendances == 125


def test_save_is_refused_once_sent_and_starting_again_gives_the_same_plan(ward, ward_officer):
    report = start_ward_report(ward, 2018, WardReportKind.PLAN, ward_officer)
    save_ward_report(report, ward_officer, **TEXTS)
    WARD_REPORT_WORKFLOW.perform(report, "submit", ward_officer)

    with pytest.raises(ValidationError):
        save_ward_report(report, ward_officer, situation="Đổi")

    report.refresh_from_db()
    assert report.situation == TEXTS["situation"]
    assert start_ward_report(ward, 2018, WardReportKind.PLAN, ward_officer) == report
    assert WardReport.objects.count() == 1
