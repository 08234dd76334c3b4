import pytest

from accounts.models import Role
from tests.browser import axe_violations, fits_320px
from tests.kit import DEFAULT_PASSWORD, make_user


@pytest.mark.parametrize("path", ["/", "/melden", "/login", "/registreren", "/wachtwoord-vergeten"])
def test_public_pages_pass_wcag_and_fit_a_phone(page, path):
    page.goto(path)
    assert axe_violations(page) == []
    assert fits_320px(page), f"{path} scrolls sideways at 320 px"


def test_switch_to_english_and_back(page):
    page.goto("/melden")
    page.get_by_role("button", name="English").click()
    assert page.url.endswith("/melden")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Where can I report?"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Nederlands").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Waar kan ik melden?"


def test_log_in_with_the_keyboard_and_log_out(page):
    user = make_user(roles=(Role.school_owner,), name="Sam Schoolhouder")
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    assert skip.evaluate("el => el === document.activeElement")
    page.get_by_role("link", name="Inloggen").first.click()
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill("wrong password")
    page.get_by_role("button", name="Inloggen").click()
    assert "horen niet bij elkaar" in page.get_by_role("alert").first.inner_text()
    assert page.get_by_label("E-mailadres").input_value() == user.email
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")
    assert "Je bent ingelogd" in page.locator(".flashes").inner_text()
    page.get_by_role("link", name="Mijn account").click()
    assert "Sam Schoolhouder" in page.get_by_label("Naam").input_value()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Uitloggen", exact=True).click()
    assert "Je bent uitgelogd" in page.locator(".flashes").inner_text()


def test_admin_user_page_passes_wcag(page):
    admin = make_user(roles=(Role.admin,))
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(admin.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto("/beheer/gebruikers")
    assert axe_violations(page) == []
