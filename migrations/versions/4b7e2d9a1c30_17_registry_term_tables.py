"""PostgreSQL registers: a b-tree term table per register instead of a GIN tsvector index

Revision ID: 4b7e2d9a1c30
Revises: c15a7e0f2b91
Create Date: 2026-11-30 19:20:00

The generated `search_vector` column and its GIN index could not hand out matches in the
register's order, so a page of a common name read and sorted every match. The term table
(`registry.search.fulltext`) holds (term, sort_key) under a b-tree, in that order. SQLite
keeps its FTS5 index: nothing changes there.
"""
from alembic import op

revision = "4b7e2d9a1c30"
down_revision = "c15a7e0f2b91"
branch_labels = None
depends_on = None

TABLES = ("teacher_search", "school_search")


def upgrade():
    from registry.models import SCHOOL_SEARCH_INDEX, TEACHER_SEARCH_INDEX

    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_fulltext")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
    op.execute("DROP FUNCTION IF EXISTS search_prefixes(text)")
    TEACHER_SEARCH_INDEX.create(bind)
    SCHOOL_SEARCH_INDEX.create(bind)


# The index as it was: every prefix as a term of a generated tsvector, under GIN.
_PREFIXES = """
CREATE OR REPLACE FUNCTION search_prefixes(document text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(left(word, n), ' '), '') || ' ' || document
  FROM regexp_split_to_table(document, ' ') AS word,
       generate_series(1, CASE WHEN word ~ '^x[cgs]' THEN 0 ELSE least(length(word), 10) END) AS n
$$"""


def downgrade():
    from registry.models import SCHOOL_SEARCH_INDEX, TEACHER_SEARCH_INDEX

    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    TEACHER_SEARCH_INDEX.drop(bind)
    SCHOOL_SEARCH_INDEX.drop(bind)
    for table in TABLES:
        op.execute(f"DROP FUNCTION IF EXISTS {table}_terms_sync()")
    op.execute("DROP FUNCTION IF EXISTS search_terms(text)")
    op.execute(_PREFIXES)
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
                   "(to_tsvector('simple', search_prefixes(document))) STORED")
        op.execute(f"CREATE INDEX ix_{table}_fulltext ON {table} USING gin (search_vector)")
