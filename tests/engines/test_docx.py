"""The HTML → DOCX converter: an inline SVG chart is dropped whole, the data table after it is kept."""

import io

from docx import Document

from engines.charts import Series, bar_chart
from engines.documents.docx import html_to_docx
from tests.helpers import docx_text


def _page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="vi"><head><title>T</title></head><body><div class="doc-body">{body}</div></body></html>'


def test_an_svg_chart_leaves_no_text_and_its_table_is_kept():
    chart = bar_chart(
        "Tiêu đề biểu đồ ẩn",
        ["Nhãn trong hình vẽ"],
        [Series("Chuỗi số liệu vẽ", [4321]), Series("Chuỗi thứ hai vẽ", [17])],
    )
    html = _page(
        '<p class="doc-chart-title">Biểu đồ 1. Xếp loại</p>'
        f'<div class="doc-chart">{chart.svg}</div>'
        '<table class="doc-table"><tr><th>Xếp loại</th><th>Năm 2018</th></tr>'
        '<tr><td>Tốt</td><td class="num">7</td></tr></table>'
        "<p>Đoạn sau biểu đồ.</p>"
    )
    content = html_to_docx(html)

    text = docx_text(content)
    for drawn in (
        "Tiêu đề biểu đồ ẩn",
        "Nhãn trong hình vẽ",
        "Chuỗi số liệu vẽ",
        "Chuỗi thứ hai vẽ",
        "4.321",
    ):
        assert drawn in chart.svg  # the SVG does carry it …
        assert drawn not in text  # … and none of it reaches the document
    document = Document(io.BytesIO(content))
    assert [p.text for p in document.paragraphs if p.text] == ["Biểu đồ 1. Xếp loại", "Đoạn sau biểu đồ."]
    (table,) = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Xếp loại", "Năm 2018"],
        ["Tốt", "7"],
    ]


def test_an_svg_inside_a_paragraph_and_a_self_closed_one_are_dropped_too():
    html = _page(
        '<p>Trước <svg viewBox="0 0 10 10"><rect width="5" height="5"/><text>chữ vẽ</text></svg> sau</p>'
        '<p>Rỗng <svg viewBox="0 0 1 1"/> tiếp</p>'
    )
    assert docx_text(html_to_docx(html)) == "Trước sau Rỗng tiếp"
