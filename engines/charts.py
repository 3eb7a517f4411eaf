"""Charts drawn on the server as SVG, so the page and the printed report show the same picture.

No JavaScript and no CDN: a chart is markup built here from the figures, put
inline in the page and in the documents WeasyPrint prints. Every chart also
carries its data as a table (``Chart.headers``/``Chart.rows``) that the page
shows under it (``engines/charts/figure.html``) — screen readers and the DOCX
read the table — and every bar has its value written beside or inside it, and
each series a pattern as well as a colour, so nothing rests on colour alone.

Three shapes cover the dashboards:

- ``bar_chart``: horizontal bars, one row per category, one bar per series
  (wards' totals; this year beside last year);
- ``stacked_bar_chart``: one horizontal bar per category split into its
  series (tasks done / in progress / overdue per unit);
- ``column_chart``: vertical stacked columns, e.g. the twelve months split by
  kind of activity.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from engines.documents.render import vn_int, vn_number

Number = int | float | Decimal

# Colours readable on white and on a greyscale print; a pattern for every other series.
PALETTE = ("#1f5fa8", "#e08a1e", "#2e8540", "#a23b72", "#5a5a5a", "#3ba7c9", "#c0392b", "#7d5ba6")
PATTERNS = ("solid", "hatch", "dots")
FONT = 'font-family="Liberation Sans, Arial, sans-serif"'
LABEL_CHAR_PX = 6.6
MAX_LABEL_PX = 190
ROW_PX = 18
GAP_PX = 8
VALUE_PX = 64
WIDTH = 560


@dataclass(frozen=True)
class Series:
    """One named row of values, in the order of the chart's labels."""

    name: str
    values: Sequence[Number]


@dataclass(frozen=True)
class Chart:
    """A chart ready to show: its title, its SVG markup and the same data as a table."""

    title: str
    svg: SafeString
    headers: list[str]
    rows: list[list[str]]


def number_text(value: Number | None) -> str:
    """``1234`` → ``"1.234"``, ``Decimal("87.5")`` → ``"87,5"``; ``None`` → ``"–"``."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return vn_int(value)
    return vn_number(Decimal(str(value)).quantize(Decimal("0.1")))


def _chart_id(title: str, labels: Sequence[str], series: Sequence[Series]) -> str:
    text = "|".join([title, *labels, *(s.name for s in series)])
    return "c" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:8]


def _defs(chart_id: str, count: int) -> str:
    """A fill for each series: the palette colour, hatched or dotted for every second and third one."""
    parts = []
    for index in range(count):
        colour = PALETTE[index % len(PALETTE)]
        pattern = PATTERNS[index % len(PATTERNS)]
        if pattern == "solid":
            continue
        mark = (
            '<path d="M0,6 L6,0" stroke="#fff" stroke-width="1.6"/>'
            if pattern == "hatch"
            else '<circle cx="3" cy="3" r="1.3" fill="#fff"/>'
        )
        parts.append(
            f'<pattern id="{chart_id}-{index}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{colour}"/>{mark}</pattern>'
        )
    return f"<defs>{''.join(parts)}</defs>" if parts else ""


def _fill(chart_id: str, index: int) -> str:
    if PATTERNS[index % len(PATTERNS)] == "solid":
        return PALETTE[index % len(PALETTE)]
    return f"url(#{chart_id}-{index})"


def _label_width(labels: Sequence[str]) -> float:
    return min(MAX_LABEL_PX, max((len(label) for label in labels), default=4) * LABEL_CHAR_PX + 8)


def _label(label: str, width: float) -> str:
    """The label's markup: cut to ``width`` with "…", the whole label then kept as the text's tooltip."""
    most = int((width - 8) / LABEL_CHAR_PX)
    if len(label) <= most:
        return escape(label)
    return f"{escape(label[: max(most - 1, 1)])}…<title>{escape(label)}</title>"


def _legend(chart_id: str, series: Sequence[Series], y: float) -> tuple[str, float]:
    """The legend (swatch + name of each series) from ``y``; returns the markup and the height used."""
    if len(series) < 2:
        return "", 0
    items, x, row = [], 0.0, 0
    for index, one in enumerate(series):
        width = 22 + len(one.name) * LABEL_CHAR_PX + 16
        if x + width > WIDTH and x > 0:
            x, row = 0.0, row + 1
        top = y + row * 20
        items.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="14" height="14" fill="{_fill(chart_id, index)}"/>'
            f'<text x="{x + 20:.1f}" y="{top + 11:.1f}" font-size="12" {FONT}>{escape(one.name)}</text>'
        )
        x += width
    return "".join(items), (row + 1) * 20 + 4


def _svg(chart_id: str, title: str, height: float, body: str) -> SafeString:
    # Every text in ``body`` went through escape().
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-t">'
        f'<title id="{chart_id}-t">{escape(title)}</title>{body}</svg>'
    )


def _chart(chart_id, title, labels, series, label_header, height: float, parts: list[str]) -> Chart:
    """The chart of ``parts`` (drawn ``height`` high), its legend under it, and its data as a table."""
    legend, legend_px = _legend(chart_id, series, height + 4)
    headers = [label_header, *(one.name for one in series)]
    rows = [[label, *(number_text(one.values[i]) for one in series)] for i, label in enumerate(labels)]
    return Chart(
        title, _svg(chart_id, title, height + legend_px + 4, "".join([*parts, legend])), headers, rows
    )


def _scale(series: Sequence[Series], max_value: Number | None, stacked: bool) -> float:
    if max_value is not None:
        return float(max_value) or 1.0
    if stacked:
        count = len(series[0].values) if series else 0
        totals = [sum(float(one.values[i] or 0) for one in series) for i in range(count)]
        return max(totals, default=0) or 1.0
    return max((float(v or 0) for one in series for v in one.values), default=0) or 1.0


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    label_header: str = "",
    max_value: Number | None = None,
) -> Chart:
    """Horizontal bars: a group per label, a bar per series, each bar's value written after it."""
    chart_id = _chart_id(title, labels, series)
    label_px = _label_width(labels)
    plot_px = WIDTH - label_px - VALUE_PX
    scale = _scale(series, max_value, stacked=False)
    group_px = ROW_PX * len(series) + GAP_PX
    parts = [_defs(chart_id, len(series))]
    for i, label in enumerate(labels):
        top = i * group_px
        parts.append(
            f'<text x="{label_px - 6:.1f}" y="{top + ROW_PX * len(series) / 2 + 4:.1f}" text-anchor="end" '
            f'font-size="12" {FONT}>{_label(label, label_px)}</text>'
        )
        for j, one in enumerate(series):
            value = one.values[i]
            width = max(float(value or 0), 0) / scale * plot_px
            y = top + j * ROW_PX
            parts.append(
                f'<rect x="{label_px:.1f}" y="{y + 2:.1f}" width="{width:.1f}" height="{ROW_PX - 4}" '
                f'fill="{_fill(chart_id, j)}"/>'
                f'<text x="{label_px + width + 4:.1f}" y="{y + ROW_PX - 5:.1f}" font-size="11" {FONT}>'
                f"{escape(number_text(value))}</text>"
            )
    height = len(labels) * group_px
    return _chart(chart_id, title, labels, series, label_header, height, parts)


def stacked_bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    label_header: str = "",
    max_value: Number | None = None,
) -> Chart:
    """One horizontal bar per label split into its series; counts inside the parts wide enough, the total after."""
    chart_id = _chart_id(title, labels, series)
    label_px = _label_width(labels)
    plot_px = WIDTH - label_px - VALUE_PX
    scale = _scale(series, max_value, stacked=True)
    row_px = ROW_PX + 6
    parts = [_defs(chart_id, len(series))]
    for i, label in enumerate(labels):
        top = i * row_px
        parts.append(
            f'<text x="{label_px - 6:.1f}" y="{top + row_px / 2 + 3:.1f}" text-anchor="end" font-size="12" '
            f"{FONT}>{_label(label, label_px)}</text>"
        )
        x = label_px
        for j, one in enumerate(series):
            value = float(one.values[i] or 0)
            width = max(value, 0) / scale * plot_px
            if width <= 0:
                continue
            parts.append(
                f'<rect x="{x:.1f}" y="{top + 2:.1f}" width="{width:.1f}" height="{row_px - 6}" '
                f'fill="{_fill(chart_id, j)}" stroke="#fff" stroke-width="1"><title>'
                f"{escape(one.name)}: {escape(number_text(one.values[i]))}</title></rect>"
            )
            text = number_text(one.values[i])
            # Inside a solid part only: on a hatched or dotted one the figure would not read in print.
            if PATTERNS[j % len(PATTERNS)] == "solid" and width >= len(text) * 7 + 6:
                parts.append(
                    f'<text x="{x + width / 2:.1f}" y="{top + row_px / 2 + 3:.1f}" text-anchor="middle" '
                    f'font-size="11" font-weight="bold" fill="#fff" stroke="#000" stroke-width="0.35" '
                    f"{FONT}>{escape(text)}</text>"
                )
            x += width
        total = sum((one.values[i] or 0) for one in series)
        parts.append(
            f'<text x="{x + 4:.1f}" y="{top + row_px / 2 + 3:.1f}" font-size="11" {FONT}>'
            f"{escape(number_text(total))}</text>"
        )
    height = len(labels) * row_px
    return _chart(chart_id, title, labels, series, label_header, height, parts)


def column_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    label_header: str = "",
) -> Chart:
    """Vertical columns, one per label (e.g. a month), stacked by series, each column's total above it."""
    chart_id = _chart_id(title, labels, series)
    plot_px = 180
    top_px = 16
    axis_px = 20
    scale = _scale(series, None, stacked=True)
    column_px = WIDTH / max(len(labels), 1)
    bar_px = column_px * 0.62
    parts = [_defs(chart_id, len(series))]
    base = top_px + plot_px
    parts.append(f'<line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="#888" stroke-width="1"/>')
    for i, label in enumerate(labels):
        x = i * column_px + (column_px - bar_px) / 2
        y = base
        for j, one in enumerate(series):
            height = max(float(one.values[i] or 0), 0) / scale * plot_px
            if height <= 0:
                continue
            y -= height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_px:.1f}" height="{height:.1f}" '
                f'fill="{_fill(chart_id, j)}" stroke="#fff" stroke-width="1"><title>{escape(label)} – '
                f"{escape(one.name)}: {escape(number_text(one.values[i]))}</title></rect>"
            )
        total = sum((one.values[i] or 0) for one in series)
        parts.append(
            f'<text x="{x + bar_px / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="11" {FONT}>'
            f"{escape(number_text(total))}</text>"
            f'<text x="{x + bar_px / 2:.1f}" y="{base + 14:.1f}" text-anchor="middle" font-size="12" {FONT}>'
            f"{escape(label)}</text>"
        )
    height = base + axis_px
    return _chart(chart_id, title, labels, series, label_header, height, parts)
