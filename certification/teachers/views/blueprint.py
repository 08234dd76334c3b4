"""The blueprint of the teacher registry's pages and the helpers every view module of it shares (the
view modules import this one, never the package, so that no import runs in a circle)."""

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

