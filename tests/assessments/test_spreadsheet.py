"""The self-assessment as an XLSX sheet: export, and an all-or-nothing import of the same layout."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from assessments.models import AssessmentState as S
from assessments.models import CriterionSelfScore
from engines.uploads import XLSX
from tests.assessments.conftest import PDF_BYTES, add_evidence
from tests.factories import AssessmentFactory
from tests.helpers import vi_text as vi


@pytest.fixture
def preparing(walk_to, assessment, ward_officer):
    """A dossier in preparation: criteria 1–3 have evidence, criterion 1 is scored 5 with a comment."""
    walk_to(assessment, S.DOSSIER_PREPARATION)
    criteria = {c.number: c for c in assessment.cycle.framework.criteria.all()}
    for number in (1, 2, 3):
        add_evidence(assessment, criteria[number], ward_officer)
    CriterionSelfScore.objects.create(
        assessment=assessment, criterion=criteria[1], points=Decimal(5), comment="Có nghị quyết"
    )
    return assessment


def export_url(assessment):
    return reverse("assessments:scores_xlsx", args=[assessment.pk])


def import_url(assessment):
    return reverse("assessments:scores_import", args=[assessment.pk])


def scores(assessment) -> dict[int, tuple]:
    return {
        s.criterion.number: (s.points, s.comment)
        for s in CriterionSelfScore.objects.filter(assessment=assessment).select_related("criterion")
    }


def exported_workbook(client, assessment):
    response = client.get(export_url(assessment))
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def upload(workbook, name="tu-danh-gia.xlsx") -> SimpleUploadedFile:
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def test_export_has_a_header_and_one_row_per_criterion(login, preparing, ward_officer):
    response = login(ward_officer).get(export_url(preparing))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="tu-danh-gia-P01-2018.xlsx"'
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    with translation.override("vi"):
        assert sheet.title == gettext("Self-assessment")
        headers = [gettext(h) for h in ("No.", "Criterion", "Maximum points", "Self-score", "Comment")]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == headers
    assert len(rows) == 16
    assert rows[1] == (1, "Sự lãnh đạo của cấp ủy Đảng, Ủy ban nhân dân phường", 7, 5, "Có nghị quyết")
    assert rows[15][0::2] == (15, 6, None)
    assert rows[15][3] is None


def test_export_keeps_a_comment_that_looks_like_a_formula_as_text_and_reads_it_back(
    login, preparing, ward_officer
):
    comment = '=HYPERLINK("http://x.invalid","Bấm")'
    CriterionSelfScore.objects.filter(assessment=preparing, criterion__number=1).update(comment=comment)
    client = login(ward_officer)

    workbook = exported_workbook(client, preparing)
    cell = workbook.worksheets[0]["E2"]
    response = client.post(import_url(preparing), {"file": upload(workbook)})

    assert (cell.value, cell.data_type, cell.quotePrefix) == (comment, "s", True)
    assert response.status_code == 302
    assert scores(preparing)[1] == (Decimal(5), comment)


@pytest.mark.parametrize("persona", ["ward_chairman", "education_staff", "steering_member"])
def test_export_for_the_ward_and_the_district_but_not_another_ward(
    request, login, preparing, other_ward_officer, persona
):
    assert login(request.getfixturevalue(persona)).get(export_url(preparing)).status_code == 200
    assert login(other_ward_officer).get(export_url(preparing)).status_code == 404


def test_import_round_trip_changes_exactly_the_edited_scores(login, preparing, ward_officer):
    client = login(ward_officer)
    workbook = exported_workbook(client, preparing)
    sheet = workbook.worksheets[0]
    sheet["D3"] = 6.5  # criterion 2
    sheet["E3"] = "Ban chỉ đạo họp hằng quý"
    sheet["D4"] = "4,5"  # criterion 3, typed as text with a decimal comma
    response = client.post(import_url(preparing), {"file": upload(workbook)})
    assert (response.status_code, response.url) == (302, preparing.get_absolute_url())
    assert scores(preparing) == {
        1: (Decimal(5), "Có nghị quyết"),
        2: (Decimal("6.5"), "Ban chỉ đạo họp hằng quý"),
        3: (Decimal("4.5"), ""),
        **dict.fromkeys(range(4, 16), (None, "")),
    }
    preparing.refresh_from_db()
    assert preparing.self_total == Decimal(16)


def test_import_with_a_score_above_the_maximum_names_the_row_and_changes_nothing(
    login, preparing, ward_officer
):
    client = login(ward_officer)
    workbook = exported_workbook(client, preparing)
    sheet = workbook.worksheets[0]
    sheet["D3"] = 6
    sheet["D5"] = 9  # criterion 4, maximum 7
    before = scores(preparing)
    response = client.post(import_url(preparing), {"file": upload(workbook)})
    assert response.status_code == 200
    problem = vi("Criterion %(number)s: the score must be between 0 and %(max)s.", number=4, max="7,0")
    assert response.context["form"].errors["file"] == [
        vi("Row %(row)s, column %(column)s: %(problem)s", row=5, column="D", problem=problem)
    ]
    assert scores(preparing) == before


def test_import_reports_every_bad_row_at_once(login, preparing, ward_officer):
    client = login(ward_officer)
    workbook = exported_workbook(client, preparing)
    sheet = workbook.worksheets[0]
    sheet["D2"] = "nhiều"
    sheet["D6"] = 3  # criterion 5 has no evidence
    sheet["D7"] = 2.25
    sheet["A8"] = 16
    sheet["A9"] = 2
    response = client.post(import_url(preparing), {"file": upload(workbook)})

    def row(number, column, problem):
        return vi("Row %(row)s, column %(column)s: %(problem)s", row=number, column=column, problem=problem)

    assert response.context["form"].errors["file"] == [
        row(2, "D", vi("“%(value)s” is not a number.", value="nhiều")),
        row(
            6,
            "D",
            vi("A criterion without evidence cannot score above 0: attach at least one evidence file."),
        ),
        row(7, "D", vi("Criterion %(number)s: scores go in steps of 0.5 points.", number=6)),
        row(8, "A", vi("there is no criterion %(number)s.", number=16)),
        row(9, "A", vi("criterion %(number)s is already on row %(row)s.", number=2, row=3)),
    ]
    assert scores(preparing) == {1: (Decimal(5), "Có nghị quyết")}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tu-danh-gia.xlsx", PDF_BYTES),
        ("tu-danh-gia.xlsx", "Số,Điểm\n1,5\n".encode()),
        ("tu-danh-gia.pdf", PDF_BYTES),
    ],
)
def test_import_of_a_file_that_is_not_xlsx_is_refused_cleanly(login, preparing, ward_officer, name, content):
    response = login(ward_officer).post(import_url(preparing), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == ["kind_not_allowed"]
    assert scores(preparing) == {1: (Decimal(5), "Có nghị quyết")}


def test_import_blank_score_means_not_scored(login, preparing, ward_officer):
    client = login(ward_officer)
    workbook = exported_workbook(client, preparing)
    workbook.worksheets[0]["D2"] = None
    assert client.post(import_url(preparing), {"file": upload(workbook)}).status_code == 302
    assert scores(preparing)[1] == (None, "Có nghị quyết")
    preparing.refresh_from_db()
    assert preparing.self_total == Decimal(0)


@pytest.mark.parametrize(
    "persona", ["ward_chairman", "education_staff", "inspector", "district_chairman", "system_admin"]
)
def test_import_refused_to_other_personas(request, login, preparing, ward_officer, persona):
    workbook = exported_workbook(login(ward_officer), preparing)
    workbook.worksheets[0]["D3"] = 7
    client = login(request.getfixturevalue(persona))
    assert client.get(import_url(preparing)).status_code == 403
    assert client.post(import_url(preparing), {"file": upload(workbook)}).status_code == 403
    assert scores(preparing) == {1: (Decimal(5), "Có nghị quyết")}


def test_import_404_for_another_ward_and_403_after_submission(
    login, walk_to, assessment, ward_officer, other_ward_officer, other_ward, cycle
):
    other = AssessmentFactory(cycle=cycle, ward=other_ward)
    workbook = exported_workbook(login(other_ward_officer), other)
    assert login(ward_officer).post(import_url(other), {"file": upload(workbook)}).status_code == 404
    walk_to(assessment, S.SUBMITTED)
    before = scores(assessment)
    workbook = exported_workbook(login(ward_officer), assessment)
    workbook.worksheets[0]["D2"] = 0
    assert login(ward_officer).post(import_url(assessment), {"file": upload(workbook)}).status_code == 403
    assert scores(assessment) == before


def test_import_page_links_to_the_sheet(login, preparing, ward_officer):
    response = login(ward_officer).get(import_url(preparing))
    assert response.status_code == 200
    assert f'href="{export_url(preparing)}"' in response.content.decode()


def test_import_gives_each_changed_score_its_next_version_and_leaves_the_others(
    login, preparing, ward_officer
):
    client = login(ward_officer)
    workbook = exported_workbook(client, preparing)
    sheet = workbook.worksheets[0]
    sheet["D2"] = 4  # criterion 1, scored 5 (version 1): changed
    sheet["D3"] = 6.5  # criterion 2, not scored yet: created
    CriterionSelfScore.objects.create(
        assessment=preparing, criterion=preparing.cycle.framework.criteria.get(number=3), points=Decimal(2)
    )
    sheet["D4"] = 2  # criterion 3, already 2 (version 1): unchanged

    client.post(import_url(preparing), {"file": upload(workbook)})

    versions = {
        s.criterion.number: (s.points, s.version, s.updated_by)
        for s in CriterionSelfScore.objects.filter(assessment=preparing, criterion__number__lte=3)
    }
    assert versions == {
        1: (Decimal(4), 2, ward_officer),
        2: (Decimal("6.5"), 1, ward_officer),
        3: (Decimal(2), 1, None),
    }


def test_a_criterion_page_opened_before_an_import_can_no_longer_overwrite_it(login, preparing, ward_officer):
    client = login(ward_officer)
    criterion_url = reverse("assessments:criterion_edit", args=[preparing.pk, 1])
    loaded = client.get(criterion_url).context["form"]["version"].value()
    workbook = exported_workbook(client, preparing)
    workbook.worksheets[0]["D2"] = 6
    client.post(import_url(preparing), {"file": upload(workbook)})

    response = client.post(criterion_url, {"points": "3", "comment": "", "version": str(loaded)})

    assert response.context["stale"] == vi("Someone else changed this score while you were editing it.")
    assert scores(preparing)[1] == (Decimal(6), "Có nghị quyết")
