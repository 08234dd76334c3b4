"""Who may see and change a school and its assessments, in one place.

The school's members (owner or manager) see and edit its profile and assessments; admins
see everything but change nothing of a school's own; an assessor sees the assessments
assigned to them. The review workflow (compliance.review, above this module) adds its
roles (the approver) by answering `compliance.signals.assessment_view_requested`.
"""

from flask import g, has_request_context
from sqlalchemy import select

from accounts.models import Role
from accounts.permissions import has_role, is_admin
from compliance.models import Answer, AnswerEvidence, Assessment, Evidence, MemberRole, School, SchoolMember
from compliance.signals import assessment_view_requested
from core.extensions import db


def _logged_in(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def memberships(user) -> dict[int, MemberRole]:
    """{school_id: role} for the user; cached for the request, so templates that ask per
    row run one query."""
    if not _logged_in(user):
        return {}
    cache = g.setdefault("_school_memberships", {}) if has_request_context() else {}
    if user.id not in cache:
        rows = db.session.execute(select(SchoolMember.school_id, SchoolMember.role)
                                  .where(SchoolMember.user_id == user.id)).all()
        cache[user.id] = {school_id: role for school_id, role in rows}
    return cache[user.id]


def forget_memberships() -> None:
    if has_request_context():
        g.pop("_school_memberships", None)


def _school_id(school) -> int:
    return school if isinstance(school, int) else school.id


def is_member(user, school: School | int) -> bool:
    return _school_id(school) in memberships(user)


def is_owner(user, school: School | int) -> bool:
    return memberships(user).get(_school_id(school)) is MemberRole.owner


def can_register_school(user) -> bool:
    return has_role(user, Role.school_owner)


def can_view_school(user, school: School) -> bool:
    return is_admin(user) or is_member(user, school)


def can_edit_school(user, school: School) -> bool:
    return is_member(user, school)


def can_manage_members(user, school: School) -> bool:
    """Only an owner invites and removes people."""
    return is_owner(user, school)


def can_decide_changes(user) -> bool:
    """Admins approve or refuse what a certified school asks to change of what its certificate
    states; nobody else sees the requests (a school sees its own on its page)."""
    return is_admin(user)


def is_assigned_assessor(user, assessment: Assessment) -> bool:
    """An assessor assigned to review this assessment and, while a recommendation waits for
    its second assessor, every assessor who may approve it (`assessment_view_requested`)."""
    if not (_logged_in(user) and has_role(user, Role.assessor)):
        return False
    if assessment.reviewer_id is not None and assessment.reviewer_id == user.id:
        return True
    return any(assessment_view_requested.send(assessment, user=user))


def can_view_assessment(user, assessment: Assessment) -> bool:
    return is_admin(user) or is_member(user, assessment.school_id) or is_assigned_assessor(user, assessment)


def can_work_on_assessment(user, assessment: Assessment) -> bool:
    """The school's side: start, answer, submit, withdraw (the state is the service's rule)."""
    return is_member(user, assessment.school_id)


def can_edit_answer(user, answer: Answer) -> bool:
    return is_member(user, answer.assessment.school_id) and answer.is_editable_by_school


def can_view_evidence(user, evidence: Evidence, assessment: Assessment) -> bool:
    """The school's members see all its files; others who may see the assessment see only
    the files attached to one of its answers."""
    if evidence.school_id != assessment.school_id or not can_view_assessment(user, assessment):
        return False
    if is_member(user, assessment.school_id):
        return True
    attached = db.session.execute(
        select(AnswerEvidence.answer_id).join(Answer, Answer.id == AnswerEvidence.answer_id)
        .where(AnswerEvidence.evidence_id == evidence.id, Answer.assessment_id == assessment.id).limit(1)).first()
    return attached is not None


def template_helpers() -> dict:
    return {"can_view_school": can_view_school, "can_edit_school": can_edit_school,
            "can_manage_members": can_manage_members, "can_view_assessment": can_view_assessment,
            "can_work_on_assessment": can_work_on_assessment, "can_edit_answer": can_edit_answer,
            "can_register_school": can_register_school, "can_decide_changes": can_decide_changes}
