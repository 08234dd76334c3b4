"""Keeping the registers' search indexes current: the receivers of the events that
certification (and compliance) send when what the registers show may have changed. Each
runs in the sender's transaction, so an index never shows a change that rolled back.

`refresh_school(school_id)` is the one way to bring a school's entries up to date: its own
entry in the school register and its teachers' entries (which list and search the cities of
their certified schools).
"""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from certification.teachers.models import Employment, Teacher
from core.extensions import db
from registry.models import SCHOOL_SEARCH_INDEX, TEACHER_SEARCH_INDEX
from registry.search.schools import reindex_school
from registry.search.teachers import reindex_teacher


def refresh_school(school_id: int) -> None:
    """The school entered the register or its details changed: its own entry and its
    teachers' entries follow, in the caller's transaction."""
    db.session.flush()
    reindex_school(db.session, school_id)
    refresh_school_teachers(school_id)


def refresh_school_teachers(school_id: int) -> None:
    """The teacher registry shows a teacher's certified schools (and searches their cities);
    when a school starts or stops counting as certified, its teachers' entries follow."""
    db.session.flush()
    teachers = db.session.execute(
        select(Teacher).join(Employment, Employment.teacher_id == Teacher.id)
        .where(Employment.school_id == school_id, Employment.until.is_(None))
        .options(selectinload(Teacher.employments).selectinload(Employment.school))).unique().scalars().all()
    for teacher in teachers:
        reindex_teacher(db.session, teacher)


# --- receivers (connected in registry.init_app) --------------------------------------------------

def school_changed(sender=None, *, school_id: int | None = None, **_extra) -> None:
    """Compliance: a school's name, city, genres or locations changed. The school comes as
    `school_id=` or as the sender (a School or its id)."""
    if school_id is None:
        school_id = getattr(sender, "id", sender)
    refresh_school(school_id)


def on_teacher_changed(teacher, **_extra) -> None:
    reindex_teacher(db.session, teacher)


def on_certificate_issued(certificate, **_extra) -> None:
    refresh_school(certificate.school_id)


def on_certificate_status_changed(certificate, *, old, new, **_extra) -> None:
    if old.is_listed != new.is_listed:
        refresh_school_teachers(certificate.school_id)


def optimize_teacher_index(_report=None, **_extra) -> None:
    TEACHER_SEARCH_INDEX.optimize(db.session.connection())


def optimize_school_index(_report=None, **_extra) -> None:
    SCHOOL_SEARCH_INDEX.optimize(db.session.connection())
