"""The admin's sanction form and the school's confidential report form in a real browser:
axe-core (WCAG 2.1 AA) at 1280 px and at 320 px, with and without error messages."""

from accounts.models import Role
from certification.cases.services import report_case, take_measure
from certification.sanctions.objections import record_objection
from certification.teachers.services import today
from tests.browser import axe_violations
from tests.certification.teachers import factories
from tests.compliance.factories import make_owner
from tests.kit import DEFAULT_PASSWORD, make_user


def _log_in(page, user):
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _problems(page, label) -> list[str]:
    problems = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        problems += [f"{label} at {width}px: {v}" for v in axe_violations(page)]
    if page.evaluate("document.documentElement.scrollWidth") > 320:
        problems.append(f"{label} scrolls sideways at 320 px")
    return problems


def test_admin_sanction_form_and_case_page(page):
    factories.published_plan()
    factories.code_version()
    teacher = factories.active_teacher(first_name="Noor", last_name="Visser")
    admin = make_user(roles=(Role.admin,))
    owner = make_owner()
    school = factories.make_school(owner, name="Dansstudio Plié")
    case = report_case(school, teacher.registration_number, "verbal", today(), "Gesprek met de danser en de ouders "
                       "gevoerd; docent voorlopig niet ingeroosterd.", ["police"], by=owner)
    sanction = take_measure(case, "investigation", "Onderzoek naar meerdere meldingen.", by=admin)
    record_objection(sanction, today(), "De docent is het niet eens met de maatregel.", admin)
    _log_in(page, admin)
    page.goto(f"/beheer/docenten/{teacher.id}")
    problems = _problems(page, "teacher admin page")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_label("Beperkt").check()
    page.get_by_label("Toelichting (alleen voor beheerders; de docent en het publiek zien die niet)").fill(
        "Onderzoek afgerond, beperking opgelegd.")
    page.get_by_role("button", name="Maatregel vastleggen").click()
    assert page.get_by_text("Kies een reden.").first.is_visible()
    assert "Onderzoek afgerond, beperking opgelegd." in page.content()  # what was typed stays
    problems += _problems(page, "sanction form with errors")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_label("Beperking (bij een beperking)").select_option("no_minors")
    page.get_by_label("Reden (openbaar, behalve bij een tijdelijke maatregel)").select_option("code_of_conduct")
    page.get_by_role("button", name="Maatregel vastleggen").click()
    assert page.get_by_text("De maatregel is vastgelegd en de docent is ingelicht.").is_visible()
    page.goto(f"/beheer/zaken/{case.id}")
    problems += _problems(page, "case page")
    assert not problems, "\n".join(problems)


def test_school_report_form(page):
    factories.published_plan()
    factories.code_version()
    teacher = factories.active_teacher(first_name="Noor", last_name="Visser")
    owner = make_owner()
    school = factories.make_school(owner, name="Dansstudio Plié")
    _log_in(page, owner)
    page.goto(f"/scholen/{school.id}/melden-aan-alliantie")
    problems = _problems(page, "report form")
    page.set_viewport_size({"width": 1280, "height": 800})
    number = teacher.registration_number
    page.get_by_label("Registratienummer van de docent").fill(number[:-1] + str((int(number[-1]) + 1) % 10))
    page.get_by_label("Soort gedrag waar de melding over gaat").select_option("emotional")
    page.get_by_label("Datum waarop de school de melding kreeg").fill(today().isoformat())
    page.get_by_label("Wat heeft de school gedaan?").fill("Gesprek met de danser en de ouders; nazorg geregeld.")
    page.get_by_label("Veilig Thuis").check()
    page.get_by_role("button", name="Vertrouwelijk versturen").click()
    assert page.get_by_text("het laatste cijfer klopt niet").first.is_visible()
    problems += _problems(page, "report form with errors")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_label("Registratienummer van de docent").fill(number)
    page.get_by_role("button", name="Vertrouwelijk versturen").click()
    assert page.get_by_text("De alliantie heeft je melding ontvangen").is_visible()
    assert not problems, "\n".join(problems)
