"""The "Documents" section of the assessment page: PDF and DOCX of the ward's documents for whoever sees the page."""

import re

import pytest
from django.urls import reverse

from assessments.models import AssessmentState as S
from engines.models import IssuedNumber
from tests.helpers import write_plan

WITHOUT_PLAN = ["ward_proposal", "ward_report", "ward_minutes"]


def links(assessment, keys):
    return [
        (
            reverse("assessments:document_pdf", args=[assessment.pk, key]),
            reverse("assessments:document_docx", args=[assessment.pk, key]),
        )
        for key in keys
    ]


def page_links(page: str) -> list[tuple[str, str]]:
    """The (PDF, DOCX) hrefs of the page's Documents section, in page order."""
    section = page.split('id="official-documents"', 1)[1].split("</section>", 1)[0]
    hrefs = re.findall(r'href="([^"]+)"', section)
    return list(zip(hrefs[::2], hrefs[1::2], strict=True))


def test_document_links_for_the_ward_officer_without_the_plan_until_it_is_written(
    login, assessment, ward_officer
):
    client = login(ward_officer)
    detail = reverse("assessments:detail", args=[assessment.pk])

    before = client.get(detail).content.decode()
    write_plan(assessment, ward_officer)
    after = client.get(detail).content.decode()

    assert page_links(before) == links(assessment, WITHOUT_PLAN)
    assert page_links(after) == links(assessment, ["ward_plan", *WITHOUT_PLAN])
    assert "Biên bản tự kiểm tra" in after
    assert IssuedNumber.objects.count() == 0  # showing the buttons issues no number


@pytest.mark.parametrize("persona", ["ward_chairman", "education_staff", "inspector", "steering_member"])
def test_document_links_for_everyone_who_sees_the_page(request, login, walk_to, assessment, persona):
    walk_to(assessment, S.SUBMITTED)  # a dossier is sent only after its plan
    page = login(request.getfixturevalue(persona)).get(reverse("assessments:detail", args=[assessment.pk]))
    assert page_links(page.content.decode()) == links(assessment, ["ward_plan", *WITHOUT_PLAN])


def test_document_link_pdf_is_the_document(login, assessment, ward_officer):
    write_plan(assessment, ward_officer)
    pdf_url, docx_url = links(assessment, ["ward_plan"])[0]
    client = login(ward_officer)

    pdf = client.get(pdf_url)
    docx = client.get(docx_url)

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'inline; filename="KH-P01-2018.pdf"'
    assert pdf.content.startswith(b"%PDF")
    assert docx.status_code == 200
    assert docx["Content-Disposition"] == 'attachment; filename="KH-P01-2018.docx"'


def test_document_links_are_not_shown_to_another_ward(login, assessment, ward_officer, other_ward_officer):
    write_plan(assessment, ward_officer)
    client = login(other_ward_officer)
    assert client.get(reverse("assessments:detail", args=[assessment.pk])).status_code == 404
    for pdf_url, docx_url in links(assessment, ["ward_plan", *WITHOUT_PLAN]):
        assert client.get(pdf_url).status_code == 404
        assert client.get(docx_url).status_code == 404
    assert IssuedNumber.objects.count() == 0
