"""The public register of certified schools: search, one school's entry, and which schools
count as certified for the teacher registry.

A school is in the register once it has had a certificate, with the status of its newest
certificate: a school whose certificate was revoked or ran out stays in it as revoked or
expired, so that a parent who looks it up learns that. A school that never had one is not
in it.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, cast, exists, func, or_, select
from sqlalchemy.orm import selectinload

from certification.certificates.dates import today
from certification.certificates.errors import CertificateError
from certification.certificates.models import Certificate, CertificateStatus
from compliance.models import Location, School
from compliance.vocabulary import GENRES
from core.extensions import db

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

    @property
    def words(self) -> list[str]:
        return self.q.split()


@dataclass
class RegistryEntry:
    school: School
    certificate: Certificate
    status: CertificateStatus
    on: date = field(default_factory=today)

    @property
    def cities(self) -> list[str]:
        return sorted({self.school.city, *(location.city for location in self.school.locations)})

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


def _int(args, name: str, default: int, maximum: int) -> int:
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise CertificateError(_l("%(name)s moet een heel getal van 1 tot en met %(max)s zijn.", name=name,
                                  max=maximum), field=name)
    return int(raw)


def parse_query(args, *, strict: bool = False) -> SchoolQuery:
    """Read q, city, genre, page and per_page; CertificateError (with `field`) when one is
    wrong. `strict` (the API) also refuses parameters it does not know."""
    if strict:
        unknown = sorted(set(args) - {*PARAMETERS, "lang"})
        if unknown:
            raise CertificateError(_l("Onbekende parameter: %(names)s. Gebruik q, city, genre, page en per_page.",
                                      names=", ".join(unknown)), field=unknown[0])
    q, city = " ".join((args.get("q") or "").split()), " ".join((args.get("city") or "").split())
    for name, value in (("q", q), ("city", city)):
        if len(value) > MAX_QUERY_LENGTH:
            raise CertificateError(_l("Zoek met hoogstens %(n)s tekens.", n=MAX_QUERY_LENGTH), field=name)
    genre = (args.get("genre") or "").strip()
    if genre and genre not in GENRES:
        raise CertificateError(_l("Onbekend dansgenre. Kies er een uit de lijst: %(codes)s.",
                                  codes=", ".join(GENRES)), field="genre")
    return SchoolQuery(q=q, city=city, genre=genre, page=_int(args, "page", 1, MAX_PAGE),
                       per_page=_int(args, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE))


def _newest_certificates():
    return select(func.max(Certificate.id)).group_by(Certificate.school_id)


def _located_in(city_filter):
    return or_(city_filter(School.city),
               exists(select(Location.id).where(Location.school_id == School.id, city_filter(Location.city))))


def _filtered(query: SchoolQuery):
    statement = (select(School, Certificate).join(Certificate, Certificate.school_id == School.id)
                 .where(Certificate.id.in_(_newest_certificates())))
    for word in query.words:
        statement = statement.where(or_(
            School.name.icontains(word, autoescape=True),
            Certificate.number.icontains(word, autoescape=True),
            _located_in(lambda column, word=word: column.istartswith(word, autoescape=True))))
    if query.city:
        statement = statement.where(_located_in(lambda column: func.lower(column) == query.city.lower()))
    if query.genre:  # genre codes are plain lower-case words, safe inside the JSON text
        statement = statement.where(cast(School.genres, String).like(f'%"{query.genre}"%'))
    return statement


def search_schools(query: SchoolQuery, on: date | None = None) -> SchoolPage:
    """One page of schools in the register, in name order; three queries whatever the page."""
    on = on or today()
    statement = _filtered(query)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = db.session.execute(statement.options(selectinload(School.locations))
                              .order_by(func.lower(School.name), School.id)
                              .limit(query.per_page).offset((query.page - 1) * query.per_page)).all()
    entries = [RegistryEntry(school, certificate, certificate.effective_status(on), on) for school, certificate in rows]
    return SchoolPage(entries, total, query)


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
    return RegistryEntry(school, certificate, certificate.effective_status(on), on)


def listed_school_ids(school_ids, on: date | None = None) -> set[int]:
    """Schools among `school_ids` that count as certified: a certificate that is active or
    suspended and whose validity has not run out."""
    ids = list(school_ids)
    if not ids:
        return set()
    on = on or today()
    return set(db.session.execute(select(Certificate.school_id).where(
        Certificate.school_id.in_(ids), Certificate.valid_until >= on,
        Certificate.status.in_([status for status in CertificateStatus if status.is_listed]))).scalars())
