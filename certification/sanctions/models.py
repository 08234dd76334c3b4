"""The history of sanctions and the objections against them.

A `TeacherSanction` is one decision on a registration: what (a `Sanction`), the named
restriction, the public category of its reason, an internal note, from and (where it has
one) until. The one in force is also written onto the teacher's row, where
`derive_status()` reads it; the rows here are the history the admin and the teacher see.
A revocation is first `requested` and takes effect when a second admin confirms it.

An `Objection` (bezwaar) is recorded against a teacher's sanction or against a step in a
certificate's life (a suspension or revocation): when it came in, its grounds and, once
decided, its outcome.
"""

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import User
from certification.certificates.models import CertificateEvent
from certification.teachers.models import Sanction, Teacher
from certification.teachers.sanction_kinds import Restriction, SanctionReason
from core.extensions import db
from core.models import UTCDateTime, enum_type, utcnow


class SanctionState(enum.Enum):
    requested = "requested"  # a revocation waiting for a second admin
    in_force = "in_force"
    lifted = "lifted"
    replaced = "replaced"  # a later sanction took its place
    cancelled = "cancelled"  # a revocation request withdrawn

    @property
    def label(self) -> str:
        return str({SanctionState.requested: _l("Wacht op bevestiging door een tweede beheerder"),
                    SanctionState.in_force: _l("Van kracht"), SanctionState.lifted: _l("Opgeheven"),
                    SanctionState.replaced: _l("Vervangen door een latere maatregel"),
                    SanctionState.cancelled: _l("Verzoek ingetrokken")}[self])

    @property
    def badge(self) -> str:
        return {SanctionState.in_force: "bad", SanctionState.requested: "warn"}.get(self, "muted")

    @property
    def can_be_objected_to(self) -> bool:
        """A decision that took effect (not a request, nor a withdrawn one)."""
        return self in (SanctionState.in_force, SanctionState.lifted, SanctionState.replaced)


class TeacherSanction(db.Model):
    __tablename__ = "teacher_sanction"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    kind: Mapped[Sanction] = mapped_column(enum_type(Sanction))
    restriction: Mapped[Restriction | None] = mapped_column(enum_type(Restriction, 30))
    reason_category: Mapped[SanctionReason] = mapped_column(enum_type(SanctionReason, 40))
    note: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    state: Mapped[SanctionState] = mapped_column(enum_type(SanctionState))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("alliance_case.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    end_note: Mapped[str | None] = mapped_column(Text)

    teacher: Mapped[Teacher] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    confirmed_by: Mapped[User | None] = relationship(foreign_keys=[confirmed_by_id])
    ended_by: Mapped[User | None] = relationship(foreign_keys=[ended_by_id])
    objections: Mapped[list["Objection"]] = relationship(back_populates="teacher_sanction",
                                                         order_by="Objection.received_on")

    __table_args__ = (
        # One open revocation request per teacher, even when two admins press the button at once.
        Index("uq_teacher_sanction_requested", "teacher_id", unique=True,
              sqlite_where=text("state = 'requested'"), postgresql_where=text("state = 'requested'")),
    )

    @property
    def is_requested(self) -> bool:
        return self.state is SanctionState.requested

    @property
    def public_category(self) -> SanctionReason | None:
        """A temporary measure shows in public without a reason."""
        return None if self.kind is Sanction.temporary else self.reason_category


class ObjectionOutcome(enum.Enum):
    pending = "pending"
    upheld = "upheld"  # gegrond: the decision is lifted or changed
    partly_upheld = "partly_upheld"
    dismissed = "dismissed"  # ongegrond: the decision stands
    withdrawn = "withdrawn"

    @property
    def label(self) -> str:
        return str({ObjectionOutcome.pending: _l("In behandeling"), ObjectionOutcome.upheld: _l("Gegrond"),
                    ObjectionOutcome.partly_upheld: _l("Gedeeltelijk gegrond"),
                    ObjectionOutcome.dismissed: _l("Ongegrond"), ObjectionOutcome.withdrawn: _l("Ingetrokken")}[self])

    @property
    def is_pending(self) -> bool:
        return self is ObjectionOutcome.pending

    @property
    def badge(self) -> str:
        return {ObjectionOutcome.pending: "warn", ObjectionOutcome.upheld: "ok",
                ObjectionOutcome.partly_upheld: "ok"}.get(self, "muted")


class Objection(db.Model):
    """A bezwaar against a teacher's sanction or a certificate's suspension or revocation."""

    __tablename__ = "sanction_objection"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    teacher_sanction_id: Mapped[int | None] = mapped_column(ForeignKey("teacher_sanction.id", ondelete="CASCADE"),
                                                            index=True)
    certificate_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificate_event.id", ondelete="CASCADE"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    grounds: Mapped[str] = mapped_column(Text)
    outcome: Mapped[ObjectionOutcome] = mapped_column(enum_type(ObjectionOutcome), default=ObjectionOutcome.pending)
    decided_on: Mapped[date | None] = mapped_column(Date)
    outcome_note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    teacher_sanction: Mapped[TeacherSanction | None] = relationship(back_populates="objections")
    certificate_event: Mapped[CertificateEvent | None] = relationship()

    __table_args__ = (
        CheckConstraint("(teacher_sanction_id IS NULL) != (certificate_event_id IS NULL)",
                        name="objection_against_one"),
    )
