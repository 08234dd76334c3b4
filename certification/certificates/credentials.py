"""The certificate as a signed credential, and checking a credential someone shows us.

The credential is an Open Badges 3.0 OpenBadgeCredential in the W3C Verifiable Credentials
2.0 data model, secured as a JWT (VC-JOSE-COSE: the payload is the credential itself, with
the registered JWT claims beside it so that any JWT library checks signature and expiry):

    header   {"alg": "ES256", "kid": <key thumbprint>, "typ": "vc+jwt"}
    payload  {"@context", "id", "type", "issuer", "validFrom", "validUntil", "name",
              "credentialSubject": {"type": ["AchievementSubject"], "id", "name",
                                    "achievement": {... the quality-plan version ...}},
              "credentialStatus": [revocation entry, suspension entry],
              "iss", "sub", "jti", "iat", "nbf", "exp"}

Offline, the JWKS (`/.well-known/jwks.json`) proves it is ours and `validUntil` whether it
is current; the status lists (`/credentials/status/<list-id>`) say whether it was revoked
or suspended since.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from certification.certificates import signing, status_lists
from certification.certificates.models import Certificate, CertificateStatus, StatusPurpose
from certification.certificates.signing import base_url, issuer
from core.dates import end_of, iso_z, start_of
from core.models import utcnow

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
CREDENTIAL_TYPE = "OpenBadgeCredential"
MEDIA_TYPE = "application/jwt"


def verification_url(number: str) -> str:
    return f"{base_url()}/verify/{number}"


def _status_entry(certificate: Certificate, purpose: StatusPurpose) -> dict:
    status_list = certificate.revocation_list if purpose is StatusPurpose.revocation else certificate.suspension_list
    url = status_lists.status_list_url(status_list.list_id)
    return {"id": f"{url}#{certificate.status_index}", "type": "BitstringStatusListEntry",
            "statusPurpose": purpose.value, "statusListIndex": str(certificate.status_index),
            "statusListCredential": url}


def credential_payload(certificate: Certificate) -> dict:
    plan, school = certificate.plan, certificate.school
    valid_from, valid_until = start_of(certificate.issued_on), end_of(certificate.valid_until)
    subject_id = f"{base_url()}/register/scholen/{school.id}"
    credential_id = verification_url(certificate.number)
    return {
        "@context": CONTEXTS,
        "id": credential_id,
        "type": ["VerifiableCredential", CREDENTIAL_TYPE],
        "issuer": issuer(),
        "validFrom": iso_z(valid_from),
        "validUntil": iso_z(valid_until),
        "name": f"Dans Veilig Keurmerk {certificate.number}",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "id": subject_id,
            "name": school.name,
            "achievement": {
                "id": f"{base_url()}/kwaliteitsplan/{plan.version}",
                "type": ["Achievement"],
                "achievementType": "License",
                "name": f"{plan.title.get('nl', plan.code)} {plan.version}",
                "description": plan.title.get("en", plan.code),
                "criteria": {"id": f"{base_url()}/kwaliteitsplan/{plan.version}",
                             "narrative": "Meets the Dans Veilig quality plan, assessed by two alliance assessors."},
                "version": plan.version,
                "humanCode": plan.code,
            },
            "certificateNumber": certificate.number,
            "scope": [{"name": item.get("name"), "city": item.get("city")} for item in certificate.scope or []],
        },
        "credentialStatus": [_status_entry(certificate, purpose) for purpose in StatusPurpose],
        "iss": base_url(),
        "sub": subject_id,
        "jti": credential_id,
        "iat": int(utcnow().timestamp()),
        "nbf": int(valid_from.timestamp()),
        "exp": int(valid_until.timestamp()),
    }


def credential_jwt(certificate: Certificate) -> str:
    return signing.sign(credential_payload(certificate), typ="vc+jwt")


# --- verifying a credential someone presents -------------------------------------------------------

@dataclass
class Verification:
    valid: bool
    status: str  # a CertificateStatus value, or "invalid" when we did not sign it
    checks: dict = field(default_factory=dict)  # signature, expiry, status_list: True, False or None (not run)
    number: str | None = None

    def as_json(self) -> dict:
        return {"valid": self.valid, "status": self.status, "checks": self.checks}


def _parse_time(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _expiry_ok(payload: dict, now: datetime) -> bool:
    valid_from, valid_until = _parse_time(payload.get("validFrom")), _parse_time(payload.get("validUntil"))
    return bool(valid_from and valid_until and valid_from <= now <= valid_until)


def _status_bits(payload: dict) -> dict[str, bool] | None:
    """{purpose: bit} from our own status lists, or None when an entry is missing or not ours."""
    entries = payload.get("credentialStatus")
    if not isinstance(entries, list) or not entries:
        return None
    found = {}
    for entry in entries:
        if not isinstance(entry, dict):
            return None
        url, index = entry.get("statusListCredential"), entry.get("statusListIndex")
        list_id = status_lists.list_id_from_url(url)
        if list_id is None or not str(index).isdigit():
            return None
        status_list = status_lists.find_list(list_id)
        index = int(index)
        if status_list is None or status_list.purpose.value != entry.get("statusPurpose") or index >= status_list.size:
            return None
        found[status_list.purpose.value] = status_lists.bit_at(status_list.bits, index)
    if set(found) != {purpose.value for purpose in StatusPurpose}:
        return None
    return found


def verify_credential(token) -> Verification:
    """Check a presented credential JWT: our signature, its validity period, and the status
    lists. Anything that is not such a credential comes back as not valid, never as an error."""
    checks = {"signature": False, "expiry": None, "status_list": None}
    try:
        _header, payload = signing.verify(token if isinstance(token, str) else "")
    except signing.SignatureError:
        return Verification(False, "invalid", checks)
    types = payload.get("type")
    if not isinstance(types, list) or CREDENTIAL_TYPE not in types:
        return Verification(False, "invalid", checks)
    checks["signature"] = True
    checks["expiry"] = _expiry_ok(payload, utcnow())
    bits = _status_bits(payload)
    checks["status_list"] = bits is not None and not any(bits.values())
    if bits is None:
        status = "invalid"
    elif bits.get(StatusPurpose.revocation.value):
        status = CertificateStatus.revoked.value
    elif bits.get(StatusPurpose.suspension.value):
        status = CertificateStatus.suspended.value
    elif not checks["expiry"]:
        status = CertificateStatus.expired.value
    else:
        status = CertificateStatus.active.value
    subject = payload.get("credentialSubject")
    number = subject.get("certificateNumber") if isinstance(subject, dict) else None
    return Verification(all(checks.values()), status, checks, number if isinstance(number, str) else None)
