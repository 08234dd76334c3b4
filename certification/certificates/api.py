"""The public JSON API of certificates and the register of schools, the signed credential,
the public keys (JWKS) and the status lists. Read-only and without authentication; errors
are `{"error": message}` in the caller's language (`?lang=en`). Described in openapi.py."""

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from flask_babel import gettext as _

from accounts.permissions import public
from certification.certificates import registry, signing, status_lists
from certification.certificates.credentials import MEDIA_TYPE, credential_jwt, verify_credential
from certification.certificates.errors import CertificateError
from certification.certificates.services import find_certificate
from core.extensions import csrf
from core.http_cache import cacheable

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


def _school_json(entry, url_prefix: str) -> dict:
    school, certificate = entry.school, entry.certificate
    advisor = None
    if school.has_advisor:
        advisor = {"name": school.advisor_name, "email": school.advisor_email, "phone": school.advisor_phone}
    return {
        "id": school.id,
        "name": school.name,
        "city": school.city,
        "genres": list(school.genres or []),
        "certificate": {"number": certificate.number, "status": entry.status.value,
                        "valid_until": certificate.valid_until.isoformat()} if certificate else None,
        "confidential_advisor": advisor,
        "url": f"{url_prefix}{school.id}",
    }


@bp.get("/api/v1/registry/schools")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def registry_schools():
    try:
        query = registry.parse_query(request.args, strict=True)
    except CertificateError as exc:
        return _error(exc.message, 400, exc.field)
    page = registry.search_schools(query, with_cities=False)
    prefix = current_app.config["BASE_URL"] + url_for("certification.school", school_id=0)[:-1]
    return jsonify(items=[_school_json(entry, prefix) for entry in page.entries], total=page.total,
                   page=query.page, per_page=query.per_page)


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
