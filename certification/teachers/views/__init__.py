"""The teacher registry's pages for people with an account: the teacher's own registration,
the admin's checks and the school's teacher list (the public lookup is `registry.views`)."""

from flask import Blueprint, flash, request

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


def show_error(form, exc) -> None:
    """A service's RegistryError: beside the form field it names, or as a message at the top."""
    field = getattr(form, exc.field, None) if exc.field and form is not None else None
    if field is not None:
        field.errors = [*field.errors, str(exc.message)]
    else:
        flash(str(exc.message), "error")


from certification.teachers.views import admin, own, schools  # noqa: E402, F401
