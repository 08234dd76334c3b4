"""A renewal starts from what was approved: answers and evidence copied in, each to be
confirmed or changed; evidence may carry a "valid until" date that the home page watches."""

from datetime import timedelta

import pytest

from compliance import services
from compliance.models import AssessmentStatus
from core.dates import today
from core.extensions import db
from core.models import utcnow
from tests.compliance import factories
from tests.compliance.review import factories as rf


def _approved(owner):
    assessment = factories.make_assessment(owner=owner)
    rf.fill(assessment, owner)
    assessment.status, assessment.status_changed_at = AssessmentStatus.approved, utcnow()
    db.session.commit()
    return assessment


def test_a_renewal_starts_with_the_approved_answers_to_confirm(app, owner):
    old = _approved(owner)
    renewal = services.start_assessment(old.school, by=owner)
    before = {a.criterion.code: a for a in old.answers}
    for answer in renewal.answers:
        source = before[answer.criterion.code]
        assert answer.carried_over and answer.narrative == source.narrative and answer.rating == source.rating
        assert [r.evidence_id for r in answer.evidence_rows] == [r.evidence_id for r in source.evidence_rows]
    missing = services.missing_items(renewal)
    assert len(missing) == len(renewal.answers)  # nothing counts until confirmed
    assert all("bevestig of wijzig" in " ".join(m.problems) for m in missing)
    with pytest.raises(services.IncompleteAssessment):
        services.submit_assessment(renewal, by=owner)


def test_confirming_on_the_domain_page_clears_the_mark_and_keeps_the_answer(app, owner, owner_client):
    old = _approved(owner)
    renewal = services.start_assessment(old.school, by=owner)
    first = renewal.answers[0]
    html = owner_client.get(f"/zelfevaluaties/{renewal.id}/domein/{first.criterion.domain.code}").get_data(as_text=True)
    assert "overgenomen uit jullie vorige" in html and first.narrative in html
    response = owner_client.post(f"/zelfevaluaties/{renewal.id}/domein/{first.criterion.domain.code}", data={
        f"a{first.id}-rating": str(first.rating), f"a{first.id}-narrative": first.narrative,
        f"a{first.id}-confirm": "y"})
    assert response.status_code == 303
    db.session.expire_all()
    assert not first.carried_over and first.narrative.startswith("Zo doen we dat")
    assert first.id not in {m.answer.id for m in services.missing_items(renewal)}


def test_evidence_valid_until_is_kept_and_listed_on_the_home_before_renewal(app, owner, owner_client, assessment):
    answer = assessment.answers[0]
    soon = today() + timedelta(days=30)
    services.save_answer(answer, owner, services.AnswerInput(
        rating=2, narrative="x", uploads=[services.Upload("ehbo.pdf", factories.pdf_bytes("EHBO"))],
        evidence_valid_until=soon))
    db.session.expire_all()
    assert answer.evidence_rows[0].evidence.valid_until == soon
    html = owner_client.get("/start").get_data(as_text=True)
    assert "Bewijs ‘ehbo.pdf’ is geldig tot" in html
