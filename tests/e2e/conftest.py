"""Browser tests: Chromium against Django's live server, marked ``e2e`` and skipped, saying why, without one.

Each test runs in its own transaction-free database (the live server's thread
must see the rows the test wrote), restored afterwards with the migrations'
seeded frameworks (``serialized_rollback``).
"""

import pytest

from tests.e2e.browser import Portal, clean, missing_tools, start_chromium

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(config, items):
    reason = missing_tools()
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


@pytest.fixture
def chromium(tmp_path):
    downloads = tmp_path / "downloads"
    clean(downloads)
    driver = start_chromium(downloads)
    yield driver, downloads
    driver.quit()


@pytest.fixture
def portal(request, chromium, live_server, settings):
    """The browser of one journey, named after the test, signed in by the journey itself."""
    settings.DEBUG = False
    driver, downloads = chromium
    journey = request.node.name.removeprefix("test_")[:40]
    return Portal(driver, live_server.url, journey, downloads)
