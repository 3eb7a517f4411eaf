"""A Circular 25/2023 dossier walked through the whole workflow to publication, through the real pages.

The same personas as the Circular 44 journey (tests/assessments/test_journeys.py): the ward officer
and chairman, district education staff, the inspectors, the district chairman who approves; the cycle
names its own authority (a province's department after the reform), which the documents print.
"""

import pytest

from assessments.models import (
    Assessment,
    AssessmentState,
    Cycle,
    IndicatorInspectionFinding,
    IndicatorSelfFinding,
    InspectionResult,
    RecognitionDecision,
)
from tests.assessments.test_levels_flow import (
    c25_assessment,  # noqa: F401  (fixture)
    circular_25,  # noqa: F401  (fixture)
    indicators_of,
    plan_inspection,
    team_data,
    ward_side,
)
from tests.factories import UserFactory
from tests.helpers import pdf_text
from tests.helpers import vi_text as vi
from wards.models import Role

S = AssessmentState
pytestmark = pytest.mark.django_db

AUTHORITY = {
    "reviewing_body": "Phòng Văn hóa - Xã hội",
    "recognising_body": "Sở Giáo dục và Đào tạo tỉnh Lâm Đồng",
    "recognising_parent_body": "Ủy ban nhân dân tỉnh Lâm Đồng",
    "signer_capacity": "KT. GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
}


def state_of(assessment):
    return Assessment.objects.get(pk=assessment.pk).state


def ok(response, status=302):
    assert response.status_code == status, response.content.decode()[:3000]
    return response


def cells(html: str, table_id: str) -> str:
    """The text of the table ``table_id`` of a page (its header and rows)."""
    return html.split(f'id="{table_id}"')[1].split("</table>")[0]


@pytest.fixture
def journey(c25_assessment):  # noqa: F811
    Cycle.objects.filter(pk=c25_assessment.cycle_id).update(**AUTHORITY)
    return Assessment.objects.get(pk=c25_assessment.pk)


def test_a_circular_25_dossier_from_the_ward_to_publication_through_the_pages(
    login, journey, ward_officer, ward_chairman, education_staff, district_chairman, inspector
):
    assessment = journey
    url = f"/assessments/{assessment.pk}"
    framework = assessment.cycle.framework

    # The ward fills every indicator with evidence and sends; the district receives and plans.
    officer = ward_side(login, assessment, ward_officer, ward_chairman)
    ok(officer.post(f"{url}/transition/submit_dossier/", {"shown_without_evidence": ""}))
    assert state_of(assessment) == S.SUBMITTED
    member = UserFactory(full_name="Thành viên 2", roles=[Role.INSPECTOR])
    plan_inspection(
        login, assessment, education_staff, district_chairman, [(inspector, (1, 2, 3)), (member, (4, 5))]
    )

    # The team finds 4.2's level-2 target missed, then corrects it: the consolidation shows both sides.
    lead, second = login(inspector), login(member)
    for number in range(1, 6):
        client = lead if number <= 3 else second
        findings = {"level_2": {"4.2"}} if number == 4 else {}
        ok(client.post(f"{url}/scoring/{number}/", team_data(indicators_of(framework, number), **findings)))
    page = ok(lead.get(f"{url}/consolidation/"), 200)
    html = page.content.decode()
    assert [(row.status.indicator.code, row.self_level, row.team_level) for row in page.context["rows"]][
        9:12
    ] == [("4.1", 2, 2), ("4.2", 2, 1), ("4.3", 2, 2)]
    assert [row.status.indicator.code for row in page.context["rows"] if row.flagged] == ["4.2"]
    assert (page.context["self_level"], page.context["team_level"]) == (2, 1)
    assert "Mức độ 1 (Khá)" in cells(html, "indicator-levels") and "/ 100" not in html
    four = indicators_of(framework, 4)
    corrected = team_data(four)
    for found in IndicatorInspectionFinding.objects.filter(assessment=assessment, indicator__in=four):
        corrected[f"i{found.indicator_id}-version"] = str(found.version)
    ok(second.post(f"{url}/scoring/4/", corrected))
    assert lead.get(f"{url}/consolidation/").context["team_level"] == 2

    ok(lead.post(f"{url}/close/"))
    result = InspectionResult.objects.get(assessment=assessment)
    assert (result.total, result.level, result.classification.label_vi) == (0, 2, "Mức độ 2 (Tốt)")
    closed = ok(lead.get(f"{url}/consolidation/"), 200).content.decode()
    assert "Mức độ 2 (Tốt)" in closed.split('id="result"')[1]

    # The district drafts the decision; the pages show the level, no points column.
    staff, chairman = login(education_staff), login(district_chairman)
    form = ok(staff.get("/decisions/new/?year=2024"), 200).content.decode()
    assert "Mức độ 2 (Tốt)" in form and vi("Total") not in form.split("<table")[1]
    ok(staff.post("/decisions/new/", {"year": "2024", "assessments": [str(assessment.pk)]}))
    decision = RecognitionDecision.objects.get(assessments=assessment)
    detail = ok(staff.get(f"/decisions/{decision.pk}/"), 200).content.decode()
    assert "Mức độ 2 (Tốt)" in cells(detail, "decision-wards")
    assert vi("Total") not in cells(detail, "decision-wards")

    draft = pdf_text(ok(staff.get(f"/decisions/{decision.pk}/print/decision.pdf"), 200).content)
    assert "(Dự thảo)" in draft and "Mức độ 2 (Tốt)" in draft

    approval = {
        "number": "05/QĐ-SGDĐT",
        "issued_on": "20/12/2024",
        "signer": "Trần Thị Hạnh",
        "signer_title": "Phó Giám đốc",
    }
    confirmation = ok(chairman.post(f"/decisions/{decision.pk}/approve/", approval), 200).content.decode()
    assert "Mức độ 2 (Tốt)" in cells(confirmation, "confirm-wards")
    assert state_of(assessment) == S.INSPECTED  # shown, not yet signed
    ok(chairman.post(f"/decisions/{decision.pk}/approve/", {**approval, "confirmed": "1"}))
    assert state_of(assessment) == S.RECOGNISED
    release = ok(staff.get(f"/decisions/{decision.pk}/release/"), 200).content.decode()
    assert "Mức độ 2 (Tốt)" in cells(release, "confirm-wards")
    ok(staff.post(f"/decisions/{decision.pk}/release/"))
    assert state_of(assessment) == S.PUBLISHED

    # The anonymous public page: the ward at level 2 under Circular 25, no points.
    public = ok(login(None).get("/results/2024/"), 200).content.decode()
    assert "Phường 1" in public and "Mức độ 2 (Tốt)" in public and "25/2023" in public
    assert "05/QĐ-SGDĐT" in public

    # The signed decision names the configured authority and signer, the level, its validity; no points.
    text = pdf_text(ok(staff.get(f"/decisions/{decision.pk}/print/decision.pdf"), 200).content)
    assert [
        phrase
        for phrase in (
            "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH LÂM ĐỒNG",
            "Số: 05/QĐ-SGDĐT",
            "Về việc công nhận đạt chuẩn “Cộng đồng học tập” cấp xã năm 2024",
            "Căn cứ Thông tư số 25/2023/TT-BGDĐT ngày 28/12/2023 của Bộ Giáo dục và Đào tạo quy định về "
            "đánh giá, công nhận “Cộng đồng học tập” cấp xã;",
            "Xét đề nghị của Trưởng phòng Văn hóa - Xã hội",
            "Công nhận 1 phường đạt chuẩn “Cộng đồng học tập” cấp xã Mức độ 2 (Tốt) năm 2024",
            "Kết quả công nhận có giá trị 03 năm, đến hết năm 2027.",
            "Mức độ đạt chuẩn",
            "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
            "Trần Thị Hạnh",
        )
        if phrase not in text
    ] == []
    assert "điểm" not in text.lower() and "44/2014" not in text and "xếp loại" not in text.lower()

    # So do the proposal and the public notice.
    proposal = pdf_text(
        ok(staff.get(f"/decisions/{decision.pk}/print/recognition_proposal.pdf"), 200).content
    )
    assert "Sở Giáo dục và Đào tạo tỉnh Lâm Đồng" in proposal and "Mức độ 2 (Tốt): 1 phường" in proposal
    assert "điểm" not in proposal.lower()
    notice = pdf_text(ok(login(None).get("/results/2024/print/public_notice.pdf"), 200).content)
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH LÂM ĐỒNG" in notice and "Mức độ 2 (Tốt)" in notice
    assert "có giá trị 03 năm, đến hết năm 2027" in notice and "điểm" not in notice.lower()


@pytest.mark.parametrize("files", [1, 5])
def test_the_levels_consolidation_is_refused_to_outsiders_and_keeps_its_query_count(
    login,
    journey,
    ward_officer,
    ward_chairman,
    other_ward_officer,
    education_staff,
    district_chairman,
    inspector,
    django_assert_max_num_queries,
    files,
):
    from tests.assessments.test_levels_flow import self_data

    assessment = journey
    url = f"/assessments/{assessment.pk}/consolidation/"
    officer = ward_side(login, assessment, ward_officer, ward_chairman, skip_criterion=1)
    versions = {f.indicator_id: f.version for f in IndicatorSelfFinding.objects.filter(assessment=assessment)}
    ok(
        officer.post(
            f"/assessments/{assessment.pk}/criteria/1/",
            self_data(indicators_of(journey.cycle.framework, 1), files=files, versions=versions),
        )
    )
    ok(officer.post(f"/assessments/{assessment.pk}/level/", {"level": "2"}))
    ok(
        officer.post(
            f"/assessments/{assessment.pk}/transition/submit_dossier/", {"shown_without_evidence": ""}
        )
    )
    plan_inspection(login, assessment, education_staff, district_chairman, [(inspector, (1, 2, 3, 4, 5))])
    assert login(other_ward_officer).get(url).status_code == 404
    assert login(ward_officer).get(url).status_code == 404  # the team's page, not the ward's
    assert login(None).get(url).status_code == 302  # to the login page
    assert ok(login(education_staff).get(url), 200).context["unassessed"][:2] == ["1.1", "1.2"]
    lead = login(inspector)
    with django_assert_max_num_queries(11):  # measured: 11 with 1 or 5 files per indicator
        page = ok(lead.get(url), 200)
    assert [row.self_level for row in page.context["rows"]] == [2] * 15
