from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from core.checkpoints import TOKEN_TYPE, list_checkpoints
from core.extensions import csrf, db
from core.web import public, safe_next

bp = Blueprint("core", __name__)


@bp.get("/")
@public
def home():
    return render_template("core/home.html")


@bp.get("/melden")
@public
def report():
    return render_template("core/report.html")


@bp.post("/taal")
@public
@csrf.exempt
def set_language():
    # The public pages carry no CSRF token (so that a proxy may cache them): a visitor without
    # a login may switch the language without one. A logged-in user's choice is stored on the
    # account, so that needs the token like every other change.
    if current_user.is_authenticated and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()
    lang = request.form.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        session.permanent = True
        if current_user.is_authenticated and current_user.locale != lang:
            current_user.locale = lang  # a preference, not a state change worth an audit row
            db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("core.home")))


@bp.get("/.well-known/audit-checkpoints")
@public
def audit_checkpoints():
    """The signed checkpoints of the audit log's end, oldest first, for anyone to keep."""
    response = jsonify(type=TOKEN_TYPE, jwks=url_for("certificates_api.jwks", _external=False)
                       if "certificates_api.jwks" in current_app.view_functions else None,
                       checkpoints=list_checkpoints())
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="error", message=_("De database is niet bereikbaar.")), 503
    return jsonify(status="ok", database="ok")
