"""The wegwijzer: one question per page without JavaScript, the routes in order, the school's
own advisor when a school is named, and nothing stored."""

from sqlalchemy import func, select

from core.extensions import db
from core.models import AuditEvent


def _post(client, **answers):
    return client.post("/melden/wegwijzer", data=answers).get_data(as_text=True)


def _routes(body):
    import re

    return re.findall(r'<li class="route[^"]*">\s*<h2>([^<]+)</h2>', body)


def test_it_asks_one_question_per_page(client):
    body = client.get("/melden/wegwijzer").get_data(as_text=True)
    assert "Wie ben jij?" in body and body.count('type="radio"') == 6
    assert "bewaren we niet" in body
    body = _post(client, vraag="wie", wie="kind")
    assert "Is iemand nu in gevaar?" in body and "Wie ben jij?" not in body
    assert '<input type="hidden" name="wie" value="kind">' in body


def test_danger_shows_112_first_at_once(client):
    body = _post(client, wie="kind", vraag="gevaar", gevaar="ja")
    assert _routes(body)[0] == "Bel nu 112"
    assert '<a class="tel" href="tel:112">112</a>' in body


def test_a_child_who_wants_to_talk_gets_people_before_reporting_points(client):
    body = _post(client, wie="kind", gevaar="nee", school="nee", doel="praten", vraag="anoniem", anoniem="ja")
    routes = _routes(body)
    assert routes[0] == "Praat met iemand die je vertrouwt"
    assert routes.index("Bel of chat met de Kindertelefoon") < routes.index("Melden buiten de school")
    assert 'href="tel:08000432"' in body and 'href="/melden/kinderen"' in body


def test_a_parent_who_wants_to_report_gets_reporting_points_first(client):
    body = _post(client, wie="ouder", gevaar="nee", school="nee", doel="melden", vraag="anoniem", anoniem="nee")
    routes = _routes(body)
    assert routes[0] == "Melden buiten de school" and "Vraag advies aan Veilig Thuis" in routes
    assert "Kindertelefoon" not in body.split("<ol class=\"routes\">")[1]


def test_naming_a_school_finds_it_and_shows_its_advisor(client, certified_school):
    body = _post(client, wie="jongere", gevaar="nee", vraag="school", school="ja")
    assert "Hoe heet de school?" in body
    body = _post(client, wie="jongere", gevaar="nee", school="ja", vraag="naam", naam="pirouette")
    assert "Welke school bedoel je?" in body and "Dansschool De Pirouette, Utrecht" in body
    body = _post(client, wie="jongere", gevaar="nee", school="ja", naam="pirouette",
                 keuze=str(certified_school.id), doel="praten", vraag="anoniem", anoniem="nee")
    assert "De vertrouwenspersoon van Dansschool De Pirouette" in body
    assert "Vera Vertrouwen" in body and 'href="tel:0301234567"' in body and 'href="mailto:vp@example.nl"' in body
    assert 'href="https://www.mores.online"' in body  # a dance school reports to Mores


def test_a_name_that_finds_nothing_goes_on_to_the_next_question(client, certified_school):
    body = _post(client, wie="ouder", gevaar="nee", school="ja", vraag="naam", naam="bestaat niet")
    assert "Wat wil je eerst?" in body


def test_an_unanswered_question_is_asked_again_with_a_message(client):
    body = _post(client, wie="kind", vraag="gevaar")
    assert "Is iemand nu in gevaar?" in body and "Kies een antwoord." in body
    assert "<title>Fout:" in body


def test_made_up_answers_are_ignored(client):
    body = _post(client, wie="hacker", vraag="wie")
    assert "Wie ben jij?" in body and "Kies een antwoord." in body
    body = _post(client, wie="kind", gevaar="nee", school="ja", naam="<script>x</script>", vraag="naam")
    assert "<script>x</script>" not in body


def test_back_forgets_the_last_answer(client):
    body = _post(client, wie="kind", gevaar="nee", vraag="school", terug="1")
    assert "Is iemand nu in gevaar?" in body


def test_nothing_is_stored(client, certified_school):
    events = db.session.scalar(select(func.count()).select_from(AuditEvent))
    _post(client, wie="jongere", gevaar="nee", school="ja", naam="pirouette", vraag="naam")
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events
    with client.session_transaction() as session:
        assert set(session) <= {"csrf_token", "_permanent", "lang"}
