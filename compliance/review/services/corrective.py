"""Corrective actions after an approval with conditions: the school reports each done with
evidence, the reviewer closes it; the daily job reminds 14 days before the deadline and
once it has passed, each reminder once."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from accounts.models import User
from compliance.permissions import is_member
from compliance.review.models import ActionStatus, CorrectiveAction
from compliance.review.permissions import can_review
from compliance.review.services.common import require, review_link, school_link, school_members
from compliance.review.services.review import _text
from compliance.services.evidence import Upload, store_uploads
from core.audit import record_event
from core.dates import today
from core.extensions import db
from core.lifecycle import guard, transition
from core.models import utcnow
from notifications import notify

REMIND_DAYS = 14


def report_action(action: CorrectiveAction, by: User, text: str, uploads: list[Upload] = ()) -> None:
    assessment = action.assessment
    require(is_member(by, assessment.school_id), _l("Alleen de school meldt een verbeteractie als gedaan."))
    guard(action, "report")
    action.report_text = _text(text, "report_text")
    files = store_uploads(assessment.school, list(uploads), by, current_app.config["MAX_UPLOAD_MB"])
    action.evidence_ids = [evidence.id for evidence in files]
    transition(action, "report", by, evidence=action.evidence_ids)
    notify([assessment.reviewer], "action_reported", review_link(assessment), school=assessment.school.name)
    db.session.commit()


def close_action(action: CorrectiveAction, by: User) -> None:
    assessment = action.assessment
    require(can_review(by, assessment), _l("Alleen de beoordelaar sluit een verbeteractie af."))
    transition(action, "close", by)
    db.session.commit()


@dataclass
class DailyReport:
    due: int = 0
    overdue: int = 0


def run_daily(on: date | None = None) -> DailyReport:
    """Remind the school of open actions due within 14 days, and the school and the reviewer
    of overdue ones. Rows are claimed (SKIP LOCKED on PostgreSQL) and marked, so running
    twice, or on two nodes at once, sends each reminder once."""
    on = on or today()
    report = DailyReport()
    due = db.session.execute(select(CorrectiveAction).where(
        CorrectiveAction.status == ActionStatus.open, CorrectiveAction.reminded_due_at.is_(None),
        CorrectiveAction.due_on >= on, CorrectiveAction.due_on <= on + timedelta(days=REMIND_DAYS))
        .with_for_update(skip_locked=True)).scalars().all()
    for action in due:
        action.reminded_due_at = utcnow()
        notify(school_members(action.assessment), "action_due", school_link(action.assessment),
               school=action.assessment.school.name, due=action.due_on.isoformat())
        record_event("corrective_action.reminded", action.assessment, details={"action_id": action.id})
        report.due += 1
    overdue = db.session.execute(select(CorrectiveAction).where(
        CorrectiveAction.status == ActionStatus.open, CorrectiveAction.reminded_overdue_at.is_(None),
        CorrectiveAction.due_on < on).with_for_update(skip_locked=True)).scalars().all()
    for action in overdue:
        action.reminded_overdue_at = utcnow()
        assessment = action.assessment
        notify([*school_members(assessment), assessment.reviewer], "action_overdue", school_link(assessment),
               school=assessment.school.name, due=action.due_on.isoformat())
        record_event("corrective_action.overdue", assessment, details={"action_id": action.id})
        report.overdue += 1
    db.session.commit()
    return report
