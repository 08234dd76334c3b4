"""`flask certificates daily` suspends for an overdue report only when the school had a form,
was warned, and the grace period passed; the suspension ends when the report is submitted
and acknowledged."""

from datetime import timedelta

from certification.certificates import services as certificates
from certification.certificates.models import CertificateStatus, ReasonCategory
from certification.certificates.signals import monitoring_form
from core.extensions import db
from reporting import services
from reporting.models import MonitoringReport
from reporting.services import form_state
from tests.certification.certificates import factories as certificate_factories
from tests.reporting import factories


def test_without_a_form_there_is_no_reminder_and_no_suspension(app):
    certificate = certificate_factories.issue()
    due = certificate.monitoring_due_on
    monitoring_form.disconnect(form_state)
    try:
        for day in (due - timedelta(days=30), due, due + timedelta(days=200)):
            result = certificates.run_daily(on=day)
            assert result.monitoring_reminders == 0 and result.suspended_overdue == 0
    finally:
        monitoring_form.connect(form_state)
    assert certificate.status is CertificateStatus.active


def test_the_form_opens_and_an_overdue_report_suspends_then_acknowledging_lifts_it(app):
    certificate = certificate_factories.issue()
    due, grace = certificate.monitoring_due_on, certificate.plan.rules.monitoring.grace_days
    assert certificates.run_daily(on=due - timedelta(days=30)).monitoring_reminders == 1
    report = db.session.query(MonitoringReport).filter_by(certificate_id=certificate.id).one()
    assert report.due_on == due
    # The job did not run on the due day: the first late run warns, only a later one suspends.
    assert certificates.run_daily(on=due + timedelta(days=grace + 5)).suspended_overdue == 0
    assert certificates.run_daily(on=due + timedelta(days=grace + 6)).suspended_overdue == 1
    db.session.refresh(certificate)
    assert certificate.status is CertificateStatus.suspended
    assert certificate.reason_category is ReasonCategory.monitoring_overdue
    owner = factories.owner_of(report.school)
    services.save_report(report, factories.filled_counts(), factories.ANSWERS, owner)
    services.submit_report(report, owner)
    assert certificate.status is CertificateStatus.suspended  # submitted is not yet acknowledged
    services.acknowledge_report(report, factories.make_assessor())
    db.session.refresh(certificate)
    assert certificate.status is CertificateStatus.active


def test_a_filed_report_is_not_reminded_or_suspended(app):
    report = factories.submitted_report()
    due = report.due_on
    assert report.certificate.monitoring_due_on > due
    result = certificates.run_daily(on=due + timedelta(days=100))
    assert result.suspended_overdue == 0
