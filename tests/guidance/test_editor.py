"""Admins edit the step plans (nl and en side by side, preview, publish) and the contacts;
every published version stays, with who and when; others may not."""

from sqlalchemy import select

from accounts.models import Role
from core.extensions import db
from core.models import AuditEvent
from guidance.models import GuidePageVersion


def _form(**overrides):
    data = {"title_nl": "Voor ouders", "title_en": "For parents",
            "body_nl": "## Wat te doen\nBel [[veilig_thuis]] voor advies.",
            "body_en": "## What to do\nCall [[veilig_thuis]] for advice."}
    data.update(overrides)
    return data


def test_the_editor_opens_with_the_published_text_in_both_languages(client, login):
    login(Role.admin)
    body = client.get("/beheer/stappenplannen/kinderen").get_data(as_text=True)
    assert "Dansen moet leuk zijn." in body and "Dancing should be fun." in body


def test_preview_shows_the_page_and_publishes_nothing(client, login):
    login(Role.admin)
    response = client.post("/beheer/stappenplannen/ouders", data={**_form(), "preview": "1"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<a href="tel:08002000" class="tel">0800-2000</a>' in body
    assert db.session.scalar(select(GuidePageVersion)) is None
    assert "Veilig Thuis bij zorgen" not in client.get("/melden/ouders").get_data(as_text=True)


def test_publishing_adds_a_version_with_who_and_when_and_keeps_the_old_one(client, login):
    admin = login(Role.admin)
    client.post("/beheer/stappenplannen/ouders", data={**_form(), "publish": "1"})
    client.post("/beheer/stappenplannen/ouders", data={**_form(body_nl="Tweede versie. Bel [[112]]."), "publish": "1"})
    versions = db.session.scalars(select(GuidePageVersion).order_by(GuidePageVersion.number)).all()
    assert [v.number for v in versions] == [1, 2] and all(v.published_by_id == admin.id for v in versions)
    assert "Tweede versie." in client.get("/melden/ouders").get_data(as_text=True)
    history = client.get("/beheer/stappenplannen/ouders/versies").get_data(as_text=True)
    assert "Versie 2" in history and "Versie 1" in history and admin.name in history
    assert "Bel [[veilig_thuis]] voor advies." in history
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "guidance.page_published")).all()
    assert len(events) == 2 and events[0].actor_id == admin.id


def test_the_english_page_shows_the_english_text(client, login):
    login(Role.admin)
    client.post("/beheer/stappenplannen/ouders", data={**_form(), "publish": "1"})
    client.post("/taal", data={"lang": "en", "next": "/"})
    body = client.get("/melden/ouders").get_data(as_text=True)
    assert "<h1>For parents</h1>" in body and "Call" in body


def test_a_hard_text_for_children_warns_with_its_longest_sentences(client, login):
    login(Role.admin)
    hard = ("Grensoverschrijdend gedrag binnen danswerkverbanden vereist onverwijlde melding bij het "
            "daartoe aangewezen meldpunt, overeenkomstig de geldende meldingsprocedures.")
    response = client.post("/beheer/stappenplannen/kinderen",
                           data={**_form(body_nl=hard + " Kort.", title_nl="Kinderen"), "preview": "1"})
    body = response.get_data(as_text=True)
    assert "Te moeilijk voor deze doelgroep" in body
    assert f"<li>{hard}</li>" in body
    response = client.post("/beheer/stappenplannen/kinderen",
                           data={**_form(body_nl=hard, title_nl="Kinderen"), "publish": "1"}, follow_redirects=True)
    assert "moeilijker dan het doel" in response.get_data(as_text=True)


def test_the_shipped_childrens_text_passes_the_check_in_the_editor(client, login):
    login(Role.admin)
    form = client.get("/beheer/stappenplannen/kinderen")
    assert form.status_code == 200
    from guidance.content import shipped_page
    from guidance.models import Audience

    page = shipped_page(Audience.kinderen)
    body = client.post("/beheer/stappenplannen/kinderen", data={
        "title_nl": page.title["nl"], "title_en": page.title["en"], "body_nl": page.body["nl"],
        "body_en": page.body["en"], "preview": "1"}).get_data(as_text=True)
    assert body.count("Goed leesbaar voor deze doelgroep.") == 2


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(client, login):
    login(Role.admin)
    response = client.post("/beheer/stappenplannen/ouders",
                           data={**_form(title_en="", body_nl="Bel [[kinderlijn]] nu, mijn getypte tekst."),
                                 "publish": "1"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vul de titel in." in body and "mijn getypte tekst" in body
    response = client.post("/beheer/stappenplannen/ouders",
                           data={**_form(body_nl="Bel [[kinderlijn]] nu, mijn getypte tekst."), "publish": "1"})
    assert response.status_code == 400
    assert "Onbekende verwijzing: [[kinderlijn]]" in response.get_data(as_text=True)
    assert db.session.scalar(select(GuidePageVersion)) is None


def test_text_with_markup_is_shown_as_text(client, login):
    login(Role.admin)
    client.post("/beheer/stappenplannen/ouders", data={**_form(body_nl='<script>alert(1)</script> [[112|"><b>x</b>]]'),
                                                       "publish": "1"})
    body = client.get("/melden/ouders").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    assert "<b>x</b>" not in body


def test_a_changed_number_changes_on_every_page(client, login):
    admin = login(Role.admin)
    response = client.post("/beheer/stappenplannen/contacten/kindertelefoon", data={
        "name_nl": "De Kindertelefoon", "name_en": "Children's helpline", "purpose_nl": "Voor kinderen.",
        "purpose_en": "For children.", "phone": "0800-1234", "url": "https://www.kindertelefoon.nl"})
    assert response.status_code == 302
    for url in ("/melden/kinderen", "/melden/jongeren", "/melden"):
        body = client.get(url).get_data(as_text=True)
        assert 'href="tel:08001234"' in body and "0800-0432" not in body, url
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "guidance.contact_updated"))
    assert event.actor_id == admin.id and event.details["after"]["phone"] == "0800-1234"


def test_a_contact_with_a_bad_number_or_site_is_refused(client, login):
    login(Role.admin)
    data = {"name_nl": "Mores", "name_en": "Mores", "purpose_nl": "x", "purpose_en": "x",
            "phone": "bel ons", "url": "javascript:alert(1)"}
    response = client.post("/beheer/stappenplannen/contacten/mores", data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Een telefoonnummer bestaat uit cijfers" in body and "begint met https://" in body
    response = client.post("/beheer/stappenplannen/contacten/mores", data={**data, "phone": "", "url": ""})
    assert response.status_code == 400
    assert "Geef een telefoonnummer of een website op." in response.get_data(as_text=True)
    assert client.get("/beheer/stappenplannen/contacten/onbekend").status_code == 404


def test_only_admins_edit(client, login):
    login(Role.school_owner)
    assert client.get("/beheer/stappenplannen").status_code == 403
    assert client.post("/beheer/stappenplannen/ouders", data={**_form(), "publish": "1"}).status_code == 403
    assert client.post("/beheer/stappenplannen/contacten/mores", data={"phone": "1"}).status_code == 403
    assert db.session.scalar(select(GuidePageVersion)) is None


def test_two_editors_publishing_at_once_get_a_message_not_an_error(client, login, monkeypatch):
    admin = login(Role.admin)
    from guidance import services
    from guidance.models import Audience

    services.publish_page(Audience.ouders, {"nl": "A", "en": "A"}, {"nl": "Een.", "en": "One."}, admin)
    # the other editor read the highest number before this one published
    monkeypatch.setattr(services, "func", type("F", (), {"max": staticmethod(lambda column: column.op("*")(0))}))
    response = client.post("/beheer/stappenplannen/ouders", data={**_form(body_nl="Mijn tekst blijft."),
                                                                   "publish": "1"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Iemand anders publiceerde deze pagina tegelijk met u." in body and "Mijn tekst blijft." in body
    assert len(services.page_history(Audience.ouders)) == 1


def test_admins_find_the_editor_from_the_pages_and_others_do_not(client, login):
    assert "/beheer/stappenplannen" not in client.get("/melden/ouders").get_data(as_text=True)
    login(Role.admin)
    assert 'href="/beheer/stappenplannen/ouders"' in client.get("/melden/ouders").get_data(as_text=True)
    assert 'href="/beheer/stappenplannen"' in client.get("/melden").get_data(as_text=True)
