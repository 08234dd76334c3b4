"""Schools and their teachers: a school links the teachers it employs by registration
number, and its self-assessment shows each one's registration status (criterion D7: every
teacher of minors actively registered)."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from certification.teachers.errors import RegistryError
from certification.teachers.models import Employment, Teacher, TeacherStatus
from certification.teachers.numbers import parse_number
from certification.teachers.services.common import clean_text, current_rules, refresh_status
from certification.teachers.signals import listed_school_ids
from certification.teachers.status import latest_checked_vog
from core.audit import record_event
from core.dates import add_months, today
from core.extensions import db
from core.i18n import lazy_text

# Recommendation 5.1 of the 2023 inquiry asks for certified teachers and a central registry;
# a criterion that implements it is a "teacher criterion" and shows the school's teachers.
TEACHER_RECOMMENDATION = "5.1"


def is_teacher_criterion(criterion) -> bool:
    return TEACHER_RECOMMENDATION in (criterion.recommendations or [])


def checked_employment(role: str, since: date | None) -> tuple[str, date]:
    role = clean_text(role, "role", _l("de functie"), max_length=100)
    if since is None:
        raise RegistryError(_l("Vul in sinds wanneer de docent bij jullie werkt."), field="since")
    if since > today() + timedelta(days=366):
        raise RegistryError(_l("Die datum ligt te ver in de toekomst."), field="since")
    return role, since


def find_by_number(text: str) -> Teacher:
    """The teacher with this registration number; a wrong check digit or an unknown number
    is refused with a message that says which."""
    number = parse_number(text)
    teacher = db.session.execute(select(Teacher).where(Teacher.registration_number == number)).scalar_one_or_none()
    if teacher is None:
        raise RegistryError(lazy_text("Er is geen docent met registratienummer %(number)s.", number=number),
                            field="registration_number")
    return teacher


def link_teacher(school, registration_number: str, role: str, works_with_minors: bool, since: date | None,
                 by) -> Employment:
    try:
        teacher = find_by_number(registration_number)
    except RegistryError as exc:
        exc.field = "registration_number"
        raise
    role, since = checked_employment(role, since)
    employment = db.session.execute(select(Employment).where(Employment.teacher_id == teacher.id,
                                                             Employment.school_id == school.id)).scalar_one_or_none()
    if employment is not None and employment.until is None:
        raise RegistryError(lazy_text("%(name)s is al aan jullie school gekoppeld.", name=teacher.name),
                            field="registration_number")
    if employment is None:
        employment = Employment(teacher=teacher, school=school, created_by_id=by.id)
        db.session.add(employment)
    employment.role, employment.works_with_minors, employment.since, employment.until = (
        role, bool(works_with_minors), since, None)
    db.session.flush()
    record_event("teacher.employment_added", employment, actor=by, details={
        "teacher_id": teacher.id, "school_id": school.id, "works_with_minors": bool(works_with_minors)})
    refresh_status(teacher, actor=by)
    db.session.commit()
    return employment


def end_employment(employment: Employment, by) -> None:
    if employment.until is not None:
        raise RegistryError(_l("Deze docent werkt al niet meer bij jullie."))
    employment.until = max(today(), employment.since + timedelta(days=1))
    record_event("teacher.employment_ended", employment, actor=by, details={
        "teacher_id": employment.teacher_id, "school_id": employment.school_id})
    refresh_status(employment.teacher, actor=by)
    db.session.commit()


@dataclass
class SchoolTeacher:
    employment: Employment
    teacher: Teacher
    minors_without_active: bool  # works with minors without an active registration
    vog_too_old_at_start: bool  # the VOG was older than the plan allows when they started here
    vog_profile_mismatch: bool  # works with minors on a VOG without the plan's screening profile

    @property
    def status(self) -> TeacherStatus:
        return self.teacher.status

    @property
    def not_active(self) -> bool:
        """The registration is not active (lapsed, restricted, suspended, revoked, ...),
        whether or not the teacher works with minors."""
        return self.teacher.status is not TeacherStatus.active

    @property
    def flagged(self) -> bool:
        return (self.minors_without_active or self.not_active or self.vog_too_old_at_start
                or self.vog_profile_mismatch)


def teachers_for_school(school, on: date | None = None) -> list[SchoolTeacher]:
    """The teachers a school employs now, each with their registration status and flags
    for those who work with minors without everything in order. Two queries in all."""
    on, rules = on or today(), current_rules()
    employments = db.session.execute(
        select(Employment).where(Employment.school_id == school.id, Employment.until.is_(None))
        .options(selectinload(Employment.teacher).selectinload(Teacher.vog_records))
        .order_by(Employment.since, Employment.id)).scalars().all()
    rows = []
    for employment in employments:
        teacher, minors = employment.teacher, employment.works_with_minors
        vog = latest_checked_vog(teacher)
        too_old = profile_mismatch = False
        if minors and rules is not None:
            too_old = vog is None or add_months(vog.issued_on, rules.vog.max_age_months_at_start) <= employment.since
            profile_mismatch = vog is not None and vog.screening_profile != rules.vog.screening_profile_minors
        rows.append(SchoolTeacher(employment, teacher, minors and teacher.status is not TeacherStatus.active,
                                  too_old, profile_mismatch))
    return sorted(rows, key=lambda row: (not row.flagged, row.teacher.last_name, row.teacher.first_name))


def public_schools_for(teacher: Teacher, on: date | None = None) -> list:
    """Schools the teacher works at now that the public registry lists (certified)."""
    on = on or today()
    current = [e.school for e in teacher.employments if e.is_current(on)]
    listed = listed_school_ids({school.id for school in current})
    return sorted((school for school in current if school.id in listed), key=lambda school: school.name)
