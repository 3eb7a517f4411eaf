"""Writing XLSX and CSV files so that text typed by a user always stays text.

Spreadsheet programs run a cell that begins with ``=`` as a formula, and many
also take ``+``, ``-``, ``@``, a tab or a carriage return as the start of one
("CSV injection"): a comment ``=HYPERLINK("http://…")`` would become a live
link, or worse, in the district's copy of the sheet. So:

- in XLSX every text value is written as a text cell, never as a formula, and
  one that looks like a formula is also marked "quote prefixed", so the program
  keeps it as text even when somebody edits the cell; the value itself is
  unchanged and reads back exactly;
- CSV has no cell types, so such a value gets a leading apostrophe, the mark
  spreadsheet programs read as "this is text".

Numbers, dates and ``None`` are written as they are. Every XLSX or CSV writer
of the portal goes through ``append_row`` or ``csv_writer``; a plain table goes
through ``spreadsheet_response`` (both formats, the same rows).
"""

import csv
import io
from collections.abc import Iterable

from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet program could read ``text`` as the start of a formula."""
    return text.startswith(FORMULA_STARTS)


def text_cell(sheet: Worksheet, text: str) -> Cell:
    """A text cell of ``sheet`` holding ``text`` (without the control characters XLSX forbids)."""
    cell = Cell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", text))
    cell.data_type = "s"  # openpyxl would make "=…" a formula
    cell.quotePrefix = looks_like_formula(cell.value)
    return cell


def append_row(sheet: Worksheet, values: Iterable) -> None:
    """Append one row to ``sheet``, every ``str`` as a text cell, other values as they are."""
    sheet.append([text_cell(sheet, value) if isinstance(value, str) else value for value in values])


def csv_value(value):
    """``value`` for a CSV cell: text that looks like a formula gets a leading apostrophe."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def _breaks_line(value) -> bool:
    return isinstance(value, str) and ("\r" in value or "\n" in value)


class _SafeCSVWriter:
    """Rows through ``csv_value``; a row holding a line break has its text quoted, whatever the line end.

    Python's ``csv`` (before 3.12) quotes a value only for the characters of its
    own ``lineterminator``: with ``"\n"``, a name ``"\r=1"`` went out bare, the
    carriage return ended the row and ``=1`` began the next one as a formula.
    """

    def __init__(self, out, options: dict):
        self._writer = csv.writer(out, **options)
        self._quoting_text = csv.writer(out, **{**options, "quoting": csv.QUOTE_NONNUMERIC})

    def writerow(self, row: Iterable):
        values = [csv_value(value) for value in row]
        writer = self._quoting_text if any(_breaks_line(value) for value in values) else self._writer
        return writer.writerow(values)

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, **options) -> _SafeCSVWriter:
    """``csv.writer(out, **options)`` whose rows pass through ``csv_value``."""
    return _SafeCSVWriter(out, options)


def table_csv(headers: list[str], rows: Iterable[Iterable]) -> bytes:
    """A table as CSV in UTF-8 with a byte-order mark, so Excel opens the Vietnamese text correctly."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_xlsx(headers: list[str], rows: Iterable[Iterable], title: str) -> bytes:
    """A table as one XLSX sheet named ``title``: bold header row, frozen, columns sized to their text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31] or "Sheet"
    append_row(sheet, headers)
    widths = [len(str(header)) for header in headers]
    for row in rows:
        row = list(row)
        append_row(sheet, row)
        widths = [max(width, len(str(value or ""))) for width, value in zip(widths, row, strict=False)]
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


SPREADSHEET_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def spreadsheet_response(fmt: str, file_stem: str, title: str, headers: list[str], rows) -> HttpResponse:
    """The table as a CSV or XLSX download (``fmt``); any other format is a 404."""
    if fmt == "csv":
        content = table_csv(headers, rows)
    elif fmt == "xlsx":
        content = table_xlsx(headers, rows, title)
    else:
        raise Http404
    response = HttpResponse(content, content_type=SPREADSHEET_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_stem}.{fmt}"'
    return response
