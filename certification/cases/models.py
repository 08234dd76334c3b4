"""Cases: a school tells the alliance, confidentially, that a serious report concerns a
registered teacher (the plan's C6 guidance). Only admins see a case; each step is a
`CaseEvent`, its history. The teacher is not told by the platform until an admin decides to
(`Case.teacher_informed_at`)."""

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, Enum, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import User
from certification.teachers.models import Teacher
from compliance.models import School
from core.extensions import db
from core.models import UTCDateTime, utcnow


class CaseStatus(enum.Enum):
    new = "new"
    in_progress = "in_progress"
    closed = "closed"

    @property
    def label(self) -> str:
        return str({CaseStatus.new: _l("Nieuw"), CaseStatus.in_progress: _l("In behandeling"),
                    CaseStatus.closed: _l("Gesloten")}[self])

    @property
    def badge(self) -> str:
        return {CaseStatus.new: "warn", CaseStatus.in_progress: "warn", CaseStatus.closed: "muted"}[self]

    @property
    def is_open(self) -> bool:
        return self is not CaseStatus.closed


class Case(db.Model):
    __tablename__ = "alliance_case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teacher.id", ondelete="CASCADE"), index=True)
    report_kind: Mapped[str] = mapped_column(String(30))  # a key of standards.vocabulary.REPORT_KINDS
    reported_on: Mapped[date] = mapped_column(Date)  # when the school received the report
    actions_taken: Mapped[str] = mapped_column(Text)
    referred_to: Mapped[list] = mapped_column(JSON, default=list)  # keys of cases.forms.REFERRALS
    status: Mapped[CaseStatus] = mapped_column(Enum(CaseStatus, native_enum=False, length=20),
                                               default=CaseStatus.new, index=True)
    teacher_informed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    school: Mapped[School] = relationship()
    teacher: Mapped[Teacher] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    events: Mapped[list["CaseEvent"]] = relationship(back_populates="case", order_by="CaseEvent.id",
                                                     cascade="all, delete-orphan")


class CaseEvent(db.Model):
    __tablename__ = "alliance_case_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("alliance_case.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(40))  # reported, note, measure, teacher_informed, closed, reopened
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    case: Mapped[Case] = relationship(back_populates="events")
    by: Mapped[User | None] = relationship()

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))


EVENT_LABELS = {
    "reported": _l("Gemeld door de school"),
    "note": _l("Notitie"),
    "measure": _l("Tijdelijke maatregel genomen"),
    "teacher_informed": _l("Docent ingelicht"),
    "closed": _l("Gesloten"),
    "reopened": _l("Heropend"),
}
