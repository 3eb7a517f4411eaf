"""Safe spreadsheet writing: a user's text never becomes a formula, in XLSX or CSV, and reads back unchanged."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from engines.spreadsheets import append_row, csv_value, csv_writer, looks_like_formula

FORMULAS = ['=HYPERLINK("http://x.invalid","Bấm")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def round_trip(workbook: Workbook):
    output = io.BytesIO()
    workbook.save(output)
    return load_workbook(io.BytesIO(output.getvalue())).active


@pytest.mark.parametrize("text", FORMULAS)
def test_looks_like_formula_catches_every_formula_start(text):
    assert looks_like_formula(text)


@pytest.mark.parametrize("text", ["Có nghị quyết", "1=1", " =1", "", "Tiêu chí 3: -"])
def test_looks_like_formula_lets_plain_text_be(text):
    assert not looks_like_formula(text)


def test_append_row_writes_formula_like_text_as_quoted_text_cells():
    workbook = Workbook()
    append_row(workbook.active, FORMULAS)

    cells = round_trip(workbook)[1]

    assert [cell.value for cell in cells] == FORMULAS
    assert {cell.data_type for cell in cells} == {"s"}
    assert all(cell.quotePrefix for cell in cells)


def test_append_row_keeps_numbers_dates_and_blanks_and_plain_text_unquoted():
    workbook = Workbook()
    append_row(workbook.active, ["Tiêu chí", 7, Decimal("6.5"), datetime.date(2018, 10, 5), None])
    append_row(workbook.active, ["second row"])

    sheet = round_trip(workbook)

    first = sheet[1]
    assert [cell.value for cell in first[:4]] == ["Tiêu chí", 7, 6.5, datetime.datetime(2018, 10, 5)]
    assert len(first) == 4  # None leaves its cell empty
    assert [cell.data_type for cell in first[:3]] == ["s", "n", "n"]
    assert not first[0].quotePrefix
    assert sheet["A2"].value == "second row"


def test_append_row_drops_control_characters_that_xlsx_cannot_hold():
    workbook = Workbook()
    append_row(workbook.active, ["Ghi\x00 chú\x0b"])

    assert round_trip(workbook)["A1"].value == "Ghi chú"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("Phường 1", "Phường 1"), (-5, -5), (None, None)],
)
def test_csv_value_quotes_formula_like_text_only(value, expected):
    assert csv_value(value) == expected


def test_csv_writer_writes_every_row_through_csv_value():
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")

    writer.writerow(["ward_code", "ward_name"])
    writer.writerows([["P01", "=cmd|' /C calc'!A0"], ["P02", "Phường 2"]])

    assert out.getvalue().splitlines() == ["ward_code,ward_name", "P01,'=cmd|' /C calc'!A0", "P02,Phường 2"]


def test_csv_writer_quotes_a_carriage_return_even_with_newline_line_ends():
    """Unquoted, the carriage return would end the row and ``=1`` would start the next one."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")

    writer.writerow(["P01", "\r=1", 42])
    writer.writerow(["P02", "Phường 2", -5])

    assert out.getvalue() == '"P01","\'\r=1",42\nP02,Phường 2,-5\n'
