"""The public register of certified schools: search and one school's entry. Which schools
count as certified is certification's rule (`certification.certificates.listing`).

A school is in the register once it has had a certificate, with the status of its newest
certificate: a school whose certificate was revoked or ran out stays in it as revoked or
expired, so that a parent who looks it up learns that. A school that never had one is not
in it.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from certification.certificates.errors import CertificateError
from certification.certificates.models import (
    Certificate,
    CertificateStatus,
    effective_status,
    effective_status_changed_on,
)
from compliance.models import School
from compliance.vocabulary import GENRES
from core.dates import today
from core.extensions import db
from core.i18n import lazy_text
from registry.params import whole_number
from registry.search import fulltext
from registry.search import schools as school_search

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_QUERY_LENGTH = 100
MAX_PAGE = 10_000
PARAMETERS = ("q", "city", "genre", "page", "per_page")


@dataclass(frozen=True)
class SchoolQuery:
    q: str = ""
    city: str = ""
    genre: str = ""
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


class SchoolSummary(NamedTuple):
    """What the register's list shows of a school (read without loading the whole row)."""

    id: int
    name: str
    city: str
    genres: list
    advisor_name: str | None
    advisor_email: str | None
    advisor_phone: str | None

    @property
    def has_advisor(self) -> bool:
        return bool(self.advisor_name)


class CertificateSummary(NamedTuple):
    """What the register's list shows of a certificate; its status follows the same rules
    as `Certificate`'s."""

    number: str
    status: CertificateStatus
    valid_until: date
    status_changed_on: date
    suspended_until: date | None = None

    def effective_status(self, on: date) -> CertificateStatus:
        return effective_status(self.status, self.valid_until, on)

    def effective_status_changed_on(self, on: date) -> date:
        return effective_status_changed_on(self.status, self.valid_until, self.status_changed_on, on)


@dataclass
class RegistryEntry:
    school: School | SchoolSummary
    certificate: Certificate | CertificateSummary
    status: CertificateStatus
    on: date = field(default_factory=today)
    cities: list[str] = field(default_factory=list)

    @property
    def status_changed_on(self) -> date:
        return self.certificate.effective_status_changed_on(self.on)


@dataclass
class SchoolPage:
    entries: list[RegistryEntry]
    total: int
    query: SchoolQuery

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @property
    def has_next(self) -> bool:
        return self.query.page < self.pages


def parse_query(args, *, strict: bool = False) -> SchoolQuery:
    """Read q, city, genre, page and per_page; CertificateError (with `field`) when one is
    wrong. `strict` (the API) also refuses parameters it does not know."""
    if strict:
        unknown = sorted(set(args) - {*PARAMETERS, "lang"})
        if unknown:
            raise CertificateError(lazy_text(
                    "Onbekende parameter: %(names)s. Gebruik q, city, genre, page en per_page.",
                                      names=", ".join(unknown)), field=unknown[0])
    q, city = " ".join((args.get("q") or "").split()), " ".join((args.get("city") or "").split())
    for name, value in (("q", q), ("city", city)):
        if len(value) > MAX_QUERY_LENGTH:
            raise CertificateError(lazy_text("Zoek met hoogstens %(n)s tekens.", n=MAX_QUERY_LENGTH), field=name)
    genre = (args.get("genre") or "").strip()
    if genre and genre not in GENRES:
        raise CertificateError(lazy_text("Onbekend dansgenre. Kies er een uit de lijst: %(codes)s.",
                                  codes=", ".join(GENRES)), field="genre")
    return SchoolQuery(q=q, city=city, genre=genre, page=whole_number(args, "page", 1, MAX_PAGE, CertificateError),
                       per_page=whole_number(args, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE, CertificateError))


def search_schools(query: SchoolQuery, on: date | None = None, *, with_cities: bool = True) -> SchoolPage:
    """One page of schools in the register, in name order (see `school_search`): two
    queries, and one more for the cities of the page's locations when `with_cities`."""
    on = on or today()
    with fulltext.reading() as connection:
        rows, total = school_search.find(connection, query.q, query.city, query.genre, query.per_page,
                                         (query.page - 1) * query.per_page)
    cities = school_search.location_cities([row[0] for row in rows]) if with_cities and rows else {}
    entries = []
    for (school_id, name, city, genres, advisor, email, phone, number, status, valid_until, changed_on,
         suspended_until) in rows:
        certificate = CertificateSummary(number, CertificateStatus(status), _date(valid_until), _date(changed_on),
                                         _date(suspended_until) if suspended_until else None)
        school = SchoolSummary(school_id, name, city, list(fulltext.json_list(genres)), advisor, email, phone)
        entries.append(RegistryEntry(school, certificate, certificate.effective_status(on), on,
                                     sorted({city, *cities.get(school_id, ())})))
    return SchoolPage(entries, total, query)


def _date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)  # SQLite hands back text


def registry_entry(school_id: int, on: date | None = None) -> RegistryEntry | None:
    """The school's entry in the register, or None when it never had a certificate."""
    on = on or today()
    row = db.session.execute(
        select(School, Certificate).join(Certificate, Certificate.school_id == School.id)
        .where(School.id == school_id).options(selectinload(School.locations))
        .order_by(Certificate.id.desc()).limit(1)).first()
    if row is None:
        return None
    school, certificate = row
    return RegistryEntry(school, certificate, certificate.effective_status(on), on,
                         sorted({school.city, *(location.city for location in school.locations)}))
