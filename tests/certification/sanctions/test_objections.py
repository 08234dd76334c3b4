"""Objections (bezwaar) against a teacher's sanction and against a certificate's suspension:
recorded with their date, decided with an outcome, shown in the history, the person told."""

from datetime import timedelta

import pytest

from certification.certificates import services as certificates
from certification.sanctions import services as sanctions
from certification.sanctions.errors import SanctionError
from certification.sanctions.models import ObjectionOutcome
from certification.sanctions.objections import decide_objection, record_objection
from certification.teachers.services import today
from tests.certification.certificates import factories as certificate_factories
from tests.kit import body, log_in, sent_to

NOTE = "Onderzoek naar meerdere meldingen van dansers."
GROUNDS = "De docent zegt dat de meldingen over een andere docent gaan."


@pytest.fixture
def sanction(active, admin):
    return sanctions.impose_sanction(active, "temporary", "investigation", NOTE, by=admin)


def test_an_objection_is_recorded_decided_and_the_teacher_told(active, admin, sanction, mailbox):
    objection = record_objection(sanction, today(), GROUNDS, admin)
    assert objection.outcome is ObjectionOutcome.pending and sanction.objections == [objection]
    sent_to(mailbox, active.email)
    mailbox.clear()
    decide_objection(objection, "dismissed", today(), "De meldingen gaan aantoonbaar over deze docent.", admin)
    assert objection.outcome is ObjectionOutcome.dismissed and objection.decided_by_id == admin.id
    [mail] = sent_to(mailbox, active.email)
    assert mail["Subject"] == "Besluit op je bezwaar" and "Ongegrond" in body(mail)
    with pytest.raises(SanctionError, match="al beslist"):
        decide_objection(objection, "upheld", today(), "Toch maar gegrond verklaren.", admin)


@pytest.mark.parametrize("received, grounds, message", [
    (None, GROUNDS, "Vul de datum in"),
    ("tomorrow", GROUNDS, "in de toekomst"),
    ("before", GROUNDS, "vóór"),
    ("today", "kort", "minstens 10 tekens"),
])
def test_bad_objections_are_refused(sanction, admin, received, grounds, message):
    day = {None: None, "tomorrow": today() + timedelta(days=1), "before": today() - timedelta(days=5),
           "today": today()}[received]
    with pytest.raises(SanctionError, match=message):
        record_objection(sanction, day, grounds, admin)
    assert sanction.objections == []


def test_a_decision_needs_an_outcome_a_date_and_a_reason(sanction, admin):
    objection = record_objection(sanction, today(), GROUNDS, admin)
    with pytest.raises(SanctionError, match="uitkomst"):
        decide_objection(objection, "pending", today(), "Nog niet besloten eigenlijk.", admin)
    with pytest.raises(SanctionError, match="uitkomst"):
        decide_objection(objection, "misschien", today(), "Nog niet besloten eigenlijk.", admin)
    with pytest.raises(SanctionError, match="vóór"):
        decide_objection(objection, "upheld", today() - timedelta(days=1), "Gegrond, maatregel eraf.", admin)
    with pytest.raises(SanctionError, match="minstens 10 tekens"):
        decide_objection(objection, "upheld", today(), "ok", admin)
    assert objection.outcome is ObjectionOutcome.pending


def test_no_objection_against_a_request_that_did_not_take_effect(active, admin):
    request = sanctions.impose_sanction(active, "revoked", "other", NOTE, by=admin)
    with pytest.raises(SanctionError, match="nog niet bevestigd"):
        record_objection(request, today(), GROUNDS, admin)


def test_objection_against_a_certificate_suspension_tells_the_school(app, admin, mailbox):
    certificate = certificate_factories.issue()
    issued_step = certificate.events[-1]
    with pytest.raises(SanctionError, match="schorsing of intrekking"):
        record_objection(issued_step, today(), GROUNDS, admin)
    certificates.suspend_certificate(certificate, admin, "non_compliance", "Geen vertrouwenspersoon meer.")
    suspension = certificate.events[-1]
    objection = record_objection(suspension, today(), "De school heeft een nieuwe vertrouwenspersoon.", admin)
    mailbox.clear()
    decide_objection(objection, "upheld", today(), "Aangetoond met een aanstellingsbrief.", admin)
    subjects = [m["Subject"] for m in sent_to(mailbox, certificate.school.members[0].user.email)]
    assert any(certificate.number in s and "bezwaar" in s for s in subjects)


def test_suspension_mail_says_how_to_object(app, admin, mailbox):
    certificate = certificate_factories.issue()
    certificates.suspend_certificate(certificate, admin, "non_compliance", "Geen vertrouwenspersoon meer.")
    [mail] = [m for m in sent_to(mailbox, certificate.school.members[0].user.email) if "geschorst" in m["Subject"]]
    assert "bezwaar" in body(mail) and "6 weken" in body(mail)


def test_objections_through_the_pages_keep_what_was_typed(client, active, admin, sanction):
    log_in(client, admin)
    prefix = f"objection-{sanction.id}"
    response = client.post(f"/beheer/maatregelen/{sanction.id}/bezwaar", data={
        f"{prefix}-received_on": (today() + timedelta(days=3)).isoformat(), f"{prefix}-grounds": GROUNDS})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "in de toekomst" in text and "andere docent gaan" in text
    response = client.post(f"/beheer/maatregelen/{sanction.id}/bezwaar", data={
        f"{prefix}-received_on": today().isoformat(), f"{prefix}-grounds": GROUNDS})
    assert response.status_code == 303
    objection = sanction.objections[0]
    prefix = f"decision-{objection.id}"
    response = client.post(f"/beheer/bezwaren/{objection.id}/besluit", data={
        f"{prefix}-outcome": "", f"{prefix}-decided_on": today().isoformat(),
        f"{prefix}-outcome_note": "Maatregel blijft staan."})
    assert response.status_code == 400 and "Maatregel blijft staan." in response.get_data(as_text=True)
    response = client.post(f"/beheer/bezwaren/{objection.id}/besluit", data={
        f"{prefix}-outcome": "partly_upheld", f"{prefix}-decided_on": today().isoformat(),
        f"{prefix}-outcome_note": "Maatregel blijft, de termijn wordt korter."})
    assert response.status_code == 303
    page = client.get(f"/beheer/docenten/{active.id}").get_data(as_text=True)
    assert "Gedeeltelijk gegrond" in page and "de termijn wordt korter" in page


def test_certificate_objection_through_the_page(client, admin):
    certificate = certificate_factories.suspended()
    event = certificate.events[-1]
    log_in(client, admin)
    prefix = f"objection-{event.id}"
    response = client.post(f"/beheer/certificaten/stap/{event.id}/bezwaar", data={
        f"{prefix}-received_on": "", f"{prefix}-grounds": "De school is het er niet mee eens."})
    assert response.status_code == 400 and "De school is het er niet mee eens." in response.get_data(as_text=True)
    response = client.post(f"/beheer/certificaten/stap/{event.id}/bezwaar", data={
        f"{prefix}-received_on": today().isoformat(), f"{prefix}-grounds": "De school is het er niet mee eens."})
    assert response.status_code == 303
    page = client.get(f"/beheer/certificaten/{certificate.number}").get_data(as_text=True)
    assert "Bezwaar ontvangen op" in page and "De school is het er niet mee eens." in page
