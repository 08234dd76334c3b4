"""Retention of the annual reports (AVG; the plan's `rules.retention.monitoring_months_after_certificate`).

Once a report's certificate has ended (expired or revoked) longer ago than the plan says, the
report's answers (the measures and the free text of the advisor's summary, which a school may
have filled in with more than it should) and its question thread are deleted, each report with
an audit event. What stays: the report row, as the record that a report was filed and when,
and its counts: whole numbers without names or dates, from which the published sector figures
are made (shown only above the plan's small-cell threshold). Registered with `core.retention`
by `reporting.init_app`.
"""

from datetime import date

from sqlalchemy import delete, func, or_, select

from certification.certificates.models import Certificate, CertificateStatus
from core.audit import record_event
from core.dates import add_months
from core.extensions import db
from core.retention import RetentionRule, register
from reporting.models import MonitoringAnswer, MonitoringMessage, MonitoringReport

ENDED = (CertificateStatus.expired, CertificateStatus.revoked)


def _ran_out(on: date) -> list[MonitoringReport]:
    """The reports that still hold answers or messages and whose certificate's retention ran out."""
    holds_data = or_(select(func.count()).where(MonitoringAnswer.report_id == MonitoringReport.id)
                     .scalar_subquery() > 0,
                     select(func.count()).where(MonitoringMessage.report_id == MonitoringReport.id)
                     .scalar_subquery() > 0)
    rows = db.session.execute(select(MonitoringReport, Certificate).join(Certificate,
                              Certificate.id == MonitoringReport.certificate_id)
                              .where(Certificate.status.in_(ENDED), holds_data)).all()
    return [report for report, certificate in rows
            if add_months(certificate.status_changed_on,
                          certificate.plan.rules.retention.monitoring_months_after_certificate) <= on]


def purge_monitoring(on: date) -> int:
    """Delete the answers and messages of the reports whose retention ran out on day `on`;
    returns how many reports were emptied."""
    reports = _ran_out(on)
    for report in reports:
        record_event("monitoring.retention_deleted", report, details={
            "certificate_id": report.certificate_id, "due_on": report.due_on.isoformat(),
            "answers": len(report.answers), "messages": len(report.messages)})
    if reports:
        ids = [report.id for report in reports]
        db.session.execute(delete(MonitoringAnswer).where(MonitoringAnswer.report_id.in_(ids)))
        db.session.execute(delete(MonitoringMessage).where(MonitoringMessage.report_id.in_(ids)))
    db.session.commit()
    return len(reports)


def register_rules() -> None:
    register(RetentionRule("monitoring_answers", "Annual reports' answers and question threads, the plan's "
                                                 "retention.monitoring_months_after_certificate months after the "
                                                 "certificate expired or was revoked; the counts stay.",
                           purge_monitoring))
