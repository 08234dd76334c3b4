"""Registering a school and keeping its profile: details, advisor, locations and rooms."""

from sqlalchemy import func, select

from accounts.models import Role
from compliance.models import Room, School
from compliance.vocabulary import Transparency, reporting_points
from core.extensions import db
from core.models import AuditEvent
from tests.compliance import factories

FORM = {
    "name": "Dansschool Arabesque", "kvk_number": "1234 5678", "street": "Pliélaan", "house_number": "7a",
    "postcode": "3511ab", "city": "Utrecht", "website": "www.arabesque.example.nl", "school_type": "dansschool",
    "genres": ["ballet", "urban"], "teaches_minors": "yes", "age_groups": ["6_11", "12_15"],
}


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_school_owner_registers_a_school_and_becomes_its_owner(owner_client, owner):
    page = owner_client.get("/scholen/nieuw")
    assert page.status_code == 200 and "KvK-nummer" in page.get_data(as_text=True)
    response = owner_client.post("/scholen/nieuw", data=FORM)
    assert response.status_code == 303
    school = db.session.execute(select(School)).scalar_one()
    assert (school.kvk_number, school.postcode, school.house_number) == ("12345678", "3511 AB", "7A")
    assert school.website == "https://www.arabesque.example.nl"
    assert school.genres == ["ballet", "urban"] and school.age_groups == ["6_11", "12_15"]
    assert [(m.user_id, m.role.value) for m in school.members] == [(owner.id, "owner")]
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.object_type == "school")) == \
        "school.registered"
    page = owner_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Dansschool Arabesque" in page and "Mores" in page
    assert "Dansschool Arabesque" in owner_client.get("/scholen").get_data(as_text=True)


def test_a_malformed_kvk_number_or_postcode_is_refused_and_what_was_typed_stays(owner_client):
    response = owner_client.post("/scholen/nieuw", data={**FORM, "kvk_number": "1234567", "postcode": "0123 AB"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Een KvK-nummer bestaat uit 8 cijfers" in html
    assert "Vul een Nederlandse postcode in" in html
    assert 'value="Dansschool Arabesque"' in html and 'value="Pliélaan"' in html
    assert _count(School) == 0


def test_a_kvk_number_is_registered_once(owner_client):
    factories.make_school(kvk_number="12345678")
    response = owner_client.post("/scholen/nieuw", data=FORM)
    assert response.status_code == 400
    assert "Er is al een school met dit KvK-nummer" in response.get_data(as_text=True)
    assert _count(School) == 1


def test_minors_and_age_groups_must_agree(owner_client):
    response = owner_client.post("/scholen/nieuw", data={**FORM, "teaches_minors": "no"})
    assert response.status_code == 400
    assert "Geef je les aan minderjarigen?" in response.get_data(as_text=True)
    response = owner_client.post("/scholen/nieuw", data={**FORM, "age_groups": ["adults"]})
    assert response.status_code == 400
    assert "kies ook de leeftijdsgroepen onder de 18" in response.get_data(as_text=True)


def test_only_school_owners_register_schools(client, login):
    login(Role.teacher)
    assert client.get("/scholen/nieuw").status_code == 403
    assert client.post("/scholen/nieuw", data=FORM).status_code == 403


def test_the_owner_edits_details_and_the_confidential_advisor(owner_client, school):
    form = owner_client.get(f"/scholen/{school.id}/gegevens").get_data(as_text=True)
    assert f'value="{school.kvk_number}"' in form
    assert 'checked id="teaches_minors-0"' in form and 'checked id="school_type-0"' in form
    assert 'checked id="genres-0"' in form and 'input id="genres-1"' in form  # ballet yes, modern no
    response = owner_client.post(f"/scholen/{school.id}/gegevens", data={**FORM, "kvk_number": school.kvk_number,
                                                                          "name": "Plié & Co"})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(School, school.id).name == "Plié & Co"

    bad = owner_client.post(f"/scholen/{school.id}/vertrouwenspersoon", data={
        "advisor_name": "Sam", "advisor_email": "sam@", "advisor_phone": "12", "advisor_kind": "external"})
    assert bad.status_code == 400 and "Vul een telefoonnummer in" in bad.get_data(as_text=True)
    good = owner_client.post(f"/scholen/{school.id}/vertrouwenspersoon", data={
        "advisor_name": "Sam de Vries", "advisor_email": "Sam@Example.nl", "advisor_phone": "030 123 45 67",
        "advisor_kind": "external"})
    assert good.status_code == 303
    page = owner_client.get(f"/scholen/{school.id}").get_data(as_text=True)
    assert "Sam de Vries" in page and "sam@example.nl" in page


def test_locations_with_rooms_and_how_they_can_be_seen_into(owner_client, school):
    response = owner_client.post(f"/scholen/{school.id}/locaties/nieuw", data={
        "name": "Studio Noord", "address": "Noordweg 3", "postcode": "1000AA", "city": "Amsterdam"})
    assert response.status_code == 303
    location = school.locations[0]
    assert location.postcode == "1000 AA"
    bad = owner_client.post(f"/scholen/locaties/{location.id}/zalen", data={"room-name": "Zaal 1"})
    assert bad.status_code == 400 and "Kies hoe je de zaal van buitenaf kunt zien" in bad.get_data(as_text=True)
    ok = owner_client.post(f"/scholen/locaties/{location.id}/zalen", data={
        "room-name": "Zaal 1", "room-transparency": "glass_wall"})
    assert ok.status_code == 303
    room = db.session.execute(select(Room)).scalar_one()
    assert room.transparency is Transparency.glass_wall
    assert 'checked id="transparency-0"' in owner_client.get(f"/scholen/zalen/{room.id}").get_data(as_text=True)
    assert owner_client.post(f"/scholen/zalen/{room.id}", data={
        "name": "Zaal 1", "transparency": "door_window"}).status_code == 303
    page = owner_client.get(f"/scholen/{school.id}").get_data(as_text=True)
    assert "Studio Noord" in page and "Raam in de deur" in page
    assert owner_client.post(f"/scholen/zalen/{room.id}/verwijderen").status_code == 303
    assert _count(Room) == 0
    assert owner_client.post(f"/scholen/locaties/{location.id}/verwijderen").status_code == 303
    db.session.expire_all()
    assert db.session.get(School, school.id).locations == []


def test_another_owners_school_is_out_of_reach(owner_client):
    other = factories.make_school()
    assert owner_client.get(f"/scholen/{other.id}").status_code == 403
    assert owner_client.post(f"/scholen/{other.id}/gegevens", data=FORM).status_code == 403
    assert owner_client.get("/scholen/999999").status_code == 404
    assert other.name not in owner_client.get("/scholen").get_data(as_text=True)


def test_admins_see_every_school_but_do_not_edit_it(client, login, school):
    login(Role.admin)
    assert school.name in client.get("/scholen").get_data(as_text=True)
    assert client.get(f"/scholen/{school.id}").status_code == 200
    assert client.get(f"/scholen/{school.id}/gegevens").status_code == 403


def test_the_reporting_point_follows_the_type_of_school():
    assert [p["code"] for p in reporting_points("dansschool")] == ["mores"]
    assert [p["code"] for p in reporting_points("beroepsopleiding")] == ["mores"]
    assert [p["code"] for p in reporting_points("vereniging")] == ["cvsn"]


def test_names_that_start_like_a_formula_are_refused_with_a_message(owner_client, school):
    response = owner_client.post("/scholen/nieuw", data={**FORM, "name": "=HYPERLINK(\"http://evil.example\")"})
    assert response.status_code == 400
    assert "een spreadsheet leest dat als formule" in response.get_data(as_text=True)
    response = owner_client.post(f"/scholen/{school.id}/locaties/nieuw", data={
        "name": "@Noord", "address": "Noordweg 3", "postcode": "1000AA", "city": "Amsterdam"})
    assert response.status_code == 400 and "als formule" in response.get_data(as_text=True)
    assert 'value="@Noord"' in response.get_data(as_text=True)
    assert _count(School) == 1
