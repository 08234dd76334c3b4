"""The demo has a certificate in every state, and first start prints a URL to try."""

from sqlalchemy import func, select

from certification.certificates.demo import SCHOOLS, demo_certificate_numbers
from certification.certificates.models import Certificate, CertificateStatus
from compliance.models import School
from core.dates import today
from core.extensions import db


def test_demo_certificates_in_every_state(runner, client):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert runner.invoke(args=["demo", "load"]).exit_code == 0  # idempotent
    numbers = demo_certificate_numbers()
    assert len(numbers) == len(SCHOOLS)
    certificates = db.session.execute(select(Certificate).where(Certificate.number.in_(numbers))
                                      .order_by(Certificate.id)).scalars().all()
    states = {c.school.name: (c.status, bool(c.conditions)) for c in certificates}
    assert states == {
        "Dansschool Zoë & Ünal": (CertificateStatus.active, False),
        "Balletacademie Het Spiegelpaleis": (CertificateStatus.active, True),
        "Dansvereniging De Sprong": (CertificateStatus.suspended, False),
        "Studio Ritme & Ziel": (CertificateStatus.revoked, False),
        "Jazzdansschool Oud Zuid": (CertificateStatus.expired, False),
        "Dansstudio Pas de Deux": (CertificateStatus.active, False),
    }
    for number in numbers:
        assert client.get(f"/verify/{number}").status_code == 200
    names = [item["name"] for item in client.get("/api/v1/registry/schools?per_page=100").json["items"]]
    assert set(states) <= set(names)


def test_first_start_prints_a_verification_url(runner):
    result = runner.invoke(args=["setup", "first-start"])
    assert result.exit_code == 0, result.output
    active = db.session.execute(select(Certificate).join(School).where(
        Certificate.status == CertificateStatus.active, School.kvk_number == SCHOOLS[0][0])).scalars().first()
    assert f"Try a certificate: http://dansveilig.test/verify/{active.number}" in result.output
    assert result.output.index("Demo logins") < result.output.index("Try a certificate")


def test_demo_shows_a_certificate_flagged_by_a_lapsed_teacher_and_refused_conditions(runner):

    from certification.certificates.drift import gates_today, schools_without_active_teacher
    from certification.teachers.models import CpdRecord
    from compliance.models import AssessmentStatus
    from compliance.review.demo import SCHOOLS as REVIEW_SCHOOLS
    from compliance.review.services import certificate_blockers

    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    flagged = db.session.execute(select(Certificate).join(School).where(School.name == "Dansstudio Pas de Deux")
                                 ).scalar_one()
    gates = gates_today(flagged)
    assert [gate.code for gate in gates.gates] == ["teachers"]
    assert [row.status.value for row in gates.teachers] == ["lapsed"]
    assert "Dansstudio Pas de Deux" in [school.name for school in schools_without_active_teacher()]
    kvk = next(kvk for kvk, _name, state in REVIEW_SCHOOLS if state == "conditions_refused")
    school = db.session.execute(select(School).where(School.kvk_number == kvk)).scalar_one()
    assessment = school.assessments[0]
    assert assessment.status is AssessmentStatus.in_review
    assert any("grote tekortkoming" in str(b) for b in certificate_blockers(
        assessment, {answer.criterion_id for answer in assessment.answers}))
    # No demo record is dated in the future.
    assert db.session.scalar(select(func.max(CpdRecord.completed_on))) <= today()
