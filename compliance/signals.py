"""The domain events compliance sends (core.events.Event): the packages above it react or
answer without compliance importing them. Receivers connect in their package's `init_app`.
"""

from core.events import Event

school_changed = Event("compliance.school-changed", """\
What the public registers show of a school changed: its name, city, genres or locations,
or an approved change of what its certificate states.
Sender: the school's id. No keywords. In the transaction: the registers follow the change
in the same commit. Sent by compliance.services.schools and compliance.services.changes.""")

profile_gates_requested = Event("compliance.profile-gates-requested", """\
Which of a plan's preconditions a school's profile does not meet, asked before submission,
approval and issuing a certificate (compliance.gates.unmet_profile_gates).
Sender: the school. Keywords: `plan`, `preconditions` (the plan's `rules.preconditions`).
In the transaction; a receiver answers with a list of unmet `compliance.gates.Gate`s (or
nothing); compliance adds them to its own.""")

statement_approved = Event("compliance.statement-approved", """\
An admin approved a change of what a school's certificate states, and it has been applied
to the school (compliance.services.changes.approve_change).
Sender: the SchoolChangeRequest. No keywords. In the transaction: the certificate follows
what was approved in the same commit.""")

recommendation_approved = Event("compliance.recommendation-approved", """\
The second assessor approved a recommendation to certify (with or without conditions); the
assessment is now approved (compliance.review.services.decision.approve_recommendation).
Sender: the Assessment. Keywords: `by` (the approving user), `conditions` (a list of
`{"text", "due_on", "criterion"?}` for the corrective actions, or None). In the
transaction: a receiver issues the certificate and answers with it; compliance links the
corrective actions to it, and the approval and the certificate commit together.""")

teacher_panel_requested = Event("compliance.teacher-panel-requested", """\
Whether an assessment page shows the live panel of the school's teachers, and what is in it
(compliance.views.assessments.teachers_if_asked), asked when a page shows `criteria`.
Sender: the school. Keyword: `criteria` (the criteria on the page). In the transaction (it
only reads); a receiver answers with the school's teachers when one of the criteria is
about teachers, else None.""")

assessment_submitted = Event("compliance.assessment-submitted", """\
A school submitted its self-assessment (compliance.services.assessments.submit_assessment).
Sender: the Assessment. No keywords. In the transaction: the review workflow
(compliance.review, above the school's side) tells the admins to assign a reviewer, a
notification that commits with the submission.""")

statement_under_review = Event("compliance.statement-under-review", """\
Whether what a school states (name, KvK number, address, locations) is shown to the public,
so that a change to it waits for an admin's approval. Sender: the School. A receiver answers
True when its package shows the statement (certification: a live certificate). A question,
asked in the caller's transaction; nothing changes.""")

assessment_view_requested = Event("compliance.assessment-view-requested", """\
Whether an assessor who is not the assessment's reviewer may see it (compliance.permissions).
Sender: the Assessment; keyword `user`. A receiver answers True for the roles it adds
(compliance.review: the second assessor while a recommendation waits). A question; nothing
changes.""")
