"""Which schools count as certified: the rule that the teacher registry (a teacher's
certified schools), the public registers and compliance (whose statements need an admin's
approval) all follow.

A school counts as certified (listed beside its teachers, its city searchable) while it
holds a certificate that is active or suspended and still within its validity; not once
the certificate is revoked or expired.
"""

from datetime import date

from sqlalchemy import select

from certification.certificates.models import Certificate, CertificateStatus
from core.dates import today
from core.extensions import db


def listed_school_ids(school_ids, on: date | None = None) -> set[int]:
    """Schools among `school_ids` that count as certified: a certificate that is active or
    suspended and whose validity has not run out."""
    ids = list(school_ids)
    if not ids:
        return set()
    on = on or today()
    return set(db.session.execute(select(Certificate.school_id).where(
        Certificate.school_id.in_(ids), Certificate.valid_until >= on,
        Certificate.status.in_([status for status in CertificateStatus if status.is_listed]))).scalars())


def school_is_publicly_listed(school) -> bool:
    """True when `school` holds a certificate that the public registry shows (active or
    suspended, not revoked or expired)."""
    return school.id in listed_school_ids([school.id])


def answer_listed_schools(_sender=None, *, school_ids=(), on: date | None = None, **_extra) -> set[int]:
    """Receiver of `certification.teachers.signals.listed_schools`: the teacher registry asks
    which of its teachers' schools count as certified."""
    return listed_school_ids(school_ids, on)
