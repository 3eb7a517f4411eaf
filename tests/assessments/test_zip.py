"""The whole dossier as one ZIP: evidence per criterion, signed scans, the score sheet."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook

from assessments.dossier_zip import dossier_zip_entries
from assessments.models import AssessmentState as S
from assessments.models import DossierDocument, EvidenceFile
from engines.documents.numbering import numbers_of
from tests.assessments.conftest import PDF_BYTES, add_evidence, complete_dossier
from tests.factories import AssessmentFactory
from tests.helpers import open_zip, pdf_text, png_bytes, write_plan

# The ward's documents generated into the ZIP: the plan (every assessment past step 1 has one), then the rest.
GENERATED = [
    "Van-ban-dien-tu/KH-P01-2018.pdf",
    "Van-ban-dien-tu/TTr-P01-2018.pdf",
    "Van-ban-dien-tu/BC-P01-2018.pdf",
    "Van-ban-dien-tu/BB-P01-2018.pdf",
]


def zip_url(assessment):
    return reverse("assessments:dossier_zip", args=[assessment.pk])


def add_file(assessment, number, user, name, content, content_type):
    evidence = EvidenceFile(
        assessment=assessment,
        criterion=assessment.cycle.framework.criteria.get(number=number),
        original_name=name,
        content_type=content_type,
        size=len(content),
        sha256="0" * 64,
        uploaded_by=user,
    )
    evidence.file.save(name, ContentFile(content), save=True)
    return evidence


def test_dossier_zip_holds_evidence_per_criterion_scans_and_the_sheet(login, preparing, ward_officer):
    png = png_bytes()
    add_evidence(
        preparing, preparing.cycle.framework.criteria.get(number=1), ward_officer, name="nghị quyết.pdf"
    )
    add_file(preparing, 1, ward_officer, "Nghị Quyết.PDF", b"%PDF-1.4 second", "application/pdf")
    add_file(preparing, 1, ward_officer, "nghị quyết.pdf", b"%PDF-1.4 third", "application/pdf")
    add_file(preparing, 12, ward_officer, "anh.png", png, "image/png")
    document = DossierDocument.objects.create(assessment=preparing, kind="to_trinh", scan_name="to trinh.pdf")
    document.scan.save("to trinh.pdf", ContentFile(b"%PDF-1.4 scan"), save=True)

    response = login(ward_officer).get(zip_url(preparing))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="ho-so-P01-2018.zip"'
    archive = open_zip(response)
    assert archive.namelist() == [
        "Tieu-chi-01/nghị quyết.pdf",
        "Tieu-chi-01/Nghị Quyết (2).PDF",
        "Tieu-chi-01/nghị quyết (3).pdf",
        "Tieu-chi-12/anh.png",
        "Van-ban/to-trinh.pdf",
        *GENERATED,
        "tong-hop.xlsx",
    ]
    assert archive.read("Tieu-chi-01/nghị quyết.pdf") == PDF_BYTES
    assert archive.read("Tieu-chi-01/Nghị Quyết (2).PDF") == b"%PDF-1.4 second"
    assert archive.read("Tieu-chi-01/nghị quyết (3).pdf") == b"%PDF-1.4 third"
    assert archive.read("Tieu-chi-12/anh.png") == png
    assert archive.read("Van-ban/to-trinh.pdf") == b"%PDF-1.4 scan"
    for name in GENERATED:
        assert archive.read(name).startswith(b"%PDF")
    sheet = load_workbook(io.BytesIO(archive.read("tong-hop.xlsx"))).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == list(range(1, 16))


def test_dossier_zip_of_a_complete_dossier_lists_every_criterion_and_document(login, preparing, ward_officer):
    complete_dossier(preparing, ward_officer)
    names = open_zip(login(ward_officer).get(zip_url(preparing))).namelist()
    assert names == [f"Tieu-chi-{n:02d}/minh-chung.pdf" for n in range(1, 16)] + [
        "Van-ban/to-trinh.pdf",
        "Van-ban/bao-cao.pdf",
        "Van-ban/bien-ban.pdf",
        *GENERATED,
        "tong-hop.xlsx",
    ]


def test_dossier_zip_entries_can_be_opened_lazily(preparing, ward_officer):
    add_evidence(preparing, preparing.cycle.framework.criteria.get(number=3), ward_officer)
    entries = list(dossier_zip_entries(preparing))
    assert [entry.arcname for entry in entries] == ["Tieu-chi-03/minh-chung.pdf", *GENERATED, "tong-hop.xlsx"]
    with entries[0].open() as handle:
        assert handle.read() == PDF_BYTES
    with entries[1].open() as handle:
        assert handle.read().startswith(b"%PDF")


@pytest.mark.parametrize("persona", ["ward_chairman", "education_staff", "inspector", "district_chairman"])
def test_dossier_zip_for_the_ward_and_the_district(
    request, login, walk_to, assessment, ward_officer, persona
):
    walk_to(assessment, S.SUBMITTED)
    response = login(request.getfixturevalue(persona)).get(zip_url(assessment))
    assert response.status_code == 200
    assert len(open_zip(response).namelist()) == 15 + 3 + len(GENERATED) + 1


def test_dossier_zip_of_another_ward_is_404(
    login, preparing, ward_officer, other_ward_officer, other_ward, cycle
):
    add_evidence(preparing, preparing.cycle.framework.criteria.get(number=1), ward_officer)
    assert login(other_ward_officer).get(zip_url(preparing)).status_code == 404
    other = AssessmentFactory(cycle=cycle, ward=other_ward)
    assert login(ward_officer).get(zip_url(other)).status_code == 404
    anonymous = login(None).get(zip_url(preparing))
    assert (anonymous.status_code, anonymous.url.split("?")[0]) == (302, reverse("login"))


def test_dossier_zip_never_writes_outside_its_folders(login, preparing, ward_officer):
    """A name that did not come through the upload form (admin, old data) is still reduced to a base name."""
    add_file(preparing, 2, ward_officer, "../../evil.pdf", PDF_BYTES, "application/pdf")
    names = open_zip(login(ward_officer).get(zip_url(preparing))).namelist()
    assert names == ["Tieu-chi-02/evil.pdf", *GENERATED, "tong-hop.xlsx"]


def test_dossier_zip_holds_the_written_plan_and_keeps_the_documents_numbers(
    login, walk_to, assessment, ward_officer
):
    """The first ZIP issues the documents' numbers; the next ZIP prints the same numbers again."""
    write_plan(assessment, ward_officer)
    preparing = walk_to(assessment, S.DOSSIER_PREPARATION)
    client = login(ward_officer)

    first = open_zip(client.get(zip_url(preparing)))
    numbers = {key: issued.number for key, issued in numbers_of(preparing).items()}
    second = open_zip(client.get(zip_url(preparing)))

    assert first.namelist() == second.namelist() == [*GENERATED, "tong-hop.xlsx"]
    # The plan carries the number the ward gave it and takes none from the register.
    assert numbers == {"ward_proposal": 1, "ward_report": 1, "ward_minutes": 1}
    assert {key: issued.number for key, issued in numbers_of(preparing).items()} == numbers
    plan_text = pdf_text(first.read("Van-ban-dien-tu/KH-P01-2018.pdf"))
    assert "Số: 12/KH-UBND" in plan_text
    assert "KẾ HOẠCH" in plan_text
    assert pdf_text(second.read("Van-ban-dien-tu/BB-P01-2018.pdf")).count("Số: 01/BB-UBND") == 1
