"""The teacher registry's pages for people with an account: the teacher's own registration,
the admin's checks and the school's teacher list (the public lookup is `registry.views`)."""

from flask import Blueprint, request

from certification.teachers import permissions
from certification.teachers.services import Upload

bp = Blueprint("teachers", __name__)


@bp.app_context_processor
def _helpers():
    return permissions.template_helpers()


def upload(name: str) -> Upload | None:
    """The uploaded file in field `name`, or None when nothing was chosen."""
    storage = request.files.get(name)
    if storage is None or not storage.filename:
        return None
    return Upload(storage.filename, storage.read())


from certification.teachers.views import admin, own, schools  # noqa: E402, F401
