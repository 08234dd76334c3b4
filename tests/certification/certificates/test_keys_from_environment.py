"""Every node signs with the same key: CREDENTIAL_SIGNING_KEYS in the environment."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from certification.certificates import signing
from certification.certificates.credentials import credential_jwt, verify_credential


def _pem() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


@pytest.fixture
def keys_in_environment(app):
    old, new = _pem(), _pem()
    app.config["CREDENTIAL_SIGNING_KEYS"] = old + new
    yield old, new
    app.config["CREDENTIAL_SIGNING_KEYS"] = ""


def _kid(pem: str) -> str:
    return signing.thumbprint(serialization.load_pem_private_key(pem.encode(), None).public_key())


def test_the_last_key_signs_and_every_key_is_published(app, client, certificate, keys_in_environment, tmp_path):
    old, new = keys_in_environment
    app.config["CREDENTIAL_KEY_PATH"], folder = str(tmp_path / "unused"), app.config["CREDENTIAL_KEY_PATH"]
    try:
        token = credential_jwt(certificate)
        assert signing.verify(token)[0]["kid"] == _kid(new)
        assert verify_credential(token).as_json()["valid"] is True
        kids = [key["kid"] for key in client.get("/.well-known/jwks.json").get_json()["keys"]]
        assert kids == [_kid(old), _kid(new)]
        assert not (tmp_path / "unused").exists()  # no key was written anywhere
    finally:
        app.config["CREDENTIAL_KEY_PATH"] = folder


def test_escaped_newlines_as_in_a_one_line_variable_work(app, keys_in_environment):
    old, new = keys_in_environment
    app.config["CREDENTIAL_SIGNING_KEYS"] = new.replace("\n", "\\n")
    assert signing.current_key().kid == _kid(new)


def test_rotating_is_refused_with_a_clear_message(app, runner, keys_in_environment):
    result = runner.invoke(args=["certificates", "rotate-key"])
    assert result.exit_code != 0
    assert "CREDENTIAL_SIGNING_KEYS" in result.output
