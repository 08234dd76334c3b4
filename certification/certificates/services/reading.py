"""Reading certificates for pages, the API and other packages."""

import re

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from certification.certificates.models import Certificate, CertificateEvent, CertificateStatus, PendingRevocation
from compliance.models import School
from core.dates import today
from core.extensions import db

NUMBER_PATTERN = re.compile(r"DV-\d{4}-\d{5}")
# How people type a number: "DV-2026-00009", "DV 2026 00009", "dv202600009", "dv.2026.00009".
# The school register's search reads numbers in a text with the same pattern.
TYPED_NUMBER = re.compile(r"\bdv[\s.-]*(\d{4})[\s.-]*(\d{5})\b", re.IGNORECASE)
ADMIN_PAGE_SIZE = 50


def normalise_number(value: str | None) -> str | None:
    """`dv 2026 00001 ` → `DV-2026-00001`; None when it cannot be a certificate number."""
    match = TYPED_NUMBER.fullmatch((value or "").strip())
    return f"DV-{match[1]}-{match[2]}" if match else None


def find_certificate(number: str | None) -> Certificate | None:
    """The certificate with this number (any spelling `normalise_number` accepts), with its
    school and plan; None for an unknown or malformed number."""
    number = normalise_number(number)
    if number is None:
        return None
    return db.session.execute(select(Certificate).where(Certificate.number == number).options(
        joinedload(Certificate.school), joinedload(Certificate.plan))).scalar_one_or_none()


def load_certificate(number: str | None) -> Certificate | None:
    """Like find_certificate, with the history and the people in it (for the admin page)."""
    number = normalise_number(number)
    if number is None:
        return None
    return db.session.execute(select(Certificate).where(Certificate.number == number).options(
        joinedload(Certificate.school), joinedload(Certificate.plan), joinedload(Certificate.issued_by),
        selectinload(Certificate.events).joinedload(CertificateEvent.by))).scalar_one_or_none()


def open_revocation(certificate: Certificate) -> PendingRevocation | None:
    return db.session.execute(select(PendingRevocation).where(
        PendingRevocation.certificate_id == certificate.id, PendingRevocation.decided_at.is_(None))
        .options(joinedload(PendingRevocation.requested_by))).scalar_one_or_none()


def certificates_for_school(school: School | int) -> list[Certificate]:
    school_id = school if isinstance(school, int) else school.id
    return list(db.session.execute(select(Certificate).where(Certificate.school_id == school_id)
                                   .options(joinedload(Certificate.plan)).order_by(Certificate.id.desc())).scalars())


def renewal_is_open(school: School | int) -> bool:
    """Whether the school's newest certificate has entered its renewal window (set by the
    daily job from the plan's `renewal_window_months`), so a renewal assessment is due."""
    latest = next(iter(certificates_for_school(school)), None)
    return bool(latest and latest.renewal_opened_on and not latest.status.is_final)


def list_certificates(status: CertificateStatus | None = None, q: str | None = None, page: int = 1,
                      pending_only: bool = False) -> tuple[list[Certificate], int, set[int]]:
    """A page of certificates for the admin (newest first), the total, and the ids of those
    with an open revocation request."""
    query = select(Certificate).join(School, School.id == Certificate.school_id)
    if status is CertificateStatus.expired:
        query = query.where(or_(Certificate.status == status, Certificate.valid_until < today()))
    elif status is not None:
        query = query.where(Certificate.status == status)
    if q:
        query = query.where(or_(School.name.icontains(q.strip(), autoescape=True),
                                Certificate.number.icontains(q.strip(), autoescape=True)))
    open_ids = select(PendingRevocation.certificate_id).where(PendingRevocation.decided_at.is_(None))
    if pending_only:
        query = query.where(Certificate.id.in_(open_ids))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.execute(query.options(joinedload(Certificate.school)).order_by(Certificate.id.desc())
                              .limit(ADMIN_PAGE_SIZE).offset((page - 1) * ADMIN_PAGE_SIZE)).scalars().all()
    pending = set(db.session.execute(open_ids.where(PendingRevocation.certificate_id.in_([c.id for c in rows])))
                  .scalars())
    return list(rows), total, pending
