"""Two approvers pressing "confirm" at the same moment make exactly one decision and one
certificate, on SQLite and on PostgreSQL (TEST_DATABASE_URL)."""

import threading

import pytest
from sqlalchemy import func, select

from accounts.models import User
from compliance.models import Assessment, AssessmentStatus
from compliance.review import services
from compliance.review.models import Decision, Outcome, Recommendation
from core.extensions import db
from tests.compliance.review import factories as rf


def test_two_approvers_at_once_make_one_decision(app, plan):
    pytest.importorskip("certification.certificates.services")
    from certification.certificates.models import Certificate

    assessment, _reviewer = rf.recommended(Outcome.approve)
    approvers = [rf.make_assessor().id, rf.make_assessor().id]
    assessment_id = assessment.id
    db.session.remove()
    barrier = threading.Barrier(2)
    results = []

    def approve(user_id):
        with app.app_context():
            user = db.session.get(User, user_id)
            target = db.session.get(Assessment, assessment_id)
            target.plan, target.school, target.answers  # noqa: B018  (load before the race)
            barrier.wait()
            try:
                services.approve_recommendation(target, user)
                results.append("ok")
            except services.ReviewError:
                results.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=approve, args=(user_id,)) for user_id in approvers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results) == ["ok", "refused"]
    assert db.session.get(Assessment, assessment_id).status is AssessmentStatus.approved
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 1
    decided = db.session.scalars(select(Recommendation.decision).where(Recommendation.assessment_id == assessment_id))
    assert list(decided) == [Decision.confirmed]
