"""Who may review, approve and see the review, in one place (recommendations 1.3 and 5.2).

A conflict is a declared relation with the school or membership of the school, whatever
the member's role. The services call these same functions, so a refusal never depends on
a page hiding a button.
"""

from sqlalchemy import select

from accounts.models import Role
from accounts.permissions import has_role, is_admin
from compliance.models import Assessment, AssessmentStatus
from compliance.permissions import is_member
from compliance.review.models import ConflictDeclaration
from core.extensions import db


def _logged_in(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def is_assessor(user) -> bool:
    return has_role(user, Role.assessor)


def declared_conflict(user, school_id: int) -> bool:
    return db.session.execute(select(ConflictDeclaration.id).where(
        ConflictDeclaration.assessor_id == user.id, ConflictDeclaration.school_id == school_id,
        ConflictDeclaration.withdrawn_at.is_(None)).limit(1)).first() is not None


def is_conflicted(user, school_id: int) -> bool:
    """A declared relation with the school, or membership of it."""
    return is_member(user, school_id) or declared_conflict(user, school_id)


def may_be_assigned(user, assessment: Assessment) -> bool:
    """The rule for choosing a reviewer: an enabled assessor without a conflict."""
    return (_logged_in(user) and is_assessor(user) and user.is_enabled
            and not is_conflicted(user, assessment.school_id))


def can_review(user, assessment: Assessment) -> bool:
    """The assigned reviewer, still an assessor and still without a conflict."""
    return (_logged_in(user) and assessment.reviewer_id == user.id and is_assessor(user)
            and not is_conflicted(user, assessment.school_id))


def can_approve(user, assessment: Assessment) -> bool:
    """The second assessor: an assessor, never the reviewer, never conflicted, never a member
    of the school (an admin included). The state is the service's rule."""
    return (_logged_in(user) and is_assessor(user) and user.id != assessment.reviewer_id
            and not is_conflicted(user, assessment.school_id))


def can_decide(user, assessment: Assessment) -> bool:
    """The second assessor while a recommendation waits: who may open the decision page and
    send a decision. The service checks the state again under a row lock."""
    return assessment.status is AssessmentStatus.recommended and can_approve(user, assessment)


def answer_view_as_approver(assessment: Assessment, *, user) -> bool:
    """compliance.signals.assessment_view_requested: the second assessor sees what they decide on."""
    return can_decide(user, assessment)


def can_assign(user) -> bool:
    return is_admin(user)


def can_view_review(user, assessment: Assessment) -> bool:
    """The review pages (verdicts, internal notes, history): admins, the reviewer and,
    while a recommendation waits, the eligible approvers."""
    return is_admin(user) or can_review(user, assessment) or can_decide(user, assessment)


def can_use_queue(user) -> bool:
    return is_admin(user) or is_assessor(user)


def template_helpers() -> dict:
    return {"can_review": can_review, "can_approve": can_approve, "can_assign": can_assign,
            "can_view_review": can_view_review}
