"""The verification page, the register of schools and a school's page in a real browser:
WCAG 2.1 AA (axe-core), a 320 px phone, and the way a parent would use them."""

from datetime import date

import pytest

from tests.browser import axe_violations, fits_320px
from tests.certification.certificates import factories
from tests.kit import DEFAULT_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def certificates(plan):
    return {
        "active": factories.issue(name="Dansschool Zoë & Ünal", city="Amsterdam",
                                  locations=(("Hoofdlocatie", "Amsterdam"),),
                                  conditions=[{"text": "Evalueer de gedragscode met dansers."}]),
        "suspended": factories.suspended(name="Dansvereniging De Sprong", school_type="vereniging"),
        "revoked": factories.revoked(name="Studio Ritme & Ziel"),
        "expired": factories.issue(name="Jazzdansschool Oud Zuid", on=date(2020, 1, 1)),
    }


@pytest.mark.parametrize("state", ["active", "suspended", "revoked", "expired", "unknown"])
def test_verification_page_passes_wcag_and_fits_a_phone(page, certificates, state):
    number = certificates[state].number if state != "unknown" else "DV-2026-99999"
    page.goto(f"/verify/{number}")
    banner = page.locator(".cert-banner h2")
    assert banner.count() == 1 and banner.inner_text().strip()
    assert axe_violations(page) == []
    assert fits_320px(page), f"/verify/{number} scrolls sideways at 320 px"
    assert axe_violations(page) == []  # at 320 px too


def test_a_parent_types_a_number_and_switches_to_english(page, certificates):
    number = certificates["active"].number
    page.goto("/verify")
    page.get_by_label("Certificaatnummer").fill(number.lower())
    page.get_by_role("button", name="Controleren").click()
    assert page.url.endswith(f"/verify/{number}")
    assert "Geldig: deze school heeft het keurmerk" in page.locator(".cert-banner h2").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto("/verify?number=12345")
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []


def test_the_register_searches_and_leads_to_the_school(page, certificates):
    page.goto("/register/scholen")
    assert axe_violations(page) == []
    assert fits_320px(page)
    assert axe_violations(page) == []  # at 320 px too
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_label("Naam, plaats of certificaatnummer").fill("zoë")
    page.get_by_role("button", name="Zoeken").click()
    assert page.get_by_role("heading", level=2, name="1 school gevonden").is_visible()
    page.get_by_role("link", name="Dansschool Zoë & Ünal").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Dansschool Zoë & Ünal"
    assert page.get_by_text("Vera Vertrouwen").is_visible() and page.get_by_text("Bel 112.", exact=True).is_visible()
    assert axe_violations(page) == []
    assert fits_320px(page)
    assert axe_violations(page) == []  # at 320 px too


def test_a_suspended_club_page(page, certificates):
    page.goto(f"/register/scholen/{certificates['suspended'].school_id}")
    assert "Geschorst" in page.locator(".cert-banner h2").inner_text()
    assert page.get_by_role("link", name="Centrum Veilige Sport Nederland").is_visible()
    assert axe_violations(page) == []


def test_the_admin_page_of_a_certificate(page, certificates):
    admin = factories.make_admin()
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(admin.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto("/beheer/certificaten")
    assert axe_violations(page) == []
    page.get_by_role("link", name=certificates["active"].number).click()
    page.get_by_role("button", name="Schorsen").click()  # nothing chosen: the form says what is missing
    assert page.get_by_role("alert").first.is_visible()
    assert axe_violations(page) == []
    assert fits_320px(page)
    assert axe_violations(page) == []  # at 320 px too
