"""Failed-login limits that do not lock people out (issue 12, finding 5): limits per account
and address together, a slow-down instead of a lock for the account, an unlock link for the
owner, and the client's address read through exactly the configured trusted proxies."""

import re
import time

import pytest
from flask import request

from accounts.models import Role
from core.config import ConfigError, load_config
from tests.kit import DEFAULT_PASSWORD, make_test_app

ATTACKER = {"REMOTE_ADDR": "203.0.113.66"}
OWNER = {"REMOTE_ADDR": "198.51.100.7"}


def _try(client, email, password="wrong-password", environ=ATTACKER, **kwargs):  # noqa: S107
    return client.post("/login", data={"email": email, "password": password}, environ_base=environ, **kwargs)


@pytest.fixture
def admin(user_factory):
    return user_factory(roles=(Role.admin,))


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(client, admin):
    for _ in range(6):
        assert _try(client, admin.email).status_code in (401, 429)
    assert _try(client, admin.email, DEFAULT_PASSWORD).status_code == 429  # the guesser's address stays refused
    assert _try(client, admin.email, DEFAULT_PASSWORD, environ=OWNER).status_code == 302


def test_the_owner_unlocks_their_address_by_e_mail(app, client, admin, mailbox):
    for _ in range(5):
        _try(client, admin.email, environ=OWNER)
    refused = _try(client, admin.email, DEFAULT_PASSWORD, environ=OWNER)
    assert refused.status_code == 429
    assert "Mail me een link" in refused.get_data(as_text=True)
    sent = client.post("/login/ontgrendelen", data={"email": admin.email}, environ_base=OWNER)
    unknown = client.post("/login/ontgrendelen", data={"email": "niemand@example.nl"}, environ_base=OWNER)
    def page(response, email):  # without the address and the CSRF token (it carries the second it was made)
        return re.sub(r'(csrf[^>]*value=")[^"]*', r"\1", response.get_data(as_text=True).replace(email, "X"))

    assert page(sent, admin.email) == page(unknown, "niemand@example.nl")  # tells nobody who has an account
    (mail,) = mailbox
    link = re.search(r"http://dansveilig\.test(/login/ontgrendelen/\S+)", mail.get_content()).group(1)
    assert client.get(link, environ_base=OWNER).status_code == 200  # GET changes nothing
    assert _try(client, admin.email, DEFAULT_PASSWORD, environ=OWNER).status_code == 429
    client.post(link, environ_base=OWNER)
    assert _try(client, admin.email, DEFAULT_PASSWORD, environ=OWNER).status_code == 302
    assert client.post("/login/ontgrendelen/kapot", follow_redirects=True).status_code == 200


def test_an_account_guessed_from_many_addresses_is_slowed_down_not_locked(app, client, admin):
    app.config.update(LOGIN_SLOWDOWN_AFTER="3 per 15 minutes", LOGIN_SLOWDOWN_SECONDS=1)
    try:
        for n in range(3):
            assert _try(client, admin.email, environ={"REMOTE_ADDR": f"192.0.2.{n}"}).status_code == 401
        time.sleep(1.05)  # a fresh one-second slot, wherever the clock stands
        assert _try(client, admin.email, environ={"REMOTE_ADDR": "192.0.2.50"}).status_code == 401
        slowed = _try(client, admin.email, environ={"REMOTE_ADDR": "192.0.2.51"})
        assert slowed.status_code == 429
        assert "over 1 seconde opnieuw" in slowed.get_data(as_text=True)
        time.sleep(1.05)
        assert _try(client, admin.email, DEFAULT_PASSWORD, environ=OWNER).status_code == 302
    finally:
        app.config.update(LOGIN_SLOWDOWN_AFTER="10 per 15 minutes", LOGIN_SLOWDOWN_SECONDS=10)


def test_behind_a_shared_address_one_guesser_does_not_lock_out_the_others(app, client, user_factory):
    """Without trusted proxies everyone behind one proxy shares its address, and a written
    X-Forwarded-For does not change that (nobody escapes a limit by inventing addresses)."""
    app.config["LOGIN_FAILURE_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    try:
        proxy = {"REMOTE_ADDR": "10.0.0.1"}
        for n in range(3):
            _try(client, f"guess{n}@example.nl", environ=proxy, headers={"X-Forwarded-For": f"192.0.2.{n}"})
        other = user_factory()
        response = _try(client, other.email, DEFAULT_PASSWORD, environ=proxy,
                        headers={"X-Forwarded-For": "198.51.100.99"})
        assert response.status_code == 429
    finally:
        app.config["LOGIN_FAILURE_LIMIT_PER_ADDRESS"] = "20 per 15 minutes"


def _seen_address(database_url, trusted, headers, remote="10.0.0.1"):
    proxied = make_test_app(database_url, TRUSTED_PROXIES=trusted)

    @proxied.get("/_test/address")
    def address():
        return request.remote_addr or "-"

    proxied.view_functions["address"].is_public = True
    return proxied.test_client().get("/_test/address", headers=headers,
                                     environ_base={"REMOTE_ADDR": remote}).get_data(as_text=True)


def test_the_client_address_is_read_through_the_configured_number_of_proxies(database_url):
    forwarded = {"X-Forwarded-For": "6.6.6.6, 192.0.2.10"}  # a forged first hop, then what our proxy saw
    assert _seen_address(database_url, 0, forwarded) == "10.0.0.1"
    assert _seen_address(database_url, 1, forwarded) == "192.0.2.10"
    assert _seen_address(database_url, 2, forwarded) == "6.6.6.6"


def test_trusted_proxies_must_be_a_number(monkeypatch, tmp_path):
    monkeypatch.setenv("TRUSTED_PROXIES", "ja")
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        load_config(str(tmp_path), {"APP_ENV": "testing", "SECRET_KEY": "x"})
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    assert load_config(str(tmp_path), {"APP_ENV": "testing", "SECRET_KEY": "x"})["TRUSTED_PROXIES"] == 1
