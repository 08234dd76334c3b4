"""In a real browser: each role lands on its home, a typed answer survives a refused save,
leaving with unsaved text warns, drafts save in the background, and the big button of an
information request sends the typed reply."""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from compliance.review import services as review
from tests.browser import axe_violations
from tests.compliance import factories as cf
from tests.compliance.review import factories as rf
from tests.kit import DEFAULT_PASSWORD, make_user


@pytest.fixture(autouse=True)
def _own_evidence_dir(evidence_dir):
    return evidence_dir


def _log_in(page, user):
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(DEFAULT_PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()


@pytest.mark.parametrize("role,part", [(Role.school_owner, "Mijn scholen"),
                                       (Role.teacher, "Mijn registratie als docent"),
                                       (Role.assessor, "Beoordelen"), (Role.admin, "Beheer"),
                                       (Role.monitor, "Sectorcijfers")])
def test_every_role_lands_on_its_home(page, role, part):
    cf.published_plan()
    _log_in(page, make_user(roles=(role,)))
    page.wait_for_url("**/start")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn overzicht"
    assert page.get_by_role("heading", level=2, name=part).is_visible()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.get_by_role("link", name="Mijn overzicht").is_hidden()  # the menu folds away on a phone
    page.locator(".menu > summary").click()
    assert page.get_by_role("link", name="Mijn overzicht").is_visible()


def test_a_typed_answer_survives_a_refused_save(page):
    owner = cf.make_owner()
    assessment = cf.make_assessment(owner=owner)
    first, second = [a for a in assessment.answers if a.criterion.domain.code == "A"][:2]
    _log_in(page, owner)
    page.goto(f"/zelfevaluaties/{assessment.id}/domein/A")
    page.locator(f"#a{first.id}-narrative").fill("Wat ik bij de eerste eis typte, en dat mag niet verloren gaan.")
    page.locator(f"#criterion-{second.criterion.code} details.evidence-more > summary").click()
    page.locator(f"#a{second.id}-narrative").fill("En dit bij de tweede.")
    page.locator(f"#a{second.id}-link_url").fill("geen adres")
    page.get_by_role("button", name="Alles opslaan").click()
    assert page.title().startswith("Fout: ")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()  # focus went to the summary (forms.js, once the page has loaded)
    assert "Dit is geen geldig webadres" in summary.inner_text()
    assert page.locator(f"#a{first.id}-narrative").input_value().startswith("Wat ik bij de eerste eis typte")
    assert page.locator(f"#a{second.id}-narrative").input_value() == "En dit bij de tweede."
    assert page.locator(f"#a{second.id}-link_url").input_value() == "geen adres"


def test_leaving_with_unsaved_text_warns(page):
    owner = cf.make_owner()
    assessment = cf.make_assessment(owner=owner)
    first = assessment.answers[0]
    _log_in(page, owner)
    page.goto(f"/zelfevaluaties/{assessment.id}/domein/A")
    page.locator(f"#criterion-{first.criterion.code} details.evidence-more > summary").click()
    page.locator(f"#a{first.id}-link_url").fill("https://dansschool.example/gedragscode")  # not saved as a draft
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Overzicht van de zelfevaluatie").click()
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert "/domein/A" in page.url  # stayed, with the text
    assert page.locator(f"#a{first.id}-link_url").input_value() == "https://dansschool.example/gedragscode"


def test_a_narrative_is_saved_as_a_draft_while_typing(page):
    owner = cf.make_owner()
    assessment = cf.make_assessment(owner=owner)
    first = assessment.answers[0]
    _log_in(page, owner)
    page.goto(f"/zelfevaluaties/{assessment.id}/domein/A")
    page.locator(f"#a{first.id}-narrative").fill("Half af, maar bewaard.")
    status = page.locator(f"#criterion-{first.criterion.code} [data-save-status]")
    status.filter(has_text="bewaard om").wait_for()
    page.reload()  # no warning: the draft is saved
    assert page.locator(f"#a{first.id}-narrative").input_value() == "Half af, maar bewaard."


def test_the_big_button_sends_the_reply_typed_above_it(page):
    assessment, reviewer = rf.in_review()
    answer = assessment.answers[0]
    review.request_information(assessment, reviewer, {answer.id: "Waar staat dit beschreven?"})
    _log_in(page, assessment.school.members[0].user)
    page.goto(f"/zelfevaluaties/{assessment.id}")
    page.get_by_label(f"Je antwoord bij {answer.criterion.code}").fill("In het veiligheidsplan, hoofdstuk 2.")
    page.get_by_role("button", name="Antwoorden versturen en aanvulling indienen").click()
    assert "Je aanvulling is ingediend" in page.locator(".flashes").inner_text()
    assert "In het veiligheidsplan, hoofdstuk 2." in page.locator("#beoordeling").inner_text()


def test_a_renewal_starts_pre_filled(page):
    from compliance.models import AssessmentStatus
    from core.extensions import db
    from core.models import utcnow

    owner = cf.make_owner()
    old = cf.make_assessment(owner=owner)
    rf.fill(old, owner)
    old.status, old.status_changed_at = AssessmentStatus.approved, utcnow()
    db.session.commit()
    _log_in(page, owner)
    page.goto(f"/scholen/{old.school_id}/zelfevaluaties")
    page.get_by_role("button", name="Nieuwe zelfevaluatie starten").click()
    page.get_by_role("link", name="A.", exact=False).first.click()
    first = old.answers[0]
    narrative = page.locator("textarea").first
    assert narrative.input_value() == first.narrative
    assert "overgenomen uit jullie vorige" in page.locator(".carried-over").first.inner_text()
    page.get_by_label("Dit antwoord klopt nog").first.check()
    page.get_by_role("button", name="Alles opslaan").click()
    assert page.locator("#opslaan [role=status]").inner_text() == "Opgeslagen."
    assert page.locator(".carried-over").count() == len([a for a in old.answers if a.criterion.domain.code == "A"]) - 1
