"""The certificates' parts of the home pages: for a school owner each school's newest
certificate (expiry, annual report due, renewal open); for an admin the revocations that
wait for a second admin. One function each, a fixed number of queries."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from accounts.models import User
from certification.certificates.models import Certificate, PendingRevocation
from compliance.models import SchoolMember
from core.extensions import db


def newest_certificates(user: User) -> dict[int, Certificate]:
    """{school_id: newest certificate} for the schools the user manages."""
    newest = (select(func.max(Certificate.id)).join(SchoolMember, SchoolMember.school_id == Certificate.school_id)
              .where(SchoolMember.user_id == user.id).group_by(Certificate.school_id))
    rows = db.session.execute(select(Certificate).where(Certificate.id.in_(newest))).scalars()
    return {certificate.school_id: certificate for certificate in rows}


@dataclass
class AdminCertificateTasks:
    to_confirm: list[PendingRevocation]  # asked by another admin; this admin may confirm


def admin_certificate_tasks(user: User) -> AdminCertificateTasks:
    rows = db.session.execute(select(PendingRevocation).where(
        PendingRevocation.decided_at.is_(None),
        (PendingRevocation.requested_by_id.is_(None)) | (PendingRevocation.requested_by_id != user.id))
        .options(joinedload(PendingRevocation.certificate).joinedload(Certificate.school))
        .order_by(PendingRevocation.requested_at)).scalars()
    return AdminCertificateTasks(list(rows))
