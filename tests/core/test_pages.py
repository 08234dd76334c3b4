import pytest
from sqlalchemy.exc import OperationalError

from accounts.models import Role
from core.extensions import db
from tests.kit import make_test_app


def test_home_is_dutch_by_default_and_switches_to_english(client):
    body = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in body and "Veilig dansen, voor iedereen" in body
    assert ">English</button>" in body
    response = client.post("/taal", data={"lang": "en", "next": "/melden"})
    assert response.headers["Location"] == "/melden"
    body = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in body and "Safe dancing, for everyone" in body
    assert ">Nederlands</button>" in body


def test_language_choice_is_remembered_on_the_account(client, login):
    user = login(Role.teacher)
    client.post("/taal", data={"lang": "en"})
    db.session.refresh(user)
    assert user.locale == "en"


def test_language_switch_ignores_unknown_languages_and_foreign_redirects(client):
    response = client.post("/taal", data={"lang": "fr", "next": "https://evil.example"})
    assert response.headers["Location"] == "/"
    assert '<html lang="nl">' in client.get("/").get_data(as_text=True)


def test_report_page_names_where_to_go(client):
    body = client.get("/melden").get_data(as_text=True)
    for name in ("112", "Mores", "Centrum Veilige Sport Nederland", "vertrouwenspersoon", "0800-0432"):
        assert name in body


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_script_or_style(client):
    body = client.get("/").get_data(as_text=True)
    assert "<script>" not in body and "style=" not in body


@pytest.mark.parametrize("lang, text", [("nl", "Pagina niet gevonden"), ("en", "Page not found")])
def test_friendly_404_in_both_languages(client, lang, text):
    client.post("/taal", data={"lang": lang})
    response = client.get("/bestaat-niet")
    assert response.status_code == 404 and text in response.get_data(as_text=True)


def test_friendly_403_405_and_413(app, client, login):
    login(Role.teacher)
    response = client.get("/beheer/gebruikers")
    assert response.status_code == 403 and "Geen toegang" in response.get_data(as_text=True)
    assert client.post("/").status_code == 405
    app.config["MAX_CONTENT_LENGTH"] = 100
    try:
        response = client.post("/registreren", data={"email": "x" * 500, "password": "y"})
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 20 * 1024 * 1024
    assert response.status_code == 413 and "Bestand te groot" in response.get_data(as_text=True)


def test_unexpected_error_shows_a_friendly_500(app):
    from core.errors import _respond

    with app.test_request_context("/"):
        body, status = _respond(500)
    assert status == 500 and "Er ging iets mis" in body


def test_missing_csrf_token_gets_a_clear_message(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/login", data={"email": "a@example.nl", "password": "x"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.get_data(as_text=True)


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    app = make_test_app("postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "error"


def test_api_errors_are_json(client):
    response = client.get("/api/v1/does-not-exist")
    assert response.status_code == 404 and "error" in response.json


def test_pages_need_login_unless_public(client):
    response = client.get("/account")
    assert response.status_code == 302 and "/login?next=/account" in response.headers["Location"]


def test_operational_error_is_not_a_stack_trace(app, client, monkeypatch):
    import core.views

    def broken():
        raise OperationalError("SELECT", {}, Exception("boom"))

    broken.is_public = True
    monkeypatch.setitem(app.view_functions, "core.report", broken)
    response = client.get("/melden")
    assert response.status_code == 500
    assert "Traceback" not in response.get_data(as_text=True) and "Er ging iets mis" in response.get_data(as_text=True)
    assert core.views  # the real view is restored by monkeypatch
