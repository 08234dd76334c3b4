"""Cases: a school tells the alliance, confidentially, that a serious report concerns a
registered teacher (the plan's C6 guidance; recommendation 2.5: the behaviour must stop and
not go on elsewhere). Only admins see a case. From it an admin can take a temporary
measure on the registration, with the due process of the sanctions; the platform tells the
teacher nothing until an admin decides to (`inform_teacher`)."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from accounts.models import Role, User, UserRole
from accounts.permissions import is_admin
from certification.cases.models import Case, CaseEvent, CaseStatus
from certification.sanctions import services as sanctions
from certification.sanctions.errors import SanctionError
from certification.sanctions.models import SanctionState, TeacherSanction
from certification.teachers.errors import RegistryError
from certification.teachers.models import Sanction
from certification.teachers.services.employment import find_by_number
from compliance.permissions import is_member
from core.audit import record_event
from core.dates import today
from core.extensions import db
from core.i18n import lazy_text
from core.models import utcnow
from notifications import link_for, notify
from standards.vocabulary import REPORT_KINDS

MIN_TEXT, MAX_TEXT = 20, 4000
# Where a school can have referred a report to (besides the alliance).
REFERRALS = {
    "police": _l("Politie (aangifte of melding)"),
    "veilig_thuis": _l("Veilig Thuis"),
    "mores": _l("Mores"),
    "cvsn": _l("Centrum Veilige Sport Nederland"),
    "confidential_advisor": _l("De vertrouwenspersoon van de school"),
    "care": _l("Hulpverlening voor de danser"),
}


class CaseError(RegistryError):
    """A refused step in a case; shown beside the field it names."""


def _text(value, field: str, minimum: int = MIN_TEXT) -> str:
    text = (value or "").strip()
    if len(text) < minimum:
        raise CaseError(lazy_text("Schrijf iets meer op (minstens %(n)s tekens).", n=minimum), field=field)
    if len(text) > MAX_TEXT:
        raise CaseError(lazy_text("Schrijf hoogstens %(n)s tekens.", n=MAX_TEXT), field=field)
    return text


def _admins() -> list[User]:
    return list(db.session.execute(select(User).join(UserRole).where(UserRole.role == Role.admin)).scalars())


def report_case(school, registration_number: str, report_kind: str, reported_on: date | None, actions_taken: str,
                referred_to, by) -> Case:
    """A school's manager tells the alliance. Admins get a message; the teacher does not."""
    if not is_member(by, school):
        raise CaseError(_l("Alleen wie deze school beheert, kan namens de school melden."))
    try:
        teacher = find_by_number(registration_number)
    except RegistryError as exc:
        raise CaseError(exc.message, field="registration_number")
    if report_kind not in REPORT_KINDS:
        raise CaseError(_l("Kies het soort gedrag uit de lijst."), field="report_kind")
    if reported_on is None:
        raise CaseError(_l("Vul de datum in waarop de school de melding kreeg."), field="reported_on")
    if reported_on > today():
        raise CaseError(_l("Die datum ligt in de toekomst. Vul een datum in die al geweest is."), field="reported_on")
    referred = list(referred_to or [])
    if any(code not in REFERRALS for code in referred):
        raise CaseError(_l("Kies alleen uit de lijst."), field="referred_to")
    case = Case(school_id=school.id, teacher_id=teacher.id, report_kind=report_kind, reported_on=reported_on,
                actions_taken=_text(actions_taken, "actions_taken"), referred_to=referred, created_by_id=by.id,
                status=CaseStatus.new)
    case.events.append(CaseEvent(action="reported", by_id=by.id))
    db.session.add(case)
    db.session.flush()
    # The audit log holds who and what, not the story: that stays in the case.
    record_event("case.reported", case, actor=by, details={"school_id": school.id, "teacher_id": teacher.id,
                                                           "kind": report_kind})
    notify(_admins(), "case_reported", link_for("cases.admin_case", case_id=case.id), school=school.name)
    db.session.commit()
    return case


def _require_admin(by) -> None:
    if not is_admin(by):
        raise CaseError(_l("Alleen een beheerder van de alliantie kan dit doen."))


def _open(case: Case) -> Case:
    case = db.session.execute(select(Case).where(Case.id == case.id).with_for_update()
                              .execution_options(populate_existing=True)).scalar_one()
    if case.status is CaseStatus.closed:
        raise CaseError(_l("Deze zaak is gesloten."))
    return case


def add_note(case: Case, note: str, by) -> None:
    _require_admin(by)
    case = _open(case)
    case.events.append(CaseEvent(action="note", note=_text(note, "note", 10), by_id=by.id))
    case.status = CaseStatus.in_progress
    record_event("case.note_added", case, actor=by)
    db.session.commit()


def take_measure(case: Case, category, note: str, *, by, until: date | None = None,
                 tell_teacher: bool = False) -> TeacherSanction:
    """A temporary measure on the registration, pending the investigation; the sanction
    service records and applies it (and tells the teacher only when `tell_teacher`)."""
    _require_admin(by)
    case = _open(case)
    teacher = case.teacher
    if teacher.sanction not in (None, Sanction.temporary):
        # A temporary measure would replace a heavier one; that is the teacher's page's decision.
        raise CaseError(lazy_text("Voor deze docent geldt al een maatregel (%(measure)s). Pas die aan op de "
                                  "pagina van de docent.", measure=teacher.sanction.label))
    case.events.append(CaseEvent(action="measure", by_id=by.id))
    case.status = CaseStatus.in_progress
    if tell_teacher:
        case.teacher_informed_at = utcnow()
        case.events.append(CaseEvent(action="teacher_informed", by_id=by.id))
    try:  # the case's rows commit with the sanction, or not at all
        return sanctions.impose_sanction(case.teacher, Sanction.temporary, category, note, by=by, until=until,
                                         case=case, tell_teacher=tell_teacher)
    except SanctionError:
        db.session.rollback()
        raise


def measures(case: Case) -> list[TeacherSanction]:
    return list(db.session.execute(select(TeacherSanction).where(TeacherSanction.case_id == case.id)
                                   .order_by(TeacherSanction.id)).scalars())


def inform_teacher(case: Case, by) -> None:
    """The admin decides the teacher is told now of the measure taken from this case
    (what, the category, how to object). Never who reported or what the school wrote."""
    _require_admin(by)
    case = _open(case)
    current = next((m for m in measures(case) if m.state is SanctionState.in_force), None)
    if current is None:
        raise CaseError(_l("Er is geen maatregel uit deze zaak van kracht om de docent over in te lichten."))
    if case.teacher_informed_at is not None:
        raise CaseError(_l("De docent is al ingelicht."))
    case.teacher_informed_at = utcnow()
    case.events.append(CaseEvent(action="teacher_informed", by_id=by.id))
    record_event("case.teacher_informed", case, actor=by, details={"sanction_id": current.id})
    sanctions.tell_teacher_of(case.teacher, current)
    db.session.commit()


def close_case(case: Case, note: str, by) -> None:
    _require_admin(by)
    case = _open(case)
    case.status = CaseStatus.closed
    case.events.append(CaseEvent(action="closed", note=_text(note, "note", 10), by_id=by.id))
    record_event("case.closed", case, actor=by)
    db.session.commit()


def list_cases(status: CaseStatus | None = None) -> list[Case]:
    query = (select(Case).options(selectinload(Case.school), selectinload(Case.teacher))
             .order_by(Case.created_at.desc(), Case.id.desc()).limit(500))
    if status is not None:
        query = query.where(Case.status == status)
    return list(db.session.execute(query).scalars())


def load_case(case_id: int) -> Case | None:
    return db.session.execute(select(Case).where(Case.id == case_id).options(
        selectinload(Case.events).selectinload(CaseEvent.by), selectinload(Case.school),
        selectinload(Case.teacher))).scalar_one_or_none()
