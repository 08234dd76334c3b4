"""Objections (bezwaar) against a sanction: recorded with the date they came in and their
grounds, and later decided with a date and an outcome. They belong to a teacher's sanction
or to a step in a certificate's life (a suspension or a revocation), and show in its
history. The person concerned is told the outcome; changing the sanction after an objection
that was upheld is a decision of its own (lift it, or take another measure)."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from certification.certificates.models import CertificateEvent, CertificateStatus
from certification.certificates.services.common import notify_school
from certification.due_process import objection_terms
from certification.sanctions.errors import SanctionError
from certification.sanctions.models import Objection, ObjectionOutcome, TeacherSanction
from certification.sanctions.services import clean_note, require_admin
from core.audit import record_event
from core.dates import today
from core.extensions import db
from core.i18n import lazy_text
from core.mail import queue_mail


def _received(day: date | None, field: str, after: date | None = None) -> date:
    if day is None:
        raise SanctionError(_l("Vul de datum in."), field=field)
    if day > today():
        raise SanctionError(_l("Die datum ligt in de toekomst. Vul een datum in die al geweest is."), field=field)
    if after is not None and day < after:
        raise SanctionError(lazy_text("Die datum ligt vóór %(date)s.", date=after.isoformat()), field=field)
    return day


def record_objection(target, received_on: date | None, grounds: str, by) -> Objection:
    """Write down an objection against a TeacherSanction or a CertificateEvent (a suspension
    or revocation of a certificate)."""
    require_admin(by)
    if isinstance(target, TeacherSanction):
        if not target.state.can_be_objected_to:
            raise SanctionError(_l("Tegen een verzoek dat nog niet bevestigd is, kan geen bezwaar worden gemaakt."))
        objection = Objection(teacher_sanction_id=target.id)
        subject, since = target.teacher, target.created_at.date()
    elif isinstance(target, CertificateEvent):
        if target.to_status not in (CertificateStatus.suspended, CertificateStatus.revoked):
            raise SanctionError(_l("Bezwaar kan alleen tegen een schorsing of intrekking."))
        objection = Objection(certificate_event_id=target.id)
        subject, since = target.certificate, target.at.date()
    else:
        raise SanctionError(_l("Bezwaar kan alleen tegen een maatregel."))
    objection.received_on = _received(received_on, "received_on", after=since)
    objection.grounds = clean_note(grounds, field="grounds")
    objection.recorded_by_id = by.id
    db.session.add(objection)
    db.session.flush()
    record_event("sanction.objection_recorded", subject, actor=by, details={
        "objection_id": objection.id, "received_on": objection.received_on.isoformat(),
        "teacher_sanction_id": objection.teacher_sanction_id,
        "certificate_event_id": objection.certificate_event_id})
    db.session.commit()
    return objection


def decide_objection(objection: Objection, outcome, decided_on: date | None, note: str, by) -> Objection:
    """Record the outcome of an objection; the person concerned is told."""
    require_admin(by)
    objection = db.session.execute(select(Objection).where(Objection.id == objection.id).with_for_update()
                                   .execution_options(populate_existing=True)).scalar_one()
    if not objection.outcome.is_pending:
        raise SanctionError(_l("Over dit bezwaar is al beslist."))
    try:
        outcome = outcome if isinstance(outcome, ObjectionOutcome) else ObjectionOutcome(outcome)
    except ValueError:
        outcome = None
    if outcome is None or outcome.is_pending:
        raise SanctionError(_l("Kies een uitkomst uit de lijst."), field="outcome")
    objection.decided_on = _received(decided_on, "decided_on", after=objection.received_on)
    objection.outcome_note = clean_note(note, field="outcome_note")
    objection.outcome, objection.decided_by_id = outcome, by.id
    subject = objection.teacher_sanction.teacher if objection.teacher_sanction else \
        objection.certificate_event.certificate
    record_event("sanction.objection_decided", subject, actor=by, details={
        "objection_id": objection.id, "outcome": outcome.value, "decided_on": objection.decided_on.isoformat()})
    if objection.teacher_sanction is not None:
        teacher = objection.teacher_sanction.teacher
        queue_mail(teacher.email, _l("Besluit op je bezwaar"), "sanctions/objection_decided",
                   locale=teacher.mail_locale, name=teacher.first_name, objection=objection,
                   sanction=objection.teacher_sanction, terms=objection_terms())
    else:
        certificate = objection.certificate_event.certificate
        notify_school(certificate,
                      lazy_text("Besluit op het bezwaar over certificaat %(number)s", number=certificate.number),
                      "objection_decided", objection=objection, event=objection.certificate_event)
    db.session.commit()
    return objection


def certificate_objections(certificate) -> dict[int, list[Objection]]:
    """The objections against a certificate's steps, by event id, for its history."""
    rows = db.session.execute(select(Objection).join(CertificateEvent)
                              .where(CertificateEvent.certificate_id == certificate.id)
                              .order_by(Objection.received_on, Objection.id)).scalars()
    grouped: dict[int, list[Objection]] = {}
    for row in rows:
        grouped.setdefault(row.certificate_event_id, []).append(row)
    return grouped

