"""The three signed documents of the dossier: number, date, signer and scan; who may edit and download."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.cycles import plausible_date_window
from assessments.dossier import save_dossier_document
from assessments.models import AssessmentState as S
from assessments.models import Cycle, DocumentKind, DossierDocument
from tests.assessments.conftest import PDF_BYTES
from tests.factories import AssessmentFactory
from tests.helpers import EXE_BYTES, REFUSED_EDITORS, docx_bytes, png_bytes, stored_files
from tests.helpers import vi_text as vi


def edit_url(assessment, kind=DocumentKind.PROPOSAL):
    return reverse("assessments:document_edit", args=[assessment.pk, kind])


def scan_url(assessment, kind=DocumentKind.PROPOSAL):
    return reverse("assessments:document_scan", args=[assessment.pk, kind])


def proposal_data(**overrides):
    return {
        "number": "05/TTr-UBND",
        "issued_on": "05/10/2018",
        "signer": "Nguyễn Văn An",
        "scan": SimpleUploadedFile("to-trinh-ky.pdf", PDF_BYTES),
        **overrides,
    }


def test_document_page_offers_the_wards_chairman_as_signer(login, preparing, ward_officer):
    response = login(ward_officer).get(edit_url(preparing))
    assert response.status_code == 200
    assert response.context["kind"] == DocumentKind.PROPOSAL
    assert response.context["form"]["signer"].value() == "Nguyễn Văn An"
    assert response.context["document"] is None


def test_document_save_stores_number_date_signer_and_scan(settings, login, preparing, ward_officer):
    response = login(ward_officer).post(edit_url(preparing), proposal_data())
    assert (response.status_code, response.url) == (302, preparing.get_absolute_url())
    document = DossierDocument.objects.get(assessment=preparing, kind=DocumentKind.PROPOSAL)
    assert (document.number, document.issued_on, document.signer, document.scan_name) == (
        "05/TTr-UBND",
        datetime.date(2018, 10, 5),
        "Nguyễn Văn An",
        "to-trinh-ky.pdf",
    )
    assert document.is_complete
    assert stored_files(settings) == [Path(settings.PRIVATE_FILES_ROOT).resolve() / document.scan.name]


def test_new_scan_replaces_the_old_file_and_keeping_fields_without_a_scan(
    settings, login, preparing, ward_officer, django_capture_on_commit_callbacks
):
    client = login(ward_officer)
    client.post(edit_url(preparing), proposal_data())
    old_name = DossierDocument.objects.get().scan.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(preparing), proposal_data(scan=SimpleUploadedFile("to-trinh.png", png_bytes())))
    document = DossierDocument.objects.get()
    assert document.scan_name == "to-trinh.png"
    assert document.scan.name.endswith(".png") and document.scan.name != old_name
    assert stored_files(settings) == [Path(settings.PRIVATE_FILES_ROOT).resolve() / document.scan.name]
    # No new file: the scan stays, the other fields change.
    client.post(edit_url(preparing), {"number": "06/TTr-UBND", "issued_on": "06/10/2018", "signer": "Trần B"})
    document.refresh_from_db()
    assert (document.number, document.issued_on, document.scan_name) == (
        "06/TTr-UBND",
        datetime.date(2018, 10, 6),
        "to-trinh.png",
    )


@pytest.mark.parametrize(
    ("scan", "code"),
    [
        (SimpleUploadedFile("to-trinh.docx", docx_bytes()), "kind_not_allowed"),
        (SimpleUploadedFile("to-trinh.pdf", EXE_BYTES), "kind_not_allowed"),
        (SimpleUploadedFile("to-trinh.pdf", png_bytes()), "extension_mismatch"),
    ],
)
def test_document_scan_must_be_a_pdf_or_image_by_content(
    settings, login, preparing, ward_officer, scan, code
):
    response = login(ward_officer).post(edit_url(preparing), proposal_data(scan=scan))
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["scan"]] == [code]
    assert response.context["form"]["number"].value() == "05/TTr-UBND"
    assert not DossierDocument.objects.exists()
    assert stored_files(settings) == []


def test_document_date_is_read_day_first(login, preparing, ward_officer):
    response = login(ward_officer).post(edit_url(preparing), proposal_data(issued_on="31/12/2018", scan=""))
    assert response.status_code == 302
    assert DossierDocument.objects.get().issued_on == datetime.date(2018, 12, 31)
    response = login(ward_officer).post(edit_url(preparing), proposal_data(issued_on="12/31/2018", scan=""))
    assert [e.code for e in response.context["form"].errors.as_data()["issued_on"]] == ["invalid"]
    assert DossierDocument.objects.get().issued_on == datetime.date(2018, 12, 31)


def test_unknown_document_kind_is_404(login, preparing, ward_officer):
    assert login(ward_officer).get(edit_url(preparing, kind="quyet_dinh")).status_code == 404
    assert login(ward_officer).get(scan_url(preparing, kind="quyet_dinh")).status_code == 404


@pytest.mark.parametrize("persona", REFUSED_EDITORS)
def test_document_edit_refused_to_other_personas(request, login, preparing, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(edit_url(preparing)).status_code == 403
    assert client.post(edit_url(preparing), proposal_data()).status_code == 403
    assert not DossierDocument.objects.exists()


def test_document_edit_404_for_another_ward_and_403_after_submission(
    login, walk_to, assessment, ward_officer, other_ward_officer
):
    assert login(other_ward_officer).post(edit_url(assessment), proposal_data()).status_code == 404
    assert not DossierDocument.objects.exists()
    walk_to(assessment, S.SUBMITTED)
    before = list(DossierDocument.objects.values_list("kind", "number"))
    assert login(ward_officer).post(edit_url(assessment), proposal_data(number="99")).status_code == 403
    assert list(DossierDocument.objects.values_list("kind", "number")) == before


@pytest.mark.parametrize("persona", ["ward_officer", "ward_chairman", "promotion_staff", "steering_member"])
def test_document_scan_download(request, login, preparing, ward_officer, persona):
    login(ward_officer).post(edit_url(preparing), proposal_data())
    response = login(request.getfixturevalue(persona)).get(scan_url(preparing))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="to-trinh-ky.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_document_scan_404_for_another_ward_and_when_missing(
    login, preparing, ward_officer, other_ward_officer, other_ward, cycle
):
    login(ward_officer).post(edit_url(preparing), proposal_data())
    assert login(other_ward_officer).get(scan_url(preparing)).status_code == 404
    other = AssessmentFactory(cycle=cycle, ward=other_ward)
    assert login(other_ward_officer).get(scan_url(other)).status_code == 404
    assert login(ward_officer).get(scan_url(preparing, kind=DocumentKind.REPORT)).status_code == 404


@pytest.mark.parametrize("typed", ["31/12/9999", "01/01/0001", "31/12/2016", "01/01/2020"])
def test_document_date_far_from_the_cycle_is_refused_and_what_was_typed_kept(
    settings, login, preparing, ward_officer, typed
):
    response = login(ward_officer).post(edit_url(preparing), proposal_data(issued_on=typed))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "issued_on": [vi("Enter a date from %(start)s to %(end)s.", start="01/01/2017", end="31/12/2019")]
    }
    assert f'value="{typed}"' in response.content.decode()
    assert response.context["form"]["number"].value() == "05/TTr-UBND"
    assert not DossierDocument.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize(("typed", "day"), [("01/01/2017", (2017, 1, 1)), ("31/12/2019", (2019, 12, 31))])
def test_document_date_within_the_cycle_window_is_accepted(login, preparing, ward_officer, typed, day):
    response = login(ward_officer).post(edit_url(preparing), proposal_data(issued_on=typed))

    assert response.status_code == 302
    assert DossierDocument.objects.get().issued_on == datetime.date(*day)


def test_save_dossier_document_refuses_an_implausible_date_whoever_calls_it(preparing, ward_officer):
    with pytest.raises(ValidationError) as refused:
        save_dossier_document(
            preparing,
            DocumentKind.REPORT,
            ward_officer,
            number="01/BC-UBND",
            issued_on=datetime.date(1, 1, 1),
            signer="Nguyễn Văn An",
            scan=None,
        )

    assert refused.value.code == "implausible_date"
    assert not DossierDocument.objects.exists()


@pytest.mark.parametrize(
    ("year", "window"),
    [(2018, ((2017, 1, 1), (2019, 12, 31))), (2025, ((2024, 1, 1), (2026, 12, 31)))],
)
def test_plausible_date_window_runs_from_the_year_before_to_the_year_after(year, window):
    start, end = window
    assert plausible_date_window(Cycle(year=year)) == (datetime.date(*start), datetime.date(*end))
