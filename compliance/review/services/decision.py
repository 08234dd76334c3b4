"""The four-eyes decision (recommendation 1.3): a second assessor confirms or sends back the
reviewer's recommendation. Never the reviewer, never a conflicted assessor, never a member of
the school; and two approvers pressing at once make exactly one decision.
"""

from flask_babel import lazy_gettext as _l

from accounts.models import User
from compliance.gates import ProfileIncomplete, require_profile_gates, unmet_profile_gates
from compliance.models import Assessment, AssessmentStatus
from compliance.review.errors import ReviewError
from compliance.review.models import Decision, Outcome, Recommendation
from compliance.review.permissions import can_approve
from compliance.review.services.common import require, require_step, review_link, school_link, school_members
from compliance.review.services.outcome import certificate_blockers, describe_blockers
from compliance.review.services.review import _text, current_recommendation
from compliance.signals import recommendation_approved
from core.extensions import db
from core.i18n import lazy_text
from core.lifecycle import StaleState, transition
from core.models import utcnow
from notifications import notify

S = AssessmentStatus
_ALREADY = _l("Over dit advies is al besloten, misschien door een andere beoordelaar op hetzelfde moment.")


def _check(assessment: Assessment, by: User) -> Recommendation:
    if by.id == assessment.reviewer_id:
        raise ReviewError(_l("Je kunt je eigen advies niet goedkeuren: een tweede beoordelaar beslist."))
    require(can_approve(by, assessment),
            _l("Alleen een tweede beoordelaar zonder belangenconflict en zonder band met de school beslist."))
    require_step(assessment, "decide")
    recommendation = current_recommendation(assessment)
    require(recommendation is not None and recommendation.decision is None, _ALREADY)
    return recommendation


def _claim(assessment: Assessment, action: str, by: User, **details) -> None:
    """Take the decision's step out of `recommended` only if the assessment is still there
    (compare-and-set: the row lock on PostgreSQL, the conditional UPDATE on any database), so
    two approvers pressing at once make one decision; the other is told it was already taken."""
    try:
        transition(assessment, action, by, compare_and_set=True, **details)
    except StaleState:
        db.session.rollback()
        raise ReviewError(_ALREADY)


def approval_gates(assessment: Assessment, recommendation: Recommendation) -> tuple[list, list]:
    """(blockers, profile gates) that stand in the way of approving `recommendation` today:
    the conditions rule (`certificate_blockers`) and the profile's preconditions, checked
    again because the school's profile may have changed since submission."""
    if recommendation is None or recommendation.outcome is Outcome.reject:
        return [], []
    covered = {action.criterion_id for action in recommendation.actions
               if action.criterion_id is not None and action.due_on is not None}
    if recommendation.outcome is Outcome.approve:
        covered = set()
    return certificate_blockers(assessment, covered), unmet_profile_gates(assessment.school, assessment.plan)


def _require_gates(assessment: Assessment, recommendation: Recommendation) -> None:
    blockers, _gates = approval_gates(assessment, recommendation)
    if blockers:
        raise ReviewError(lazy_text("Goedkeuren kan niet: %(why)s", why=describe_blockers(blockers)))
    try:
        require_profile_gates(assessment.school, assessment.plan)
    except ProfileIncomplete as exc:
        raise ReviewError(exc.message) from exc


def approve_recommendation(assessment: Assessment, by: User, comment: str = ""):
    """Confirm the recommendation. Approve (with or without conditions) moves the assessment
    to approved and issues the certificate in the same transaction; reject moves it to
    rejected and tells the school why, per criterion (the verdicts on its page). An approval
    is refused while a gate before the certificate is unmet (`approval_gates`)."""
    recommendation = _check(assessment, by)
    comment = _text(comment, "comment", required=False)
    approved = recommendation.outcome is not Outcome.reject
    if approved:
        _require_gates(assessment, recommendation)
    new_status = S.approved if approved else S.rejected
    _claim(assessment, "approve" if approved else "reject", by, recommendation_id=recommendation.id,
           reviewer_id=recommendation.reviewer_id, outcome=recommendation.outcome.value)
    recommendation.decision, recommendation.decided_by_id = Decision.confirmed, by.id
    recommendation.decided_at, recommendation.decision_comment = utcnow(), comment
    certificate = None
    if approved:
        for action in recommendation.actions:
            transition(action, "open", by)
        conditions = [{"text": a.description, "due_on": a.due_on,
                       **({"criterion": a.criterion.code} if a.criterion_id is not None else {})}
                      for a in recommendation.actions] or None
        certificates = recommendation_approved.send(assessment, by=by, conditions=conditions)
        if len(certificates) != 1:  # a wiring fault (certification's init_app), never the user's
            raise RuntimeError("an approved recommendation must issue exactly one certificate")
        certificate = certificates[0]
        for action in recommendation.actions:
            action.certificate_id = certificate.id
    notify(school_members(assessment), "decision", school_link(assessment), school=assessment.school.name,
           decision=new_status.value)
    db.session.commit()
    return certificate


def send_back_recommendation(assessment: Assessment, by: User, comment: str) -> None:
    """The second assessor disagrees or has questions: the review reopens with comments."""
    recommendation = _check(assessment, by)
    comment = _text(comment, "comment")
    _claim(assessment, "send_back", by, recommendation_id=recommendation.id)
    recommendation.decision, recommendation.decided_by_id = Decision.sent_back, by.id
    recommendation.decided_at, recommendation.decision_comment = utcnow(), comment
    for action in recommendation.actions:
        transition(action, "drop", by)
    notify([recommendation.reviewer], "sent_back", review_link(assessment), school=assessment.school.name)
    db.session.commit()
