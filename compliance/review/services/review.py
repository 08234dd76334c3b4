"""The reviewer's steps: assignment, verdicts per criterion, information requests and the
school's answers, site visits, and the recommendation."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from accounts.models import User
from accounts.permissions import is_admin
from compliance.models import Answer, AnswerEvidence, Assessment, AssessmentStatus
from compliance.permissions import is_member
from compliance.review.errors import ReviewError
from compliance.review.models import (
    ActionStatus,
    CorrectiveAction,
    InformationRequest,
    Outcome,
    Recommendation,
    ReviewMessage,
    ReviewVerdict,
    SiteVisit,
)
from compliance.review.permissions import can_approve, can_review, may_be_assigned
from compliance.review.services.common import (
    admins,
    assessors,
    require,
    require_step,
    review_link,
    school_link,
    school_members,
)
from compliance.review.services.outcome import certificate_blockers, describe_blockers, evaluate_pass_rules
from compliance.services.evidence import Upload, store_uploads
from core.audit import record_event
from core.dates import add_months, today
from core.extensions import db
from core.i18n import lazy_text
from core.lifecycle import transition
from core.models import utcnow
from notifications import notify

S = AssessmentStatus
MAX_TEXT = 10_000
_NOT_REVIEWER = _l("Alleen de toegewezen beoordelaar zonder belangenconflict kan dit doen.")


def _text(value: str | None, field_name: str, *, required: bool = True) -> str:
    value = (value or "").replace("\r\n", "\n").strip()
    if required and not value:
        raise ReviewError(_l("Vul dit veld in."), field=field_name)
    if len(value) > MAX_TEXT:
        raise ReviewError(lazy_text("Hoogstens %(n)s tekens.", n=MAX_TEXT), field=field_name)
    return value


def notify_submitted(assessment: Assessment) -> None:
    """Receives compliance's `assessment_submitted`: the admins assign a reviewer."""
    notify(admins(), "assessment_submitted", review_link(assessment), school=assessment.school.name)


# --- assignment ---------------------------------------------------------------------------------------

def eligible_reviewers(assessment: Assessment) -> list[User]:
    return [user for user in assessors() if may_be_assigned(user, assessment)]


def assign_reviewer(assessment: Assessment, reviewer: User, by: User) -> None:
    """An admin assigns a submitted assessment to an assessor without a conflict; the review
    starts."""
    require(is_admin(by), _l("Alleen een beheerder wijst beoordelaars toe."))
    require_step(assessment, "start_review")
    require(may_be_assigned(reviewer, assessment),
            lazy_text("%(name)s kan deze zelfevaluatie niet beoordelen: geen beoordelaar, of een belangenconflict met "
               "de school.", name=reviewer.name))
    assessment.reviewer_id = reviewer.id
    transition(assessment, "start_review", by, reviewer_id=reviewer.id)
    notify([reviewer], "assigned", review_link(assessment), school=assessment.school.name)
    db.session.commit()


# --- verdicts -----------------------------------------------------------------------------------------

@dataclass
class VerdictInput:
    verdict: str
    finding_grade: str | None = None
    comment: str = ""
    visible_to_school: bool = False


def record_verdict(assessment: Assessment, answer: Answer, by: User, data: VerdictInput) -> ReviewVerdict:
    """The reviewer judges one criterion with a verdict and finding grade from the plan."""
    require(can_review(by, assessment), _NOT_REVIEWER)
    require_step(assessment, "review")
    plan = assessment.plan
    if data.verdict not in {v.code for v in plan.verdicts}:
        raise ReviewError(_l("Kies een oordeel uit de lijst."), field="verdict")
    grade = data.finding_grade or None
    if grade is not None and grade not in {g.code for g in plan.finding_grades}:
        raise ReviewError(_l("Kies een bevinding uit de lijst."), field="finding_grade")
    comment = _text(data.comment, "comment", required=False)
    row = db.session.execute(select(ReviewVerdict).where(ReviewVerdict.assessment_id == assessment.id,
                                                         ReviewVerdict.criterion_id == answer.criterion_id)
                             ).scalar_one_or_none()
    if row is None:
        row = ReviewVerdict(assessment_id=assessment.id, criterion_id=answer.criterion_id)
        db.session.add(row)
    row.verdict, row.finding_grade, row.comment = data.verdict, grade, comment
    row.visible_to_school = bool(data.visible_to_school and comment)
    row.updated_at, row.updated_by_id = utcnow(), by.id
    record_event("review.verdict_recorded", assessment, actor=by, details={
        "criterion": answer.criterion.code, "verdict": data.verdict, "finding_grade": grade,
        "visible_to_school": row.visible_to_school})
    db.session.commit()
    return row


# --- information requests ---------------------------------------------------------------------------

def open_request(assessment: Assessment) -> InformationRequest | None:
    return db.session.execute(select(InformationRequest).where(
        InformationRequest.assessment_id == assessment.id, InformationRequest.resubmitted_at.is_(None))
        .order_by(InformationRequest.id.desc()).limit(1)).scalar_one_or_none()


def request_information(assessment: Assessment, by: User, questions: dict[int, str]) -> InformationRequest:
    """Reopen the chosen criteria (answer id → question) for the school; only those become
    editable until the school resubmits."""
    require(can_review(by, assessment), _NOT_REVIEWER)
    require_step(assessment, "request_information")
    answers = {answer.id: answer for answer in assessment.answers}
    if not questions:
        raise ReviewError(_l("Kies minstens één eis om open te zetten."), field="criteria")
    if set(questions) - set(answers):
        raise ReviewError(_l("Kies eisen uit deze zelfevaluatie."), field="criteria")
    request = InformationRequest(assessment_id=assessment.id, asked_by_id=by.id)
    db.session.add(request)
    for answer_id, question in questions.items():
        answers[answer_id].reopened = True
        request.messages.append(ReviewMessage(answer_id=answer_id, author_id=by.id, from_school=False,
                                              body=_text(question, "question")))
    transition(assessment, "request_information", by,
               criteria=sorted(answers[a].criterion.code for a in questions))
    notify(school_members(assessment), "information_requested", school_link(assessment),
           school=assessment.school.name, count=len(questions))
    db.session.commit()
    return request


def answer_question(assessment: Assessment, answer: Answer, by: User, body: str,
                    uploads: list[Upload] = ()) -> ReviewMessage:
    """The school answers a reopened criterion in its thread, with text and new evidence
    (attached to the answer too)."""
    require(is_member(by, assessment.school_id), _l("Alleen de school beantwoordt deze vraag."))
    require_step(assessment, "answer_questions")
    request = open_request(assessment)
    require(request is not None and answer.reopened and answer.assessment_id == assessment.id,
            _l("Deze eis staat niet open voor aanvulling."))
    body = _text(body, "body")
    files = store_uploads(assessment.school, list(uploads), by, current_app.config["MAX_UPLOAD_MB"])
    attached = {row.evidence_id for row in answer.evidence_rows}
    for evidence in files:
        if evidence.id not in attached:
            answer.evidence_rows.append(AnswerEvidence(evidence_id=evidence.id, added_by_id=by.id))
    message = ReviewMessage(request=request, answer_id=answer.id, author_id=by.id, from_school=True, body=body,
                            evidence_ids=[evidence.id for evidence in files])
    db.session.add(message)
    answer.updated_at, answer.updated_by_id = utcnow(), by.id
    db.session.flush()
    record_event("review.question_answered", assessment, actor=by, details={
        "criterion": answer.criterion.code, "message_id": message.id, "evidence": message.evidence_ids})
    db.session.commit()
    return message


def resubmit_assessment(assessment: Assessment, by: User) -> None:
    """The school hands the reopened criteria back; they close again."""
    require(is_member(by, assessment.school_id), _l("Alleen de school dient opnieuw in."))
    require_step(assessment, "resubmit")
    request = open_request(assessment)
    answered = {m.answer_id for m in request.messages if m.from_school} if request else set()
    reopened = [answer for answer in assessment.answers if answer.reopened]
    missing = [answer.criterion.code for answer in reopened if answer.id not in answered]
    if missing:
        raise ReviewError(lazy_text("Beantwoord eerst de vraag bij: %(codes)s.", codes=", ".join(missing)))
    for answer in reopened:
        answer.reopened = False
    if request is not None:
        request.resubmitted_at, request.resubmitted_by_id = utcnow(), by.id
    transition(assessment, "resubmit", by)
    notify([assessment.reviewer], "resubmitted", review_link(assessment), school=assessment.school.name)
    db.session.commit()


def reply_and_resubmit(assessment: Assessment, by: User, replies: dict[int, tuple[str, list[Upload]]],
                       resubmit: bool) -> list[str]:
    """The school's one form for an information request: every reply typed there is stored
    in its criterion's thread (answer id → (text, uploads); empty ones are skipped), then,
    when asked, the assessment is resubmitted. A reply is never lost to the resubmission's
    refusal: the replies are stored first. Returns the codes of the criteria answered."""
    answers = {answer.id: answer for answer in assessment.answers}
    answered = []
    for answer_id, (body, uploads) in replies.items():
        answer = answers.get(answer_id)
        if answer is None or not (body or "").strip():
            continue
        answer_question(assessment, answer, by, body, uploads)
        answered.append(answer.criterion.code)
    if resubmit:
        resubmit_assessment(assessment, by)
    return answered


def threads(assessment: Assessment) -> dict[int, list[ReviewMessage]]:
    """Every message of every round, per answer id, oldest first."""
    rows = db.session.execute(select(ReviewMessage).join(InformationRequest)
                              .where(InformationRequest.assessment_id == assessment.id)
                              .options(joinedload(ReviewMessage.author)).order_by(ReviewMessage.id)).scalars()
    result: dict[int, list[ReviewMessage]] = {}
    for row in rows:
        result.setdefault(row.answer_id, []).append(row)
    return result


# --- site visit ---------------------------------------------------------------------------------------

def record_site_visit(assessment: Assessment, by: User, visited_on: date, announced: bool, rooms: list[str],
                      observations: str) -> SiteVisit:
    require(can_review(by, assessment), _NOT_REVIEWER)
    require_step(assessment, "review")
    if visited_on > today():
        raise ReviewError(_l("Leg een bezoek vast nadat het is geweest."), field="visited_on")
    visit = SiteVisit(assessment_id=assessment.id, visited_on=visited_on, announced=announced,
                      rooms_checked=list(rooms), observations=_text(observations, "observations"),
                      recorded_by_id=by.id)
    db.session.add(visit)
    db.session.flush()
    record_event("review.site_visit_recorded", assessment, actor=by, details={
        "visit_id": visit.id, "visited_on": visited_on.isoformat(), "announced": announced, "rooms": len(rooms)})
    db.session.commit()
    return visit


# --- recommendation -----------------------------------------------------------------------------------

@dataclass
class ActionInput:
    description: str
    due_on: date | None = None
    criterion_id: int | None = None


@dataclass
class RecommendationInput:
    outcome: Outcome
    rationale: str
    actions: list[ActionInput] = field(default_factory=list)


def default_due_on(assessment: Assessment) -> date:
    return add_months(today(), assessment.plan.rules.corrective_action_months)


def recommend(assessment: Assessment, by: User, data: RecommendationInput) -> Recommendation:
    """The reviewer recommends approve, approve with conditions (corrective actions with a
    deadline, the plan's by default) or reject, with a rationale. Every criterion needs a
    verdict first; a plain approval needs the pass rules met; conditions only for what the
    plan lets a corrective action settle (`certificate_blockers`)."""
    require(can_review(by, assessment), _NOT_REVIEWER)
    require_step(assessment, "recommend")
    rationale = _text(data.rationale, "rationale")
    outcome = evaluate_pass_rules(assessment)
    require(outcome.complete, _l("Geef eerst bij elke eis een oordeel."))
    if data.outcome is Outcome.approve and not outcome.passed:
        raise ReviewError(lazy_text("Goedkeuren zonder voorwaarden kan niet: %(why)s", why=" ".join(outcome.messages)),
                          field="outcome")
    actions = [a for a in data.actions if (a.description or "").strip()]
    if data.outcome is Outcome.approve_with_conditions and not actions:
        raise ReviewError(_l("Noem minstens één verbeteractie."), field="actions")
    if data.outcome is Outcome.approve_with_conditions:
        # Every action gets a deadline (the plan's by default), so an action on a criterion covers it.
        blockers = certificate_blockers(assessment, {a.criterion_id for a in actions if a.criterion_id is not None})
        if blockers:
            why = describe_blockers(blockers)
            raise ReviewError(lazy_text("Goedkeuren met voorwaarden kan niet: %(why)s", why=why), field="outcome")
    criteria = {answer.criterion_id for answer in assessment.answers}
    recommendation = Recommendation(assessment_id=assessment.id, reviewer_id=by.id, outcome=data.outcome,
                                    rationale=rationale)
    db.session.add(recommendation)
    due_default = default_due_on(assessment)
    for action in actions if data.outcome is Outcome.approve_with_conditions else []:
        if action.criterion_id is not None and action.criterion_id not in criteria:
            raise ReviewError(_l("Kies een eis uit deze zelfevaluatie."), field="actions")
        if action.due_on is not None and action.due_on <= today():
            raise ReviewError(_l("De termijn van een verbeteractie ligt in de toekomst."), field="actions")
        recommendation.actions.append(CorrectiveAction(
            assessment_id=assessment.id, criterion_id=action.criterion_id,
            description=_text(action.description, "actions"), due_on=action.due_on or due_default))
    transition(assessment, "recommend", by, outcome=data.outcome.value, actions=len(recommendation.actions))
    approvers = [user for user in assessors() if can_approve(user, assessment)]
    notify(approvers, "recommendation_ready", review_link(assessment), school=assessment.school.name)
    db.session.commit()
    return recommendation


def current_recommendation(assessment: Assessment) -> Recommendation | None:
    return db.session.execute(select(Recommendation).where(Recommendation.assessment_id == assessment.id)
                              .order_by(Recommendation.id.desc()).limit(1)).scalar_one_or_none()


def recommendations(assessment: Assessment) -> list[Recommendation]:
    return list(db.session.execute(select(Recommendation).where(Recommendation.assessment_id == assessment.id)
                                   .order_by(Recommendation.id)).scalars())


def site_visits(assessment: Assessment) -> list[SiteVisit]:
    return list(db.session.execute(select(SiteVisit).where(SiteVisit.assessment_id == assessment.id)
                                   .order_by(SiteVisit.visited_on)).scalars())


def actions_of(assessment: Assessment) -> list[CorrectiveAction]:
    return list(db.session.execute(select(CorrectiveAction).where(
        CorrectiveAction.assessment_id == assessment.id,
        CorrectiveAction.status.in_([ActionStatus.open, ActionStatus.reported, ActionStatus.closed]))
        .order_by(CorrectiveAction.due_on)).scalars())


def age_days(assessment: Assessment) -> int:
    return (utcnow() - (assessment.submitted_at or assessment.status_changed_at)).days


REVIEW_WEEKS = 6  # the alliance's service level: a decision within six weeks of submission


def deadline(assessment: Assessment) -> date | None:
    return (assessment.submitted_at + timedelta(weeks=REVIEW_WEEKS)).date() if assessment.submitted_at else None
