"""The full-text index behind both public registers (teachers and schools).

A register keeps one search row per public entry: `document` holds the entry's normalised
words (lower case, no accents, so SQLite and PostgreSQL see the same words) and marker
words for exact filters (`xg<genre>`, …); `sort_key` is a unique integer that sorts the
rows in the order the register lists them.

SQLite: an FTS5 table (external content, its rowid the sort key) indexes the words and their
prefixes. Matches are never ranked (ranking scores every match, which for a common word is
thousands of rows): FTS5 hands them out in rowid order, i.e. in the register's order, so the
first page costs a page's worth of rows whatever the number of matches.

PostgreSQL: every prefix of every word (up to MAX_PREFIX letters) and every whole word is a
row (term, sort_key) of a term table (`<table>_terms`) under a b-tree on (term, sort_key),
kept in step by a trigger as FTS5 is on SQLite. The b-tree holds each term's rows in the
register's order, so a page of a common word is the first rows of its range and the capped
count reads at most cap + 1 of them (an index-only scan either way); more words are joins on
the key. Page and count are one statement (`postgres_statement`).
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
        self.terms = f"{table}_terms"
        # A subquery yielding the matching sort keys in order (SQLite).
        self.sqlite_match = f"SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH ?"

    def attach(self, table) -> None:
        """Create the index whenever `table` is created, and drop it with the table."""
        event.listen(table, "after_create", lambda target, connection, **kw: self.create(connection))
        event.listen(table, "before_drop", lambda target, connection, **kw: self.drop(connection))

    def create(self, connection) -> None:
        """Create (or rebuild) the index: on SQLite an FTS5 table kept in step by three
        triggers; on PostgreSQL the term table, filled from the search table and kept in step
        by a trigger. A migration calls this after creating the search table."""
        if connection.dialect.name != "sqlite":
            self.drop(connection)
            table, terms = self.table, self.terms
            for statement in (
                _PG_TERMS_FUNCTION,
                f"CREATE TABLE {terms} (term text NOT NULL, sort_key bigint NOT NULL)",
                f"INSERT INTO {terms} (term, sort_key) SELECT unnest(search_terms(document)), sort_key FROM {table}",
                f"ALTER TABLE {terms} ADD CONSTRAINT pk_{terms} PRIMARY KEY (term, sort_key)",
                _PG_SYNC_FUNCTION.format(table=table, terms=terms),
                f"CREATE TRIGGER {terms}_sync AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {terms}_sync()",
                f"ANALYZE {terms}",
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
        """Tidy the index after a day's changes; the daily jobs call this. SQLite: merge the
        FTS5 index into one piece (every change adds a small segment, and a search reads each).
        PostgreSQL: VACUUM (ANALYZE) the term table, on a connection of its own (VACUUM runs
        outside a transaction). Every change deletes and inserts an entry's terms; a search
        reads the term table from the index alone only where vacuum has marked the pages
        all-visible (autovacuum does the same, later)."""
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(f"INSERT INTO {self.fts}({self.fts}) VALUES ('optimize')")
            return
        with connection.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as own:
            own.exec_driver_sql(f"VACUUM (ANALYZE) {self.terms}")

    @contextmanager
    def moving_every_key(self, connection):
        """Around a change that gives every row a new key. PostgreSQL: the term table is built
        again after it, since the trigger would rewrite every term of every row it moves.
        SQLite: the FTS5 triggers follow the moves (dropping the FTS5 table first could even
        escape the transaction: pysqlite runs DDL outside one when no change has begun it)."""
        if connection.dialect.name == "sqlite":
            yield
            return
        self.drop(connection)
        yield
        self.create(connection)

    def drop(self, connection) -> None:
        """Remove the index (before a bulk load, or with the table): on SQLite the FTS5 table
        and its triggers, on PostgreSQL the term table and its trigger."""
        if connection.dialect.name != "sqlite":
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {self.terms}_sync ON {self.table}")
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {self.terms}")
            return
        for suffix in ("ai", "ad", "au"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {self.table}_{suffix}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {self.fts}")

    def is_own(self, name: str | None, type_: str, table: str | None = None) -> bool:
        """True for the objects this index makes itself, which migrations leave alone."""
        if type_ == "table":
            return bool(name) and (name.startswith(self.fts) or name == self.terms)
        return False


# A document's terms: every prefix of every word, and the words: "jan de" → {j, ja, jan, d,
# de}. Filter markers (see `marker`) stay whole, so that "xcden" (Den) is not found in
# "xcdenhaag" (Den Haag). IMMUTABLE: the same document always has the same terms.
_PG_TERMS_FUNCTION = f"""
CREATE OR REPLACE FUNCTION search_terms(document text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT term), '{{}}') FROM (
    SELECT left(word, n) AS term FROM regexp_split_to_table(document, ' ') AS word,
         generate_series(1, CASE WHEN word ~ '^{MARKER_PATTERN}' THEN 0 ELSE least(length(word), {MAX_PREFIX}) END) AS n
    UNION ALL SELECT regexp_split_to_table(document, ' ')) AS found
  WHERE term <> ''
$$"""
# Keeps `{terms}` in step with `{table}`, as the FTS5 triggers do on SQLite.
_PG_SYNC_FUNCTION = """
CREATE OR REPLACE FUNCTION {terms}_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.sort_key = NEW.sort_key AND OLD.document = NEW.document THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM {terms} WHERE term = ANY (search_terms(OLD.document)) AND sort_key = OLD.sort_key;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO {terms} (term, sort_key) SELECT unnest(search_terms(NEW.document)), NEW.sort_key;
  END IF;
  RETURN NULL;
END $$"""


@dataclass(frozen=True)
class PageQueries:
    """A register's SQL, written with ? placeholders: a page of everything and its count, the
    SQLite page and count of a match, and for PostgreSQL the term table and the page read
    from `{keys}` (a subquery of the page's sort keys, column `sort_key`, aliased `k`), whose
    last column is `k.sort_key`."""

    all_page: str
    all_count: str
    sqlite_page: str
    sqlite_count: str
    terms_table: str
    postgres_page: str


@lru_cache(maxsize=64)
def postgres_statement(queries: PageQueries, terms: int, capped: bool) -> str:
    """The capped count of the rows that hold all `terms` terms and one page of them, as one
    statement: every row carries the count first; with no page, one row of the count alone.
    Parameters: the terms (and cap + 1 when `capped`), then the terms, per_page and offset."""
    table = queries.terms_table
    keys = (f"SELECT t0.sort_key FROM {', '.join(f'{table} t{i}' for i in range(terms))} WHERE "
            + " AND ".join(["t0.term = ?"] + [f"t{i}.term = ? AND t{i}.sort_key = t0.sort_key"
                                               for i in range(1, terms)]))
    count = f"SELECT count(*) FROM ({keys}{' LIMIT ?' if capped else ''}) AS matched"
    page = queries.postgres_page.format(keys=f"{keys} ORDER BY t0.sort_key LIMIT ? OFFSET ?")
    return f"SELECT c.total, p.* FROM ({count}) AS c(total) LEFT JOIN LATERAL ({page}) AS p ON true ORDER BY p.sort_key"


def search_page(connection, queries: PageQueries, match, per_page: int, offset: int,
                cap: int | None = None) -> tuple[list, int, bool]:
    """One page of rows in the register's order, the number of matches (at most `cap` when
    given; the count queries then take cap + 1 as their last parameter) and whether that
    number is exact. `match` is what `match_expression` made. Two queries at most, whatever
    the page size (one on PostgreSQL); SQLite reads the page first and counts only when the
    page is full."""
    limit = () if cap is None else (cap + 1,)
    if match is not None and dialect_of(connection) == "postgresql":
        found = fetch(connection, postgres_statement(queries, len(match), cap is not None),
                      (*match, *limit, *match, per_page, offset))
        rows = [row[1:-1] for row in found if row[-1] is not None]
        return _counted(rows, found[0][0], per_page, offset, cap)
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


def match_expression(query_words: tuple[str, ...], exact: list[str], dialect: str) -> str | tuple | None:
    """What to match: every word as a prefix, every marker exactly. On SQLite an FTS5
    expression (words are [a-z0-9]+ only, so nothing in it is syntax the user typed), on
    PostgreSQL the terms themselves. None when there is nothing to match (the whole register)."""
    if not query_words and not exact:
        return None
    if dialect == "postgresql":  # the term table holds every prefix as a term of its own
        return tuple(dict.fromkeys([*query_words, *exact]))
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
    more than it saves. psycopg prepares a statement on the server once a connection has run it
    five times (the searches run without a transaction, so their prepared statements last), and
    a prepared statement keeps one generic plan instead of being planned again for every
    execution: planning was a third of a search statement's time (0.54 ms a statement planned
    each time, 0.36 ms with the generic plan, timed once at 100k teachers with a one-off script). The registers' plans
    do not depend on the words (a term's rows are one b-tree range however common the word).
    psycopg forgets its prepared statements at every ROLLBACK, which ends most requests' ORM
    transactions, so outside the searches this reaches only statements repeated within one
    long transaction (imports, daily jobs), which look rows up by key.
    """
    module = type(dbapi_connection).__module__
    if module.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA mmap_size=268435456")
        cursor.execute("PRAGMA cache_size=-32768")
        cursor.close()
    elif module.startswith("psycopg"):
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET max_parallel_workers_per_gather = 0; SET plan_cache_mode = force_generic_plan")
        dbapi_connection.commit()
