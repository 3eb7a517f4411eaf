"""Class lists as files: the template to fill in, and reading a filled one into an activity.

Layout (first sheet of an XLSX workbook, or a CSV file): row 1 is the header
row of the template, then one learner per row with the columns
A full name · B year of birth · C gender (Nam/Nữ) · D ethnic minority (Có/Không)
· E residential group. Blank rows are skipped.

An import is all or nothing: every row is checked first and every problem is
reported with its row and column; only a file without problems is enrolled,
in one transaction (``centers.activities.add_learners``).
"""

import csv
import io
import itertools
import unicodedata
import zipfile
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from centers.activities import OLDEST_BIRTH_YEAR, add_learners
from centers.models import Activity, Gender, Learner
from engines.spreadsheets import append_row
from engines.uploads import CSV, content_type_for_name, sanitise_name
from wards.text import strip_diacritics

COLUMNS = ("A", "B", "C", "D", "E")
MAX_ROWS = 1000
# What a cell may say, compared without diacritics or case.
FEMALE = {"nu", "f", "female", "phu nu"}
MALE = {"nam", "m", "male"}
YES = {"co", "x", "1", "yes", "true", "dttt", "dan toc thieu so"}
NO = {"", "khong", "0", "no", "false", "kinh"}


class ClassListError(Exception):
    """The file cannot be imported; ``problems`` lists each, naming its row and column."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LearnerRow:
    row: int
    full_name: str
    birth_year: int
    gender: str
    ethnic_minority: bool
    residential_group: str

    def fields(self) -> dict:
        return {
            "full_name": self.full_name,
            "birth_year": self.birth_year,
            "gender": self.gender,
            "ethnic_minority": self.ethnic_minority,
            "residential_group": self.residential_group,
        }


def headers() -> list[str]:
    """The template's header row, in the language of the request."""
    return [
        _("Full name"),
        _("Year of birth"),
        _("Gender (Nam/Nữ)"),
        _("Ethnic minority (Có/Không)"),
        _("Residential group"),
    ]


def _header_keys() -> set[str]:
    """Column A's header in every language of the portal: a file starts with one of them."""
    keys = set()
    for language in ("vi", "en"):
        with override(language):
            keys.add(strip_diacritics(headers()[0]))
    return keys


def class_list_template() -> bytes:
    """The XLSX template: the header row and one example row, to be replaced."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Class list")[:31]
    append_row(sheet, headers())
    append_row(sheet, ["Nguyễn Thị Hoa", 1985, "Nữ", "Không", "Tổ 12"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip(COLUMNS, (32, 14, 18, 26, 20), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _decode(raw: bytes) -> str:
    """A CSV file's text: UTF-8 (with or without the BOM Excel writes), else the Vietnamese ANSI code page."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1258", errors="replace")


def _read_rows(uploaded_file) -> list[tuple]:
    """Every row of the file as a tuple of cell values (row 1 first)."""
    if content_type_for_name(sanitise_name(uploaded_file.name)) == CSV:
        uploaded_file.seek(0)
        text = _decode(uploaded_file.read())
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [tuple(row) for row in itertools.islice(csv.reader(io.StringIO(text), dialect), MAX_ROWS + 2)]
    try:
        workbook = load_workbook(uploaded_file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
        raise ClassListError([_("The file could not be read as an XLSX workbook.")]) from None
    try:
        sheet = workbook.worksheets[0]
        return list(sheet.iter_rows(min_row=1, max_row=MAX_ROWS + 2, max_col=5, values_only=True))
    finally:
        workbook.close()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def _problem(row: int, column: int, problem: str) -> str:
    return _("Row %(row)s, column %(column)s (%(header)s): %(problem)s") % {
        "row": row,
        "column": COLUMNS[column],
        "header": headers()[column],
        "problem": problem,
    }


def _year(value) -> int:
    text = _text(value)
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def _check_row(number: int, cells: list[str], problems: list[str]) -> LearnerRow | None:
    name, year_text, gender_text, minority_text, group = cells
    found = len(problems)
    if not name:
        problems.append(_problem(number, 0, _("the full name is missing.")))
    elif len(name) > Learner._meta.get_field("full_name").max_length:
        problems.append(_problem(number, 0, _("the name is too long.")))
    this_year = timezone.localdate().year
    try:
        birth_year = _year(year_text)
        if not OLDEST_BIRTH_YEAR <= birth_year <= this_year:
            raise ValueError(year_text)
    except ValueError:
        birth_year = 0
        problems.append(
            _problem(
                number,
                1,
                _("“%(value)s” is not a year of birth between %(first)s and %(last)s.")
                % {"value": year_text, "first": OLDEST_BIRTH_YEAR, "last": this_year},
            )
        )
    key = strip_diacritics(gender_text)
    gender = Gender.FEMALE if key in FEMALE else Gender.MALE if key in MALE else None
    if gender is None:
        problems.append(_problem(number, 2, _("write Nam or Nữ, not “%(value)s”.") % {"value": gender_text}))
    key = strip_diacritics(minority_text)
    if key not in YES | NO:
        problems.append(
            _problem(number, 3, _("write Có or Không, not “%(value)s”.") % {"value": minority_text})
        )
    if len(group) > Learner._meta.get_field("residential_group").max_length:
        problems.append(_problem(number, 4, _("the residential group is too long.")))
    if len(problems) > found:
        return None
    return LearnerRow(number, name, birth_year, gender, key in YES, group)


def read_class_list(uploaded_file) -> list[LearnerRow]:
    """Read and check every row of a class-list file; raise ``ClassListError`` listing all problems."""
    rows = _read_rows(uploaded_file)
    if not rows or strip_diacritics(_text(rows[0][0] if rows[0] else "")) not in _header_keys():
        raise ClassListError(
            [_("Row 1 must be the template's header row (%(first)s, …).") % {"first": headers()[0]}]
        )
    if len(rows) > MAX_ROWS + 1:
        raise ClassListError([_("At most %(count)s learners per file, please.") % {"count": MAX_ROWS}])
    problems: list[str] = []
    learners: list[LearnerRow] = []
    for number, values in enumerate(rows[1:], start=2):
        cells = [_text(value) for value in (tuple(values) + ("",) * 5)[:5]]
        if not any(cells):
            continue
        if (learner := _check_row(number, cells, problems)) is not None:
            learners.append(learner)
    if problems:
        raise ClassListError(problems)
    if not learners:
        raise ClassListError([_("The file has no learner rows under the header row.")])
    return learners


def import_class_list(activity: Activity, actor, uploaded_file) -> int:
    """Enrol every learner of the file in ``activity``, or none; returns how many rows were imported."""
    learners = read_class_list(uploaded_file)
    add_learners(activity, actor, [learner.fields() for learner in learners])
    return len(learners)
