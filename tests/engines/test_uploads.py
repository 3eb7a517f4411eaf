"""Upload checks like a bank's: the content decides the kind, the extension must agree, size first, safe names."""

import hashlib
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from engines.storage import generated_name, private_storage
from engines.uploads import (
    DOCX,
    JPEG,
    PDF,
    PNG,
    SCAN_TYPES,
    XLSX,
    content_type_for_name,
    sanitise_name,
    validate_upload,
)
from tests.assessments.conftest import PDF_BYTES
from tests.helpers import EXE_BYTES, docx_bytes, jpeg_bytes, png_bytes, xlsx_bytes


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bao-cao.pdf", PDF_BYTES, PDF),
        ("anh.png", None, PNG),
        ("anh.JPG", None, JPEG),
        ("anh.jpeg", None, JPEG),
        ("bien-ban.docx", None, DOCX),
        ("so-lieu.xlsx", None, XLSX),
    ],
)
def test_validate_upload_accepts_allowed_kinds_by_content(settings, name, content, expected):
    builders = {PNG: png_bytes, JPEG: jpeg_bytes, DOCX: docx_bytes, XLSX: xlsx_bytes}
    content = content or builders[expected]()
    content_type, sha256 = validate_upload(SimpleUploadedFile(name, content))

    assert (content_type, sha256) == (expected, hashlib.sha256(content).hexdigest())


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("hop-dong.pdf", EXE_BYTES, "kind_not_allowed"),
        ("anh.pdf", None, "extension_mismatch"),  # a PNG named .pdf
        ("bao-cao", PDF_BYTES, "extension_mismatch"),
        ("trong.pdf", b"", "empty"),
        ("ghi-chu.pdf", b"just some text, not a PDF", "kind_not_allowed"),
    ],
)
def test_validate_upload_refuses_by_content_extension_and_emptiness(name, content, code):
    content = png_bytes() if content is None else content
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile(name, content))
    assert refused.value.code == code


def test_validate_upload_refuses_a_plain_zip_renamed_docx():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("readme.txt", "not a Word document")
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile("bien-ban.docx", output.getvalue()))
    assert refused.value.code == "kind_not_allowed"


def test_validate_upload_for_scans_refuses_docx():
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile("to-trinh.docx", docx_bytes()), SCAN_TYPES)
    assert refused.value.code == "kind_not_allowed"


class _UnreadableUpload:
    """An uploaded file that fails the test if anything reads it."""

    name = "lon.pdf"
    size = 11

    def read(self, *args):
        raise AssertionError("read before the size was checked")

    seek = chunks = read


def test_validate_upload_checks_the_size_before_reading(settings):
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ValidationError) as refused:
        validate_upload(_UnreadableUpload())
    assert refused.value.code == "too_large"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("/abs/path/x.pdf", "x.pdf"),
        ("..\\..\\windows\\x.pdf", "x.pdf"),
        ("C:\\Users\\Dung\\Minh chứng 1.pdf", "Minh chứng 1.pdf"),
        ("bad\x00name\x1f.pdf", "badname.pdf"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_sanitise_name_keeps_a_safe_base_name(name, expected):
    assert sanitise_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x.PDF", PDF),
        ("x.jpeg", JPEG),
        ("x.docx", DOCX),
        ("x.exe", "application/octet-stream"),
        ("x", "application/octet-stream"),
    ],
)
def test_content_type_for_name_reads_the_extension(name, expected):
    assert content_type_for_name(name) == expected


@pytest.mark.parametrize(
    ("original", "suffix"),
    [
        ("Báo cáo.PDF", ".pdf"),
        ("../../etc/passwd", ""),
        ("x.tar.gz", ".gz"),
        ("x.pdf;.exe", ".exe"),
        ("x.p-f", ""),
        ("a.verylongext", ""),
    ],
)
def test_generated_name_keeps_only_a_short_extension(original, suffix):
    name = generated_name("evidence/2018/P01", original)

    assert re.fullmatch(rf"evidence/2018/P01/[0-9a-f]{{32}}{re.escape(suffix)}", name)
    assert generated_name("evidence/2018/P01", original) != name


def test_private_storage_follows_the_setting_at_each_use(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"

    assert private_storage.location == str(tmp_path / "private")


# --- PDFs are opened, not only sniffed ---


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF_BYTES)))
    writer.encrypt("mat-khau", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


POLYGLOT = PDF_BYTES.replace(b"%PDF-1.4\n", b"%PDF-1.4\n%<html><script>alert(document.cookie)</script>\n", 1)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (POLYGLOT, "pdf_polyglot"),
        (PDF_BYTES[:9] + b"<!DOCTYPE HTML><body onload=alert(1)>" + PDF_BYTES[9:], "pdf_polyglot"),
        (b"%PDF-1.7\n" + b"<svg onload=alert(1)>" + b"\x00" * 64, "pdf_polyglot"),
        (b"%PDF-1.4\nnot a PDF after its header\n%%EOF\n", "pdf_unreadable"),
        (PDF_BYTES[: len(PDF_BYTES) // 2], "pdf_unreadable"),  # cut in half: no page tree
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "pdf_unreadable"),  # no page
        (None, "pdf_encrypted"),
    ],
    ids=["html-after-header", "doctype", "svg", "garbage", "truncated", "no-page", "encrypted"],
)
def test_validate_upload_opens_a_pdf_and_refuses_polyglots_forgeries_and_encryption(content, code):
    content = _encrypted_pdf() if content is None else content
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile("bao-cao.pdf", content))
    assert refused.value.code == code


def test_validate_upload_refuses_html_before_the_pdf_header():
    """Readers accept a header anywhere in the first kilobyte; the portal only at the first byte."""
    content = b"<html><script>alert(1)</script></html>\n" + PDF_BYTES
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile("bao-cao.pdf", content))
    assert refused.value.code == "kind_not_allowed"


def test_validate_upload_leaves_a_checked_pdf_ready_to_be_stored_from_its_first_byte():
    upload = SimpleUploadedFile("bao-cao.pdf", PDF_BYTES)

    validate_upload(upload)

    assert upload.read() == PDF_BYTES
