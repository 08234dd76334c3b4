"""The application factory: `create_app()` builds a configured Flask app."""

import logging

from flask import Flask, g
from flask_babel import get_locale
from sqlalchemy import event
from sqlalchemy.engine import Engine

from core.config import load_config
from core.extensions import babel, csrf, db, limiter, login_manager, migrate


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(load_config(app.instance_path, config))
    if app.config["TRUSTED_PROXIES"]:
        # The client's address (login limits, rate limits, audit) from X-Forwarded-For, read
        # through exactly the configured number of proxies; never trusted without one.
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    _init_extensions(app)
    _register_blueprints(app)
    _register_hooks(app)

    from core.cli import register_cli
    from core.errors import register_error_handlers

    register_error_handlers(app)
    register_cli(app)

    from standards.cli import standards_cli  # also adds the quality plan to `flask setup first-start`

    app.cli.add_command(standards_cli)

    from certification.teachers.cli import registry_cli

    app.cli.add_command(registry_cli)

    from certification.certificates.cli import certificates_cli

    app.cli.add_command(certificates_cli)
    from core.backup import backup_cli

    app.cli.add_command(backup_cli)
    return app


def _init_extensions(app: Flask) -> None:
    from core.i18n import select_locale

    import_models()

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/migrations"), render_as_batch=True,
                     render_item=_render_migration_item, include_object=_include_in_migrations)
    csrf.init_app(app)
    # JSON keys in the order the code writes them (the API's documented order); sorting them
    # costs the public registry's API more than a third of its JSON encoding time.
    app.json.sort_keys = False
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    login_manager.session_protection = "strong" if app.config["APP_ENV"] == "production" else "basic"

    from accounts.services import user_for_session

    login_manager.user_loader(user_for_session)


def _render_migration_item(type_, obj, autogen_context):
    """Write our column types as plain SQLAlchemy types in generated migrations."""
    from core.models import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _include_in_migrations(obj, name, type_, reflected, compare_to):
    """The registers' full-text indexes (FTS5 tables on SQLite, a generated column with a GIN
    index on PostgreSQL) are made by `registry.search.fulltext`, not by Alembic's comparison."""
    from registry.search.fulltext import FullTextIndex

    table = getattr(getattr(obj, "table", None), "name", None)
    return not any(FullTextIndex(search_table).is_own(name, type_, table)
                   for search_table in ("teacher_search", "school_search"))


def import_models() -> None:
    """Import every package's models so that the metadata (and Alembic) knows all tables."""
    import accounts.models  # noqa: F401
    import certification.cases.models  # noqa: F401
    import certification.certificates.models  # noqa: F401
    import certification.sanctions.models  # noqa: F401
    import certification.teachers.models  # noqa: F401
    import compliance.models  # noqa: F401
    import compliance.review.models  # noqa: F401
    import core.models  # noqa: F401
    import core.notifications  # noqa: F401
    import guidance.models  # noqa: F401
    import registry.models  # noqa: F401
    import reporting.models  # noqa: F401
    import standards.models  # noqa: F401


def _register_blueprints(app: Flask) -> None:
    from accounts.views import bp as accounts_bp
    from core.views import bp as core_bp
    from standards.api import bp as standards_api_bp
    from standards.views import bp as standards_bp

    for blueprint in (core_bp, accounts_bp, standards_bp, standards_api_bp):
        app.register_blueprint(blueprint)

    import compliance

    compliance.init_app(app)  # config defaults (evidence storage, upload limit) and its blueprint
    import compliance.review
    from core.notifications import bp as notifications_bp

    compliance.review.init_app(app)  # the review blueprint, `flask review`, its demo step
    app.register_blueprint(notifications_bp)

    import certification.teachers

    certification.teachers.init_app(app)  # its part of the gates before a certificate
    import certification.teachers.demo  # noqa: F401  (registers the demo step, after compliance's)
    from certification.teachers.views import bp as teachers_bp

    app.register_blueprint(teachers_bp)

    import certification.certificates

    certification.certificates.init_app(app)  # config defaults (signing keys), admin pages, API, demo step
    import certification.sanctions

    certification.sanctions.init_app(app)  # sanctions, objections: the admin's pages, the messages' texts
    import certification.cases

    certification.cases.init_app(app)  # a school's confidential report to the alliance, the admin's cases
    import registry

    registry.init_app(app)  # the public registers: pages, API, and the receivers that keep their indexes current
    import privacy

    privacy.init_app(app)  # the account's privacy page (download, erasure) and the erasure rules
    import reporting

    reporting.init_app(app)  # annual reports, sector figures, /cijfers, its API, demo step, daily-job receiver
    import guidance

    guidance.init_app(app)  # step plans, the wegwijzer, footer pages, poster and badge
    import home

    home.init_app(app)  # each role's home page (/start), assembled from every package's parts
    from core.openapi import bp as openapi_bp

    app.register_blueprint(openapi_bp)


def _register_hooks(app: Flask) -> None:
    import core.db_retry
    from accounts.permissions import require_login, template_helpers
    from core.errors import refuse_unusable_input
    from core.http_cache import set_cache_headers
    from core.mail import send_after_request
    from core.security import set_security_headers
    from core.web import aria_current

    app.before_request(refuse_unusable_input)
    core.db_retry.init_app(app)
    app.before_request(require_login)
    app.after_request(set_security_headers)
    app.after_request(set_cache_headers)
    app.after_request(send_after_request)

    @app.context_processor
    def inject():
        return {"current_locale": str(get_locale()), "has_endpoint": lambda name: name in app.view_functions,
                "aria_current": aria_current, **template_helpers()}

    @app.teardown_request
    def _forget_mail_flag(exc):
        g.pop("mail_queued", None)
