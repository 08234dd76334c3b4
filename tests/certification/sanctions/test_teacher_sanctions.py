"""Sanctions on a registration: the four kinds, what each records, who is told what, what
the public sees, four eyes for a revocation, and the refusals."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from accounts.models import Role
from certification.sanctions import services as sanctions
from certification.sanctions.errors import SanctionError
from certification.sanctions.models import SanctionState, TeacherSanction
from certification.teachers.models import TeacherStatus
from certification.teachers.services import today
from core.extensions import db
from core.models import AuditEvent
from notifications import Notification
from tests.kit import body, log_in, make_user, sent_to

NOTE = "Geheime toelichting: drie dansers meldden vernederende opmerkingen."


def _public(client, teacher):
    page = client.get(f"/register/docenten/{teacher.registration_number}").get_data(as_text=True)
    data = client.get(f"/api/v1/registry/teachers/{teacher.registration_number}").get_json()
    return page, data


def test_a_temporary_measure_is_public_without_a_reason_and_the_teacher_is_told(client, active, admin, mailbox):
    sanction = sanctions.impose_sanction(active, "temporary", "investigation", NOTE, by=admin)
    assert active.status is TeacherStatus.temporary and sanction.state is SanctionState.in_force
    page, data = _public(client, active)
    assert "Tijdelijke maatregel" in page and "Er loopt een onderzoek" not in page and "Geheime" not in page
    assert data["status"] == "temporary" and data["reason_category"] is None and data["restriction"] is None
    [mail] = sent_to(mailbox, active.email)
    text = body(mail)
    assert "Tijdelijke maatregel" in mail["Subject"]
    assert "Er loopt een onderzoek" in text and "bezwaar" in text and "bezwaar@dansveilig.nl" in text
    assert "6 weken" in text and "Geheime" not in text  # the internal note stays internal
    assert db.session.execute(select(Notification).where(Notification.user_id == active.user_id)).scalar_one()
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "teacher.sanctioned")).scalar_one()
    assert event.details["sanction"] == "temporary" and event.details["category"] == "investigation"


def test_a_restriction_names_what_is_restricted_in_public_and_in_english_mail(client, active, admin, mailbox):
    active.user.locale = "en"
    db.session.commit()
    with pytest.raises(SanctionError, match="beperking"):
        sanctions.impose_sanction(active, "restricted", "code_of_conduct", NOTE, by=admin)
    sanctions.impose_sanction(active, "restricted", "code_of_conduct", NOTE, by=admin, restriction="no_minors")
    page, data = _public(client, active)
    assert "Geen les aan minderjarigen" in page and "Schending van de gedragscode" in page and "Geheime" not in page
    assert data["restriction"] == "no_minors" and data["reason_category"] == "code_of_conduct"
    [mail] = sent_to(mailbox, active.email)
    assert "No teaching of minors" in body(mail) and "objection" in body(mail).lower()


def test_a_suspension_runs_until_a_date_and_a_new_measure_replaces_the_old(active, admin):
    with pytest.raises(SanctionError, match="einddatum"):
        sanctions.impose_sanction(active, "suspended", "code_of_conduct", NOTE, by=admin)
    with pytest.raises(SanctionError, match="na de begindatum"):
        sanctions.impose_sanction(active, "suspended", "code_of_conduct", NOTE, by=admin, until=today())
    first = sanctions.impose_sanction(active, "temporary", "investigation", NOTE, by=admin)
    until = today() + timedelta(days=30)
    second = sanctions.impose_sanction(active, "suspended", "transgressive_behaviour", NOTE, by=admin, until=until)
    assert active.status is TeacherStatus.suspended and active.status_until == until
    assert first.state is SanctionState.replaced and second.state is SanctionState.in_force
    assert [s.id for s in sanctions.history(active)] == [second.id, first.id]


@pytest.mark.parametrize("kind, category, note, message", [
    ("verbannen", "investigation", NOTE, "maatregel uit de lijst"),
    ("temporary", "", NOTE, "reden uit de lijst"),
    ("temporary", "roddel", NOTE, "reden uit de lijst"),
    ("temporary", "investigation", "kort", "minstens 10 tekens"),
    ("temporary", "investigation", "x" * 4001, "hoogstens 4000"),
])
def test_bad_input_is_refused_with_a_message(active, admin, kind, category, note, message):
    with pytest.raises(SanctionError, match=message):
        sanctions.impose_sanction(active, kind, category, note, by=admin)
    assert active.status is TeacherStatus.active


def test_only_an_admin_takes_a_measure(active):
    with pytest.raises(SanctionError, match="beheerder"):
        sanctions.impose_sanction(active, "temporary", "investigation", NOTE, by=make_user(roles=(Role.assessor,)))


def test_revoking_needs_a_second_admin(client, active, admin, second_admin, mailbox):
    request = sanctions.impose_sanction(active, "revoked", "transgressive_behaviour", NOTE, by=admin)
    assert request.is_requested and active.status is TeacherStatus.active  # nothing happened yet
    assert sent_to(mailbox, active.email) == []
    with pytest.raises(SanctionError, match="al een verzoek"):
        sanctions.impose_sanction(active, "revoked", "other", NOTE, by=second_admin)
    with pytest.raises(SanctionError, match="andere beheerder"):
        sanctions.confirm_revocation(request, admin)
    sanctions.confirm_revocation(request, second_admin)
    assert active.status is TeacherStatus.revoked and request.confirmed_by_id == second_admin.id
    assert "Doorgehaald" in sent_to(mailbox, active.email)[0]["Subject"]
    with pytest.raises(SanctionError, match="beslist"):
        sanctions.cancel_revocation(request, admin)
    with pytest.raises(SanctionError, match="definitief"):
        sanctions.impose_sanction(active, "temporary", "investigation", NOTE, by=admin)
    with pytest.raises(SanctionError, match="definitief"):
        sanctions.lift_sanction(active, "Toch maar niet doen.", by=admin)


def test_a_revocation_request_can_be_withdrawn(active, admin):
    request = sanctions.impose_sanction(active, "revoked", "other", NOTE, by=admin)
    sanctions.cancel_revocation(request, admin)
    assert request.state is SanctionState.cancelled and sanctions.open_revocation(active) is None
    assert active.status is TeacherStatus.active


def test_lifting_needs_a_reason_and_tells_the_teacher(active, admin, mailbox):
    with pytest.raises(SanctionError, match="geen maatregel"):
        sanctions.lift_sanction(active, "Onderzoek afgerond zonder grond.", by=admin)
    sanction = sanctions.impose_sanction(active, "temporary", "investigation", NOTE, by=admin)
    with pytest.raises(SanctionError, match="minstens 10 tekens"):
        sanctions.lift_sanction(active, "klaar", by=admin)
    sanctions.lift_sanction(active, "Onderzoek afgerond zonder grond.", by=admin)
    assert active.status is TeacherStatus.active and sanction.state is SanctionState.lifted
    assert sanction.end_note == "Onderzoek afgerond zonder grond."
    subjects = [m["Subject"] for m in sent_to(mailbox, active.email)]
    assert any("opgeheven" in s for s in subjects)


def test_the_admin_takes_and_confirms_measures_through_the_pages(app, client, active, admin, second_admin):
    log_in(client, admin)
    response = client.post(f"/beheer/docenten/{active.id}/maatregel", data={
        "kind": "restricted", "category": "code_of_conduct", "note": NOTE})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Kies welke beperking geldt." in text and "drie dansers meldden" in text  # what was typed stays
    response = client.post(f"/beheer/docenten/{active.id}/maatregel", data={
        "kind": "revoked", "category": "transgressive_behaviour", "note": NOTE})
    assert response.status_code == 303
    page = client.get(f"/beheer/docenten/{active.id}").get_data(as_text=True)
    assert "Verzoek om door te halen" in page and "Doorhalen bevestigen" not in page  # not by the one who asked
    request = db.session.execute(select(TeacherSanction)).scalar_one()
    client.post("/logout")
    log_in(client, second_admin)
    assert client.post(f"/beheer/maatregelen/{request.id}/bevestigen").status_code == 303
    db.session.expire_all()
    page = client.get(f"/beheer/docenten/{active.id}").get_data(as_text=True)
    assert "Maatregelen en bezwaren" in page and "Grensoverschrijdend gedrag vastgesteld" in page
    assert "bevestigd door Bas Beheerder" in page
    assert client.post(f"/beheer/maatregelen/{request.id}/annuleren").status_code == 303  # flashed, not a 500
    assert db.session.get(TeacherSanction, request.id).state is SanctionState.in_force
