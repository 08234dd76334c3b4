"""Schools and their self-assessments.

School → Location → Room; SchoolMember links users to the schools they manage;
SchoolInvitation brings a new member in by e-mail. Assessment is pinned to the published
QualityPlan it started on and holds one Answer per applicable Criterion; Evidence files are
stored once per school by SHA-256 and linked to as many answers as they support.
"""

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import User
from compliance.errors import InvalidTransition
from compliance.vocabulary import Transparency
from core.extensions import db
from core.i18n import lazy_text
from core.lifecycle import Lifecycle
from core.models import UTCDateTime, utcnow
from standards.models import Criterion, QualityPlan


class MemberRole(enum.Enum):
    owner = "owner"  # manages the school and its members
    manager = "manager"  # manages the school's profile and assessments

    @property
    def label(self) -> str:
        return str({MemberRole.owner: _l("Eigenaar"), MemberRole.manager: _l("Beheerder")}[self])


class AssessmentStatus(enum.Enum):
    """The assessment lifecycle; the allowed steps are `Assessment.lifecycle`."""

    draft = "draft"
    submitted = "submitted"
    in_review = "in_review"
    information_requested = "information_requested"
    recommended = "recommended"
    approved = "approved"
    rejected = "rejected"
    withdrawn = "withdrawn"

    @property
    def label(self) -> str:
        return str(_STATUS_LABELS[self])

    @property
    def is_open(self) -> bool:
        """Still on its way to a decision; a school has at most one open assessment."""
        return self not in (AssessmentStatus.approved, AssessmentStatus.rejected, AssessmentStatus.withdrawn)

    @property
    def badge(self) -> str:
        """CSS badge modifier, so templates never compare status strings."""
        if self is AssessmentStatus.approved:
            return "ok"
        if self in (AssessmentStatus.rejected, AssessmentStatus.information_requested):
            return "bad"
        return "warn" if self is AssessmentStatus.draft else ""


_STATUS_LABELS = {
    AssessmentStatus.draft: _l("Concept"),
    AssessmentStatus.submitted: _l("Ingediend"),
    AssessmentStatus.in_review: _l("In beoordeling"),
    AssessmentStatus.information_requested: _l("Informatie gevraagd"),
    AssessmentStatus.recommended: _l("Advies gegeven"),
    AssessmentStatus.approved: _l("Goedgekeurd"),
    AssessmentStatus.rejected: _l("Afgewezen"),
    AssessmentStatus.withdrawn: _l("Ingetrokken"),
}
OPEN_STATUSES = tuple(status for status in AssessmentStatus if status.is_open)
_S = AssessmentStatus
_OPEN_SQL = "status IN ({})".format(", ".join(f"'{status.name}'" for status in OPEN_STATUSES))


class School(db.Model):
    __tablename__ = "school"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kvk_number: Mapped[str] = mapped_column(String(8), unique=True)
    street: Mapped[str] = mapped_column(String(200))
    house_number: Mapped[str] = mapped_column(String(20))
    postcode: Mapped[str] = mapped_column(String(7))
    city: Mapped[str] = mapped_column(String(100))
    website: Mapped[str | None] = mapped_column(String(300))
    school_type: Mapped[str] = mapped_column(String(20))
    genres: Mapped[list] = mapped_column(JSON, default=list)
    teaches_minors: Mapped[bool] = mapped_column(Boolean, default=False)
    age_groups: Mapped[list] = mapped_column(JSON, default=list)
    advisor_name: Mapped[str | None] = mapped_column(String(120))
    advisor_email: Mapped[str | None] = mapped_column(String(254))
    advisor_phone: Mapped[str | None] = mapped_column(String(30))
    advisor_kind: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    locations: Mapped[list["Location"]] = relationship(back_populates="school", order_by="Location.name",
                                                       cascade="all, delete-orphan")
    members: Mapped[list["SchoolMember"]] = relationship(back_populates="school", cascade="all, delete-orphan",
                                                         order_by="SchoolMember.id")
    assessments: Mapped[list["Assessment"]] = relationship(back_populates="school", order_by="Assessment.id.desc()")

    __table_args__ = (Index("ix_school_name", "name"),)

    @property
    def has_advisor(self) -> bool:
        return bool(self.advisor_name)

    def __repr__(self) -> str:
        return f"<School {self.kvk_number} {self.name}>"


class Location(db.Model):
    __tablename__ = "school_location"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str] = mapped_column(String(7))
    city: Mapped[str] = mapped_column(String(100))

    school: Mapped[School] = relationship(back_populates="locations")
    rooms: Mapped[list["Room"]] = relationship(back_populates="location", order_by="Room.name",
                                               cascade="all, delete-orphan")


class Room(db.Model):
    __tablename__ = "school_room"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("school_location.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    transparency: Mapped[Transparency] = mapped_column(Enum(Transparency, native_enum=False, length=20))

    location: Mapped[Location] = relationship(back_populates="rooms")


class SchoolMember(db.Model):
    __tablename__ = "school_member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    role: Mapped[MemberRole] = mapped_column(Enum(MemberRole, native_enum=False, length=20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    school: Mapped[School] = relationship(back_populates="members")
    user: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (UniqueConstraint("school_id", "user_id", name="uq_school_member_school_id_user_id"),)


class SchoolInvitation(db.Model):
    """An e-mailed invitation to manage a school; only the token's hash is stored."""

    __tablename__ = "school_invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[MemberRole] = mapped_column(Enum(MemberRole, native_enum=False, length=20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    school: Mapped[School] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > utcnow()


class Assessment(db.Model):
    """A school's self-assessment on one plan. Its lifecycle:

        draft → submitted → in_review ⇄ information_requested → recommended → approved | rejected
        draft → withdrawn;  recommended → in_review (sent back by the second assessor)
    """

    __tablename__ = "assessment"
    lifecycle = Lifecycle(
        {(_S.draft, "submit"): _S.submitted, (_S.draft, "withdraw"): _S.withdrawn,
         (_S.submitted, "start_review"): _S.in_review,
         (_S.in_review, "request_information"): _S.information_requested,
         (_S.information_requested, "resubmit"): _S.in_review,
         (_S.in_review, "recommend"): _S.recommended,
         (_S.recommended, "approve"): _S.approved, (_S.recommended, "reject"): _S.rejected,
         (_S.recommended, "send_back"): _S.in_review},  # four eyes: the second assessor disagrees
        events={"submit": "assessment.submitted", "withdraw": "assessment.withdrawn",
                "start_review": "assessment.review_started",
                "request_information": "assessment.information_requested",
                "resubmit": "assessment.resubmitted", "recommend": "assessment.recommended",
                "approve": "assessment.approved", "reject": "assessment.rejected",
                "send_back": "assessment.sent_back"},
        refuse=lambda assessment, _action: InvalidTransition(lazy_text(
            "Dit kan niet: de zelfevaluatie heeft de status ‘%(status)s’.", status=assessment.status.label)),
        changed_at="status_changed_at", stamps={"submit": ("submitted_at", None)},
        audit_details=lambda assessment: {"school_id": assessment.school_id},
        activities={"review": frozenset({_S.in_review, _S.information_requested}),  # verdicts, site visits
                    "answer_questions": frozenset({_S.information_requested}),
                    "decide": frozenset({_S.recommended})})  # the four-eyes decision: approve, reject or send back

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="RESTRICT"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("quality_plan.id", ondelete="RESTRICT"), index=True)
    status: Mapped[AssessmentStatus] = mapped_column(Enum(AssessmentStatus, native_enum=False, length=30),
                                                     default=AssessmentStatus.draft)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Assigned by an admin in the review workflow.
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)

    school: Mapped[School] = relationship(back_populates="assessments")
    plan: Mapped[QualityPlan] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    answers: Mapped[list["Answer"]] = relationship(back_populates="assessment", cascade="all, delete-orphan",
                                                   order_by="Answer.position")

    __table_args__ = (
        Index("ix_assessment_school_status", "school_id", "status"),
        Index("ix_assessment_status", "status"),
        # One open assessment per school, even when two people press "start" at once.
        Index("uq_assessment_one_open_per_school", "school_id", unique=True,
              sqlite_where=text(_OPEN_SQL), postgresql_where=text(_OPEN_SQL)),
    )

    @property
    def is_draft(self) -> bool:
        return self.status is AssessmentStatus.draft

    def __repr__(self) -> str:
        return f"<Assessment {self.id} {self.status.value}>"


class AnswerEvidence(db.Model):
    """One evidence file supporting one answer; a file can support several answers."""

    __tablename__ = "answer_evidence"

    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="RESTRICT"), primary_key=True,
                                             index=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    evidence: Mapped["Evidence"] = relationship()


class Answer(db.Model):
    __tablename__ = "answer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("quality_plan_criterion.id", ondelete="RESTRICT"),
                                              index=True)
    # Plan order (domain, then criterion), so an assessment's answers sort without a join.
    position: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[int | None] = mapped_column(Integer)
    narrative: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Set by an assessor who asks for more information; while the assessment is
    # information_requested the school may change only reopened answers.
    reopened: Mapped[bool] = mapped_column(Boolean, default=False)
    # Copied from the last approved assessment when a renewal starts; the school confirms or
    # changes it (any save) before it counts as answered.
    carried_over: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    assessment: Mapped[Assessment] = relationship(back_populates="answers")
    criterion: Mapped[Criterion] = relationship()
    evidence: Mapped[list["Evidence"]] = relationship(secondary="answer_evidence", order_by="Evidence.id",
                                                      viewonly=True)
    evidence_rows: Mapped[list[AnswerEvidence]] = relationship(cascade="all, delete-orphan")
    links: Mapped[list["EvidenceLink"]] = relationship(back_populates="answer", cascade="all, delete-orphan",
                                                       order_by="EvidenceLink.id")

    __table_args__ = (UniqueConstraint("assessment_id", "criterion_id", name="uq_answer_assessment_id_criterion_id"),)

    @property
    def is_editable_by_school(self) -> bool:
        """The school writes answers in a draft, and afterwards only the answers an assessor
        reopened while information is requested."""
        status = self.assessment.status
        return status is AssessmentStatus.draft or (status is AssessmentStatus.information_requested
                                                    and self.reopened)

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_rows or self.links)


class Evidence(db.Model):
    """A file a school uploaded, stored once by its SHA-256 outside the web root."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="RESTRICT"))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    valid_until: Mapped[date | None] = mapped_column(Date)  # e.g. a first-aid certificate's end

    school: Mapped[School] = relationship()

    __table_args__ = (UniqueConstraint("school_id", "sha256", name="uq_evidence_school_id_sha256"),)

    @property
    def shows_inline(self) -> bool:
        return self.content_type in ("application/pdf", "image/jpeg", "image/png")


class EvidenceLink(db.Model):
    """A web page as evidence, e.g. the school's public code of conduct."""

    __tablename__ = "evidence_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(500))
    title: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    answer: Mapped[Answer] = relationship(back_populates="links")


class ChangeKind(enum.Enum):
    """What a certified school asks to change of what its certificate states."""

    details = "details"  # name, KvK number, address
    location_added = "location_added"
    location_changed = "location_changed"
    location_removed = "location_removed"

    @property
    def label(self) -> str:
        return str({ChangeKind.details: _l("Naam, KvK-nummer of adres"), ChangeKind.location_added: _l(
            "Nieuwe locatie"), ChangeKind.location_changed: _l("Locatie gewijzigd"),
            ChangeKind.location_removed: _l("Locatie verwijderd")}[self])


class ChangeStatus(enum.Enum):
    pending = "pending"
    approved = "approved"
    refused = "refused"

    @property
    def label(self) -> str:
        return str({ChangeStatus.pending: _l("Wacht op goedkeuring"), ChangeStatus.approved: _l("Goedgekeurd"),
                    ChangeStatus.refused: _l("Geweigerd")}[self])


class SchoolChangeRequest(db.Model):
    """A certified school's change to what its certificate states; applied only when an
    admin approves it. `current` is what was stated when it was asked,
    `proposed` what the school wants instead."""

    __tablename__ = "school_change_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("school_location.id", ondelete="SET NULL"))
    kind: Mapped[ChangeKind] = mapped_column(Enum(ChangeKind, native_enum=False, length=20))
    status: Mapped[ChangeStatus] = mapped_column(Enum(ChangeStatus, native_enum=False, length=20),
                                                 default=ChangeStatus.pending, index=True)
    current: Mapped[dict] = mapped_column(JSON, default=dict)
    proposed: Mapped[dict] = mapped_column(JSON, default=dict)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(Text)  # why it was refused; the school reads it

    school: Mapped[School] = relationship()
    location: Mapped[Location | None] = relationship()
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def changes(self) -> list[tuple[str, str, str]]:
        """(field, was, becomes) for every field that differs."""
        keys = list(dict.fromkeys([*self.current, *self.proposed]))
        return [(key, str(self.current.get(key) or ""), str(self.proposed.get(key) or "")) for key in keys
                if self.current.get(key) != self.proposed.get(key)]
