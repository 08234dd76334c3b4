"""The PostgreSQL plans behind the teacher search, and the indexes it was compared with:

    DATABASE_URL=postgresql+psycopg://… python -m bench.generate --teachers 100000 --schools 10000
    DATABASE_URL=postgresql+psycopg://… python -m bench.plans > bench/postgresql-plans.md

For a rare, a common and a one-letter word, and a word with a genre filter, it prints
`EXPLAIN (ANALYZE, BUFFERS)` of one page of 20 and the capped count, read three ways:

1. the term table the registers use (`registry.search.fulltext`): (term, sort_key) under a b-tree;
2. `pg_trgm`: a GIN trigram index over the search row's words, matched as a word prefix;
3. `text_pattern_ops`: a b-tree over a table of normalised words (word, sort_key), matched with
   LIKE 'prefix%'.

The alternatives are built inside a transaction that is rolled back: the database is left as it was.
Each statement runs three times first (a warm cache, as in use); the plan of a fourth run is printed.
"""

# ruff: noqa: S608  (the SQL interpolates this script's own constants; the words are bound)

import sys

from sqlalchemy import create_engine

from bench import common
from registry.search import fulltext
from registry.search import teachers as search

WORDS = (("jansen", None), ("emma", None), ("j", None), ("vries", "modern"))
_COLUMNS = "t.registration_number, t.first_name, t.last_name, t.status"
_ALTERNATIVES = (
    ("pg_trgm (GIN trigram index over the words)",
     ["CREATE EXTENSION IF NOT EXISTS pg_trgm",
      "CREATE INDEX bench_trgm ON teacher_search USING gin ((' ' || document) gin_trgm_ops)"],
     f"SELECT {_COLUMNS} FROM teacher_search s JOIN teacher t ON t.id = s.teacher_id "
     "WHERE (' ' || s.document) LIKE %(like)s {genre} ORDER BY s.sort_key LIMIT 20",
     "SELECT count(*) FROM (SELECT 1 FROM teacher_search s WHERE (' ' || s.document) LIKE %(like)s {genre} "
     "LIMIT 501) AS capped"),
    ("text_pattern_ops (b-tree over a table of words)",
     ["CREATE TABLE bench_words AS SELECT DISTINCT regexp_split_to_table(document, ' ') AS word, sort_key "
      "FROM teacher_search",
      "CREATE INDEX bench_words_prefix ON bench_words (word text_pattern_ops, sort_key)", "ANALYZE bench_words"],
     f"SELECT {_COLUMNS} FROM (SELECT DISTINCT w.sort_key FROM bench_words w WHERE w.word LIKE %(prefix)s "
     "{genre_words} ORDER BY w.sort_key LIMIT 20) AS k JOIN teacher_search s ON s.sort_key = k.sort_key "
     "JOIN teacher t ON t.id = s.teacher_id ORDER BY k.sort_key",
     "SELECT count(*) FROM (SELECT DISTINCT w.sort_key FROM bench_words w WHERE w.word LIKE %(prefix)s "
     "{genre_words} LIMIT 501) AS capped"),
)


def _explain(cursor, sql: str, params) -> str:
    for _ in range(3):
        cursor.execute(sql, params)
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
    return "\n".join(row[0] for row in cursor.fetchall())


def _term_table(cursor, word: str, genre: str | None) -> str:
    terms = (word, f"xg{genre}") if genre else (word,)
    sql = fulltext.postgres_statement(search._QUERIES, len(terms), True).replace("?", "%s")
    return _explain(cursor, sql, (*terms, search.TOTAL_CAP + 1, *terms, 20, 0))


def _alternative(cursor, page: str, count: str, word: str, genre: str | None) -> str:
    params = {"like": f"% {word}%", "prefix": f"{word}%", "marker": f"% xg{genre} %", "genre": f"xg{genre}"}
    genre_sql = "AND (' ' || s.document || ' ') LIKE %(marker)s" if genre else ""
    genre_words = ("AND EXISTS (SELECT 1 FROM bench_words g WHERE g.sort_key = w.sort_key "
                   "AND g.word = %(genre)s)") if genre else ""
    parts = []
    for label, sql in (("page of 20", page), ("count, capped at 501", count)):
        sql = sql.format(genre=genre_sql, genre_words=genre_words)
        parts.append(f"-- {label}\n" + _explain(cursor, sql, params))
    return "\n\n".join(parts)


def _title(word: str, genre: str | None) -> str:
    return f"{word} + genre {genre}" if genre else word


def main() -> None:
    url = common.database_url()
    if not url.startswith("postgresql"):
        raise SystemExit("Point DATABASE_URL at the PostgreSQL database bench.generate filled.")
    engine = create_engine(url)
    out = sys.stdout
    with engine.connect() as connection:
        cursor = connection.connection.cursor()
        cursor.execute("SET max_parallel_workers_per_gather = 0")
        out.write("# PostgreSQL search plans (EXPLAIN (ANALYZE, BUFFERS))\n\n"
                  "Written by `python -m bench.plans` (see its docstring) on the `bench.generate` data.\n")
        cursor.execute("SELECT count(*) FROM teacher_search")
        out.write(f"{cursor.fetchone()[0]} teachers in the register.\n\n")
        out.write("## 1. The term table (what the registers use): page and capped count in one statement\n\n")
        for word, genre in WORDS:
            out.write(f"### {_title(word, genre)}\n\n```\n{_term_table(cursor, word, genre)}\n```\n\n")
        for number, (label, setup, page, count) in enumerate(_ALTERNATIVES, start=2):
            for statement in setup:
                cursor.execute(statement)
            out.write(f"## {number}. {label}\n\n")
            for word, genre in WORDS:
                out.write(f"### {_title(word, genre)}\n\n```\n"
                          f"{_alternative(cursor, page, count, word, genre)}\n```\n\n")
        connection.connection.rollback()  # the alternatives' indexes and tables go again


if __name__ == "__main__":
    main()
