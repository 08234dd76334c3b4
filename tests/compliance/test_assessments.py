"""The self-assessment through HTTP: start, answer over several visits, see what is
missing, submit, and the guarded lifecycle."""

import pytest
from sqlalchemy import select

from accounts.models import Role
from compliance import services
from compliance.models import Answer, Assessment, AssessmentStatus
from core.audit import verify_chain
from core.extensions import db
from core.lifecycle import transition
from core.models import AuditEvent
from standards.services import applicable_criteria
from tests.compliance import factories
from tests.kit import log_in

LONG = ("We hebben de gedragscode samen met dansers en ouders opgesteld in drie bijeenkomsten, en we bespreken hem "
        "elk seizoen opnieuw in de eerste les.")


def _fill_everything(client, assessment):
    """Answer every criterion completely, one save per criterion, as a school owner would."""
    for answer in assessment.answers:
        data = {f"a{answer.id}-rating": "2", f"a{answer.id}-narrative": LONG}
        if answer.criterion.mandatory:
            data[f"a{answer.id}-link_url"] = "https://plie.example.nl/gedragscode"
        assert client.post(f"/antwoorden/{answer.id}", data=data).status_code == 303


def _actions(assessment):
    return db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.object_type == "assessment", AuditEvent.object_id == str(assessment.id))
        .order_by(AuditEvent.id)).all()


def test_start_pins_the_published_plan_and_only_the_criteria_that_apply(owner_client, owner, plan):
    adults_only = factories.make_school(owner, school_type="vereniging", teaches_minors=False,
                                        age_groups=["adults"])
    response = owner_client.post(f"/scholen/{adults_only.id}/zelfevaluaties")
    assert response.status_code == 303
    assessment = db.session.execute(select(Assessment)).scalar_one()
    assert assessment.plan_id == plan.id and assessment.status is AssessmentStatus.draft
    codes = [answer.criterion.code for answer in assessment.answers]
    assert codes == [c.code for c in applicable_criteria(plan, "vereniging", False)]
    assert len(codes) < len(plan.criteria)
    assert not any(plan.criterion(code).minors_only for code in codes)
    assert "F4" not in codes  # F4 is for programmes and companies, not for clubs
    assert _actions(assessment) == ["assessment.started"]


def test_a_school_has_one_open_assessment_at_a_time(owner_client, assessment):
    response = owner_client.post(f"/scholen/{assessment.school_id}/zelfevaluaties", follow_redirects=True)
    assert "al een zelfevaluatie die nog loopt" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Assessment)).all()) == 1


def test_without_a_published_plan_no_assessment_starts(owner_client, school):
    response = owner_client.post(f"/scholen/{school.id}/zelfevaluaties", follow_redirects=True)
    assert "Er is nog geen kwaliteitsplan gepubliceerd" in response.get_data(as_text=True)


def test_the_domain_page_shows_requirement_guidance_scale_and_progress(owner_client, assessment):
    overview = owner_client.get(f"/zelfevaluaties/{assessment.id}").get_data(as_text=True)
    assert "0 van 6" in overview  # domain A has six criteria for this school
    page = owner_client.get(f"/zelfevaluaties/{assessment.id}/domein/A")
    html = page.get_data(as_text=True)
    first = assessment.answers[0]
    assert page.status_code == 200
    assert first.criterion.requirement["nl"] in html and first.criterion.guidance["nl"][:40] in html
    assert "Aanwezig en geëvalueerd" in html and f'id="criterion-{first.criterion.code}"' in html
    assert f'action="/zelfevaluaties/{assessment.id}/domein/A"' in html and 'enctype="multipart/form-data"' in html
    assert f'data-autosave-url="/antwoorden/{first.id}"' in html  # the background draft of each criterion
    assert html.count('type="submit" class="button">') == 1  # one save for the whole page
    assert owner_client.get(f"/zelfevaluaties/{assessment.id}/domein/Z").status_code == 404


def test_each_criterion_saves_on_its_own_and_survives_a_new_visit(client, owner, assessment):
    log_in(client, owner)
    first, second = assessment.answers[0], assessment.answers[1]
    response = client.post(f"/antwoorden/{first.id}", data={f"a{first.id}-rating": "3",
                                                            f"a{first.id}-narrative": LONG})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/domein/A?opgeslagen=1#opslaan")  # where the save button is
    assert "Opgeslagen." in client.get(response.headers["Location"]).get_data(as_text=True)
    client.post("/logout")

    log_in(client, owner)  # next week
    html = client.get(f"/zelfevaluaties/{assessment.id}/domein/A").get_data(as_text=True)
    assert LONG in html and f'checked id="a{first.id}-rating-3"' in html
    db.session.expire_all()
    assert db.session.get(Answer, first.id).rating == 3
    assert db.session.get(Answer, second.id).narrative == ""
    assert db.session.get(Answer, first.id).updated_by_id == owner.id


def test_a_validation_error_keeps_what_was_typed_and_what_was_saved(owner_client, assessment):
    answer = assessment.answers[0]
    owner_client.post(f"/antwoorden/{answer.id}", data={f"a{answer.id}-rating": "1",
                                                        f"a{answer.id}-narrative": "Eerste versie."})
    response = owner_client.post(f"/antwoorden/{answer.id}", data={
        f"a{answer.id}-rating": "2", f"a{answer.id}-narrative": "Nieuwe tekst die ik net typte.",
        f"a{answer.id}-link_url": "geen adres"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Dit is geen geldig webadres" in html and "Nieuwe tekst die ik net typte." in html
    assert "1 eis is niet opgeslagen: kijk die na" in html and "<title>Fout: " in html
    db.session.expire_all()
    saved = db.session.get(Answer, answer.id)
    assert (saved.rating, saved.narrative) == (1, "Eerste versie.")


def test_a_rating_outside_the_plans_scale_is_refused(owner_client, assessment):
    answer = assessment.answers[0]
    response = owner_client.post(f"/antwoorden/{answer.id}", data={f"a{answer.id}-rating": "7",
                                                                   f"a{answer.id}-narrative": "Tekst"})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Answer, answer.id).narrative == ""


def test_submit_lists_what_is_missing_with_links_and_refuses(owner_client, assessment):
    answer = assessment.answers[0]
    owner_client.post(f"/antwoorden/{answer.id}", data={f"a{answer.id}-rating": "2", f"a{answer.id}-narrative": ""})
    page = owner_client.get(f"/zelfevaluaties/{assessment.id}/indienen").get_data(as_text=True)
    assert "Je kunt nog niet indienen" in page
    assert f'/domein/A#criterion-{answer.criterion.code}"' in page
    assert "Schrijf een toelichting." in page and "Voeg bewijs toe" in page
    response = owner_client.post(f"/zelfevaluaties/{assessment.id}/indienen")
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Assessment, assessment.id).status is AssessmentStatus.draft


def test_a_short_narrative_on_a_mandatory_criterion_is_listed_as_missing(owner_client, assessment, plan):
    answer = next(a for a in assessment.answers if a.criterion.mandatory)
    owner_client.post(f"/antwoorden/{answer.id}", data={
        f"a{answer.id}-rating": "2", f"a{answer.id}-narrative": "Klopt.",
        f"a{answer.id}-link_url": "https://plie.example.nl"})
    page = owner_client.get(f"/zelfevaluaties/{assessment.id}").get_data(as_text=True)
    assert f"korter dan {plan.rules.min_narrative_chars_mandatory} tekens" in page


def test_the_whole_assessment_is_filled_in_submitted_and_then_read_only(owner_client, owner, assessment, mailbox):
    factories.meet_gates(assessment.school, owner)
    _fill_everything(owner_client, assessment)
    page = owner_client.get(f"/zelfevaluaties/{assessment.id}").get_data(as_text=True)
    assert "Alles is ingevuld" in page
    assert owner_client.post(f"/zelfevaluaties/{assessment.id}/indienen").status_code == 303
    db.session.expire_all()
    submitted = db.session.get(Assessment, assessment.id)
    assert submitted.status is AssessmentStatus.submitted and submitted.submitted_at is not None
    assert _actions(assessment)[-1] == "assessment.submitted"
    assert any("Zelfevaluatie ingediend" in m["Subject"] for m in mailbox)

    answer = submitted.answers[0]
    response = owner_client.post(f"/antwoorden/{answer.id}", data={f"a{answer.id}-rating": "0",
                                                                   f"a{answer.id}-narrative": "Gewijzigd"})
    assert response.status_code == 409
    assert "Dit antwoord kun je niet meer wijzigen" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Answer, answer.id).narrative == LONG
    html = owner_client.get(f"/zelfevaluaties/{assessment.id}/domein/A").get_data(as_text=True)
    assert "<textarea" not in html and LONG in html
    assert owner_client.post(f"/zelfevaluaties/{assessment.id}/indienen").status_code == 409
    assert owner_client.post(f"/zelfevaluaties/{assessment.id}/intrekken", follow_redirects=True).status_code == 200
    assert db.session.get(Assessment, assessment.id).status is AssessmentStatus.submitted
    assert verify_chain().ok


def test_a_reopened_answer_may_be_changed_while_information_is_requested(owner_client, owner, assessment):
    first, second = assessment.answers[0], assessment.answers[1]
    assessment.status = AssessmentStatus.information_requested  # as the review workflow will set it
    first.reopened = True
    db.session.commit()
    assert owner_client.post(f"/antwoorden/{first.id}", data={f"a{first.id}-rating": "1",
                                                              f"a{first.id}-narrative": "Aangevuld"}).status_code == 303
    assert owner_client.post(f"/antwoorden/{second.id}", data={f"a{second.id}-rating": "1",
                                                                f"a{second.id}-narrative": "Nee"}).status_code == 409


def test_a_draft_is_withdrawn_and_a_new_one_can_start(owner_client, assessment):
    assert owner_client.get(f"/zelfevaluaties/{assessment.id}/intrekken").status_code == 200
    assert owner_client.post(f"/zelfevaluaties/{assessment.id}/intrekken").status_code == 303
    db.session.expire_all()
    assert db.session.get(Assessment, assessment.id).status is AssessmentStatus.withdrawn
    assert _actions(assessment) == ["assessment.started", "assessment.withdrawn"]
    assert owner_client.post(f"/scholen/{assessment.school_id}/zelfevaluaties").status_code == 303
    assert len(db.session.scalars(select(Assessment)).all()) == 2
    overview = owner_client.get(f"/scholen/{assessment.school_id}/zelfevaluaties").get_data(as_text=True)
    assert "Ingetrokken" in overview and "Concept" in overview


def test_another_schools_assessment_by_url_is_refused(owner_client):
    other = factories.make_assessment()
    answer = other.answers[0]
    assert owner_client.get(f"/zelfevaluaties/{other.id}").status_code == 403
    assert owner_client.get(f"/zelfevaluaties/{other.id}/domein/A").status_code == 403
    assert owner_client.post(f"/antwoorden/{answer.id}", data={f"a{answer.id}-narrative": "x"}).status_code == 403
    assert owner_client.post(f"/zelfevaluaties/{other.id}/indienen").status_code == 403
    assert owner_client.get(f"/zelfevaluaties/{other.id}/export.pdf").status_code == 403
    assert owner_client.get("/zelfevaluaties/999999").status_code == 404
    assert owner_client.post("/antwoorden/999999").status_code == 404
    db.session.expire_all()
    assert db.session.get(Answer, answer.id).narrative == ""


def test_an_assigned_assessor_sees_the_assessment_but_cannot_change_it(client, login, assessment):
    assessor = login(Role.assessor)
    assert client.get(f"/zelfevaluaties/{assessment.id}").status_code == 403
    assessment.reviewer_id = assessor.id
    db.session.commit()
    assert client.get(f"/zelfevaluaties/{assessment.id}").status_code == 200
    answer = assessment.answers[0]
    assert client.post(f"/antwoorden/{answer.id}", data={f"a{answer.id}-narrative": "x"}).status_code == 403


def test_changing_the_school_type_updates_the_criteria_of_a_draft(owner_client, owner, assessment, plan):
    before = {a.criterion.code for a in assessment.answers}
    school = assessment.school
    response = owner_client.post(f"/scholen/{school.id}/gegevens", data={
        "name": school.name, "kvk_number": school.kvk_number, "street": school.street,
        "house_number": school.house_number, "postcode": school.postcode, "city": school.city,
        "school_type": "beroepsopleiding", "genres": ["ballet"], "teaches_minors": "no", "age_groups": ["adults"]})
    assert response.status_code == 303
    db.session.expire_all()
    after = {a.criterion.code for a in db.session.get(Assessment, assessment.id).answers}
    assert after == {c.code for c in applicable_criteria(plan, "beroepsopleiding", False)} != before


class TestLifecycle:
    def test_every_state_has_its_allowed_steps(self):
        table = Assessment.lifecycle.successors
        S = AssessmentStatus
        assert table(S.draft) == {S.submitted, S.withdrawn}
        assert table(S.in_review) == {S.information_requested, S.recommended}
        assert table(S.information_requested) == {S.in_review}
        assert table(S.recommended) == {S.approved, S.rejected, S.in_review}
        assert not table(S.approved) and not table(S.rejected) and not table(S.withdrawn)

    def test_a_step_the_state_does_not_allow_raises_and_writes_nothing(self, assessment, owner):
        with pytest.raises(services.InvalidTransition):
            transition(assessment, "approve", owner)
        assert assessment.status is AssessmentStatus.draft
        db.session.rollback()
        assert _actions(assessment) == ["assessment.started"]

    def test_a_step_writes_its_audit_event(self, assessment, owner):
        services.withdraw_assessment(assessment, owner)
        event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "assessment.withdrawn")).scalar_one()
        assert event.details["from"] == "draft" and event.details["to"] == "withdrawn"
        assert event.actor_id == owner.id
