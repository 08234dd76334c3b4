"""Shared infrastructure: configuration, extensions, audit log, e-mail outbox, i18n, security.

`init_app(app)` binds the extensions, the request hooks every page goes through (unusable
input refused, database retries, security and cache headers, mail sent after the
response), the error pages, the `flask` command groups the packages above add to, and the
front page and the API's OpenAPI document.
"""

from flask import g
from flask_babel import get_locale
from werkzeug.middleware.proxy_fix import ProxyFix

from core import db_retry
from core.backup import backup_cli
from core.cli import register_cli
from core.errors import refuse_unusable_input, register_error_handlers
from core.extensions import babel, csrf, db, limiter, login_manager
from core.http_cache import set_cache_headers
from core.i18n import select_locale
from core.mail import send_after_request
from core.openapi import bp as openapi_bp
from core.security import set_security_headers
from core.views import bp as core_bp
from core.web import aria_current


def init_app(app) -> None:
    if app.config["TRUSTED_PROXIES"]:
        # The client's address (login limits, rate limits, audit) from X-Forwarded-For, read
        # through exactly the configured number of proxies; never trusted without one.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    db.init_app(app)
    csrf.init_app(app)
    # JSON keys in the order the code writes them (the API's documented order); sorting them
    # costs the public registry's API more than a third of its JSON encoding time.
    app.json.sort_keys = False
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")
    limiter.init_app(app)
    login_manager.init_app(app)

    app.before_request(refuse_unusable_input)
    db_retry.init_app(app)
    app.after_request(set_security_headers)
    app.after_request(set_cache_headers)
    app.after_request(send_after_request)
    app.context_processor(lambda: {"current_locale": str(get_locale()), "aria_current": aria_current,
                                   "has_endpoint": lambda name: name in app.view_functions})
    app.teardown_request(_forget_mail_flag)

    register_error_handlers(app)
    register_cli(app)
    app.cli.add_command(backup_cli)
    app.register_blueprint(core_bp)
    app.register_blueprint(openapi_bp)


def _forget_mail_flag(exc):
    g.pop("mail_queued", None)
