"""CSV has no magic bytes: plain text is taken for CSV, and only where CSV is allowed (class lists)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from engines.uploads import CSV, EVIDENCE_TYPES, TABLE_TYPES, XLSX, validate_upload
from tests.helpers import EXE_BYTES, xlsx_bytes

TEXT = "Họ và tên;Năm sinh\r\nNguyễn Thị Lan;1980\r\n"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("danh-sach.csv", TEXT.encode("utf-8-sig"), CSV),
        ("danh-sach.CSV", "Ho va ten\tNam sinh\n".encode("cp1258"), CSV),
        ("danh-sach.xlsx", None, XLSX),
    ],
)
def test_tables_are_accepted_as_xlsx_or_csv(name, content, expected):
    content_type, _sha = validate_upload(SimpleUploadedFile(name, content or xlsx_bytes()), TABLE_TYPES)
    assert content_type == expected


@pytest.mark.parametrize(
    ("name", "content", "allowed", "code"),
    [
        ("danh-sach.csv", EXE_BYTES, TABLE_TYPES, "kind_not_allowed"),  # binary named .csv
        ("danh-sach.csv", b"\x00\x01binary", TABLE_TYPES, "kind_not_allowed"),
        ("danh-sach.xlsx", TEXT.encode(), TABLE_TYPES, "extension_mismatch"),  # text named .xlsx
        ("ghi-chu.csv", TEXT.encode(), EVIDENCE_TYPES, "kind_not_allowed"),  # evidence takes no CSV
    ],
)
def test_what_is_no_csv_or_not_allowed_is_refused(name, content, allowed, code):
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile(name, content), allowed)
    assert refused.value.code == code
