"""The registry's pages in a real browser: WCAG 2.1 AA (axe) and 320 px wide."""

from accounts.models import Role
from certification.teachers import services
from tests.browser import axe_violations, fits_320px
from tests.certification.teachers import factories
from tests.kit import DEFAULT_PASSWORD, make_user


def _log_in(page, user):
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _check(page, paths) -> list[str]:
    problems = []
    for path in paths:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(path)
        problems += [f"{path} at 1280 px: {v}" for v in axe_violations(page)]
        if not fits_320px(page):
            problems.append(f"{path} scrolls sideways at 320 px")
        problems += [f"{path} at 320 px: {v}" for v in axe_violations(page)]
    return problems


def test_public_pages_pass_wcag_and_fit_a_phone(page):
    factories.published_plan()
    teacher = factories.active_teacher(first_name="Sanne", last_name="de Vries")
    paths = ["/register/docenten", "/register/docenten?q=vries", f"/register/docenten/{teacher.registration_number}",
             "/register/docenten/D-1234567", "/register/docenten?per_page=1000"]
    problems = _check(page, paths)
    assert not problems, "\n".join(problems)


def test_teacher_admin_and_school_pages_pass_wcag_and_fit_a_phone(page, browser, live_server):
    factories.published_plan()
    teacher = factories.make_teacher(first_name="Esra", last_name="Yılmaz")
    services.add_qualification(teacher, "hbo", "Codarts", services.today(), factories.pdf_upload(), by=teacher.user)
    services.add_vog(teacher, services.today(), "84", factories.pdf_upload("vog.pdf"), by=teacher.user)
    factories.code_version()
    _log_in(page, teacher.user)
    problems = _check(page, ["/docent", "/docent/gegevens", "/docent/gedragscode"])

    admin = make_user(roles=(Role.admin,))
    context = browser.new_context(base_url=live_server, locale="nl-NL")
    admin_page = context.new_page()
    _log_in(admin_page, admin)
    problems += _check(admin_page, ["/beheer/docenten", f"/beheer/docenten/{teacher.id}", "/beheer/bijscholing",
                                    "/beheer/gedragscode", "/beheer/docenten/import"])
    context.close()

    owner_context = browser.new_context(base_url=live_server, locale="nl-NL")
    owner_page = owner_context.new_page()
    from tests.compliance.factories import make_owner

    owner = make_owner()
    school = factories.make_school(owner)
    services.link_teacher(school, teacher.registration_number, "Docent", True, services.today(), by=owner)
    _log_in(owner_page, owner)
    problems += _check(owner_page, [f"/scholen/{school.id}/docenten"])
    owner_context.close()
    assert not problems, "\n".join(problems)
