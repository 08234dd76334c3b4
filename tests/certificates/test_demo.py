"""The demo has a certificate in every state, and first start prints a URL to try."""

from sqlalchemy import select

from certification.certificates.demo import SCHOOLS, demo_certificate_numbers
from certification.certificates.models import Certificate, CertificateStatus
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
    active = db.session.execute(select(Certificate).where(Certificate.status == CertificateStatus.active)
                                .order_by(Certificate.id)).scalars().first()
    assert f"Try a certificate: http://dansveilig.test/verify/{active.number}" in result.output
    assert result.output.index("Demo logins") < result.output.index("Try a certificate")
