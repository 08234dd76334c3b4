"""Access rules for the review pages. Every sample belongs to someone else: a school of
another owner, reviewed by another assessor. Admins see reviews; a random assessor sees
only what waits for a second assessor; the steps themselves belong to people the samples
do not include."""

from datetime import date

from accounts.models import Role
from compliance.review import services
from compliance.review.models import Relation
from notifications import notify
from tests.access_kit import LOGGED_IN, PUBLIC, roles
from tests.compliance.review import factories as rf

NOBODY = roles()  # only the assigned reviewer, the school's members or the owner of the row

RULES = {
    "review.queue": roles(Role.admin, Role.assessor),
    "review.assign": roles(Role.admin),
    "review.overview": roles(Role.admin),
    "review.criterion": roles(Role.admin),
    "review.save_verdict": NOBODY,
    "review.request_information": NOBODY,
    "review.site_visit": NOBODY,
    "review.recommend": NOBODY,
    "review.decide": roles(Role.admin, Role.assessor),  # a recommendation waits: any unconflicted assessor
    "review.decision": roles(Role.assessor),
    "review.close_action": NOBODY,
    "review.answer_question": NOBODY,
    "review.resubmit": NOBODY,
    "review.report_action": NOBODY,
    "review.conflicts": roles(Role.assessor),
    "review.withdraw_conflict": NOBODY,
    "review.assessors": PUBLIC,
    "notifications.inbox": LOGGED_IN,
    "notifications.mark_all_read": LOGGED_IN,
    "notifications.mark_read": NOBODY,
}


def _in_review():
    assessment, _reviewer = rf.in_review()
    return {"assessment_id": assessment.id}


def _criterion():
    assessment, _reviewer = rf.in_review()
    return {"assessment_id": assessment.id, "code": assessment.answers[0].criterion.code}


def _answer():
    assessment, _reviewer = rf.in_review()
    return {"assessment_id": assessment.id, "answer_id": assessment.answers[0].id}


def _recommended():
    assessment, _reviewer = rf.recommended()
    return {"assessment_id": assessment.id}


def _submitted():
    return {"assessment_id": rf.submitted_assessment().id}


def _action():
    assessment, _reviewer = rf.recommended(rf.Outcome.approve_with_conditions, [rf.action()])
    services.approve_recommendation(assessment, rf.make_assessor())
    return {"action_id": services.actions_of(assessment)[0].id}


def _declaration():
    declaration = services.declare_conflict(rf.make_assessor(), Relation.teacher, date(2020, 1, 1),
                                            organisation="Dansgroep Elders")
    return {"declaration_id": declaration.id}


def _notification():
    from core.extensions import db

    row = notify([rf.make_admin()], "assigned", "/beoordelen", school="Elders")[0]
    db.session.commit()
    return {"notification_id": row.id}


SAMPLES = {
    "review.assign": _submitted,
    "review.overview": _in_review,
    "review.criterion": _criterion,
    "review.save_verdict": _criterion,
    "review.request_information": _in_review,
    "review.site_visit": _in_review,
    "review.recommend": _in_review,
    "review.decide": _recommended,
    "review.decision": _recommended,
    "review.close_action": _action,
    "review.answer_question": _answer,
    "review.resubmit": _in_review,
    "review.report_action": _action,
    "review.withdraw_conflict": _declaration,
    "notifications.mark_read": _notification,
}


def _approved_assessment():
    assessment, _reviewer = rf.recommended()
    services.approve_recommendation(assessment, rf.make_assessor())
    return assessment


def _approved():
    return {"assessment_id": _approved_assessment().id}


def _approved_criterion():
    assessment = _approved_assessment()
    return {"assessment_id": assessment.id, "code": assessment.answers[0].criterion.code}


# The same URLs on assessments in other states (issue 12, finding 2): an unassigned assessor
# may neither see nor decide a review that no recommendation waits on.
STATE_SAMPLES = {
    "review.decide": [(_in_review, roles(Role.admin)), (_approved, roles(Role.admin))],
    "review.decision": [(_in_review, NOBODY), (_approved, NOBODY)],
    "review.overview": [(_recommended, roles(Role.admin, Role.assessor)), (_approved, roles(Role.admin))],
    "review.criterion": [(_approved_criterion, roles(Role.admin))],
}
