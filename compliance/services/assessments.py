"""The school's side of the self-assessment: start, answer with narrative and evidence,
see what is missing, submit, withdraw.

Accountability must not become a tick-box list (recommendation 3.6): every answer carries
a rating and a narrative, and a mandatory criterion also its evidence.
"""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from accounts.models import User
from compliance.errors import ComplianceError, IncompleteAssessment
from compliance.gates import require_profile_gates
from compliance.models import Answer, AnswerEvidence, Assessment, AssessmentStatus, EvidenceLink, School
from compliance.services.evidence import Upload, attach_existing, store_uploads
from compliance.signals import assessment_submitted
from compliance.validation import clean_url
from core.audit import record_event
from core.extensions import db
from core.i18n import lazy_plural, lazy_text
from core.lifecycle import transition
from core.mail import queue_mail
from core.models import utcnow
from standards import DEFAULT_PLAN_CODE
from standards.models import Criterion, Domain, QualityPlan
from standards.services import applicable_criteria, current_plan

MAX_NARRATIVE_CHARS = 20_000


# --- reading ---------------------------------------------------------------------------------------------

def load_assessment(assessment_id: int) -> Assessment | None:
    """An assessment with its school, plan, answers, criteria and evidence, in a fixed
    number of queries however many answers it holds."""
    return db.session.execute(select(Assessment).where(Assessment.id == assessment_id).options(
        joinedload(Assessment.school), joinedload(Assessment.plan),
        selectinload(Assessment.answers).options(
            joinedload(Answer.criterion).joinedload(Criterion.domain),
            selectinload(Answer.evidence_rows).joinedload(AnswerEvidence.evidence),
            selectinload(Answer.links)),
    )).unique().scalar_one_or_none()


def assessments_for_school(school: School) -> list[Assessment]:
    return list(db.session.execute(select(Assessment).where(Assessment.school_id == school.id)
                                   .options(joinedload(Assessment.plan))
                                   .order_by(Assessment.id.desc())).scalars())


def open_assessment(school: School) -> Assessment | None:
    return db.session.execute(select(Assessment).where(
        Assessment.school_id == school.id,
        Assessment.status.in_([s for s in AssessmentStatus if s.is_open]))).scalar_one_or_none()


@dataclass
class DomainSection:
    domain: Domain
    answers: list[Answer]
    complete: int = 0

    @property
    def total(self) -> int:
        return len(self.answers)

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.total) if self.total else 100


def sections(assessment: Assessment) -> list[DomainSection]:
    """The assessment's answers grouped by domain in plan order, with each domain's progress."""
    result: dict[int, DomainSection] = {}
    for answer in assessment.answers:
        domain = answer.criterion.domain
        section = result.setdefault(domain.id, DomainSection(domain, []))
        section.answers.append(answer)
        if not answer_problems(answer, assessment.plan):
            section.complete += 1
    return sorted(result.values(), key=lambda s: s.domain.position)


def min_narrative_chars(answer: Answer, plan: QualityPlan) -> int:
    return plan.rules.min_narrative_chars_mandatory if answer.criterion.mandatory else 1


def answer_problems(answer: Answer, plan: QualityPlan) -> list[str]:
    """What an answer still needs before the assessment can be submitted."""
    problems = []
    if answer.carried_over:
        problems.append(str(_l("Overgenomen uit de vorige zelfevaluatie: bevestig of wijzig dit antwoord.")))
    if answer.rating is None:
        problems.append(str(_l("Kies een score.")))
    narrative = (answer.narrative or "").strip()
    if not narrative:
        problems.append(str(_l("Schrijf een toelichting.")))
    elif len(narrative) < min_narrative_chars(answer, plan):
        problems.append(str(lazy_text(
                "De toelichting is korter dan %(n)s tekens; beschrijf hoe het in de praktijk gaat.",
                               n=min_narrative_chars(answer, plan))))
    if answer.criterion.mandatory and not answer.has_evidence:
        problems.append(str(_l("Voeg bewijs toe: een bestand of een link.")))
    return problems


@dataclass
class Missing:
    answer: Answer
    problems: list[str]


def missing_items(assessment: Assessment) -> list[Missing]:
    return [Missing(answer, problems) for answer in assessment.answers
            if (problems := answer_problems(answer, assessment.plan))]


# --- start -------------------------------------------------------------------------------------------------

def _new_answers(plan: QualityPlan, school: School, start: int = 0) -> list[Answer]:
    return [Answer(criterion=criterion, position=start + index, narrative="")
            for index, criterion in enumerate(applicable_criteria(plan, school.school_type, school.teaches_minors))]


def start_assessment(school: School, by: User) -> Assessment:
    """Start a self-assessment on the current published plan, holding only the criteria that
    apply to this school (its type, and whether it teaches minors). A school has one open
    assessment at a time."""
    plan = current_plan(DEFAULT_PLAN_CODE)
    if plan is None:
        raise ComplianceError(_l("Er is nog geen kwaliteitsplan gepubliceerd. Probeer het later opnieuw."))
    if open_assessment(school) is not None:
        raise ComplianceError(_l("Deze school heeft al een zelfevaluatie die nog loopt. Ga daarmee verder."))
    answers = _new_answers(plan, school)
    previous = last_approved(school)
    carried = _carry_over(previous, answers, by) if previous is not None else 0
    assessment = Assessment(school=school, plan=plan, status=AssessmentStatus.draft, created_by_id=by.id)
    db.session.add(assessment)
    assessment.answers.extend(answers)
    try:
        db.session.flush()
    except IntegrityError:  # someone else started one at the same moment
        db.session.rollback()
        raise ComplianceError(_l("Deze school heeft al een zelfevaluatie die nog loopt. Ga daarmee verder."))
    record_event("assessment.started", assessment, actor=by, details={
        "school_id": school.id, "plan": f"{plan.code} {plan.version}", "criteria": len(assessment.answers),
        "carried_over_from": previous.id if previous is not None else None, "carried_over": carried})
    db.session.commit()
    return assessment


def last_approved(school: School) -> Assessment | None:
    """The school's most recent approved assessment, with its answers and their evidence."""
    return db.session.execute(select(Assessment).where(
        Assessment.school_id == school.id, Assessment.status == AssessmentStatus.approved)
        .order_by(Assessment.status_changed_at.desc(), Assessment.id.desc()).limit(1)
        .options(selectinload(Assessment.answers).options(
            joinedload(Answer.criterion), selectinload(Answer.evidence_rows), selectinload(Answer.links)))
    ).scalar_one_or_none()


def _carry_over(previous: Assessment, answers: list[Answer], by: User) -> int:
    """A renewal starts from what was approved: each criterion with the same code gets the
    previous rating, narrative, files and links, marked to be confirmed or changed."""
    old = {answer.criterion.code: answer for answer in previous.answers}
    now, carried = utcnow(), 0
    for answer in answers:
        source = old.get(answer.criterion.code)
        if source is None:
            continue
        answer.rating, answer.narrative, answer.carried_over = source.rating, source.narrative, True
        answer.evidence_rows = [AnswerEvidence(evidence_id=row.evidence_id, added_at=now, added_by_id=by.id)
                                for row in source.evidence_rows]
        answer.links = [EvidenceLink(url=link.url, title=link.title, added_at=now, added_by_id=by.id)
                        for link in source.links]
        carried += 1
    return carried


def resync_draft(school: School, by: User) -> list[str]:
    """After a change of school type or of teaching minors, the draft holds exactly the
    criteria that now apply. Does not commit (the caller's transaction does)."""
    draft = db.session.execute(select(Assessment).where(Assessment.school_id == school.id,
                                                        Assessment.status == AssessmentStatus.draft)
                               ).scalar_one_or_none()
    if draft is None:
        return []
    wanted = {c.id: c for c in applicable_criteria(draft.plan, school.school_type, school.teaches_minors)}
    have = {answer.criterion_id: answer for answer in draft.answers}
    removed = [answer for criterion_id, answer in have.items() if criterion_id not in wanted]
    for answer in removed:
        draft.answers.remove(answer)
    for criterion_id, criterion in wanted.items():
        if criterion_id not in have:
            draft.answers.append(Answer(criterion=criterion, narrative=""))
    order = {criterion_id: index for index, criterion_id in enumerate(wanted)}
    for answer in draft.answers:
        answer.position = order[answer.criterion.id]
    added = len(wanted) - (len(have) - len(removed))
    if not (added or removed):
        return []
    record_event("assessment.criteria_changed", draft, actor=by, details={
        "added": added, "removed": [answer.criterion.code for answer in removed]})
    return [str(lazy_text(
            "De eisen in je concept-zelfevaluatie passen nu bij je school: %(added)s erbij, %(removed)s eraf.",
                   added=added, removed=len(removed)))]


# --- answering -----------------------------------------------------------------------------------------

@dataclass
class AnswerInput:
    """What one criterion's form sends: rating, narrative and changes to its evidence."""

    rating: int | None
    narrative: str
    uploads: list[Upload] = field(default_factory=list)
    attach_evidence_id: int | None = None
    detach_evidence_ids: list[int] = field(default_factory=list)
    link_url: str | None = None
    link_title: str | None = None
    remove_link_ids: list[int] = field(default_factory=list)
    confirm_carried_over: bool = False  # "still true" on an answer copied from the last approval
    evidence_valid_until: date | None = None  # for the files uploaded with this save


def save_answer(answer: Answer, by: User, data: AnswerInput) -> None:
    """Save one criterion on its own, all of it or nothing. Incomplete answers are fine in a
    draft: completeness counts only at submission."""
    assessment = answer.assessment
    if not answer.is_editable_by_school:
        raise ComplianceError(_l("Dit antwoord kun je niet meer wijzigen: de zelfevaluatie is ingediend. Een "
                                 "beoordelaar kan een eis voor je openzetten als er iets moet worden aangevuld."))
    if data.rating is not None and data.rating not in {point.value for point in assessment.plan.rating_scale}:
        raise ComplianceError(_l("Kies een score uit de lijst."), field="rating")
    narrative = (data.narrative or "").replace("\r\n", "\n").strip()
    if len(narrative) > MAX_NARRATIVE_CHARS:
        raise ComplianceError(lazy_text("De toelichting is te lang: hoogstens %(n)s tekens.", n=MAX_NARRATIVE_CHARS),
                              field="narrative")
    link_url = None
    if data.link_url and data.link_url.strip():
        try:
            link_url = clean_url(data.link_url)
        except ValueError as exc:
            raise ComplianceError(exc.args[0], field="link_url")
    try:
        _apply_answer(answer, by, data, narrative, link_url)
    except ComplianceError:
        db.session.rollback()
        raise
    db.session.commit()


def _apply_answer(answer: Answer, by: User, data: AnswerInput, narrative: str, link_url: str | None) -> None:
    assessment, school = answer.assessment, answer.assessment.school
    chosen = attach_existing(school, data.attach_evidence_id) if data.attach_evidence_id else None
    added = store_uploads(school, data.uploads, by, current_app.config["MAX_UPLOAD_MB"])
    if data.evidence_valid_until is not None:
        for evidence in added:
            evidence.valid_until = data.evidence_valid_until
    if chosen is not None:
        added.append(chosen)
    attached = {row.evidence_id for row in answer.evidence_rows}
    now = utcnow()
    new_ids = []
    for evidence in added:
        if evidence.id not in attached:
            answer.evidence_rows.append(AnswerEvidence(evidence_id=evidence.id, added_at=now, added_by_id=by.id))
            attached.add(evidence.id)
            new_ids.append(evidence.id)
    detached = [row for row in answer.evidence_rows if row.evidence_id in set(data.detach_evidence_ids)
                and row.evidence_id not in new_ids]
    for row in detached:
        answer.evidence_rows.remove(row)
    removed_links = [link for link in answer.links if link.id in set(data.remove_link_ids)]
    for link in removed_links:
        answer.links.remove(link)
    if link_url:
        title = (data.link_title or "").strip()[:200] or link_url[:200]
        answer.links.append(EvidenceLink(url=link_url, title=title, added_at=now, added_by_id=by.id))
    confirmed = answer.carried_over
    answer.rating = data.rating
    answer.narrative = narrative
    answer.carried_over = False  # saved by the school: confirmed or changed
    answer.updated_at = now
    answer.updated_by_id = by.id
    record_event("answer.saved", answer, actor=by, details={
        "assessment_id": assessment.id, "criterion": answer.criterion.code, "rating": data.rating,
        "narrative_chars": len(narrative), "evidence_added": new_ids,
        "evidence_removed": [row.evidence_id for row in detached], "link_added": link_url,
        "evidence_valid_until": data.evidence_valid_until.isoformat() if data.evidence_valid_until and added else None,
        "links_removed": [link.url for link in removed_links], "confirmed_carried_over": confirmed})


def _is_change(answer: Answer, data: AnswerInput) -> bool:
    narrative = (data.narrative or "").replace("\r\n", "\n").strip()
    return bool(data.confirm_carried_over and answer.carried_over or data.rating != answer.rating
                or narrative != (answer.narrative or "") or data.uploads
                or data.attach_evidence_id or data.detach_evidence_ids or (data.link_url or "").strip()
                or data.remove_link_ids)


def save_answers(by: User, inputs: list[tuple[Answer, AnswerInput]]) -> tuple[list[Answer], dict[int, ComplianceError]]:
    """The single save of a domain page: each criterion is saved on its own (all of it or
    nothing), so one criterion's refusal keeps the others' changes. Unchanged criteria are
    left alone. Returns (saved answers, {answer id: refusal})."""
    saved, refused = [], {}
    for answer, data in inputs:
        if not _is_change(answer, data):
            continue
        try:
            save_answer(answer, by, data)
        except ComplianceError as exc:
            refused[answer.id] = exc
        else:
            saved.append(answer)
    return saved, refused


# --- submit and withdraw ----------------------------------------------------------------------------

def submit_assessment(assessment: Assessment, by: User) -> None:
    """Hand the assessment in for review. Only a complete one: every criterion rated and
    explained, every mandatory criterion with evidence, and a profile that meets the plan's
    preconditions (`compliance.gates`). After this the school changes an answer only when an
    assessor reopens it."""
    if assessment.status is AssessmentStatus.draft:
        missing = missing_items(assessment)
        if missing:
            raise IncompleteAssessment(lazy_plural("Je kunt nog niet indienen: bij %(num)d eis ontbreekt nog iets.",
                                                   "Je kunt nog niet indienen: bij %(num)d eisen ontbreekt nog iets.",
                                                   len(missing)), missing)
        require_profile_gates(assessment.school, assessment.plan)
    transition(assessment, "submit", by, criteria=len(assessment.answers))
    for answer in assessment.answers:
        answer.reopened = False
    queue_mail(by.email, lazy_text("Zelfevaluatie ingediend: %(school)s", school=assessment.school.name),
               "assessment_submitted", locale=by.locale, user=by, assessment=assessment)
    assessment_submitted.send(assessment)  # the review tells the admins to assign a reviewer
    db.session.commit()


def withdraw_assessment(assessment: Assessment, by: User) -> None:
    """Withdraw a draft, e.g. to start over; it stays readable. A submitted assessment is
    with the assessors and cannot be withdrawn by the school."""
    transition(assessment, "withdraw", by)
    db.session.commit()
