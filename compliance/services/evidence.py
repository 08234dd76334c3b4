"""Evidence files: checked by content, stored once per school by SHA-256 outside the web
root, linked to as many answers as they support."""

import re
import unicodedata
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from accounts.models import User
from compliance.errors import ComplianceError
from compliance.filetypes import detect
from compliance.models import Evidence, School
from core.audit import record_event
from core.extensions import db
from core.i18n import lazy_text
from core.storage import get_storage, sha256_of


@dataclass
class Upload:
    filename: str
    data: bytes


def clean_filename(name: str) -> str:
    """The name as the school knows it, without folders or control characters."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C").strip()
    return name[:200] or "bestand"


def evidence_for_school(school: School) -> list[Evidence]:
    return list(db.session.execute(select(Evidence).where(Evidence.school_id == school.id)
                                   .order_by(Evidence.original_filename, Evidence.id)).scalars())


def attach_existing(school: School, evidence_id: int) -> Evidence:
    evidence = db.session.get(Evidence, evidence_id)
    if evidence is None or evidence.school_id != school.id:
        raise ComplianceError(_l("Kies een bestand van deze school."), field="existing_evidence")
    return evidence


def store_uploads(school: School, uploads: list[Upload], by: User, max_mb: int) -> list[Evidence]:
    """Check every file first, then store them: one refused file stores none. A file the
    school uploaded before (same content) is found again instead of stored twice."""
    checked = []
    for upload in uploads:
        name = clean_filename(upload.filename)
        if len(upload.data) > max_mb * 1024 * 1024:
            raise ComplianceError(lazy_text(
                    "‘%(name)s’ is groter dan %(mb)s MB. Maak het bestand kleiner, bijvoorbeeld "
                                     "door een PDF te comprimeren of een foto te verkleinen.", name=name, mb=max_mb),
                                  field="files")
        checked.append((name, upload.data, detect(upload.data, name)))
    storage = get_storage()
    result = []
    for name, data, kind in checked:
        digest = sha256_of(data)
        evidence = db.session.execute(select(Evidence).where(Evidence.school_id == school.id,
                                                             Evidence.sha256 == digest)).scalar_one_or_none()
        if evidence is None or not storage.exists(digest):
            storage.put(data)
        if evidence is None:
            evidence = Evidence(school_id=school.id, sha256=digest, original_filename=name,
                                content_type=kind.content_type, size=len(data), uploaded_by_id=by.id)
            db.session.add(evidence)
            try:
                db.session.flush()
            except IntegrityError:  # the same file, uploaded for this school at the same moment
                db.session.rollback()
                raise ComplianceError(_l("Dit bestand werd op hetzelfde moment al voor deze school geüpload. "
                                         "Stuur het formulier nog eens: dan koppelen we dat bestand."), field="files")
            record_event("evidence.uploaded", evidence, actor=by, details={
                "school_id": school.id, "sha256": digest, "content_type": kind.content_type, "size": len(data)})
        result.append(evidence)
    return result
