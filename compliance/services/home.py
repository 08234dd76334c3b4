"""The school owner's part of the home page: each school they manage, its open
self-assessment and what is still missing, in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from accounts.models import User
from compliance.models import Answer, AnswerEvidence, Assessment, AssessmentStatus, Evidence, School, SchoolMember
from compliance.services.assessments import Missing, answer_problems
from core.dates import today
from core.extensions import db
from standards.models import Criterion


@dataclass
class SchoolState:
    school: School
    assessment: Assessment | None  # the open one, else None
    complete: int = 0
    total: int = 0
    missing: list[Missing] = field(default_factory=list)

    @property
    def first_missing(self) -> Missing | None:
        return self.missing[0] if self.missing else None


def school_states(user: User) -> list[SchoolState]:
    """Every school the user manages, by name, with its open assessment's progress."""
    schools = list(db.session.execute(select(School).join(SchoolMember, SchoolMember.school_id == School.id)
                                      .where(SchoolMember.user_id == user.id).order_by(School.name)).scalars())
    if not schools:
        return []
    open_statuses = [status for status in AssessmentStatus if status.is_open]
    assessments = db.session.execute(select(Assessment).where(
        Assessment.school_id.in_([school.id for school in schools]), Assessment.status.in_(open_statuses))
        .options(joinedload(Assessment.plan), selectinload(Assessment.answers).options(
            joinedload(Answer.criterion).joinedload(Criterion.domain),
            selectinload(Answer.evidence_rows), selectinload(Answer.links)))).unique().scalars()
    by_school = {assessment.school_id: assessment for assessment in assessments}
    states = []
    for school in schools:
        assessment = by_school.get(school.id)
        state = SchoolState(school, assessment)
        if assessment is not None:
            state.total = len(assessment.answers)
            for answer in assessment.answers:
                problems = answer_problems(answer, assessment.plan)
                if problems:
                    state.missing.append(Missing(answer, problems))
            state.complete = state.total - len(state.missing)
        states.append(state)
    return states


def evidence_running_out(user: User, renewal_by_school: dict[int, date], within_days: int = 365) -> dict[int, list]:
    """{school id: evidence files with a "valid until" date before the school's next renewal
    (its certificate's end; without one, `within_days` from today)}, for the schools the
    user manages. Only files that support an answer count. One query."""
    default = today() + timedelta(days=within_days)
    latest = max([default, *renewal_by_school.values()])
    rows = db.session.execute(select(Evidence).join(SchoolMember, SchoolMember.school_id == Evidence.school_id).where(
        SchoolMember.user_id == user.id, Evidence.valid_until.is_not(None), Evidence.valid_until < latest,
        select(AnswerEvidence.evidence_id).where(AnswerEvidence.evidence_id == Evidence.id).exists())
        .order_by(Evidence.valid_until, Evidence.id)).scalars()
    result: dict[int, list] = {}
    for evidence in rows:
        if evidence.valid_until < renewal_by_school.get(evidence.school_id, default):
            result.setdefault(evidence.school_id, []).append(evidence)
    return result
