"""Annual reports' retention (issue 12, Privacy): the answers and the question thread go once
the plan's period after the certificate's end has run out; the counts and the report stay."""

from datetime import timedelta

from sqlalchemy import func, select

from certification.certificates import services as certificates
from core.dates import add_months, today
from core.extensions import db
from core.models import AuditEvent
from core.retention import run_retention
from reporting import services
from reporting.models import MonitoringAnswer, MonitoringCount, MonitoringMessage, MonitoringReport
from tests.reporting import factories


def _count(model, report) -> int:
    return db.session.execute(select(func.count()).select_from(model).where(model.report_id == report.id)).scalar()


def test_answers_and_questions_go_when_the_period_after_the_certificate_ran_out(app):
    report = factories.submitted_report()
    services.ask_questions(report, factories.make_assessor(), "Hoe ging het gesprek over de gedragscode?")
    kept = factories.submitted_report(name="Dansschool Blijft")  # a live certificate: nothing goes
    certificate = report.certificate
    pending = certificates.request_revocation(certificate, factories.make_admin(), "non_compliance", "Voldoet niet.")
    certificates.confirm_revocation(pending, factories.make_admin())
    months = certificate.plan.rules.retention.monitoring_months_after_certificate
    assert months == 24

    assert run_retention(add_months(today(), months) - timedelta(days=1))["monitoring_answers"] == 0
    assert _count(MonitoringAnswer, report) and _count(MonitoringMessage, report)

    assert run_retention(add_months(today(), months))["monitoring_answers"] == 1
    db.session.expire_all()
    assert _count(MonitoringAnswer, report) == 0 and _count(MonitoringMessage, report) == 0
    assert _count(MonitoringCount, report) > 0  # the sector figures are made of these
    assert db.session.get(MonitoringReport, report.id) is not None
    assert _count(MonitoringAnswer, kept) > 0
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "monitoring.retention_deleted")) \
        .scalar_one()
    assert event.details["messages"] == 1 and event.details["answers"] > 0
    assert run_retention(add_months(today(), months + 1))["monitoring_answers"] == 0  # nothing twice
