"""Who may do what, in one place.

Login is required for every endpoint unless its view is marked `@public`; role checks are
plain functions that views, templates and the API share.
"""

from functools import wraps

from flask import abort, current_app, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.models import Role

# Endpoints that Flask or extensions register without a view of ours.
_ALWAYS_PUBLIC = {"static"}


def is_public_endpoint(endpoint: str | None) -> bool:
    if endpoint is None or endpoint in _ALWAYS_PUBLIC:
        return True
    view = current_app.view_functions.get(endpoint)
    return bool(getattr(view, "is_public", False))


def require_login():
    """before_request hook: anonymous visitors of a non-public endpoint go to the login page."""
    if current_user.is_authenticated or is_public_endpoint(request.endpoint):
        return None
    if request.path.startswith("/api/"):
        return jsonify(error=_("Inloggen vereist.")), 401
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def has_role(user, *roles: Role) -> bool:
    return bool(user and user.is_authenticated and user.roles.intersection(roles))


def is_admin(user) -> bool:
    return has_role(user, Role.admin)


def can_manage_users(user) -> bool:
    return is_admin(user)


def roles_required(*roles: Role):
    """Decorator: 403 unless the logged-in user holds one of `roles`."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not has_role(current_user, *roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def template_helpers() -> dict:
    return {"has_role": has_role, "is_admin": is_admin, "can_manage_users": can_manage_users, "Role": Role}
