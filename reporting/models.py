"""The school's annual monitoring report (recommendations 2.4, 3.6, 5.3) and the alliance's
published years of sector figures.

The report's content lives in its own tables, apart from the report's lifecycle row, so a
retention rule can remove answers after their term without touching the record that a report
was filed: `monitoring_count` (whole numbers, kind × column per table), `monitoring_answer`
(yes/no, numbers and free text) and `monitoring_message` (the assessor's questions and the
school's answers).
"""

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, Enum, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import User
from certification.certificates.models import Certificate
from compliance.models import School
from core.extensions import db
from core.i18n import lazy_text
from core.lifecycle import Lifecycle
from core.models import UTCDateTime, utcnow
from reporting.errors import ReportError


class ReportStatus(enum.Enum):
    open = "open"
    submitted = "submitted"
    questions = "questions"
    acknowledged = "acknowledged"

    @property
    def label(self) -> str:
        return str(_LABELS[self])

    @property
    def is_editable(self) -> bool:
        """The school may change its answers: before submitting, and when asked questions."""
        return self in (ReportStatus.open, ReportStatus.questions)

    @property
    def is_filed(self) -> bool:
        return self in (ReportStatus.submitted, ReportStatus.acknowledged)


_LABELS = {
    ReportStatus.open: _l("Open"),
    ReportStatus.submitted: _l("Ingediend"),
    ReportStatus.questions: _l("Vragen gesteld"),
    ReportStatus.acknowledged: _l("Akkoord"),
}
R = ReportStatus


class InvalidReportTransition(ReportError):
    """The report's state does not allow this step."""


class MonitoringReport(db.Model):
    """One year's report of one certificate: open → submitted → acknowledged, or → questions
    → submitted again."""

    __tablename__ = "monitoring_report"
    lifecycle = Lifecycle(
        {(R.open, "submit"): R.submitted, (R.questions, "submit"): R.submitted,
         (R.submitted, "ask_questions"): R.questions, (R.submitted, "acknowledge"): R.acknowledged},
        events={"submit": "monitoring_report.submitted", "ask_questions": "monitoring_report.questions",
                "acknowledge": "monitoring_report.acknowledged"},
        refuse=lambda report, _action: InvalidReportTransition(lazy_text(
            "Dit kan niet: het verslag heeft de status ‘%(status)s’.", status=report.status.label)),
        changed_at="updated_at", stamps={"submit": ("submitted_at", None),
                                         "acknowledge": ("acknowledged_at", "acknowledged_by_id")},
        audit_details=lambda report: {"school_id": report.school_id, "year": report.year})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="RESTRICT"), index=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id", ondelete="RESTRICT"))
    due_on: Mapped[date] = mapped_column(Date)
    year: Mapped[int] = mapped_column(Integer)  # the reporting year: the twelve months before due_on start in it
    vocabulary_version: Mapped[str] = mapped_column(String(20))
    status: Mapped[ReportStatus] = mapped_column(Enum(ReportStatus, native_enum=False, length=20),
                                                 default=ReportStatus.open)
    opened_on: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    school: Mapped[School] = relationship()
    certificate: Mapped[Certificate] = relationship()
    counts: Mapped[list["MonitoringCount"]] = relationship(cascade="all, delete-orphan",
                                                           back_populates="report")
    answers: Mapped[list["MonitoringAnswer"]] = relationship(cascade="all, delete-orphan",
                                                             back_populates="report")
    messages: Mapped[list["MonitoringMessage"]] = relationship(cascade="all, delete-orphan",
                                                               order_by="MonitoringMessage.id",
                                                               back_populates="report")

    __table_args__ = (UniqueConstraint("certificate_id", "due_on", name="uq_monitoring_report_due"),
                      Index("ix_monitoring_report_year_status", "year", "status"))

    def count_map(self) -> dict[tuple[str, str, str], int]:
        return {(row.table, row.kind, row.column): row.value for row in self.counts}

    def answer_map(self) -> dict[str, str]:
        return {row.field: row.value for row in self.answers}


class MonitoringCount(db.Model):
    """One whole number of a report: reports of `kind` in `column` of `table` (genre,
    channel, follow_up, advisor)."""

    __tablename__ = "monitoring_count"

    report_id: Mapped[int] = mapped_column(ForeignKey("monitoring_report.id", ondelete="CASCADE"),
                                           primary_key=True)
    table: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    column: Mapped[str] = mapped_column(String(30), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)

    report: Mapped[MonitoringReport] = relationship(back_populates="counts")


class MonitoringAnswer(db.Model):
    """One measure or free-text answer of a report (checked for personal data)."""

    __tablename__ = "monitoring_answer"

    report_id: Mapped[int] = mapped_column(ForeignKey("monitoring_report.id", ondelete="CASCADE"),
                                           primary_key=True)
    field: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)

    report: Mapped[MonitoringReport] = relationship(back_populates="answers")


class MonitoringMessage(db.Model):
    """The thread on a report: an assessor's question or the school's answer."""

    __tablename__ = "monitoring_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("monitoring_report.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    is_question: Mapped[bool] = mapped_column(default=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    report: Mapped[MonitoringReport] = relationship(back_populates="messages")
    author: Mapped[User | None] = relationship()


class PublishedYear(db.Model):
    """A year of sector figures the alliance published: /cijfers and the API show it."""

    __tablename__ = "sector_published_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
