"""Small helpers the blueprints share."""

from urllib.parse import urlsplit

from flask import abort, render_template, request
from flask_babel import gettext as _
from markupsafe import Markup

from core.extensions import db


def public(view):
    """Mark a view as reachable without logging in (login is required by default;
    accounts.permissions.require_login reads the mark)."""
    view.is_public = True
    return view


def safe_next(target: str | None, default: str) -> str:
    """Only same-site paths are followed after login or a language switch."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def render_form(template: str, form, status: int | None = None, **context):
    """Render a form page; a submitted form with errors answers 400 and keeps what was typed."""
    if status is None:
        status = 400 if request.method == "POST" and form.errors else 200
    return render_template(template, form=form, **context), status


def get_or_404(model, ident):
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj


def form_error_message() -> str:
    return _("Niet alles is goed ingevuld. Bekijk de meldingen bij de velden.")


def aria_current(endpoint: str, *section: str):
    """` aria-current="page"` on the menu item of the page being shown; `"true"` when the page
    belongs to the item's section (`section` lists those endpoints)."""
    if request.endpoint == endpoint:
        return Markup(' aria-current="page"')
    return Markup(' aria-current="true"') if request.endpoint in section else ""
