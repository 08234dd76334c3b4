"""The step plans, the wegwijzer and the footer pages in a real browser: WCAG 2.1 AA
(axe-core) at 320 px and 1280 px, and the quick exit with and without JavaScript."""

import pytest

from tests.browser import axe_violations, fits_320px

pytestmark = pytest.mark.e2e

PAGES = ["/melden", "/melden/kinderen", "/melden/jongeren", "/melden/ouders", "/melden/docenten",
         "/melden/organisaties", "/melden/vertrouwenspersonen", "/melden/wegwijzer", "/over/contact",
         "/over/privacy", "/over/toegankelijkheid", "/over/colofon"]


@pytest.mark.parametrize("url", PAGES)
def test_the_page_passes_axe_at_320_and_1280_px(page, url):
    page.goto(url)
    assert fits_320px(page), f"{url} scrolls sideways at 320 px"
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 800})
    assert axe_violations(page) == []


@pytest.fixture
def exit_url(live_app, live_server):
    old = live_app.config["QUICK_EXIT_URL"]
    live_app.config["QUICK_EXIT_URL"] = f"{live_server}/over/colofon"  # a stand-in for the neutral site
    yield live_app.config["QUICK_EXIT_URL"]
    live_app.config["QUICK_EXIT_URL"] = old


def test_the_quick_exit_replaces_the_history_entry(page, exit_url):
    page.goto("/")
    page.goto("/melden/kinderen")
    page.get_by_role("link", name="Snel weg").click()
    page.wait_for_url(exit_url)
    page.go_back()
    assert page.url.endswith("/"), f"back went to {page.url}, not to the page before the step plan"


def test_the_quick_exit_works_without_javascript(browser, live_server, exit_url, app):
    context = browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/melden/kinderen")
        page.get_by_role("link", name="Snel weg").click()
        page.wait_for_url(exit_url)
    finally:
        context.close()


def test_a_dancer_finds_the_way_without_javascript(browser, live_server, app):
    context = browser.new_context(base_url=live_server, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.set_viewport_size({"width": 320, "height": 640})
        page.goto("/melden/wegwijzer")
        page.get_by_label("Een danser of student").check()
        page.get_by_role("button", name="Verder").click()
        page.get_by_role("button", name="Verder").click()  # no answer: asked again
        assert page.get_by_role("alert").is_visible()
        page.get_by_label("Nee").check()
        page.get_by_role("button", name="Verder").click()
        page.get_by_label("Nee").check()
        page.get_by_role("button", name="Verder").click()
        page.get_by_label("Het melden").check()
        page.get_by_role("button", name="Verder").click()
        page.get_by_label("Weet ik nog niet").check()
        page.get_by_role("button", name="Verder").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Hier kun je terecht"
        assert page.get_by_role("link", name="Mores").is_visible()
        assert "wegwijzer" in page.url  # nothing in the address bar
        assert "?" not in page.url
    finally:
        context.close()


def test_the_editor_passes_axe(page, live_server):
    from tests.certification.certificates import factories
    from tests.kit import DEFAULT_PASSWORD

    admin = factories.make_admin()
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(admin.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    for url in ("/beheer/stappenplannen", "/beheer/stappenplannen/kinderen", "/beheer/stappenplannen/kinderen/versies",
                "/beheer/stappenplannen/contacten/mores"):
        page.goto(url)
        assert axe_violations(page) == [], url
        assert fits_320px(page), url
        page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/beheer/stappenplannen/kinderen")
    page.get_by_role("button", name="Voorbeeld en leesbaarheid").click()
    assert page.get_by_role("heading", name="Leesbaarheid").is_visible()
    assert axe_violations(page) == []


def test_the_certificate_page_with_poster_and_badge_passes_axe(page, plan):
    from tests.certification.certificates import factories
    from tests.kit import DEFAULT_PASSWORD

    certificate = factories.issue(name="Dansschool De Pirouette")
    admin = factories.make_admin()
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(admin.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"/scholen/{certificate.school_id}/certificaten")
    badge = page.get_by_role("img", name=f"Dans Veilig Keurmerk, certificaat {certificate.number}")
    assert badge.evaluate("img => img.complete && img.naturalWidth") == 240  # the SVG loads and draws
    assert axe_violations(page) == []
    assert fits_320px(page)
    assert axe_violations(page) == []


def test_the_wegwijzer_with_a_school_passes_axe_at_320_and_1280_px(page, plan):
    from tests.certification.certificates import factories

    factories.issue(name="Dansschool De Pirouette")
    page.goto("/melden/wegwijzer")
    for choice in ("Een kind", "Nee", "Ja"):
        page.get_by_label(choice, exact=True).check()
        page.get_by_role("button", name="Verder").click()
    page.get_by_label("Hoe heet de school?").fill("pirouette")
    page.get_by_role("button", name="Verder").click()
    assert axe_violations(page) == []
    page.get_by_label("Dansschool De Pirouette, Utrecht").check()
    page.get_by_role("button", name="Verder").click()
    for choice in ("Eerst met iemand praten", "Ja"):
        page.get_by_label(choice, exact=True).check()
        page.get_by_role("button", name="Verder").click()
    assert page.get_by_role("heading", name="De vertrouwenspersoon van Dansschool De Pirouette").is_visible()
    assert page.get_by_role("link", name="030 123 45 67").get_attribute("href") == "tel:0301234567"
    assert axe_violations(page) == []
    assert fits_320px(page)
    assert axe_violations(page) == []
