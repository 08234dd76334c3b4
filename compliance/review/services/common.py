"""Helpers the review services share: recipients, links and the state check."""

from sqlalchemy import select

from accounts.models import Role, User, UserRole
from compliance.models import Assessment, SchoolMember
from compliance.review.errors import ReviewError
from core.extensions import db
from core.i18n import lazy_text
from core.lifecycle import may
from notifications import link_for


def admins() -> list[User]:
    return list(db.session.execute(select(User).join(UserRole).where(UserRole.role == Role.admin,
                                                                     User.is_enabled.is_(True))).scalars())


def assessors() -> list[User]:
    return list(db.session.execute(select(User).join(UserRole).where(UserRole.role == Role.assessor)
                                   .order_by(User.name)).scalars())


def school_members(assessment: Assessment) -> list[User]:
    return list(db.session.execute(select(User).join(SchoolMember, SchoolMember.user_id == User.id)
                                   .where(SchoolMember.school_id == assessment.school_id)).scalars())


def school_link(assessment: Assessment) -> str:
    return link_for("compliance.assessment", assessment_id=assessment.id)


def review_link(assessment: Assessment) -> str:
    return link_for("review.overview", assessment_id=assessment.id)


def require_step(assessment: Assessment, action: str) -> None:
    """Refuse, before any other work, what `Assessment.lifecycle` does not allow in the
    assessment's state: a step, or work done in it (a verdict, a visit, a decision)."""
    if not may(assessment, action):
        raise ReviewError(lazy_text("Dit kan niet: de zelfevaluatie heeft de status ‘%(status)s’.",
                                    status=assessment.status.label))


def require(allowed: bool, message) -> None:
    if not allowed:
        raise ReviewError(message)
