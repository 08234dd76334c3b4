"""The alliance reads a submitted monitoring report: an assessor (without a conflict) or an
admin acknowledges it, or asks questions in the report's thread; the school answers and
submits again (recommendation 5.3: every report is followed up)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from accounts.models import User
from certification.certificates.services import lift_monitoring_suspension
from compliance.models import SchoolMember
from core.audit import record_event
from core.extensions import db
from core.i18n import lazy_text
from core.lifecycle import transition
from notifications import link_for, notify
from reporting.errors import ReportError
from reporting.models import MonitoringMessage, MonitoringReport, ReportStatus
from reporting.permissions import can_fill_in, can_review_report
from reporting.privacy import describe, find_personal_data

MAX_MESSAGE = 2000


def _message(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ReportError(_l("Schrijf je vraag of antwoord."), field="body")
    if len(body) > MAX_MESSAGE:
        raise ReportError(lazy_text("Houd het korter: hoogstens %(max)s tekens.", max=MAX_MESSAGE), field="body")
    if found := find_personal_data(body):
        raise ReportError(describe(found), field="body")
    return body


def _reviewer(report: MonitoringReport, by) -> None:
    if not can_review_report(by, report):
        raise ReportError(_l("Alleen een beoordelaar zonder belang bij de school of een beheerder kan dit doen."))
    if report.status is not ReportStatus.submitted:
        raise ReportError(_l("Dit verslag wacht niet op een beoordeling."))


def acknowledge_report(report: MonitoringReport, by) -> MonitoringReport:
    """Accept the report: it becomes read-only, and a suspension for the overdue report ends."""
    _reviewer(report, by)
    transition(report, "acknowledge", by)
    lift_monitoring_suspension(report.certificate, by)
    db.session.commit()
    return report


def ask_questions(report: MonitoringReport, by, body: str) -> MonitoringReport:
    """Ask the school something: it may change its answers and submit again."""
    body = _message(body)
    _reviewer(report, by)
    transition(report, "ask_questions", by)
    report.messages.append(MonitoringMessage(author_id=by.id, is_question=True, body=body))
    managers = db.session.execute(select(User).join(SchoolMember, SchoolMember.user_id == User.id)
                                  .where(SchoolMember.school_id == report.school_id)).scalars().all()
    notify(managers, "report_questions", link_for("reporting.report", report_id=report.id),
           school=report.school.name, year=report.year)  # in their language; the mail goes after the commit
    db.session.commit()
    return report


def answer_questions(report: MonitoringReport, by, body: str) -> MonitoringReport:
    """The school's answer in the thread (it submits again when its changes are done)."""
    body = _message(body)
    if not can_fill_in(by, report):
        raise ReportError(_l("Alleen de school kan hier antwoorden."))
    if report.status is not ReportStatus.questions:
        raise ReportError(_l("Er staan geen vragen open bij dit verslag."))
    report.messages.append(MonitoringMessage(author_id=by.id, is_question=False, body=body))
    record_event("monitoring_report.answered", report, actor=by, details={"school_id": report.school_id})
    db.session.commit()
    return report
