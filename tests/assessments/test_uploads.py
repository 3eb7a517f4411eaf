"""Evidence uploads checked like a bank would: content, extension, size, name; nothing stored on refusal."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
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


def test_pdf_that_is_also_a_web_page_is_refused_with_a_message_and_nothing_saved(
    settings, login, preparing, ward_officer, criterion
):
    polyglot = PDF_BYTES.replace(b"%PDF-1.4\n", b"%PDF-1.4\n%<html><script>fetch('/')</script>\n", 1)
    response = login(ward_officer).post(
        edit_url(preparing),
        {
            "points": "5",
            "comment": "",
            "version": "0",
            "files": [SimpleUploadedFile("nghi-quyet.pdf", polyglot)],
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["files"] == [
        vi(
            "%(name)s: the file is a PDF that also contains a web page; save it again as a plain PDF.",
            name="nghi-quyet.pdf",
        )
    ]
    assert "tệp PDF này có chứa cả một trang web" in response.content.decode()
    assert EvidenceFile.objects.count() == 0
    assert CriterionSelfScore.objects.count() == 0
    assert stored_files(settings) == []


def test_pdf_protected_by_a_password_is_refused_with_a_message(
    settings, login, preparing, ward_officer, criterion
):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF_BYTES)))
    writer.encrypt("mat-khau", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    response = login(ward_officer).post(
        edit_url(preparing),
        {"points": "5", "version": "0", "files": [SimpleUploadedFile("bao-cao.pdf", output.getvalue())]},
    )

    assert response.context["form"].errors["files"] == [
        vi(
            "%(name)s: the PDF is protected by a password; remove the protection and upload it again.",
            name="bao-cao.pdf",
        )
    ]
    assert EvidenceFile.objects.count() == 0
    assert stored_files(settings) == []


class RecordingUploadHandler(FileUploadHandler):
    """Notes every file Django starts to receive: a refused body must never get this far."""

    started: list[str] = []

    def new_file(self, field_name, file_name, *args, **kwargs):
        self.started.append(file_name)
        super().new_file(field_name, file_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


def test_body_over_the_request_limit_gets_the_413_page_before_anything_is_read(
    settings, login, preparing, ward_officer, criterion
):
    settings.PORTAL_MAX_REQUEST_BYTES = 64 * 1024
    settings.FILE_UPLOAD_HANDLERS = [
        f"{__name__}.RecordingUploadHandler",
        *settings.FILE_UPLOAD_HANDLERS,
    ]
    RecordingUploadHandler.started.clear()
    big = PDF_BYTES + b"%" + b"x" * (64 * 1024) + b"\n"
    response = login(ward_officer).post(
        edit_url(preparing), {"points": "5", "version": "0", "files": [SimpleUploadedFile("lon.pdf", big)]}
    )

    html = response.content.decode()
    assert response.status_code == 413
    assert '<h1 class="h3">Dữ liệu gửi lên quá lớn</h1>' in html
    assert (
        vi(
            "What you sent is larger than the portal accepts in one go (%(limit)s). Nothing has been saved.",
            limit=filesizeformat_vi(64 * 1024),
        )
        in html
    )
    assert RecordingUploadHandler.started == []
    assert EvidenceFile.objects.count() == 0
    assert CriterionSelfScore.objects.count() == 0
    assert stored_files(settings) == []


def test_body_within_the_request_limit_is_read_and_saved(settings, login, preparing, ward_officer, criterion):
    settings.PORTAL_MAX_REQUEST_BYTES = 64 * 1024
    response = login(ward_officer).post(
        edit_url(preparing),
        {"points": "5", "version": "0", "files": [SimpleUploadedFile("nho.pdf", PDF_BYTES)]},
    )

    assert response.status_code == 302
    assert EvidenceFile.objects.get().original_name == "nho.pdf"


def filesizeformat_vi(size: int) -> str:
    with translation.override("vi"):
        return filesizeformat(size)
