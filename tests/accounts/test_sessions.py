"""Ending sessions (issue 12, finding 4): logout, a password change, an admin blocking the
account and "log out everywhere" end every session and remember-me cookie of the user, a
copied cookie included."""

from accounts.models import Role
from tests.kit import DEFAULT_PASSWORD, log_in

NEW_PASSWORD = "een heel nieuw wachtwoord"


def _logged_in_client(app, user, remember=False, password=DEFAULT_PASSWORD):
    client = app.test_client()
    data = {"email": user.email, "password": password}
    if remember:
        data["remember"] = "y"
    assert client.post("/login", data=data).status_code == 302
    return client


def _copy(app, client, *names):
    """A stolen copy: another browser with only these cookies of `client`."""
    thief = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        assert cookie is not None, name
        thief.set_cookie(name, cookie.value)
    return thief


def _opens_account(client) -> bool:
    return client.get("/account").status_code == 200


def test_a_session_cookie_copied_before_logout_no_longer_opens_the_account(app, user_factory):
    user = user_factory(roles=(Role.school_owner,))
    client = _logged_in_client(app, user)
    copy = _copy(app, client, "session")
    assert _opens_account(copy)
    client.post("/logout")
    assert not _opens_account(copy)
    assert not _opens_account(client)
    assert _opens_account(_logged_in_client(app, user))  # logging in again works


def test_a_remember_me_cookie_does_not_survive_logout(app, user_factory):
    user = user_factory()
    client = _logged_in_client(app, user, remember=True)
    remembered = _copy(app, client, "remember_token")
    assert _opens_account(remembered)  # the cookie alone logs in: it is a real remember-me token
    client.post("/logout")
    assert not _opens_account(_copy(app, client, "session") if client.get_cookie("session") else app.test_client())
    assert not _opens_account(remembered)


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app, user_factory):
    user = user_factory()
    laptop = _logged_in_client(app, user)
    phone = _logged_in_client(app, user, remember=True)
    phone_token = _copy(app, phone, "remember_token")
    response = laptop.post("/account/wachtwoord", data={"current": DEFAULT_PASSWORD, "password": NEW_PASSWORD,
                                                         "confirm": NEW_PASSWORD}, follow_redirects=True)
    assert "Op andere apparaten ben je uitgelogd" in response.get_data(as_text=True)
    assert _opens_account(laptop)
    assert not _opens_account(phone)
    assert not _opens_account(phone_token)


def test_a_password_reset_ends_every_session(app, client, user_factory, mailbox):
    import re

    user = user_factory()
    other = _logged_in_client(app, user, remember=True)
    client.post("/wachtwoord-vergeten", data={"email": user.email})
    link = re.search(r"/wachtwoord-herstellen/\S+", mailbox[-1].get_content()).group(0)
    client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert not _opens_account(other)


def test_blocking_an_account_ends_its_sessions_also_after_unblocking(app, client, user_factory):
    user = user_factory()
    victim = _logged_in_client(app, user, remember=True)
    token = _copy(app, victim, "remember_token")
    admin = log_in(client, user_factory(roles=(Role.admin,)))
    assert admin
    client.post(f"/beheer/gebruikers/{user.id}/blokkeren")
    assert not _opens_account(victim)
    client.post(f"/beheer/gebruikers/{user.id}/deblokkeren")
    assert not _opens_account(victim)
    assert not _opens_account(token)


def test_log_out_everywhere_from_the_account_page(app, user_factory):
    from sqlalchemy import select

    from core.audit import AuditEvent
    from core.extensions import db

    user = user_factory()
    here = _logged_in_client(app, user)
    elsewhere = _logged_in_client(app, user, remember=True)
    token = _copy(app, elsewhere, "remember_token")
    page = here.get("/account").get_data(as_text=True)
    assert "Overal uitloggen" in page
    response = here.post("/account/overal-uitloggen", follow_redirects=True)
    assert "Je bent op alle apparaten uitgelogd" in response.get_data(as_text=True)
    assert not any(_opens_account(c) for c in (here, elsewhere, token))
    actions = db.session.execute(select(AuditEvent.action).where(AuditEvent.action.like("user.logged_out%"))).scalars()
    assert "user.logged_out_everywhere" in set(actions)


def test_a_malformed_session_id_is_a_visitor_not_an_error(app, user_factory):
    user = user_factory()
    client = _logged_in_client(app, user)
    with client.session_transaction() as session:
        session["_user_id"] = "abc.def"
    assert client.get("/account").status_code == 302
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)  # a cookie from before this change
    assert client.get("/account").status_code == 302
