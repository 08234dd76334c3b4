"""The domain error every package's refusals share, and friendly error pages (HTML) and JSON
errors (API) in the visitor's language."""

import logging

from flask import current_app, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from core.extensions import db

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule refused what a user asked: `message` is shown to them (often a lazy string in their
    language), `field` names the form field or parameter it belongs to, if any. Each package
    subclasses it so its views catch only their own refusals; `core.forms.show_error` puts it
    on a form."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def _messages():
    return {
        400: (_("Dit verzoek klopt niet"), _("Er ging iets mis met wat je stuurde. Ga terug en probeer het opnieuw.")),
        401: (_("Inloggen vereist"), _("Log in om deze pagina te zien.")),
        403: (_("Geen toegang"), _("Je hebt geen toegang tot deze pagina. Denk je dat dit niet klopt? "
                                  "Neem contact op met de beheerder.")),
        404: (_("Pagina niet gevonden"), _("Deze pagina bestaat niet (meer). Controleer het adres of ga naar de "
                                          "startpagina.")),
        405: (_("Dit kan zo niet"), _("Deze pagina werkt niet op deze manier. Ga terug en gebruik de knoppen op "
                                     "de pagina.")),
        413: (_("Bestand te groot"), _("Het bestand is te groot. Kies een kleiner bestand en probeer het opnieuw.")),
        429: (_("Even geduld"), _("Je hebt dit te vaak geprobeerd. Wacht even en probeer het dan opnieuw.")),
        500: (_("Er ging iets mis"), _("Er ging aan onze kant iets mis. Er is niets verloren gegaan van wat al was "
                                      "opgeslagen. Probeer het later opnieuw.")),
    }


def _respond(code: int, detail: str | None = None):
    messages = _messages()
    title, text = messages.get(code, messages[500 if code >= 500 else 400])
    if detail:
        text = detail
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(error=text), code
    return render_template("errors/error.html", code=code, title=title, text=text), code


def handle_csrf(error: CSRFError):
    return _respond(400, _("Het formulier is verlopen of niet compleet verstuurd. Laad de pagina opnieuw en "
                           "probeer het nog eens. Wat je al had opgeslagen, is bewaard."))


def handle_http(error: HTTPException):
    response = make_response(_respond(error.code or 500))
    # Keep what the exception says beyond its page, e.g. `Allow` on a 405 (RFC 9110 15.5.6).
    for name, value in error.get_headers():
        if name.lower() not in ("content-type", "content-length"):
            response.headers[name] = value
    return response


def handle_unexpected(error: Exception):
    original = getattr(error, "original_exception", error)
    if isinstance(original, HTTPException) and not isinstance(original, InternalServerError):
        return handle_http(original)
    log.exception("unhandled error", exc_info=original)
    db.session.rollback()
    return _respond(500)


def _holds_nul(values) -> bool:
    return any("\x00" in key or "\x00" in value for key, value in values.items(multi=True))


def _json_holds_nul(data) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _nul_message() -> str:
    return _("Het verzoek bevat een NUL-teken (%00); dat kan in geen enkel veld. Haal het weg en probeer het "
             "opnieuw.")


def refuse_unusable_input():
    """before_request: input no handler can use gets a 400 with a message here, once for every
    route, instead of a 500 further down: a NUL byte (PostgreSQL refuses it in text) in the
    path, the query or a form, and JSON nested too deeply to parse (RecursionError)."""
    if "\x00" in request.path or _holds_nul(request.args):
        return _respond(400, _nul_message())
    if request.path.startswith("/api/") and request.args.get("lang", "nl") not in current_app.config["LANGUAGES"]:
        # The API documents lang as an enum; an unknown language is an error, not Dutch.
        return jsonify(error=_("Onbekende taal in lang: kies nl of en."), parameter="lang"), 400
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    if request.is_json:
        try:
            data = current_app.json.loads(request.get_data(cache=True))
        except RecursionError:
            return _respond(400, _("De JSON in dit verzoek is te diep genest."))
        except ValueError:
            return None  # not JSON at all: the view says what it expects
        return _respond(400, _nul_message()) if _json_holds_nul(data) else None
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data") and (
            _holds_nul(request.form) or any("\x00" in (upload.filename or "")
                                            for upload in request.files.values())):
        return _respond(400, _nul_message())
    return None


def register_error_handlers(app):
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)
