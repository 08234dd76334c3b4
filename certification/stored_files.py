"""Whether a stored file (content-addressed, so shared by every row with the same content) is
still referred to: a file is deleted from the store only when no row of any package points
at it any more (retention and erasure both ask)."""

from sqlalchemy import select

from certification.teachers.models import CpdRecord, Qualification, VogRecord
from compliance.models import Evidence
from core.extensions import db
from core.storage import get_storage


def still_referenced(sha256: str) -> bool:
    for column in (Evidence.sha256, Qualification.evidence_sha256, VogRecord.scan_sha256, CpdRecord.proof_sha256):
        if db.session.execute(select(column).where(column == sha256).limit(1)).first() is not None:
            return True
    return False


def delete_unreferenced(shas) -> int:
    """Delete the files no row refers to any more; call after the commit that removed the rows."""
    storage, removed = get_storage(), 0
    for sha in set(shas):
        if sha and not still_referenced(sha):
            storage.delete(sha)
            removed += 1
    return removed
