"""The same document as an editable DOCX, converted from the document's rendered HTML.

The HTML of the document templates uses a small subset — paragraphs, headings,
two layout tables (header, signatures), bordered data tables, ``<br>``, ``<span>``
— with the classes of document.css; this module maps that subset to Word
paragraphs, runs and tables. The template stays the single source of the
wording, so the PDF and the DOCX never drift apart.

Inline ``<svg>`` charts are left out with everything inside them (their labels,
values and tooltips would otherwise come out as loose text): a report prints
each chart's data as a table after it, and that table is what the DOCX keeps.
"""

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

BLOCK_TAGS = {"p", "h1", "h2", "div", "li"}
VOID_TAGS = {"br", "meta", "img", "hr", "link"}
SKIPPED_TAGS = {"head", "title", "style", "script"}
LAYOUT_TABLES = {"doc-header", "doc-closing"}
# Elements dropped at parsing with their whole content (drawings, not text).
DROPPED_ELEMENTS = {"svg"}

# What each class of document.css means in Word: alignment, bold, italic, underline, size, indent.
CLASS_FORMAT = {
    "doc-parent-body": {"align": "center", "size": 12.5},
    "doc-issuing-body": {"align": "center", "bold": True, "size": 12.5},
    "doc-national-title": {"align": "center", "bold": True, "size": 12.5},
    "doc-motto": {"align": "center", "bold": True, "size": 13.5, "underline": True},
    "doc-number": {"align": "center"},
    "doc-date-line": {"align": "center", "italic": True, "size": 13.5},
    "doc-title": {"align": "center", "bold": True, "size": 14},
    "doc-summary": {"align": "center", "bold": True, "size": 14},
    "doc-addressee": {"align": "center"},
    "doc-legal-basis": {"italic": True},
    "doc-user-text": {"indent": False},
    "doc-no-indent": {"indent": False},
    "doc-recipients": {"align": "left", "indent": False},
    "doc-recipients-head": {"bold": True, "italic": True, "size": 12},
    "doc-recipient": {"size": 11},
    "doc-signature": {"align": "center", "indent": False},
    "doc-signature-capacity": {"bold": True, "size": 13.5},
    "doc-signature-note": {"italic": True, "size": 12},
    "doc-signature-name": {"bold": True, "size": 13.5},
    "doc-issuer": {"align": "center", "indent": False},
    "doc-national": {"align": "center", "indent": False},
    "doc-files": {"size": 11},
    "doc-decides": {"align": "center", "bold": True, "indent": False},
    "doc-authority": {"align": "center", "bold": True, "indent": False},
    "doc-chart-title": {"align": "center", "bold": True, "indent": False, "size": 12},
    "doc-note": {"italic": True, "indent": False, "size": 11},
    "doc-table-small": {"size": 10},
    "num": {"align": "center"},
    "total": {"bold": True},
}
TAG_FORMAT = {
    "body": {"align": "justify", "indent": True, "size": 13},
    "h1": {"align": "center", "bold": True, "size": 14, "indent": False},
    "h2": {"bold": True},
    "th": {"align": "center", "bold": True, "indent": False, "size": 12},
    "td": {"indent": False},
    "strong": {"bold": True},
    "b": {"bold": True},
    "em": {"italic": True},
    "i": {"italic": True},
}
ALIGN = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


@dataclass
class Node:
    tag: str
    classes: tuple[str, ...] = ()
    children: list = field(default_factory=list)

    def format(self, inherited: dict) -> dict:
        merged = {**inherited, **TAG_FORMAT.get(self.tag, {})}
        for name in self.classes:
            merged.update(CLASS_FORMAT.get(name, {}))
        return merged


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]
        self.dropping = 0  # depth inside a dropped element

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED_ELEMENTS:
            self.dropping += 1
        if self.dropping:
            return
        node = Node(tag, tuple((dict(attrs).get("class") or "").split()))
        self.stack[-1].children.append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node)

    def handle_endtag(self, tag):
        if self.dropping:
            if tag in DROPPED_ELEMENTS:
                self.dropping -= 1
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        if self.dropping:
            return
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _find(node: Node, tag: str) -> Node | None:
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == tag:
                return child
            found = _find(child, tag)
            if found is not None:
                return found
    return None


class _Writer:
    """Writes the parsed HTML into a python-docx document or table cell."""

    def __init__(self, container, *, fresh_paragraph=None):
        self.container = container
        self.fresh = fresh_paragraph  # a cell's empty first paragraph, used before adding new ones

    def paragraph(self, fmt: dict):
        if self.fresh is not None:
            paragraph, self.fresh = self.fresh, None
        else:
            paragraph = self.container.add_paragraph()
        paragraph.alignment = ALIGN.get(fmt.get("align", "left"))
        paragraph.paragraph_format.space_after = Pt(3)
        paragraph.paragraph_format.space_before = Pt(0)
        if fmt.get("indent") and fmt.get("align") == "justify":
            paragraph.paragraph_format.first_line_indent = Mm(10)
        return paragraph

    def blocks(self, node: Node, fmt: dict) -> None:
        """Block content: paragraphs for block tags and loose text, tables for tables."""
        inline: list = []

        def flush():
            if any(_text(item).strip() for item in inline):
                paragraph = self.paragraph(fmt)
                for item in inline:
                    _runs(paragraph, item, fmt)
            inline.clear()

        for child in node.children:
            if isinstance(child, Node) and child.tag in SKIPPED_TAGS:
                continue
            if isinstance(child, Node) and child.tag == "table":
                flush()
                self.table(child, fmt)
            elif isinstance(child, Node) and child.tag in BLOCK_TAGS:
                flush()
                if _has_block_children(child):
                    self.blocks(child, child.format(fmt))
                else:
                    self.block(child, fmt)
            elif isinstance(child, Node) and child.tag in {
                "tbody",
                "thead",
                "tr",
                "ul",
                "ol",
                "html",
                "body",
            }:
                flush()
                self.blocks(child, child.format(fmt))
            else:
                inline.append(child)
        flush()

    def block(self, node: Node, fmt: dict) -> None:
        own = node.format(fmt)
        if "doc-signature-space" in node.classes:
            for _ in range(3):
                self.paragraph(own)
            return
        if not _text(node).strip():
            return  # rules and spacers drawn by CSS only
        paragraph = self.paragraph(own)
        for child in node.children:
            _runs(paragraph, child, own)

    def table(self, node: Node, fmt: dict) -> None:
        rows = list(_descendants(node, "tr"))
        if not rows:
            return
        width = max(len(_cells(row)) for row in rows)
        table = self.container.add_table(rows=len(rows), cols=width)
        layout = bool(LAYOUT_TABLES.intersection(node.classes))
        if not layout:
            table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table_fmt = {**node.format(fmt), "indent": False}
        for row_index, row in enumerate(rows):
            row_fmt = row.format(table_fmt)
            for cell_index, cell_node in enumerate(_cells(row)):
                cell = table.cell(row_index, cell_index)
                writer = _Writer(cell, fresh_paragraph=cell.paragraphs[0])
                writer.blocks(cell_node, cell_node.format(row_fmt))


def _cells(row: Node) -> list[Node]:
    return [child for child in row.children if isinstance(child, Node) and child.tag in {"td", "th"}]


def _descendants(node: Node, tag: str):
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == tag:
                yield child
            elif child.tag != "table":
                yield from _descendants(child, tag)


def _has_block_children(node: Node) -> bool:
    return any(
        isinstance(child, Node) and (child.tag in BLOCK_TAGS or child.tag == "table")
        for child in node.children
    )


def _text(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text(child) for child in node.children)


def _runs(paragraph, item, fmt: dict) -> None:
    """Add ``item`` (text or inline element) to ``paragraph`` as runs with ``fmt``."""
    if isinstance(item, str):
        text = " ".join(item.split())
        if item[:1].isspace() and paragraph.runs:
            text = " " + text
        if item[-1:].isspace() and text:
            text += " "
        if not text.strip() and not paragraph.runs:
            return
        run = paragraph.add_run(text)
        run.bold = fmt.get("bold") or None
        run.italic = fmt.get("italic") or None
        run.underline = fmt.get("underline") or None
        if fmt.get("size"):
            run.font.size = Pt(fmt["size"])
        return
    if item.tag == "br":
        paragraph.add_run().add_break()
        return
    own = item.format(fmt)
    for child in item.children:
        _runs(paragraph, child, own)


def _new_document() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    return document


def html_to_docx(html: str) -> bytes:
    """The DOCX of a rendered document template."""
    document = _new_document()
    body = _find(parse_html(html), "body")
    _Writer(document).blocks(body, body.format({}))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
