"""Each cycle's reviewing and recognising authority and signer: what the documents print, and the cycle form."""

import datetime

import pytest
from django.urls import reverse

from assessments.authority import cycle_authority
from assessments.cycles import new_cycle_initial, suggested_cycle_dates
from assessments.documents.registry import render_document
from assessments.models import AssessmentState as S
from assessments.models import Cycle, Framework, InspectionPlan, RecognitionDecision
from engines.models import IssuedNumber
from tests.helpers import pdf_text, write_plan
from wards.models import District

CREATE_URL = reverse("assessments:cycle_create")
LIST_URL = reverse("assessments:cycle_list")
DISTRICT_HEADER = "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH ỦY BAN NHÂN DÂN QUẬN 5 CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
DEPARTMENT = "Sở Giáo dục và Đào tạo tỉnh Lâm Đồng"
PROVINCE = "Ủy ban nhân dân tỉnh Lâm Đồng"
REVIEWING = "Phòng Văn hóa - Xã hội"
PROVINCE_HEADER = (
    "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH LÂM ĐỒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
)
CONFIGURED = {
    "reviewing_body": REVIEWING,
    "recognising_body": DEPARTMENT,
    "recognising_parent_body": PROVINCE,
    "signer_capacity": "KT. GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
}


@pytest.fixture
def province_cycle(cycle):
    """The 2018 cycle reviewed by a commune office and recognised by the province's department."""
    Cycle.objects.filter(pk=cycle.pk).update(**CONFIGURED)
    cycle.refresh_from_db()
    return cycle


def assert_in(phrases, text):
    assert [phrase for phrase in phrases if phrase not in text] == []


# --- The rule -----------------------------------------------------------------------------------------


def test_blank_fields_are_the_districts_committee_chairman_and_education_office(cycle, education_office):
    authority = cycle_authority(cycle, District.current())

    assert authority.recognising_body == "Ủy ban nhân dân Quận 5"
    assert authority.recognising_parent_body == "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    assert authority.reviewing_body == education_office.name
    assert authority.dossier_addressee == "Ủy ban nhân dân Quận 5"
    assert authority.receiving_parent_body == "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    assert authority.signature_lines("Phó Chủ tịch") == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    )
    assert authority.signature_lines("Chủ tịch") == authority.draft_signature_lines
    assert authority.draft_signature_lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def test_configured_fields_win_and_the_signer_is_one_setting(province_cycle):
    authority = cycle_authority(province_cycle, District.current())

    assert (authority.reviewing_body, authority.recognising_body) == (REVIEWING, DEPARTMENT)
    assert (authority.recognising_parent_body, authority.dossier_addressee) == (PROVINCE, REVIEWING)
    assert authority.receiving_parent_body == DEPARTMENT  # the reviewing body sits under the recognising one
    assert authority.signature_lines("Phó Chủ tịch") == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    # A title alone: the signer signs in their own right; a capacity alone: as chairman.
    province_cycle.signer_capacity, province_cycle.signer_title = "", "Trưởng phòng"
    assert cycle_authority(province_cycle, District.current()).draft_signature_lines == ("TRƯỞNG PHÒNG",)
    province_cycle.signer_capacity, province_cycle.signer_title = "TM. Ủy ban nhân dân / KT. Chủ tịch", ""
    assert cycle_authority(province_cycle, District.current()).signature_lines("") == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "CHỦ TỊCH",
    )


# --- The documents ------------------------------------------------------------------------------------


def test_blank_fields_print_the_decision_as_before(assessment, walk_to):
    walk_to(assessment, S.RECOGNISED)
    decision = RecognitionDecision.objects.get()

    text = pdf_text(render_document("decision", decision))

    assert text.startswith(DISTRICT_HEADER)
    assert_in(
        [
            "Số: 05/QĐ-UBND Quận 5, ngày 10 tháng 12 năm 2018",
            "Xét đề nghị của Trưởng phòng Giáo dục và Đào tạo",
            "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trịnh Văn Long",
            "(Kèm theo Quyết định số 05/QĐ-UBND ngày 10 tháng 12 năm 2018 của Ủy ban nhân dân Quận 5)",
        ],
        text,
    )


def test_configured_decision_names_the_department_and_its_signer_not_the_committee(
    province_cycle, assessment, walk_to
):
    walk_to(assessment, S.RECOGNISED)
    decision = RecognitionDecision.objects.get()
    proposal = pdf_text(render_document("recognition_proposal", decision))

    text = pdf_text(render_document("decision", decision))

    assert text.startswith(PROVINCE_HEADER)
    assert_in(
        [
            "Số: 05/QĐ-UBND Quận 5, ngày 10 tháng 12 năm 2018",
            f"{DEPARTMENT.upper()} Căn cứ Luật Tổ chức chính quyền địa phương",
            f"Căn cứ Kế hoạch số 01/KH-UBND ngày 22/10/2018 của {DEPARTMENT}",
            "Xét đề nghị của Trưởng phòng Văn hóa - Xã hội tại Tờ trình số 01/TTr-PGDĐT",
            "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Trịnh Văn Long",
            f"(Kèm theo Quyết định số 05/QĐ-UBND ngày 10 tháng 12 năm 2018 của {DEPARTMENT})",
            "1 Phường 1 90 Tốt",
        ],
        text,
    )
    assert "ỦY BAN NHÂN DÂN QUẬN 5" not in text
    assert "của Ủy ban nhân dân Quận 5" not in text
    assert "TM. ỦY BAN NHÂN DÂN" not in text
    assert proposal.startswith(f"{DEPARTMENT.upper()} {REVIEWING.upper()} CỘNG HÒA")
    assert f"Kính gửi: {DEPARTMENT}." in proposal
    register = IssuedNumber.objects.get(document_key=f"decision:{decision.pk}")
    assert register.issuer_label == DEPARTMENT.upper()
    assert assessment.state == S.RECOGNISED


def test_configured_ward_dossier_goes_to_the_reviewing_body_which_receives_it(
    province_cycle, assessment, walk_to, ward_officer
):
    write_plan(assessment, ward_officer)
    walk_to(assessment, S.RECEIVED)

    proposal = pdf_text(render_document("ward_proposal", assessment))
    receipt = pdf_text(render_document("receipt_slip", assessment))

    assert f"Kính gửi: {REVIEWING}." in proposal
    assert f"Ủy ban nhân dân Phường 1 kính trình {REVIEWING} xem xét" in proposal
    assert "Kính gửi: Ủy ban nhân dân Quận 5" not in proposal
    assert receipt.startswith(f"{DEPARTMENT.upper()} {REVIEWING.upper()} CỘNG HÒA")
    assert f"{REVIEWING} đã tiếp nhận hồ sơ của Ủy ban nhân dân Phường 1" in receipt


def test_configured_plan_and_public_notice_are_the_departments(province_cycle, assessment, walk_to):
    walk_to(assessment, S.PUBLISHED)
    plan = InspectionPlan.objects.get()

    plan_text = pdf_text(render_document("inspection_plan", plan))
    notice = pdf_text(render_document("public_notice", 2018))

    for text in (plan_text, notice):
        assert text.startswith(PROVINCE_HEADER)
        assert "TM. ỦY BAN NHÂN DÂN" not in text
    assert f"{DEPARTMENT} ban hành Kế hoạch kiểm tra" in plan_text
    assert f"{REVIEWING} chủ trì" in plan_text
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" in plan_text
    assert f"{DEPARTMENT} thông báo kết quả" in notice
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Trịnh Văn Long" in notice


# --- The cycle form -----------------------------------------------------------------------------------


def cycle_post(framework, lead_body, **changes) -> dict:
    data = {
        "year": "2019",
        "framework": str(framework.pk),
        "self_assessment_start": "01/10/2019",
        "self_assessment_end": "25/10/2019",
        "dossier_deadline": "31/10/2019",
        "inspection_start": "04/11/2019",
        "inspection_end": "29/11/2019",
        "recognition_deadline": "13/12/2019",
        "lead_body": str(lead_body.pk),
    }
    return data | changes


def test_district_staff_save_the_authority_and_see_it(
    login, education_staff, circular_44, promotion_association
):
    client = login(education_staff)

    response = client.post(CREATE_URL, cycle_post(circular_44, promotion_association, **CONFIGURED))

    assert response.status_code == 302
    cycle = Cycle.objects.get()
    assert {field: getattr(cycle, field) for field in CONFIGURED} == CONFIGURED
    page = client.get(reverse("assessments:cycle_edit", args=[2019])).content.decode()
    assert 'id="cycle-authority"' in page
    assert all(f'value="{value}"' in page for value in CONFIGURED.values())
    listing = client.get(LIST_URL).content.decode()
    assert DEPARTMENT in listing and REVIEWING in listing and "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" in listing


def test_bad_input_keeps_the_authority_typed(login, promotion_staff, circular_44, promotion_association):
    post = cycle_post(circular_44, promotion_association, dossier_deadline="20/09/2019", **CONFIGURED)

    response = login(promotion_staff).post(CREATE_URL, post)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["dossier_deadline"]
    page = response.content.decode()
    assert all(f'value="{value}"' in page for value in CONFIGURED.values())
    assert not Cycle.objects.exists()


@pytest.mark.parametrize("persona", ["steering_member", "district_chairman", "ward_officer"])
def test_other_roles_may_not_set_the_authority(
    request, login, persona, cycle, circular_44, promotion_association
):
    client = login(request.getfixturevalue(persona))
    edit = reverse("assessments:cycle_edit", args=[2018])
    post = cycle_post(circular_44, promotion_association, year="2018", **CONFIGURED)

    assert client.get(edit).status_code == 403
    assert client.post(edit, post).status_code == 403
    assert (
        client.post(CREATE_URL, cycle_post(circular_44, promotion_association, **CONFIGURED)).status_code
        == 403
    )
    assert list(Cycle.objects.values_list("recognising_body", "signer_title")) == [("", "")]


# --- Suggested dates ----------------------------------------------------------------------------------


def test_a_level_based_framework_suggests_the_circulars_deadlines(circular_44):
    circular_25 = Framework.objects.get(code="tt25-2023")

    assert suggested_cycle_dates(circular_25, 2024) == {
        "dossier_deadline": datetime.date(2025, 2, 28),
        "recognition_deadline": datetime.date(2025, 3, 31),
    }
    assert suggested_cycle_dates(circular_44, 2019) == {}
    assert new_cycle_initial(2024)["framework"] == circular_25
    assert new_cycle_initial(2019) == {"year": 2019, "framework": circular_44}


def test_new_cycle_page_starts_from_the_year_asked_with_its_circulars_dates(
    login, education_staff, cycle, promotion_association
):
    client = login(education_staff)

    levels = client.get(CREATE_URL, {"year": "2024"})
    points = client.get(CREATE_URL)  # the year after the latest cycle (2018)

    assert levels.status_code == 200
    form = levels.context["form"]
    assert form["framework"].value() == Framework.objects.get(code="tt25-2023").pk
    page = levels.content.decode()
    assert 'value="28/02/2025"' in page and 'value="31/03/2025"' in page
    assert points.context["form"]["year"].value() == 2019
    assert points.context["form"]["dossier_deadline"].value() is None
    assert client.get(CREATE_URL, {"year": "x"}).context["form"]["year"].value() == 2019
