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
of the portal goes through ``append_row`` or ``csv_writer``.
"""

import csv
from collections.abc import Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
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


class _SafeCSVWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row: Iterable):
        return self._writer.writerow([csv_value(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, **options) -> _SafeCSVWriter:
    """``csv.writer(out, **options)`` whose rows pass through ``csv_value``."""
    return _SafeCSVWriter(csv.writer(out, **options))
