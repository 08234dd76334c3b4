"""Browser-test fixtures (a pytest plugin loaded by tests/conftest.py, so that one browser
and one live server serve every package's browser tests): the app served on a real port,
Debian's chromium driven by Playwright.

Without /usr/bin/chromium the tests skip (a newcomer's laptop); CI sets REQUIRE_E2E=1 and
installs chromium, so there they always run.
"""

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.kit import ClosingClient, make_test_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_E2E"):
            pytest.fail("REQUIRE_E2E is set but /usr/bin/chromium is missing (apt-get install chromium)")
        pytest.skip("browser tests need Debian's chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_app(database_url, smtp_server, _session_app):
    """A second app on the same database, with CSRF on, as a visitor's browser meets it."""
    controller, _handler = smtp_server
    app = make_test_app(database_url, controller.port, WTF_CSRF_ENABLED=True)
    app.test_client_class = ClosingClient
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def page(browser, live_server, app):
    context = browser.new_context(base_url=live_server, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A and AA violations axe-core finds on the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag",
                                                   "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"]]


def fits_320px(page) -> bool:
    page.set_viewport_size({"width": 320, "height": 640})
    return page.evaluate("document.documentElement.scrollWidth") <= 320
