import re

from sqlalchemy import select

from accounts.models import Role, User
from core.extensions import db
from tests.kit import DEFAULT_PASSWORD


def _register(client, email="nieuw@example.nl", role="school_owner", locale="nl", password=DEFAULT_PASSWORD):
    return client.post("/registreren", data={"name": "Nina Nieuw", "email": email, "password": password,
                                             "confirm": password, "role": role, "locale": locale})


def _link(message, path):
    match = re.search(r"http://dansveilig\.test(" + path + r"[^\s]+)", message.get_content())
    assert match, message.get_content()
    return match.group(1)


def test_registration_sends_a_confirmation_link_that_activates_the_account(client, mailbox):
    response = _register(client)
    assert response.status_code == 200
    assert "Kijk in je e-mail" in response.get_data(as_text=True)
    # Not confirmed yet: login refused with a clear message.
    response = client.post("/login", data={"email": "nieuw@example.nl", "password": DEFAULT_PASSWORD})
    assert response.status_code == 403
    assert "Bevestig eerst je e-mailadres" in response.get_data(as_text=True)

    assert len(mailbox) == 1
    assert mailbox[0]["To"] == "nieuw@example.nl"
    assert mailbox[0]["Subject"] == "Bevestig je e-mailadres"
    link = _link(mailbox[0], "/bevestigen/")
    assert client.get(link).status_code == 200  # a page with a button; GET changes nothing
    response = client.post(link, follow_redirects=True)
    assert "Je e-mailadres is bevestigd" in response.get_data(as_text=True)
    response = client.post("/login", data={"email": "nieuw@example.nl", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    user = db.session.execute(select(User).where(User.email == "nieuw@example.nl")).scalar_one()
    assert user.roles == {Role.school_owner}


def test_confirmation_mail_is_in_the_chosen_language(client, mailbox):
    _register(client, email="new@example.com", role="teacher", locale="en")
    assert mailbox[0]["Subject"] == "Confirm your e-mail address"
    assert "Confirm your e-mail address for Dans Veilig" in mailbox[0].get_content()


def test_registration_answers_the_same_for_a_taken_address_and_tells_its_owner(client, user_factory, mailbox):
    """Issue 12, finding 10: the answer does not tell who has an account; the owner hears of
    the attempt by e-mail, in their language, and nothing about the account changes."""
    existing = user_factory(locale="en")
    before = existing.password_hash
    new = _register(client, email="nog-niet@example.nl")
    taken = _register(client, email=existing.email.upper())
    assert taken.status_code == new.status_code == 200
    def page(r):  # without the addresses and the CSRF token (it carries the second it was made)
        body = r.get_data(as_text=True).replace("nog-niet@example.nl", "X").replace(existing.email.upper(), "X")
        return re.sub(r'(csrf[^>]*(?:content|value)=")[^"]*', r"\1", body)
    assert page(taken) == page(new)
    assert [m["To"] for m in mailbox] == ["nog-niet@example.nl", existing.email]
    assert mailbox[1]["Subject"] == "You already have an account with Dans Veilig"
    assert "/wachtwoord-vergeten" in mailbox[1].get_content()
    db.session.refresh(existing)
    assert existing.password_hash == before and existing.roles == {Role.teacher}


def test_assessor_role_cannot_be_self_registered(client):
    response = _register(client, role="assessor")
    assert response.status_code == 400
    assert db.session.execute(select(User)).first() is None


def test_bad_registration_input_keeps_what_was_typed(client):
    response = client.post("/registreren", data={"name": "Nina Nieuw", "email": "nina@", "password": "kort",
                                                 "confirm": "anders", "role": "teacher"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="Nina Nieuw"' in body
    assert "geen geldig e-mailadres" in body
    assert "10 tot 200 tekens" in body
    assert "niet gelijk" in body


def test_tampered_confirmation_link_is_refused(client, mailbox):
    _register(client)
    link = _link(mailbox[0], "/bevestigen/")
    response = client.post(link[:-3] + "xyz", follow_redirects=True)
    assert "klopt niet" in response.get_data(as_text=True)


def test_resend_confirmation_does_not_reveal_accounts(client, mailbox):
    response = client.post("/bevestiging-opnieuw", data={"email": "nobody@example.nl"})
    assert response.status_code == 200
    assert mailbox == []
    _register(client)
    client.post("/bevestiging-opnieuw", data={"email": "nieuw@example.nl"})
    assert len(mailbox) == 2


def test_a_name_that_starts_like_a_formula_is_refused(client):
    response = client.post("/registreren", data={"name": "+31 Nina", "email": "nina@example.nl",
                                                 "password": DEFAULT_PASSWORD, "confirm": DEFAULT_PASSWORD,
                                                 "role": "teacher"})
    assert response.status_code == 400
    assert "een spreadsheet leest dat als formule" in response.get_data(as_text=True)
