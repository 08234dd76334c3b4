"""What every certificate service shares: locking a certificate, writing a change down,
and telling the school."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from certification.certificates.models import Certificate, CertificateEvent, CertificateStatus, ReasonCategory
from certification.due_process import objection_terms
from compliance.models import SchoolMember
from core.audit import record_event
from core.extensions import db
from core.mail import queue_mail
from notifications import link_for, notify


def locked(certificate: Certificate) -> Certificate:
    """The certificate's row, locked for this transaction and read afresh (PostgreSQL), so
    two admins or two nodes never act on the same state at once."""
    return db.session.execute(select(Certificate).where(Certificate.id == certificate.id).with_for_update()
                              .execution_options(populate_existing=True)).scalar_one()


def write_change(certificate: Certificate, old: CertificateStatus | None, by, action: str, *,
                 reason: ReasonCategory | None = None, note: str | None = None, until: date | None = None,
                 details: dict | None = None) -> None:
    """The certificate's own history row and the audit event, in the caller's transaction
    (for its issue; each later step's audit event is written by `core.lifecycle.transition`)."""
    write_history(certificate, old, by, reason=reason, note=note, until=until)
    record_event(action, certificate, actor=by, details={
        "number": certificate.number, "school_id": certificate.school_id, "from": old.value if old else None,
        "to": certificate.status.value, "reason_category": reason.value if reason else None,
        "until": until.isoformat() if until else None, **(details or {})})


def write_history(certificate: Certificate, old: CertificateStatus | None, by, *,
                  reason: ReasonCategory | None = None, note: str | None = None, until: date | None = None) -> None:
    """The certificate's own history row, for its history page."""
    certificate.events.append(CertificateEvent(from_status=old, to_status=certificate.status,
                                               by_id=getattr(by, "id", by), reason_category=reason, note=note,
                                               until=until))


# Decisions the school's managers also see as a message on the platform (due process: the
# people concerned are told what happened, why and how to object).
_MESSAGES = {"suspended": "certificate_suspended", "revoked": "certificate_revoked",
             "reinstated": "certificate_reinstated"}


def notify_school(certificate: Certificate, subject, template: str, **context) -> int:
    """Queue an e-mail to everyone who manages the school, each in their own language; for a
    suspension, revocation or reinstatement also a message on the platform."""

    members = db.session.execute(select(SchoolMember).where(SchoolMember.school_id == certificate.school_id)
                                 .options(selectinload(SchoolMember.user))).scalars().all()
    context.setdefault("terms", objection_terms())
    if template in _MESSAGES:
        notify([member.user for member in members], _MESSAGES[template],
               link_for("certificates.school_certificates", school_id=certificate.school_id), send_mail=False,
               number=certificate.number)
    sent = 0
    for member in members:
        user = member.user
        if user is None or not user.is_enabled:
            continue
        queue_mail(user.email, subject, f"certificates/{template}", locale=user.locale or "nl", user=user,
                   certificate=certificate, school=certificate.school, **context)
        sent += 1
    return sent
