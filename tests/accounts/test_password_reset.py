import re

from accounts.models import Role
from tests.kit import DEFAULT_PASSWORD


def _reset_link(message):
    match = re.search(r"http://dansveilig\.test(/wachtwoord-herstellen/[^\s]+)", message.get_content())
    assert match
    return match.group(1)


def test_reset_by_email_link_works_once(client, user_factory, mailbox):
    user = user_factory()
    response = client.post("/wachtwoord-vergeten", data={"email": user.email})
    assert response.status_code == 200
    assert len(mailbox) == 1 and mailbox[0]["To"] == user.email
    link = _reset_link(mailbox[0])
    response = client.post(link, data={"password": "a brand new secret", "confirm": "a brand new secret"})
    assert response.status_code == 302
    assert client.post("/login", data={"email": user.email, "password": "a brand new secret"}).status_code == 302
    client.post("/logout")
    response = client.post(link, data={"password": "another new secret", "confirm": "another new secret"})
    assert response.status_code == 400
    assert "ongeldig of al gebruikt" in response.get_data(as_text=True)


def test_unknown_email_gets_the_same_answer_and_no_mail(client, user_factory, mailbox):
    known = user_factory()
    unknown_page = client.post("/wachtwoord-vergeten", data={"email": "nobody@example.nl"}).get_data(as_text=True)
    known_page = client.post("/wachtwoord-vergeten", data={"email": known.email}).get_data(as_text=True)
    def normalised(page, email):  # CSRF tokens carry a timestamp; everything else must be equal
        return re.sub(r'name="csrf_token" value="[^"]+"', "", page.replace(email, "X"))

    assert normalised(unknown_page, "nobody@example.nl") == normalised(known_page, known.email)
    assert [m["To"] for m in mailbox] == [known.email]


def test_expired_reset_link_is_refused(app, client, user_factory, mailbox):
    user = user_factory()
    client.post("/wachtwoord-vergeten", data={"email": user.email})
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    try:
        response = client.get(_reset_link(mailbox[0]))
    finally:
        app.config["PASSWORD_RESET_MAX_AGE"] = 3600
    assert response.status_code == 400
    assert "verlopen" in response.get_data(as_text=True)


def test_tampered_reset_link_is_refused(client):
    response = client.get("/wachtwoord-herstellen/not-a-real-token")
    assert response.status_code == 400
    assert "ongeldig of al gebruikt" in response.get_data(as_text=True)


def test_too_short_new_password_keeps_the_form(client, user_factory, mailbox):
    user = user_factory()
    client.post("/wachtwoord-vergeten", data={"email": user.email})
    response = client.post(_reset_link(mailbox[0]), data={"password": "short", "confirm": "short"})
    assert response.status_code == 400
    assert "10 tot 200 tekens" in response.get_data(as_text=True)
    assert client.post("/login", data={"email": user.email, "password": DEFAULT_PASSWORD}).status_code == 302


def test_change_password_needs_the_current_one(client, login):
    login(Role.teacher)
    response = client.post("/account/wachtwoord", data={"current": "wrong one!!", "password": "new password 1",
                                                        "confirm": "new password 1"})
    assert response.status_code == 400
    assert "huidige wachtwoord klopt niet" in response.get_data(as_text=True)
    response = client.post("/account/wachtwoord", data={"current": DEFAULT_PASSWORD, "password": "new password 1",
                                                        "confirm": "new password 1"})
    assert response.status_code == 302
