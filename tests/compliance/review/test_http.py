"""The review pages per role, the demo, and the e-mail from a real local SMTP server."""

from sqlalchemy import select

from compliance.models import Assessment, AssessmentStatus, School
from compliance.review.demo import SCHOOLS
from core.extensions import db
from tests.compliance.review import factories as rf
from tests.kit import log_in


def test_reviewer_records_a_verdict_and_a_stranger_gets_403(app, client, plan, mailbox):
    from core.mail import send_pending

    assessment, reviewer = rf.in_review()
    send_pending()
    mail = next(m for m in mailbox if m["To"] == reviewer.email)
    assert "Je bent beoordelaar" in mail["Subject"]
    assert f"http://dansveilig.test/beoordelen/{assessment.id}" in mail.get_content()
    code = assessment.answers[0].criterion.code
    stranger = app.test_client()
    log_in(stranger, rf.make_assessor())
    assert stranger.get(f"/beoordelen/{assessment.id}").status_code == 403
    assert stranger.post(f"/beoordelen/{assessment.id}/eis/{code}", data={"verdict": "meets"}).status_code == 403
    log_in(client, reviewer)
    page = client.get(f"/beoordelen/{assessment.id}/eis/{code}").get_data(as_text=True)
    assert "Jouw oordeel" in page and "bewijs.pdf" in page
    response = client.post(f"/beoordelen/{assessment.id}/eis/{code}", data={"verdict": "meets", "comment": "Goed"})
    assert response.status_code == 303
    assert client.post(f"/beoordelen/{assessment.id}/eis/{code}", data={"verdict": "fout"}).status_code == 400


def test_reviewer_cannot_approve_own_recommendation_over_http(client, plan):
    assessment, reviewer = rf.recommended()
    log_in(client, reviewer)
    assert client.post(f"/beoordelen/{assessment.id}/besluit", data={"decision": "approve"}).status_code == 403
    assert db.session.get(Assessment, assessment.id).status is AssessmentStatus.recommended


def test_school_sees_the_question_but_not_internal_notes(client, plan):
    from compliance.review import services

    assessment, reviewer = rf.in_review()
    answer = assessment.answers[0]
    services.record_verdict(assessment, answer, reviewer, services.VerdictInput("meets", None, "GEHEIME NOTITIE"))
    services.request_information(assessment, reviewer, {answer.id: "Waar zijn de notulen?"})
    log_in(client, assessment.school.members[0].user)
    page = client.get(f"/zelfevaluaties/{assessment.id}").get_data(as_text=True)
    assert "Waar zijn de notulen?" in page and "GEHEIME NOTITIE" not in page
    response = client.post(f"/beoordelen/{assessment.id}/antwoord/{answer.id}", data={f"q{answer.id}-body": "Hier."})
    assert response.status_code == 303
    assert client.post(f"/beoordelen/{assessment.id}/opnieuw-indienen").status_code == 303
    db.session.expire_all()
    assert db.session.get(Assessment, assessment.id).status is AssessmentStatus.in_review


def test_public_assessor_list_and_notification_inbox(client, plan):
    rf.in_review()
    assert "Beoordelaars en hun belangen" in client.get("/beoordelaars").get_data(as_text=True)
    admin = rf.make_admin()
    rf.submitted_assessment()
    log_in(client, admin)
    assert "Zelfevaluatie ingediend door" in client.get("/berichten").get_data(as_text=True)


def test_demo_builds_every_review_state(runner, app):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert runner.invoke(args=["demo", "load"]).exit_code == 0  # idempotent
    states = {school.name: school.assessments[0].status for school in db.session.scalars(
        select(School).where(School.kvk_number.in_([kvk for kvk, _n, _s in SCHOOLS])))}
    assert {s.value for s in states.values()} == {"information_requested", "recommended", "approved", "in_review"}
    assert runner.invoke(args=["review", "daily"]).exit_code == 0
