"""The public teacher registry's search: its index, kept current by the services, and its queries.

Why it is built this way (the registry must stay fast at 100,000 teachers and more):
- Each public teacher has one `teacher_search` row holding normalised words (names, the
  digits of the number, the cities of publicly listed schools, genre names, and marker
  words `xg<genre>` and `xs<status>` for the filters), so a search is one full-text match
  with every filter inside it (`registry.search.fulltext`: FTS5 on SQLite, a b-tree term
  table on PostgreSQL).
- Results are never ranked. The row's key sorts by name (surname without "van", "de"…,
  then first name: eight letters packed into the high bits, the teacher id in the low
  bits), and FTS5 hands out matches in key order, so the first page costs a page's worth
  of rows whatever the number of matches.
- `total` is counted exactly up to TOTAL_CAP (500) matches; beyond that the answer says
  `total_is_exact: false` (as search engines do), because counting every match of a
  common name costs more than the whole rest of the request.
"""

# ruff: noqa: S608  (the SQL below interpolates module constants only; user input is always bound)

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from certification.certificates.listing import listed_school_ids
from certification.teachers.models import PUBLIC_STATUSES, TeacherStatus  # noqa: F401
from compliance.vocabulary import GENRES
from registry.models import TEACHER_SEARCH_INDEX as INDEX
from registry.models import TeacherSearch
from registry.search import fulltext
from registry.search.fulltext import cached_words as _cached_words
from registry.search.fulltext import fold, words  # noqa: F401  (part of this module's interface)

TOTAL_CAP = 500
SORT_LETTERS = 8
ID_BITS = 24
FTS_TABLE = INDEX.fts


def create_search_index(connection) -> None:
    """Create (or rebuild) the full-text index over `teacher_search` (the first migration
    that made the table calls this)."""
    INDEX.create(connection)


def drop_search_index(connection) -> None:
    INDEX.drop(connection)


# --- normalising ----------------------------------------------------------------------------------

# Name particles that Dutch (and neighbouring) alphabetical order skips: "de Jong" under J.
_PARTICLES = frozenset("van de der den het t ter te ten in op von zu la le du da di del della dos das".split())


@lru_cache(maxsize=65536)
def sort_name(first_name: str, last_name: str) -> str:
    last = list(_cached_words(last_name))
    while len(last) > 1 and last[0] in _PARTICLES:
        last = last[1:]
    return " ".join(last + list(_cached_words(first_name)))


def sort_key(first_name: str, last_name: str, teacher_id: int) -> int:
    """A 63-bit key that sorts by name: the first eight letters of the sort name in base 27
    (space = 0, a-z = 1..26), then the teacher id, which also makes the key unique."""
    return (_name_value(first_name, last_name) << ID_BITS) | (teacher_id & ((1 << ID_BITS) - 1))


@lru_cache(maxsize=65536)
def _name_value(first_name: str, last_name: str) -> int:
    letters = [char for char in sort_name(first_name, last_name) if char == " " or "a" <= char <= "z"]
    value = 0
    for index in range(SORT_LETTERS):
        char = letters[index] if index < len(letters) else " "
        value = value * 27 + (0 if char == " " else ord(char) - 96)
    return value


def document(first_name, last_name, number, genres, status, cities, genre_labels) -> str:
    found = [*_cached_words(first_name), *_cached_words(last_name)]
    if number:
        found.append(number[2:])
    for city in cities:
        found.extend(_cached_words(city))
    for genre in genres:
        label = genre_labels.get(genre, {})
        found.extend(_cached_words(f"{label.get('nl', '')} {label.get('en', '')}"))
    markers = [f"xg{genre}" for genre in genres] + [f"xs{status}"]
    return " ".join(dict.fromkeys(found + markers))


# --- keeping the index current ------------------------------------------------------------------------

def index_row(teacher, cities: list[str]) -> dict | None:
    """The teacher_search row for `teacher`, or None when they are not in the public registry."""
    if not teacher.status.is_public:
        return None
    return {"teacher_id": teacher.id, "sort_key": sort_key(teacher.first_name, teacher.last_name, teacher.id),
            "document": document(teacher.first_name, teacher.last_name, teacher.registration_number,
                                 teacher.genres or [], teacher.status.value, cities, GENRES)}


def reindex_teacher(session, teacher) -> None:
    """Write (or remove) the teacher's search row in the current transaction."""
    current = [e for e in teacher.employments if e.until is None]
    listed = listed_school_ids([e.school_id for e in current]) if current else set()
    row = index_row(teacher, sorted({e.school.city for e in current if e.school_id in listed}))
    existing = session.get(TeacherSearch, teacher.id)
    if row is None:
        if existing is not None:
            session.delete(existing)
    elif existing is None:
        session.add(TeacherSearch(**row))
    elif (existing.sort_key, existing.document) != (row["sort_key"], row["document"]):
        existing.sort_key, existing.document = row["sort_key"], row["document"]
    session.flush()


# --- querying -----------------------------------------------------------------------------------------

def query_words(text: str) -> tuple[str, ...]:
    """The words of a search, as the index holds them: name particles ("de", "van") are
    left out when there is anything else to look for (they match a third of all Dutch
    surnames and would only slow the match down)."""
    return fulltext.query_words(text, _PARTICLES)


@dataclass(frozen=True)
class SearchQuery:
    words: tuple[str, ...] = ()
    genre: str | None = None
    status: str | None = None
    number: str | None = None  # an exact, valid registration number
    page: int = 1
    per_page: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class SearchResult:
    rows: list  # (registration_number, first_name, last_name, status, genres)
    total: int
    total_is_exact: bool
    query: SearchQuery

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @property
    def has_next(self) -> bool:
        return len(self.rows) == self.query.per_page and (not self.total_is_exact or self.query.page < self.pages)


# The genres as text on both databases: a page holds a few distinct lists, parsed once each
# (fulltext.json_list), instead of psycopg parsing the JSON of every row.
_COLUMNS = "t.registration_number, t.first_name, t.last_name, t.status, CAST(t.genres AS TEXT)"
_PUBLIC = ", ".join(f"'{status.name}'" for status in PUBLIC_STATUSES)
_FTS_MATCH = INDEX.sqlite_match
# Written with ? for SQLite; psycopg gets %s. Only constants are interpolated.
_NUMBER = f"SELECT {_COLUMNS} FROM teacher t WHERE t.registration_number = ? AND t.status IN ({_PUBLIC})"
_QUERIES = fulltext.PageQueries(
    all_page=f"SELECT {_COLUMNS} FROM teacher_search s JOIN teacher t ON t.id = s.teacher_id "
             "ORDER BY s.sort_key LIMIT ? OFFSET ?",
    all_count="SELECT count(*) FROM (SELECT 1 FROM teacher_search LIMIT ?) AS capped",
    sqlite_page=f"SELECT {_COLUMNS} FROM teacher_search s JOIN teacher t ON t.id = s.teacher_id "
                f"WHERE s.sort_key IN ({_FTS_MATCH} ORDER BY rowid LIMIT ? OFFSET ?) ORDER BY s.sort_key",
    sqlite_count=f"SELECT count(*) FROM ({_FTS_MATCH} LIMIT ?) AS capped",
    terms_table=INDEX.terms,
    postgres_page=f"SELECT {_COLUMNS}, k.sort_key FROM ({{keys}}) AS k "
                  "JOIN teacher_search s ON s.sort_key = k.sort_key JOIN teacher t ON t.id = s.teacher_id",
)


class Entry(NamedTuple):
    registration_number: str
    first_name: str
    last_name: str
    status: str
    genres: tuple


def _match(query: SearchQuery, dialect: str) -> str | None:
    exact = ([f"xg{query.genre}"] if query.genre else []) + ([f"xs{query.status}"] if query.status else [])
    return fulltext.match_expression(query.words, exact, dialect)


def _entries(rows) -> list[Entry]:
    return [Entry(number, first, last, status, fulltext.json_list(genres))
            for number, first, last, status, genres in rows]


def run_search(connection, query: SearchQuery) -> SearchResult:
    """One page of public registry entries in name order, and the (capped) count: at most two
    queries, whatever the page size. This is the registry's hot path, so it sends plain SQL
    on `connection` (see fulltext.reading) rather than compiling ORM statements."""
    if query.number is not None:
        rows = [row for row in _entries(fulltext.fetch(connection, _NUMBER, (query.number,)))
                if _passes_filters(row, query)]
        return SearchResult(rows if query.page == 1 else [], len(rows), True, query)
    match = _match(query, fulltext.dialect_of(connection))
    rows, total, exact = fulltext.search_page(connection, _QUERIES, match, query.per_page, query.offset, TOTAL_CAP)
    return SearchResult(_entries(rows), total, exact, query)


def _passes_filters(row, query: SearchQuery) -> bool:
    if query.status and row.status != query.status:
        return False
    return not query.genre or query.genre in (row.genres or [])


def public_status_names() -> list[str]:
    return [status.value for status in PUBLIC_STATUSES]


__all__ = ["TeacherStatus", "create_search_index", "run_search", "SearchQuery", "SearchResult", "reindex_teacher"]
