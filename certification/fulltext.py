"""The full-text index behind both public registers (teachers and schools).

A register keeps one search row per public entry: `document` holds the entry's normalised
words (lower case, no accents, so SQLite and PostgreSQL see the same words) and marker
words for exact filters (`xg<genre>`, …); `sort_key` is a unique integer that sorts the
rows in the order the register lists them. On SQLite an FTS5 table (external content, its
rowid the sort key) indexes the words; on PostgreSQL a GIN index on a `simple` tsvector.

Matches are never ranked: ranking scores every match, which for a common word is thousands
of rows. FTS5 hands out matches in rowid order, i.e. in the register's order, so the first
page costs a page's worth of rows whatever the number of matches.
"""

# ruff: noqa: S608  (the SQL below interpolates table names fixed in code; user input is always bound)

import re
import unicodedata
from functools import lru_cache

from sqlalchemy import Index, event, func, literal_column
from sqlalchemy.engine import Engine

MAX_TOKENS = 6
# FTS5 streams a prefix match only for the prefix lengths it indexes; a longer query word is
# cut to this length (as selective in practice) instead of making FTS5 merge whole lists.
MAX_PREFIX = 10

_FOLD = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d",
                       "þ": "th", "'": "", "’": ""})
_WORD = re.compile(r"[a-z0-9]+")


def fold(value: str) -> str:
    """Lower case, accents off: "Yılmaz" → "yilmaz", "Müller" → "muller"."""
    decomposed = unicodedata.normalize("NFKD", (value or "").lower().translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(value: str) -> list[str]:
    return _WORD.findall(fold(value))


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


def marker(prefix: str, value: str) -> str:
    """An exact-match word for a filter: marker("xc", "Den Haag") → "xcdenhaag"."""
    return prefix + "".join(cached_words(value))


def dialect_of(connection) -> str:
    return "sqlite" if connection.dialect.name == "sqlite" else "postgresql"


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
        self.postgres_match = "to_tsvector('simple', s.document) @@ to_tsquery('simple', ?)"

    def attach(self, table) -> None:
        """Declare the PostgreSQL index in the metadata (so migrations know it) and create
        the SQLite FTS5 table whenever `table` is created."""
        Index(self.pg_index_name, func.to_tsvector(literal_column("'simple'"), table.c.document),
              postgresql_using="gin").ddl_if(dialect="postgresql")
        event.listen(table, "after_create", lambda target, connection, **kw: self.create(connection))
        event.listen(table, "before_drop", lambda target, connection, **kw: self.drop(connection))

    def create(self, connection) -> None:
        """Create (or rebuild) the index: on SQLite an FTS5 table kept in step by three
        triggers; on PostgreSQL the GIN index (already there when the table came from the
        metadata). A migration calls this after creating the search table."""
        if connection.dialect.name != "sqlite":
            connection.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {self.pg_index_name} ON {self.table} "
                                       "USING gin (to_tsvector('simple', document))")
            return
        table, fts = self.table, self.fts
        for statement in (
            f"DROP TABLE IF EXISTS {fts}",
            f"CREATE VIRTUAL TABLE {fts} USING fts5(document, content='{table}', content_rowid='sort_key', "
            "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4 5 6 7 8 9 10', columnsize=0)",
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
            f"CREATE TRIGGER IF NOT EXISTS {table}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, document) VALUES (new.sort_key, new.document); END",
            f"CREATE TRIGGER IF NOT EXISTS {table}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, document) VALUES ('delete', old.sort_key, old.document); END",
            f"CREATE TRIGGER IF NOT EXISTS {table}_au AFTER UPDATE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, document) VALUES ('delete', old.sort_key, old.document); "
            f"INSERT INTO {fts}(rowid, document) VALUES (new.sort_key, new.document); END",
        ):
            connection.exec_driver_sql(statement)

    def drop(self, connection) -> None:
        """Remove the SQLite FTS5 table and its triggers (before a bulk load, or with the table)."""
        if connection.dialect.name == "sqlite":
            for suffix in ("ai", "ad", "au"):
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {self.table}_{suffix}")
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {self.fts}")

    def is_own(self, name: str | None, type_: str) -> bool:
        """True for the objects this index makes itself, which migrations leave alone."""
        if type_ == "table":
            return bool(name) and name.startswith(self.fts)
        return type_ == "index" and name == self.pg_index_name


def match_expression(query_words: tuple[str, ...], exact: list[str], dialect: str) -> str | None:
    """The full-text expression: every word as a prefix, every marker exactly. Words are
    [a-z0-9]+ only, so nothing in it is syntax the user typed. None when there is nothing
    to match (the whole register)."""
    if not query_words and not exact:
        return None
    if dialect == "postgresql":
        return " & ".join([f"{word}:*" for word in query_words] + list(exact))
    return " AND ".join([f'"{word}"*' for word in query_words] + [f'"{word}"' for word in exact])


@event.listens_for(Engine, "connect")
def _sqlite_read_speed(dbapi_connection, connection_record):
    """The registers read their FTS index on every search: let SQLite map the file into
    memory and keep more pages cached, instead of re-reading them through system calls."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA mmap_size=268435456")
        cursor.execute("PRAGMA cache_size=-32768")
        cursor.close()
