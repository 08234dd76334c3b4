"""The school owner's part of the home page: each school they manage, its open
self-assessment and what is still missing, in a fixed number of queries."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from accounts.models import User
from compliance.models import Answer, Assessment, AssessmentStatus, School, SchoolMember
from compliance.services.assessments import Missing, answer_problems
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
