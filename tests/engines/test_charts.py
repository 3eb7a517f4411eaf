"""Charts drawn on the server: the values are written as text, labels are escaped, the data is a table."""

from decimal import Decimal
from xml.etree import ElementTree

import pytest

from engines.charts import Series, bar_chart, column_chart, stacked_bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _texts(chart) -> list[str]:
    root = ElementTree.fromstring(str(chart.svg))
    return [element.text for element in root.iter(f"{SVG}text") if element.text]


@pytest.mark.parametrize("draw", [bar_chart, stacked_bar_chart, column_chart])
def test_every_value_is_written_as_text_and_the_svg_is_well_formed(draw):
    chart = draw(
        "Điểm các phường",
        ["Phường 1", "Phường 2"],
        [Series("Năm 2017", [Decimal("87.5"), 60]), Series("Năm 2018", [Decimal("90"), 1200])],
        label_header="Phường",
    )

    texts = _texts(chart)
    assert "Phường 1" in texts and "Phường 2" in texts
    if draw is bar_chart:
        assert {"87,5", "60", "90", "1.200"} <= set(texts)
    else:  # stacked: the totals are always written, parts when wide enough
        assert {"177,5", "1.260"} <= set(texts)
    assert chart.headers == ["Phường", "Năm 2017", "Năm 2018"]
    assert chart.rows == [["Phường 1", "87,5", "90"], ["Phường 2", "60", "1.200"]]


def test_a_second_series_is_told_apart_by_a_pattern_not_only_by_colour():
    chart = bar_chart("T", ["A"], [Series("x", [1]), Series("y", [2])])

    assert "<pattern" in chart.svg
    assert "url(#" in chart.svg
    assert ">x</text>" in chart.svg and ">y</text>" in chart.svg  # the legend names each series


def test_labels_typed_by_users_are_escaped():
    chart = bar_chart("<script>", ['<img src=x onerror="alert(1)">'], [Series("s", [3])])

    assert "<script>" not in chart.svg
    assert "<img" not in chart.svg
    ElementTree.fromstring(str(chart.svg))


def test_nothing_to_draw_still_gives_a_valid_chart():
    chart = column_chart("Empty", [], [Series("s", [])])

    ElementTree.fromstring(str(chart.svg))
    assert chart.rows == []


@pytest.mark.parametrize("draw", [bar_chart, stacked_bar_chart, column_chart])
def test_no_series_at_all_still_gives_a_valid_chart(draw):
    chart = draw("Nothing recorded", ["Tháng 1", "Tháng 2"], [])

    ElementTree.fromstring(str(chart.svg))
    assert chart.rows == [["Tháng 1"], ["Tháng 2"]]
