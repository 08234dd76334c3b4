"""The school answers an assessor's questions in one form: the big button sends what was
typed and resubmits; a refusal never throws a typed reply away."""

import io

from compliance.models import Assessment, AssessmentStatus
from compliance.review import services
from core.extensions import db
from tests.compliance.review import factories as rf
from tests.kit import log_in


def _asked(*questions):
    assessment, reviewer = rf.in_review()
    answers = assessment.answers[:len(questions)]
    services.request_information(assessment, reviewer, {a.id: q for a, q in zip(answers, questions, strict=True)})
    return assessment, answers


def test_the_big_button_sends_the_typed_answer_and_resubmits(client, plan):
    assessment, (answer,) = _asked("Waar zijn de notulen?")
    log_in(client, assessment.school.members[0].user)
    page = client.get(f"/zelfevaluaties/{assessment.id}").get_data(as_text=True)
    assert page.count(f'action="/beoordelen/{assessment.id}/opnieuw-indienen"') == 1  # one form, both buttons
    response = client.post(f"/beoordelen/{assessment.id}/opnieuw-indienen",
                           data={f"q{answer.id}-body": "De notulen staan in de map van september."})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Assessment, assessment.id).status is AssessmentStatus.in_review
    assert "De notulen staan in de map van september." in client.get(
        f"/zelfevaluaties/{assessment.id}").get_data(as_text=True)


def test_a_refused_resubmission_keeps_what_was_typed(client, plan):
    assessment, (first, second) = _asked("Hoe vaak?", "Wie?")
    log_in(client, assessment.school.members[0].user)
    response = client.post(f"/beoordelen/{assessment.id}/opnieuw-indienen",
                           data={f"q{first.id}-body": "Elk seizoen twee keer."})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert f"Beantwoord eerst de vraag bij: {second.criterion.code}" in html
    assert "Elk seizoen twee keer." in html  # stored in the thread, not thrown away
    assert "<title>Fout: " in html
    db.session.expire_all()
    assert db.session.get(Assessment, assessment.id).status is AssessmentStatus.information_requested


def test_a_refused_upload_gives_the_typed_reply_back(client, plan):
    assessment, (answer,) = _asked("Laat het zien.")
    log_in(client, assessment.school.members[0].user)
    response = client.post(f"/beoordelen/{assessment.id}/opnieuw-indienen", content_type="multipart/form-data", data={
        f"q{answer.id}-body": "Zie het bestand.", "send": str(answer.id),
        f"q{answer.id}-files": (io.BytesIO(b"MZ not a document"), "bewijs.exe")})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Zie het bestand.</textarea>" in html


def test_send_stores_the_reply_without_resubmitting(client, plan):
    assessment, (answer,) = _asked("Hoe vaak?")
    log_in(client, assessment.school.members[0].user)
    response = client.post(f"/beoordelen/{assessment.id}/opnieuw-indienen",
                           data={f"q{answer.id}-body": "Twee keer.", "send": str(answer.id)})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Assessment, assessment.id).status is AssessmentStatus.information_requested


def test_advice_is_offered_only_once_every_criterion_has_a_verdict(client, plan):
    assessment, reviewer = rf.in_review()
    log_in(client, reviewer)
    html = client.get(f"/beoordelen/{assessment.id}").get_data(as_text=True)
    assert f"Nog {len(assessment.answers)} eisen te beoordelen" in html and "/advies" not in html
    rf.judge_all(assessment, reviewer)
    html = client.get(f"/beoordelen/{assessment.id}").get_data(as_text=True)
    assert "Advies geven" in html and "eisen te beoordelen" not in html


def test_the_question_mail_uses_the_singular_and_its_subject_has_no_full_stop(client, plan):
    from sqlalchemy import select

    from core.models import OutboxMessage

    assessment, (answer,) = _asked("Hoe vaak?")
    message = db.session.execute(select(OutboxMessage).where(OutboxMessage.subject.like("De beoordelaar vraagt%"))
                                 ).scalars().first()
    assert message.subject == f"De beoordelaar vraagt om aanvulling bij 1 eis van {assessment.school.name}"
    assert "vraag bij 1 eis." in message.body_text
