"""The search index of the public school register, and its queries.

Every school in the register (a school that has had a certificate) has one
`school_search` row: its newest certificate, its words (see `document`) and a `sort_key`
that follows the register's order, by name. The full-text index (`registry.search.fulltext`)
hands out matches in key order, so a page costs a page's worth of rows however many
schools match a common word like "dansschool".

The keys keep the exact name order: they are spaced GAP apart, a school that enters or is
renamed takes the midpoint between its neighbours, and when two neighbours have no room
left between them every key is spaced out again (after ~32 schools in the same spot).

The index follows the school: `reindex_school` runs when a certificate is issued and when
the school's name, city, genres or locations change (`registry.indexes`).
"""

# ruff: noqa: S608  (the SQL below interpolates module constants only; user input is always bound)


from sqlalchemy import and_, delete, func, or_, select, text, update

from certification.certificates.models import Certificate
from certification.certificates.services.reading import TYPED_NUMBER
from compliance.models import Location, School
from compliance.vocabulary import GENRES
from core.extensions import db
from registry.models import SCHOOL_SEARCH_INDEX as INDEX
from registry.models import SchoolSearch
from registry.search import fulltext

GAP = 1 << 32
# A certificate number however typed ("DV202600123", "dv-2026-00123") is searched as "DV 2026 00123".
_COMPACT_NUMBER = TYPED_NUMBER
# PostgreSQL: one advisory lock serialises key assignment (two schools entering at the same
# spot must not both take the same midpoint).
_KEY_LOCK = 0x5C0015EA
# A page's rows carry what the register shows, so that listing a page is one query.
_COLUMNS = ("s.school_id, sc.name, sc.city, CAST(sc.genres AS TEXT), sc.advisor_name, sc.advisor_email, "
            "sc.advisor_phone, c.number, c.status, c.valid_until, c.status_changed_on, c.suspended_until")
_FROM = "school_search s JOIN school sc ON sc.id = s.school_id JOIN certificate c ON c.id = s.certificate_id"
_QUERIES = fulltext.PageQueries(
    all_page=f"SELECT {_COLUMNS} FROM {_FROM} ORDER BY s.sort_key LIMIT ? OFFSET ?",
    all_count="SELECT count(*) FROM school_search",
    sqlite_page=f"SELECT {_COLUMNS} FROM {_FROM} WHERE s.sort_key IN "
                f"({INDEX.sqlite_match} ORDER BY rowid LIMIT ? OFFSET ?) ORDER BY s.sort_key",
    sqlite_count=f"SELECT count(*) FROM ({INDEX.sqlite_match}) AS matched",
    terms_table=INDEX.terms,
    postgres_page=f"SELECT {_COLUMNS}, k.sort_key FROM ({{keys}}) AS k JOIN school_search s ON s.sort_key = k.sort_key "
                  "JOIN school sc ON sc.id = s.school_id JOIN certificate c ON c.id = s.certificate_id",
)


# --- the words -------------------------------------------------------------------------------------------

def sort_name(name: str) -> str:
    """The name as the register sorts it: lower case, without accents or punctuation."""
    return " ".join(fulltext.words(name))


def document(name: str, number: str, cities, genres, genre_labels) -> str:
    found = [*fulltext.cached_words(name), *fulltext.words(number)]
    for city in cities:
        found.extend(fulltext.cached_words(city))
    for genre in genres:
        label = genre_labels.get(genre, {})
        found.extend(fulltext.cached_words(f"{label.get('nl', '')} {label.get('en', '')}"))
    markers = [fulltext.marker("xc", city) for city in cities] + [f"xg{genre}" for genre in genres]
    return " ".join(dict.fromkeys(found + markers))


def _row(school_id, name, city, genres, certificate_id, number, location_cities) -> dict:
    cities = sorted({city, *location_cities} - {"", None})
    return {"school_id": school_id, "certificate_id": certificate_id, "sort_name": sort_name(name),
            "document": document(name, number, cities, genres or [], GENRES)}


# --- keeping it current --------------------------------------------------------------------------------------

def reindex_school(session, school_id: int) -> None:
    """Write (or remove) the school's row in the current transaction, keeping its key when
    its place in the order did not change."""
    newest = session.execute(select(Certificate.id, Certificate.number).where(Certificate.school_id == school_id)
                             .order_by(Certificate.id.desc()).limit(1)).first()
    existing = session.get(SchoolSearch, school_id)
    if newest is None:
        if existing is not None:
            session.delete(existing)
            session.flush()
        return
    school = session.get(School, school_id)
    locations = session.execute(select(Location.city).where(Location.school_id == school_id)).scalars()
    row = _row(school.id, school.name, school.city, school.genres, newest.id, newest.number, locations)
    if existing is None:
        session.add(SchoolSearch(sort_key=_free_key(session, row["sort_name"], school_id), **row))
    else:
        if existing.sort_name != row["sort_name"]:
            existing.sort_key = _free_key(session, row["sort_name"], school_id)
        for key, value in row.items():
            setattr(existing, key, value)
    session.flush()


def _free_key(session, name: str, school_id: int) -> int:
    """A key between the school's neighbours in (sort_name, school_id) order."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _KEY_LOCK})
    table = SchoolSearch
    others = table.school_id != school_id
    before = or_(table.sort_name < name, and_(table.sort_name == name, table.school_id < school_id))
    after = or_(table.sort_name > name, and_(table.sort_name == name, table.school_id > school_id))
    low = session.scalar(select(table.sort_key).where(others, before)
                         .order_by(table.sort_name.desc(), table.school_id.desc()).limit(1)) or 0
    high = session.scalar(select(table.sort_key).where(others, after)
                          .order_by(table.sort_name, table.school_id).limit(1))
    if high is None:
        return low + GAP
    if high - low > 1:
        return low + (high - low) // 2
    _space_out(session)
    return _free_key(session, name, school_id)


def _space_out(session) -> None:
    """Give every row a key GAP apart again, in order (through negative keys, so that no
    two rows ever hold the same key on the way), in two statements. On PostgreSQL the term
    table is built again after (`moving_every_key`): following each row's move took 22 s at
    7,400 schools, building it again 1.7 s (timed once, with a one-off script)."""
    session.flush()
    with INDEX.moving_every_key(session.connection()):
        session.execute(update(SchoolSearch).values(sort_key=-SchoolSearch.sort_key))
        ranked = select(SchoolSearch.school_id, func.row_number().over(
            order_by=(SchoolSearch.sort_name, SchoolSearch.school_id)).label("position")).subquery()
        session.execute(update(SchoolSearch).where(SchoolSearch.school_id == ranked.c.school_id)
                        .values(sort_key=ranked.c.position * GAP))
    session.expire_all()


def rebuild_index(connection) -> int:
    """Build every row afresh, keys GAP apart (after a bulk load, or in a migration).
    Returns the number of schools in the register."""
    newest = (select(Certificate.school_id, func.max(Certificate.id).label("certificate_id"))
              .group_by(Certificate.school_id).subquery())
    schools = connection.execute(
        select(School.id, School.name, School.city, School.genres, Certificate.id, Certificate.number)
        .join(newest, newest.c.school_id == School.id).join(Certificate, Certificate.id == newest.c.certificate_id)
    ).all()
    cities = {}
    for school_id, city in connection.execute(select(Location.school_id, Location.city)):
        cities.setdefault(school_id, []).append(city)
    rows = [_row(*school, cities.get(school[0], [])) for school in schools]
    rows.sort(key=lambda row: (row["sort_name"], row["school_id"]))
    for position, row in enumerate(rows, start=1):
        row["sort_key"] = position * GAP
    INDEX.drop(connection)  # load first, build the full-text index once after
    connection.execute(delete(SchoolSearch))
    if rows:
        connection.execute(SchoolSearch.__table__.insert(), rows)
    INDEX.create(connection)
    return len(rows)


# --- searching ---------------------------------------------------------------------------------------------

def find(connection, q: str, city: str, genre: str, per_page: int, offset: int) -> tuple[list, int]:
    """One page of rows (_COLUMNS) in the register's order, and the number of matches: two
    queries at most, whatever the page size. `connection`: see fulltext.reading."""
    exact = ([fulltext.marker("xc", city)] if city else []) + ([f"xg{genre}"] if genre else [])
    words = fulltext.query_words(_COMPACT_NUMBER.sub(r"dv \1 \2", q))
    match = fulltext.match_expression(words, exact, fulltext.dialect_of(connection))
    rows, total, _exact = fulltext.search_page(connection, _QUERIES, match, per_page, offset)
    return rows, total


def location_cities(school_ids: list[int]) -> dict[int, list[str]]:
    """The cities of the schools' locations, in one query."""
    cities = {}
    for school_id, city in db.session.execute(select(Location.school_id, Location.city)
                                              .where(Location.school_id.in_(school_ids))):
        cities.setdefault(school_id, []).append(city)
    return cities
