"""Finding 6 of issue 12: a certified school's changes to what its certificate states wait for
an admin; until then every public answer keeps the reviewed values."""

import jwt
from sqlalchemy import select

from compliance.models import ChangeStatus, Location, School, SchoolChangeRequest
from core.extensions import db
from core.models import AuditEvent
from notifications import Notification
from tests.certification.certificates import factories
from tests.compliance.factories import owner_of
from tests.kit import log_in


def _form(school, **changes):
    values = {"name": school.name, "kvk_number": school.kvk_number, "street": school.street,
              "house_number": school.house_number, "postcode": school.postcode, "city": school.city,
              "website": school.website or "", "school_type": school.school_type, "genres": school.genres,
              "teaches_minors": "yes" if school.teaches_minors else "no", "age_groups": school.age_groups}
    return values | changes


def _public_names(client, certificate) -> dict:
    credential = client.get(f"/api/v1/certificates/{certificate.number}/credential").get_data(as_text=True)
    api = client.get("/api/v1/registry/schools").json["items"]
    return {"register": client.get(f"/register/scholen/{certificate.school_id}").get_data(as_text=True),
            "verify": client.get(f"/verify/{certificate.number}").get_data(as_text=True),
            "api": [item["name"] for item in api],
            "credential": jwt.decode(credential, options={"verify_signature": False})["credentialSubject"]["name"]}


def _actions():
    return list(db.session.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def test_a_rename_waits_for_an_admin_and_the_public_keeps_the_reviewed_name(app, client, plan):
    certificate = factories.issue(name="Dansschool Plié")
    school, admin = certificate.school, factories.make_admin()
    owner = owner_of(school)
    log_in(client, owner)
    response = client.post(f"/scholen/{school.id}/gegevens",
                           data=_form(school, name="Dansschool Nieuw", website="https://nieuw.example.nl"))
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "verandert pas als de alliantie de wijziging goedkeurt" in page and "Dansschool Nieuw" in page
    db.session.expire_all()
    school = db.session.get(School, school.id)
    assert school.name == "Dansschool Plié" and school.website == "https://nieuw.example.nl"  # the rest at once
    assert "school.change_requested" in _actions()
    assert db.session.scalar(select(Notification.kind).where(Notification.user_id == admin.id)) == \
        "change_requested"
    client.post("/logout")
    public = _public_names(client, certificate)
    assert "Dansschool Plié" in public["register"] and "Dansschool Nieuw" not in public["register"]
    assert "Dansschool Plié" in public["verify"] and "Dansschool Nieuw" not in public["verify"]
    assert public["api"] == ["Dansschool Plié"] and public["credential"] == "Dansschool Plié"

    log_in(client, admin)
    listing = client.get("/beheer/wijzigingen").get_data(as_text=True)
    assert "Dansschool Plié" in listing and "Dansschool Nieuw" in listing
    change = db.session.execute(select(SchoolChangeRequest)).scalar_one()
    assert client.post(f"/beheer/wijzigingen/{change.id}/goedkeuren").status_code == 303
    client.post("/logout")
    public = _public_names(client, certificate)
    assert "Dansschool Nieuw" in public["register"] and "Dansschool Nieuw" in public["verify"]
    assert public["api"] == ["Dansschool Nieuw"] and public["credential"] == "Dansschool Nieuw"
    assert {"school.change_approved", "certificate.scope_updated"} <= set(_actions())
    assert db.session.scalar(select(Notification.kind).where(Notification.user_id == owner.id)) == "change_approved"
    # Decided once: a second approval is refused with a message, not applied twice.
    log_in(client, admin)
    again = client.post(f"/beheer/wijzigingen/{change.id}/goedkeuren")
    assert again.status_code == 409 and "al besloten" in again.get_data(as_text=True)


def test_a_refusal_needs_a_reason_and_changes_nothing(app, client, plan):
    certificate = factories.issue()
    school = certificate.school
    kvk = school.kvk_number
    log_in(client, owner_of(school))
    client.post(f"/scholen/{school.id}/gegevens", data=_form(school, kvk_number="87654321"))
    client.post("/logout")
    change = db.session.execute(select(SchoolChangeRequest)).scalar_one()
    log_in(client, factories.make_admin())
    empty = client.post(f"/beheer/wijzigingen/{change.id}/weigeren", data={f"r{change.id}-reason": " "})
    assert empty.status_code == 400
    assert "Schrijf op waarom de wijziging niet wordt goedgekeurd" in empty.get_data(as_text=True)
    done = client.post(f"/beheer/wijzigingen/{change.id}/weigeren",
                       data={f"r{change.id}-reason": "Het KvK-uittreksel noemt een ander nummer."})
    assert done.status_code == 303
    db.session.expire_all()
    change = db.session.get(SchoolChangeRequest, change.id)
    assert change.status is ChangeStatus.refused and change.reason.startswith("Het KvK-uittreksel")
    assert db.session.get(School, school.id).kvk_number == kvk
    assert "school.change_refused" in _actions()


def test_locations_in_scope_wait_too_and_the_certificate_follows_the_approval(app, client, plan):
    certificate = factories.issue()
    school = certificate.school
    location = school.locations[0]
    log_in(client, owner_of(school))
    added = client.post(f"/scholen/{school.id}/locaties/nieuw", data={
        "name": "Studio Zuid", "address": "Zuidweg 2", "postcode": "3500AA", "city": "Utrecht"})
    assert added.status_code == 303
    removed = client.post(f"/scholen/locaties/{location.id}/verwijderen")
    assert removed.status_code == 303
    db.session.expire_all()
    assert [loc.name for loc in db.session.execute(select(Location)).scalars()] == ["Hoofdlocatie"]
    assert "Studio Zuid" not in client.get(f"/verify/{certificate.number}").get_data(as_text=True)
    client.post("/logout")
    log_in(client, factories.make_admin())
    for change in db.session.execute(select(SchoolChangeRequest).order_by(SchoolChangeRequest.id)).scalars().all():
        assert client.post(f"/beheer/wijzigingen/{change.id}/goedkeuren").status_code == 303
    db.session.expire_all()
    assert [loc.name for loc in db.session.execute(select(Location)).scalars()] == ["Studio Zuid"]
    page = client.get(f"/verify/{certificate.number}").get_data(as_text=True)
    assert "Studio Zuid" in page and "Hoofdlocatie" not in page


def test_only_admins_see_and_decide_change_requests(app, client, plan):
    certificate = factories.issue()
    school = certificate.school
    owner = owner_of(school)
    log_in(client, owner)
    client.post(f"/scholen/{school.id}/gegevens", data=_form(school, name="Anders"))
    change = db.session.execute(select(SchoolChangeRequest)).scalar_one()
    assert client.get("/beheer/wijzigingen").status_code == 403
    assert client.post(f"/beheer/wijzigingen/{change.id}/goedkeuren").status_code == 403
    assert client.post(f"/beheer/wijzigingen/{change.id}/weigeren", data={f"r{change.id}-reason": "x"}) \
        .status_code == 403
    db.session.expire_all()
    assert db.session.get(SchoolChangeRequest, change.id).status is ChangeStatus.pending
