"""Sanctions on a teacher's registration, with due process.

Every sanction records a public category of its reason, an internal note, a start date and,
where it has one, an end date; the teacher is told (a message and an e-mail in their
language) what was decided, the category and how to object. Revoking is final and needs
two admins: one asks, a different one confirms, as for certificates.

- temporary measure, pending an investigation (public: "tijdelijke maatregel", no reason);
- restricted, with a named restriction (e.g. not with minors, only under supervision);
- suspended until a date;
- revoked (final).

A new sanction replaces the one in force; lifting needs a reason. Time ends a suspension by
itself (`derive_status` reads the dates). Objections: `certification.sanctions.objections`.
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from accounts.permissions import is_admin
from certification.due_process import objection_terms
from certification.sanctions.errors import SanctionError
from certification.sanctions.models import SanctionState, TeacherSanction
from certification.teachers.models import Sanction, Teacher
from certification.teachers.sanction_kinds import Restriction, SanctionReason
from certification.teachers.services.common import refresh_status
from core.audit import record_event
from core.dates import today
from core.extensions import db
from core.i18n import lazy_text
from core.mail import queue_mail
from core.models import utcnow
from notifications import link_for, notify

MIN_NOTE = 10
MAX_NOTE = 4000


def require_admin(by) -> None:
    if not is_admin(by):
        raise SanctionError(_l("Alleen een beheerder van de alliantie kan dit doen."))


def clean_note(value, field: str = "note") -> str:
    note = (value or "").strip()
    if len(note) < MIN_NOTE:
        raise SanctionError(lazy_text("Schrijf op waarom (minstens %(n)s tekens).", n=MIN_NOTE), field=field)
    if len(note) > MAX_NOTE:
        raise SanctionError(lazy_text("Schrijf hoogstens %(n)s tekens.", n=MAX_NOTE), field=field)
    return note


def _choice(enum_cls, value, field: str, message):
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except ValueError:
        raise SanctionError(message, field=field)


def _locked(teacher: Teacher) -> Teacher:
    return db.session.execute(select(Teacher).where(Teacher.id == teacher.id).with_for_update()
                              .execution_options(populate_existing=True)).scalar_one()


def in_force(teacher: Teacher) -> TeacherSanction | None:
    return db.session.execute(select(TeacherSanction).where(TeacherSanction.teacher_id == teacher.id,
                                                            TeacherSanction.state == SanctionState.in_force)
                              .order_by(TeacherSanction.id.desc()).limit(1)).scalar_one_or_none()


def open_revocation(teacher: Teacher) -> TeacherSanction | None:
    return db.session.execute(select(TeacherSanction).where(TeacherSanction.teacher_id == teacher.id,
                                                            TeacherSanction.state == SanctionState.requested)
                              ).scalar_one_or_none()


def history(teacher: Teacher) -> list[TeacherSanction]:
    return list(db.session.execute(select(TeacherSanction).where(TeacherSanction.teacher_id == teacher.id)
                                   .order_by(TeacherSanction.id.desc())).scalars())


def impose_sanction(teacher: Teacher, kind, category, note: str, *, by, starts_on: date | None = None,
                    until: date | None = None, restriction=None, case=None,
                    tell_teacher: bool = True) -> TeacherSanction:
    """Take a measure on a registration. A revocation is only asked for here: it takes effect
    when a different admin confirms it (`confirm_revocation`). `tell_teacher=False` (a measure
    taken from a confidential case) leaves telling the teacher to a later decision."""
    require_admin(by)
    kind = _choice(Sanction, kind, "kind", _l("Kies een maatregel uit de lijst."))
    category = _choice(SanctionReason, category, "category", _l("Kies een reden uit de lijst."))
    if kind is Sanction.restricted:
        restriction = _choice(Restriction, restriction, "restriction", _l("Kies welke beperking geldt."))
    else:
        restriction = None
    note = clean_note(note)
    starts_on = starts_on or today()
    if kind is Sanction.revoked:
        starts_on, until = today(), None
    if kind is Sanction.suspended and until is None:
        raise SanctionError(_l("Een schorsing heeft een einddatum."), field="until")
    if until is not None and until <= starts_on:
        raise SanctionError(_l("De einddatum ligt na de begindatum."), field="until")
    teacher = _locked(teacher)
    if teacher.is_revoked:
        raise SanctionError(_l("Deze registratie is doorgehaald; dat is definitief."))
    sanction = TeacherSanction(teacher_id=teacher.id, kind=kind, restriction=restriction, reason_category=category,
                               note=note, starts_on=starts_on, ends_on=until, created_by_id=by.id,
                               case_id=case.id if case is not None else None,
                               state=SanctionState.requested if kind is Sanction.revoked else SanctionState.in_force)
    if kind is Sanction.revoked:
        if open_revocation(teacher) is not None:
            raise SanctionError(_l("Er is al een verzoek om deze registratie door te halen. Laat een andere "
                                   "beheerder het bevestigen, of trek het in."))
        db.session.add(sanction)
        try:
            db.session.flush()
        except IntegrityError:  # another admin asked at the same moment
            db.session.rollback()
            raise SanctionError(_l("Er is al een verzoek om deze registratie door te halen."))
        record_event("teacher.revocation_requested", teacher, actor=by, details={
            "sanction_id": sanction.id, "category": category.value})
        db.session.commit()
        return sanction
    db.session.add(sanction)
    db.session.flush()
    _put_in_force(teacher, sanction, by, tell_teacher)
    db.session.commit()
    return sanction


def _put_in_force(teacher: Teacher, sanction: TeacherSanction, by, tell_teacher: bool) -> None:
    previous = [row for row in db.session.execute(select(TeacherSanction).where(
        TeacherSanction.teacher_id == teacher.id, TeacherSanction.state == SanctionState.in_force,
        TeacherSanction.id != sanction.id)).scalars()]
    for row in previous:
        row.state, row.ended_at, row.ended_by_id = SanctionState.replaced, utcnow(), by.id
    sanction.state = SanctionState.in_force
    teacher.sanction, teacher.sanction_restriction = sanction.kind, sanction.restriction
    teacher.sanction_category, teacher.sanction_reason = sanction.reason_category, sanction.note
    teacher.sanction_from, teacher.sanction_until = sanction.starts_on, sanction.ends_on
    teacher.sanctioned_by_id = by.id
    record_event("teacher.sanctioned", teacher, actor=by, details={
        "sanction_id": sanction.id, "sanction": sanction.kind.value,
        "restriction": sanction.restriction.value if sanction.restriction else None,
        "category": sanction.reason_category.value, "from": sanction.starts_on.isoformat(),
        "until": sanction.ends_on.isoformat() if sanction.ends_on else None,
        "replaces": [row.id for row in previous],
        "case_id": sanction.case_id, "teacher_told": tell_teacher})
    refresh_status(teacher, actor=by, mail=False)
    if tell_teacher:
        tell_teacher_of(teacher, sanction)


def tell_teacher_of(teacher: Teacher, sanction: TeacherSanction, lifted: bool = False) -> None:
    """A message on the platform (when the teacher has an account) and an e-mail in their
    language: what was decided, the category, the dates and how to object. Never the note."""
    link = link_for("teachers.dashboard")
    if teacher.user is not None:
        notify([teacher.user], "sanction_lifted" if lifted else "sanction_imposed", link, send_mail=False,
               number=teacher.registration_number)
    subject = (lazy_text("De maatregel op je registratie %(number)s is opgeheven", number=teacher.registration_number)
               if lifted else lazy_text("Besluit over je registratie %(number)s: %(measure)s",
                                 number=teacher.registration_number, measure=sanction.kind.label))
    queue_mail(teacher.email, subject, "sanctions/lifted" if lifted else "sanctions/imposed",
               locale=teacher.mail_locale, teacher=teacher, sanction=sanction, terms=objection_terms())


def _locked_request(sanction: TeacherSanction) -> TeacherSanction:
    sanction = db.session.execute(select(TeacherSanction).where(TeacherSanction.id == sanction.id)
                                  .with_for_update().execution_options(populate_existing=True)).scalar_one()
    if not sanction.is_requested:
        raise SanctionError(_l("Over dit verzoek is al beslist."))
    return sanction


def confirm_revocation(sanction: TeacherSanction, by) -> TeacherSanction:
    """Revoke, on a second admin's word; the admin who asked cannot confirm their own request."""
    require_admin(by)
    sanction = _locked_request(sanction)
    if sanction.created_by_id == by.id:
        raise SanctionError(_l("Een andere beheerder moet de doorhaling bevestigen: dat kun je niet zelf doen."))
    teacher = _locked(sanction.teacher)
    if teacher.is_revoked:
        raise SanctionError(_l("Deze registratie is doorgehaald; dat is definitief."))
    sanction.confirmed_at, sanction.confirmed_by_id, sanction.starts_on = utcnow(), by.id, today()
    _put_in_force(teacher, sanction, by, tell_teacher=True)
    db.session.commit()
    return sanction


def cancel_revocation(sanction: TeacherSanction, by) -> None:
    """Withdraw a request; any admin may, the one who asked included."""
    require_admin(by)
    sanction = _locked_request(sanction)
    sanction.state, sanction.ended_at, sanction.ended_by_id = SanctionState.cancelled, utcnow(), by.id
    record_event("teacher.revocation_cancelled", sanction.teacher, actor=by, details={"sanction_id": sanction.id})
    db.session.commit()


def lift_sanction(teacher: Teacher, note: str, by) -> None:
    """End the measure in force before its time, with a reason; the teacher is told."""
    require_admin(by)
    note = clean_note(note, field="reason")
    teacher = _locked(teacher)
    if teacher.sanction is None:
        raise SanctionError(_l("Er is geen maatregel om op te heffen."))
    if teacher.is_revoked:
        raise SanctionError(_l("Deze registratie is doorgehaald; dat is definitief."))
    sanction = in_force(teacher)
    if sanction is not None:
        sanction.state, sanction.ended_at, sanction.ended_by_id = SanctionState.lifted, utcnow(), by.id
        sanction.end_note = note
    record_event("teacher.sanction_lifted", teacher, actor=by, details={
        "sanction": teacher.sanction.value, "sanction_id": sanction.id if sanction else None, "reason": note})
    teacher.sanction = teacher.sanction_restriction = teacher.sanction_category = None
    teacher.sanction_reason = teacher.sanction_from = teacher.sanction_until = None
    refresh_status(teacher, actor=by, mail=False)
    if sanction is not None:
        tell_teacher_of(teacher, sanction, lifted=True)
    db.session.commit()
