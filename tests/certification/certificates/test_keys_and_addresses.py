"""Finding 8 of issue 12: a restore without the keys folder must not quietly sign with a new
key, and a move of the domain must not break the credentials signed under the old address."""

import pytest

from core.config import ConfigError
from tests.kit import make_test_app


def _credential(client, number) -> str:
    return client.get(f"/api/v1/certificates/{number}/credential").get_data(as_text=True)


def test_production_refuses_to_start_without_the_keys_when_certificates_exist(app, client, database_url,
                                                                               certificate, tmp_path):
    assert _credential(client, certificate.number)  # signed with the key in the configured folder
    with pytest.raises(ConfigError, match="holds no key, but 1 certificate"):
        make_test_app(database_url, APP_ENV="production", CREDENTIAL_KEY_PATH=str(tmp_path / "restored-keys"))
    assert not (tmp_path / "restored-keys").exists()  # no new key was made either
    # With the restored folder it starts; so it does when the operator says the keys are lost.
    make_test_app(database_url, APP_ENV="production", CREDENTIAL_KEY_PATH=app.config["CREDENTIAL_KEY_PATH"])
    make_test_app(database_url, APP_ENV="production", CREDENTIAL_KEY_PATH=str(tmp_path / "new"),
                  SIGNING_KEYS_LOST=True)


def test_a_new_installation_starts_without_keys(app, database_url, tmp_path):
    make_test_app(database_url, APP_ENV="production", CREDENTIAL_KEY_PATH=str(tmp_path / "keys"))


@pytest.fixture
def moved(app):
    """The platform moves from http://dansveilig.test to https://dansveilig.example."""
    old = app.config["BASE_URL"], app.config.get("PREVIOUS_BASE_URLS", ())
    yield lambda previous: app.config.update(BASE_URL="https://dansveilig.example", PREVIOUS_BASE_URLS=previous)
    app.config["BASE_URL"], app.config["PREVIOUS_BASE_URLS"] = old


def test_credentials_signed_under_an_earlier_address_still_verify(client, certificate, moved):
    token = _credential(client, certificate.number)
    moved(("http://dansveilig.test",))
    answer = client.post("/api/v1/verify", data=token, content_type="application/jwt").json
    assert answer == {"valid": True, "status": "active",
                      "checks": {"signature": True, "expiry": True, "status_list": True}}
    fresh = _credential(client, certificate.number)  # signed under the new address
    assert client.post("/api/v1/verify", data=fresh, content_type="application/jwt").json["valid"] is True


def test_an_address_that_is_not_listed_is_not_ours(client, certificate, moved):
    token = _credential(client, certificate.number)
    moved(())
    answer = client.post("/api/v1/verify", data=token, content_type="application/jwt").json
    assert answer["valid"] is False and answer["checks"]["status_list"] is False


def test_previous_addresses_come_from_the_environment(monkeypatch, tmp_path):
    from core.config import load_config

    monkeypatch.setenv("PREVIOUS_BASE_URLS", "https://oud.example/ , http://ouder.example")
    assert load_config(str(tmp_path), {"SECRET_KEY": "x"})["PREVIOUS_BASE_URLS"] == (
        "https://oud.example", "http://ouder.example")
