"""The assessment lifecycle: which step may follow which, and the one helper that takes a step.

    draft → submitted → in_review ⇄ information_requested → recommended → approved | rejected
    draft → withdrawn

`transition()` is called inside a service's transaction; the service commits.
"""


from compliance.errors import InvalidTransition
from compliance.models import Assessment, AssessmentStatus
from core.audit import record_event
from core.i18n import lazy_text
from core.models import utcnow

S = AssessmentStatus
TRANSITIONS: dict[AssessmentStatus, frozenset[AssessmentStatus]] = {
    S.draft: frozenset({S.submitted, S.withdrawn}),
    S.submitted: frozenset({S.in_review}),
    S.in_review: frozenset({S.information_requested, S.recommended}),
    S.information_requested: frozenset({S.in_review}),
    S.recommended: frozenset({S.approved, S.rejected, S.in_review}),  # in_review: sent back (four eyes)
    S.approved: frozenset(),
    S.rejected: frozenset(),
    S.withdrawn: frozenset(),
}
assert set(TRANSITIONS) == set(AssessmentStatus)  # noqa: S101  (every state has a row)

# The audit action written for each target state.
ACTIONS = {
    S.submitted: "assessment.submitted",
    S.in_review: "assessment.review_started",
    S.information_requested: "assessment.information_requested",
    S.recommended: "assessment.recommended",
    S.approved: "assessment.approved",
    S.rejected: "assessment.rejected",
    S.withdrawn: "assessment.withdrawn",
}


def can_transition(assessment: Assessment, new_status: AssessmentStatus) -> bool:
    return new_status in TRANSITIONS[assessment.status]


def transition(assessment: Assessment, new_status: AssessmentStatus, by, *, details: dict | None = None,
               action: str | None = None) -> None:
    """Move `assessment` to `new_status` and write the audit event; raise InvalidTransition
    when its current state does not allow the step. Does not commit."""
    old = assessment.status
    if not can_transition(assessment, new_status):
        raise InvalidTransition(lazy_text("Dit kan niet: de zelfevaluatie heeft de status ‘%(status)s’.",
                                   status=old.label))
    assessment.status = new_status
    assessment.status_changed_at = utcnow()
    record_event(action or ACTIONS[new_status], assessment, actor=by,
                 details={"from": old.value, "to": new_status.value, "school_id": assessment.school_id,
                          **(details or {})})
