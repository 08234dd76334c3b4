"""Changes to what a certificate states, asked by a certified school and decided by an admin.

A certificate states the school's name, KvK number and address and the locations it covers.
While a school holds a certificate the public can see, a change to any of those becomes a
`SchoolChangeRequest`; the school, the certificate, the public register, the verification
page, the API and newly signed credentials keep the reviewed values until an admin approves
it (or refuses it, with a reason the school reads). Everything else of the profile (website,
genres, rooms, the confidential advisor) changes at once.

Compliance does not know certificates: the certification package registers, in its
`init_app`, a guard that says whether a school's statement is under review
(`compliance.signals.statement_under_review`), and connects to `statement_approved` to follow an approved change.
"""


from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from accounts.models import Role, User, UserRole
from compliance.errors import ComplianceError, InvalidTransition
from compliance.models import (
    ChangeKind,
    ChangeStatus,
    Location,
    MemberRole,
    School,
    SchoolChangeRequest,
)
from compliance.signals import school_changed, statement_approved, statement_under_review
from core.audit import record_event
from core.extensions import db
from core.i18n import lazy_text
from core.models import utcnow
from notifications import link_for, notify

# The school's fields a certificate states (the address is its scope when it has no locations).
STATED_FIELDS = ("name", "kvk_number", "street", "house_number", "postcode", "city")
LOCATION_FIELDS = ("name", "address", "postcode", "city")
MAX_REASON_CHARS = 2000


def statement_is_reviewed(school: School) -> bool:
    """Whether changes to what the school states need an admin's approval."""
    return any(statement_under_review.send(school))


def kvk_taken(kvk_number: str, school: School | None = None) -> bool:
    """Whether another school than `school` has this KvK number."""
    query = select(School.id).where(School.kvk_number == kvk_number)
    if school is not None:
        query = query.where(School.id != school.id)
    return db.session.execute(query).first() is not None


def _pending(school: School, kind: ChangeKind, location_id: int | None) -> SchoolChangeRequest | None:
    return db.session.execute(select(SchoolChangeRequest).where(
        SchoolChangeRequest.school_id == school.id, SchoolChangeRequest.kind == kind,
        SchoolChangeRequest.status == ChangeStatus.pending,
        SchoolChangeRequest.location_id.is_(None) if location_id is None
        else SchoolChangeRequest.location_id == location_id)).scalars().first()


def _admins() -> list[User]:
    return list(db.session.execute(select(User).join(UserRole).where(UserRole.role == Role.admin,
                                                                     User.is_enabled.is_(True))).scalars())


def request_change(school: School, kind: ChangeKind, current: dict, proposed: dict, by: User,
                   location: Location | None = None) -> SchoolChangeRequest | None:
    """Record (or update the school's pending) request; None when nothing would change.
    Runs in the caller's transaction; the caller commits."""
    if current == proposed and kind in (ChangeKind.details, ChangeKind.location_changed):
        return None
    location_id = location.id if location is not None else None
    change = None if kind is ChangeKind.location_added else _pending(school, kind, location_id)
    if change is None:
        change = SchoolChangeRequest(school=school, kind=kind, location_id=location_id, current=current)
        db.session.add(change)
    change.proposed, change.requested_by_id, change.requested_at = proposed, by.id, utcnow()
    db.session.flush()
    record_event("school.change_requested", change, actor=by, details={
        "school_id": school.id, "kind": kind.value, "current": current, "proposed": proposed})
    notify(_admins(), "change_requested", link_for("compliance.change_requests"), school=school.name)
    return change


def pending_changes(school: School | None = None) -> list[SchoolChangeRequest]:
    query = (select(SchoolChangeRequest).where(SchoolChangeRequest.status == ChangeStatus.pending)
             .order_by(SchoolChangeRequest.requested_at, SchoolChangeRequest.id)
             .options(selectinload(SchoolChangeRequest.school), selectinload(SchoolChangeRequest.requested_by)))
    if school is not None:
        query = query.where(SchoolChangeRequest.school_id == school.id)
    return list(db.session.execute(query).scalars())


def _decide(change: SchoolChangeRequest, status: ChangeStatus, by: User) -> None:
    if change.status is not ChangeStatus.pending:
        raise InvalidTransition(_l("Over deze wijziging is al besloten."))
    change.status, change.decided_by_id, change.decided_at = status, by.id, utcnow()


def _owners(school: School) -> list[User]:
    return [member.user for member in school.members if member.role in (MemberRole.owner, MemberRole.manager)]


def _apply(change: SchoolChangeRequest) -> None:
    school, proposed = change.school, change.proposed
    if change.kind is ChangeKind.details:
        kvk_number = proposed.get("kvk_number", school.kvk_number)
        if kvk_number != school.kvk_number and kvk_taken(kvk_number, school):
            raise ComplianceError(_l("Er is al een school met dit KvK-nummer; deze wijziging kan niet worden "
                                     "goedgekeurd."))
        for key in STATED_FIELDS:
            if key in proposed:
                setattr(school, key, proposed[key])
    elif change.kind is ChangeKind.location_added:
        location = Location(school=school, **{key: proposed[key] for key in LOCATION_FIELDS})
        db.session.add(location)
        db.session.flush()
        change.location_id = location.id
    elif change.location is None:
        raise ComplianceError(_l("Deze locatie bestaat niet meer."))
    elif change.kind is ChangeKind.location_changed:
        for key in LOCATION_FIELDS:
            setattr(change.location, key, proposed[key])
    else:
        db.session.delete(change.location)
        change.location_id = None
    db.session.flush()
    school_changed.send(school.id)


def approve_change(change: SchoolChangeRequest, by: User) -> None:
    """Apply the requested change; the certificate and the registers follow at once."""
    _decide(change, ChangeStatus.approved, by)
    try:
        _apply(change)
    except IntegrityError:
        db.session.rollback()
        raise ComplianceError(_l("Er is al een school met dit KvK-nummer; deze wijziging kan niet worden "
                                 "goedgekeurd."))
    except ComplianceError:
        db.session.rollback()
        raise
    statement_approved.send(change)
    record_event("school.change_approved", change, actor=by, details={
        "school_id": change.school_id, "kind": change.kind.value, "proposed": change.proposed})
    notify(_owners(change.school), "change_approved", link_for("compliance.school", school_id=change.school_id),
           school=change.school.name)
    db.session.commit()


def refuse_change(change: SchoolChangeRequest, reason: str, by: User) -> None:
    """Refuse the change with a reason the school reads; nothing of the school changes."""
    reason = (reason or "").strip()
    if not reason:
        raise ComplianceError(_l("Schrijf op waarom de wijziging niet wordt goedgekeurd."), field="reason")
    if len(reason) > MAX_REASON_CHARS:
        raise ComplianceError(lazy_text("Hoogstens %(n)s tekens.", n=MAX_REASON_CHARS), field="reason")
    _decide(change, ChangeStatus.refused, by)
    change.reason = reason
    record_event("school.change_refused", change, actor=by, details={
        "school_id": change.school_id, "kind": change.kind.value})
    notify(_owners(change.school), "change_refused", link_for("compliance.school", school_id=change.school_id),
           school=change.school.name)
    db.session.commit()
