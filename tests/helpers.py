"""Plain helpers shared by several test modules (fixtures live in the conftest files)."""

import datetime
import io
import re
import unicodedata
import zipfile
from pathlib import Path

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext
from docx import Document
from pypdf import PdfReader

from assessments.plan import save_plan

# --- Personas (fixtures of tests/conftest.py) -----------------------------------------------------

# Every signed-in role, for tests parametrised over who asks.
PERSONAS = [
    "ward_officer",
    "ward_chairman",
    "other_ward_officer",
    "education_staff",
    "promotion_staff",
    "inspector",
    "district_chairman",
    "steering_member",
    "system_admin",
]
# Those who see a ward's dossier but may not edit it (the ward officer may).
REFUSED_EDITORS = [
    "ward_chairman",
    "education_staff",
    "promotion_staff",
    "inspector",
    "district_chairman",
    "steering_member",
    "system_admin",
]

# --- Messages in the portal's language ------------------------------------------------------------


def vi_text(msgid: str, **values) -> str:
    """``msgid`` in Vietnamese with its placeholders filled, not escaped (form errors, messages, context)."""
    with translation.override("vi"):
        text = gettext(msgid)
    return text % values if values else text


def vi(msgid: str, **values) -> str:
    """``msgid`` as the page shows it (Vietnamese, HTML-escaped), with its placeholders filled."""
    return escape(vi_text(msgid, **values))


def vi_plural(singular: str, plural: str, *, count: int, **values) -> str:
    with translation.override("vi"):
        text = ngettext(singular, plural, count)
    return text % {"count": count, **values}


# --- Files ------------------------------------------------------------------------------------------

EXE_BYTES = b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 400


def png_bytes() -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(output, "PNG")
    return output.getvalue()


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Biên bản họp Ban chỉ đạo")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def jpeg_bytes() -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(output, "JPEG")
    return output.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Số lớp", 12])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def stored_files(settings) -> list[Path]:
    root = Path(settings.PRIVATE_FILES_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def open_zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


# --- Generated documents ----------------------------------------------------------------------------


def normalised(text: str) -> str:
    """NFC, whitespace collapsed: how extracted PDF text is compared."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def pdf_text(pdf: bytes) -> str:
    return normalised(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return " ".join(" ".join(parts).split())


# --- Form posts ------------------------------------------------------------------------------------


def scheme_post(framework, *, maxima=None, minimums=None, confirm=False) -> dict:
    """The POST of the framework page: every criterion and grade as shown, with changes."""
    criteria = list(framework.criteria.order_by("number"))
    bands = list(framework.bands.order_by("-min_points"))
    data = {
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(len(criteria)),
        "bands-TOTAL_FORMS": str(len(bands)),
        "bands-INITIAL_FORMS": str(len(bands)),
    }
    for index, criterion in enumerate(criteria):
        data |= {
            f"criteria-{index}-id": str(criterion.pk),
            f"criteria-{index}-title_vi": criterion.title_vi,
            f"criteria-{index}-title_en": criterion.title_en,
            f"criteria-{index}-guidance": criterion.guidance,
            f"criteria-{index}-max_points": maxima[index] if maxima else str(criterion.max_points),
        }
    for index, band in enumerate(bands):
        data |= {
            f"bands-{index}-id": str(band.pk),
            f"bands-{index}-label_vi": band.label_vi,
            f"bands-{index}-label_en": band.label_en,
            f"bands-{index}-min_points": minimums[index] if minimums else str(band.min_points),
        }
    if confirm:
        data["confirm"] = "on"
    return data


# --- Data through the domain ------------------------------------------------------------------------


def write_plan(assessment, officer, **fields):
    """A complete self-inspection plan (it may be sent), with ``fields`` replacing the defaults."""
    data = {
        "number": "12/KH-UBND",
        "issued_on": datetime.date(assessment.cycle.year, 9, 24),
        "team_members": "Trưởng đoàn: Nguyễn Văn An\nThư ký: Phạm Thị Dung",
        "schedule": "Từ 01/10/2018 đến 20/10/2018",
        "content": "Tự kiểm tra 15 tiêu chí.",
        **fields,
    }
    return save_plan(assessment, data, officer)
