"""The teacher registry's tables.

A Teacher's `status` is never typed in: `status.derive_status()` works it out from the
qualifications, VOG checks, code-of-conduct signatures, CPD points and an admin's
sanction, and the services store the outcome here so that the public search can filter on
it with an index. The public registry's
search table lives in `registry.models`.
"""

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

import compliance.models  # noqa: F401  (the school table, for Employment's foreign key)
from accounts.models import User
from certification.teachers.sanction_kinds import Restriction, SanctionReason
from compliance.models import School
from core.extensions import db
from core.models import UTCDateTime, enum_type, utcnow


class TeacherStatus(enum.Enum):
    pending = "pending"  # not yet complete, never been active
    active = "active"
    lapsed = "lapsed"  # was active; VOG, code of conduct or CPD no longer in order
    restricted = "restricted"  # set by an admin
    suspended = "suspended"  # set by an admin, until a date
    revoked = "revoked"  # set by an admin; final
    temporary = "temporary"  # a temporary measure pending an investigation; public without a reason

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])

    @property
    def explanation(self) -> str:
        return str(STATUS_EXPLANATIONS[self])

    @property
    def badge(self) -> str:
        """CSS badge modifier, so that templates never compare status strings."""
        return {TeacherStatus.active: "ok", TeacherStatus.pending: "warn", TeacherStatus.lapsed: "warn"}.get(
            self, "bad")

    @property
    def is_public(self) -> bool:
        """A registration shows in the public registry once it has been complete once;
        an unfinished one is nobody's business but the teacher's."""
        return self is not TeacherStatus.pending

    @property
    def is_sanction(self) -> bool:
        return self in (TeacherStatus.restricted, TeacherStatus.suspended, TeacherStatus.revoked,
                        TeacherStatus.temporary)


STATUS_LABELS = {
    TeacherStatus.pending: _l("In behandeling"),
    TeacherStatus.active: _l("Actief"),
    TeacherStatus.lapsed: _l("Verlopen"),
    TeacherStatus.restricted: _l("Beperkt"),
    TeacherStatus.suspended: _l("Geschorst"),
    TeacherStatus.revoked: _l("Doorgehaald"),
    TeacherStatus.temporary: _l("Tijdelijke maatregel"),
}
STATUS_EXPLANATIONS = {
    TeacherStatus.pending: _l("De registratie is nog niet compleet."),
    TeacherStatus.active: _l("Alles is in orde: diploma gecontroleerd, VOG geldig, gedragscode getekend en genoeg "
                             "bijscholing."),
    TeacherStatus.lapsed: _l("Er ontbreekt iets: de VOG is te oud, de nieuwe gedragscode is nog niet getekend of er "
                             "is te weinig bijscholing gedaan."),
    TeacherStatus.restricted: _l("De alliantie heeft beperkingen opgelegd aan deze docent."),
    TeacherStatus.suspended: _l("Deze docent mag tijdelijk niet lesgeven als geregistreerd docent."),
    TeacherStatus.revoked: _l("Deze docent staat niet meer in het register als bevoegd docent."),
    TeacherStatus.temporary: _l("Zolang een onderzoek loopt, mag deze docent niet lesgeven als geregistreerd docent. "
                                "Dit is geen oordeel over wat er is gebeurd."),
}
PUBLIC_STATUSES = tuple(status for status in TeacherStatus if status.is_public)


class Sanction(enum.Enum):
    temporary = "temporary"  # pending an investigation
    restricted = "restricted"  # with a named Restriction
    suspended = "suspended"  # until a date
    revoked = "revoked"  # final; needs a second admin

    @property
    def status(self) -> TeacherStatus:
        return TeacherStatus(self.value)

    @property
    def label(self) -> str:
        return self.status.label


class Review(enum.Enum):
    """An admin's verdict on something a teacher handed in."""

    pending = "pending"
    approved = "approved"
    rejected = "rejected"

    @property
    def label(self) -> str:
        return str({Review.pending: _l("Wacht op controle"), Review.approved: _l("Goedgekeurd"),
                    Review.rejected: _l("Afgewezen")}[self])

    @property
    def badge(self) -> str:
        return {Review.approved: "ok", Review.rejected: "bad"}.get(self, "warn")

    @property
    def is_pending(self) -> bool:
        return self is Review.pending


class QualificationKind(enum.Enum):
    hbo = "hbo"
    mbo = "mbo"
    conservatory = "conservatory"
    foreign = "foreign"
    licence = "licence"
    pedagogy = "pedagogy"
    other = "other"

    @property
    def label(self) -> str:
        return str(QUALIFICATION_LABELS[self])


QUALIFICATION_LABELS = {
    QualificationKind.hbo: _l("Hbo-opleiding docent dans"),
    QualificationKind.mbo: _l("Mbo-opleiding dans"),
    QualificationKind.conservatory: _l("Conservatorium of dansacademie"),
    QualificationKind.foreign: _l("Erkend buitenlands diploma"),
    QualificationKind.licence: _l("Licentie van een dansbond of federatie"),
    QualificationKind.pedagogy: _l("Pedagogische cursus"),
    QualificationKind.other: _l("Anders"),
}


class Teacher(db.Model):
    __tablename__ = "teacher"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Empty until the teacher confirms a registration that a school or an import started.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), unique=True)
    registration_number: Mapped[str] = mapped_column(String(9), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # Never public: an admin matches them against the original VOG.
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(30))
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    genres: Mapped[list] = mapped_column(JSON, default=list)

    # Derived by status.derive_status(); stored for the search index and the daily job.
    status: Mapped[TeacherStatus] = mapped_column(enum_type(TeacherStatus), default=TeacherStatus.pending, index=True)
    status_until: Mapped[date | None] = mapped_column(Date)
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The day the registration was first complete: the first CPD cycle starts here.
    activated_on: Mapped[date | None] = mapped_column(Date)

    # The sanction in force, set by an admin (its history: certification.sanctions). The
    # category is public (not for a temporary measure), the reason is an internal note.
    sanction: Mapped[Sanction | None] = mapped_column(enum_type(Sanction))
    sanction_restriction: Mapped[Restriction | None] = mapped_column(enum_type(Restriction, 30))
    sanction_category: Mapped[SanctionReason | None] = mapped_column(enum_type(SanctionReason, 40))
    sanction_reason: Mapped[str | None] = mapped_column(Text)
    sanction_from: Mapped[date | None] = mapped_column(Date)
    sanction_until: Mapped[date | None] = mapped_column(Date)
    sanctioned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The deadline a 60-day warning was last sent for, so the daily job warns once.
    vog_warned_for: Mapped[date | None] = mapped_column(Date)
    cpd_warned_for: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    qualifications: Mapped[list["Qualification"]] = relationship(
        back_populates="teacher", order_by="Qualification.obtained_on.desc()", cascade="all, delete-orphan")
    vog_records: Mapped[list["VogRecord"]] = relationship(
        back_populates="teacher", order_by="VogRecord.issued_on.desc()", cascade="all, delete-orphan")
    signatures: Mapped[list["CodeOfConductSignature"]] = relationship(
        back_populates="teacher", order_by="CodeOfConductSignature.signed_at.desc()", cascade="all, delete-orphan")
    cpd_records: Mapped[list["CpdRecord"]] = relationship(
        back_populates="teacher", order_by="CpdRecord.completed_on.desc()", cascade="all, delete-orphan")
    employments: Mapped[list["Employment"]] = relationship(
        back_populates="teacher", order_by="Employment.since", cascade="all, delete-orphan")

    __table_args__ = (Index("ix_teacher_name", "last_name", "first_name"),)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_revoked(self) -> bool:
        return self.sanction is Sanction.revoked

    @property
    def mail_locale(self) -> str:
        return self.user.locale if self.user is not None else self.locale

    def __repr__(self) -> str:
        return f"<Teacher {self.registration_number} {self.name}>"


class Qualification(db.Model):
    __tablename__ = "teacher_qualification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    kind: Mapped[QualificationKind] = mapped_column(enum_type(QualificationKind))
    institution: Mapped[str] = mapped_column(String(200))
    obtained_on: Mapped[date] = mapped_column(Date)
    evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    evidence_name: Mapped[str | None] = mapped_column(String(200))
    review: Mapped[Review] = mapped_column(enum_type(Review), default=Review.pending, index=True)
    review_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    teacher: Mapped[Teacher] = relationship(back_populates="qualifications")

    __table_args__ = (UniqueConstraint("teacher_id", "kind", "institution", "obtained_on",
                                       name="uq_teacher_qualification_same"),)


class VogRecord(db.Model):
    """A VOG (certificate of conduct): only its date of issue, screening profile and the
    admin's check are kept. A scan, if the teacher uploads one, is kept only until the check
    and then deleted (privacy by design; the quality plan's D1 says the same)."""

    __tablename__ = "teacher_vog"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    screening_profile: Mapped[str] = mapped_column(String(20))
    scan_sha256: Mapped[str | None] = mapped_column(String(64))
    review: Mapped[Review] = mapped_column(enum_type(Review), default=Review.pending, index=True)
    review_reason: Mapped[str | None] = mapped_column(Text)
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    teacher: Mapped[Teacher] = relationship(back_populates="vog_records")
    checked_by: Mapped[User | None] = relationship(foreign_keys=[checked_by_id])


class CodeOfConductVersion(db.Model):
    __tablename__ = "code_of_conduct_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(20), unique=True)
    text: Mapped[dict] = mapped_column(JSON)  # {"nl": ..., "en": ...}
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class CodeOfConductSignature(db.Model):
    __tablename__ = "code_of_conduct_signature"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("code_of_conduct_version.id", ondelete="RESTRICT"),
                                            index=True)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    teacher: Mapped[Teacher] = relationship(back_populates="signatures")
    version: Mapped[CodeOfConductVersion] = relationship()

    __table_args__ = (UniqueConstraint("teacher_id", "version_id", name="uq_code_of_conduct_signature_once"),)


class CpdActivity(db.Model):
    """An activity in the alliance's catalogue of recognised continuing education."""

    __tablename__ = "cpd_activity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200))
    points: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))  # a key of standards.vocabulary.CPD_CATEGORIES
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class CpdRecord(db.Model):
    """An activity a teacher completed. Title, provider, points and category are copied
    from the catalogue when the teacher picks one, so a later change there does not
    rewrite what was approved."""

    __tablename__ = "cpd_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("cpd_activity.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200), default="")
    points: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))
    completed_on: Mapped[date] = mapped_column(Date)
    proof_sha256: Mapped[str | None] = mapped_column(String(64))
    proof_name: Mapped[str | None] = mapped_column(String(200))
    review: Mapped[Review] = mapped_column(enum_type(Review), default=Review.pending, index=True)
    review_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    teacher: Mapped[Teacher] = relationship(back_populates="cpd_records")
    activity: Mapped[CpdActivity | None] = relationship()

    __table_args__ = (
        # The same activity on the same day counts once (and an import run twice adds nothing).
        UniqueConstraint("teacher_id", "title", "provider", "completed_on", name="uq_cpd_record_same"),
        Index("ix_cpd_record_teacher", "teacher_id", "completed_on"),
    )


class Employment(db.Model):
    """A school's link to a teacher it employs, by registration number."""

    __tablename__ = "teacher_employment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(100))
    works_with_minors: Mapped[bool] = mapped_column(Boolean, default=False)
    since: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    teacher: Mapped[Teacher] = relationship(back_populates="employments")
    school: Mapped[School] = relationship()

    __table_args__ = (UniqueConstraint("teacher_id", "school_id", name="uq_teacher_employment_once"),)

    def is_current(self, today: date) -> bool:
        return self.since <= today and (self.until is None or today < self.until)
