"""The public lookup: search the registry and read one teacher's entry, in plain words
that parents and children understand."""

from flask import render_template, request

from certification.teachers import services
from certification.teachers.models import PUBLIC_STATUSES, QualificationKind
from certification.teachers.services import InvalidRegistrationNumber, RegistryError
from compliance.vocabulary import GENRES
from core.http_cache import cacheable
from core.web import public
from registry import teachers as registry
from registry.blueprint import bp


@bp.get("/register/docenten")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def teachers():
    error, result = None, None
    try:
        result = registry.search_registry(registry.parse_search(request.args))
    except RegistryError as exc:
        error = exc.message
    return render_template("registry/teachers.html", result=result, error=error, args=request.args,
                           genres=GENRES, statuses=PUBLIC_STATUSES), 400 if error else 200


@bp.get("/register/docenten/<registration_number>")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def teacher(registration_number):
    try:
        found = services.find_public_teacher(registration_number)
    except InvalidRegistrationNumber as exc:
        return render_template("registry/not_found.html", message=exc.message), 400
    if found is None:
        return render_template("registry/not_found.html", message=None, number=registration_number), 404
    return render_template("registry/teacher.html", entry=services.public_entry(found), genres=GENRES,
                           kinds=QualificationKind)
