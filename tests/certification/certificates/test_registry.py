"""The register of schools: who is in it, search by name, city, genre and number, bad
parameters, the school's public page, and the rule the teacher registry asks."""

from datetime import date

import pytest

from certification.certificates import listing
from tests.certification.certificates import factories


@pytest.fixture
def schools(plan):
    """Four schools in the register in every state but suspended, and one never certified."""
    return {
        "active": factories.issue(name="Dansschool Zoë & Ünal", city="Amsterdam", genres=["urban", "modern"],
                                  locations=(("Hoofdlocatie", "Amsterdam"), ("Studio Noord", "Zaandam"))),
        "revoked": factories.revoked(name="Studio Ritme", city="Utrecht", genres=["jazz"],
                                     locations=(("Zaal", "Utrecht"),)),
        "expired": factories.issue(name="Balletschool Oud", city="Groningen", genres=["ballet"],
                                   locations=(("Zaal", "Groningen"),), on=date(2020, 1, 1)),
        "conditions": factories.issue(name="Balletacademie Spiegel", city="Den Haag", genres=["ballet"],
                                      locations=(("Zaal", "Den Haag"),), conditions=[{"text": "Verbeter C2."}]),
        "never": factories.approved_assessment(name="Nog Niet Gecertificeerd", city="Amsterdam"),
    }


def _names(client, query=""):
    response = client.get(f"/api/v1/registry/schools{query}")
    assert response.status_code == 200, response.json
    return [item["name"] for item in response.json["items"]]


def test_only_schools_that_are_or_were_certified_are_listed(client, schools):
    assert _names(client) == ["Balletacademie Spiegel", "Balletschool Oud", "Dansschool Zoë & Ünal", "Studio Ritme"]
    items = {item["name"]: item for item in client.get("/api/v1/registry/schools").json["items"]}
    assert items["Studio Ritme"]["certificate"]["status"] == "revoked"
    assert items["Balletschool Oud"]["certificate"]["status"] == "expired"
    zoe = items["Dansschool Zoë & Ünal"]
    assert zoe["certificate"] == {"number": schools["active"].number, "status": "active",
                                  "valid_until": schools["active"].valid_until.isoformat()}
    assert zoe["confidential_advisor"] == {"name": "Vera Vertrouwen", "email": "vp@example.nl",
                                           "phone": "030 123 45 67"}
    assert zoe["genres"] == ["modern", "urban"] and zoe["city"] == "Amsterdam"
    assert zoe["url"] == f"http://dansveilig.test/register/scholen/{schools['active'].school_id}"


@pytest.mark.parametrize("query, expected", [
    ("?q=zoë", ["Dansschool Zoë & Ünal"]),
    ("?q=ballet", ["Balletacademie Spiegel", "Balletschool Oud"]),
    ("?q=zaandam", ["Dansschool Zoë & Ünal"]),  # a location's city
    ("?city=den%20haag", ["Balletacademie Spiegel"]),
    ("?city=Zaandam", ["Dansschool Zoë & Ünal"]),
    ("?genre=ballet", ["Balletacademie Spiegel", "Balletschool Oud"]),
    ("?genre=ballet&q=oud", ["Balletschool Oud"]),
    ("?q=100%25", []),  # LIKE wildcards are plain characters
    ("?q=niet+gecertificeerd", []),
])
def test_search(client, schools, query, expected):
    assert _names(client, query) == expected


def test_search_by_certificate_number(client, schools):
    assert _names(client, f"?q={schools['revoked'].number.lower()}") == ["Studio Ritme"]


def test_pages(client, schools):
    first = client.get("/api/v1/registry/schools?per_page=3").json
    second = client.get("/api/v1/registry/schools?per_page=3&page=2").json
    assert (first["total"], first["page"], first["per_page"]) == (4, 1, 3)
    assert len(first["items"]) == 3 and [i["name"] for i in second["items"]] == ["Studio Ritme"]


@pytest.mark.parametrize("query, parameter", [
    ("?per_page=101", "per_page"), ("?per_page=0", "per_page"), ("?page=x", "page"), ("?page=-1", "page"),
    ("?genre=salsa", "genre"), ("?q=" + "a" * 101, "q"), ("?sort=name", "sort"), ("?city=" + "b" * 101, "city"),
])
def test_bad_parameters_answer_400_json(client, app, query, parameter):
    response = client.get(f"/api/v1/registry/schools{query}")
    assert response.status_code == 400
    assert response.json["error"] and response.json["parameter"] == parameter


def test_errors_in_english_on_request(client, app):
    response = client.get("/api/v1/registry/schools?per_page=500&lang=en")
    assert response.status_code == 400 and response.json["error"]


def test_the_register_page_searches_and_shows_status_in_words(client, schools):
    page = client.get("/register/scholen?q=ritme")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Studio Ritme" in text and "Ingetrokken" in text and "Dansschool Zoë" not in text
    everything = client.get("/register/scholen").get_data(as_text=True)
    assert "Nog Niet Gecertificeerd" not in everything and "Verlopen" in everything and "Geldig" in everything
    assert client.get("/register/scholen?genre=salsa").status_code == 400


def test_the_register_in_english(client, schools):
    assert client.get("/register/scholen?lang=en").status_code == 200


def test_a_schools_public_page(client, schools):
    certificate = schools["active"]
    page = client.get(f"/register/scholen/{certificate.school_id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for expected in ("Dansschool Zoë &amp; Ünal", certificate.number, "Amsterdam, Zaandam", "Urban / hiphop",
                     "Vera Vertrouwen", "mailto:vp@example.nl", "tel:0301234567", "Mores", "112", "0900-8844"):
        assert expected in text, expected
    assert client.get(f"/register/scholen/{schools['never'].school_id}").status_code == 404
    assert client.get("/register/scholen/999999").status_code == 404


def test_a_dance_club_reports_to_centrum_veilige_sport(client, plan):
    certificate = factories.issue(name="Dansvereniging De Sprong", school_type="vereniging")
    text = client.get(f"/register/scholen/{certificate.school_id}").get_data(as_text=True)
    assert "Centrum Veilige Sport Nederland" in text and "mores.online" not in text


def test_the_teacher_registry_counts_active_and_suspended_schools_only(schools, plan):
    suspended = factories.suspended()
    listed = {schools["active"].school_id, schools["conditions"].school_id, suspended.school_id}
    everyone = [c.school_id for key, c in schools.items() if key != "never"] + [suspended.school_id,
                                                                                schools["never"].school_id]
    assert listing.listed_school_ids(everyone) == listed
    assert listing.school_is_publicly_listed(schools["active"].school)
    assert not listing.school_is_publicly_listed(schools["revoked"].school)
    assert not listing.school_is_publicly_listed(schools["expired"].school)
    assert listing.listed_school_ids([]) == set()


def test_a_revocation_takes_the_school_off_its_teachers_pages(plan, admin, second_admin):
    from certification.certificates import services as certificates
    from certification.teachers import services as teachers
    from registry import teachers as register
    from tests.certification.teachers import factories as teacher_factories

    teacher = teacher_factories.active_teacher()
    school = factories.make_school(city="Deventer", locations=(("Zaal", "Deventer"),), teacher=False)
    teachers.link_teacher(school, teacher.registration_number, "Docent", True, teachers.today(), by=admin)
    certificate = factories.issue(factories.approved_assessment(school))
    assert register.search_registry(register.parse_search({"q": "deventer"})).total == 1
    certificates.confirm_revocation(certificates.request_revocation(certificate, admin, "other", "Reden hier."),
                                    second_admin)
    assert register.search_registry(register.parse_search({"q": "deventer"})).total == 0
    assert teachers.public_schools_for(teacher) == []


def test_the_list_shows_when_a_suspension_ends_not_the_validity(client, plan):
    from datetime import timedelta

    from certification.certificates import services
    from core.dates import today
    from tests.certification.certificates.factories import make_admin

    certificate = factories.issue(name="Studio Pauze", city="Delft", locations=(("Zaal", "Delft"),))
    until = today() + timedelta(days=30)
    services.suspend_certificate(certificate, make_admin(), "non_compliance", "Klacht wordt onderzocht.", until)
    client.post("/taal", data={"lang": "en"})
    page = client.get("/register/scholen?q=pauze").get_data(as_text=True)
    assert f"up to and including {until.strftime('%B')} {until.day}, {until.year}" in page
    valid = certificate.valid_until
    assert f"{valid.strftime('%B')} {valid.day}, {valid.year}" not in page
