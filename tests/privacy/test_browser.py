"""The new pages of issue 12 (12b) in a real browser: WCAG 2.1 AA (axe) at 1280 px and 320 px
wide: the privacy page, a certified school's page with a change waiting, and the admin's page
of changes."""

from tests.browser import axe_violations, fits_320px
from tests.certification.certificates import factories
from tests.compliance.factories import owner_of
from tests.kit import DEFAULT_PASSWORD


def _log_in(page, user):
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _check(page, paths) -> list[str]:
    problems = []
    for path in paths:
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(path)
            problems += [f"{path} at {width}px: {v}" for v in axe_violations(page)]
        if not fits_320px(page):
            problems.append(f"{path} scrolls sideways at 320 px")
    return problems


def test_privacy_and_change_request_pages_pass_wcag_and_fit_a_phone(page):
    from compliance import services

    factories.published_plan()
    certificate = factories.issue()
    school = certificate.school
    owner = owner_of(school)
    services.add_location(school, "Studio Zuid", "Zuidweg 2", "3500 AA", "Utrecht", by=owner)  # waits for approval
    admin = factories.make_admin()
    _log_in(page, owner)
    problems = _check(page, ["/account", "/account/privacy", f"/scholen/{school.id}"])
    page.context.clear_cookies()
    _log_in(page, admin)
    problems += _check(page, ["/beheer/wijzigingen"])
    page.get_by_role("button", name="Weigeren").first.click()  # no reason: the error summary and field
    problems += [f"refused without reason: {v}" for v in axe_violations(page)]
    assert not problems, "\n".join(problems)
