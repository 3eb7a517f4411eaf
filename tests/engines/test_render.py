"""The document engine: Vietnamese text helpers, the static-only URL fetcher, the frame of every document."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from engines.documents import render
from engines.documents.docx import html_to_docx
from engines.documents.render import DocumentFrame, Signature, StaticOnlyFetcher, vn_date_line, vn_number
from tests.helpers import docx_text, pdf_text


class RecordingFetcher(StaticOnlyFetcher):
    def __init__(self):
        super().__init__()
        self.urls = []

    def fetch(self, url, headers=None):
        self.urls.append(url)
        return super().fetch(url, headers)


@pytest.fixture
def probe_template(settings, tmp_path):
    """Write ``documents/probe.html`` in a template folder searched first; returns a writer."""
    (tmp_path / "documents").mkdir()
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]

    def write(source: str) -> str:
        (tmp_path / "documents" / "probe.html").write_text(source, encoding="utf-8")
        return "documents/probe.html"

    return write


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2018, 10, 5), "Phường 1, ngày 05 tháng 10 năm 2018"),
        (datetime.date(2019, 1, 15), "Phường 1, ngày 15 tháng 01 năm 2019"),
        (datetime.date(2019, 3, 20), "Phường 1, ngày 20 tháng 3 năm 2019"),
        (datetime.date(2019, 2, 1), "Phường 1, ngày 01 tháng 02 năm 2019"),
        (datetime.date(2019, 12, 31), "Phường 1, ngày 31 tháng 12 năm 2019"),
    ],
)
def test_vn_date_line_pads_days_below_10_and_months_1_and_2(day, expected):
    assert vn_date_line("Phường 1", day) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("6.0"), "6"), (Decimal("87.5"), "87,5"), (Decimal(100), "100"), (None, ""), (0, "0")],
)
def test_vn_number_drops_zero_decimals_and_uses_a_decimal_comma(value, expected):
    assert vn_number(value) == expected


def test_render_pdf_fetches_static_files_only(monkeypatch, probe_template):
    template = probe_template(
        '<p>Ảnh</p><img src="http://127.0.0.1:9/x.png"><img src="file:///etc/hostname">'
        '<img src="/static/documents/document.css"><img src="static:documents/document.css">'
    )
    fetcher = RecordingFetcher()
    monkeypatch.setattr(render, "url_fetcher", fetcher)

    text = pdf_text(render.render_pdf(template, {}))

    assert text == "Ảnh"
    assert fetcher.urls == [
        "http://127.0.0.1:9/x.png",
        "file:///etc/hostname",
        f"{render.BASE_URL}static/documents/document.css",
        "static:documents/document.css",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.com/static/documents/document.css",
        "file:///etc/passwd",
        "data:text/plain,hello",
        f"{render.BASE_URL}media/x.png",
        f"{render.BASE_URL}static/../../../etc/passwd",
        "static:../../etc/passwd",
        "static:/etc/passwd",
        "static:documents/missing.css",
    ],
)
def test_fetcher_refuses_everything_but_existing_static_files(url):
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)


@pytest.mark.parametrize(
    "url", ["static:documents/document.css", f"{render.BASE_URL}static/documents/document.css"]
)
def test_fetcher_serves_a_static_file(url):
    response = StaticOnlyFetcher().fetch(url)

    assert response.read() == (Path(settings.BASE_DIR) / "static/documents/document.css").read_bytes()
    assert response.content_type == "text/css"


FRAME = DocumentFrame(
    title="Thử",
    parent_body="ỦY BAN NHÂN DÂN QUẬN 5",
    issuing_body="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
    number="07/TB-GDĐT",
    date_line="Quận 5, ngày 05 tháng 10 năm 2018",
    signatures=[Signature(("TRƯỞNG PHÒNG",), "Trần Văn Bình")],
)
FRAMED = (
    '{% extends "documents/base.html" %}{% block heading %}THÔNG BÁO{% endblock %}'
    "{% block summary %}Về việc thử{% endblock %}{% block body %}<p>{{ text }}</p>{% endblock %}"
)


def test_the_frame_prints_header_number_date_line_and_signature_as_pdf_and_docx(probe_template):
    template = probe_template(FRAMED)
    context = {"doc": FRAME, "text": "<b>Nội dung</b> của người dùng"}

    pdf = pdf_text(render.render_pdf(template, context))
    docx = docx_text(html_to_docx(render.render_html(template, context)))

    for text in (pdf, docx):
        assert "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" in text
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Số: 07/TB-GDĐT" in text
        assert "Quận 5, ngày 05 tháng 10 năm 2018" in text
        assert "<b>Nội dung</b> của người dùng" in text
        assert "TRƯỞNG PHÒNG" in text
        assert "Trần Văn Bình" in text
