"""The daily job that lets time do its work (sanctions: certification.sanctions): a VOG or CPD
cycle that runs out lapses the registration, a suspension that ends lifts itself, and
teachers hear 60 days ahead what is about to run out."""

import time
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from certification.teachers.models import Employment, Teacher, TeacherStatus
from certification.teachers.services.common import current_rules, refresh_status
from certification.teachers.signals import daily_run_finished
from certification.teachers.status import cpd_cycle, cpd_points, cpd_shortfall, vog_check
from core.audit import record_event
from core.dates import today
from core.extensions import db
from core.mail import queue_mail
from standards.vocabulary import CPD_CATEGORIES

WARN_DAYS = 60
BATCH = 500


def _with_status_inputs(query):
    return query.options(selectinload(Teacher.qualifications), selectinload(Teacher.vog_records),
                         selectinload(Teacher.signatures), selectinload(Teacher.cpd_records),
                         selectinload(Teacher.user),
                         selectinload(Teacher.employments).selectinload(Employment.school))


def refresh_statuses(status_in=None, on: date | None = None, actor=None, teacher_ids=None,
                     deadline: float | None = None) -> int:
    """Derive the status of many teachers again, in batches (one transaction each; rows
    another node is working on are skipped on PostgreSQL). Returns how many changed. With a
    `deadline` (time.monotonic()) it stops at the first batch that would start after it: a web
    request does what it can, `flask registry daily` the rest."""
    on, rules, changed, last_id = on or today(), current_rules(), 0, 0
    while deadline is None or time.monotonic() < deadline:
        query = select(Teacher).where(Teacher.id > last_id).order_by(Teacher.id).limit(BATCH)
        if status_in is not None:
            query = query.where(Teacher.status.in_(status_in))
        if teacher_ids is not None:
            query = query.where(Teacher.id.in_(teacher_ids))
        batch = db.session.execute(_with_status_inputs(query).with_for_update(skip_locked=True, of=Teacher)
                                   ).scalars().all()
        if not batch:
            return changed
        for teacher in batch:
            changed += refresh_status(teacher, actor=actor, rules=rules, on=on)
        last_id = batch[-1].id
        db.session.commit()
    return changed


def refresh_in_transaction(teacher_ids, actor=None) -> int:
    """Derive the status of these teachers again inside the caller's transaction (an import
    writes everything in one); the caller commits."""
    ids, rules, changed = sorted(set(teacher_ids)), current_rules(), 0
    for start in range(0, len(ids), BATCH):
        query = _with_status_inputs(select(Teacher).where(Teacher.id.in_(ids[start:start + BATCH])))
        for teacher in db.session.execute(query).scalars():
            changed += refresh_status(teacher, actor=actor, rules=rules)
    return changed


@dataclass
class DailyReport:
    changed: int
    vog_warnings: int
    cpd_warnings: int


def _warn(teacher: Teacher, rules, on: date) -> tuple[int, int]:
    """Tell a teacher 60 days ahead that their VOG or CPD cycle runs out; once per deadline."""
    vog, cpd = 0, 0
    check = vog_check(teacher, rules, on)
    if check.met and check.deadline and on >= check.deadline - timedelta(days=WARN_DAYS) \
            and teacher.vog_warned_for != check.deadline:
        teacher.vog_warned_for = check.deadline
        queue_mail(teacher.email, _l("Je VOG verloopt binnenkort"), "registry/warning", locale=teacher.mail_locale,
                   teacher=teacher, what="vog", deadline=check.deadline)
        record_event("teacher.warned", teacher, details={"about": "vog", "deadline": check.deadline.isoformat()})
        vog = 1
    cycle = cpd_cycle(teacher, rules, on)
    if cycle and on >= cycle[1] - timedelta(days=WARN_DAYS) and teacher.cpd_warned_for != cycle[1]:
        short = cpd_shortfall(cpd_points(teacher, cycle[0], cycle[1]), rules.cpd)
        if short:
            teacher.cpd_warned_for = cycle[1]
            queue_mail(teacher.email, _l("Je bijscholingspunten: de periode loopt bijna af"), "registry/warning",
                       locale=teacher.mail_locale, teacher=teacher, what="cpd", deadline=cycle[1], short=short,
                       categories=CPD_CATEGORIES)
            record_event("teacher.warned", teacher, details={"about": "cpd", "deadline": cycle[1].isoformat(),
                                                             "short": short})
            cpd = 1
    return vog, cpd


def run_daily(on: date | None = None, progress=None) -> DailyReport:
    """`flask registry daily`: every registration that time can change (active, lapsed and
    sanctioned ones) is derived again; active ones are warned ahead of their deadlines."""
    on, rules = on or today(), current_rules()
    report = DailyReport(0, 0, 0)
    if rules is None:
        return report
    last_id = 0
    statuses = [status for status in TeacherStatus if status not in (TeacherStatus.pending, TeacherStatus.revoked)]
    while True:
        query = (select(Teacher).where(Teacher.id > last_id, Teacher.status.in_(statuses)).order_by(Teacher.id)
                 .limit(BATCH))
        batch = db.session.execute(_with_status_inputs(query).with_for_update(skip_locked=True, of=Teacher)
                                   ).scalars().all()
        if not batch:
            break
        for teacher in batch:
            report.changed += refresh_status(teacher, rules=rules, on=on)
            if teacher.status is TeacherStatus.active:
                vog, cpd = _warn(teacher, rules, on)
                report.vog_warnings += vog
                report.cpd_warnings += cpd
        last_id = batch[-1].id
        db.session.commit()
        if progress:
            progress(len(batch))
    daily_run_finished.send(report)
    db.session.commit()
    return report
