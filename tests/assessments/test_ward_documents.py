"""The ward's four documents as PDF and DOCX: content, numbers, dates and who may get them."""

import datetime

import pytest
from django.urls import reverse

from assessments.documents.registry import build_document, document_types, render_document
from assessments.models import AssessmentState as S
from engines.documents.numbering import numbers_of
from engines.models import IssuedNumber
from tests.assessments.conftest import add_evidence
from tests.factories import AssessmentFactory, UserFactory
from tests.helpers import docx_text, pdf_text, write_plan

COMMON = [
    "ỦY BAN NHÂN DÂN QUẬN 5",
    "ỦY BAN NHÂN DÂN PHƯỜNG 1",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Nguyễn Văn An",
]
# Per document: its number, the date line (dossier documents are dated 20/10/2018) and what it must say.
EXPECTED = {
    "ward_plan": (
        "Số: 12/KH-UBND",  # the plan's own number and date (tests.helpers.write_plan)
        "Phường 1, ngày 24 tháng 9 năm 2018",
        [
            "KẾ HOẠCH Tự kiểm tra, đánh giá, xếp loại “Cộng đồng học tập” cấp phường năm 2018",
            "Trưởng đoàn: Nguyễn Văn An Thư ký: Phạm Thị Dung",
            "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
            "Nơi nhận:",
            "- Lưu: VT.",
        ],
    ),
    "ward_proposal": (
        "Số: 01/TTr-UBND",
        "Phường 1, ngày 20 tháng 10 năm 2018",
        [
            "TỜ TRÌNH Về việc đề nghị kiểm tra, đánh giá, xếp loại “Cộng đồng học tập” cấp phường năm 2018",
            "Kính gửi: Ủy ban nhân dân Quận 5.",
            "Kết quả tự đánh giá đạt 90/100 điểm, tự xếp loại: Tốt.",
            "kèm theo 15 tệp minh chứng",
            "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
        ],
    ),
    "ward_report": (
        "Số: 01/BC-UBND",
        "Phường 1, ngày 20 tháng 10 năm 2018",
        [
            "BÁO CÁO Kết quả tự kiểm tra, đánh giá, xếp loại “Cộng đồng học tập” cấp phường năm 2018",
            "25.000 nhân khẩu, 6.000 hộ gia đình, 60 khu phố",
            "1 Sự lãnh đạo của cấp ủy Đảng, Ủy ban nhân dân phường 7 6",
            "minh-chung.pdf",
            "Tổng cộng 100 90",
            "Tổng số điểm tự đánh giá: 90/100 điểm",
            "Tự xếp loại: Tốt.",
            "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
        ],
    ),
    "ward_minutes": (
        "Số: 01/BB-UBND",
        "Phường 1, ngày 20 tháng 10 năm 2018",
        [
            "BIÊN BẢN Tự kiểm tra, đánh giá, xếp loại “Cộng đồng học tập” cấp phường năm 2018",
            "ngày 20 tháng 10 năm 2018, tại trụ sở Ủy ban nhân dân Phường 1 (1 Đường Trần Hưng Đạo, Phường 1)",
            "- Chủ trì: Nguyễn Văn An, Chủ tịch Ủy ban nhân dân Phường 1;",
            "Trưởng đoàn: Nguyễn Văn An Thư ký: Phạm Thị Dung",
            "1 Sự lãnh đạo của cấp ủy Đảng, Ủy ban nhân dân phường 7 6",
            "Tổng cộng 100 90",
            "Tổng số điểm tự đánh giá: 90/100 điểm. Tự xếp loại: Tốt.",
            "THƯ KÝ",
            "CHỦ TRÌ",
        ],
    ),
}
KEYS = list(EXPECTED)
FILENAMES = {"ward_plan": "KH", "ward_proposal": "TTr", "ward_report": "BC", "ward_minutes": "BB"}


@pytest.fixture
def submitted(assessment, ward_officer, walk_to):
    """A dossier sent to the district: plan, 15 self-scores of 6 (total 90), evidence and signed documents."""
    write_plan(assessment, ward_officer)
    return walk_to(assessment, S.SUBMITTED)


def pdf_url(assessment, key):
    return reverse("assessments:document_pdf", args=[assessment.pk, key])


def docx_url(assessment, key):
    return reverse("assessments:document_docx", args=[assessment.pk, key])


def test_registry_lists_the_ward_documents_of_each_procedure_in_order():
    assert [(kind.key, kind.type_code, kind.title) for kind in document_types("assessment")] == [
        ("ward_plan", "KH", "Kế hoạch tự kiểm tra"),
        ("ward_proposal", "TTr", "Tờ trình đề nghị kiểm tra"),
        ("ward_report", "BC", "Báo cáo kết quả tự kiểm tra"),
        ("ward_minutes", "BB", "Biên bản tự kiểm tra"),
        ("ward_request", "TTr", "Tờ trình đề nghị công nhận"),
        ("ward_self_report", "BC", "Báo cáo tự đánh giá"),
        ("ward_summary", "BTH", "Bảng tổng hợp kết quả tự đánh giá"),
        ("ward_meeting", "BB", "Biên bản họp"),
    ]
    assert {kind.key: set(kind.procedures) for kind in document_types("assessment")} == {
        **dict.fromkeys(["ward_plan", "ward_proposal", "ward_report", "ward_minutes"], {"plan_first"}),
        **dict.fromkeys(
            ["ward_request", "ward_self_report", "ward_summary", "ward_meeting"], {"meeting_request"}
        ),
    }


@pytest.mark.parametrize("key", KEYS)
def test_ward_document_pdf_has_header_number_date_content_and_signer(submitted, key):
    number, date_line, phrases = EXPECTED[key]

    text = pdf_text(render_document(key, submitted))

    for phrase in [*COMMON, number, date_line, *phrases]:
        assert phrase in text
    assert text.startswith("ỦY BAN NHÂN DÂN QUẬN 5 ỦY BAN NHÂN DÂN PHƯỜNG 1 CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
    assert f"{number} {date_line}" in text


@pytest.mark.parametrize("key", KEYS)
def test_ward_document_docx_has_the_title_number_and_ward(submitted, key):
    number, date_line, phrases = EXPECTED[key]

    text = docx_text(build_document(key, submitted).docx())

    for phrase in [*COMMON, number, phrases[0]]:
        assert phrase in text


def test_proposal_lists_the_numbers_of_the_report_and_minutes_once_issued(submitted):
    render_document("ward_report", submitted)
    render_document("ward_minutes", submitted)

    text = pdf_text(render_document("ward_proposal", submitted))

    assert "Báo cáo kết quả tự kiểm tra số 01/BC-UBND ngày 20/10/2018, kèm theo 15 tệp minh chứng" in text
    assert (
        "Biên bản tự kiểm tra, đánh giá, xếp loại “Cộng đồng học tập” số 01/BB-UBND ngày 20/10/2018." in text
    )


def test_proposal_cites_the_plan_by_its_own_number_and_date(assessment, ward_officer, walk_to):
    write_plan(assessment, ward_officer, number="07/KH-UBND", issued_on=datetime.date(2018, 9, 15))
    walk_to(assessment, S.SUBMITTED)

    text = pdf_text(render_document("ward_proposal", assessment))

    assert "Căn cứ Kế hoạch số 07/KH-UBND ngày 15/09/2018 của Ủy ban nhân dân Phường 1 về tự kiểm tra" in text
    assert "ward_plan" not in numbers_of(assessment)


def test_plan_document_is_not_available_without_a_plan(login, ward_officer, assessment):
    response = login(ward_officer).get(pdf_url(assessment, "ward_plan"))

    assert response.status_code == 404
    assert IssuedNumber.objects.count() == 0


@pytest.mark.parametrize(
    "persona", ["ward_officer", "ward_chairman", "education_staff", "inspector", "steering_member"]
)
@pytest.mark.parametrize("key", KEYS)
def test_document_pdf_is_served_inline_to_who_may_see_the_assessment(request, login, submitted, persona, key):
    response = login(request.getfixturevalue(persona)).get(pdf_url(submitted, key))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{FILENAMES[key]}-P01-2018.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert EXPECTED[key][0] in pdf_text(response.content)


def test_document_docx_is_served_as_an_attachment(login, education_staff, submitted):
    response = login(education_staff).get(docx_url(submitted, "ward_report"))

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == 'attachment; filename="BC-P01-2018.docx"'
    assert "Số: 01/BC-UBND" in docx_text(response.content)


@pytest.mark.parametrize("url", [pdf_url, docx_url])
def test_document_of_another_ward_is_not_found_and_issues_no_number(
    login, other_ward_officer, submitted, url
):
    response = login(other_ward_officer).get(url(submitted, "ward_report"))

    assert response.status_code == 404
    assert IssuedNumber.objects.count() == 0


def test_document_for_a_user_without_a_role_is_not_found(login, submitted):
    response = login(UserFactory()).get(pdf_url(submitted, "ward_report"))

    assert response.status_code == 404
    assert IssuedNumber.objects.count() == 0


@pytest.mark.parametrize("url", [pdf_url, docx_url])
def test_document_for_an_anonymous_visitor_redirects_to_login(login, submitted, url):
    response = login(None).get(url(submitted, "ward_report"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url(submitted, 'ward_report')}"
    assert IssuedNumber.objects.count() == 0


def test_unknown_document_is_not_found(login, education_staff, submitted):
    response = login(education_staff).get(pdf_url(submitted, "decision"))

    assert response.status_code == 404


def test_report_context_takes_the_same_queries_whatever_the_evidence(
    django_assert_num_queries, submitted, ward_officer, other_ward, cycle
):
    criteria = list(cycle.framework.criteria.all())
    few = AssessmentFactory(cycle=cycle, ward=other_ward)
    add_evidence(few, criteria[0], ward_officer)
    for criterion in criteria:
        for n in range(3):
            add_evidence(submitted, criterion, ward_officer, name=f"them-{n}.pdf")
    for assessment in (few, submitted):
        build_document("ward_report", assessment)  # the first rendering issues the number

    # 8 queries: the assessment with ward, district, cycle, framework and plan; criteria; grades;
    # self-scores; evidence names; dossier documents; issued numbers; steering committee.
    with django_assert_num_queries(8):
        small = build_document("ward_report", few)
    with django_assert_num_queries(8):
        large = build_document("ward_report", submitted)

    assert sum(len(row.files) for row in small.context["rows"]) == 1
    assert sum(len(row.files) for row in large.context["rows"]) == 60
