"""The review workflow's parts of the home pages: a school's open questions and corrective
actions, an assessor's reviews and approvals, an admin's submissions to assign. Each is
one function with a fixed number of queries."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from accounts.models import User
from compliance.models import Answer, Assessment, AssessmentStatus, SchoolMember
from compliance.review.models import ActionStatus, CorrectiveAction, InformationRequest, ReviewMessage
from compliance.review.services.queries import review_queue
from compliance.review.services.review import deadline
from core.extensions import db
from standards.models import Criterion


@dataclass
class OpenQuestion:
    assessment: Assessment
    answer: Answer
    answered: bool  # the school has written a reply since the question


@dataclass
class SchoolReviewTasks:
    questions: list[OpenQuestion]
    actions: list[CorrectiveAction]  # open, earliest due first


def _member_school_ids(user: User):
    return select(SchoolMember.school_id).where(SchoolMember.user_id == user.id)


def school_review_tasks(user: User) -> SchoolReviewTasks:
    """Questions an assessor asked the user's schools that still wait for a resubmission,
    and corrective actions still to do."""
    answers = list(db.session.execute(select(Answer).join(Assessment, Assessment.id == Answer.assessment_id).where(
        Assessment.school_id.in_(_member_school_ids(user)), Assessment.status == AssessmentStatus.information_requested,
        Answer.reopened.is_(True)).options(joinedload(Answer.assessment).joinedload(Assessment.school),
                                           joinedload(Answer.criterion)).order_by(Answer.position)).scalars())
    replied = set(db.session.execute(select(ReviewMessage.answer_id).join(InformationRequest).where(
        ReviewMessage.answer_id.in_([answer.id for answer in answers]), ReviewMessage.from_school.is_(True),
        InformationRequest.resubmitted_at.is_(None))).scalars()) if answers else set()
    questions = [OpenQuestion(answer.assessment, answer, answer.id in replied) for answer in answers]
    actions = list(db.session.execute(select(CorrectiveAction).join(Assessment).where(
        Assessment.school_id.in_(_member_school_ids(user)), CorrectiveAction.status == ActionStatus.open)
        .options(joinedload(CorrectiveAction.assessment).joinedload(Assessment.school),
                 joinedload(CorrectiveAction.criterion).load_only(Criterion.code))
        .order_by(CorrectiveAction.due_on, CorrectiveAction.id)).scalars())
    return SchoolReviewTasks(questions, actions)


@dataclass
class AssessorTasks:
    reviewing: list[tuple[Assessment, date | None]]  # with the target date
    answered: list[Assessment]  # the school replied to a question; resubmission may follow
    to_approve: list[Assessment]
    to_assign: list[Assessment]  # admins only


def assessor_tasks(user: User) -> AssessorTasks:
    """The user's reviews (earliest target date first), recommendations they may decide as
    the second assessor, reviews where the school answered a question, and, for admins,
    submissions waiting for a reviewer."""
    queue = review_queue(user)
    reviewing = sorted(((a, deadline(a)) for a in queue.reviewing), key=lambda pair: (pair[1] or date.max, pair[0].id))
    waiting = [a.id for a in queue.reviewing if a.status is AssessmentStatus.information_requested]
    answered_ids = set(db.session.execute(select(InformationRequest.assessment_id).join(ReviewMessage).where(
        InformationRequest.assessment_id.in_(waiting), InformationRequest.resubmitted_at.is_(None),
        ReviewMessage.from_school.is_(True))).scalars()) if waiting else set()
    answered = [a for a in queue.reviewing if a.id in answered_ids]
    return AssessorTasks(reviewing, answered, queue.to_approve, queue.to_assign)
