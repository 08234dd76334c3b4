"""Reading for the review pages: the queue and an assessment's history."""

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from accounts.models import User
from accounts.permissions import is_admin
from compliance.models import Assessment, AssessmentStatus
from compliance.permissions import memberships
from compliance.review.models import ConflictDeclaration
from compliance.review.permissions import is_assessor
from core.extensions import db
from core.models import AuditEvent

S = AssessmentStatus
_REVIEWING = (S.in_review, S.information_requested, S.recommended)


@dataclass
class Queue:
    to_assign: list[Assessment]  # admins: submitted, waiting for a reviewer
    reviewing: list[Assessment]  # the user's own reviews (admins: all reviews under way)
    to_approve: list[Assessment]  # recommendations the user may decide


def _assessments(*conditions) -> list[Assessment]:
    return list(db.session.execute(select(Assessment).where(*conditions)
                                   .options(joinedload(Assessment.school), joinedload(Assessment.reviewer))
                                   .order_by(Assessment.submitted_at, Assessment.id)).scalars())


def review_queue(user: User) -> Queue:
    """Oldest first; a fixed number of queries however long the queue."""
    admin = is_admin(user)
    to_assign = _assessments(Assessment.status == S.submitted) if admin else []
    if admin:
        reviewing = _assessments(Assessment.status.in_(_REVIEWING))
    else:
        reviewing = _assessments(Assessment.status.in_(_REVIEWING), Assessment.reviewer_id == user.id)
    to_approve = []
    if is_assessor(user):
        conflicted = set(memberships(user)) | set(db.session.execute(select(ConflictDeclaration.school_id).where(
            ConflictDeclaration.assessor_id == user.id, ConflictDeclaration.withdrawn_at.is_(None),
            ConflictDeclaration.school_id.is_not(None))).scalars())
        to_approve = [a for a in _assessments(Assessment.status == S.recommended,
                                              or_(Assessment.reviewer_id.is_(None), Assessment.reviewer_id != user.id))
                      if a.school_id not in conflicted]
    return Queue(to_assign, reviewing, to_approve)


def history(assessment: Assessment) -> list[tuple[AuditEvent, str]]:
    """(event, actor's name) for every step of the assessment, oldest first."""
    rows = db.session.execute(select(AuditEvent, User.name).outerjoin(User, User.id == AuditEvent.actor_id)
                              .where(AuditEvent.object_type == "assessment",
                                     AuditEvent.object_id == str(assessment.id))
                              .order_by(AuditEvent.id)).all()
    return [(event, name or "") for event, name in rows]
