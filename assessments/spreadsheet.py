"""The ward's self-assessment as an XLSX sheet: export, and import of the same layout.

Layout (first sheet): row 1 holds the column headers; from row 2, one row per
criterion with A number, B title, C maximum points, D self-score, E comment.
Only columns A, D and E are read back. An import is all or nothing: every row
is checked first, and any problem is reported with its row and column. Text is
written with ``engines.spreadsheets.append_row``: a comment that begins with
``=`` stays text.
"""

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from assessments.dossier import check_score_has_evidence, evidence_counts
from assessments.models import Assessment, Criterion
from assessments.scoring import validate_points
from engines.spreadsheets import append_row

NUMBER, TITLE, MAXIMUM, SCORE, COMMENT = "A", "B", "C", "D", "E"
FIRST_DATA_ROW = 2
MAX_ROWS = 500
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


class SpreadsheetError(Exception):
    """The sheet cannot be imported; ``problems`` says why, one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ScoreRow:
    row: int
    criterion: Criterion
    points: Decimal | None
    comment: str


def _headers() -> list[str]:
    return [_("No."), _("Criterion"), _("Maximum points"), _("Self-score"), _("Comment")]


def export_self_scores(assessment: Assessment) -> bytes:
    """The XLSX file of the ward's self-assessment, in the language of the request."""
    criteria = list(assessment.cycle.framework.criteria.all())
    scores = {score.criterion_id: score for score in assessment.self_scores.all()}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Self-assessment").translate(_SHEET_TITLE_FORBIDDEN)[:31]
    workbook.properties.title = f"{assessment.ward.name} – {assessment.cycle.year}"
    append_row(sheet, _headers())
    for criterion in criteria:
        score = scores.get(criterion.pk)
        append_row(
            sheet,
            [
                criterion.number,
                criterion.title,
                criterion.max_points,
                score.points if score else None,
                score.comment if score else "",
            ],
        )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in ((NUMBER, 6), (TITLE, 60), (MAXIMUM, 12), (SCORE, 12), (COMMENT, 60)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=FIRST_DATA_ROW):
        row[1].alignment = row[4].alignment = Alignment(wrap_text=True, vertical="top")
        row[2].number_format = row[3].number_format = "0.0"
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimal(value) -> Decimal:
    """A number from a cell: a numeric cell, or text such as "7.5" or "7,5"."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


def _problem(row: int, column: str, problem: str) -> str:
    return _("Row %(row)s, column %(column)s: %(problem)s") % {
        "row": row,
        "column": column,
        "problem": problem,
    }


def read_self_scores(assessment: Assessment, uploaded_file) -> list[ScoreRow]:
    """Read and check every row of an uploaded sheet; raise ``SpreadsheetError`` listing all problems.

    A blank self-score means "not scored yet". Rows left out of the sheet leave
    their criterion unchanged.
    """
    try:
        workbook = load_workbook(uploaded_file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
        raise SpreadsheetError([_("The file could not be read as an XLSX workbook.")]) from None
    try:
        sheet = workbook.worksheets[0]
        # One row more than allowed, to notice a sheet that is too long.
        last_row = FIRST_DATA_ROW + MAX_ROWS
        rows = list(sheet.iter_rows(min_row=FIRST_DATA_ROW, max_row=last_row, max_col=5, values_only=True))
    finally:
        workbook.close()
    if len(rows) > MAX_ROWS and any(not _is_blank(value) for value in rows[MAX_ROWS]):
        raise SpreadsheetError([_("The sheet has too many rows; use the sheet exported from the portal.")])
    rows = rows[:MAX_ROWS]

    criteria = {criterion.number: criterion for criterion in assessment.cycle.framework.criteria.all()}
    counts = evidence_counts(assessment)
    problems: list[str] = []
    result: list[ScoreRow] = []
    seen: dict[int, int] = {}
    for row_number, values in enumerate(rows, start=FIRST_DATA_ROW):
        number_cell, _title, _maximum, score_cell, comment_cell = (tuple(values) + (None,) * 5)[:5]
        if all(_is_blank(value) for value in (number_cell, score_cell, comment_cell)):
            continue
        try:
            number = _decimal(number_cell)
            if number != number.to_integral_value():
                raise ValueError(number_cell)
            number = int(number)
        except ValueError:
            problems.append(
                _problem(
                    row_number, NUMBER, _("“%(value)s” is not a criterion number.") % {"value": number_cell}
                )
            )
            continue
        criterion = criteria.get(number)
        if criterion is None:
            problems.append(
                _problem(row_number, NUMBER, _("there is no criterion %(number)s.") % {"number": number})
            )
            continue
        if number in seen:
            problems.append(
                _problem(
                    row_number,
                    NUMBER,
                    _("criterion %(number)s is already on row %(row)s.")
                    % {"number": number, "row": seen[number]},
                )
            )
            continue
        seen[number] = row_number
        points = None
        if not _is_blank(score_cell):
            try:
                points = _decimal(score_cell)
                validate_points(criterion, points)
                check_score_has_evidence(criterion, points, counts.get(criterion.pk, 0))
            except ValueError:
                problems.append(
                    _problem(row_number, SCORE, _("“%(value)s” is not a number.") % {"value": score_cell})
                )
                continue
            except ValidationError as error:
                problems.append(_problem(row_number, SCORE, error.messages[0]))
                continue
        comment = "" if comment_cell is None else str(comment_cell).strip()
        result.append(ScoreRow(row_number, criterion, points, comment))
    if problems:
        raise SpreadsheetError(problems)
    if not result:
        raise SpreadsheetError([_("The sheet has no criterion rows.")])
    return result
