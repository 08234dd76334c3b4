"""The public JSON API of certificates, the signed credential, the public keys (JWKS) and
the status lists (the register of schools' API is `registry.api`). Read-only and without authentication; errors
are `{"error": message}` in the caller's language (`?lang=en`). Described in openapi.py."""

from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext as _

from certification.certificates import signing, status_lists
from certification.certificates.credentials import MEDIA_TYPE, credential_jwt, verify_credential
from certification.certificates.services import find_certificate
from core.extensions import csrf
from core.http_cache import cacheable
from core.web import public

bp = Blueprint("certificates_api", __name__)
MAX_CREDENTIAL_BYTES = 64 * 1024


def _error(message, status: int, parameter: str | None = None):
    body = {"error": str(message)}
    if parameter:
        body["parameter"] = parameter
    return jsonify(body), status


def _not_found():
    return _error(_("Er is geen certificaat met dit nummer. Een certificaat dat wij niet kennen, is niet echt."), 404)


def certificate_json(certificate) -> dict:
    status = certificate.effective_status()
    return {
        "number": certificate.number,
        "status": status.value,
        "school": {"name": certificate.school.name, "city": certificate.school.city},
        "issued_on": certificate.issued_on.isoformat(),
        "valid_until": certificate.valid_until.isoformat(),
        "quality_plan": {"code": certificate.plan.code, "version": certificate.plan.version},
        "status_changed_on": certificate.effective_status_changed_on().isoformat(),
    }


@bp.get("/api/v1/certificates/<number>")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def certificate(number):
    found = find_certificate(number)
    return jsonify(certificate_json(found)) if found else _not_found()


@bp.get("/api/v1/certificates/<number>/credential")
@public
def credential(number):
    found = find_certificate(number)
    if found is None:
        return _not_found()
    return Response(credential_jwt(found), mimetype=MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{found.number}.jwt"', "Cache-Control": "no-store"})


def _presented() -> str:
    """The credential from the body: the JWT itself, or JSON {"credential": "<jwt>"}."""
    if (request.content_length or 0) > MAX_CREDENTIAL_BYTES:
        return ""
    if request.is_json:
        data = request.get_json(silent=True)
        value = data.get("credential") if isinstance(data, dict) else None
        return value if isinstance(value, str) else ""
    return request.get_data(as_text=True)[:MAX_CREDENTIAL_BYTES]


@bp.post("/api/v1/verify")
@public
@csrf.exempt  # a public check that changes nothing, called by other people's software
def verify():
    return jsonify(verify_credential(_presented()).as_json())


@bp.get("/.well-known/jwks.json")
@public
@cacheable("PLAN_CACHE_SECONDS")
def jwks():
    return jsonify(signing.jwks())


@bp.get("/credentials/status/<list_id>")
@public
@cacheable("STATUS_LIST_TTL_SECONDS")
def status_list(list_id):
    token = status_lists.signed_list(list_id[:40])
    if token is None:
        return _error(_("Deze statuslijst bestaat niet."), 404)
    # Verifiers and proxies may keep the list as long as its `ttl` says (STATUS_LIST_TTL_SECONDS).
    return Response(token, mimetype="application/vc+jwt")
