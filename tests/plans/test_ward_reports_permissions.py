"""Who may open which page of the wards' reports: a ward's unsent report stays the ward's."""

import pytest

from plans.models import WardReportKind
from plans.ward_report_workflow import WARD_REPORT_WORKFLOW
from plans.ward_reports import save_ward_report, start_ward_report
from tests.helpers import pdf_text
from tests.plans.report_data import TEXTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(ward, ward_officer):
    report = start_ward_report(ward, 2018, WardReportKind.REPORT, ward_officer)
    save_ward_report(report, ward_officer, **TEXTS)
    return report


@pytest.fixture
def sent(draft, ward_officer):
    WARD_REPORT_WORKFLOW.perform(draft, "submit", ward_officer)
    return draft


def test_another_wards_officer_never_sees_an_unsent_report(login, draft, other_ward_officer, ward):
    client = login(other_ward_officer)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/plans/ward-reports/{draft.pk}/pdf/").status_code == 404
    assert client.get(f"/plans/wards/{ward.code}/reports/").status_code == 403


@pytest.mark.parametrize("persona", ["education_staff", "steering_member", "district_chairman", "inspector"])
def test_the_district_does_not_see_a_draft_but_sees_it_once_sent(
    login, request, persona, draft, ward_officer
):
    client = login(request.getfixturevalue(persona))
    assert client.get(draft.get_absolute_url()).status_code == 404
    table = client.get("/plans/ward-reports/year/2018/").content.decode()
    assert draft.get_absolute_url() not in table

    WARD_REPORT_WORKFLOW.perform(draft, "submit", ward_officer)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert TEXTS["situation"] in response.content.decode()
    assert draft.get_absolute_url() in client.get("/plans/ward-reports/year/2018/").content.decode()


def test_the_other_ward_sees_not_even_a_sent_report(login, sent, other_ward_officer):
    assert login(other_ward_officer).get(sent.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/plans/wards/P01/reports/",
        "/plans/ward-reports/year/2018/",
        "/plans/district-report/2018/",
        "/plans/district-report/2018/report.pdf",
        "/plans/district-report/2018/report.docx",
    ],
)
def test_anonymous_goes_to_login(client, ward, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_goes_to_login_from_a_report(client, sent):
    response = client.get(sent.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["ward_officer", "other_ward_officer", "center_director"])
def test_the_wards_side_may_not_open_the_district_pages(login, request, persona, ward):
    client = login(request.getfixturevalue(persona))
    assert client.get("/plans/ward-reports/year/2018/").status_code == 403
    assert client.get("/plans/district-report/2018/").status_code == 403


def test_only_the_wards_officer_writes_and_starts(
    login, draft, ward_chairman, education_staff, other_ward_officer
):
    for user in (ward_chairman, other_ward_officer):
        client = login(user)
        response = client.post(
            f"/plans/wards/{draft.ward.code}/reports/start/", {"kind": "plan", "year": "2018"}
        )
        assert response.status_code == 403
    response = login(ward_chairman).post(draft.get_absolute_url(), {**TEXTS, "situation": "Đổi"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.situation == TEXTS["situation"]


def test_the_chairman_may_send_but_not_acknowledge(login, draft, ward_chairman, ward_officer):
    client = login(ward_chairman)
    assert client.post(f"/plans/ward-reports/{draft.pk}/step/submit/").status_code == 302
    draft.refresh_from_db()
    assert draft.state == "submitted"
    assert client.post(f"/plans/ward-reports/{draft.pk}/step/acknowledge/").status_code == 403
    assert (
        login(ward_officer).post(f"/plans/ward-reports/{draft.pk}/step/return/", {"reason": "x"}).status_code
        == 403
    )
    draft.refresh_from_db()
    assert draft.state == "submitted"


@pytest.mark.parametrize("persona", ["steering_member", "district_chairman", "inspector", "ward_officer"])
def test_only_district_staff_acknowledge(login, request, persona, sent):
    response = login(request.getfixturevalue(persona)).post(
        f"/plans/ward-reports/{sent.pk}/step/acknowledge/"
    )
    assert response.status_code in (403, 404)
    sent.refresh_from_db()
    assert sent.state == "submitted"


@pytest.mark.parametrize("persona", ["education_staff", "ward_officer"])
def test_only_the_administrator_undoes(login, request, persona, sent):
    response = login(request.getfixturevalue(persona)).post(
        f"/plans/ward-reports/{sent.pk}/undo/", {"reason": "x"}
    )
    assert response.status_code == 403
    sent.refresh_from_db()
    assert sent.state == "submitted"


def test_the_pdf_shows_the_sections_and_the_figures(login, sent, ward_officer):
    response = login(ward_officer).get(f"/plans/ward-reports/{sent.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "BÁO CÁO" in text
    assert TEXTS["proposals"] in text
    assert "Số liệu của Trung tâm học tập cộng đồng năm 2018" in text
