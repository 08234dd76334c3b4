"""Fill a database with a large, realistic registry:

    python -m bench.generate --teachers 100000 --schools 10000

The database is DATABASE_URL (default instance/bench.sqlite). It is emptied, migrated and
filled: schools across Dutch cities, teachers with Dutch and international names, genres,
statuses in realistic shares, employments, the search index, a published quality plan and
a code of conduct. Rows are written with executemany, so 100,000 teachers take seconds.

Until certificates exist no school is publicly listed, so the search would find no city.
The generator indexes the cities of every school a teacher works at, as the registry will
once schools are certified, so that city searches cost what they will cost then.
"""

import argparse
import time
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
        rows.append({"name": name if index % 3 else f"{name} {index}", "kvk_number": kvks[index],
                     "street": "Danslaan", "house_number": str(1 + index % 200), "postcode": "1234 AB", "city": city,
                     "school_type": random.choice(("dansschool", "dansschool", "dansschool", "vereniging",
                                                   "vooropleiding")),
                     "genres": random.sample(genres, 2), "teaches_minors": random.random() < 0.8,
                     "age_groups": ["6_11", "12_15", "adults"], "created_at": now})
    return rows


def teachers(random, count, school_ids, school_cities):
    """(teacher rows, employment rows, search rows); ids are assigned here (an empty table)."""
    from certification.teachers import search
    from certification.teachers.models import TeacherStatus
    from compliance.vocabulary import GENRES
    from core.models import utcnow

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
            cities.append(school_cities[school_index])
        if status != "pending":
            search_rows.append({"teacher_id": teacher_id, "sort_key": search.sort_key(first, last, teacher_id),
                                "document": search.document(first, last, number, genres, status, cities, GENRES)})
    return teacher_rows, job_rows, search_rows


def search_number(random):
    from certification.teachers.numbers import format_number

    return format_number(f"{random.randrange(1_000_000):06d}")


def fill(app, teacher_count: int, school_count: int, seed: int = 20260101, echo=print) -> dict:
    """Generate into the (fresh) database of `app`; returns timings per step."""
    from sqlalchemy import select

    from certification.teachers import search
    from certification.teachers.bulk import bulk_insert
    from certification.teachers.models import Employment, Teacher, TeacherSearch
    from certification.teachers.services import publish_code_version
    from compliance.models import School
    from core.extensions import db
    from standards.services import publish_shipped_plans

    random, timings = common.rng(seed), {}
    with app.app_context():
        started = time.perf_counter()
        publish_shipped_plans()
        publish_code_version("1.0", "Ik behandel iedere danser met respect.", "I treat every dancer with respect.",
                             by=None)
        school_rows = schools(random, school_count)
        db.session.connection().execute(School.__table__.insert(), school_rows)
        db.session.commit()
        found = db.session.execute(select(School.id, School.city).order_by(School.id)).all()
        timings["schools"] = time.perf_counter() - started

        started = time.perf_counter()
        teacher_rows, job_rows, search_rows = teachers(random, teacher_count, [row[0] for row in found],
                                                       [row[1] for row in found])
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
        if db.engine.dialect.name == "postgresql":
            db.session.execute(db.text("ANALYZE"))
        db.session.commit()
        if db.engine.dialect.name == "postgresql":  # a serial column does not move when ids are given
            db.session.execute(db.text("SELECT setval(pg_get_serial_sequence('teacher', 'id'), "
                                       "(SELECT max(id) FROM teacher))"))
            db.session.commit()
        timings["index"] = time.perf_counter() - started
    echo(f"  {school_count} schools, {teacher_count} teachers ({len(search_rows)} public), "
         f"{len(job_rows)} employments")
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
    print(f"  migrate {migrated:.1f} s, schools {timings['schools']:.1f} s, generate {timings['generate']:.1f} s, "
          f"insert {timings['insert']:.1f} s, search index {timings['index']:.1f} s")
    print(f"Done in {total:.1f} s.")


if __name__ == "__main__":
    main()
