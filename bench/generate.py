"""Fill a database with a large, realistic registry:

    python -m bench.generate --teachers 100000 --schools 10000

The database is DATABASE_URL (default instance/bench.sqlite). It is emptied, migrated and
filled: schools across Dutch cities (some with locations in other cities), their
certificates as issuing, the lifecycle services and the daily job leave them (numbers,
approved assessments, status lists, events; active, suspended, revoked and expired, some
schools with an older certificate beside a newer one), the school search index, teachers
with Dutch and international names, genres, statuses in realistic shares, employments, the
teacher search index (with the cities of certified schools only, as the registry keeps it),
a published quality plan and a code of conduct. Rows are written with executemany, so
100,000 teachers take seconds.
"""

import argparse
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from itertools import accumulate

from bench import common


def _kvk_numbers(random, count):
    numbers = set()
    while len(numbers) < count:
        numbers.add(f"{random.randrange(10_000_000, 100_000_000)}")
    return sorted(numbers)


def schools(random, count):
    kvks = _kvk_numbers(random, count)
    city_weights = common.zipf_weights(len(common.CITIES), 1.1)
    genres = list(common.GENRE_WEIGHTS)
    from core.models import utcnow

    now, rows = utcnow(), []
    for index in range(count):
        city = random.choices(common.CITIES, city_weights)[0]
        name = f"{random.choice(common.SCHOOL_WORDS)} {random.choice(common.SCHOOL_NAMES)} {city}"
        rows.append({"id": index + 1, "name": name if index % 3 else f"{name} {index}", "kvk_number": kvks[index],
                     "street": "Danslaan", "house_number": str(1 + index % 200), "postcode": "1234 AB", "city": city,
                     "school_type": random.choice(("dansschool", "dansschool", "dansschool", "vereniging",
                                                   "vooropleiding")),
                     "genres": random.sample(genres, 2), "teaches_minors": random.random() < 0.8,
                     "age_groups": ["6_11", "12_15", "adults"], "created_at": now})
    return rows


def locations(random, school_rows):
    """school_location rows: a share of the schools also teach in one or two other cities;
    they list their main address as "Hoofdlocatie" beside those (as the demo schools do)."""
    city_weights = common.zipf_weights(len(common.CITIES), 1.1)
    letters = "ABCDEFGHJKLMNPRSTVWXZ"
    rows = []
    for school in school_rows:
        if random.random() >= common.MULTI_LOCATION_SHARE:
            continue
        rows.append({"id": len(rows) + 1, "school_id": school["id"], "name": "Hoofdlocatie",
                     "address": f"{school['street']} {school['house_number']}", "postcode": school["postcode"],
                     "city": school["city"]})
        others = []
        while len(others) < random.choice((1, 1, 2)):
            city = random.choices(common.CITIES, city_weights)[0]
            if city != school["city"] and city not in others:
                others.append(city)
        for city in others:
            rows.append({"id": len(rows) + 1, "school_id": school["id"], "name": f"Locatie {city}",
                         "address": f"Studioweg {random.randrange(1, 300)}",
                         "postcode": f"{random.randrange(1000, 10_000)} {''.join(random.sample(letters, 2))}",
                         "city": city})
    return rows


@dataclass
class Register:
    """What issuing, the lifecycle services and the daily job would have left in the tables,
    and the status of each certified school's newest certificate as the public sees it."""

    status_lists: list = field(default_factory=list)
    assessments: list = field(default_factory=list)
    certificates: list = field(default_factory=list)
    events: list = field(default_factory=list)
    counters: list = field(default_factory=list)
    newest: dict = field(default_factory=dict)  # school id -> effective status (value)
    renewed: int = 0


def _at(day, hour: int = 10) -> datetime:
    return datetime.combine(day, clock(hour), tzinfo=UTC)


def certificates(random, school_rows, location_rows, plan, today) -> Register:
    """Certificates for about CERTIFIED_SHARE of the schools, with the status mix of
    CERTIFICATE_STATUS_WEIGHTS for each school's newest one and, for RENEWED_SHARE of them,
    an older expired certificate too. Like issue_certificate: one approved assessment each,
    numbers DV-<year>-<5 digits> in order of issue per year (the counter ends at the last),
    the scope frozen from the locations, a random index in the current pair of status lists."""
    from certification.certificates.models import CertificateStatus, ReasonCategory, StatusPurpose
    from certification.certificates.services.issuing import MAX_SERIAL
    from certification.certificates.status_lists import FILL_LIMIT, LIST_SIZE
    from compliance.models import AssessmentStatus
    from core.dates import add_months
    from core.models import utcnow

    S, rules = CertificateStatus, plan.rules
    validity, interval = rules.certificate_validity_months, rules.monitoring.interval_months
    statuses = list(common.CERTIFICATE_STATUS_WEIGHTS)
    status_weights = list(accumulate(common.CERTIFICATE_STATUS_WEIGHTS.values()))
    scopes = {}
    for location in location_rows:
        scopes.setdefault(location["school_id"], []).append(
            {key: location[key] for key in ("id", "name", "address", "postcode", "city")})

    def valid_until(on):
        return add_months(on, validity) - timedelta(days=1)

    def between(earliest, latest):
        return earliest + timedelta(days=random.randint(0, max(0, (latest - earliest).days)))

    still_valid_from = add_months(today, -validity) + timedelta(days=1)  # issued on or after: valid today
    oldest = add_months(today, -validity - 12)
    issues, register = [], Register()  # issues: (issued_on, school id, status, changed_on, reason, until)
    for school in school_rows:
        if random.random() >= common.CERTIFIED_SHARE:
            continue
        status, reason, until = random.choices(statuses, cum_weights=status_weights)[0], None, None
        if status == "active":
            on = between(still_valid_from, today)
            changed, final = on, S.active
        elif status == "suspended":
            on = between(still_valid_from, today - timedelta(days=30))
            changed, final = between(on + timedelta(days=1), today), S.suspended
            until = today + timedelta(days=random.randint(14, 180))
            reason = random.choice((ReasonCategory.misconduct_investigation, ReasonCategory.monitoring_overdue,
                                    ReasonCategory.non_compliance))
        elif status == "revoked":
            on = between(oldest, today - timedelta(days=30))
            changed, final = between(on + timedelta(days=1), min(today, valid_until(on))), S.revoked
            reason = random.choice((ReasonCategory.non_compliance, ReasonCategory.misconduct_investigation,
                                    ReasonCategory.at_school_request))
        elif random.random() < 0.1:  # ran out yesterday; the daily job has not written it down yet
            on = add_months(today, -validity)
            changed, final = on, S.active
        else:  # expired, as the daily job wrote it down
            on = between(oldest, still_valid_from - timedelta(days=1))
            changed, final = valid_until(on) + timedelta(days=1), S.expired
        issues.append((on, school["id"], final, changed, reason, until))
        register.newest[school["id"]] = (S.expired if not final.is_final and valid_until(on) < today
                                         else final).value
        if random.random() < common.RENEWED_SHARE:  # the certificate before this one ran out
            older = add_months(on, -validity) - timedelta(days=random.randint(1, 90))
            issues.append((older, school["id"], S.expired, valid_until(older) + timedelta(days=1), None, None))
            register.renewed += 1
    issues.sort(key=lambda issue: (issue[0], issue[1]))

    schools_by_id = {school["id"]: school for school in school_rows}
    now, serials = utcnow(), Counter()
    pairs = -(-len(issues) // FILL_LIMIT)
    for generation in range(1, pairs + 1):
        for offset, purpose in enumerate(StatusPurpose):
            register.status_lists.append({"id": 2 * generation - 1 + offset, "list_id": f"{purpose.value}-{generation}",
                                          "purpose": purpose, "size": LIST_SIZE, "bits": bytes(LIST_SIZE // 8),
                                          "credential": None, "updated_at": now})
    indexes = []
    for start in range(0, len(issues), FILL_LIMIT):  # a pair takes certificates until FILL_LIMIT
        indexes.extend(random.sample(range(LIST_SIZE), min(FILL_LIMIT, len(issues) - start)))
    for position, (on, school_id, status, changed, reason, until) in enumerate(issues):
        certificate_id, generation = position + 1, position // FILL_LIMIT
        serials[on.year] += 1
        if serials[on.year] > MAX_SERIAL:
            raise SystemExit(f"More than {MAX_SERIAL} certificates in {on.year}: generate fewer schools.")
        register.assessments.append({
            "id": certificate_id, "school_id": school_id, "plan_id": plan.id, "status": AssessmentStatus.approved,
            "created_by_id": None, "reviewer_id": None, "started_at": _at(on - timedelta(days=75)),
            "submitted_at": _at(on - timedelta(days=40)), "status_changed_at": _at(on)})
        due, periods = add_months(on, interval), 1
        while status.is_listed and due <= min(today, valid_until(on)):  # it reported every year so far
            periods += 1
            due = add_months(on, interval * periods)
        school = schools_by_id[school_id]
        scope = scopes.get(school_id) or [{"id": None, "name": school["name"], "postcode": school["postcode"],
                                           "address": f"{school['street']} {school['house_number']}",
                                           "city": school["city"]}]
        conditions = [{"text": "Bied binnen drie maanden alle docenten de training 'Veilig aanraken' aan.",
                       "due_on": (on + timedelta(days=90)).isoformat()}] if random.random() < 0.08 else []
        register.certificates.append({
            "id": certificate_id, "number": f"DV-{on.year}-{serials[on.year]:05d}", "school_id": school_id,
            "assessment_id": certificate_id, "plan_id": plan.id, "scope": scope, "issued_on": on,
            "valid_until": valid_until(on), "conditions": conditions, "issued_at": _at(on), "issued_by_id": None,
            "status": status, "status_changed_on": changed, "reason_category": reason,
            "note": "Bench: zie het dossier." if reason else None, "suspended_until": until,
            "revocation_list_id": 2 * generation + 1, "suspension_list_id": 2 * generation + 2,
            "status_index": indexes[position], "monitoring_due_on": due})
        register.events.append({"certificate_id": certificate_id, "from_status": None, "to_status": S.active,
                                "at": _at(on), "by_id": None, "reason_category": None, "note": None, "until": None})
        if changed != on or status is not S.active:
            register.events.append({"certificate_id": certificate_id, "from_status": S.active, "to_status": status,
                                    "at": _at(changed, 11), "by_id": None, "reason_category": reason,
                                    "note": "Bench: zie het dossier." if reason else None, "until": until})
    register.counters = [{"year": year, "last": last} for year, last in sorted(serials.items())]
    return register


def teachers(random, count, school_ids, school_cities, listed=frozenset()):
    """(teacher rows, employment rows, search rows); ids are assigned here (an empty table).
    A teacher's search document holds the cities of the `listed` (certified) schools only."""
    from certification.teachers.models import TeacherStatus
    from compliance.vocabulary import GENRES
    from core.models import utcnow
    from registry.search import teachers as search

    now, today = utcnow(), common.today()
    surname_weights = list(accumulate(common.zipf_weights(len(common.SURNAMES), 1.0)))
    first_weights = list(accumulate(common.zipf_weights(len(common.FIRST_NAMES), 0.7)))
    genre_codes, genre_weights = list(common.GENRE_WEIGHTS), list(accumulate(common.GENRE_WEIGHTS.values()))
    statuses, status_weights = list(common.STATUS_WEIGHTS), list(accumulate(common.STATUS_WEIGHTS.values()))
    numbers = set()
    teacher_rows, job_rows, search_rows = [], [], []
    for teacher_id in range(1, count + 1):
        first = random.choices(common.FIRST_NAMES, cum_weights=first_weights)[0]
        last = random.choices(common.SURNAMES, cum_weights=surname_weights)[0]
        number = None
        while number is None or number in numbers:
            number = search_number(random)
        numbers.add(number)
        genres = sorted(set(random.choices(genre_codes, cum_weights=genre_weights, k=random.choice((1, 1, 2, 3)))),
                        key=genre_codes.index)
        status = random.choices(statuses, cum_weights=status_weights)[0]
        suspended = status == "suspended"
        teacher_rows.append({
            "id": teacher_id, "registration_number": number, "first_name": first, "last_name": last,
            "email": f"docent{teacher_id}@bench.invalid", "genres": genres, "locale": "nl",
            "status": TeacherStatus(status), "status_changed_at": now, "created_at": now,
            "status_until": today + common.timedelta(days=60) if suspended else None,
            "activated_on": None if status == "pending" else today - common.timedelta(days=random.randrange(30, 1000)),
            "confirmed_at": now})
        cities = []
        for school_index in random.sample(range(len(school_ids)), random.choice((0, 1, 1, 1, 2))):
            job_rows.append({"teacher_id": teacher_id, "school_id": school_ids[school_index], "role": "Docent",
                             "works_with_minors": random.random() < 0.7,
                             "since": today - common.timedelta(days=random.randrange(10, 3000)), "created_at": now})
            if school_ids[school_index] in listed:
                cities.append(school_cities[school_index])
        if status != "pending":
            search_rows.append({"teacher_id": teacher_id, "sort_key": search.sort_key(first, last, teacher_id),
                                "document": search.document(first, last, number, genres, status,
                                                            sorted(set(cities)), GENRES)})
    return teacher_rows, job_rows, search_rows


def search_number(random):
    from certification.teachers.numbers import format_number

    return format_number(f"{random.randrange(1_000_000):06d}")


def fill(app, teacher_count: int, school_count: int, seed: int = 20260101, echo=print) -> dict:
    """Generate into the (fresh) database of `app`; returns timings per step."""
    from certification.certificates.listing import listed_school_ids
    from certification.certificates.models import (
        Certificate,
        CertificateCounter,
        CertificateEvent,
        StatusList,
    )
    from certification.certificates.status_lists import FILL_LIMIT, refresh_lists
    from certification.teachers.bulk import bulk_insert
    from certification.teachers.models import Employment, Teacher
    from certification.teachers.services import publish_code_version
    from compliance.models import Assessment, Location, School
    from core.dates import today
    from core.extensions import db
    from registry.models import TeacherSearch
    from registry.search import teachers as search
    from registry.search.schools import rebuild_index
    from standards.services import current_plan, publish_shipped_plans

    random, timings = common.rng(seed), {}
    with app.app_context():
        started = time.perf_counter()
        publish_shipped_plans()
        publish_code_version("1.0", "Ik behandel iedere danser met respect.", "I treat every dancer with respect.",
                             by=None)
        school_rows = schools(random, school_count)
        db.session.connection().execute(School.__table__.insert(), school_rows)
        db.session.commit()
        timings["schools"] = time.perf_counter() - started

        started = time.perf_counter()
        on = today()
        location_rows = locations(random, school_rows)
        register = certificates(random, school_rows, location_rows, current_plan(), on)
        connection = db.session.connection()
        for model, rows in ((Location, location_rows), (StatusList, register.status_lists),
                            (Assessment, register.assessments), (Certificate, register.certificates),
                            (CertificateEvent, register.events), (CertificateCounter, register.counters)):
            bulk_insert(connection, model.__table__, rows)
        for first in register.certificates[::FILL_LIMIT]:  # each pair: bits derived and signed
            refresh_lists(db.session.get(Certificate, first["id"]))
        school_ids = [row["id"] for row in school_rows]
        listed = set()
        for chunk in range(0, len(school_ids), 5000):
            listed |= listed_school_ids(school_ids[chunk:chunk + 5000], on=on)
        db.session.commit()
        timings["certificates"] = time.perf_counter() - started

        started = time.perf_counter()
        rebuild_index(db.session.connection())
        db.session.commit()
        timings["school_index"] = time.perf_counter() - started

        started = time.perf_counter()
        teacher_rows, job_rows, search_rows = teachers(random, teacher_count, school_ids,
                                                       [row["city"] for row in school_rows], listed)
        timings["generate"] = time.perf_counter() - started
        started = time.perf_counter()
        connection = db.session.connection()
        search.drop_search_index(connection)  # bulk load first, build the full-text index once after
        # Core inserts: one plain executemany per table (the ORM's bulk path would batch
        # multi-row VALUES statements, which is slower on SQLite).
        for model, rows in ((Teacher, teacher_rows), (Employment, job_rows), (TeacherSearch, search_rows)):
            bulk_insert(connection, model.__table__, rows)
        timings["insert"] = time.perf_counter() - started
        started = time.perf_counter()
        search.create_search_index(db.session.connection())
        db.session.commit()
        if db.engine.dialect.name == "postgresql":  # statistics, and index-only scans of the term tables
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
        if db.engine.dialect.name == "postgresql":  # a serial column does not move when ids are given
            for table in ("school", "school_location", "certificate_status_list", "assessment", "certificate",
                          "teacher"):
                db.session.execute(db.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                                           f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"))
            db.session.commit()
        timings["index"] = time.perf_counter() - started
    statuses = Counter(register.newest.values())
    echo(f"  {school_count} schools ({len(register.newest)} certified: "
         + ", ".join(f"{statuses[status]} {status}" for status in common.CERTIFICATE_STATUS_WEIGHTS)
         + f"; {register.renewed} with an older certificate too; {len(listed)} listed; "
         f"{len(location_rows)} locations at {len({row['school_id'] for row in location_rows})} schools), "
         f"{teacher_count} teachers ({len(search_rows)} public), {len(job_rows)} employments")
    return timings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--schools", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--force", action="store_true", help="wipe a database the benchmark did not make")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    app = common.make_app()
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    print(f"Generating into {url}")
    common.fresh_database(app, force=args.force)
    migrated = time.perf_counter() - started
    timings = fill(app, args.teachers, args.schools, args.seed)
    total = time.perf_counter() - started
    print(f"  migrate {migrated:.1f} s, schools {timings['schools']:.1f} s, "
          f"certificates {timings['certificates']:.1f} s, school index {timings['school_index']:.1f} s, "
          f"generate {timings['generate']:.1f} s, insert {timings['insert']:.1f} s, "
          f"search index {timings['index']:.1f} s")
    print(f"Done in {total:.1f} s.")


if __name__ == "__main__":
    main()
