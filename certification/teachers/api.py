"""The registry's JSON API (public, read-only): search teachers and read one entry.

Errors are JSON `{"error": message}` in the caller's language (`?lang=en`), with
`"parameter"` naming a wrong query parameter. Described in `openapi.py`, part of
/api/v1/openapi.json.
"""

from flask import Blueprint, jsonify, request, url_for
from flask_babel import gettext as _

from accounts.permissions import public
from certification.teachers import services
from certification.teachers.services import InvalidRegistrationNumber, RegistryError
from core.http_cache import cacheable

bp = Blueprint("registry_api", __name__, url_prefix="/api/v1")
SEARCH_PARAMETERS = {"q", "genre", "status", "page", "per_page", "lang"}
_PLACEHOLDER = "D-0000000"


def _teacher_url_prefix() -> str:
    return url_for("certification.teacher", registration_number=_PLACEHOLDER, _external=True)[: -len(_PLACEHOLDER)]


@bp.get("/registry/teachers")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def teachers():
    unknown = sorted(set(request.args) - SEARCH_PARAMETERS)
    if unknown:
        return jsonify(error=_("Onbekende parameter: %(names)s. Gebruik q, genre, status, page en per_page.",
                               names=", ".join(unknown)), parameter=unknown[0]), 400
    try:
        query = services.parse_search(request.args)
    except RegistryError as exc:
        return jsonify(error=str(exc.message), parameter=exc.field or "q"), 400
    result = services.search_registry(query)
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
