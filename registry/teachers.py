"""The public teacher registry: reading a search from a query string and running it (the
index and its SQL are `registry.search.teachers`; a teacher's public entry is
`certification.teachers.services.public_entry`)."""

from certification.teachers.errors import RegistryError
from certification.teachers.numbers import looks_like_number, parse_number
from compliance.vocabulary import GENRES
from core.i18n import lazy_text
from registry.params import whole_number
from registry.search import fulltext
from registry.search import teachers as search

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
MAX_QUERY_LENGTH = 100
MAX_OFFSET = 10_000
# A fixed maximum the API document can state (a deep OFFSET costs the database): at the
# largest per_page the last page still starts within MAX_OFFSET.
MAX_PAGE = MAX_OFFSET // MAX_PER_PAGE + 1


def parse_search(args) -> search.SearchQuery:
    """Search parameters from a query string (`q`, `genre`, `status`, `page`, `per_page`);
    RegistryError names the parameter that is wrong and what would be right."""
    q = (args.get("q") or "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        raise RegistryError(lazy_text("Zoek met hoogstens %(n)s tekens.", n=MAX_QUERY_LENGTH), field="q")
    genre = args.get("genre") or None
    if genre is not None and genre not in GENRES:
        raise RegistryError(lazy_text("Onbekend genre %(genre)s. Kies uit: %(known)s.", genre=genre,
                               known=", ".join(GENRES)), field="genre")
    status = args.get("status") or None
    if status is not None and status not in search.public_status_names():
        raise RegistryError(lazy_text("Onbekende status %(status)s. Kies uit: %(known)s.", status=status,
                               known=", ".join(search.public_status_names())), field="status")
    per_page = whole_number(args, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE, RegistryError)
    page = whole_number(args, "page", 1, MAX_PAGE, RegistryError)
    number, words = None, search.query_words(q)
    if looks_like_number(q):  # a (part of a) registration number: the digits count, not the D
        digits = "".join(char for char in q if char.isdigit())
        number, words = (parse_number(q), ()) if len(digits) >= 7 else (None, (digits,))
    return search.SearchQuery(words=words, genre=genre, status=status, number=number, page=page, per_page=per_page)


def search_registry(query: search.SearchQuery) -> search.SearchResult:
    with fulltext.reading() as connection:
        return search.run_search(connection, query)
