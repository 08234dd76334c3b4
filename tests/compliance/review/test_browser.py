"""The whole path in a browser: the owner submits, the admin assigns, the reviewer judges
and asks a question, the owner answers and resubmits, the reviewer recommends, and a
second assessor approves. axe checks the reviewer's pages."""

from compliance import services as compliance_services
from compliance.review import services
from tests.browser import axe_violations, fits_320px
from tests.compliance import factories as cf
from tests.compliance.review import factories as rf
from tests.kit import DEFAULT_PASSWORD


def _login(page, user):
    page.context.clear_cookies()
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_submission_review_question_answer_recommendation_and_approval(page, plan):
    owner = cf.make_owner()
    assessment = cf.make_assessment(owner=owner, ready=True)
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


def test_conditions_are_refused_for_a_major_nonconformity_and_the_approver_sees_why(page, plan):
    assessment, reviewer = rf.in_review()
    rf.judge_all(assessment, reviewer)
    answer = next(a for a in assessment.answers if a.criterion.mandatory)
    code = answer.criterion.code
    services.record_verdict(assessment, answer, reviewer, services.VerdictInput("does_not_meet", "major_nonconformity"))

    _login(page, reviewer)
    page.goto(f"/beoordelen/{assessment.id}/advies")
    assert f"{code}: een grote tekortkoming kan niet met een verbeteractie worden opgelost" in \
        page.get_by_role("region", name="Met voorwaarden kan niet").inner_text()
    page.get_by_label("Goedkeuren met voorwaarden").check()
    page.get_by_label("Onderbouwing").fill("Op één punt na in orde.")
    page.get_by_label("Verbeteractie 1", exact=True).fill("Laat iedereen de gedragscode tekenen.")
    page.get_by_label("Bij eis (verbeteractie 1)").select_option(value=str(answer.criterion_id))
    page.get_by_role("button", name="Advies versturen naar een tweede beoordelaar").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert f"Goedkeuren met voorwaarden kan niet: {code}: een grote tekortkoming" in summary.inner_text()
    assert page.get_by_label("Onderbouwing").input_value() == "Op één punt na in orde."  # nothing typed is lost
    assert not axe_violations(page)
    assert fits_320px(page)

    from core.extensions import db

    db.session.expire_all()
    assert compliance_services.load_assessment(assessment.id).status.value == "in_review"
    # The criterion page shows the reviewer the school's live teacher registry on the teacher criteria.
    page.set_viewport_size({"width": 1280, "height": 800})
    teacher_code = next(a.criterion.code for a in assessment.answers if "5.1" in a.criterion.recommendations)
    page.goto(f"/beoordelen/{assessment.id}/eis/{teacher_code}")
    assert "Docenten in het docentenregister" in page.content()
    assert not axe_violations(page)


def test_the_approver_sees_why_a_conditional_approval_cannot_be_confirmed(page, plan):
    from sqlalchemy import select

    from compliance.review.models import Outcome, ReviewVerdict
    from core.extensions import db

    assessment, _reviewer = rf.recommended(Outcome.approve_with_conditions, [rf.action()])
    answer = next(a for a in assessment.answers if a.criterion.mandatory)
    row = db.session.execute(select(ReviewVerdict).where(
        ReviewVerdict.assessment_id == assessment.id, ReviewVerdict.criterion_id == answer.criterion_id)).scalar_one()
    row.verdict, row.finding_grade = "does_not_meet", "major_nonconformity"  # changed after the recommendation
    db.session.commit()
    approver = rf.make_assessor()

    _login(page, approver)
    page.goto(f"/beoordelen/{assessment.id}/besluit")
    card = page.get_by_role("region", name="Nog niet te bevestigen")
    assert f"{answer.criterion.code}: een grote tekortkoming kan niet met een verbeteractie worden opgelost" \
        in card.inner_text()
    button = page.get_by_role("button", name="Bevestigen kan niet: 1 punt staat open")
    assert button.is_disabled()
    assert page.get_by_role("button", name="Advies bevestigen").count() == 0
    assert not axe_violations(page)
    assert fits_320px(page)
