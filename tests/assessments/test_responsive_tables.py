"""Wide tables fit a phone: list tables turn into cards (``table-stack``), matrices scroll in their box.

The cards are drawn by static/css/portal.css under 576 px; each cell names its column with
``data-label``. These tests read the pages' markup; a browser test suite checks the drawing later.
"""

from decimal import Decimal
from pathlib import Path

import pytest
from django.test.html import Element, parse_html

from assessments.inspection import MemberAssignment
from assessments.models import AssessmentState as S
from assessments.models import CriterionSelfScore
from assessments.results import import_results
from tests.assessments.conftest import add_evidence, approved_plan
from tests.factories import UserFactory
from wards.models import Role

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css"


def elements(node, name):
    """Every element called ``name`` under ``node``, in document order."""
    for child in node.children:
        if isinstance(child, Element):
            if child.name == name:
                yield child
            yield from elements(child, name)


def classes(node) -> set[str]:
    return set(dict(node.attributes).get("class", "").split())


def text(node) -> str:
    return " ".join(str(child) if isinstance(child, str) else text(child) for child in node.children).strip()


def stacked_tables(html: str) -> list[Element]:
    return [table for table in elements(parse_html(html), "table") if "table-stack" in classes(table)]


def labels_match_headers(table) -> list[tuple[str, str]]:
    """(header, data-label) of every labelled body cell whose label is not its column's header."""
    headers = [text(th) for th in elements(next(elements(table, "thead")), "th")]
    wrong = []
    for row in elements(next(elements(table, "tbody")), "tr"):
        cells = [cell for cell in row.children if isinstance(cell, Element)]
        for header, cell in zip(headers, cells, strict=False):
            label = dict(cell.attributes).get("data-label")
            if label is not None and label != header:
                wrong.append((header, label))
    return wrong


def cell_labels(table) -> list[list[str | None]]:
    rows = elements(next(elements(table, "tbody")), "tr")
    return [
        [dict(cell.attributes).get("data-label") for cell in row.children if isinstance(cell, Element)]
        for row in rows
    ]


def test_stylesheet_turns_stacked_tables_into_cards_on_phones_only():
    css = CSS.read_text()
    phone_rules = css.split("@media (max-width: 575.98px) {", 1)[1]
    assert ".table-stack > :not(thead) > tr {" in phone_rules  # the body's rows and the footer's total
    assert "content: attr(data-label);" in phone_rules
    assert css.index(".table-stack") > css.index("@media (max-width: 575.98px) {")
    # A scrolling table keeps its visually-hidden labels inside its box (they widened /cycles/ to 1,005 px).
    assert ".table-responsive { position: relative; }" in css


def test_assessment_page_criteria_are_cards_with_labels_and_edit_button(
    login, ward_officer, walk_to, assessment
):
    walk_to(assessment, S.DOSSIER_PREPARATION)
    criterion = assessment.cycle.framework.criteria.get(number=2)
    CriterionSelfScore.objects.create(assessment=assessment, criterion=criterion, points=Decimal("6.5"))
    add_evidence(assessment, criterion, ward_officer)

    html = login(ward_officer).get(f"/assessments/{assessment.pk}/").content.decode()

    criteria, history = stacked_tables(html)  # the history is cards on a phone too
    assert labels_match_headers(history) == []
    labels = ["STT", None, "Điểm tối đa", "Điểm tự đánh giá", "Nhận xét", "Minh chứng", "Đầy đủ", None]
    assert cell_labels(criteria) == [labels] * 15
    assert labels_match_headers(criteria) == []
    second = list(elements(next(elements(criteria, "tbody")), "tr"))[1]
    assert "stack-title" in classes(list(elements(second, "td"))[1])
    assert text(list(elements(second, "td"))[-1]) == "Sửa"


def test_cycle_list_rows_are_cards(login, education_staff, cycle):
    html = login(education_staff).get("/cycles/").content.decode()
    [table] = stacked_tables(html)
    assert cell_labels(table) == [
        [
            None,
            "Bộ tiêu chí",
            "Lịch làm việc",
            "Đơn vị chủ trì kiểm tra",
            "Cơ quan thẩm định, công nhận",
            "Hồ sơ đánh giá",
            None,
        ]
    ]
    assert labels_match_headers(table) == []


def test_assessment_list_rows_are_cards(login, education_staff, assessment):
    html = login(education_staff).get("/assessments/").content.decode()
    [table] = stacked_tables(html)
    assert cell_labels(table) == [[None, "Năm", "Trạng thái", "Hạn", "Tổng điểm tự đánh giá"]]
    assert labels_match_headers(table) == []


@pytest.mark.parametrize("url", ["/frameworks/", "/users/", "/calendar/"])
def test_other_list_tables_are_cards_whose_labels_are_their_headers(login, system_admin, url):
    html = login(system_admin).get(url).content.decode()
    tables = stacked_tables(html)
    assert tables != []
    assert [labels_match_headers(table) for table in tables] == [[] for _table in tables]
    assert all(any(label for row in cell_labels(table) for label in row) for table in tables)


def test_inspection_tables_are_cards_whose_labels_are_their_headers(
    login, walk_to, assessment, education_staff, district_chairman, inspector
):
    """What an inspector reads on site: the other members' criteria and the consolidation, footer too."""
    walk_to(assessment, S.RECEIVED)
    member = UserFactory(roles=[Role.INSPECTOR])
    criteria = list(assessment.cycle.framework.criteria.order_by("number"))
    approved_plan(
        assessment,
        education_staff,
        district_chairman,
        inspector,
        members=[MemberAssignment(member, criteria[8:])],
    )
    client = login(member)
    [others] = stacked_tables(client.get(f"/assessments/{assessment.pk}/scoring/").content.decode())
    [consolidation] = stacked_tables(
        client.get(f"/assessments/{assessment.pk}/consolidation/").content.decode()
    )

    assert cell_labels(others) == [[None, "Tối đa", "Điểm tự đánh giá", "Điểm của đoàn", "Người chấm"]] * 8
    assert cell_labels(consolidation)[0] == [
        None,
        "Tối đa",
        "Điểm tự đánh giá",
        "Điểm của đoàn",
        "Chênh lệch",
        None,
    ]
    assert [labels_match_headers(others), labels_match_headers(consolidation)] == [[], []]
    footer = next(elements(next(elements(consolidation, "tfoot")), "tr"))
    assert [
        dict(cell.attributes).get("data-label") for cell in footer.children if isinstance(cell, Element)
    ] == [
        None,
        "Tối đa",
        "Điểm tự đánh giá",
        "Điểm của đoàn",
        None,
        None,
    ]


def test_public_results_matrix_scrolls_with_the_ward_column_in_view(
    login, ward, system_admin, promotion_association
):
    rows = "\n".join(f"2017,P01,{number},5" for number in range(1, 16))
    import_results(f"year,ward_code,criterion,points\n{rows}\n", system_admin)

    html = login(None).get("/results/2017/").content.decode()

    [table] = list(elements(parse_html(html), "table"))
    assert "table-sticky-first" in classes(table)
    assert text(next(elements(next(elements(table, "tbody")), "td"))) == "Phường 1"
