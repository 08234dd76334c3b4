"""W3C Bitstring Status Lists for the certificates' credentials.

Lists come in pairs (one for `revocation`, one for `suspension`) of LIST_SIZE bits; each
certificate gets one random index that it holds in both lists of the current pair. The
bits are derived from the certificates' statuses whenever one changes, under a row lock on
the lists, so concurrent changes on several machines queue up instead of overwriting each
other; the signed list is stored with the bits.
"""

import gzip
import secrets

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from certification.certificates.models import Certificate, CertificateStatus, StatusList, StatusPurpose
from certification.certificates.signing import b64url, b64url_decode, issuer, sign
from core.dates import iso_z
from core.extensions import db
from core.models import utcnow

LIST_SIZE = 131_072  # the W3C minimum: 16 KB, so that one index says little about one school
# A pair takes new certificates until half its indexes are used, so a random free index is
# found in a try or two and the indexes stay unpredictable.
FILL_LIMIT = LIST_SIZE // 2
_BIT_FOR = {StatusPurpose.revocation: CertificateStatus.revoked, StatusPurpose.suspension: CertificateStatus.suspended}


def encode_bits(bits: bytes) -> str:
    """Multibase base64url (prefix `u`, no padding) of the GZIP-compressed bitstring."""
    return "u" + b64url(gzip.compress(bits, mtime=0))


def decode_bits(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (prefix u)")
    return gzip.decompress(b64url_decode(encoded[1:]))


def bit_at(bits: bytes, index: int) -> bool:
    """Index 0 is the left-most (most significant) bit of the first byte."""
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_url(list_id: str) -> str:
    return f"{current_app.config['BASE_URL']}/credentials/status/{list_id}"


def list_id_from_url(url) -> str | None:
    """The list id in a status-list URL under our address or one we had before
    (PREVIOUS_BASE_URLS), so credentials survive a move of the domain; None for other URLs."""
    if not isinstance(url, str):
        return None
    for base in (current_app.config["BASE_URL"], *current_app.config.get("PREVIOUS_BASE_URLS", ())):
        prefix = f"{base.rstrip('/')}/credentials/status/"
        if url.startswith(prefix):
            return url[len(prefix):]
    return None


def _insert_ignoring_conflict(values: dict) -> None:
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(insert(StatusList).values(**values).on_conflict_do_nothing(index_elements=["list_id"]))


def _locked(list_ids: list[str]) -> dict[StatusPurpose, StatusList]:
    rows = db.session.execute(select(StatusList).where(StatusList.list_id.in_(list_ids)).order_by(StatusList.id)
                              .with_for_update().execution_options(populate_existing=True)).scalars().all()
    return {row.purpose: row for row in rows}


def _pair(generation: int) -> dict[StatusPurpose, StatusList]:
    ids = [f"{purpose.value}-{generation}" for purpose in StatusPurpose]
    for purpose, list_id in zip(StatusPurpose, ids, strict=True):
        _insert_ignoring_conflict({"list_id": list_id, "purpose": purpose, "size": LIST_SIZE,
                                   "bits": bytes(LIST_SIZE // 8), "updated_at": utcnow()})
    pair = _locked(ids)
    for status_list in pair.values():
        if status_list.credential is None:  # signed once, so that every answer (and its ETag) is the same
            status_list.credential = sign_status_list(status_list)
    return pair


def assign_status_index(certificate: Certificate) -> None:
    """Give a new certificate its random index in the current pair of lists (locked)."""
    newest = db.session.execute(select(StatusList.list_id).where(StatusList.purpose == StatusPurpose.revocation)
                                .order_by(StatusList.id.desc()).limit(1)).scalar_one_or_none()
    generation = int(newest.rsplit("-", 1)[1]) if newest else 1
    pair = _pair(generation)
    revocation = pair[StatusPurpose.revocation]
    used_count = db.session.scalar(select(func.count()).select_from(Certificate)
                                   .where(Certificate.revocation_list_id == revocation.id))
    if used_count >= FILL_LIMIT:
        pair = _pair(generation + 1)
        revocation = pair[StatusPurpose.revocation]
    used = set(db.session.execute(select(Certificate.status_index)
                                  .where(Certificate.revocation_list_id == revocation.id)).scalars())
    index = secrets.randbelow(LIST_SIZE)
    while index in used:
        index = secrets.randbelow(LIST_SIZE)
    certificate.revocation_list = revocation
    certificate.suspension_list = pair[StatusPurpose.suspension]
    certificate.status_index = index


def refresh_lists(certificate: Certificate) -> None:
    """Derive the bits of the certificate's two lists from the statuses and sign them again.
    Runs in the caller's transaction after the status changed (flushed)."""
    db.session.flush()
    lists = _locked([certificate.revocation_list.list_id, certificate.suspension_list.list_id])
    for purpose, status_list in lists.items():
        column = Certificate.revocation_list_id if purpose is StatusPurpose.revocation \
            else Certificate.suspension_list_id
        bits = bytearray(status_list.size // 8)
        for index in db.session.execute(select(Certificate.status_index).where(
                column == status_list.id, Certificate.status == _BIT_FOR[purpose])).scalars():
            bits[index // 8] |= 0x80 >> (index % 8)
        status_list.bits = bytes(bits)
        status_list.updated_at = utcnow()
        status_list.credential = sign_status_list(status_list)


def status_list_payload(status_list: StatusList) -> dict:

    url = status_list_url(status_list.list_id)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer(),
        "validFrom": iso_z(status_list.updated_at),
        "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList",
                              "statusPurpose": status_list.purpose.value, "encodedList": encode_bits(status_list.bits),
                              # how long a verifier may keep the list, in milliseconds (Bitstring
                              # Status List §2.2); the HTTP answer's max-age says the same
                              "ttl": current_app.config["STATUS_LIST_TTL_SECONDS"] * 1000},
        "iss": current_app.config["BASE_URL"],
        "iat": int(status_list.updated_at.timestamp()),
    }


def sign_status_list(status_list: StatusList) -> str:
    return sign(status_list_payload(status_list), typ="vc+jwt")


def find_list(list_id: str) -> StatusList | None:
    return db.session.execute(select(StatusList).where(StatusList.list_id == list_id)).scalar_one_or_none()


def signed_list(list_id: str) -> str | None:
    """The signed list as last stored (signed now when no status has changed yet)."""
    status_list = find_list(list_id)
    if status_list is None:
        return None
    return status_list.credential or sign_status_list(status_list)
