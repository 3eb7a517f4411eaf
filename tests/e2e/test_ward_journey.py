"""The ward's side of a Circular 44 year in a real browser, at a desk (1366 px) and on a phone (390 px).

A ward officer drafts the self-inspection plan and sends it; the ward chairman
approves it with the keyboard only (Tab, Shift+Tab, Enter, Space; the focus
visible at every stop); the officer scores every criterion with evidence files
from disk but one, sees the confirmation list that criterion as scoring 0,
goes back to complete it, sends the dossier and downloads the tờ trình as PDF.
On the phone no key page scrolls sideways and every button is clicked where it is.
"""

from decimal import Decimal

import pytest
from django.utils import translation
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from assessments.demo import demo_pdf
from assessments.models import Assessment, AssessmentState, DocumentKind
from assessments.procedures import document_kinds
from tests.e2e.browser import DESKTOP, PHONE, WAIT_SECONDS
from tests.factories import TEST_PASSWORD, AssessmentFactory, CycleFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

S = AssessmentState
WITHOUT_EVIDENCE_AT_FIRST = 9  # the criterion the officer forgets, then completes


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


def state_of(assessment) -> str:
    return Assessment.objects.get(pk=assessment.pk).state


class Keyboard:
    """The chairman's hands on the keys only: Tab and Shift+Tab to move, Enter and Space to act.

    Every stop of the focus is checked for a visible focus indicator: the
    element's outline or box shadow while focused differs from its look
    without the focus, and is not nothing.
    """

    FOCUS_LOOK = """
        const element = document.activeElement;
        if (!element || element === document.body) return null;
        const look = () => {
            element.getAnimations().forEach((animation) => animation.finish());  // Bootstrap eases it in
            const style = getComputedStyle(element);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                ? style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor : '';
            return outline + '|' + (style.boxShadow === 'none' ? '' : style.boxShadow);
        };
        const focused = look();
        element.blur();
        const unfocused = look();
        element.focus();
        return [focused, unfocused, document.activeElement === element];
    """

    def __init__(self, portal):
        self.portal = portal
        self.driver = portal.driver
        self.stops: list[str] = []  # what the focus rested on, for the failure message

    def keys(self, *keys: str) -> None:
        ActionChains(self.driver).send_keys(*keys).perform()

    def focused(self) -> WebElement:
        return self.driver.switch_to.active_element

    @staticmethod
    def name(element: WebElement) -> str:
        text = element.text or element.get_attribute("aria-label") or element.get_attribute("name") or ""
        return " ".join(text.split())

    def assert_focus_visible(self) -> None:
        look = self.driver.execute_script(self.FOCUS_LOOK)
        assert look is not None, f"the focus left the page's controls after {self.stops}"
        focused, unfocused, restored = look
        where = f"“{self.name(self.focused())}” on {self.portal.path}"
        assert restored, f"the focus could not be put back on {where}"
        assert focused.strip("|") and focused != unfocused, f"no visible focus on {where}: {focused!r}"

    def tab_to(self, wanted, *, backwards: bool = False, limit: int = 80) -> WebElement:
        """Move the focus with Tab (Shift+Tab ``backwards``) until ``wanted`` (text or test) holds.

        Where the page put the focus already (``autofocus``), the user starts typing at once.
        """
        matches = wanted if callable(wanted) else (lambda element: wanted in self.name(element))
        element = self.focused()
        if element.tag_name != "body" and matches(element):
            self.assert_focus_visible()
            return element
        for _ in range(limit):
            chain = ActionChains(self.driver)
            if backwards:
                chain.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
            else:
                chain.send_keys(Keys.TAB)
            chain.perform()
            element = self.focused()
            self.stops.append(self.name(element))
            self.assert_focus_visible()
            if matches(element):
                return element
        raise AssertionError(
            f"“{wanted}” not reached with the keyboard on {self.portal.path}: {self.stops[-10:]}"
        )

    def tab_to_field(self, name: str) -> WebElement:
        return self.tab_to(lambda element: element.get_attribute("name") == name)

    def act(self, key: str = Keys.ENTER) -> None:
        """Press ``key`` on the focused link or button and wait for the page it leads to."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.keys(key)
        self.portal.wait_for_page_after(page)

    def open_menu_on_a_phone(self) -> None:
        """Under 1200 px the menu is folded behind its toggle: open it with the keyboard first."""
        toggle = self.driver.find_element(By.CSS_SELECTOR, ".navbar-toggler")
        if toggle.is_displayed():
            self.tab_to(lambda element: "navbar-toggler" in (element.get_attribute("class") or ""))
            self.keys(Keys.ENTER)
            menu = self.driver.find_element(By.ID, "main-nav")
            WebDriverWait(self.driver, WAIT_SECONDS).until(
                lambda driver: "show" in menu.get_attribute("class").split()
            )


def chairman_approves_with_the_keyboard(portal, chairman, assessment) -> None:
    keyboard = Keyboard(portal)
    portal.open("/accounts/login/")
    keyboard.tab_to_field("username")
    keyboard.keys(chairman.username)
    keyboard.tab_to_field("password")
    keyboard.keys(TEST_PASSWORD)
    keyboard.act(Keys.ENTER)  # Enter in the form sends it

    keyboard.open_menu_on_a_phone()
    keyboard.tab_to("Việc cần làm")
    keyboard.act(Keys.ENTER)
    keyboard.tab_to("Phường 1")
    keyboard.act(Keys.ENTER)
    assert portal.path == f"/assessments/{assessment.pk}/"
    look(portal, "chairman-plan-to-approve")

    # The first Tab offers to skip the menu bar; past it, the answers come within a few stops.
    keyboard.tab_to("Chuyển đến nội dung chính", limit=1)
    keyboard.keys(Keys.ENTER)
    keyboard.tab_to("Trả lại kế hoạch", limit=5)
    # Past the approval to the return, and back: the two answers sit side by side.
    approve = keyboard.tab_to("Phê duyệt kế hoạch tự kiểm tra", backwards=True)
    assert approve.tag_name == "button"
    keyboard.act(Keys.SPACE)
    portal.wait_for_text("Đã thực hiện: Phê duyệt kế hoạch tự kiểm tra")
    assert state_of(assessment) == S.DOSSIER_PREPARATION

    keyboard.open_menu_on_a_phone()
    keyboard.tab_to(chairman.full_name)
    keyboard.keys(Keys.ENTER)  # opens the user's menu
    keyboard.tab_to("Đăng xuất")
    keyboard.act(Keys.ENTER)


def look(portal, name: str) -> None:
    """Screenshot and axe; and at either width the page itself never scrolls sideways (tables scroll in their box)."""
    portal.look(name)
    assert not portal.scrolls_sideways(), (
        f"{name} scrolls sideways at {portal.driver.get_window_size()['width']} px"
    )


def sign_out_by_the_menu(portal, user) -> None:
    portal.link(user.full_name).click()  # the user's drop-down (behind the toggle on a phone)
    portal.press("Đăng xuất")


@pytest.mark.parametrize("window", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_ward_sends_its_dossier(
    portal, window, tmp_path, ward, ward_officer, ward_chairman, promotion_association
):
    assessment = AssessmentFactory(cycle=CycleFactory(year=2018, lead_body=promotion_association), ward=ward)
    portal.driver.set_window_size(*window)
    evidence = {}
    for number in range(1, 16):
        evidence[number] = tmp_path / f"minh-chung-tieu-chi-{number}.pdf"
        evidence[number].write_bytes(demo_pdf(f"Minh chung tieu chi {number}"))
    scan = tmp_path / "ban-quet-co-chu-ky.pdf"
    scan.write_bytes(demo_pdf("Ban quet co chu ky"))

    # The officer: to the assessment from the inbox (desk) or from the menu's list (phone).
    portal.sign_in(ward_officer.username, TEST_PASSWORD)
    if window == DESKTOP:
        portal.follow_menu("Việc cần làm")
        look(portal, "inbox")
    else:
        portal.follow_menu("Hồ sơ")  # under "Đánh giá"
        look(portal, "assessment-list")
    portal.follow("Phường 1")
    assert portal.path == f"/assessments/{assessment.pk}/"
    look(portal, "assessment-new")

    portal.follow("Sửa")  # the plan's
    portal.fill("Số", "12/KH-UBND")
    portal.fill("Ngày", "24/09/2018")
    portal.fill("Thành viên đoàn tự kiểm tra", "Ban chỉ đạo phường")
    portal.fill("Lịch thực hiện", "01–20/10/2018")
    portal.fill("Nội dung", "Tự kiểm tra 15 tiêu chí theo Thông tư 44")
    look(portal, "plan-form")
    portal.press("Lưu")
    assert "12/KH-UBND" in portal.text
    portal.press("Trình kế hoạch lên Chủ tịch UBND phường")
    portal.wait_for_text("Đã thực hiện")
    assert state_of(assessment) == S.PLAN_SUBMITTED
    look(portal, "plan-sent")
    sign_out_by_the_menu(portal, ward_officer)

    chairman_approves_with_the_keyboard(portal, ward_chairman, assessment)

    # The officer again: every criterion scored, each with its evidence but one.
    portal.sign_in(ward_officer.username, TEST_PASSWORD)
    portal.follow_menu("Việc cần làm")
    portal.follow("Phường 1")
    for number in range(1, 16):
        portal.follow_in_row(str(number), "Sửa")
        forgotten = number == WITHOUT_EVIDENCE_AT_FIRST
        portal.fill("Điểm tự đánh giá", "0" if forgotten else "6")
        portal.fill("Nhận xét", "Chưa có minh chứng" if forgotten else "Đạt yêu cầu")
        if not forgotten:
            portal.attach("Thêm tệp minh chứng", evidence[number])
        if number == 1:
            look(portal, "criterion-form")
        portal.press("Lưu")
        assert portal.path == f"/assessments/{assessment.pk}/", (
            f"criterion {number} not saved:\n{portal.text}"
        )
    for index, kind in enumerate(document_kinds(assessment), start=1):
        with translation.override("vi"):
            label = str(DocumentKind(kind).label)
        portal.follow_in_row(label, "Sửa")
        portal.fill("Số", f"0{index}/UBND")
        portal.fill("Ngày", "20/10/2018")
        portal.fill("Người ký", "Nguyễn Văn An")
        portal.attach("Bản quét có chữ ký", scan)
        if index == 1:
            look(portal, "document-form")
        portal.press("Lưu")
    look(portal, "dossier-ready")

    # The confirmation names the criterion without evidence: back, complete it, send.
    portal.follow("Gửi hồ sơ lên quận")
    without = portal.driver.find_element(By.ID, "without-evidence").text
    assert without.startswith(f"Tiêu chí {WITHOUT_EVIDENCE_AT_FIRST}."), without
    assert len(without.splitlines()) == 1
    look(portal, "confirmation-without-evidence")
    portal.follow("Hủy")
    portal.follow_in_row(str(WITHOUT_EVIDENCE_AT_FIRST), "Sửa")
    portal.fill("Điểm tự đánh giá", "6")
    portal.fill("Nhận xét", "Đã bổ sung minh chứng")
    portal.attach("Thêm tệp minh chứng", evidence[WITHOUT_EVIDENCE_AT_FIRST])
    portal.press("Lưu")
    portal.follow("Gửi hồ sơ lên quận")
    assert not portal.driver.find_elements(By.ID, "without-evidence")
    look(portal, "confirmation")
    portal.press("Xác nhận")
    portal.wait_for_text("Đã thực hiện: Gửi hồ sơ lên quận")
    sent = Assessment.objects.get(pk=assessment.pk)
    assert (sent.state, sent.self_total) == (S.SUBMITTED, Decimal(90))
    assert sent.evidence.count() == 15
    look(portal, "dossier-sent")

    # The tờ trình, as the district will read it.
    proposal = portal.driver.find_element(
        By.XPATH, "//a[starts-with(normalize-space(.), 'PDF') and contains(., 'Tờ trình đề nghị kiểm tra')]"
    )
    portal.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", proposal
    )
    proposal.click()
    assert portal.downloaded(".pdf").read_bytes().startswith(b"%PDF")
