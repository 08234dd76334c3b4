"""The school owner's pages (compliance) in a real browser: WCAG 2.1 AA (axe), 320 px wide, and the
whole path from registering a school to submitting, without JavaScript tricks."""

from compliance.models import Assessment, AssessmentStatus
from core.extensions import db
from tests.browser import axe_violations, fits_320px
from tests.compliance import factories
from tests.kit import DEFAULT_PASSWORD


def _log_in(page, user):
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_every_school_owner_page_passes_wcag_and_fits_a_phone(page):
    owner = factories.make_owner()
    assessment = factories.make_assessment(owner=owner)
    school = assessment.school
    location = factories.services.add_location(school, "Hoofdlocatie", "Danslaan 1", "1234 AB", "Utrecht", by=owner)
    factories.services.add_room(location, "Studio 1", "glass_wall", by=owner)
    _log_in(page, owner)
    paths = ["/scholen", "/scholen/nieuw", f"/scholen/{school.id}", f"/scholen/{school.id}/gegevens",
             f"/scholen/{school.id}/vertrouwenspersoon", f"/scholen/{school.id}/locaties/nieuw",
             f"/scholen/locaties/{location.id}", f"/scholen/zalen/{location.rooms[0].id}",
             f"/scholen/{school.id}/beheerders", f"/scholen/{school.id}/zelfevaluaties",
             f"/zelfevaluaties/{assessment.id}", f"/zelfevaluaties/{assessment.id}/domein/A",
             f"/zelfevaluaties/{assessment.id}/indienen", f"/zelfevaluaties/{assessment.id}/intrekken"]
    problems = []
    for path in paths:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(path)
        problems += [f"{path}: {v}" for v in axe_violations(page)]
        if not fits_320px(page):
            problems.append(f"{path} scrolls sideways at 320 px")
    assert not problems, "\n".join(problems)


def test_register_answer_with_evidence_and_submit_in_the_browser(page, tmp_path):
    factories.published_plan()
    owner = factories.make_owner()
    _log_in(page, owner)
    page.get_by_role("link", name="Mijn scholen").click()
    page.get_by_role("link", name="School toevoegen").click()
    page.get_by_label("Naam van de school").fill("Dansstudio Browser")
    page.get_by_label("KvK-nummer").fill("87654321")
    page.get_by_label("Straat").fill("Pasweg")
    page.get_by_label("Huisnummer").fill("4")
    page.get_by_label("Postcode").fill("1234 ab")
    page.get_by_label("Plaats").fill("Leiden")
    page.get_by_label("Dansschool").check()
    page.get_by_label("Jazz").check()
    page.get_by_label("Nee").check()
    page.get_by_label("18 jaar en ouder").check()
    page.get_by_role("button", name="School toevoegen").click()
    assert "is aangemeld" in page.locator(".flashes").inner_text()

    page.get_by_role("link", name="Zelfevaluaties").click()
    page.get_by_role("button", name="Nieuwe zelfevaluatie starten").click()
    assessment = db.session.query(Assessment).one()
    proof = tmp_path / "gedragscode.pdf"
    proof.write_bytes(factories.pdf_bytes())
    page.get_by_role("link", name="A. ").first.click()
    first = assessment.answers[0]
    section = page.locator(f"#criterion-{first.criterion.code}")
    section.get_by_label("3 · Aanwezig en geëvalueerd").check()
    section.get_by_label("Toelichting").fill("Samen met de dansers opgesteld. " * 4)
    section.locator("details.evidence-more > summary").click()  # evidence folds open on demand
    section.get_by_label("Bestand toevoegen").set_input_files(str(proof))
    page.get_by_role("button", name="Alles opslaan").click()
    assert "Opgeslagen" in page.locator("#opslaan [role=status]").inner_text()
    assert page.locator(f"#criterion-{first.criterion.code}").get_by_role("link", name="gedragscode.pdf").count() == 1

    for answer in assessment.answers:  # the rest through the service, to keep the test short
        if answer.id != first.id:
            factories.services.save_answer(answer, owner, factories.services.AnswerInput(
                rating=2,
                narrative="Zo doen we het op onze school: elke week opnieuw, samen met dansers, ouders en docenten.",
                link_url="https://example.nl/beleid"))
    # Everything is filled in, but the profile has no confidential advisor (nor a location):
    # the pages say so, and the primary button leads to where it is fixed, not to a refusal.
    factories.meet_gates(assessment.school, owner, advisor=False)  # a location with a room
    page.goto(f"/zelfevaluaties/{assessment.id}/indienen")
    summary = page.locator(".error-summary")
    assert "Er is geen vertrouwenspersoon vastgelegd met naam, bereikbaarheid en of die intern of extern is." \
        in summary.inner_text()
    assert page.get_by_role("button", name="Ja, zelfevaluatie indienen").count() == 0
    assert not axe_violations(page)
    assert fits_320px(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"/zelfevaluaties/{assessment.id}")
    page.get_by_role("link", name="Eerst de vertrouwenspersoon vastleggen").click()
    page.get_by_label("Naam").fill("Vera Vertrouwen")
    page.get_by_label("E-mailadres").fill("vp@example.nl")
    page.get_by_label("Telefoonnummer").fill("030 123 45 67")
    page.get_by_label("Extern").check()
    page.get_by_role("button", name="Opslaan").click()
    assert "De vertrouwenspersoon is opgeslagen" in page.locator(".flashes").inner_text()
    page.goto(f"/zelfevaluaties/{assessment.id}")
    page.get_by_role("link", name="Indienen").click()
    page.get_by_role("button", name="Ja, zelfevaluatie indienen").click()
    assert "is ingediend" in page.locator(".flashes").inner_text()
    db.session.expire_all()
    assert db.session.get(Assessment, assessment.id).status is AssessmentStatus.submitted
