"""Documents of an assessment through the PDF engine: format, fonts, page numbers, escaping of user text."""

import io

import pytest
from pypdf import PdfReader

from assessments.documents.registry import render_document
from engines.documents import render
from engines.documents.render import StaticOnlyFetcher
from tests.helpers import pdf_text, write_plan

INJECTION = '<img src="http://127.0.0.1:9/x.png"> and </style><h1>X</h1>'


def font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


class RecordingFetcher(StaticOnlyFetcher):
    def __init__(self):
        super().__init__()
        self.urls = []

    def fetch(self, url, headers=None):
        self.urls.append(url)
        return super().fetch(url, headers)


def test_render_pdf_prints_user_text_literally_and_fetches_nothing(monkeypatch, assessment, ward_officer):
    write_plan(assessment, ward_officer, content=INJECTION, team_members="</style><h1>X</h1>")
    fetcher = RecordingFetcher()
    monkeypatch.setattr(render, "url_fetcher", fetcher)

    text = pdf_text(render_document("ward_plan", assessment))

    assert '<img src="http://127.0.0.1:9/x.png"> and </style><h1>X</h1>' in text
    assert "II. THÀNH PHẦN ĐOÀN TỰ KIỂM TRA </style><h1>X</h1> III. THỜI GIAN" in text
    assert fetcher.urls == []


def test_render_pdf_is_a4_portrait_with_liberation_serif_and_vietnamese_text(assessment, ward_officer):
    write_plan(assessment, ward_officer)

    pdf = render_document("ward_plan", assessment)

    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.28, abs=1)
        assert float(page.mediabox.height) == pytest.approx(841.89, abs=1)
    text = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN PHƯỜNG 1" in text
    assert "Trưởng đoàn: Nguyễn Văn An" in text
    families = {name.split("+")[-1].replace("-", "") for name in font_names(pdf)}
    assert families <= {
        "LiberationSerif",
        "LiberationSerifBold",
        "LiberationSerifItalic",
        "LiberationSerifBoldItalic",
    }
    assert {"LiberationSerif", "LiberationSerifBold", "LiberationSerifItalic"} <= families


def texts_above(page, y: float) -> list[str]:
    """The pieces of text printed higher than ``y`` points from the bottom of ``page``."""
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() and tm[5] * cm[3] + cm[5] > y:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return found


def test_page_numbers_start_on_page_two_at_the_top(assessment, ward_officer):
    write_plan(assessment, ward_officer, content="\n".join(f"Nội dung {n}." for n in range(60)))

    reader = PdfReader(io.BytesIO(render_document("ward_plan", assessment)))

    top_margin = 841.89 - 20 * 72 / 25.4  # the page number sits in the 20 mm top margin
    assert len(reader.pages) == 3
    assert texts_above(reader.pages[0], top_margin) == []
    assert texts_above(reader.pages[1], top_margin) == ["2"]
    assert texts_above(reader.pages[2], top_margin) == ["3"]


def test_fonts_and_stylesheet_are_made_once_per_process(assessment, ward_officer):
    write_plan(assessment, ward_officer)
    render_document("ward_plan", assessment)
    font_config, stylesheet = render._resources()

    render_document("ward_plan", assessment)

    assert render._resources() == (font_config, stylesheet)
    assert render._resources()[0] is font_config
