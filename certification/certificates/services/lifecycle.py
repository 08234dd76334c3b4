"""Suspending, reinstating and revoking a certificate.

Every change shows at once on the verification page, in the registry and in the status
lists: they all read the certificate's row, and the lists are derived again in the same
transaction. A revocation is final and needs two admins: one asks, a different one
confirms (the four-eyes principle that every decision on the platform follows).
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from accounts.permissions import is_admin
from certification.certificates.credentials import verification_url
from certification.certificates.errors import CertificateError
from certification.certificates.models import (
    Certificate,
    CertificateStatus,
    PendingRevocation,
    ReasonCategory,
    RevocationOutcome,
)
from certification.certificates.services.common import (
    locked,
    notify_school,
    write_history,
)
from certification.certificates.signals import certificate_status_changed
from certification.certificates.status_lists import refresh_lists
from core.audit import record_event
from core.dates import today
from core.extensions import db
from core.i18n import lazy_text
from core.lifecycle import allowed_actions, transition
from core.models import utcnow

MIN_NOTE_CHARS = 10
MAX_NOTE_CHARS = 4000


def _reason(value) -> ReasonCategory:
    try:
        return value if isinstance(value, ReasonCategory) else ReasonCategory(value)
    except ValueError:
        raise CertificateError(_l("Kies een reden uit de lijst."), field="reason_category")


def _note(value, required: bool = True) -> str:
    note = (value or "").strip()
    if required and len(note) < MIN_NOTE_CHARS:
        raise CertificateError(lazy_text("Schrijf op waarom (minstens %(n)s tekens). Alleen beheerders lezen dit.",
                                  n=MIN_NOTE_CHARS), field="note")
    if len(note) > MAX_NOTE_CHARS:
        raise CertificateError(lazy_text("Schrijf hoogstens %(n)s tekens.", n=MAX_NOTE_CHARS), field="note")
    return note


def _require_admin(by) -> None:
    if not is_admin(by):
        raise CertificateError(_l("Alleen een beheerder van de alliantie kan dit doen."))


def change_status(certificate: Certificate, step: str, by, *, reason: ReasonCategory | None = None,
                  note: str | None = None, until: date | None = None, on: date | None = None,
                  details: dict | None = None) -> CertificateStatus:
    """Take one guarded step of `Certificate.lifecycle` (InvalidCertificateTransition when the
    state does not allow it), write it down and update the status lists. The caller locked the
    row and commits. Returns the old status."""
    old = certificate.status
    new_status = transition(certificate, step, by, at=on or today(),
                            reason_category=reason.value if reason else None,
                            until=until.isoformat() if until else None, **(details or {}))
    certificate.reason_category = reason if new_status is not CertificateStatus.active else None
    certificate.note = note if new_status is not CertificateStatus.active else None
    certificate.suspended_until = until if new_status is CertificateStatus.suspended else None
    write_history(certificate, old, by, reason=reason, note=note, until=until)
    if CertificateStatus.suspended in (old, new_status) or new_status is CertificateStatus.revoked:
        refresh_lists(certificate)
    certificate_status_changed.send(certificate, old=old, new=new_status)
    return old


def offered_actions(certificate: Certificate) -> set[str]:
    """The steps the admin's page offers: what `Certificate.lifecycle` allows now, less the
    daily job's own step (expiry) and suspending a certificate whose validity has run out (the
    daily job expires it). Revoking also waits while a request is open; the page knows that."""
    offered = set(allowed_actions(certificate)) - {"expire"}
    if certificate.effective_status() is not CertificateStatus.active:
        offered.discard("suspend")
    return offered


def suspend_certificate(certificate: Certificate, by, reason_category, note: str,
                        until: date | None = None) -> None:
    """Suspend an active certificate, until a date or until further notice. The public sees
    the date and the reason's category, never the note."""
    _require_admin(by)
    reason, note = _reason(reason_category), _note(note)
    if until is not None and until <= today():
        raise CertificateError(_l("Kies een einddatum na vandaag, of laat het veld leeg."), field="until")
    certificate = locked(certificate)
    if certificate.status is not CertificateStatus.active:
        raise CertificateError(_l("Alleen een geldig certificaat kan worden geschorst."))
    if until is not None and until > certificate.valid_until:
        raise CertificateError(lazy_text("De schorsing kan niet langer duren dan het certificaat geldig is (tot en met "
                                  "%(date)s).", date=certificate.valid_until.isoformat()), field="until")
    change_status(certificate, "suspend", by, reason=reason, note=note, until=until)
    notify_school(certificate, lazy_text("Jullie certificaat %(number)s is geschorst", number=certificate.number),
                  "suspended", reason=reason, until=until, url=verification_url(certificate.number))
    db.session.commit()


def reinstate_certificate(certificate: Certificate, by, note: str = "") -> None:
    """End a suspension: the certificate is valid again (if its validity has not run out).
    Lifting a suspension is a decision too, so it needs a reason, kept like the suspension's."""
    _require_admin(by)
    certificate = locked(certificate)
    if certificate.status is not CertificateStatus.suspended:
        raise CertificateError(_l("Alleen een geschorst certificaat kan weer geldig worden."))
    if certificate.valid_until < today():
        raise CertificateError(_l("Dit certificaat is inmiddels verlopen; het kan niet meer geldig worden."))
    note = _note(note)
    change_status(certificate, "reinstate", by, note=note)
    notify_school(certificate, lazy_text("Jullie certificaat %(number)s is weer geldig", number=certificate.number),
                  "reinstated", url=verification_url(certificate.number))
    db.session.commit()


def request_revocation(certificate: Certificate, by, reason_category, note: str) -> PendingRevocation:
    """Ask for a revocation; it takes effect only when a different admin confirms it."""
    _require_admin(by)
    reason, note = _reason(reason_category), _note(note)
    certificate = locked(certificate)
    if certificate.status.is_final:
        raise CertificateError(lazy_text("Dit certificaat is %(status)s; intrekken kan niet meer.",
                                  status=certificate.status.label.lower()))
    if open_request(certificate) is not None:
        raise CertificateError(_l("Er is al een verzoek om dit certificaat in te trekken. Laat een andere beheerder "
                                  "het bevestigen, of annuleer het."))
    pending = PendingRevocation(certificate=certificate, requested_by_id=by.id, reason_category=reason, note=note)
    db.session.add(pending)
    try:
        db.session.flush()
    except IntegrityError:  # another admin asked at the same moment
        db.session.rollback()
        raise CertificateError(_l("Er is al een verzoek om dit certificaat in te trekken."))
    record_event("certificate.revocation_requested", certificate, actor=by, details={
        "number": certificate.number, "request_id": pending.id, "reason_category": reason.value})
    db.session.commit()
    return pending


def open_request(certificate: Certificate) -> PendingRevocation | None:
    return db.session.execute(select(PendingRevocation).where(PendingRevocation.certificate_id == certificate.id,
                                                              PendingRevocation.decided_at.is_(None))
                              ).scalar_one_or_none()


def _locked_request(pending: PendingRevocation) -> PendingRevocation:
    pending = db.session.execute(select(PendingRevocation).where(PendingRevocation.id == pending.id)
                                 .with_for_update().execution_options(populate_existing=True)).scalar_one()
    if not pending.is_open:
        raise CertificateError(_l("Over dit verzoek is al beslist."))
    return pending


def confirm_revocation(pending: PendingRevocation, by) -> Certificate:
    """Revoke, on a second admin's word. The admin who asked cannot confirm their own request."""
    _require_admin(by)
    pending = _locked_request(pending)
    if pending.requested_by_id == by.id:
        raise CertificateError(_l("Een andere beheerder moet de intrekking bevestigen: dat kun je niet zelf doen."))
    certificate = locked(pending.certificate)
    if certificate.status.is_final:
        raise CertificateError(lazy_text("Dit certificaat is %(status)s; intrekken kan niet meer.",
                                  status=certificate.status.label.lower()))
    pending.decided_at, pending.decided_by_id, pending.outcome = utcnow(), by.id, RevocationOutcome.confirmed
    change_status(certificate, "revoke", by, reason=pending.reason_category, note=pending.note,
                  details={"request_id": pending.id, "requested_by": pending.requested_by_id})
    notify_school(certificate, lazy_text("Jullie certificaat %(number)s is ingetrokken", number=certificate.number),
                  "revoked", reason=pending.reason_category, url=verification_url(certificate.number))
    db.session.commit()
    return certificate


def cancel_revocation(pending: PendingRevocation, by) -> None:
    """Withdraw a request; any admin may, the one who asked included."""
    _require_admin(by)
    pending = _locked_request(pending)
    pending.decided_at, pending.decided_by_id, pending.outcome = utcnow(), by.id, RevocationOutcome.cancelled
    record_event("certificate.revocation_cancelled", pending.certificate, actor=by, details={
        "number": pending.certificate.number, "request_id": pending.id})
    db.session.commit()
