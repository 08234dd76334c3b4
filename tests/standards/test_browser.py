"""The quality-plan pages in a real browser: WCAG 2.1 AA (axe-core) and a 320 px phone."""

import pytest

from accounts.models import Role
from standards.services import publish_plan
from tests.browser import axe_violations, fits_320px
from tests.kit import DEFAULT_PASSWORD, make_user
from tests.standards.factories import SHIPPED, V11_CHANGES

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_versions(app, write_plan):
    publish_plan(SHIPPED)
    publish_plan(write_plan("1.1", replace=V11_CHANGES))


@pytest.mark.parametrize("path", ["/kwaliteitsplan", "/kwaliteitsplan/1.0", "/kwaliteitsplan/9.9"])
def test_plan_pages_pass_wcag_and_fit_a_phone(page, two_versions, path):
    page.goto(path)
    assert axe_violations(page) == []
    assert fits_320px(page), f"{path} scrolls sideways at 320 px"


def test_the_plan_in_english_and_its_table_of_contents(page, two_versions):
    page.goto("/kwaliteitsplan")
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Dans Veilig quality plan (Safe Dance)"
    page.get_by_role("link", name="B. Four-eyes principle and transparency").click()
    assert page.url.endswith("#domein-B")
    assert axe_violations(page) == []


def test_admin_compares_versions(page, two_versions):
    admin = make_user(roles=(Role.admin,))
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(admin.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto("/kwaliteitsplan")
    page.get_by_role("link", name="Versies vergelijken").click()
    assert "Van versie 1.0 naar versie 1.1" in page.get_by_role("heading", level=2).first.inner_text()
    page.get_by_label("Oude versie").select_option("1.1")
    page.get_by_role("button", name="Vergelijken").click()
    assert "Deze versies hebben dezelfde inhoud." in page.content()
    assert axe_violations(page) == []
