"""The query mixes the registry bench loads: paths for the teacher and the school search
drawn from the generated data itself, so that common names and big cities come up as often
as they would in real use."""

import random
from urllib.parse import urlencode

from bench import common


def query_mix(app, count: int = 400, seed: int = 7) -> list[str]:
    """Paths for /api/v1/registry/teachers drawn from the data itself, so common surnames come
    up as often as they would in real use."""
    from sqlalchemy import func, select

    from certification.teachers.models import Employment, Teacher, TeacherStatus
    from compliance.models import School
    from core.extensions import db

    chance = random.Random(seed)
    with app.app_context():
        top = db.session.execute(select(func.max(Teacher.id))).scalar_one() or 0
        ids = [chance.randint(1, top) for _ in range(count * 2)]
        rows = db.session.execute(select(Teacher.first_name, Teacher.last_name, Teacher.registration_number,
                                         Teacher.genres).where(Teacher.id.in_(ids),
                                                               Teacher.status != TeacherStatus.pending)).all()
        cities = list(db.session.execute(select(School.city).join(Employment, Employment.school_id == School.id)
                                         .limit(5000)).scalars())
    if not rows:
        raise SystemExit("The database has no public teachers. Run `python -m bench.generate` first.")
    kinds = ["surname"] * 5 + ["first"] * 3 + ["full"] * 3 + ["prefix"] * 2 + ["number"] * 2 + ["partial"] + \
            ["city"] * 2 + ["surname_genre", "city_genre"]
    paths = []
    for _ in range(count):
        first, last, number, genres = chance.choice(rows)
        kind = chance.choice(kinds)
        genre = chance.choice(genres) if genres else "ballet"
        city = chance.choice(cities) if cities else "Utrecht"
        params = {
            "surname": {"q": last}, "first": {"q": first}, "full": {"q": f"{first} {last}"},
            "prefix": {"q": last.split()[-1][:chance.randint(3, 5)]}, "number": {"q": number},
            "partial": {"q": number[2:6]}, "city": {"q": city},
            "surname_genre": {"q": last, "genre": genre}, "city_genre": {"q": city, "genre": genre},
        }[kind]
        paths.append("/api/v1/registry/teachers?" + urlencode(params))
    return paths


COMMON_SCHOOL_WORDS = ("dansschool", "studio", "dance", "balletschool", "dansvereniging")
NOTHING_FOUND = ({"q": "Zwanenmeer"}, {"q": "xqzv"}, {"q": "DV-2019-99999"}, {"city": "Atlantis"},
                 {"q": "Pirouette", "city": "Nergenshuizen"}, {"q": "Sterrenstof Vaals"})


def _name_words(name: str, cities: list[str]) -> list[str]:
    """The words that set a school's name apart: not "Dansschool" or "Studio", not its city."""
    common_words = {word.lower() for phrase in common.SCHOOL_WORDS for word in phrase.split()}
    skip = common_words | {word.lower() for city in cities for word in city.split()} | {"de", "het"}
    return [word for word in name.split() if word.lower() not in skip and not word.isdigit()]


def school_mix(app, count: int = 400, seed: int = 7) -> list[str]:
    """Paths for /api/v1/registry/schools drawn from the register itself (schools with a
    certificate, their newest certificate's number, their locations' cities), so that big
    cities come up as often as they would in real use; a few find nothing."""
    from sqlalchemy import func, select

    from certification.certificates.models import Certificate
    from compliance.models import Location, School
    from core.extensions import db

    chance = random.Random(seed)
    with app.app_context():
        newest = select(func.max(Certificate.id)).group_by(Certificate.school_id)
        rows = db.session.execute(select(School.id, School.name, School.city, School.genres, Certificate.number)
                                  .join(Certificate, Certificate.school_id == School.id)
                                  .where(Certificate.id.in_(newest)).order_by(School.id)).all()
        located = {}
        for school_id, city in db.session.execute(select(Location.school_id, Location.city).order_by(Location.id)):
            located.setdefault(school_id, []).append(city)
    if not rows:
        raise SystemExit("The database has no certified schools. Run `python -m bench.generate` first.")
    kinds = ["full"] * 2 + ["word"] * 3 + ["prefix"] * 2 + ["common", "nothing"] + ["city"] * 2 + \
            ["city_filter"] * 2 + ["genre", "genre_q"] + ["number"] * 2
    paths = []
    for _ in range(count):
        school_id, name, city, genres, number = chance.choice(rows)
        cities = [city, *located.get(school_id, [])]
        word = chance.choice(_name_words(name, cities) or name.split())
        genre = chance.choice(genres) if genres else "ballet"
        kind = chance.choice(kinds)
        params = {
            "full": {"q": name}, "word": {"q": word}, "prefix": {"q": word[:chance.randint(3, 5)]},
            "common": {"q": chance.choice(COMMON_SCHOOL_WORDS)}, "nothing": chance.choice(NOTHING_FOUND),
            "city": {"q": chance.choice(cities)}, "city_filter": {"city": chance.choice(cities)},
            "genre": {"genre": genre}, "genre_q": {"q": chance.choice((word, city)), "genre": genre},
            "number": {"q": number if chance.random() < 0.75 else number.lower()},
        }[kind]
        paths.append("/api/v1/registry/schools?" + urlencode(params))
    return paths


