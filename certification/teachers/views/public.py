"""The public lookup: search the registry and read one teacher's entry, in plain words
that parents and children understand."""

from flask import render_template, request

from accounts.permissions import public
from certification.blueprint import bp
from certification.teachers import services
from certification.teachers.models import PUBLIC_STATUSES, QualificationKind
from certification.teachers.services import InvalidRegistrationNumber, RegistryError
from core.http_cache import cacheable


def _genres():
    from compliance.vocabulary import GENRES

    return GENRES


@bp.get("/register/docenten")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def teachers():
    error, result = None, None
    try:
        result = services.search_registry(services.parse_search(request.args))
    except RegistryError as exc:
        error = exc.message
    return render_template("certification/registry.html", result=result, error=error, args=request.args,
                           genres=_genres(), statuses=PUBLIC_STATUSES), 400 if error else 200


@bp.get("/register/docenten/<registration_number>")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def teacher(registration_number):
    try:
        found = services.find_public_teacher(registration_number)
    except InvalidRegistrationNumber as exc:
        return render_template("certification/not_found.html", message=exc.message), 400
    if found is None:
        return render_template("certification/not_found.html", message=None, number=registration_number), 404
    return render_template("certification/teacher.html", entry=services.public_entry(found), genres=_genres(),
                           kinds=QualificationKind)
