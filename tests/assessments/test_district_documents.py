"""The district's seven documents as PDF: content, numbers, dates, signers, and who may get them."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessments.documents.district_side import chairman_signature, decision_symbol
from assessments.documents.registry import build_document, document_types, render_document
from assessments.inspection import MemberAssignment, close_inspection, prepare_decision, return_dossier
from assessments.models import AssessmentState as S
from assessments.models import DecisionState, InspectionPlan, RecognitionDecision, StateChange
from engines.documents.render import vn_date_line
from engines.models import IssuedNumber
from tests.assessments.conftest import approved_plan, score_all
from tests.factories import AssessmentFactory, UserFactory
from tests.helpers import docx_text, normalised, pdf_text
from wards.models import Role

NATIONAL = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
DISTRICT_HEADER = "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH ỦY BAN NHÂN DÂN QUẬN 5 CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
VICE_CHAIRMAN = "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
INJECTION = "<img src=http://127.0.0.1:9/x.png></style>"


def local_day(moment) -> datetime.date:
    return timezone.localtime(moment).date()


@pytest.fixture
def second_inspector(education_office):
    return UserFactory(
        username="kiemtra.b", full_name="Lê Minh Khoa", unit=education_office, roles=[Role.INSPECTOR]
    )


@pytest.fixture
def other_chairman(other_ward):
    return UserFactory(
        username="chutich.p2", full_name="Trần Thị Bích", ward=other_ward, roles=[Role.WARD_CHAIRMAN]
    )


@pytest.fixture
def inspected(
    assessment, walk_to, education_staff, district_chairman, inspector, second_inspector, promotion_staff
):
    """Inspected by a team of three (lead, Phòng GD&ĐT member, Hội Khuyến học member): 5.5 a criterion."""
    walk_to(assessment, S.RECEIVED)
    approved_plan(
        assessment,
        education_staff,
        district_chairman,
        inspector,
        members=[MemberAssignment(second_inspector, []), MemberAssignment(promotion_staff, [])],
    )
    score_all(assessment, inspector, Decimal("5.5"))
    close_inspection(assessment, inspector, today=datetime.date(2018, 11, 6))
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def published(assessment, walk_to):
    """Phường 1: 15 × 6 = 90 points, Tốt, recognised by 05/QĐ-UBND of 10/12/2018 and published."""
    return walk_to(assessment, S.PUBLISHED)


def pdf_url(assessment, key):
    return reverse("assessments:document_pdf", args=[assessment.pk, key])


def decision_url(decision, key="decision", fmt="pdf"):
    return reverse("assessments:decision_document", args=[decision.pk, key, fmt])


def plan_url(plan, fmt="pdf"):
    return reverse("assessments:plan_document", args=[plan.pk, "inspection_plan", fmt])


def notice_url(year, fmt="pdf"):
    return reverse("assessments:public_document", args=[year, "public_notice", fmt])


def assert_in(phrases, text):
    missing = [phrase for phrase in phrases if phrase not in text]
    assert missing == []


def test_registry_adds_the_district_documents_without_changing_the_ward_set():
    assert [kind.key for kind in document_types("assessment")] == [
        "ward_plan",
        "ward_proposal",
        "ward_report",
        "ward_minutes",
        "ward_request",
        "ward_self_report",
        "ward_summary",
        "ward_meeting",
    ]
    assert [(k.key, k.type_code) for k in document_types("district_assessment")] == [
        ("receipt_slip", "PTN"),
        ("return_notice", "TB"),
        ("inspection_minutes", "BB"),
    ]
    assert [k.key for k in document_types("plan")] == ["inspection_plan"]
    assert [k.key for k in document_types("decision")] == ["recognition_proposal", "decision"]
    assert [k.key for k in document_types("year")] == ["public_notice"]


# --- Receipt slip and return notice -----------------------------------------------------------------


def test_receipt_slip_has_receipt_time_receiver_due_date_and_documents(assessment, walk_to):
    walk_to(assessment, S.RECEIVED)
    change = assessment.history.get(transition="receive_dossier")

    text = pdf_text(render_document("receipt_slip", assessment))

    date_line = vn_date_line("Quận 5", local_day(change.at))
    assert text.startswith(DISTRICT_HEADER)
    assert_in(
        [
            *NATIONAL,
            f"Số: 01/PTN-UBND {date_line}",
            "PHIẾU TIẾP NHẬN HỒ SƠ",
            "Ủy ban nhân dân Quận 5 đã tiếp nhận hồ sơ của Ủy ban nhân dân Phường 1",
            "- Người tiếp nhận: Đặng Thị Giang;",
            f"- Hạn phê duyệt kế hoạch kiểm tra: ngày {change.due_date:%d/%m/%Y}",
            "01/UBND 20/10/2018 Nguyễn Văn An",
            "Tệp minh chứng theo các tiêu chí 15 tệp",
            "NGƯỜI NỘP HỒ SƠ",
            "NGƯỜI TIẾP NHẬN",
        ],
        text,
    )
    assert text.endswith("Đặng Thị Giang")


def test_return_notice_lists_the_items_of_the_latest_return_as_text(assessment, walk_to, education_staff):
    walk_to(assessment, S.SUBMITTED)
    return_dossier(assessment, education_staff, [INJECTION, "Tiêu chí 5 thiếu số liệu phổ cập."])
    change = assessment.history.get(transition="return_dossier")

    text = pdf_text(render_document("return_notice", assessment))

    assert text.startswith("ỦY BAN NHÂN DÂN QUẬN 5 PHÒNG GIÁO DỤC VÀ ĐÀO TẠO CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
    assert_in(
        [
            *NATIONAL,
            f"Số: 01/TB-PGDĐT {vn_date_line('Quận 5', local_day(change.at))}",
            "THÔNG BÁO Về việc trả hồ sơ",
            "Kính gửi: Ủy ban nhân dân Phường 1.",
            f"1. {INJECTION};",
            "2. Tiêu chí 5 thiếu số liệu phổ cập.",
            "TRƯỞNG PHÒNG",
            "- Lưu: VT.",
        ],
        text,
    )


def test_receipt_and_return_documents_are_not_available_before_the_step(assessment, login, education_staff):
    client = login(education_staff)

    assert client.get(pdf_url(assessment, "receipt_slip")).status_code == 404
    assert client.get(pdf_url(assessment, "return_notice")).status_code == 404
    assert client.get(pdf_url(assessment, "inspection_minutes")).status_code == 404
    assert IssuedNumber.objects.count() == 0


# --- Inspection plan --------------------------------------------------------------------------------


def test_inspection_plan_has_dates_wards_team_units_criteria_and_approver(inspected):
    plan = InspectionPlan.objects.get()

    text = pdf_text(render_document("inspection_plan", plan))

    # Signed no later than the first inspection day (05/11/2018), though approved in the portal today.
    assert text.startswith(DISTRICT_HEADER)
    assert_in(
        [
            *NATIONAL,
            "Số: 01/KH-UBND Quận 5, ngày 05 tháng 11 năm 2018",
            "KẾ HOẠCH Kiểm tra, đánh giá, xếp loại “Cộng đồng học tập” cấp phường năm 2018",
            "- Thời gian: từ ngày 05/11/2018 đến ngày 06/11/2018.",
            "Đơn vị được kiểm tra (1 phường): Ủy ban nhân dân Phường 1.",
            "1 Bùi Thị Khánh Phòng Giáo dục và Đào tạo Trưởng đoàn 1, 2, 3",
            "2 Lê Minh Khoa Phòng Giáo dục và Đào tạo Thành viên",
            "3 Vũ Văn Hải Hội Khuyến học quận Thành viên",
            "Nơi nhận:",
            f"{VICE_CHAIRMAN} Trịnh Văn Long",
        ],
        text,
    )


def test_unapproved_inspection_plan_is_a_draft_without_number_or_signer(
    inspected, education_staff, inspector
):
    plan = InspectionPlan.objects.get()
    InspectionPlan.objects.filter(pk=plan.pk).update(state="draft")

    text = pdf_text(render_document("inspection_plan", plan))

    assert_in(["(Dự thảo)", "Số: /KH-UBND Quận 5, ngày tháng năm 2018"], text)
    assert "Lưu: VT. TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text
    assert "Trịnh Văn Long" not in text
    assert not IssuedNumber.objects.filter(document_key__startswith="inspection_plan").exists()


# --- Inspection minutes -----------------------------------------------------------------------------


def test_inspection_minutes_have_team_table_total_grade_and_every_member_signs(inspected):
    text = pdf_text(render_document("inspection_minutes", inspected))

    assert text.startswith("ỦY BAN NHÂN DÂN QUẬN 5 ĐOÀN KIỂM TRA CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
    assert_in(
        [
            *NATIONAL,
            "Số: 01/BB-ĐKT Quận 5, ngày 06 tháng 11 năm 2018",
            "BIÊN BẢN Kiểm tra, đánh giá, xếp loại “Cộng đồng học tập” cấp phường năm 2018 đối với Phường 1",
            "ngày 06 tháng 11 năm 2018, tại trụ sở Ủy ban nhân dân Phường 1 (1 Đường Trần Hưng Đạo, Phường 1)",
            "theo Kế hoạch số 01/KH-UBND ngày 05/11/2018",
            "- Bùi Thị Khánh, Phòng Giáo dục và Đào tạo – Trưởng đoàn (tiêu chí 1, 2, 3",
            "- Vũ Văn Hải, Hội Khuyến học quận – Thành viên;",
            "- Chủ trì: Bùi Thị Khánh, Trưởng đoàn kiểm tra;",
            "- Thư ký: Lê Minh Khoa, Phòng Giáo dục và Đào tạo.",
            "1 Sự lãnh đạo của cấp ủy Đảng, Ủy ban nhân dân phường 7 6 5,5 -0,5",
            "Tổng cộng 100 90 82,5 -7,5",
            "Tổng số điểm kiểm tra: 82,5/100 điểm. Xếp loại: Khá.",
            "Biên bản kết thúc vào lúc",
            "ĐẠI DIỆN ỦY BAN NHÂN DÂN PHƯỜNG 1 (Ký, ghi rõ họ tên) TRƯỞNG ĐOÀN KIỂM TRA (Ký, ghi rõ họ tên)"
            " Nguyễn Văn An Bùi Thị Khánh",
            "THƯ KÝ (Ký, ghi rõ họ tên) THÀNH VIÊN ĐOÀN KIỂM TRA (Ký, ghi rõ họ tên) Lê Minh Khoa Vũ Văn Hải",
        ],
        text,
    )
    assert inspected.result.total == Decimal("82.5")
    assert inspected.result.classification.label_vi == "Khá"


def test_inspection_minutes_before_closing_show_the_scores_so_far(assessment, walk_to, inspector):
    walk_to(assessment, S.INSPECTION_PLANNED)
    score_all(assessment, inspector)

    text = pdf_text(render_document("inspection_minutes", assessment))

    assert_in(
        ["Tổng cộng 100 90 90 0", "90/100 điểm (đoàn kiểm tra chưa kết thúc chấm điểm). Xếp loại: Tốt."], text
    )


def test_inspection_minutes_keep_their_number(inspected):
    first = build_document("inspection_minutes", inspected).context["doc"].number
    again = build_document("inspection_minutes", inspected).context["doc"].number

    assert (first, again) == ("01/BB-ĐKT", "01/BB-ĐKT")
    assert IssuedNumber.objects.filter(document_key="inspection_minutes").count() == 1


# --- Proposal and decision --------------------------------------------------------------------------


def test_recognition_proposal_lists_wards_totals_grades_and_is_signed_for_the_office(
    assessment, walk_to, education_staff
):
    education_staff.position = "Phó Trưởng phòng Giáo dục và Đào tạo"
    education_staff.save()
    walk_to(assessment, S.RECOGNISED)
    decision = RecognitionDecision.objects.get()

    text = pdf_text(render_document("recognition_proposal", decision))

    # Dated no later than the decision it proposes (10/12/2018).
    assert text.startswith("ỦY BAN NHÂN DÂN QUẬN 5 PHÒNG GIÁO DỤC VÀ ĐÀO TẠO CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
    assert_in(
        [
            *NATIONAL,
            "Số: 01/TTr-PGDĐT Quận 5, ngày 10 tháng 12 năm 2018",
            "TỜ TRÌNH Về việc đề nghị công nhận kết quả đánh giá, xếp loại “Cộng đồng học tập” cấp phường năm 2018",
            "Kính gửi: Ủy ban nhân dân Quận 5.",
            "Căn cứ Kế hoạch số 01/KH-UBND ngày 22/10/2018",
            "đối với 1 phường",
            "1 Phường 1 90 Tốt",
            "Trong đó: xếp loại Tốt: 1 phường.",
            "KT. TRƯỞNG PHÒNG PHÓ TRƯỞNG PHÒNG Đặng Thị Giang",
        ],
        text,
    )


def test_decision_has_legal_bases_articles_signature_and_appendix_on_a_new_a4_page(assessment, walk_to):
    walk_to(assessment, S.RECOGNISED)
    decision = RecognitionDecision.objects.get()
    render_document("recognition_proposal", decision)

    pdf = render_document("decision", decision)

    text = pdf_text(pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages] == [
        (595, 842)
    ] * 2
    first, appendix = normalised(pages[0].extract_text()), normalised(pages[1].extract_text())
    assert text.startswith(DISTRICT_HEADER)
    assert_in(
        [
            *NATIONAL,
            "Số: 05/QĐ-UBND Quận 5, ngày 10 tháng 12 năm 2018",
            "QUYẾT ĐỊNH Về việc công nhận kết quả đánh giá, xếp loại “Cộng đồng học tập” cấp phường năm 2018",
            "ỦY BAN NHÂN DÂN QUẬN 5 Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Căn cứ Thông tư số 44/2014/TT-BGDĐT ngày 12/12/2014",
            "Căn cứ Kế hoạch số 01/KH-UBND ngày 22/10/2018 của Ủy ban nhân dân Quận 5",
            "Xét đề nghị của Trưởng phòng Giáo dục và Đào tạo tại Tờ trình số 01/TTr-PGDĐT ngày 10/12/2018.",
            "QUYẾT ĐỊNH: Điều 1. Công nhận kết quả đánh giá, xếp loại “Cộng đồng học tập” cấp phường năm 2018"
            " đối với 1 phường (danh sách kèm theo).",
            "Điều 2.",
            "Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận",
            "chịu trách nhiệm thi hành Quyết định này./.",
            "Nơi nhận:",
            f"{VICE_CHAIRMAN} Trịnh Văn Long",
        ],
        first,
    )
    assert "DANH SÁCH" not in first
    assert_in(
        [
            "DANH SÁCH",
            "(Kèm theo Quyết định số 05/QĐ-UBND ngày 10 tháng 12 năm 2018 của Ủy ban nhân dân Quận 5)",
            "STT Đơn vị Tổng điểm Xếp loại 1 Phường 1 90 Tốt",
        ],
        appendix,
    )


def test_decision_signed_by_the_chairman_and_a_bare_number():
    assert chairman_signature("Trịnh Văn Long", "Chủ tịch").capacity == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert chairman_signature("Trịnh Văn Long", "Phó Chủ tịch").capacity == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    )
    assert (decision_symbol("5"), decision_symbol("302/QĐ-UBND")) == ("05/QĐ-UBND", "302/QĐ-UBND")


def test_decision_by_the_chairman_prints_chu_tich(assessment, walk_to):
    walk_to(assessment, S.RECOGNISED)
    decision = RecognitionDecision.objects.get()
    RecognitionDecision.objects.filter(pk=decision.pk).update(signer_title="Chủ tịch")

    text = pdf_text(render_document("decision", decision))

    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Trịnh Văn Long" in text
    assert "KT. CHỦ TỊCH" not in text


def test_signed_decision_number_is_in_the_register_once_and_printed(assessment, walk_to):
    walk_to(assessment, S.RECOGNISED)
    decision = RecognitionDecision.objects.get()

    first = build_document("decision", decision).context["doc"].number
    again = build_document("decision", decision).context["doc"].number

    assert (first, again) == ("05/QĐ-UBND", "05/QĐ-UBND")
    registered = IssuedNumber.objects.get(document_key=f"decision:{decision.pk}")
    assert (registered.symbol, registered.year) == ("05/QĐ-UBND", 2018)


def test_prepared_decision_is_a_draft(assessment, walk_to, education_staff):
    walk_to(assessment, S.INSPECTED)
    decision = prepare_decision(assessment.cycle, education_staff, [assessment])

    text = pdf_text(render_document("decision", decision))

    assert_in(["(Dự thảo)", "Số: /QĐ-UBND Quận 5, ngày tháng năm 2018", "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"], text)
    assert not IssuedNumber.objects.filter(document_key__startswith="decision").exists()


# --- Public notice ----------------------------------------------------------------------------------


def test_public_notice_lists_published_wards_with_total_grade_and_decision_only(
    published, walk_to, cycle, other_ward, other_ward_officer, other_chairman
):
    walk_to(
        AssessmentFactory(cycle=cycle, ward=other_ward),
        S.RECOGNISED,
        ward_officer=other_ward_officer,
        ward_chairman=other_chairman,
    )
    last = StateChange.objects.filter(transition="publish").latest("at")

    text = pdf_text(render_document("public_notice", 2018))

    assert text.startswith(DISTRICT_HEADER)
    assert_in(
        [
            *NATIONAL,
            f"Số: 01/TB-UBND {vn_date_line('Quận 5', local_day(last.at))}",
            "THÔNG BÁO Kết quả công nhận “Cộng đồng học tập” cấp phường năm 2018",
            "1 Phường 1 90 Tốt Số 05/QĐ-UBND ngày 10/12/2018",
            f"{VICE_CHAIRMAN} Trịnh Văn Long",
        ],
        text,
    )
    for leak in ["Phường 2", "Đạt", "Bùi Thị Khánh", "Phạm Thị Dung"]:
        assert leak not in text


# --- Views and permissions --------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["receipt_slip", "inspection_minutes"])
def test_ward_officer_gets_own_ward_document_and_other_ward_gets_404(
    inspected, login, ward_officer, other_ward_officer, key
):
    own = login(ward_officer).get(pdf_url(inspected, key))
    other = login(other_ward_officer).get(pdf_url(inspected, key))

    assert (own.status_code, own["Content-Type"]) == (200, "application/pdf")
    assert own.content.startswith(b"%PDF")
    assert other.status_code == 404
    assert IssuedNumber.objects.filter(document_key__startswith=key).count() == 1  # the refusal issued none


def test_return_notice_view_for_the_ward(assessment, walk_to, education_staff, login, ward_officer):
    walk_to(assessment, S.SUBMITTED)
    return_dossier(assessment, education_staff, [INJECTION])

    response = login(ward_officer).get(pdf_url(assessment, "return_notice"))

    assert response.status_code == 200
    assert f"1. {INJECTION}." in pdf_text(response.content)


def test_plan_document_follows_plan_visibility(
    inspected, login, education_staff, inspector, other_ward_officer, steering_member
):
    plan = InspectionPlan.objects.get()
    outsider = UserFactory(username="kiemtra.x", roles=[Role.INSPECTOR])

    response = login(inspector).get(plan_url(plan))
    docx = login(education_staff).get(plan_url(plan, "docx"))

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert docx.status_code == 200
    assert "KẾ HOẠCH Kiểm tra, đánh giá" in docx_text(docx.content)
    for user in (outsider, other_ward_officer, steering_member):
        assert login(user).get(plan_url(plan)).status_code == 404
    assert login(None).get(plan_url(plan)).status_code == 302
    assert login(education_staff).get(plan_url(plan, "odt")).status_code == 404


def test_decision_documents_for_district_side_and_refused_to_ward(
    assessment, walk_to, login, steering_member, ward_officer
):
    walk_to(assessment, S.RECOGNISED)
    decision = RecognitionDecision.objects.get()

    pdf = login(steering_member).get(decision_url(decision))
    docx = login(steering_member).get(decision_url(decision, "recognition_proposal", "docx"))

    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert docx.status_code == 200
    assert "TỜ TRÌNH Về việc đề nghị công nhận" in docx_text(docx.content)
    assert login(ward_officer).get(decision_url(decision)).status_code == 403
    assert login(ward_officer).get(decision_url(decision, "recognition_proposal")).status_code == 403


def test_anonymous_gets_only_released_decisions_and_the_public_notice(
    published, walk_to, cycle, other_ward, other_ward_officer, other_chairman, login
):
    walk_to(
        AssessmentFactory(cycle=cycle, ward=other_ward),
        S.RECOGNISED,
        ward_officer=other_ward_officer,
        ward_chairman=other_chairman,
    )
    released = RecognitionDecision.objects.get(state=DecisionState.RELEASED)
    approved = RecognitionDecision.objects.get(state=DecisionState.APPROVED)
    anonymous = login(None)

    decision = anonymous.get(decision_url(released))
    notice = anonymous.get(notice_url(2018))

    assert (decision.status_code, decision["Content-Type"]) == (200, "application/pdf")
    assert "Số: 05/QĐ-UBND" in pdf_text(decision.content)
    assert (notice.status_code, notice["Content-Type"]) == (200, "application/pdf")
    assert "1 Phường 1 90 Tốt" in pdf_text(notice.content)
    assert anonymous.get(decision_url(approved)).status_code == 404
    proposal = anonymous.get(decision_url(released, "recognition_proposal"))
    assert (proposal.status_code, proposal["Location"].split("?")[0]) == (302, reverse("login"))
    assert anonymous.get(notice_url(2017)).status_code == 404
    assert anonymous.get(pdf_url(published, "inspection_minutes")).status_code == 302
    assert anonymous.get(pdf_url(published, "receipt_slip")).status_code == 302
    assert not IssuedNumber.objects.filter(document_key__startswith="recognition_proposal").exists()


def test_public_results_page_links_the_notice_and_each_decision(published, login):
    released = RecognitionDecision.objects.get()
    anonymous = login(None)

    page = anonymous.get(reverse("assessments:public_year", args=[2018]))
    link = anonymous.get(reverse("assessments:public_decision", args=[2018, "P01"]))

    content = page.content.decode()
    assert notice_url(2018) in content
    assert reverse("assessments:public_decision", args=[2018, "P01"]) in content
    assert (link.status_code, link["Location"]) == (302, decision_url(released))
    assert anonymous.get(reverse("assessments:public_decision", args=[2018, "P02"])).status_code == 404


def test_district_pages_show_the_document_buttons(inspected, login, education_staff, district_chairman):
    plan = InspectionPlan.objects.get()
    client = login(education_staff)

    receipt = client.get(reverse("assessments:receipt_slip", args=[inspected.pk])).content.decode()
    plan_page = client.get(reverse("assessments:inspection_plan_detail", args=[plan.pk])).content.decode()
    consolidation = client.get(reverse("assessments:consolidation", args=[inspected.pk])).content.decode()
    decision = prepare_decision(inspected.cycle, education_staff, [inspected])
    decision_page = client.get(reverse("assessments:decision_detail", args=[decision.pk])).content.decode()

    assert pdf_url(inspected, "receipt_slip") in receipt
    assert plan_url(plan) in plan_page
    assert pdf_url(inspected, "inspection_minutes") in consolidation
    for url in [
        decision_url(decision, "recognition_proposal"),
        decision_url(decision, "recognition_proposal", "docx"),
        decision_url(decision),
        decision_url(decision, "decision", "docx"),
    ]:
        assert url in decision_page
