"""Certificates of schools and what keeps them verifiable.

Certificate: one per approved assessment, numbered DV-<year>-<5 digits> from a counter row
per year (CertificateCounter). Its lifecycle is declared here (`Certificate.lifecycle`):

    active → expired,  active ⇄ suspended,  active | suspended → revoked (final)

(a suspended certificate whose validity runs out expires too). Every change is a
CertificateEvent and an audit event. A revocation is requested by one admin and confirmed
by another (PendingRevocation). StatusList holds the W3C Bitstring Status Lists that the
signed credentials point at: one bit per certificate per purpose.
"""

import enum
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import User
from certification.certificates.errors import InvalidCertificateTransition
from compliance.models import Assessment, School
from core.dates import today
from core.extensions import db
from core.i18n import lazy_text
from core.lifecycle import Lifecycle
from core.models import UTCDateTime, utcnow
from standards.models import QualityPlan


class CertificateStatus(enum.Enum):
    active = "active"
    suspended = "suspended"
    revoked = "revoked"
    expired = "expired"

    @property
    def label(self) -> str:
        return str(_STATUS_LABELS[self])

    @property
    def badge(self) -> str:
        """CSS badge modifier, so templates never compare status strings."""
        return {"active": "ok", "suspended": "warn", "revoked": "bad", "expired": "muted"}[self.value]

    @property
    def is_active(self) -> bool:
        return self is CertificateStatus.active

    @property
    def is_final(self) -> bool:
        return self in (CertificateStatus.revoked, CertificateStatus.expired)

    @property
    def is_suspended(self) -> bool:
        return self is CertificateStatus.suspended

    @property
    def is_listed(self) -> bool:
        """Counts as a certified school beside a teacher in the registry."""
        return self in (CertificateStatus.active, CertificateStatus.suspended)


_STATUS_LABELS = {
    CertificateStatus.active: _l("Geldig"),
    CertificateStatus.suspended: _l("Geschorst"),
    CertificateStatus.revoked: _l("Ingetrokken"),
    CertificateStatus.expired: _l("Verlopen"),
}

S = CertificateStatus


class ReasonCategory(enum.Enum):
    """Why a certificate was suspended or revoked: the public category. The details stay in
    the note, which the public never sees."""

    non_compliance = "non_compliance"
    monitoring_overdue = "monitoring_overdue"
    misconduct_investigation = "misconduct_investigation"
    administrative = "administrative"
    at_school_request = "at_school_request"
    other = "other"

    @property
    def label(self) -> str:
        return str(_REASON_LABELS[self])


_REASON_LABELS = {
    ReasonCategory.non_compliance: _l("De school voldoet niet meer aan het kwaliteitsplan"),
    ReasonCategory.monitoring_overdue: _l("De jaarlijkse rapportage is niet op tijd ingeleverd"),
    ReasonCategory.misconduct_investigation: _l("Er loopt een onderzoek naar grensoverschrijdend gedrag"),
    ReasonCategory.administrative: _l("Administratieve reden"),
    ReasonCategory.at_school_request: _l("Op verzoek van de school"),
    ReasonCategory.other: _l("Andere reden"),
}


class StatusPurpose(enum.Enum):
    revocation = "revocation"
    suspension = "suspension"


class CertificateCounter(db.Model):
    """The last number handed out in a year; its row is locked while a number is taken."""

    __tablename__ = "certificate_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class StatusList(db.Model):
    """A W3C Bitstring Status List: bit i is 1 when the certificate at index i is revoked
    (or suspended, for a suspension list). `credential` caches the signed list."""

    __tablename__ = "certificate_status_list"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[str] = mapped_column(String(40), unique=True)
    purpose: Mapped[StatusPurpose] = mapped_column(Enum(StatusPurpose, native_enum=False, length=20))
    size: Mapped[int] = mapped_column(Integer)
    bits: Mapped[bytes] = mapped_column(LargeBinary)
    credential: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def effective_status(status: CertificateStatus, valid_until: date, on: date) -> CertificateStatus:
    """The status the public sees: a certificate past its last valid day is expired, even
    before the daily job has written that down."""
    if not status.is_final and valid_until < on:
        return CertificateStatus.expired
    return status


def effective_status_changed_on(status: CertificateStatus, valid_until: date, changed_on: date, on: date) -> date:
    """The day the public status last changed: the day after the last valid day for a
    certificate that ran out before the daily job wrote it down."""
    ran_out = effective_status(status, valid_until, on) is CertificateStatus.expired
    if ran_out and status is not CertificateStatus.expired:
        return valid_until + timedelta(days=1)
    return changed_on


class Certificate(db.Model):
    __tablename__ = "certificate"
    lifecycle = Lifecycle(
        {(S.active, "suspend"): S.suspended, (S.active, "revoke"): S.revoked, (S.active, "expire"): S.expired,
         (S.suspended, "reinstate"): S.active, (S.suspended, "revoke"): S.revoked,
         (S.suspended, "expire"): S.expired},
        events={"suspend": "certificate.suspended", "reinstate": "certificate.reinstated",
                "revoke": "certificate.revoked", "expire": "certificate.expired"},
        refuse=lambda certificate, _action: InvalidCertificateTransition(lazy_text(
            "Dit kan niet: het certificaat is %(status)s.", status=certificate.status.label.lower())),
        changed_at="status_changed_on", clock=today,  # a certificate changes by the day
        audit_details=lambda certificate: {"number": certificate.number, "school_id": certificate.school_id})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="RESTRICT"), index=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="RESTRICT"), unique=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("quality_plan.id", ondelete="RESTRICT"))
    # The locations the certificate covers, as they were on the day it was issued:
    # [{"id", "name", "address", "postcode", "city"}].
    scope: Mapped[list] = mapped_column(JSON, default=list)
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date, index=True)
    # Conditions of an approval with conditions: [{"text", "due_on"?, "criterion"?}].
    conditions: Mapped[list] = mapped_column(JSON, default=list)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    status: Mapped[CertificateStatus] = mapped_column(Enum(CertificateStatus, native_enum=False, length=20),
                                                      default=CertificateStatus.active, index=True)
    status_changed_on: Mapped[date] = mapped_column(Date)
    reason_category: Mapped[ReasonCategory | None] = mapped_column(Enum(ReasonCategory, native_enum=False,
                                                                        length=40))
    note: Mapped[str | None] = mapped_column(Text)  # internal, never public
    suspended_until: Mapped[date | None] = mapped_column(Date)

    # Its place in the status lists (the same random index in both lists of a pair).
    revocation_list_id: Mapped[int] = mapped_column(ForeignKey("certificate_status_list.id"))
    suspension_list_id: Mapped[int] = mapped_column(ForeignKey("certificate_status_list.id"))
    status_index: Mapped[int] = mapped_column(Integer)

    # What the daily job keeps track of, so that it does everything once.
    monitoring_due_on: Mapped[date | None] = mapped_column(Date)
    monitoring_reminded_for: Mapped[date | None] = mapped_column(Date)
    monitoring_warned_for: Mapped[date | None] = mapped_column(Date)
    expiry_notice_days: Mapped[int | None] = mapped_column(Integer)
    renewal_opened_on: Mapped[date | None] = mapped_column(Date)

    school: Mapped[School] = relationship()
    assessment: Mapped[Assessment] = relationship()
    plan: Mapped[QualityPlan] = relationship()
    issued_by: Mapped[User | None] = relationship(foreign_keys=[issued_by_id])
    revocation_list: Mapped[StatusList] = relationship(foreign_keys=[revocation_list_id])
    suspension_list: Mapped[StatusList] = relationship(foreign_keys=[suspension_list_id])
    events: Mapped[list["CertificateEvent"]] = relationship(back_populates="certificate",
                                                            order_by="CertificateEvent.id",
                                                            cascade="all, delete-orphan")

    __table_args__ = (
        UniqueConstraint("revocation_list_id", "status_index", name="uq_certificate_revocation_index"),
        UniqueConstraint("suspension_list_id", "status_index", name="uq_certificate_suspension_index"),
        Index("ix_certificate_status_valid_until", "status", "valid_until"),
    )

    def effective_status(self, on: date | None = None) -> CertificateStatus:
        return effective_status(self.status, self.valid_until, on or today())

    def effective_status_changed_on(self, on: date | None = None) -> date:
        return effective_status_changed_on(self.status, self.valid_until, self.status_changed_on, on or today())

    @property
    def cities(self) -> list[str]:
        return sorted({item.get("city") for item in self.scope or [] if item.get("city")})

    def __repr__(self) -> str:
        return f"<Certificate {self.number} {self.status.value}>"


class CertificateEvent(db.Model):
    """One step in a certificate's life, for its history page (the audit log has it too)."""

    __tablename__ = "certificate_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[CertificateStatus | None] = mapped_column(Enum(CertificateStatus, native_enum=False,
                                                                       length=20))
    to_status: Mapped[CertificateStatus] = mapped_column(Enum(CertificateStatus, native_enum=False, length=20))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reason_category: Mapped[ReasonCategory | None] = mapped_column(Enum(ReasonCategory, native_enum=False,
                                                                        length=40))
    note: Mapped[str | None] = mapped_column(Text)
    until: Mapped[date | None] = mapped_column(Date)

    certificate: Mapped[Certificate] = relationship(back_populates="events")
    by: Mapped[User | None] = relationship()


class RevocationOutcome(enum.Enum):
    confirmed = "confirmed"
    cancelled = "cancelled"


_OPEN_REQUEST = "decided_at IS NULL"


class PendingRevocation(db.Model):
    """A revocation one admin asked for; it takes effect when a different admin confirms."""

    __tablename__ = "certificate_revocation_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reason_category: Mapped[ReasonCategory] = mapped_column(Enum(ReasonCategory, native_enum=False, length=40))
    note: Mapped[str] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    outcome: Mapped[RevocationOutcome | None] = mapped_column(Enum(RevocationOutcome, native_enum=False,
                                                                    length=20))

    certificate: Mapped[Certificate] = relationship()
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    __table_args__ = (
        # One open request per certificate, even when two admins press the button at once.
        Index("uq_certificate_revocation_request_open", "certificate_id", unique=True,
              sqlite_where=text(_OPEN_REQUEST), postgresql_where=text(_OPEN_REQUEST)),
    )

    @property
    def is_open(self) -> bool:
        return self.decided_at is None
