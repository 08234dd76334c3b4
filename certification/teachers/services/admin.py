"""What the alliance office looks up: teachers by name, number or e-mail (pending ones
included), one teacher with everything they handed in, and the files to check."""

from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from certification.teachers.models import (
    CodeOfConductSignature,
    CpdRecord,
    Employment,
    Qualification,
    Teacher,
    VogRecord,
)
from core.extensions import db
from core.storage import get_storage

FILE_KINDS = {"diploma": (Qualification, "evidence_sha256", "evidence_name"),
              "vog": (VogRecord, "scan_sha256", None),
              "bijscholing": (CpdRecord, "proof_sha256", "proof_name")}


def find_teachers(q: str, limit: int = 50) -> list[Teacher]:
    q = " ".join((q or "").split())[:100]
    query = select(Teacher).order_by(Teacher.last_name, Teacher.first_name).limit(limit)
    if q:
        like = f"%{q.replace('%', '').replace('_', '')}%"
        query = query.where(or_(Teacher.registration_number.ilike(like), Teacher.email.ilike(like),
                                (Teacher.first_name + " " + Teacher.last_name).ilike(like)))
    return list(db.session.execute(query).scalars())


def teacher_with_records(teacher_id: int) -> Teacher | None:
    return db.session.execute(select(Teacher).where(Teacher.id == teacher_id).options(
        selectinload(Teacher.qualifications), selectinload(Teacher.vog_records),
        selectinload(Teacher.signatures).selectinload(CodeOfConductSignature.version),
        selectinload(Teacher.cpd_records), selectinload(Teacher.user),
        selectinload(Teacher.employments).selectinload(Employment.school))).scalar_one_or_none()


def record_file(kind: str, item_id: int):
    """(file object, download name) of a record's evidence, or None when there is none (a VOG
    scan is gone once the VOG has been checked)."""
    model, sha_attr, name_attr = FILE_KINDS[kind]
    item = db.session.get(model, item_id)
    sha = getattr(item, sha_attr, None) if item is not None else None
    if not sha:
        return None
    name = getattr(item, name_attr) if name_attr else f"vog-{item.teacher_id}"
    try:
        return get_storage(current_app).open(sha), name or f"{kind}-{item_id}"
    except FileNotFoundError:
        return None
