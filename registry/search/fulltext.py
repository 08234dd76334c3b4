"""The full-text index behind both public registers (teachers and schools).

A register keeps one search row per public entry: `document` holds the entry's normalised
words (lower case, no accents, so SQLite and PostgreSQL see the same words) and marker
words for exact filters (`xg<genre>`, …); `sort_key` is a unique integer that sorts the
rows in the order the register lists them.

SQLite: an FTS5 table (external content, its rowid the sort key) indexes the words and their
prefixes. Matches are never ranked (ranking scores every match, which for a common word is
thousands of rows): FTS5 hands them out in rowid order, i.e. in the register's order, so the
first page costs a page's worth of rows whatever the number of matches.

PostgreSQL: a stored, generated `search_vector` column holds every word's prefixes (up to
MAX_PREFIX letters) as exact terms, under a GIN index, so that a prefix search is an exact
lookup instead of a scan over every term that starts with the prefix. Name searches find
rows that sit together in name order (every "de Jong"), which misleads the planner's choice
between walking the name order and collecting the matches; `postgres_order` makes that
choice from the number of matches, which the search counts first.
"""

# ruff: noqa: S608  (the SQL below interpolates table names fixed in code; user input is always bound)

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.engine import Engine

from core.extensions import db
from core.text import fold, words  # noqa: F401  (part of this module's interface)

MAX_TOKENS = 6
# FTS5 streams a prefix match only for the prefix lengths it indexes; a longer query word is
# cut to this length (as selective in practice) instead of making FTS5 merge whole lists.
MAX_PREFIX = 10

@lru_cache(maxsize=65536)
def cached_words(value: str) -> tuple[str, ...]:
    """Names, cities and genre labels repeat a lot; folding each once keeps a bulk load of
    100,000 entries fast."""
    return tuple(words(value))


def query_words(text: str, skip: frozenset = frozenset()) -> tuple[str, ...]:
    """The words of a search as the index holds them, each once; words in `skip` are left
    out when there is anything else to look for; long words are cut to MAX_PREFIX."""
    found = list(dict.fromkeys(words(text)))
    meaningful = [word for word in found if word not in skip]
    return tuple(word[:MAX_PREFIX] for word in (meaningful or found))[:MAX_TOKENS]


MARKER_PATTERN = "x[cgs]"  # city, genre, status


def marker(prefix: str, value: str) -> str:
    """An exact-match word for a filter: marker("xc", "Den Haag") → "xcdenhaag". Prefixes
    are "xc" (city), "xg" (genre) and "xs" (status), see MARKER_PATTERN."""
    return prefix + "".join(cached_words(value))


def json_list(value) -> tuple:
    """A JSON list column as plain SQL hands it back: text on SQLite, a list on PostgreSQL.
    The registers read a few distinct genre lists thousands of times, so text is parsed
    once per distinct value."""
    return _parsed_list(value) if isinstance(value, str) else tuple(value or ())


@lru_cache(maxsize=4096)
def _parsed_list(text: str) -> tuple:
    return tuple(json.loads(text) or ())


def dialect_of(connection) -> str:
    return "sqlite" if connection.dialect.name == "sqlite" else "postgresql"


@contextmanager
def reading():
    """A connection of its own for a public search: it only reads, so it needs none of the
    request's session, whose creating, binding and closing a search would otherwise pay.
    On PostgreSQL it runs without a transaction (psycopg's autocommit, set in the client):
    no BEGIN before the queries and no ROLLBACK when the connection goes back to the pool,
    two round trips fewer per search."""
    with db.engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection


def fetch(connection, sql: str, params) -> list:
    """Run `sql` (written with ? placeholders) as it is: no SQL compilation on the registers'
    hot path, but SQLAlchemy's events still see every statement (query counting, logging)."""
    if connection.dialect.name != "sqlite":
        sql = sql.replace("?", "%s")
    return connection.exec_driver_sql(sql, tuple(params)).fetchall()


class FullTextIndex:
    """The full-text index over one search table (`table` with `sort_key` and `document`)."""

    def __init__(self, table: str):
        self.table = table
        self.fts = f"{table}_fts"
        self.pg_index_name = f"ix_{table}_fulltext"
        # A subquery yielding the matching sort keys in order (SQLite), and the condition
        # on the search table aliased `s` (PostgreSQL).
        self.sqlite_match = f"SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH ?"
        self.postgres_match = "s.search_vector @@ to_tsquery('simple', ?)"

    def attach(self, table) -> None:
        """Create the index whenever `table` is created, and drop it with the table."""
        event.listen(table, "after_create", lambda target, connection, **kw: self.create(connection))
        event.listen(table, "before_drop", lambda target, connection, **kw: self.drop(connection))

    def create(self, connection) -> None:
        """Create (or rebuild) the index: on SQLite an FTS5 table kept in step by three
        triggers; on PostgreSQL the generated `search_vector` column and its GIN index. A
        migration calls this after creating the search table."""
        if connection.dialect.name != "sqlite":
            for statement in (
                _PG_PREFIXES_FUNCTION,
                f"ALTER TABLE {self.table} ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS "
                "(to_tsvector('simple', search_prefixes(document))) STORED",
                f"CREATE INDEX IF NOT EXISTS {self.pg_index_name} ON {self.table} USING gin (search_vector)",
            ):
                connection.exec_driver_sql(statement)
            return
        table, fts = self.table, self.fts
        for statement in (
            f"DROP TABLE IF EXISTS {fts}",
            f"CREATE VIRTUAL TABLE {fts} USING fts5(document, content='{table}', content_rowid='sort_key', "
            "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4 5 6 7 8 9 10', columnsize=0)",
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
            f"INSERT INTO {fts}({fts}) VALUES ('optimize')",
            f"CREATE TRIGGER IF NOT EXISTS {table}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, document) VALUES (new.sort_key, new.document); END",
            f"CREATE TRIGGER IF NOT EXISTS {table}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, document) VALUES ('delete', old.sort_key, old.document); END",
            f"CREATE TRIGGER IF NOT EXISTS {table}_au AFTER UPDATE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, document) VALUES ('delete', old.sort_key, old.document); "
            f"INSERT INTO {fts}(rowid, document) VALUES (new.sort_key, new.document); END",
        ):
            connection.exec_driver_sql(statement)

    def optimize(self, connection) -> None:
        """Merge the index into one piece. Every change adds a small segment to the FTS5
        index (or to the GIN index's pending list), and a search reads each segment; merged,
        it reads one. The daily jobs call this."""
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(f"INSERT INTO {self.fts}({self.fts}) VALUES ('optimize')")
        else:
            connection.exec_driver_sql(f"SELECT gin_clean_pending_list('{self.pg_index_name}'::regclass)")

    def drop(self, connection) -> None:
        """Remove the index (before a bulk load, or with the table): on SQLite the FTS5 table
        and its triggers, on PostgreSQL the GIN index (the generated column stays)."""
        if connection.dialect.name != "sqlite":
            connection.exec_driver_sql(f"DROP INDEX IF EXISTS {self.pg_index_name}")
            return
        for suffix in ("ai", "ad", "au"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {self.table}_{suffix}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {self.fts}")

    def is_own(self, name: str | None, type_: str, table: str | None = None) -> bool:
        """True for the objects this index makes itself, which migrations leave alone."""
        if type_ == "table":
            return bool(name) and name.startswith(self.fts)
        if type_ == "column":
            return table == self.table and name == "search_vector"
        return type_ == "index" and name == self.pg_index_name


# Every prefix of every word, and the words: "jan de" → "j ja jan d de jan de". Filter
# markers (see `marker`) stay whole, so that "xcden" (Den) is not found in "xcdenhaag" (Den
# Haag). IMMUTABLE, so that a generated column may use it.
_PG_PREFIXES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION search_prefixes(document text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(left(word, n), ' '), '') || ' ' || document
  FROM regexp_split_to_table(document, ' ') AS word,
       generate_series(1, CASE WHEN word ~ '^{MARKER_PATTERN}' THEN 0 ELSE least(length(word), {MAX_PREFIX}) END) AS n
$$"""
# PostgreSQL: beyond this many matches a search first looks for its page among the first
# PROBE_ROWS rows in name order.
PG_DENSE_MATCHES = 500
PROBE_ROWS = 2000


def postgres_pages(table: str, keys: str) -> dict:
    """The two ways a PostgreSQL page query reads `keys` (columns of `table`, aliased `s`)
    of one page of matches in name order; both take (match, per_page, offset) as written in
    `postgres_params`, and run as one statement each.

    - "sparse" (few matches): collect them from the GIN index and sort them; costs what the
      number of matches costs, however they are spread.
    - "dense" (many matches): walking the name order finds a page of a common first name or
      city at once, but walks far for a common surname, whose matches all sit together
      under its letter. So it looks among the first PROBE_ROWS rows in name order and, only
      if the page is not all there, collects and sorts as "sparse" does.
    """
    match = "s.search_vector @@ to_tsquery('simple', ?)"
    collect = f"SELECT {keys} FROM {table} s WHERE {match} ORDER BY s.sort_key + 0 LIMIT ? OFFSET ?"
    dense = (f"WITH probe AS MATERIALIZED (SELECT {keys} FROM (SELECT * FROM {table} ORDER BY sort_key "
             f"LIMIT ?) AS s WHERE {match} ORDER BY s.sort_key LIMIT ? OFFSET ?) "
             "SELECT * FROM probe WHERE (SELECT count(*) FROM probe) = ? UNION ALL "
             f"(SELECT {keys} FROM {table} s WHERE {match} AND (SELECT count(*) FROM probe) < ? "
             "ORDER BY s.sort_key + 0 LIMIT ? OFFSET ?)")
    return {"sparse": collect, "dense": dense}


@dataclass(frozen=True)
class PageQueries:
    """A register's SQL, written with ? placeholders: a page of everything and its count, the
    SQLite page and count of a match, the PostgreSQL count and pages (`postgres_pages`)."""

    all_page: str
    all_count: str
    sqlite_page: str
    sqlite_count: str
    postgres_count: str
    postgres_pages: dict


def search_page(connection, queries: PageQueries, match: str | None, per_page: int, offset: int,
                cap: int | None = None) -> tuple[list, int, bool]:
    """One page of rows in the register's order, the number of matches (at most `cap` when
    given; the count queries then take cap + 1 as their last parameter) and whether that
    number is exact. Two queries at most, whatever the page size. SQLite reads the page
    first and counts only when the page is full; PostgreSQL counts first, because the
    number decides how it reads the page (see `postgres_pages`)."""
    limit = () if cap is None else (cap + 1,)
    if match is not None and dialect_of(connection) == "postgresql":
        total, rows = fetch(connection, queries.postgres_count, (match, *limit))[0][0], []
        if total > offset or (cap is not None and total > cap):
            kind = postgres_kind(total)
            rows = fetch(connection, queries.postgres_pages[kind], postgres_params(kind, match, per_page, offset))
        return _counted(rows, total, per_page, offset, cap)
    if match is None:
        rows = fetch(connection, queries.all_page, (per_page, offset))
        count_sql, count_params = queries.all_count, limit
    else:
        rows = fetch(connection, queries.sqlite_page, (match, per_page, offset))
        count_sql, count_params = queries.sqlite_count, (match, *limit)
    if not rows and offset == 0:
        return rows, 0, True
    if 0 < len(rows) < per_page:
        return _counted(rows, 0, per_page, offset, cap)
    return _counted(rows, fetch(connection, count_sql, count_params)[0][0], per_page, offset, cap)


def _counted(rows: list, total: int, per_page: int, offset: int, cap: int | None) -> tuple[list, int, bool]:
    if 0 < len(rows) < per_page:
        return rows, offset + len(rows), True  # the page holds the rest
    exact = cap is None or total <= cap
    return rows, total if exact else cap, exact


def postgres_params(kind: str, match: str, per_page: int, offset: int) -> tuple:
    if kind == "sparse":
        return match, per_page, offset
    return PROBE_ROWS, match, per_page, offset, per_page, match, per_page, per_page, offset


def postgres_kind(matches: int) -> str:
    return "dense" if matches > PG_DENSE_MATCHES else "sparse"


def match_expression(query_words: tuple[str, ...], exact: list[str], dialect: str) -> str | None:
    """The full-text expression: every word as a prefix, every marker exactly. Words are
    [a-z0-9]+ only, so nothing in it is syntax the user typed. None when there is nothing
    to match (the whole register)."""
    if not query_words and not exact:
        return None
    if dialect == "postgresql":  # the index holds every prefix as a term of its own
        return " & ".join(list(query_words) + list(exact))
    return " AND ".join([_sqlite_prefix(word) for word in query_words] + [f'"{word}"' for word in exact])


_MARKER_START = re.compile(MARKER_PATTERN)
# "x" as a prefix of every real word: x + anything but the second letters of the markers.
_X_PREFIX = "(" + " OR ".join(['"x"'] + [f'"x{c}"*' for c in "abdefhijklmnopqrtuvwxyz0123456789"]) + ")"


def _sqlite_prefix(word: str) -> str:
    """A query word as an FTS5 prefix, finding what PostgreSQL's index finds. FTS5 indexes the
    prefixes of the filter markers too (`xgballet`, `xsactive`), which PostgreSQL does not: a
    plain "x"* would match every row. So "x" is spelled out without the markers' second letters,
    and a word that starts like a marker (as no Dutch word does) must match whole."""
    if word == "x":
        return _X_PREFIX
    if _MARKER_START.match(word):
        return f'"{word}"'
    return f'"{word}"*'


@event.listens_for(Engine, "connect")
def _read_speed(dbapi_connection, connection_record):
    """SQLite: the registers read their FTS index on every search; let SQLite map the file
    into memory and keep more pages cached, instead of re-reading them through system calls.
    PostgreSQL: a web request's queries are small; starting parallel workers for one costs
    more than it saves (and the registers' dense searches would start them for nothing).
    psycopg prepares a statement on the server once a connection has run it five times (the
    searches run without a transaction, so the prepared statements last); a prepared statement
    is still planned for its own parameters, since one plan for every word (a generic plan)
    reads a common surname like a rare one."""
    module = type(dbapi_connection).__module__
    if module.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA mmap_size=268435456")
        cursor.execute("PRAGMA cache_size=-32768")
        cursor.close()
    elif module.startswith("psycopg"):
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET max_parallel_workers_per_gather = 0; SET plan_cache_mode = force_custom_plan")
        dbapi_connection.commit()
