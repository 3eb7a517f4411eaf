"""Every CSV and XLSX the portal writes keeps typed text as text: a formula typed anywhere stays inert.

``EXPORTS`` declares each export URL of the project (and the XLSX inside the
dossier's ZIP), who downloads it and which hostile values planted by
``tests.engines.hostile_data`` it must carry. ``test_every_export_url_is_declared``
walks the URL patterns: a new pattern whose path ends in ``.csv``, ``.xlsx`` or
``.<fmt>``, or whose path or name says "export", fails until it is declared
here (or, for a PDF/DOCX document, in ``DOCUMENTS_NOT_SPREADSHEETS``).

What "inert" means is ``engines.spreadsheets``: in XLSX no cell is a formula,
the planted text reads back exactly, as a text cell marked quote-prefixed; in
CSV it is written after an apostrophe. Genuine numbers stay numbers (numeric
cells; bare in CSV, negative ones too).
"""

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from assessments.models import ClassificationBand, InspectionResult
from engines.spreadsheets import looks_like_formula
from tests.conftest import client_for
from tests.engines.hostile_data import HOSTILE, HYPERLINK, YEAR, build_hostile_world, inspected, self_assessed

SELF_1 = self_assessed(0, YEAR, 1)  # ward 0's self-score of criterion 1
INSPECTED_1 = inspected(0, YEAR, 1)
DELTA_1 = SELF_1 - INSPECTED_1  # negative: a genuine "-1" that must stay a number
assert DELTA_1 < 0


def _total_0(world) -> Decimal:
    return InspectionResult.objects.get(assessment=world.assessment).total


def _band_labels(world) -> tuple[str, ...]:
    return tuple(
        ClassificationBand.objects.filter(framework=world.assessment.cycle.framework).values_list(
            "label_vi", flat=True
        )
    )


@dataclass(frozen=True)
class Export:
    url_name: str
    fmt: str  # what the file is: "csv" or "xlsx"
    who: str  # a persona of the hostile world allowed to download it
    args: Callable = lambda world: []
    query: str = ""
    planted: tuple[str, ...] | Callable = ()  # hostile values the file must carry, inert
    numbers: tuple | Callable = ()  # genuine numbers the file must carry as numbers
    zip_member: str = ""  # the XLSX inside a ZIP download
    label: str = ""  # tells apart the tables of one URL in the test's name

    @property
    def id(self) -> str:
        return f"{self.url_name}{f'-{self.label}' if self.label else ''}.{self.fmt}"


def _both(url_name, who, args, *, query="", planted=(), numbers=(), label="") -> list[Export]:
    """An export offered as CSV and XLSX (its ``fmt`` is the last URL argument)."""
    return [
        Export(
            url_name,
            fmt,
            who,
            lambda world, fmt=fmt: [*args(world), fmt],
            query,
            planted,
            numbers,
            label=label,
        )
        for fmt in ("csv", "xlsx")
    ]


def _overview(table: str, **expected) -> list[Export]:
    """One table of the steering committee's overview, as CSV and XLSX."""
    args = lambda world: [table]  # noqa: E731
    return _both(
        "dashboard:overview_export", "steering_member", args, query=f"year={YEAR}", label=table, **expected
    )


WARD_NAMES = tuple(HOSTILE)
NO_ARGS = lambda world: []  # noqa: E731
YEAR_ARG = lambda world: [YEAR]  # noqa: E731
WARD_0 = lambda world: [world.wards[0].code]  # noqa: E731
ASSESSMENT = lambda world: [world.assessment.pk]  # noqa: E731
CENTER = lambda world: [world.center.pk]  # noqa: E731

EXPORTS: list[Export] = [
    Export(
        "assessments:scores_xlsx",
        "xlsx",
        "ward_officer",
        ASSESSMENT,
        planted=tuple(HOSTILE),  # comments, and the criteria's titles
        numbers=(SELF_1,),
    ),
    Export(
        "assessments:dossier_zip",
        "xlsx",
        "ward_officer",
        ASSESSMENT,
        planted=tuple(HOSTILE),
        numbers=(SELF_1,),
        zip_member="tong-hop.xlsx",
        label="tong-hop",
    ),
    *_both(
        "assessments:public_summary_export",
        "anonymous",
        NO_ARGS,
        planted=lambda world: WARD_NAMES + _band_labels(world)[:1],
        numbers=lambda world: (_total_0(world),),
    ),
    Export(
        "centers:comparison_export",
        "xlsx",
        "education_staff",
        query=f"year={YEAR}",
        planted=(HOSTILE[0], HOSTILE[1], HOSTILE[4]),  # ward and centre names
        numbers=(1,),  # one activity
    ),
    Export("centers:class_list_template", "xlsx", "center_director", numbers=(1985,)),
    Export(
        "centers:activity_export",
        "xlsx",
        "center_director",
        CENTER,
        query=f"year={YEAR}",
        planted=(HOSTILE[0], HOSTILE[2], HOSTILE[3]),  # topic, instructor, place
        numbers=(0,),
    ),
    Export(
        "centers:register_export",
        "xlsx",
        "center_director",
        CENTER,
        planted=(HOSTILE[0], "+cmd", "@SUM(A1)"),  # names, residential group
        numbers=(1985, 1990),
    ),
    Export("centers:register_template", "xlsx", "center_director", CENTER),
    *_both(
        "plans:task_export",
        "education_staff",
        YEAR_ARG,
        planted=(HOSTILE[0], HOSTILE[2], HOSTILE[3], HOSTILE[5]),  # tasks, unit, section
        numbers=(1, 2),
    ),
    *_overview("pipeline", numbers=(len(HOSTILE),)),
    *_overview("late"),
    *_overview("distribution", planted=_band_labels),
    *_overview("plan", planted=(HOSTILE[3],), numbers=(2,)),  # the unit; its two tasks
    *_overview("activity"),
    *_both(
        "dashboard:heatmap_export", "steering_member", YEAR_ARG, planted=WARD_NAMES, numbers=(INSPECTED_1,)
    ),
    *_both(
        "dashboard:self_vs_inspection_export",
        "steering_member",
        YEAR_ARG,
        planted=WARD_NAMES,
        numbers=(DELTA_1,),
    ),
    *_both(
        "dashboard:trends_export",
        "steering_member",
        NO_ARGS,
        planted=lambda world: WARD_NAMES + _band_labels(world)[:1],
        numbers=lambda world: (_total_0(world),),
    ),
    *_both(
        "dashboard:ward_export",
        "ward_officer",
        WARD_0,
        planted=tuple(HOSTILE),  # criteria's titles
        numbers=(SELF_1, INSPECTED_1, DELTA_1),
    ),
    *_both(
        "dashboard:ward_export",
        "ward_officer",
        WARD_0,
        query="table=years",
        label="years",
        planted=(HYPERLINK,),
        numbers=lambda world: (_total_0(world),),
    ),
]

# URL patterns that look like exports but write PDF or DOCX documents, never a spreadsheet.
DOCUMENTS_NOT_SPREADSHEETS = {
    "assessments:plan_document",
    "assessments:decision_document",
    "assessments:public_document",
    "plans:document",
    "plans:district_report_document",
}


def _patterns(resolver=None, prefix="", namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), namespace + pattern.name


def _looks_like_export(route: str, name: str) -> bool:
    route = route.rstrip("$/")
    return (
        route.endswith((".csv", ".xlsx", ".<str:fmt>", ".<slug:fmt>"))
        or "export" in route.lower()
        or "export" in name.lower()
    )


def test_every_export_url_is_declared():
    found = {name for route, name in _patterns() if _looks_like_export(route, name)}
    found = {name for name in found if not name.startswith("admin:")}
    declared = {export.url_name for export in EXPORTS if not export.zip_member}

    assert found - declared - DOCUMENTS_NOT_SPREADSHEETS == set()
    assert declared - found == set()  # each declared export is still a URL that looks like one
    assert len(declared) == 13


@pytest.fixture
def world(db):
    return build_hostile_world()


def _value(option, world):
    return option(world) if callable(option) else option


def _download(export: Export, world) -> bytes:
    url = reverse(export.url_name, args=export.args(world)) + (f"?{export.query}" if export.query else "")
    response = client_for(world.users[export.who]).get(url)
    assert response.status_code == 200, url
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export.zip_member:
        content = zipfile.ZipFile(io.BytesIO(content)).read(export.zip_member)
    return content


def _check_xlsx(content: bytes, planted, numbers) -> None:
    workbook = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    for cell in cells:
        if isinstance(cell.value, str) and looks_like_formula(cell.value):
            assert (cell.data_type, cell.quotePrefix) == ("s", True), cell.coordinate
    text = {cell.value for cell in cells if cell.data_type == "s"}
    assert [value for value in planted if value not in text] == []
    numeric = {Decimal(str(cell.value)) for cell in cells if cell.data_type == "n" and cell.value is not None}
    assert [number for number in numbers if Decimal(number) not in numeric] == []


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


def _check_csv(content: bytes, planted, numbers) -> None:
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads the Vietnamese text as UTF-8
    cells = [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")) for cell in row]
    assert [cell for cell in cells if looks_like_formula(cell) and _number(cell) is None] == []
    assert [value for value in planted if "'" + value not in cells] == []
    bare = {_number(cell) for cell in cells} - {None}
    assert [number for number in numbers if Decimal(number) not in bare] == []


@pytest.mark.parametrize("export", EXPORTS, ids=[export.id for export in EXPORTS])
def test_export_keeps_hostile_text_inert_and_numbers_numeric(export, world):
    content = _download(export, world)
    planted, numbers = _value(export.planted, world), _value(export.numbers, world)
    if export.fmt == "xlsx":
        _check_xlsx(content, planted, numbers)
    else:
        _check_csv(content, planted, numbers)


def test_scores_sheet_keeps_the_officers_hyperlink_comment_as_plain_text(world):
    """The case of the issue: this comment came out of scores.xlsx as a live formula."""
    content = _download(EXPORTS[0], world)

    sheet = load_workbook(io.BytesIO(content)).active
    comment = sheet["E2"]
    assert (comment.value, comment.data_type, comment.quotePrefix) == (HYPERLINK, "s", True)


def test_results_command_writes_hostile_ward_names_inert(world):
    out = io.StringIO()
    call_command("export_results", "--year", str(YEAR), stdout=out)

    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    names = [row[1] for row in rows[1:]]
    assert sorted(names) == sorted("'" + name for name in HOSTILE)
