"""The keys that sign credentials, and compact JWS (ES256) with them.

Keys are P-256 private keys in PEM files under CREDENTIAL_KEY_PATH (default
`instance/keys`), one file per key, named by its key id: the RFC 7638 thumbprint of its
public JWK. The file `current` names the key that signs; every key in the folder stays in
the published JWKS, so credentials signed before a rotation still verify. The first key is
generated on first use. Several processes or machines share the folder (a mounted volume
or a secret store); nothing about the keys is kept in a process's memory but a cache that
follows the files. Or the environment holds them: CREDENTIAL_SIGNING_KEYS, one or more PEM
private keys one after the other, the last one signing (rotate by appending a new key and
restarting the nodes); the folder is then not used.
"""

import base64
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from certification.certificates.models import Certificate
from core.config import ConfigError
from core.extensions import db

ALGORITHM = "ES256"
_CURRENT = "current"
_cache: dict[str, tuple[tuple, list["SigningKey"]]] = {}
_PEM = re.compile(r"-----BEGIN (?:EC )?PRIVATE KEY-----.+?-----END (?:EC )?PRIVATE KEY-----", re.DOTALL)


class KeysFromEnvironment(RuntimeError):
    """The keys come from CREDENTIAL_SIGNING_KEYS; a new one is added there, not here."""


class SignatureError(Exception):
    """The token is not a JWS that one of our keys signed."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


_B64URL = re.compile(r"[A-Za-z0-9_-]*")


def b64url_decode(value: str) -> bytes:
    """The bytes of canonical, unpadded base64url (RFC 7515 section 2); ValueError for padding,
    characters outside the alphabet or unused bits that are not zero, so that each value has
    exactly one spelling (a signature with `==` appended is not the signature)."""
    if not isinstance(value, str) or not _B64URL.fullmatch(value) or len(value) % 4 == 1:
        raise ValueError("not base64url")
    data = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    if b64url(data) != value:
        raise ValueError("not canonical base64url")
    return data


def _int_b64(number: int) -> str:
    return b64url(number.to_bytes(32, "big"))


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: ec.EllipticCurvePrivateKey

    @property
    def public_jwk(self) -> dict:
        return {**_public_members(self.private_key.public_key()), "kid": self.kid, "use": "sig", "alg": ALGORITHM}


def _public_members(public_key: ec.EllipticCurvePublicKey) -> dict:
    numbers = public_key.public_numbers()
    return {"crv": "P-256", "kty": "EC", "x": _int_b64(numbers.x), "y": _int_b64(numbers.y)}


def thumbprint(public_key: ec.EllipticCurvePublicKey) -> str:
    """RFC 7638: SHA-256 of the required members in lexical order, without whitespace."""
    members = json.dumps(_public_members(public_key), sort_keys=True, separators=(",", ":"))
    return b64url(hashlib.sha256(members.encode()).digest())


def key_folder(app=None) -> Path:
    app = app or current_app
    path = Path(app.config.get("CREDENTIAL_KEY_PATH") or Path(app.instance_path) / "keys")
    return path if path.is_absolute() else Path(app.root_path) / path


def _write_private(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _environment_keys() -> list[SigningKey] | None:
    text = current_app.config.get("CREDENTIAL_SIGNING_KEYS") or ""
    if not text.strip():
        return None
    cached = _cache.get("environment")
    if cached and cached[0] == (text,):
        return cached[1]
    keys = []
    for pem in _PEM.findall(text.replace("\\n", "\n")):
        private_key = serialization.load_pem_private_key(pem.encode(), password=None)
        if not isinstance(private_key, ec.EllipticCurvePrivateKey):
            raise ValueError("CREDENTIAL_SIGNING_KEYS: only P-256 (EC) private keys")
        keys.append(SigningKey(thumbprint(private_key.public_key()), private_key))
    if not keys:
        raise ValueError("CREDENTIAL_SIGNING_KEYS holds no PEM private key")
    _cache["environment"] = ((text,), keys)
    return keys


def generate_key(folder: Path | None = None) -> SigningKey:
    """Make a new key, store it and make it the one that signs (a rotation)."""
    if folder is None and _environment_keys():
        raise KeysFromEnvironment("The signing keys come from CREDENTIAL_SIGNING_KEYS: add a new key there.")
    folder = folder or key_folder()
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    private_key = ec.generate_private_key(ec.SECP256R1())
    kid = thumbprint(private_key.public_key())
    pem = private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    _write_private(folder / f"{kid}.pem", pem)
    _write_private(folder / _CURRENT, kid.encode())
    return SigningKey(kid, private_key)


def _listing(folder: Path) -> tuple:
    try:
        return tuple(sorted((entry.name, entry.stat().st_mtime_ns) for entry in os.scandir(folder)
                            if entry.name.endswith(".pem") or entry.name == _CURRENT))
    except FileNotFoundError:
        return ()


def all_keys(folder: Path | None = None) -> list[SigningKey]:
    """Every key in the folder (or the environment), oldest first."""
    if folder is None and (from_environment := _environment_keys()):
        return from_environment
    folder = folder or key_folder()
    listing = _listing(folder)
    cached = _cache.get(str(folder))
    if cached and cached[0] == listing:
        return cached[1]
    keys = []
    for name, _mtime in sorted((item for item in listing if item[0] != _CURRENT), key=lambda item: (item[1], item[0])):
        private_key = serialization.load_pem_private_key((folder / name).read_bytes(), password=None)
        if isinstance(private_key, ec.EllipticCurvePrivateKey):
            keys.append(SigningKey(thumbprint(private_key.public_key()), private_key))
    _cache[str(folder)] = (listing, keys)
    return keys


class MissingKeysError(ConfigError):
    """Certificates were signed, but the folder holds no key: restore it, never replace it."""


def missing_keys_message(app, certificates: int) -> str:
    return (f"The signing-key folder {key_folder(app)} holds no key, but {certificates} certificate(s) were "
            "signed with one. A new key would make every earlier credential fail verification. Restore the "
            "folder from the backup (or point CREDENTIAL_KEY_PATH at it). Only if the keys are lost for good, "
            "set SIGNING_KEYS_LOST=1 once to start with a new key.")


def _signed_certificates() -> int:
    """How many certificates exist (0 when the table does not exist yet, before migrations)."""
    try:
        with db.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(Certificate.__table__)).scalar_one()
    except SQLAlchemyError:
        return 0


def check_keys_present(app) -> None:
    """In production, refuse to start without the keys when certificates exist (a restore
    that forgot the keys folder would otherwise sign with a new key and break every earlier
    credential). SIGNING_KEYS_LOST=1 is the operator's word that the keys are gone for good."""
    if app.config.get("APP_ENV") != "production" or app.config.get("SIGNING_KEYS_LOST"):
        return
    if _listing(key_folder(app)):
        return
    with app.app_context():
        count = _signed_certificates()
    if count:
        raise MissingKeysError(missing_keys_message(app, count))


def current_key(folder: Path | None = None) -> SigningKey:
    """The key that signs now; generated when there is none yet (in production only while no
    certificate exists: a lost folder at run time must not be papered over either)."""
    if folder is None and (from_environment := _environment_keys()):
        return from_environment[-1]
    folder = folder or key_folder()
    keys = all_keys(folder)
    if not keys:
        if current_app.config.get("APP_ENV") == "production" and not current_app.config.get("SIGNING_KEYS_LOST"):
            count = _signed_certificates()
            if count:
                raise MissingKeysError(missing_keys_message(current_app, count))
        return generate_key(folder)
    try:
        wanted = (folder / _CURRENT).read_text().strip()
    except FileNotFoundError:
        wanted = None
    return next((key for key in keys if key.kid == wanted), keys[-1])


def jwks() -> dict:
    current_key()  # the first visitor of the JWKS may come before the first credential
    return {"keys": [key.public_jwk for key in all_keys()]}


def sign(payload: dict, typ: str) -> str:
    key = current_key()
    header = {"alg": ALGORITHM, "kid": key.kid, "typ": typ}
    signing_input = (b64url(json.dumps(header, separators=(",", ":")).encode()) + "."
                     + b64url(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()))
    r, s = decode_dss_signature(key.private_key.sign(signing_input.encode("ascii"), ec.ECDSA(hashes.SHA256())))
    return f"{signing_input}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def verify(token: str) -> tuple[dict, dict]:
    """(header, payload) of a compact JWS that one of our keys signed; SignatureError otherwise."""
    try:
        header_part, payload_part, signature_part = token.strip().split(".")
        header = json.loads(b64url_decode(header_part))
        signature = b64url_decode(signature_part)
    except (AttributeError, ValueError, UnicodeDecodeError):
        raise SignatureError("not a compact JWS")
    if not isinstance(header, dict) or header.get("alg") != ALGORITHM or len(signature) != 64:
        raise SignatureError("unsupported algorithm")
    key = next((key for key in all_keys() if key.kid == header.get("kid")), None)
    if key is None:
        raise SignatureError("unknown key")
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        key.private_key.public_key().verify(der, f"{header_part}.{payload_part}".encode("ascii"),
                                            ec.ECDSA(hashes.SHA256()))
        payload = json.loads(b64url_decode(payload_part))
    except (InvalidSignature, ValueError, UnicodeDecodeError):
        raise SignatureError("bad signature")
    if not isinstance(payload, dict):
        raise SignatureError("payload is not an object")
    return header, payload


def base_url() -> str:
    return current_app.config["BASE_URL"]


def issuer() -> dict:
    """Who signs credentials and status lists (the `issuer` of both)."""
    return {"id": base_url(), "type": ["Profile"], "name": current_app.config["CERTIFICATE_ISSUER_NAME"],
            "url": base_url()}
