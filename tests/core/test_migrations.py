"""The schema that `flask db upgrade` builds is the schema the models describe."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import text

from core.extensions import db
from tests.kit import make_test_app, scratch_database


@pytest.fixture
def empty_database_url(tmp_path):
    base = os.environ.get("TEST_DATABASE_URL")
    if not base or not base.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'migrated.sqlite'}"
        return
    with scratch_database(base, f"migrations_{uuid.uuid4().hex[:8]}") as url:
        yield url


def test_migrated_schema_equals_models(empty_database_url):
    app = make_test_app(empty_database_url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            from app import _include_in_migrations

            context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                             "include_object": _include_in_migrations})
            diff = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert diff == [], f"models and migrations differ; run `flask db migrate`: {diff}"


def test_postgresql_registers_move_from_the_gin_index_to_term_tables_and_back(empty_database_url):
    """Migration 4b7e2d9a1c30 builds the term tables from the search rows an installation
    already has, and its downgrade brings the GIN index back."""
    if not empty_database_url.startswith("postgresql"):
        pytest.skip("the term tables are PostgreSQL's; SQLite keeps FTS5")
    from flask_migrate import downgrade

    from tests.certification.teachers import factories

    app = make_test_app(empty_database_url)
    with app.app_context():
        upgrade()
        number = factories.active_teacher(first_name="Femke", last_name="Zwanenburg").registration_number
        db.session.commit()
        downgrade(revision="c15a7e0f2b91")
        old = db.session.execute(text("SELECT count(*) FROM teacher_search "
                                      "WHERE search_vector @@ to_tsquery('simple', 'zwanen')")).scalar_one()
        db.session.commit()
        upgrade()
        terms = db.session.execute(text("SELECT count(*) FROM teacher_search_terms WHERE term = 'zwanen'")).scalar_one()
        db.session.commit()
        found = app.test_client().get("/api/v1/registry/teachers?q=zwanen").get_json()
        db.session.remove()
        db.engine.dispose()
    assert (old, terms) == (1, 1)
    assert [item["registration_number"] for item in found["items"]] == [number]
