"""Nothing typed is lost: one save for the whole domain page, each criterion checked on its
own, and a background draft per criterion."""

from compliance.models import Answer
from core.extensions import db

LONG = ("Bij ons bespreken we elk seizoen met dansers en ouders hoe we met elkaar omgaan en wat je doet "
        "als iets niet goed voelt.")


def _domain_a(assessment):
    return [answer for answer in assessment.answers if answer.criterion.domain.code == "A"]


def test_one_save_keeps_every_criterion_typed_on_the_page(owner_client, assessment):
    first, second = _domain_a(assessment)[:2]
    response = owner_client.post(f"/zelfevaluaties/{assessment.id}/domein/A", data={
        f"a{first.id}-rating": "2", f"a{first.id}-narrative": "Eerste eis: " + LONG,
        f"a{second.id}-rating": "3", f"a{second.id}-narrative": "Tweede eis: " + LONG})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("#opslaan")
    db.session.expire_all()
    assert db.session.get(Answer, first.id).narrative.startswith("Eerste eis")
    assert db.session.get(Answer, second.id).rating == 3


def test_a_refused_criterion_comes_back_with_what_was_typed_and_the_others_are_saved(owner_client, assessment):
    first, second = _domain_a(assessment)[:2]
    response = owner_client.post(f"/zelfevaluaties/{assessment.id}/domein/A", data={
        f"a{first.id}-rating": "2", f"a{first.id}-narrative": "Goed: " + LONG,
        f"a{second.id}-rating": "1", f"a{second.id}-narrative": "Wat ik net typte bij de tweede.",
        f"a{second.id}-link_url": "geen adres"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Wat ik net typte bij de tweede." in html and "Dit is geen geldig webadres" in html
    assert "1 eis is niet opgeslagen" in html and html.count("<title>Fout: ") == 1
    assert f'href="#a{second.id}-link_url"' in html  # the summary links to the field
    assert '<details class="evidence-more" open>' in html  # the evidence with the error is unfolded
    db.session.expire_all()
    assert db.session.get(Answer, first.id).narrative.startswith("Goed")
    assert db.session.get(Answer, second.id).narrative == ""


def test_unchanged_criteria_write_no_audit_event(owner_client, assessment):
    from sqlalchemy import func, select

    from core.models import AuditEvent

    first = _domain_a(assessment)[0]
    before = db.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    owner_client.post(f"/zelfevaluaties/{assessment.id}/domein/A", data={
        f"a{first.id}-rating": "2", f"a{first.id}-narrative": LONG})
    after = db.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    assert after - before == 1


def test_the_background_draft_answers_in_json(owner_client, assessment):
    first = _domain_a(assessment)[0]
    response = owner_client.post(f"/antwoorden/{first.id}", headers={"Accept": "application/json"},
                                 data={f"a{first.id}-narrative": "Half af"})
    assert response.status_code == 200 and response.json["saved"] is True
    assert "Concept A1 bewaard" in response.json["message"]
    db.session.expire_all()
    assert db.session.get(Answer, first.id).narrative == "Half af"
    refused = owner_client.post(f"/antwoorden/{first.id}", headers={"Accept": "application/json"},
                                data={f"a{first.id}-rating": "9", f"a{first.id}-narrative": "x"})
    assert refused.status_code == 400 and refused.json["saved"] is False


def test_evidence_is_folded_until_asked_for(owner_client, assessment):
    html = owner_client.get(f"/zelfevaluaties/{assessment.id}/domein/A").get_data(as_text=True)
    assert '<details class="evidence-more">' in html and '<details class="evidence-more" open>' not in html


def test_the_primary_button_says_what_is_missing_and_links_there(owner_client, assessment):
    html = owner_client.get(f"/zelfevaluaties/{assessment.id}").get_data(as_text=True)
    first = assessment.answers[0].criterion
    assert f"Nog {len(assessment.answers)} eisen te doen" in html
    assert f'href="/zelfevaluaties/{assessment.id}/domein/{first.domain.code}#criterion-{first.code}"' in html
    assert f'href="/zelfevaluaties/{assessment.id}/indienen"' not in html
