"""The public quality-plan pages, in Dutch and English."""

from sqlalchemy import event

from core.extensions import db


def _html(response):
    return response.get_data(as_text=True)


def test_the_plan_page_shows_the_current_plan_in_dutch(client, published_plan):
    response = client.get("/kwaliteitsplan")
    assert response.status_code == 200
    html = _html(response)
    assert "<h1>Kwaliteitsplan Dans Veilig</h1>" in html
    assert "Versie 1.0, geldig vanaf 1 januari 2026" in html
    # table of contents by domain, with anchors to each domain
    assert 'href="#domein-A">A. Open cultuur en de stem van de danser</a>' in html
    assert 'id="domein-G"' in html
    # a criterion with its requirement, guidance, mandatory mark, evidence, scope and recommendations
    assert 'id="eis-B2"' in html and "Studio&#39;s waar je in kunt kijken" in html
    assert "In elke ruimte voor les, training of repetitie kan iemand van buiten naar binnen kijken" in html
    assert "Maak per ruimte een foto van de deur of wand" in html
    assert "Verplicht" in html
    assert "<li>Foto</li>" in html
    assert "Alle dansscholen, opleidingen, gezelschappen en verenigingen" in html
    assert '<span class="recommendation-code">4.3</span> Transparantie: voorkom een-op-een situaties' in html


def test_the_plan_page_shows_to_whom_a_criterion_applies(client, published_plan):
    html = _html(client.get("/kwaliteitsplan"))
    f7 = html[html.index('id="eis-F7"'):html.index('id="eis-F8"')]
    assert "<li>Vooropleidingen</li>" in f7 and "<li>Beroepsopleidingen dans</li>" in f7
    d1 = html[html.index('id="eis-D1"'):html.index('id="eis-D2"')]
    assert "Alleen waar les wordt gegeven aan kinderen en jongeren onder de 18." in d1


def test_the_plan_page_explains_the_rules_in_plain_words(client, published_plan):
    html = _html(client.get("/kwaliteitsplan"))
    assert "Het keurmerk is 36 maanden geldig." in html
    assert "minstens 75% van de eisen die voor haar gelden voldoet" in html
    assert "screeningsprofiel 84" in html
    assert "minstens 60 bijscholingspunten" in html and "12 over sociale veiligheid" in html
    assert "Aanwezig en geëvalueerd" in html and "Voldoet gedeeltelijk" in html and "Grote tekortkoming" in html


def test_the_plan_page_lists_out_of_scope_recommendations_with_reasons(client, published_plan):
    html = _html(client.get("/kwaliteitsplan"))
    section = html[html.index('id="buiten-het-plan"'):]
    assert '<span class="recommendation-code">2.1</span>' in section
    assert "Gericht aan OCW" in section


def test_the_plan_page_in_english(client, published_plan):
    client.post("/taal", data={"lang": "en"})
    html = _html(client.get("/kwaliteitsplan"))
    assert '<html lang="en">' in html
    assert "<h1>Dans Veilig quality plan (Safe Dance)</h1>" in html
    assert "A. Open culture and the dancer&#39;s voice" in html
    assert "Studios you can see into" in html
    assert "Take a photo of the door or wall of each room" in html
    assert "Transparency: prevent one-on-one situations" in html
    assert "Addressed to the Ministry of Education" in html
    assert "Studio&#39;s waar je in kunt kijken" not in html


def test_an_earlier_version_stays_readable(client, second_version):
    html = _html(client.get("/kwaliteitsplan"))
    assert "Versie 1.1" in html and 'href="/kwaliteitsplan/1.0"' in html
    response = client.get("/kwaliteitsplan/1.0")
    assert response.status_code == 200
    old = _html(response)
    assert "Dit is een eerdere versie van het kwaliteitsplan." in old
    assert 'id="eis-A6"' in old and "Het keurmerk is 36 maanden geldig." in old
    assert 'href="/kwaliteitsplan/1.0" aria-current="page"' in old
    assert "Het keurmerk is 24 maanden geldig." in _html(client.get("/kwaliteitsplan/1.1"))


def test_an_unknown_version_gets_a_friendly_404(client, published_plan):
    response = client.get("/kwaliteitsplan/9.9")
    assert response.status_code == 404
    html = _html(response)
    assert "Er is geen versie 9.9 van het kwaliteitsplan." in html
    assert 'href="/kwaliteitsplan/1.0"' in html


def test_the_plan_page_before_anything_is_published(client):
    response = client.get("/kwaliteitsplan")
    assert response.status_code == 200
    assert "Het kwaliteitsplan is nog niet gepubliceerd." in _html(response)
    assert client.get("/kwaliteitsplan/1.0").status_code == 404


def test_the_menu_links_to_the_plan(client):
    assert 'href="/kwaliteitsplan"' in _html(client.get("/"))


def test_the_plan_page_uses_a_fixed_number_of_queries(app, client, published_plan, write_plan):
    from standards.services import publish_plan

    statements = []

    def count(*args):
        statements.append(1)

    def queries_for(url):
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    one_version = queries_for("/kwaliteitsplan")
    publish_plan(write_plan("1.1"))
    publish_plan(write_plan("1.2"))
    assert queries_for("/kwaliteitsplan") == one_version <= 6
