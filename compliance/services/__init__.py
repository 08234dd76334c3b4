"""The compliance package's rules and transactions. Views, the CLI and later the review
workflow call these; each state change commits its own transaction and writes an audit
event, and e-mail is queued in the same transaction (sent after the commit).

The assessment lifecycle is declared on the model (`Assessment.lifecycle`) and every step
goes through `core.lifecycle.transition()`; the school's steps are `start_assessment`,
`save_answer`, `submit_assessment` and `withdraw_assessment`.
"""

from compliance.errors import ComplianceError, IncompleteAssessment, InvalidTransition
from compliance.models import AssessmentStatus
from compliance.services.assessments import (
                                             MAX_NARRATIVE_CHARS,
                                             AnswerInput,
                                             DomainSection,
                                             Missing,
                                             answer_problems,
                                             assessments_for_school,
                                             load_assessment,
                                             min_narrative_chars,
                                             missing_items,
                                             open_assessment,
                                             resync_draft,
                                             save_answer,
                                             save_answers,
                                             sections,
                                             start_assessment,
                                             submit_assessment,
                                             withdraw_assessment,
)
from compliance.services.changes import (
                                             approve_change,
                                             pending_changes,
                                             refuse_change,
                                             statement_is_reviewed,
)
from compliance.services.evidence import Upload, clean_filename, evidence_for_school, store_uploads
from compliance.services.schools import (
                                             SchoolData,
                                             accept_invitation,
                                             add_location,
                                             add_room,
                                             invitation_from_token,
                                             invite_member,
                                             pending_invitations,
                                             register_school,
                                             remove_location,
                                             remove_member,
                                             remove_room,
                                             revoke_invitation,
                                             schools_for,
                                             update_advisor,
                                             update_location,
                                             update_room,
                                             update_school,
)

__all__ = [
    "MAX_NARRATIVE_CHARS", "AnswerInput", "AssessmentStatus", "ComplianceError",
    "DomainSection", "IncompleteAssessment", "InvalidTransition", "Missing", "SchoolData", "Upload",
    "accept_invitation", "add_location", "approve_change", "pending_changes", "refuse_change",
    "statement_is_reviewed", "add_room", "answer_problems", "assessments_for_school",
    "clean_filename", "evidence_for_school", "invitation_from_token", "invite_member", "load_assessment",
    "min_narrative_chars", "missing_items", "open_assessment", "pending_invitations", "register_school",
    "remove_location", "remove_member", "remove_room", "resync_draft", "revoke_invitation", "save_answer",
    "save_answers",
    "schools_for", "sections", "start_assessment", "store_uploads", "submit_assessment",
    "update_advisor", "update_location", "update_room", "update_school", "withdraw_assessment",
]
