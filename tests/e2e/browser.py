"""A real browser driving the portal: Debian's Chromium through Selenium 4, the way its users work.

``Portal`` wraps one Chromium session against Django's live server: it signs
in through the login page, clicks links and buttons by their visible text,
fills fields by their labels (so a field without a label cannot be filled),
takes screenshots into ``test-artifacts/e2e/`` and checks each page it is asked
to with axe-core (``AXE_SCRIPT``, installed from the npm registry by
``./dev test``): no serious or critical violation, the pages checked listed in
``Portal.checked``.
"""

import shutil
import time
import unicodedata
from pathlib import Path
from urllib.parse import urldefrag

from selenium import webdriver
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE_SCRIPT = ROOT / "tests" / "e2e" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
DESKTOP = (1366, 900)
PHONE = (390, 844)
WAIT_SECONDS = 15
# Where a user looks for the one "Edit" among many: the row, list item, fieldset or card it sits in.
CONTAINERS = "tr, li, fieldset, .card"


def missing_tools() -> str:
    """Why the browser tests cannot run here ("" when they can)."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        return "no Chromium: apt-get install chromium chromium-driver (./dev test installs them)"
    if not AXE_SCRIPT.exists():
        return "no axe-core: npm install --prefix tests/e2e (./dev test does it)"
    return ""


def start_chromium(download_dir: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-dev-shm-usage", "--lang=vi"):  # fmt: skip
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(download_dir),
            "download.prompt_for_download": False,
            # A PDF served inline arrives as a file, as a user saving it would have it.
            "plugins.always_open_pdf_externally": True,
        },
    )
    driver = webdriver.Chrome(service=webdriver.ChromeService(str(CHROMEDRIVER)), options=options)
    driver.set_window_size(*DESKTOP)
    return driver


def replaced(page: WebElement) -> bool:
    """``page`` (a document's ``html`` element) is gone: the browser has moved on to the next document."""
    try:
        page.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:  # Chromium, caught between the two documents
        return "does not belong to the document" in str(error)
    return False


class AccessibilityViolations(AssertionError):
    pass


class Portal:
    """One user's browser on the portal."""

    def __init__(self, driver: webdriver.Chrome, base_url: str, journey: str, download_dir: Path):
        self.driver = driver
        self.base_url = base_url
        self.journey = journey
        self.download_dir = download_dir
        self.checked: list[str] = []  # the pages axe checked: (journey, path)
        self.shots = 0

    # --- Moving around --------------------------------------------------------------------------------

    def open(self, path: str) -> None:
        """Only a journey's first page is opened by address; the rest is reached by clicking."""
        self.driver.get(self.base_url + path)

    @property
    def path(self) -> str:
        return self.driver.current_url.removeprefix(self.base_url)

    @property
    def text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def sign_in(self, username: str, password: str) -> None:
        self.open("/accounts/login/")
        self.fill_by_name("username", username)
        self.fill_by_name("password", password)
        self.press("Đăng nhập")

    def sign_out(self) -> None:
        self.driver.delete_all_cookies()

    def wait_for_page_after(self, page: WebElement) -> None:
        """Wait until ``page`` (the old ``html`` element) has gone and its successor is loaded."""
        WebDriverWait(self.driver, WAIT_SECONDS).until(lambda driver: replaced(page))
        self.wait_for_page()

    def wait_for_page(self) -> None:
        WebDriverWait(self.driver, WAIT_SECONDS).until(
            lambda driver: driver.execute_script("return document.readyState") == "complete"
        )

    def container(self, near: str) -> WebElement:
        """The smallest table row, list item, fieldset or card whose text contains ``near``."""
        element = self.driver.execute_script(
            "const [selector, near] = arguments;"
            "const boxes = [...document.querySelectorAll(selector)]"
            "  .filter(box => box.textContent.replace(/\\s+/g, ' ').includes(near));"
            "return boxes.find(box => !boxes.some(other => other !== box && box.contains(other))) || null;",
            CONTAINERS,
            unicodedata.normalize("NFC", near),
        )
        if element is None:
            raise NoSuchElementException(f"nothing holds “{near}” on {self.path}")
        return element

    def link(self, text: str, near: str | None = None) -> WebElement:
        """The visible link whose text contains ``text`` (menus opened on the way when it is in one);
        with ``near``, the one in the row or card holding that text."""
        scope = self.container(near) if near else self.driver
        for element in scope.find_elements(By.PARTIAL_LINK_TEXT, text):
            if element.is_displayed():
                return element
        if near:
            raise NoSuchElementException(f"no visible link “{text}” near “{near}” on {self.path}")
        toggles = self.driver.find_elements(By.CSS_SELECTOR, "[data-bs-toggle=dropdown], .navbar-toggler")
        for toggle in toggles:
            if toggle.is_displayed():
                toggle.click()
                self.wait_for_menu_to_open(toggle)
                for element in self.driver.find_elements(By.PARTIAL_LINK_TEXT, text):
                    if element.is_displayed():
                        return element
                if "navbar-toggler" not in (toggle.get_attribute("class") or ""):
                    toggle.click()  # close it again
        raise NoSuchElementException(f"no visible link “{text}” on {self.path}")

    def wait_for_menu_to_open(self, toggle: WebElement) -> None:
        """The bar's toggle on a phone slides the menu open: its links are visible once it has finished."""
        target = toggle.get_attribute("data-bs-target")
        if "navbar-toggler" in (toggle.get_attribute("class") or "") and target:
            menu = self.driver.find_element(By.CSS_SELECTOR, target)
            WebDriverWait(self.driver, WAIT_SECONDS).until(
                lambda driver: "show" in (menu.get_attribute("class") or "").split()
            )

    def follow(self, text: str, near: str | None = None) -> None:
        self.click(self.link(text, near))

    def follow_menu(self, entry: str) -> None:
        """Follow the menu bar's entry that reads exactly ``entry``, opening on the way the bar's toggle
        (under 1200 px) and the drop-down it sits in; a link elsewhere on the page with the same words
        ("Hồ sơ (ZIP)" for "Hồ sơ") is not taken for it."""
        bar = self.driver.find_element(By.CSS_SELECTOR, "nav.navbar")
        wait = WebDriverWait(self.driver, WAIT_SECONDS)
        for toggle in bar.find_elements(By.CSS_SELECTOR, ".navbar-toggler"):
            if toggle.is_displayed() and toggle.get_attribute("aria-expanded") != "true":
                toggle.click()
                self.wait_for_menu_to_open(toggle)
        link = bar.find_element(By.XPATH, f".//a[normalize-space()='{entry}']")
        if not link.is_displayed():
            bar_entry = link.find_element(By.XPATH, "ancestor::li[contains(@class, 'dropdown')]/a")
            bar_entry.click()
            wait.until(lambda driver: link.is_displayed())
        self.click(link)

    def follow_in_row(self, first_cell: str, text: str) -> None:
        """Follow the link ``text`` of the table row whose first cell reads ``first_cell``: a list's rows
        each have their own "Edit", told apart by what the row is about."""
        for row in self.driver.find_elements(By.TAG_NAME, "tr"):
            cells = row.find_elements(By.CSS_SELECTOR, "td, th")
            if cells and " ".join(cells[0].text.split()) == first_cell:
                for element in row.find_elements(By.PARTIAL_LINK_TEXT, text):
                    if element.is_displayed():
                        self.click(element)
                        return
        raise NoSuchElementException(f"no visible link “{text}” in a row “{first_cell}” on {self.path}")

    def button(self, text: str) -> WebElement:
        """The visible button whose label contains ``text`` (compared as the user reads it: NFC)."""
        text = unicodedata.normalize("NFC", text)
        for element in self.driver.find_elements(By.XPATH, "//button | //input[@type='submit']"):
            label = unicodedata.normalize("NFC", element.text or element.get_attribute("value") or "")
            if text in label and element.is_displayed():
                return element
        raise NoSuchElementException(f"no visible button “{text}” on {self.path}")

    def press(self, text: str) -> None:
        self.click(self.button(text))

    def click(self, element: WebElement) -> None:
        """Click a link or button and wait for what it brings: the next page, or a download.

        Waiting for the old page to go away matters: right after the click the old page is still
        "complete", and a journey reading it would race the server (a link within the page and a
        button that only runs a script bring nothing, so nothing is waited for).
        """
        old_page = self.driver.find_element(By.TAG_NAME, "html")
        downloads = len(list(self.download_dir.iterdir()))
        href = element.get_attribute("href") or ""
        label = element.text or element.get_attribute("value")
        stays = element.get_attribute("type") == "button" or (
            "#" in href and urldefrag(href).url == urldefrag(self.driver.current_url).url
        )
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
        )
        element.click()
        if not stays:
            WebDriverWait(self.driver, WAIT_SECONDS).until(
                lambda driver: replaced(old_page) or len(list(self.download_dir.iterdir())) > downloads,
                f"the click on “{label}” on {self.path} brought neither a page nor a download",
            )
        self.wait_for_page()

    # --- Forms ----------------------------------------------------------------------------------------

    def field(self, label: str, near: str | None = None) -> WebElement:
        """The input a visible ``<label>`` containing ``label`` names: a field without a label is not found.
        With ``near``, the label in the row, fieldset or card holding that text."""
        scope = self.container(near) if near else self.driver
        for element in scope.find_elements(By.TAG_NAME, "label"):
            if label in element.text:
                target = element.get_attribute("for")
                if target:
                    return self.driver.find_element(By.ID, target)
        raise NoSuchElementException(f"no field labelled “{label}” on {self.path}")

    def fill(self, label: str, value: str, near: str | None = None) -> None:
        element = self.field(label, near)
        element.clear()
        element.send_keys(value)

    def fill_by_name(self, name: str, value: str) -> None:
        element = self.driver.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)

    def choose(self, label: str, option_text: str, near: str | None = None) -> None:
        from selenium.webdriver.support.select import Select

        Select(self.field(label, near)).select_by_visible_text(option_text)

    def tick(self, label: str, near: str | None = None) -> None:
        """Tick the checkbox ``label`` names (left ticked when it is already)."""
        box = self.field(label, near)
        if not box.is_selected():
            self.driver.execute_script(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", box
            )
            box.click()

    def attach(self, label: str, *paths: Path) -> None:
        self.field(label).send_keys("\n".join(str(path) for path in paths))

    # --- Looking --------------------------------------------------------------------------------------

    def screenshot(self, name: str) -> Path:
        """The whole page at the window's width, saved as ``NN-journey-name-WIDTH.png``."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        width = self.driver.get_window_size()["width"]
        # The window is taller than the page it shows by the browser's own bars (outer - inner height).
        height = self.driver.execute_script(
            "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight"
        )
        original = self.driver.get_window_size()
        self.driver.set_window_size(width, min(max(height, original["height"]), 8000))
        # From the top, not from where a field was typed (Bootstrap makes scrolling smooth: not now).
        self.driver.execute_script("window.scrollTo({top: 0, left: 0, behavior: 'instant'})")
        self.shots += 1
        path = ARTIFACTS / f"{self.journey}-{self.shots:02d}-{name}-{width}.png"
        self.driver.save_screenshot(str(path))
        self.driver.set_window_size(original["width"], original["height"])
        return path

    def scrolls_sideways(self) -> bool:
        """The page itself is wider than the window (tables may scroll inside their own container)."""
        return self.driver.execute_script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
        )

    def check_accessibility(self) -> None:
        """axe-core on the page as it is now: no serious or critical violation (WCAG 2.1 A and AA rules)."""
        self.driver.execute_script(AXE_SCRIPT.read_text())
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
            " resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done(String(e)));"
        )
        if isinstance(result, str):
            raise AccessibilityViolations(f"axe failed on {self.path}: {result}")
        self.checked.append(self.path)
        serious = [v for v in result if v["impact"] in {"serious", "critical"}]
        if serious:
            lines = [
                f"{v['impact']} {v['id']}: {v['help']} — {', '.join(n['target'][0] for n in v['nodes'][:5])}"
                for v in serious
            ]
            raise AccessibilityViolations(f"axe on {self.path}:\n" + "\n".join(lines))

    def look(self, name: str) -> None:
        """What a journey does on each key page: a screenshot, and the accessibility check."""
        self.screenshot(name)
        self.check_accessibility()

    def downloaded(self, suffix: str, timeout: float = WAIT_SECONDS) -> Path:
        """The file with ``suffix`` that arrived in the download folder (waits for Chromium to finish it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = [p for p in self.download_dir.iterdir() if p.suffix == suffix]
            if done and not list(self.download_dir.glob("*.crdownload")):
                return done[0]
            time.sleep(0.2)
        raise AssertionError(f"no {suffix} download arrived in {timeout} s")

    def wait_for_text(self, text: str) -> None:
        WebDriverWait(self.driver, WAIT_SECONDS).until(
            expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "body"), text)
        )


def clean(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
