"""The whole path in a browser: the owner submits, the admin assigns, the reviewer judges
and asks a question, the owner answers and resubmits, the reviewer recommends, and a
second assessor approves. axe checks the reviewer's pages."""

from compliance import services as compliance_services
from compliance.review import services
from tests.browser import axe_violations, fits_320px
from tests.compliance import factories as cf
from tests.conftest import DEFAULT_PASSWORD
from tests.review import factories as rf


def _login(page, user):
    page.context.clear_cookies()
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_submission_review_question_answer_recommendation_and_approval(page, plan):
    owner = cf.make_owner()
    assessment = cf.make_assessment(owner=owner)
    rf.fill(assessment, owner)
    admin, reviewer, approver = rf.make_admin(), rf.make_assessor(), rf.make_assessor()

    _login(page, owner)
    page.goto(f"/zelfevaluaties/{assessment.id}/indienen")
    page.get_by_role("button", name="Ja, zelfevaluatie indienen").click()
    page.get_by_text("Je zelfevaluatie is ingediend").wait_for()

    _login(page, admin)
    page.goto("/beoordelen")
    page.get_by_role("link", name="beoordelaar toewijzen").click()
    page.get_by_label("Beoordelaar").select_option(label=reviewer.name)
    page.get_by_role("button", name="Toewijzen").click()
    page.get_by_text("De beoordelaar is toegewezen").wait_for()

    _login(page, reviewer)
    page.goto("/beoordelen")
    assert not axe_violations(page)
    page.get_by_role("link", name="Dansschool Plié").first.click()
    assert not axe_violations(page)
    first = assessment.answers[0].criterion.code
    page.get_by_role("link", name=first, exact=False).first.click()
    page.get_by_label("Voldoet", exact=True).check()
    page.get_by_label("Opmerking", exact=True).fill("Gedragscode is er, notulen ontbreken.")
    assert not axe_violations(page)
    page.get_by_role("button", name="Opslaan en volgende eis").click()
    page.get_by_text(f"Oordeel opgeslagen: {first}").wait_for()
    page.goto(f"/beoordelen/{assessment.id}/informatie")
    page.get_by_label(first, exact=False).first.check()
    page.get_by_label("Vraag aan de school").fill("Kunnen jullie de notulen van het overleg toevoegen?")
    page.get_by_role("button", name="Vraag versturen").click()
    page.get_by_text("De school krijgt bericht").wait_for()

    _login(page, owner)
    page.goto(f"/zelfevaluaties/{assessment.id}")
    page.get_by_text("Kunnen jullie de notulen van het overleg toevoegen?").wait_for()
    page.get_by_label(f"Je antwoord bij {first}").fill("De notulen van 12 september staan nu bij het bewijs.")
    page.get_by_role("button", name="Antwoorden versturen en aanvulling indienen").click()  # sends the answer too
    page.get_by_text("Je aanvulling is ingediend").wait_for()

    from core.extensions import db

    db.session.expire_all()
    fresh = compliance_services.load_assessment(assessment.id)
    rf.judge_all(fresh, reviewer)  # the other criteria, through the service: forty forms add nothing here
    _login(page, reviewer)
    page.goto(f"/beoordelen/{assessment.id}/advies")
    page.get_by_label("Goedkeuren", exact=True).check()
    page.get_by_label("Onderbouwing").fill("Alle eisen voldoen; de notulen zijn aangevuld.")
    assert not axe_violations(page)
    page.get_by_role("button", name="Advies versturen naar een tweede beoordelaar").click()
    page.get_by_text("Je advies is klaar").wait_for()

    _login(page, approver)
    page.goto("/beoordelen")
    page.get_by_role("link", name="besluiten").click()
    page.get_by_text("Alle eisen voldoen; de notulen zijn aangevuld.").wait_for()
    assert not axe_violations(page)
    assert fits_320px(page)
    page.get_by_role("button", name="Advies bevestigen").click()
    page.get_by_text("Besluit genomen: Goedgekeurd").wait_for()
    db.session.expire_all()
    assert services.current_recommendation(fresh).decided_by_id == approver.id
