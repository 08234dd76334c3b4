"""The annual report and the figures in a real browser: a school fills in and submits its
report, an assessor acknowledges it, the monitor reads the figures; WCAG 2.1 AA (axe-core)
at 320 px and 1280 px."""

import pytest

from core.extensions import db
from reporting import services
from tests.browser import axe_violations, fits_320px
from tests.kit import DEFAULT_PASSWORD
from tests.reporting import factories

pytestmark = pytest.mark.e2e


def _log_in(page, user):
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _accessible_at_both_widths(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    assert axe_violations(page) == []
    assert fits_320px(page), f"{page.url} scrolls sideways at 320 px"
    assert axe_violations(page) == []


def test_a_school_files_its_report_and_an_assessor_acknowledges_it(page, app):
    report = factories.open_report(genres=["urban"])
    _log_in(page, factories.owner_of(report.school))
    page.goto(f"/scholen/{report.school_id}/jaarverslagen")
    page.get_by_role("link", name="Verslag invullen").click()
    _accessible_at_both_widths(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator("#genre-verbal-urban").fill("2")
    page.locator("#channel-verbal-advisor").fill("2")
    page.locator("#follow_up-verbal-handled").fill("1")
    page.get_by_label("Thema’s").fill("Bel 06-12345678")
    for name in ("survey_held", "intervision_held", "code_discussed", "teachers_confirmed"):
        page.locator(f"input[name={name}][value=yes]").check()
    page.get_by_role("button", name="Bewaren").click()
    assert page.get_by_role("alert").is_visible()
    assert "telefoonnummer" in page.content() and "kloppen niet" in page.content()
    _accessible_at_both_widths(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator("#follow_up-verbal-handled").fill("2")
    page.get_by_label("Thema’s").fill("Omgangsvormen in de kleedruimte")
    page.get_by_role("button", name="Bewaren").click()
    page.get_by_role("button", name="Verslag indienen").click()
    assert "ingediend" in page.content()
    page.context.clear_cookies()
    _log_in(page, factories.make_assessor())
    page.goto("/jaarverslagen")
    page.get_by_role("link", name=report.school.name).click()
    _accessible_at_both_widths(page)
    page.get_by_role("button", name="Akkoord", exact=True).click()
    assert "Het verslag is akkoord." in page.content()


def test_the_monitor_reads_the_figures_and_the_public_page(page, app):
    factories.submitted_report(genres=["urban"])
    report = factories.submitted_report(factories.filled_counts("physical", "ballet", "teacher", "referred", n=9),
                                        genres=["ballet"], school_type="vooropleiding")
    _log_in(page, factories.make_monitor())
    page.goto("/sectorcijfers")
    assert page.locator("svg[role=img] title").count() >= 1
    _accessible_at_both_widths(page)
    services.publish_year(report.year, factories.make_admin())
    db.session.commit()
    page.goto("/cijfers")
    assert "< 5" in page.locator("table").first.inner_text()
    _accessible_at_both_widths(page)
