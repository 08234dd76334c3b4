"""What the public sees of one teacher: their public entry (the search is `registry.teachers`).

`public_entry()` is the only place that decides which facts about a teacher are public; the
page, the API and the export all use it. Never public: date of birth, address, e-mail,
phone, the internal note of a sanction, anything about minors. A restriction, suspension or
revocation shows its public category of reason (and a restriction what it restricts); a
temporary measure shows only that there is one.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from certification.teachers.models import Employment, Review, Teacher, TeacherStatus
from certification.teachers.numbers import parse_number
from certification.teachers.sanction_kinds import Restriction, SanctionReason
from certification.teachers.services.common import current_rules
from certification.teachers.services.employment import public_schools_for
from certification.teachers.status import cpd_on_track, vog_check
from core.dates import today
from core.extensions import db


def find_public_teacher(text: str) -> Teacher | None:
    """The public teacher with this number; InvalidRegistrationNumber for a mistyped one,
    None for an unknown number or a registration that is not public (yet)."""
    number = parse_number(text)
    teacher = db.session.execute(
        select(Teacher).where(Teacher.registration_number == number)
        .options(selectinload(Teacher.qualifications), selectinload(Teacher.vog_records),
                 selectinload(Teacher.cpd_records), selectinload(Teacher.employments).selectinload(Employment.school))
    ).scalar_one_or_none()
    if teacher is None or not teacher.status.is_public:
        return None
    return teacher


@dataclass(frozen=True)
class PublicEntry:
    registration_number: str
    name: str
    status: TeacherStatus
    until: date | None
    genres: list[str]
    qualification_kinds: list
    cpd_on_track: bool
    vog_current: bool
    schools: list
    restriction: Restriction | None = None
    reason_category: SanctionReason | None = None

    def as_json(self, url: str, school_url=None) -> dict:
        return {
            "registration_number": self.registration_number, "name": self.name, "status": self.status.value,
            "until": self.until.isoformat() if self.until else None,
            "restriction": self.restriction.value if self.restriction else None,
            "reason_category": self.reason_category.value if self.reason_category else None,
            "genres": self.genres,
            "qualifications": [kind.value for kind in self.qualification_kinds],
            "cpd_on_track": self.cpd_on_track, "vog_current": self.vog_current,
            "schools": [{"name": school.name, "city": school.city,
                         **({"url": school_url(school)} if school_url else {})} for school in self.schools],
            "url": url,
        }


def public_cpd_on_track(teacher: Teacher, rules, on: date) -> bool:
    """The register's public answer to "is this teacher's CPD on track?": the CPD rule
    (`status.cpd_on_track`), never for a revoked registration or before a plan exists. The
    sector figures count the same answer."""
    return bool(rules is not None and teacher.status is not TeacherStatus.revoked and cpd_on_track(teacher, rules, on))


def public_entry(teacher: Teacher, on: date | None = None) -> PublicEntry:
    on, rules = on or today(), current_rules()
    kinds = sorted({q.kind for q in teacher.qualifications if q.review is Review.approved}, key=lambda k: k.value)
    active_like = rules is not None and teacher.status is not TeacherStatus.revoked
    return PublicEntry(
        registration_number=teacher.registration_number, name=teacher.name, status=teacher.status,
        until=teacher.status_until if teacher.status is TeacherStatus.suspended else None,
        genres=list(teacher.genres or []), qualification_kinds=kinds,
        cpd_on_track=public_cpd_on_track(teacher, rules, on),
        vog_current=bool(active_like and vog_check(teacher, rules, on).met),
        schools=public_schools_for(teacher, on) if teacher.status is not TeacherStatus.revoked else [],
        **_public_sanction(teacher))


def _public_sanction(teacher: Teacher) -> dict:
    """What the register says about a sanction in force: its category and named restriction,
    except for a temporary measure (pending an investigation, it shows without a reason)."""
    if teacher.status not in _SANCTION_WITH_REASON:
        return {}
    restriction = teacher.sanction_restriction if teacher.status is TeacherStatus.restricted else None
    return {"restriction": restriction, "reason_category": teacher.sanction_category}


_SANCTION_WITH_REASON = (TeacherStatus.restricted, TeacherStatus.suspended, TeacherStatus.revoked)
