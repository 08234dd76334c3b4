"""Conflicts of interest (recommendation 5.2): assessors declare them, the public sees them,
and assignment and approval refuse a conflicted assessor (see `permissions`)."""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from accounts.models import User
from compliance.models import School
from compliance.review.errors import ReviewError
from compliance.review.models import ConflictDeclaration, Relation
from compliance.review.permissions import is_assessor
from compliance.review.services.common import assessors
from core.audit import record_event
from core.dates import today
from core.extensions import db
from core.models import utcnow


def declare_conflict(by: User, relation: Relation, since: date, *, school: School | None = None,
                     organisation: str = "") -> ConflictDeclaration:
    """An assessor declares a relation with a school (chosen from the register) or with
    another organisation (named)."""
    if not is_assessor(by):
        raise ReviewError(_l("Alleen beoordelaars houden een belangenverklaring bij."))
    organisation = (school.name if school is not None else (organisation or "").strip())[:200]
    if not organisation:
        raise ReviewError(_l("Kies een school of noem de organisatie."), field="organisation")
    if since > today():
        raise ReviewError(_l("Die datum ligt in de toekomst."), field="since")
    declaration = ConflictDeclaration(assessor_id=by.id, school_id=school.id if school else None,
                                      organisation=organisation, relation=relation, since=since)
    db.session.add(declaration)
    db.session.flush()
    record_event("conflict.declared", declaration, actor=by, details={
        "school_id": declaration.school_id, "organisation": organisation, "relation": relation.value,
        "since": since.isoformat()})
    db.session.commit()
    return declaration


def withdraw_conflict(declaration: ConflictDeclaration, by: User) -> None:
    """The relation has ended; the declaration stays on record."""
    if declaration.assessor_id != by.id:
        raise ReviewError(_l("Je kunt alleen je eigen verklaringen intrekken."))
    if declaration.withdrawn_at is not None:
        raise ReviewError(_l("Deze verklaring is al ingetrokken."))
    declaration.withdrawn_at = utcnow()
    record_event("conflict.withdrawn", declaration, actor=by, details={"school_id": declaration.school_id})
    db.session.commit()


def declarations_of(user: User) -> list[ConflictDeclaration]:
    return list(db.session.execute(select(ConflictDeclaration).where(ConflictDeclaration.assessor_id == user.id)
                                   .order_by(ConflictDeclaration.withdrawn_at.is_not(None),
                                             ConflictDeclaration.since.desc())).scalars())


@dataclass
class PublicAssessor:
    name: str
    declarations: list[ConflictDeclaration]


def public_register() -> list[PublicAssessor]:
    """Every enabled assessor with their current declarations: name, organisation and
    relation only, no contact details. Two queries."""
    people = [user for user in assessors() if user.is_enabled]
    rows = db.session.execute(select(ConflictDeclaration).options(joinedload(ConflictDeclaration.school))
                              .where(ConflictDeclaration.withdrawn_at.is_(None),
                                     ConflictDeclaration.assessor_id.in_([user.id for user in people]))
                              .order_by(ConflictDeclaration.organisation)).scalars().all()
    by_user: dict[int, list] = {}
    for row in rows:
        by_user.setdefault(row.assessor_id, []).append(row)
    return [PublicAssessor(user.name, by_user.get(user.id, [])) for user in people]
