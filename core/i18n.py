"""Language choice: the visitor's explicit choice, then the account's, then Dutch."""

from flask import current_app, has_request_context, request, session
from flask_babel import LazyString, gettext, ngettext
from flask_login import current_user
from markupsafe import Markup, escape


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and jobs: Dutch unless a caller forces a locale
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    # A `?lang=` on a public link (e.g. a QR code) picks the language without a session.
    asked = request.args.get("lang")
    if asked in languages:
        return asked
    return current_app.config["BABEL_DEFAULT_LOCALE"]


class LazyText(LazyString):
    """A translated text with parameters, rendered in the locale in force when it is shown
    (an e-mail subject in the recipient's, an error in the visitor's).

    Flask-Babel's own lazy string marks itself as safe markup, so a parameter typed by a
    visitor (`?genre=<meta ...>`) would reach the page unescaped. This one is text: a
    template escapes it, parameters and all. Use it wherever `_l` would take parameters
    (tests/core/test_escaping.py refuses `_l(..., name=...)`).
    """

    def __html__(self) -> Markup:
        return escape(str(self))


def lazy_text(msgid: str, **params) -> LazyText:
    return LazyText(gettext, msgid, **params)


def lazy_plural(singular: str, plural: str, num: int, **params) -> LazyText:
    """`lazy_text` with a plural form chosen by `num` (available as %(num)s)."""
    return LazyText(ngettext, singular, plural, num, **params)
