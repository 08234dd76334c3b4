"""The teacher registry's parts of the home pages: a teacher's own registration (status,
what is missing, the VOG's age, CPD progress in the running cycle) and an admin's
documents to check. One function each."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from certification.teachers.models import Teacher
from certification.teachers.services.common import current_rules
from certification.teachers.services.records import pending_count
from certification.teachers.status import StatusReport, cpd_cycle, cpd_points, derive_status, latest_checked_vog
from core.dates import today
from core.extensions import db


@dataclass
class TeacherTasks:
    teacher: Teacher | None  # None: the registration form still waits
    report: StatusReport | None = None
    vog_issued_on: date | None = None
    vog_age_months: int | None = None
    cpd_points: int = 0
    cpd_required: int = 0
    cpd_cycle_end: date | None = None


def teacher_tasks(user) -> TeacherTasks:
    teacher = db.session.execute(select(Teacher).where(Teacher.user_id == user.id).options(
        selectinload(Teacher.qualifications), selectinload(Teacher.vog_records), selectinload(Teacher.signatures),
        selectinload(Teacher.cpd_records))).scalar_one_or_none()
    if teacher is None:
        return TeacherTasks(None)
    rules, on = current_rules(), today()
    tasks = TeacherTasks(teacher, derive_status(teacher, rules, on))
    vog = latest_checked_vog(teacher)
    if vog is not None:
        tasks.vog_issued_on = vog.issued_on
        tasks.vog_age_months = (on.year - vog.issued_on.year) * 12 + on.month - vog.issued_on.month \
            - (on.day < vog.issued_on.day)
    if rules is not None:
        tasks.cpd_required = rules.cpd.min_points
        cycle = cpd_cycle(teacher, rules, on)
        if cycle is not None:
            tasks.cpd_points = cpd_points(teacher, *cycle)["total"]
            tasks.cpd_cycle_end = cycle[1]
    return tasks


@dataclass
class AdminRegistryTasks:
    documents_to_check: int


def admin_registry_tasks() -> AdminRegistryTasks:
    return AdminRegistryTasks(pending_count())
