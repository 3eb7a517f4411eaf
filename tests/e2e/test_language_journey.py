"""A ward officer switches the portal to English and back: nothing left untranslated in menus and forms."""

import re

import pytest
from selenium.webdriver.common.by import By

from tests.factories import TEST_PASSWORD, AssessmentFactory, CycleFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯà-ỹÀ-Ỹ]")
# What stays as it is in both languages: the ward's name and the language's own name (and the user's).
NAMES = ["Phường 1", "Tiếng Việt"]


def interface_texts(portal) -> list[str]:
    """The words of the interface itself: menu entries, field labels, buttons, table headings."""
    selectors = "nav a.nav-link, nav .dropdown-item, main label, main button, main th, main legend"
    texts = []
    for element in portal.driver.find_elements(By.CSS_SELECTOR, selectors):
        text = (element.get_attribute("textContent") or "").strip()
        for name in [*NAMES, portal.user_name]:
            text = text.replace(name, "")
        if text:
            texts.append(" ".join(text.split()))
    return texts


def test_the_officer_switches_to_english_and_back(portal, ward, ward_officer, promotion_association):
    assessment = AssessmentFactory(cycle=CycleFactory(year=2018, lead_body=promotion_association), ward=ward)
    portal.sign_in(ward_officer.username, TEST_PASSWORD)
    portal.user_name = ward_officer.full_name
    portal.follow("Việc cần làm")
    portal.follow("Phường 1")
    assert portal.path == f"/assessments/{assessment.pk}/"
    vietnamese_page = interface_texts(portal)

    portal.press("English")
    english = interface_texts(portal)
    assert "Actions" in portal.text or "Self-inspection plan" in portal.text
    left = [text for text in english if VIETNAMESE.search(text)]
    assert left == [], f"untranslated into English: {left}"
    portal.look("assessment-en")

    portal.follow("Edit")  # the self-inspection plan's form, in English
    left = [text for text in interface_texts(portal) if VIETNAMESE.search(text)]
    assert left == [], f"untranslated into English: {left}"
    portal.look("plan-form-en")

    portal.follow("Cancel")  # a form offers no language switch: what was typed would be lost
    portal.press("Tiếng Việt")
    assert interface_texts(portal) == vietnamese_page
    portal.follow("Sửa")
    assert "Kế hoạch tự kiểm tra" in portal.text
    english_words = re.compile(r"\b(the|and|of|to|Save|Edit|Cancel|Send|Plan|Step|Number|Date)\b")
    left = [text for text in interface_texts(portal) if english_words.search(text)]
    assert left == [], f"English left on the Vietnamese page: {left}"
