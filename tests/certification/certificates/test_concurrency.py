"""Two approvals at the same moment, on PostgreSQL: different numbers for different
assessments, and exactly one certificate for one assessment (each thread has its own
session and transaction, as two gunicorn workers would)."""

import threading
import time

import pytest
from sqlalchemy import func, select

from accounts.models import User
from certification.certificates import services
from certification.certificates.models import Certificate
from compliance.models import Assessment
from core.extensions import db
from tests.certification.certificates import factories


@pytest.fixture
def postgresql(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (TEST_DATABASE_URL)")
    return app


def _issue_at_once(app, assessment_ids, admin_id):
    """Issue in one thread per assessment id; each holds its transaction open a moment."""
    barrier = threading.Barrier(len(assessment_ids))
    results = []

    def work(assessment_id):
        with app.app_context():
            try:
                assessment = db.session.get(Assessment, assessment_id)
                admin = db.session.get(User, admin_id)
                barrier.wait(timeout=10)
                certificate = services.issue_certificate(assessment, admin)
                time.sleep(0.3)  # the other thread is waiting for the year's counter now
                db.session.commit()
                results.append(certificate.number)
            except services.CertificateError as exc:
                db.session.rollback()
                results.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(assessment_id,)) for assessment_id in assessment_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_approvals_at_once_get_different_numbers(postgresql, plan, admin):
    first, second = factories.approved_assessment(), factories.approved_assessment()
    results = _issue_at_once(postgresql, [first.id, second.id], admin.id)
    assert all(isinstance(result, str) for result in results), results
    assert len(set(results)) == 2
    assert sorted(number[-5:] for number in results) == ["00001", "00002"]


def test_one_assessment_approved_twice_at_once_gets_one_certificate(postgresql, plan, admin):
    assessment = factories.approved_assessment()
    results = _issue_at_once(postgresql, [assessment.id, assessment.id], admin.id)
    numbers = [result for result in results if isinstance(result, str)]
    refusals = [result for result in results if isinstance(result, services.CertificateError)]
    assert len(numbers) == 1 and len(refusals) == 1, results
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Certificate)
                             .where(Certificate.assessment_id == assessment.id)) == 1
