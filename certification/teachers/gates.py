"""The teacher registry's part of the gates before a certificate (recommendation 5.1): a
school that teaches minors links at least one teacher who works with minors, and every such
teacher's registration is active. Answers `compliance.gates.profile_gates_requested`."""

from flask_babel import lazy_gettext as _l

from certification.teachers.models import TeacherStatus
from certification.teachers.services.employment import teachers_for_school
from compliance.gates import Gate, profile_gates_requested
from core.i18n import lazy_text


def teacher_gates(school, plan=None, preconditions=None, **_extra) -> list[Gate]:
    if preconditions is not None and not preconditions.active_teachers_for_minors:
        return []
    if not school.teaches_minors:
        return []

    rows = [row for row in teachers_for_school(school) if row.employment.works_with_minors]
    link = {"school_id": school.id}
    if not rows:
        return [Gate("teachers", _l("De school geeft les aan minderjarigen, maar er is geen docent gekoppeld die "
                                    "met minderjarigen werkt."), "teachers.school_teachers", link,
                     button=_l("Eerst een docent van minderjarigen koppelen"))]
    return [Gate("teachers", lazy_text("Werkt met minderjarigen zonder actieve registratie (status: %(status)s).",
                                status=row.status.label), "teachers.school_teachers", link,
                 subject=row.teacher.name, button=_l("Eerst de docenten in orde brengen"))
            for row in rows if row.status is not TeacherStatus.active]


def connect() -> None:
    profile_gates_requested.connect(teacher_gates)
