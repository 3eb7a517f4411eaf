"""The literacy register as files: reading an uploaded XLSX or CSV, the blank template, the export.

Columns are found by their header, whatever their order, case or accents:
the national PCGD-XMC system's exports put a title above the table and name
columns their own way ("Ngày, tháng, năm sinh", "Dân tộc"), the ward's own
sheet uses the portal's template. Headers and cell words (Nam/Nữ, Mức độ 1…)
are the vocabulary of those Vietnamese forms, so they are constants here, not
interface text. The template and the export share one layout, so an export
can be corrected and imported again.

CSV: ``engines.uploads`` has no CSV kind yet, so ``check_csv_upload`` checks
it here the same way (extension, size, UTF-8 text with or without BOM).
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from centers.models import Gender, LiteracyLevel, RegisterPerson
from engines.spreadsheets import append_row
from engines.uploads import SPREADSHEET_TYPES, check_upload, sanitise_name
from wards.text import strip_diacritics

# field → the template's header (also how problems name a column the file did not have)
COLUMN_LABELS = {
    "person_code": "Mã",
    "full_name": "Họ và tên",
    "birth_year": "Năm sinh",
    "gender": "Giới tính",
    "ethnic_minority": "Dân tộc thiểu số",
    "ethnicity": "Dân tộc",
    "residential_group": "Tổ dân phố / Khu phố",
    "level": "Trình độ",
    "current_class": "Lớp đang học",
}
TEMPLATE_FIELDS = [
    "person_code",
    "full_name",
    "birth_year",
    "gender",
    "ethnic_minority",
    "residential_group",
    "level",
    "current_class",
]
# Headers as ``header_key`` reads them → field. Anything else (STT, Ghi chú…) is ignored.
HEADER_ALIASES = {
    **dict.fromkeys(
        ["ma", "ma so", "ma ca nhan", "ma doi tuong", "ma dinh danh", "so dinh danh ca nhan"], "person_code"
    ),
    **dict.fromkeys(["ho va ten", "ho ten"], "full_name"),
    **dict.fromkeys(["nam sinh", "ngay sinh", "ngay thang nam sinh"], "birth_year"),
    **dict.fromkeys(["gioi tinh"], "gender"),
    **dict.fromkeys(["dan toc"], "ethnicity"),
    **dict.fromkeys(["dan toc thieu so", "dtts", "la dan toc thieu so"], "ethnic_minority"),
    **dict.fromkeys(
        ["to dan pho khu pho", "to dan pho", "khu pho", "to", "to khu pho", "thon", "ap", "thon xom"],
        "residential_group",
    ),
    **dict.fromkeys(["trinh do", "trinh do biet chu", "muc do biet chu", "biet chu"], "level"),
    **dict.fromkeys(["lop dang hoc", "dang hoc lop", "lop"], "current_class"),
}
REQUIRED_FIELDS = ["full_name", "birth_year", "gender", "level"]
HEADER_SEARCH_ROWS = 15
MAX_ROWS = 50_000
LEVEL_NAMES = {
    LiteracyLevel.NONE: "Chưa biết chữ",
    LiteracyLevel.LEVEL_1: "Mức độ 1",
    LiteracyLevel.LEVEL_2: "Mức độ 2",
}
GENDER_NAMES = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}


@dataclass(frozen=True)
class RegisterSheet:
    """What an uploaded file says: its rows (sheet row number, field → cell) and its column names."""

    file_name: str
    rows: list[tuple[int, dict]]
    labels: dict[str, str]


def header_key(value) -> str:
    """``"Ngày, tháng, năm sinh (*)"`` → ``"ngay thang nam sinh"``."""
    text = strip_diacritics(str(value)) if value is not None else ""
    text = re.sub(r"\(.*?\)", " ", text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def check_csv_upload(uploaded_file) -> str:
    """The text of an uploaded CSV file, or ``ValidationError``: its name ends in .csv, it is not
    empty nor larger than ``EVIDENCE_MAX_BYTES``, and it is UTF-8 text (a BOM, as Excel writes, is dropped)."""
    name = sanitise_name(uploaded_file.name) or "?"
    if PurePosixPath(name).suffix.lower() != ".csv":
        raise ValidationError(
            _("%(name)s: upload an XLSX or CSV file.") % {"name": name}, code="kind_not_allowed"
        )
    if not uploaded_file.size:
        raise ValidationError(_("%(name)s: the file is empty.") % {"name": name}, code="empty")
    limit = settings.EVIDENCE_MAX_BYTES
    if uploaded_file.size > limit:
        raise ValidationError(
            _("%(name)s: the file is larger than %(limit)s.")
            % {"name": name, "limit": filesizeformat(limit)},
            code="too_large",
        )
    uploaded_file.seek(0)
    content = uploaded_file.read()
    uploaded_file.seek(0)
    try:
        if b"\x00" in content:
            raise UnicodeDecodeError("utf-8", content, 0, 1, "NUL byte")
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("%(name)s: the file is not UTF-8 text; save it as “CSV UTF-8”.") % {"name": name},
            code="not_utf8",
        ) from None


def _csv_table(text: str) -> list[list]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_table(uploaded_file) -> list[list]:
    try:
        workbook = load_workbook(uploaded_file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
        raise ValidationError(_("The file could not be read as an XLSX workbook.")) from None
    try:
        sheet = workbook.worksheets[0]
        return [
            list(row) for row in sheet.iter_rows(max_row=MAX_ROWS + HEADER_SEARCH_ROWS + 1, values_only=True)
        ]
    finally:
        workbook.close()


def _columns(header: list, with_letters: bool) -> tuple[dict[int, str], dict[str, str]]:
    """Column index → field, and field → how problems name the column; refuse a missing or doubled column."""
    fields: dict[int, str] = {}
    labels: dict[str, str] = {}
    problems = []
    for index, value in enumerate(header):
        field = HEADER_ALIASES.get(header_key(value))
        if field is None:
            continue
        label = f"“{' '.join(str(value).split())}”"
        if with_letters:
            label += f" ({get_column_letter(index + 1)})"
        if field in labels:
            problems.append(_("The column %(column)s appears twice.") % {"column": label})
            continue
        fields[index], labels[field] = field, label
    missing = [COLUMN_LABELS[field] for field in REQUIRED_FIELDS if field not in labels]
    if "ethnicity" not in labels and "ethnic_minority" not in labels:
        missing.append(f"{COLUMN_LABELS['ethnic_minority']} / {COLUMN_LABELS['ethnicity']}")
    if missing:
        problems.append(_("These columns are missing: %(columns)s.") % {"columns": ", ".join(missing)})
    if problems:
        raise ValidationError(problems)
    return fields, labels


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_register_file(uploaded_file) -> RegisterSheet:
    """Check an uploaded register (XLSX through ``engines.uploads``, CSV here) and read its rows.

    The header is the first of the first 15 rows with a "Họ và tên" column;
    rows after it whose columns are all blank are skipped. Row numbers are
    those the spreadsheet program shows (for a CSV file, the line number).
    """
    name = sanitise_name(uploaded_file.name)
    suffix = PurePosixPath(name).suffix.lower()
    is_csv = suffix == ".csv"
    if is_csv:
        table = _csv_table(check_csv_upload(uploaded_file))
    elif suffix == ".xlsx":
        check_upload(uploaded_file, SPREADSHEET_TYPES)
        table = _xlsx_table(uploaded_file)
    else:
        raise ValidationError(_("%(name)s: upload an XLSX or CSV file.") % {"name": name or "?"})
    header_index = next(
        (
            index
            for index, row in enumerate(table[:HEADER_SEARCH_ROWS])
            if any(HEADER_ALIASES.get(header_key(value)) == "full_name" for value in row)
        ),
        None,
    )
    if header_index is None:
        raise ValidationError(
            _("No header row with a “Họ và tên” column was found in the first %(count)s rows.")
            % {"count": HEADER_SEARCH_ROWS}
        )
    fields, labels = _columns(table[header_index], with_letters=not is_csv)
    rows = []
    for number, values in enumerate(table[header_index + 1 :], start=header_index + 2):
        cells = {field: values[index] if index < len(values) else None for index, field in fields.items()}
        if all(_is_blank(value) for value in cells.values()):
            continue
        rows.append((number, cells))
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            _("The file has more than %(count)s rows; split it into several files.") % {"count": MAX_ROWS}
        )
    return RegisterSheet(file_name=name, rows=rows, labels=labels)


def _workbook(title: str) -> tuple[Workbook, object]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    return workbook, sheet


def _finish(workbook: Workbook, sheet, widths: Iterable[int]) -> bytes:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


TEMPLATE_WIDTHS = [14, 30, 10, 10, 16, 22, 16, 30]


def register_template() -> bytes:
    """The blank sheet a ward fills in: the template's headers, lists to choose from, and a guide."""
    workbook, sheet = _workbook("Sổ theo dõi XMC")
    append_row(sheet, [COLUMN_LABELS[field] for field in TEMPLATE_FIELDS])
    for column, words in (("D", GENDER_NAMES.values()), ("E", ["Có", "Không"]), ("G", LEVEL_NAMES.values())):
        validation = DataValidation(type="list", formula1=f'"{",".join(words)}"', allow_blank=True)
        validation.add(f"{column}2:{column}{MAX_ROWS}")
        sheet.add_data_validation(validation)
    guide = workbook.create_sheet("Hướng dẫn")
    for line in (
        ["Mỗi dòng một người trong độ tuổi 15–60 (có thể thêm người ngoài độ tuổi)."],
        ["Mã: mã cá nhân trên hệ thống PCGD-XMC (nếu có); để trống nếu không có."],
        ["Năm sinh: 4 chữ số, ví dụ 1985. Giới tính: Nam hoặc Nữ."],
        ["Dân tộc thiểu số: Có hoặc Không (có thể thay bằng cột “Dân tộc”: Kinh, Tày, Hoa…)."],
        ["Trình độ: Chưa biết chữ, Mức độ 1 hoặc Mức độ 2."],
        ["Thứ tự cột không quan trọng; dòng tiêu đề phải có “Họ và tên”."],
    ):
        append_row(guide, line)
    guide.column_dimensions["A"].width = 90
    return _finish(workbook, sheet, TEMPLATE_WIDTHS)


def export_register(people: Iterable[RegisterPerson], year: int) -> bytes:
    """The people listed, in the template's layout plus their age in ``year`` and whether the
    latest import listed them (an export can be corrected and imported again)."""
    workbook, sheet = _workbook("Sổ theo dõi XMC")
    append_row(
        sheet,
        [COLUMN_LABELS[field] for field in TEMPLATE_FIELDS]
        + [f"Tuổi (năm {year})", "Có trong lần nhập gần nhất"],
    )
    for person in people:
        append_row(
            sheet,
            [
                person.person_code,
                person.full_name,
                person.birth_year,
                GENDER_NAMES.get(person.gender, ""),
                "Có" if person.ethnic_minority else "Không",
                person.residential_group,
                LEVEL_NAMES.get(person.level, ""),
                person.current_class,
                year - person.birth_year,
                "Có" if person.in_register else "Không",
            ],
        )
    return _finish(workbook, sheet, [*TEMPLATE_WIDTHS, 12, 14])
