"""The public verification page: a clear banner for every status, in both languages."""

from datetime import date

import pytest

from tests.certification.certificates import factories


@pytest.mark.parametrize("make, heading", [
    (lambda: factories.issue(), "Geldig: deze school heeft het keurmerk"),
    (lambda: factories.suspended(), "Geschorst: het keurmerk geldt nu even niet"),
    (lambda: factories.revoked(), "Ingetrokken: deze school heeft het keurmerk niet meer"),
    (lambda: factories.issue(on=date(2020, 1, 1)), "Verlopen: het keurmerk geldt niet meer"),
])
def test_every_status_has_its_banner(client, plan, make, heading):
    certificate = make()
    response = client.get(f"/verify/{certificate.number}")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert heading in text and certificate.number in text and certificate.school.name in text
    assert "Hoofdlocatie" in text and "versie 1.1" in text


def test_suspended_and_revoked_show_date_and_reason_category(client, plan):
    text = client.get(f"/verify/{factories.revoked().number}").get_data(as_text=True)
    assert "ingetrokken op" in text and "Er loopt een onderzoek naar grensoverschrijdend gedrag" in text
    assert "Ernstige schending" not in text  # the admin's note stays inside


def test_an_unknown_number_is_not_real(client, app):
    response = client.get("/verify/DV-2026-12345")
    assert response.status_code == 404
    assert "Onbekend: dit certificaat staat niet bij ons" in response.get_data(as_text=True)
    assert client.get("/verify/iets-raars<script>").status_code == 404


def test_the_lookup_form_and_a_typed_number(client, certificate):
    assert client.get("/verify").status_code == 200
    response = client.get(f"/verify?number=+{certificate.number.lower()}+")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/verify/{certificate.number}")
    assert client.get("/verify?number=12345").status_code == 400
    lower = client.get(f"/verify/{certificate.number.lower()}")
    assert lower.status_code == 301 and lower.headers["Location"].endswith(certificate.number)


def test_the_page_in_english(client, certificate):
    response = client.get(f"/verify/{certificate.number}?lang=en")
    assert response.status_code == 200 and 'lang="en"' in response.get_data(as_text=True)


def test_conditions_are_shown(client, plan):
    certificate = factories.issue(conditions=[{"text": "Evalueer de gedragscode met dansers.", "due_on": "2027-01-01"}])
    text = client.get(f"/verify/{certificate.number}").get_data(as_text=True)
    assert "Afgegeven met voorwaarden" in text and "Evalueer de gedragscode met dansers." in text


def test_the_api_lookup(client, certificate):
    response = client.get(f"/api/v1/certificates/{certificate.number}")
    assert response.status_code == 200
    assert response.json == {
        "number": certificate.number, "status": "active",
        "school": {"name": "Dansschool Zoë & Ünal", "city": "Amsterdam"},
        "issued_on": certificate.issued_on.isoformat(), "valid_until": certificate.valid_until.isoformat(),
        "quality_plan": {"code": "kwaliteitsplan-dans-veilig", "version": "1.1"},
        "status_changed_on": certificate.issued_on.isoformat()}
    missing = client.get("/api/v1/certificates/DV-2026-99999")
    assert missing.status_code == 404 and missing.json["error"]


def test_verify_accepts_the_number_as_the_register_does(client):
    from tests.certification.certificates import factories

    certificate = factories.issue()
    digits = certificate.number.replace("DV-", "").replace("-", "")
    for typed in (certificate.number.replace("-", " "), "dv" + digits, certificate.number.lower()):
        response = client.get("/verify", query_string={"number": typed})
        assert response.status_code == 303, typed
        assert response.headers["Location"].endswith(f"/verify/{certificate.number}")
