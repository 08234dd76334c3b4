"""Issuing on approval: number, scope, dates from the plan, conditions, refusals."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from certification.certificates import services
from certification.certificates.models import Certificate, CertificateCounter, CertificateEvent, CertificateStatus
from compliance.models import AssessmentStatus
from core.audit import verify_chain
from core.dates import add_months, today
from core.extensions import db
from core.models import AuditEvent, OutboxMessage
from tests.certification.certificates import factories


def test_an_approved_assessment_gets_a_numbered_certificate_with_the_plans_validity(plan, admin):
    assessment = factories.approved_assessment(locations=(("Hoofdlocatie", "Utrecht"), ("Studio Oost", "Zeist")))
    certificate = services.issue_certificate(assessment, admin)
    db.session.commit()

    year = today().year
    assert re.fullmatch(rf"DV-{year}-\d{{5}}", certificate.number)
    assert certificate.number == f"DV-{year}-00001"
    assert certificate.school_id == assessment.school_id and certificate.plan_id == assessment.plan_id
    assert certificate.status is CertificateStatus.active
    assert certificate.issued_on == today() == certificate.status_changed_on
    months = plan.rules.certificate_validity_months
    assert certificate.valid_until == add_months(today(), months) - timedelta(days=1)
    assert certificate.monitoring_due_on == add_months(today(), plan.rules.monitoring.interval_months)
    assert [(item["name"], item["city"]) for item in certificate.scope] == [("Hoofdlocatie", "Utrecht"),
                                                                            ("Studio Oost", "Zeist")]
    assert certificate.conditions == []
    assert 0 <= certificate.status_index < certificate.revocation_list.size
    assert certificate.revocation_list.purpose.value == "revocation"
    assert certificate.suspension_list.purpose.value == "suspension"


def test_issuing_writes_history_audit_and_tells_the_school(plan, admin):
    certificate = factories.issue(by=admin)
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "certificate.issued")).scalar_one()
    assert event.actor_id == admin.id and event.details["number"] == certificate.number
    history = db.session.execute(select(CertificateEvent)).scalars().all()
    assert [(e.from_status, e.to_status) for e in history] == [(None, CertificateStatus.active)]
    owner = certificate.school.members[0].user
    mail = db.session.execute(select(OutboxMessage).where(OutboxMessage.recipient == owner.email)
                              .order_by(OutboxMessage.id.desc())).scalars().first()
    assert certificate.number in mail.subject and f"/verify/{certificate.number}" in mail.body_text
    assert verify_chain().ok


def test_numbers_count_up_per_year_and_are_never_reused(plan, admin):
    first = factories.issue(by=admin)
    second = factories.issue(by=admin)
    earlier = factories.issue(by=admin, on=date(2025, 6, 1))
    assert [first.number[-5:], second.number[-5:]] == ["00001", "00002"]
    assert earlier.number == "DV-2025-00001"
    counter = db.session.get(CertificateCounter, today().year)
    assert counter.last == 2
    assert services.next_number(2025) == "DV-2025-00002"  # an uncommitted number is not spent...
    db.session.rollback()
    assert factories.issue(by=admin, on=date(2025, 7, 1)).number == "DV-2025-00002"  # ...until it is issued


def test_conditions_are_kept_with_their_dates(plan, admin):
    certificate = factories.issue(by=admin, conditions=[
        {"text": "  Tweede vertrouwenspersoon aanstellen.  ", "due_on": date(2027, 3, 1), "criterion": "C2"},
        {"description": "Evalueer de gedragscode met dansers."}])
    assert certificate.conditions == [
        {"text": "Tweede vertrouwenspersoon aanstellen.", "due_on": "2027-03-01", "criterion": "C2"},
        {"text": "Evalueer de gedragscode met dansers."}]


@pytest.mark.parametrize("conditions", [[{"text": " "}], ["just text"], [{"text": "x", "due_on": "soon"}]])
def test_conditions_need_a_text_and_a_real_date(plan, admin, conditions):
    assessment = factories.approved_assessment()
    with pytest.raises(services.CertificateError):
        services.issue_certificate(assessment, admin, conditions)


@pytest.mark.parametrize("status", [s for s in AssessmentStatus if s is not AssessmentStatus.approved])
def test_only_an_approved_assessment_gets_a_certificate(plan, admin, status):
    assessment = factories.approved_assessment()
    assessment.status = status
    with pytest.raises(services.CertificateError, match="goedgekeurde"):
        services.issue_certificate(assessment, admin)
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 0


def test_an_assessment_gets_one_certificate_only(plan, admin):
    assessment = factories.approved_assessment()
    factories.issue(assessment, by=admin)
    with pytest.raises(services.CertificateError, match="al een certificaat"):
        services.issue_certificate(assessment, admin)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 1


def test_the_unique_constraint_holds_even_when_the_check_is_skipped(plan, admin, monkeypatch):
    from certification.certificates.services import issuing

    assessment = factories.approved_assessment()
    factories.issue(assessment, by=admin)
    monkeypatch.setattr(issuing, "_has_certificate", lambda assessment_id: False)
    with pytest.raises(services.CertificateError, match="al een certificaat"):
        services.issue_certificate(assessment, admin)
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 1


def test_issue_certificate_does_not_commit(plan, admin):
    assessment = factories.approved_assessment()
    services.issue_certificate(assessment, admin)
    db.session.rollback()  # the approval failed after all: neither stays
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 0
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "certificate.issued")) == 0


def test_a_school_without_locations_gets_no_certificate(plan, admin):
    assessment = factories.approved_assessment(locations=(), city="Leiden")
    with pytest.raises(services.CertificateError) as refused:
        factories.issue(assessment, by=admin)
    assert "Er is nog geen locatie vastgelegd" in str(refused.value.message)
