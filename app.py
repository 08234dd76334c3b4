"""The application factory: `create_app()` builds a configured Flask app from every package,
lowest floor first (see ARCHITECTURE.md); each package wires itself with `init_app(app)`."""

import logging

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

import accounts
import accounts.models
import certification.cases
import certification.cases.models
import certification.certificates
import certification.certificates.models
import certification.sanctions
import certification.sanctions.models
import certification.teachers
import certification.teachers.models
import compliance
import compliance.models
import compliance.review
import compliance.review.models
import core
import core.models
import guidance
import guidance.models
import home
import notifications
import notifications.models
import privacy
import registry
import registry.models
import reporting
import reporting.models
import standards
import standards.models
from core.config import load_config
from core.extensions import db, migrate
from registry.search.fulltext import FullTextIndex

# Every package, lowest floor first: core's extensions before anything uses them, and each
# package's demo steps, commands and event receivers after those of the packages below it.
PACKAGES = (
    core,
    accounts,
    notifications,
    standards,
    compliance,
    compliance.review,
    certification.teachers,
    certification.certificates,
    certification.sanctions,
    certification.cases,
    registry,
    privacy,
    reporting,
    guidance,
    home,
)

# Every package's models, so that the metadata (and Alembic) knows all tables.
MODELS = (
    core.models,
    accounts.models,
    notifications.models,
    standards.models,
    compliance.models,
    compliance.review.models,
    certification.teachers.models,
    certification.certificates.models,
    certification.sanctions.models,
    certification.cases.models,
    registry.models,
    reporting.models,
    guidance.models,
)


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
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    import_models()
    for package in PACKAGES:
        package.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/migrations"), render_as_batch=True,
                     render_item=_render_migration_item, include_object=_include_in_migrations)
    return app


def import_models() -> tuple:
    """The modules of every package's models (imported with this module): the metadata, and
    Alembic, know all tables once `app` is imported."""
    return MODELS


def _render_migration_item(type_, obj, autogen_context):
    """Write our column types as plain SQLAlchemy types in generated migrations."""
    if type_ == "type" and isinstance(obj, core.models.UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _include_in_migrations(obj, name, type_, reflected, compare_to):
    """The registers' full-text indexes (FTS5 tables on SQLite, term tables
    on PostgreSQL) are made by `registry.search.fulltext`, not by Alembic's comparison."""
    table = getattr(getattr(obj, "table", None), "name", None)
    return not any(FullTextIndex(search_table).is_own(name, type_, table)
                   for search_table in ("teacher_search", "school_search"))
