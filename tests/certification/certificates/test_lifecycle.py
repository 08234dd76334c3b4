"""Suspend, reinstate, revoke with four eyes: every transition, every refusal, and that each
change shows at once on the verification page, in the register and in the API."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from accounts.models import Role
from certification.certificates import services
from certification.certificates.models import (
    CertificateEvent,
    CertificateStatus,
    PendingRevocation,
    RevocationOutcome,
)
from core.audit import verify_chain
from core.dates import today
from core.extensions import db
from core.lifecycle import transition
from core.models import AuditEvent, OutboxMessage
from tests.certification.certificates import factories
from tests.kit import log_in, make_user


def _actions():
    return [e.action for e in db.session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()
            if e.action.startswith("certificate.")]


def _public_status(client, number):
    return client.get(f"/api/v1/certificates/{number}").json["status"]


def test_suspend_and_reinstate(client, admin, certificate):
    until = today() + timedelta(days=30)
    services.suspend_certificate(certificate, admin, "misconduct_investigation", "Melding over docent X.", until)
    assert certificate.status is CertificateStatus.suspended and certificate.suspended_until == until
    assert certificate.status_changed_on == today() and certificate.note == "Melding over docent X."
    assert _public_status(client, certificate.number) == "suspended"
    page = client.get(f"/verify/{certificate.number}").get_data(as_text=True)
    assert "Geschorst" in page and "Er loopt een onderzoek naar grensoverschrijdend gedrag" in page
    assert "docent X" not in page  # the note is never public

    services.reinstate_certificate(certificate, admin, "Onderzoek afgerond.")
    assert certificate.status is CertificateStatus.active and certificate.reason_category is None
    assert certificate.note is None and certificate.suspended_until is None
    assert _public_status(client, certificate.number) == "active"
    history = db.session.execute(select(CertificateEvent).where(CertificateEvent.certificate_id == certificate.id)
                                 .order_by(CertificateEvent.id)).scalars().all()
    assert [(e.from_status, e.to_status) for e in history] == [
        (None, CertificateStatus.active), (CertificateStatus.active, CertificateStatus.suspended),
        (CertificateStatus.suspended, CertificateStatus.active)]
    assert _actions() == ["certificate.issued", "certificate.suspended", "certificate.reinstated"]
    assert verify_chain().ok


def test_revocation_needs_a_second_admin(client, admin, second_admin, certificate):
    pending = services.request_revocation(certificate, admin, "non_compliance", "Geen vertrouwenspersoon meer.")
    assert certificate.status is CertificateStatus.active  # nothing happens yet
    with pytest.raises(services.CertificateError, match="andere beheerder"):
        services.confirm_revocation(pending, admin)
    db.session.rollback()
    services.confirm_revocation(pending, second_admin)
    db.session.refresh(certificate)
    assert certificate.status is CertificateStatus.revoked
    assert pending.outcome is RevocationOutcome.confirmed and pending.decided_by_id == second_admin.id
    assert _public_status(client, certificate.number) == "revoked"
    page = client.get(f"/verify/{certificate.number}").get_data(as_text=True)
    assert "Ingetrokken" in page and "De school voldoet niet meer aan het kwaliteitsplan" in page
    assert "Geen vertrouwenspersoon meer" not in page
    assert _actions() == ["certificate.issued", "certificate.revocation_requested", "certificate.revoked"]
    owner = certificate.school.members[0].user
    assert db.session.execute(select(OutboxMessage).where(OutboxMessage.recipient == owner.email,
                                                          OutboxMessage.subject.contains("ingetrokken"))).first()


def test_revocation_is_final(admin, second_admin, plan):
    certificate = factories.revoked()
    with pytest.raises(services.CertificateError):
        services.reinstate_certificate(certificate, admin)
    with pytest.raises(services.CertificateError):
        services.suspend_certificate(certificate, admin, "other", "Nog een keer schorsen.")
    with pytest.raises(services.CertificateError, match="intrekken kan niet meer"):
        services.request_revocation(certificate, admin, "other", "Nog een keer intrekken.")
    with pytest.raises(services.InvalidCertificateTransition):
        transition(certificate, "reinstate", admin)


def test_a_suspended_certificate_can_be_revoked(admin, second_admin, plan):
    certificate = factories.suspended()
    services.confirm_revocation(services.request_revocation(certificate, admin, "non_compliance", "Niet hersteld."),
                                second_admin)
    assert certificate.status is CertificateStatus.revoked and certificate.suspended_until is None


def test_refusals(admin, certificate):
    with pytest.raises(services.CertificateError, match="geschorst certificaat"):
        services.reinstate_certificate(certificate, admin)
    with pytest.raises(services.CertificateError, match="reden"):
        services.suspend_certificate(certificate, admin, "whatever", "Lange genoeg notitie.")
    with pytest.raises(services.CertificateError, match="minstens"):
        services.suspend_certificate(certificate, admin, "other", "kort")
    with pytest.raises(services.CertificateError, match="na vandaag"):
        services.suspend_certificate(certificate, admin, "other", "Lange genoeg notitie.", today())
    with pytest.raises(services.CertificateError, match="langer duren"):
        services.suspend_certificate(certificate, admin, "other", "Lange genoeg notitie.",
                                     certificate.valid_until + timedelta(days=1))
    with pytest.raises(services.CertificateError, match="beheerder"):
        services.suspend_certificate(certificate, make_user(roles=(Role.assessor,)), "other", "Lange genoeg notitie.")
    services.suspend_certificate(certificate, admin, "other", "Lange genoeg notitie.")
    with pytest.raises(services.CertificateError, match="geldig certificaat"):
        services.suspend_certificate(certificate, admin, "other", "Lange genoeg notitie.")


def test_one_open_request_and_cancelling_it(admin, second_admin, certificate):
    pending = services.request_revocation(certificate, admin, "other", "Eerste verzoek hier.")
    with pytest.raises(services.CertificateError, match="al een verzoek"):
        services.request_revocation(certificate, second_admin, "other", "Tweede verzoek hier.")
    services.cancel_revocation(pending, admin)
    assert pending.outcome is RevocationOutcome.cancelled and certificate.status is CertificateStatus.active
    with pytest.raises(services.CertificateError, match="al beslist"):
        services.confirm_revocation(pending, second_admin)
    services.request_revocation(certificate, second_admin, "other", "Nieuw verzoek hier.")  # a new one may follow


# --- the admin pages --------------------------------------------------------------------------------------------

def test_admin_suspends_and_reinstates_through_the_pages(client, admin, certificate):
    log_in(client, admin)
    page = client.get(f"/beheer/certificaten/{certificate.number}")
    assert page.status_code == 200 and "Schorsen" in page.get_data(as_text=True)
    response = client.post(f"/beheer/certificaten/{certificate.number}/schorsen", data={
        "suspend-reason_category": "administrative", "suspend-note": "KvK-gegevens kloppen niet.",
        "suspend-until": (today() + timedelta(days=10)).isoformat()})
    assert response.status_code == 303
    assert _public_status(client, certificate.number) == "suspended"
    listing = client.get("/beheer/certificaten?status=suspended").get_data(as_text=True)
    assert certificate.number in listing
    response = client.post(f"/beheer/certificaten/{certificate.number}/opheffen", data={"reinstate-note": "kort"})
    assert response.status_code == 400  # lifting a suspension needs a reason too
    assert "Schrijf 10 tot" in response.get_data(as_text=True) and "kort</textarea>" in response.get_data(as_text=True)
    assert _public_status(client, certificate.number) == "suspended"
    response = client.post(f"/beheer/certificaten/{certificate.number}/opheffen",
                           data={"reinstate-note": "KvK-gegevens zijn hersteld."})
    assert response.status_code == 303
    assert _public_status(client, certificate.number) == "active"


def test_a_bad_form_keeps_what_was_typed(client, admin, certificate):
    log_in(client, admin)
    response = client.post(f"/beheer/certificaten/{certificate.number}/schorsen", data={
        "suspend-reason_category": "", "suspend-note": "Mijn uitleg"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Kies een reden." in text and "Mijn uitleg" in text
    response = client.post(f"/beheer/certificaten/{certificate.number}/opheffen",
                           data={"reinstate-note": "Onderzoek is afgerond."})
    assert response.status_code == 400 and "geschorst certificaat" in response.get_data(as_text=True)


def test_four_eyes_through_the_pages(app, client, admin, second_admin, certificate):
    log_in(client, admin)
    response = client.post(f"/beheer/certificaten/{certificate.number}/intrekken", data={
        "revoke-reason_category": "non_compliance", "revoke-note": "Voldoet niet meer aan C2."})
    assert response.status_code == 303
    pending = db.session.execute(select(PendingRevocation)).scalar_one()
    page = client.get(f"/beheer/certificaten/{certificate.number}").get_data(as_text=True)
    assert "Een andere beheerder moet dit bevestigen." in page and "Bevestigen: certificaat intrekken" not in page
    response = client.post(f"/beheer/certificaten/verzoeken/{pending.id}/bevestigen", follow_redirects=True)
    assert "Een andere beheerder moet de intrekking bevestigen" in response.get_data(as_text=True)
    assert _public_status(client, certificate.number) == "active"

    other = app.test_client()
    log_in(other, second_admin)
    page = other.get(f"/beheer/certificaten/{certificate.number}").get_data(as_text=True)
    assert "Bevestigen: certificaat intrekken" in page
    assert "Intrekken gevraagd" in other.get("/beheer/certificaten?verzoeken=1").get_data(as_text=True)
    assert other.post(f"/beheer/certificaten/verzoeken/{pending.id}/bevestigen").status_code == 303
    assert _public_status(client, certificate.number) == "revoked"
    assert "Intrekken gevraagd" not in other.get("/beheer/certificaten").get_data(as_text=True)


def test_a_school_member_sees_and_downloads_their_certificate(client, certificate):
    owner = certificate.school.members[0].user
    log_in(client, owner)
    page = client.get(f"/scholen/{certificate.school_id}/certificaten")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert certificate.number in text and f"/verify/{certificate.number}/certificaat.pdf" in text
    other = factories.issue()
    assert client.get(f"/scholen/{other.school_id}/certificaten").status_code == 403
