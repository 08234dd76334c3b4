"""`flask certificates daily`: expiry, notices 90 and 30 days ahead, the renewal window,
monitoring reminders and suspension when overdue, ending suspensions; each once."""

from datetime import timedelta

from sqlalchemy import func, select

from certification.certificates import services
from certification.certificates.models import CertificateStatus, ReasonCategory
from core.dates import add_months, today
from core.extensions import db
from core.models import AuditEvent, OutboxMessage
from tests.certification.certificates import factories


def _mail(subject_part: str) -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.subject.contains(subject_part)))


def _reports_filed(certificate):
    """Every annual report filed, so that jumping years ahead does not suspend it."""
    certificate.monitoring_due_on = certificate.valid_until + timedelta(days=1)
    db.session.commit()
    return certificate


def test_an_expired_certificate_expires_once_and_everywhere(client, plan):
    certificate = factories.issue(on=add_months(today(), -36) - timedelta(days=3))
    assert certificate.valid_until < today()
    # The public sees it expired even before the job ran.
    assert client.get(f"/api/v1/certificates/{certificate.number}").json["status"] == "expired"
    report = services.run_daily()
    assert report.expired == 1
    db.session.refresh(certificate)
    assert certificate.status is CertificateStatus.expired
    assert certificate.status_changed_on == certificate.valid_until + timedelta(days=1)
    assert _mail("is verlopen") == 1
    assert services.run_daily().expired == 0 and _mail("is verlopen") == 1
    api = client.get(f"/api/v1/certificates/{certificate.number}").json
    assert api["status"] == "expired" and api["status_changed_on"] == certificate.status_changed_on.isoformat()


def test_expiry_notices_90_and_30_days_ahead_once_each(plan):
    certificate = _reports_filed(factories.issue())
    day = certificate.valid_until - timedelta(days=95)
    assert services.run_daily(on=day).expiry_notices == 0
    assert services.run_daily(on=certificate.valid_until - timedelta(days=90)).expiry_notices == 1
    assert services.run_daily(on=certificate.valid_until - timedelta(days=60)).expiry_notices == 0
    assert services.run_daily(on=certificate.valid_until - timedelta(days=30)).expiry_notices == 1
    assert services.run_daily(on=certificate.valid_until - timedelta(days=2)).expiry_notices == 0
    assert _mail("verloopt over 90 dagen") == 1 and _mail("verloopt over 30 dagen") == 1


def test_the_renewal_window_opens_from_the_plan(plan):
    certificate = _reports_filed(factories.issue())
    opens = add_months(certificate.valid_until + timedelta(days=1), -plan.rules.renewal_window_months)
    assert services.run_daily(on=opens - timedelta(days=1)).renewals_opened == 0
    assert not services.renewal_is_open(certificate.school)
    assert services.run_daily(on=opens).renewals_opened == 1
    assert services.renewal_is_open(certificate.school) and certificate.renewal_opened_on == opens
    assert services.run_daily(on=opens + timedelta(days=1)).renewals_opened == 0
    assert _mail("verlenging") == 1


def test_monitoring_reminder_warning_and_suspension_past_the_grace_period(client, plan):
    certificate = factories.issue()
    due, grace = certificate.monitoring_due_on, plan.rules.monitoring.grace_days
    assert services.run_daily(on=due - timedelta(days=31)).monitoring_reminders == 0
    assert services.run_daily(on=due - timedelta(days=30)).monitoring_reminders == 1
    assert services.run_daily(on=due - timedelta(days=29)).monitoring_reminders == 0
    assert services.run_daily(on=due).monitoring_reminders == 1  # now due: a warning
    assert services.run_daily(on=due + timedelta(days=grace)).suspended_overdue == 0
    assert services.run_daily(on=due + timedelta(days=grace + 1)).suspended_overdue == 1
    db.session.refresh(certificate)
    assert certificate.status is CertificateStatus.suspended
    assert certificate.reason_category is ReasonCategory.monitoring_overdue
    assert _mail("is geschorst") == 1
    page = client.get(f"/verify/{certificate.number}").get_data(as_text=True)
    assert "De jaarlijkse rapportage is niet op tijd ingeleverd" in page


def test_a_filed_report_moves_the_due_date_a_year(plan, admin):
    certificate = factories.issue()
    due = certificate.monitoring_due_on
    services.record_monitoring_report(certificate, admin)
    db.session.commit()
    assert certificate.monitoring_due_on == add_months(due, plan.rules.monitoring.interval_months)
    assert services.run_daily(on=due + timedelta(days=60)).suspended_overdue == 0


def test_no_monitoring_report_in_the_last_year(plan, admin):
    certificate = factories.issue()
    for _ in range(2):
        services.record_monitoring_report(certificate, admin)
    db.session.commit()
    assert certificate.monitoring_due_on > certificate.valid_until
    assert services.run_daily(on=certificate.valid_until).suspended_overdue == 0


def test_a_suspension_ends_after_its_last_day(plan, admin):
    certificate = factories.issue()
    until = today() + timedelta(days=5)
    services.suspend_certificate(certificate, admin, "administrative", "Tijdelijk geschorst.", until)
    assert services.run_daily(on=until).suspensions_ended == 0
    assert services.run_daily(on=until + timedelta(days=1)).suspensions_ended == 1
    db.session.refresh(certificate)
    assert certificate.status is CertificateStatus.active


def test_a_suspended_certificate_expires_too(plan):
    certificate = _reports_filed(factories.suspended())
    assert services.run_daily(on=certificate.valid_until + timedelta(days=1)).expired == 1
    db.session.refresh(certificate)
    assert certificate.status is CertificateStatus.expired


def test_the_cli_runs_the_daily_job(runner, plan):
    factories.issue(on=add_months(today(), -37))
    result = runner.invoke(args=["certificates", "daily"])
    assert result.exit_code == 0, result.output
    assert "expired: 1" in result.output
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "certificate.expired")) == 1
