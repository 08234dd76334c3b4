"""The public registers' JSON API (read-only): search teachers, read one teacher's entry,
search the register of schools.

Errors are JSON `{"error": message}` in the caller's language (`?lang=en`), with
`"parameter"` naming a wrong query parameter. Described in `openapi.py`, part of
/api/v1/openapi.json.
"""

from flask import Blueprint, current_app, jsonify, request, url_for
from flask_babel import gettext as _

from certification.certificates.errors import CertificateError
from certification.teachers import services
from certification.teachers.services import InvalidRegistrationNumber, RegistryError
from core.http_cache import cacheable
from core.web import public
from registry import schools
from registry import teachers as registry

bp = Blueprint("registry_api", __name__, url_prefix="/api/v1")
SEARCH_PARAMETERS = {"q", "genre", "status", "page", "per_page", "lang"}
_PLACEHOLDER = "D-0000000"


def _blank_number():
    """An API caller who sends `page=` or `per_page=` without a number gets told, as the
    document says they are integers (the register's pages treat a blank field as absent)."""
    for name in ("page", "per_page"):
        if name in request.args and not request.args[name].strip():
            return jsonify(error=_("Geef %(name)s een heel getal, of laat de parameter weg.", name=name),
                           parameter=name), 400
    return None


def _url_prefix(endpoint: str, **placeholder) -> str:
    """The public address of `endpoint`'s pages up to their last path segment (the key, which
    the caller appends), from BASE_URL: never the request's Host header, since these answers
    are cached by proxies and shared between visitors."""
    return current_app.config["BASE_URL"] + url_for(endpoint, **placeholder).rsplit("/", 1)[0] + "/"


def _teacher_url_prefix() -> str:
    return _url_prefix("certification.teacher", registration_number=_PLACEHOLDER)


@bp.get("/registry/teachers")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def teachers():
    unknown = sorted(set(request.args) - SEARCH_PARAMETERS)
    if unknown:
        return jsonify(error=_("Onbekende parameter: %(names)s. Gebruik q, genre, status, page en per_page.",
                               names=", ".join(unknown)), parameter=unknown[0]), 400
    if blank := _blank_number():
        return blank
    try:
        query = registry.parse_search(request.args)
    except RegistryError as exc:
        return jsonify(error=str(exc.message), parameter=exc.field or "q"), 400
    result = registry.search_registry(query)
    prefix = _teacher_url_prefix()
    items = [{"registration_number": row[0], "name": f"{row[1]} {row[2]}", "status": row[3], "genres": row[4] or [],
              "url": prefix + row[0]} for row in result.rows]
    return jsonify(items=items, total=result.total, total_is_exact=result.total_is_exact, page=query.page,
                   per_page=query.per_page)


@bp.get("/registry/teachers/<registration_number>")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def teacher(registration_number):
    try:
        found = services.find_public_teacher(registration_number)
    except InvalidRegistrationNumber as exc:
        return jsonify(error=str(exc.message)), 400
    if found is None:
        return jsonify(error=_("Er staat geen docent met dit registratienummer in het openbare register.")), 404
    entry = services.public_entry(found)
    return jsonify(entry.as_json(_teacher_url_prefix() + entry.registration_number))


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


@bp.get("/registry/schools")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def registry_schools():
    if blank := _blank_number():
        return blank
    try:
        query = schools.parse_query(request.args, strict=True)
    except CertificateError as exc:
        body = {"error": str(exc.message)}
        if exc.field:
            body["parameter"] = exc.field
        return jsonify(body), 400
    page = schools.search_schools(query, with_cities=False)
    prefix = _url_prefix("certification.school", school_id=0)
    return jsonify(items=[_school_json(entry, prefix) for entry in page.entries], total=page.total,
                   page=query.page, per_page=query.per_page)
