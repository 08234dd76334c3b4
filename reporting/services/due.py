"""What is due for a school: one function a school's home page (or any page) can call."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from certification.certificates.models import Certificate, CertificateStatus
from certification.certificates.services.daily import MONITORING_REMINDER_DAYS
from core.dates import today
from core.extensions import db
from reporting.models import MonitoringReport, ReportStatus


@dataclass
class DueReport:
    certificate: Certificate
    due_on: date
    report: MonitoringReport | None  # None: the form opens on `opens_on`
    opens_on: date
    grace_until: date

    @property
    def overdue(self) -> bool:
        return self.due_on < today() and (self.report is None or not self.report.status.is_filed)


def due_for_school(school_id: int) -> dict:
    """{"due": [DueReport…] (the live certificates' next report), "reports": [every report of
    the school, newest first], "questions": [reports waiting for the school's answer]}."""
    certificates = select(Certificate).where(
        Certificate.school_id == school_id,
        Certificate.status.in_((CertificateStatus.active, CertificateStatus.suspended)))
    reports = select(MonitoringReport).where(MonitoringReport.school_id == school_id).order_by(
        MonitoringReport.due_on.desc())
    all_reports = db.session.execute(reports).scalars().all()
    by_due = {(report.certificate_id, report.due_on): report for report in all_reports}
    due = []
    for certificate in db.session.execute(certificates).scalars():
        day = certificate.monitoring_due_on
        if day is None or day > certificate.valid_until:
            continue
        due.append(DueReport(certificate, day, by_due.get((certificate.id, day)),
                             day - timedelta(days=MONITORING_REMINDER_DAYS),
                             day + timedelta(days=certificate.plan.rules.monitoring.grace_days)))
    return {"due": due, "reports": all_reports,
            "questions": [report for report in all_reports if report.status is ReportStatus.questions]}
