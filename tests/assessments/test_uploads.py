"""Evidence uploads checked like a bank would: content, extension, size, name; nothing stored on refusal."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from assessments.models import CriterionSelfScore, EvidenceFile
from engines.uploads import DOCX, JPEG, PNG, XLSX
from tests.assessments.conftest import PDF_BYTES
from tests.helpers import EXE_BYTES, docx_bytes, jpeg_bytes, png_bytes, stored_files, xlsx_bytes
from tests.helpers import vi_text as vi


@pytest.fixture
def criterion(assessment):
    return assessment.cycle.framework.criteria.get(number=1)


def edit_url(assessment, number=1):
    return reverse("assessments:criterion_edit", args=[assessment.pk, number])


def post_multipart(client, url, fields: dict, files: list[tuple[str, str, bytes]]):
    """A hand-made multipart body, so file names reach the server exactly as a hostile client sends them."""
    boundary = "----portal-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for field, filename, content in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


# --- through the criterion page ---


def test_upload_of_an_executable_renamed_pdf_is_refused_and_nothing_saved(
    settings, login, preparing, ward_officer, criterion
):
    client = login(ward_officer)
    response = client.post(
        edit_url(preparing),
        {"points": "0", "comment": "", "files": [SimpleUploadedFile("quyet-dinh.pdf", EXE_BYTES)]},
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["files"]] == ["kind_not_allowed"]
    assert EvidenceFile.objects.count() == 0
    assert stored_files(settings) == []


def test_oversize_upload_is_refused_before_it_is_stored(settings, login, preparing, ward_officer, criterion):
    settings.EVIDENCE_MAX_BYTES = 20
    client = login(ward_officer)
    response = client.post(
        edit_url(preparing), {"points": "5", "files": [SimpleUploadedFile("bao-cao.pdf", PDF_BYTES)]}
    )
    with translation.override("vi"):
        limit = filesizeformat(20)
    assert response.context["form"].errors["files"] == [
        vi("%(name)s: the file is larger than %(limit)s.", name="bao-cao.pdf", limit=limit)
    ]
    assert EvidenceFile.objects.count() == 0
    assert stored_files(settings) == []


def test_empty_upload_is_refused(settings, login, preparing, ward_officer):
    response = login(ward_officer).post(
        edit_url(preparing), {"points": "0", "files": [SimpleUploadedFile("trong.pdf", b"")]}
    )
    assert response.context["form"].errors["files"] == [vi("%(name)s: the file is empty.", name="trong.pdf")]
    assert EvidenceFile.objects.count() == 0
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("sent_name", "kept_name"),
    [("../../etc/passwd.pdf", "passwd.pdf"), ("/abs/path/x.pdf", "x.pdf"), ("..\\..\\x.pdf", "x.pdf")],
)
def test_hostile_file_names_are_stored_under_a_generated_name(
    settings, login, preparing, ward_officer, criterion, sent_name, kept_name
):
    response = post_multipart(
        login(ward_officer),
        edit_url(preparing),
        {"points": "6.5", "comment": "", "version": "0"},
        [("files", sent_name, PDF_BYTES)],
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.original_name == kept_name
    assert re.fullmatch(r"evidence/2018/P01/[0-9a-f]{32}\.pdf", evidence.file.name)
    root = Path(settings.PRIVATE_FILES_ROOT).resolve()
    assert stored_files(settings) == [root / evidence.file.name]
    assert (root / evidence.file.name).read_bytes() == PDF_BYTES


def test_valid_docx_xlsx_png_and_jpeg_are_accepted_together(
    settings, login, preparing, ward_officer, criterion
):
    files = {
        "bien-ban.docx": (docx_bytes(), DOCX),
        "so-lieu.xlsx": (xlsx_bytes(), XLSX),
        "anh-lop-hoc.png": (png_bytes(), PNG),
        "anh-hoi-thao.jpg": (jpeg_bytes(), JPEG),
    }
    response = login(ward_officer).post(
        edit_url(preparing),
        {
            "points": "7",
            "comment": "Đủ minh chứng",
            "version": "0",
            "files": [SimpleUploadedFile(name, content) for name, (content, _type) in files.items()],
        },
    )
    assert response.status_code == 302
    saved = {e.original_name: (e.content_type, e.size, e.uploaded_by) for e in EvidenceFile.objects.all()}
    assert saved == {name: (ctype, len(content), ward_officer) for name, (content, ctype) in files.items()}
    assert len(stored_files(settings)) == 4


def test_rejected_upload_keeps_typed_score_and_comment_and_saves_nothing(
    settings, login, preparing, ward_officer, criterion
):
    CriterionSelfScore.objects.create(
        assessment=preparing, criterion=criterion, points=Decimal(0), comment="cũ"
    )
    client = login(ward_officer)
    response = client.post(
        edit_url(preparing),
        {
            "points": "6,5",
            "comment": "Nghị quyết số 12",
            "files": [
                SimpleUploadedFile("nghi-quyet.pdf", PDF_BYTES),
                SimpleUploadedFile("virus.pdf", EXE_BYTES),
            ],
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert (form["points"].value(), form["comment"].value()) == ("6,5", "Nghị quyết số 12")
    assert 'value="6,5"' in response.content.decode()
    assert "Nghị quyết số 12</textarea>" in response.content.decode()
    assert EvidenceFile.objects.count() == 0
    assert stored_files(settings) == []
    score = CriterionSelfScore.objects.get()
    assert (score.points, score.comment) == (Decimal(0), "cũ")
    preparing.refresh_from_db()
    assert preparing.self_total == Decimal(0)
