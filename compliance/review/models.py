"""The assessor's side: conflict-of-interest declarations, verdicts per criterion,
information requests with their per-criterion thread, site visits, the recommendation and
its four-eyes decision, and corrective actions."""

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import User
from compliance.models import Answer, Assessment, School
from compliance.review.errors import ReviewError
from core.extensions import db
from core.i18n import lazy_text
from core.lifecycle import Lifecycle
from core.models import UTCDateTime, enum_type, utcnow
from standards.models import Criterion


class Relation(enum.Enum):
    owner = "owner"
    employee = "employee"
    teacher = "teacher"
    board_member = "board_member"
    relative = "relative"
    former_student = "former_student"
    other = "other"

    @property
    def label(self) -> str:
        return str(RELATION_LABELS[self])


RELATION_LABELS = {
    Relation.owner: _l("Eigenaar"), Relation.employee: _l("Medewerker"), Relation.teacher: _l("Docent"),
    Relation.board_member: _l("Bestuurslid"), Relation.relative: _l("Familielid"),
    Relation.former_student: _l("Oud-leerling"), Relation.other: _l("Anders"),
}


class ConflictDeclaration(db.Model):
    """An assessor's declared relation with a school or another organisation (recommendation
    5.2). Withdrawn, never deleted: the public list and the audit keep their history."""

    __tablename__ = "conflict_declaration"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="SET NULL"), index=True)
    organisation: Mapped[str] = mapped_column(String(200))
    relation: Mapped[Relation] = mapped_column(enum_type(Relation, 30))
    since: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    assessor: Mapped[User] = relationship()
    school: Mapped[School | None] = relationship()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ReviewVerdict(db.Model):
    """The reviewer's judgement of one criterion. `comment` is internal unless
    `visible_to_school`."""

    __tablename__ = "review_verdict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("quality_plan_criterion.id", ondelete="RESTRICT"))
    verdict: Mapped[str] = mapped_column(String(40))
    finding_grade: Mapped[str | None] = mapped_column(String(40))
    comment: Mapped[str] = mapped_column(Text, default="")
    visible_to_school: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    criterion: Mapped[Criterion] = relationship()

    __table_args__ = (UniqueConstraint("assessment_id", "criterion_id",
                                       name="uq_review_verdict_assessment_id_criterion_id"),)


class InformationRequest(db.Model):
    """One round of questions: the reviewer reopens criteria, the school answers and resubmits."""

    __tablename__ = "information_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resubmitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resubmitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    asked_by: Mapped[User | None] = relationship(foreign_keys=[asked_by_id])
    messages: Mapped[list["ReviewMessage"]] = relationship(back_populates="request", order_by="ReviewMessage.id")

    @property
    def is_open(self) -> bool:
        return self.resubmitted_at is None


class ReviewMessage(db.Model):
    """One message in a criterion's thread: the reviewer's question or the school's answer."""

    __tablename__ = "review_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("information_request.id", ondelete="CASCADE"), index=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    from_school: Mapped[bool] = mapped_column(Boolean, default=False)
    body: Mapped[str] = mapped_column(Text)
    evidence_ids: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    request: Mapped[InformationRequest] = relationship(back_populates="messages")
    answer: Mapped[Answer] = relationship()
    author: Mapped[User | None] = relationship()


class SiteVisit(db.Model):
    __tablename__ = "site_visit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    visited_on: Mapped[date] = mapped_column(Date)
    announced: Mapped[bool] = mapped_column(Boolean, default=True)
    rooms_checked: Mapped[list] = mapped_column(JSON, default=list)  # room names, as they were on the day
    observations: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    recorded_by: Mapped[User | None] = relationship()


class Outcome(enum.Enum):
    approve = "approve"
    approve_with_conditions = "approve_with_conditions"
    reject = "reject"

    @property
    def label(self) -> str:
        return str({Outcome.approve: _l("Goedkeuren"),
                    Outcome.approve_with_conditions: _l("Goedkeuren met voorwaarden"),
                    Outcome.reject: _l("Afwijzen")}[self])


class Decision(enum.Enum):
    confirmed = "confirmed"  # the second assessor agrees: the assessment is approved or rejected
    sent_back = "sent_back"  # back to the reviewer, with comments

    @property
    def is_confirmed(self) -> bool:
        return self is Decision.confirmed


class Recommendation(db.Model):
    __tablename__ = "review_recommendation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    outcome: Mapped[Outcome] = mapped_column(enum_type(Outcome, 30))
    rationale: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decision: Mapped[Decision | None] = mapped_column(enum_type(Decision, 30))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_comment: Mapped[str] = mapped_column(Text, default="")

    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    actions: Mapped[list["CorrectiveAction"]] = relationship(back_populates="recommendation",
                                                             order_by="CorrectiveAction.id")


class ActionStatus(enum.Enum):
    proposed = "proposed"  # part of a recommendation not yet decided
    open = "open"
    reported = "reported"  # the school says it is done
    closed = "closed"  # the reviewer agrees
    dropped = "dropped"  # its recommendation was sent back

    @property
    def is_reported(self) -> bool:
        return self is ActionStatus.reported

    @property
    def is_open(self) -> bool:
        return self is ActionStatus.open

    @property
    def label(self) -> str:
        return str({ActionStatus.proposed: _l("Voorgesteld"), ActionStatus.open: _l("Open"),
                    ActionStatus.reported: _l("Gemeld als gedaan"), ActionStatus.closed: _l("Afgesloten"),
                    ActionStatus.dropped: _l("Vervallen")}[self])


_A = ActionStatus
_ACTION_REFUSALS = {"report": _l("Deze verbeteractie staat niet open."),
                    "close": _l("Sluit een verbeteractie af nadat de school die als gedaan heeft gemeld.")}


def _refuse_action(action: "CorrectiveAction", step: str) -> ReviewError:
    message = _ACTION_REFUSALS.get(step)
    return ReviewError(message if message is not None else lazy_text(
        "Dit kan niet: de verbeteractie heeft de status ‘%(status)s’.", status=action.status.label))


class CorrectiveAction(db.Model):
    """A condition of an approval: proposed with the recommendation, open once it is approved
    (dropped when it is sent back), reported done by the school, closed by the reviewer."""

    __tablename__ = "corrective_action"
    lifecycle = Lifecycle(
        {(_A.proposed, "open"): _A.open, (_A.proposed, "drop"): _A.dropped,
         (_A.open, "report"): _A.reported, (_A.reported, "close"): _A.closed},
        # Opening and dropping follow the recommendation's decision, which the assessment's audit event records.
        events={"open": None, "drop": None, "report": "corrective_action.reported",
                "close": "corrective_action.closed"},
        refuse=_refuse_action, stamps={"report": ("reported_at", "reported_by_id"),
                                       "close": ("closed_at", "closed_by_id")},
        audit_on=lambda action: action.assessment, audit_details=lambda action: {"action_id": action.id})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"), index=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("review_recommendation.id", ondelete="CASCADE"),
                                                   index=True)
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id", ondelete="SET NULL"))
    criterion_id: Mapped[int | None] = mapped_column(ForeignKey("quality_plan_criterion.id", ondelete="RESTRICT"))
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus, 30), default=ActionStatus.proposed)
    report_text: Mapped[str] = mapped_column(Text, default="")
    evidence_ids: Mapped[list] = mapped_column(JSON, default=list)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # The daily job sends each reminder once.
    reminded_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_overdue_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    assessment: Mapped[Assessment] = relationship()
    recommendation: Mapped[Recommendation] = relationship(back_populates="actions")
    criterion: Mapped[Criterion | None] = relationship()

    __table_args__ = (Index("ix_corrective_action_status_due", "status", "due_on"),)
