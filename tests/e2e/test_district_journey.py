"""The district's side of a Circular 44 year, in the browser, each step by the person whose step it is.

The ward's dossier has been sent (set up through the workflow engine). The
education office returns it for supplement, the ward officer adds evidence
from disk and sends it again, the office receives it; the inspection plan is
drafted, sent and approved; two inspectors score their criteria, the lead
closes the inspection; the recognition decision is prepared, signed and
released after its confirmation page; an anonymous visitor finds the ward's
classification on the public results page.
"""

import pytest
from selenium.webdriver.common.by import By

from assessments.models import Assessment, AssessmentState
from tests.assessments.conftest import PDF_BYTES, walk_to  # noqa: F401 (walk_to is a fixture)
from tests.e2e.browser import DESKTOP, PHONE
from tests.factories import TEST_PASSWORD, AssessmentFactory, CycleFactory, UserFactory
from wards.models import Role

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

S = AssessmentState
RETURN_ITEM = "Biên bản họp Ban chỉ đạo (minh chứng tiêu chí 3)"
# The key pages of the journey, each looked at (screenshot and axe-core) on the way; those an
# inspector in the ward or anybody at all opens on a phone are looked at 390 px wide as well.
PAGES = [
    "inbox",
    "return-form",
    "returned-dossier",
    "evidence-form",
    "resend-confirmation",
    "receipt-slip",
    "inspection-plan-form",
    "inspection-plan-detail",
    "scoring",
    "scoring-phone",
    "score-form",
    "score-form-phone",
    "consolidation",
    "consolidation-phone",
    "decision-form",
    "decision",
    "signature-confirmation",
    "release-confirmation",
    "public-results",
    "public-results-phone",
]


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


def state_of(assessment) -> str:
    return Assessment.objects.get(pk=assessment.pk).state


def sign_in(portal, user) -> None:
    portal.sign_out()
    portal.sign_in(user.username, TEST_PASSWORD)


def look(portal, name: str, *, phone: bool = False) -> None:
    """Screenshot and axe on the page (``PAGES`` lists them); on a phone, the page must not scroll sideways."""
    portal.looked.append(name)
    portal.look(name)
    if phone:
        portal.driver.set_window_size(*PHONE)
        portal.looked.append(f"{name}-phone")
        portal.look(f"{name}-phone")
        assert not portal.scrolls_sideways(), f"{portal.path} scrolls sideways on a phone"
        portal.driver.set_window_size(*DESKTOP)


def act(portal, button: str, done: str) -> None:
    """Press ``button`` and wait for the page saying it is ``done`` (the step is then stored)."""
    portal.press(button)
    portal.wait_for_text(done)


def score(portal, criterion, points: str) -> None:
    portal.follow("Chấm điểm", near=str(criterion))
    portal.fill("Điểm", points)
    act(portal, "Lưu", f"Đã chấm tiêu chí {criterion.number}:")


def test_the_district_returns_receives_inspects_and_publishes(
    portal,
    tmp_path,
    walk_to,  # noqa: F811
    ward,
    ward_officer,
    education_office,
    education_staff,
    district_chairman,
    inspector,
    promotion_association,
):
    assessment = AssessmentFactory(cycle=CycleFactory(year=2018, lead_body=promotion_association), ward=ward)
    walk_to(assessment, S.SUBMITTED)
    second = UserFactory(
        username="kiemtra2", full_name="Cao Văn Nam", unit=education_office, roles=[Role.INSPECTOR]
    )
    criteria = list(assessment.cycle.framework.criteria.order_by("number"))
    lead_part, second_part = criteria[:8], criteria[8:]
    minutes = tmp_path / "bien-ban-ban-chi-dao.pdf"
    minutes.write_bytes(PDF_BYTES)
    portal.looked = []

    # The education office finds the sent dossier in its inbox and returns it for supplement.
    sign_in(portal, education_staff)
    assert portal.path == "/inbox/"
    look(portal, "inbox")
    portal.follow("Trả hồ sơ để bổ sung", near="Phường 1")
    portal.fill("Nội dung cần bổ sung khác", RETURN_ITEM)
    look(portal, "return-form")
    act(portal, "Trả lại hồ sơ", "Đã trả hồ sơ để phường bổ sung.")
    assert state_of(assessment) == S.RETURNED

    # The ward officer sees what is asked, adds the minutes from disk to criterion 3 and sends again.
    sign_in(portal, ward_officer)
    assert RETURN_ITEM in portal.text
    look(portal, "returned-dossier")
    portal.follow("Sửa", near=criteria[2].title)
    portal.attach("Thêm tệp minh chứng", minutes)
    look(portal, "evidence-form")
    act(portal, "Lưu", "Đã lưu tiêu chí 3 cùng 1 tệp minh chứng mới.")
    assert minutes.name in portal.text
    portal.follow("Gửi hồ sơ lên quận")
    look(portal, "resend-confirmation")
    act(portal, "Xác nhận", "Đã thực hiện: Gửi hồ sơ lên quận.")
    assert state_of(assessment) == S.SUBMITTED

    # The office receives it: the receipt slip follows, with its official PDF.
    sign_in(portal, education_staff)
    portal.follow("Tiếp nhận hồ sơ đầy đủ, hợp lệ", near="Phường 1")
    act(portal, "Xác nhận tiếp nhận", "Đã tiếp nhận hồ sơ.")
    assert state_of(assessment) == S.RECEIVED
    assert "Phiếu tiếp nhận hồ sơ" in portal.text
    assert portal.link("Phiếu tiếp nhận hồ sơ (PDF)").is_displayed()
    look(portal, "receipt-slip")

    # The office drafts the inspection plan: two inspectors, the first leads.
    portal.follow("Việc cần làm")
    portal.follow("Lập kế hoạch kiểm tra", near="Phường 1")
    portal.fill("Tiêu đề", "Kiểm tra công nhận Phường 1 năm 2018")
    portal.fill("Ngày kiểm tra đầu", "05/11/2018")
    portal.fill("Ngày kiểm tra cuối", "06/11/2018")
    portal.tick("Phường 1")
    for number, (member, part) in enumerate([(inspector, lead_part), (second, second_part)], start=1):
        row = f"Thành viên thứ {number}"
        portal.choose("Thành viên", f"{member} ({member.unit})", near=row)
        for criterion in part:
            portal.tick(str(criterion), near=row)
    portal.tick("Trưởng đoàn", near="Thành viên thứ 1")
    look(portal, "inspection-plan-form")
    act(portal, "Lưu", "Đã lưu kế hoạch kiểm tra")
    look(portal, "inspection-plan-detail")
    act(portal, "Trình phê duyệt", "Đã trình phê duyệt kế hoạch kiểm tra.")

    # The district chairman approves it from the inbox.
    sign_in(portal, district_chairman)
    portal.follow("Việc cần làm")
    portal.follow("Phê duyệt kế hoạch kiểm tra", near="Phường 1")
    act(portal, "Phê duyệt kế hoạch kiểm tra", "Đã phê duyệt kế hoạch kiểm tra")
    assert state_of(assessment) == S.INSPECTION_PLANNED

    # The second inspector scores criteria 9 to 15; the lead scores 1 to 8 (criterion 1 lower) and closes.
    sign_in(portal, second)
    portal.follow("Chấm điểm các tiêu chí được phân công", near="Phường 1")
    for criterion in second_part:
        score(portal, criterion, "6")
    sign_in(portal, inspector)
    portal.follow("Chấm điểm các tiêu chí được phân công", near="Phường 1")
    look(portal, "scoring", phone=True)
    portal.follow("Chấm điểm", near=str(lead_part[0]))
    look(portal, "score-form", phone=True)
    portal.follow("Hủy")
    for criterion, points in zip(lead_part, ["3,5"] + ["6"] * 7, strict=True):
        score(portal, criterion, points)
    portal.follow("Tổng hợp")
    look(portal, "consolidation", phone=True)
    act(portal, "Kết thúc kiểm tra", "Đã kết thúc kiểm tra: 87,5 điểm, xếp loại Tốt.")
    assert state_of(assessment) == S.INSPECTED
    assert "87,5" in portal.text and "Tốt" in portal.text  # 14 × 6 + 3.5

    # The office prepares the recognition decision; the chairman signs it after its confirmation.
    sign_in(portal, education_staff)
    portal.follow("Lập hồ sơ trình công nhận", near="Phường 1")
    portal.tick("Phường 1")
    look(portal, "decision-form")
    act(portal, "Lập quyết định", "Đã lập dự thảo quyết định trình Chủ tịch.")
    sign_in(portal, district_chairman)
    portal.follow("Việc cần làm")
    portal.follow("Phê duyệt quyết định công nhận", near="Phường 1")
    portal.fill("Số", "05/QĐ-UBND")
    portal.fill("Ngày", "10/12/2018")
    portal.fill("Người ký", "Trịnh Văn Long")
    portal.fill("Chức vụ người ký", "Phó Chủ tịch")
    look(portal, "decision")
    act(portal, "Phê duyệt: công nhận các phường này", "Xác nhận ký quyết định")
    assert state_of(assessment) == S.INSPECTED  # shown, not signed yet
    look(portal, "signature-confirmation")
    act(portal, "Ký: công nhận các phường này", "Đã phê duyệt quyết định: các phường được công nhận.")
    assert state_of(assessment) == S.RECOGNISED

    # The office releases it: the confirmation says what becomes public before anything does.
    sign_in(portal, education_staff)
    portal.follow("Ban hành quyết định", near="Phường 1")
    portal.follow("Ban hành và công bố")
    portal.wait_for_text("Xác nhận ban hành và công bố")
    warning = portal.driver.find_element(By.ID, "confirm-warning").text
    assert "05/QĐ-UBND" in warning and "công bố công khai" in warning
    assert "Phường 1" in portal.text and "87,5" in portal.text
    assert state_of(assessment) == S.RECOGNISED
    look(portal, "release-confirmation")
    act(portal, "Ban hành và công bố", "Đã ban hành quyết định: kết quả đã được công bố.")
    assert state_of(assessment) == S.PUBLISHED

    # Anybody finds the result from the public menu.
    portal.sign_out()
    portal.open("/")
    portal.follow("Kết quả công bố")
    portal.follow("2018")
    assert "Phường 1" in portal.text and "Tốt" in portal.text and "05/QĐ-UBND" in portal.text
    assert "Cao Văn Nam" not in portal.text
    look(portal, "public-results", phone=True)
    assert portal.looked == PAGES
