from accounts.models import Role
from tests.kit import DEFAULT_PASSWORD, log_in


def test_demo_style_login_and_logout(client, user_factory):
    user = user_factory(roles=(Role.school_owner,))
    response = client.post("/login", data={"email": user.email.upper(), "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert client.get("/logout").status_code == 405  # logging out changes state: POST only
    response = client.post("/logout", follow_redirects=True)
    assert "Je bent uitgelogd" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302


def test_wrong_password_gets_a_clear_message(client, user_factory):
    user = user_factory()
    response = client.post("/login", data={"email": user.email, "password": "not the password"})
    assert response.status_code == 401
    assert "horen niet bij elkaar" in response.get_data(as_text=True)


def test_unknown_email_gets_the_same_message_as_a_wrong_password(client):
    response = client.post("/login", data={"email": "nobody@example.nl", "password": "whatever12345"})
    assert response.status_code == 401
    assert "horen niet bij elkaar" in response.get_data(as_text=True)


def test_malformed_and_too_long_input_is_refused_with_field_messages(client):
    response = client.post("/login", data={"email": "not-an-address", "password": ""})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "geen geldig e-mailadres" in body and "Vul je wachtwoord in" in body
    response = client.post("/login", data={"email": "a" * 300 + "@example.nl", "password": "x"})
    assert response.status_code == 400
    assert "hoogstens 254 tekens" in response.get_data(as_text=True)


def test_failed_logins_are_limited_per_account_and_address(client, user_factory):
    user = user_factory()
    for _ in range(5):
        assert client.post("/login", data={"email": user.email, "password": "wrong-password"}).status_code == 401
    response = client.post("/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.get_data(as_text=True)


def test_failed_logins_are_limited_per_address(app, client, user_factory):
    app.config["LOGIN_FAILURE_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    try:
        for n in range(3):
            client.post("/login", data={"email": f"guess{n}@example.nl", "password": "wrong-password"})
        other = user_factory()
        response = client.post("/login", data={"email": other.email, "password": DEFAULT_PASSWORD})
        assert response.status_code == 429
        # Another address is not affected.
        response = client.post("/login", data={"email": other.email, "password": DEFAULT_PASSWORD},
                               environ_base={"REMOTE_ADDR": "10.9.8.7"})
        assert response.status_code == 302
    finally:
        app.config["LOGIN_FAILURE_LIMIT_PER_ADDRESS"] = "20 per 15 minutes"


def test_a_successful_login_resets_the_account_counter(client, user_factory):
    user = user_factory()
    for _ in range(4):
        client.post("/login", data={"email": user.email, "password": "wrong-password"})
    log_in(client, user)
    client.post("/logout")
    for _ in range(4):
        assert client.post("/login", data={"email": user.email, "password": "wrong-password"}).status_code == 401
    log_in(client, user)


def test_a_disabled_account_cannot_log_in(app, client, user_factory):
    from accounts.services import set_user_enabled

    admin = user_factory(roles=(Role.admin,))
    user = user_factory()
    set_user_enabled(user, False, by=admin)
    response = client.post("/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 401


def test_login_follows_only_local_next_links(client, user_factory):
    user = user_factory()
    response = client.post("/login?next=https://evil.example/x", data={"email": user.email,
                                                                       "password": DEFAULT_PASSWORD})
    assert response.headers["Location"] == "/start"  # the role's home, never the foreign site
    client.post("/logout")
    response = client.post("/login?next=/account", data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.headers["Location"] == "/account"


def test_session_cookie_is_httponly_and_lax(client, user_factory):
    user = user_factory()
    response = client.post("/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_login_is_audited(app, client, user_factory):
    from sqlalchemy import select

    from core.extensions import db
    from core.models import AuditEvent

    user = log_in(client, user_factory())
    actions = db.session.execute(select(AuditEvent.action).where(AuditEvent.actor_id == user.id)).scalars().all()
    assert "user.logged_in" in actions
