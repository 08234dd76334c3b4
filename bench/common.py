"""What the benchmarks share: realistic names, cities and genres, the database they use,
and a fast generator that fills it."""

import os
import random
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Weighted roughly like the Netherlands: a few very common surnames, a long tail.
SURNAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
    "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
    "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin", "van der Heijden",
    "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster",
    "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "Peeters", "de Jonge", "Kuipers", "van Veen", "Post",
    "Kuiper", "Veenstra", "Kramer", "van den Brink", "Scholten", "van Wijk", "Postma", "Martens", "Vink",
    "de Ruiter", "Timmermans", "Groen", "Gerritsen", "Jonker", "van Loon", "Boer", "van der Velde", "Willemsen",
    "Smeets", "de Lange", "de Vos", "Bosch", "van Dongen", "Schipper", "de Koning", "van der Laan", "Koning",
    "Driessen", "van Doorn", "Hermans", "Evers", "van den Bosch", "van der Meulen", "Hofman", "Bosman", "Wolters",
    "Sanders", "van der Horst", "Mol", "Kuijpers", "Molenaar", "van de Pol", "de Leeuw", "Verbeek",
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "El Amrani", "Bouzid", "El Idrissi",
    "Benali", "Ouali", "Amrani", "Boukhari", "Ramdin", "Sewnarain", "Mahabier", "Bhagwandin", "Tjin-A-Lim",
    "Nguyen", "Tran", "Wang", "Chen", "Li", "Kowalski", "Nowak", "Wiśniewski", "Müller", "Schmidt", "Schneider",
    "García", "Fernández", "Rossi", "Russo", "Dubois", "Martin", "Silva", "Santos", "Oliveira", "Papadopoulos",
    "Ivanova", "Petrova", "O'Brien", "Murphy", "Smith", "Johnson", "Okafor", "Mensah", "Haile", "Tesfaye",
    "Suparman", "Wijaya", "Lie", "Tan", "Gonçalves", "Novák", "Horváth", "Nielsen", "Andersson", "Kovačević",
)
FIRST_NAMES = (
    "Emma", "Julia", "Mila", "Sophie", "Tess", "Zoë", "Sara", "Nora", "Yara", "Eva", "Liv", "Anna", "Noor", "Lotte",
    "Sanne", "Fleur", "Lisa", "Iris", "Femke", "Anouk", "Esther", "Ilse", "Marloes", "Janneke", "Inge", "Linda",
    "Daan", "Sem", "Lucas", "Levi", "Finn", "Milan", "Noah", "Liam", "Thomas", "Ruben", "Bram", "Jesse", "Thijs",
    "Lars", "Jan", "Pieter", "Kees", "Wouter", "Joost", "Maarten", "Sven", "Niels", "Jeroen", "Bas",
    "Fatima", "Yasmina", "Aisha", "Salma", "Imane", "Mohamed", "Youssef", "Ayoub", "Bilal", "Soufiane",
    "Elif", "Zeynep", "Esra", "Ayşe", "Mehmet", "Emre", "Burak", "Priya", "Ravi", "Anjali", "Shanti",
    "Mei", "Wei", "Linh", "Minh", "Ana", "Sofia", "Lucía", "Mateo", "Giulia", "Marco", "Chloé", "Léa", "Hugo",
    "Agnieszka", "Katarzyna", "Piotr", "Olga", "Nikolai", "Ines", "João", "Amara", "Kwame", "Ama", "Dewi", "Putri",
    "Saskia", "Mirjam", "Gerrit", "Henk", "Rik", "Chantal", "Naomi", "Jasmijn", "Merel", "Floor", "Roos", "Isa",
)
CITIES = (
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda",
    "Nijmegen", "Apeldoorn", "Arnhem", "Haarlem", "Haarlemmermeer", "Enschede", "Amersfoort", "Zaanstad",
    "'s-Hertogenbosch", "Zwolle", "Leiden", "Zoetermeer", "Leeuwarden", "Maastricht", "Dordrecht", "Ede",
    "Alphen aan den Rijn", "Westland", "Alkmaar", "Emmen", "Delft", "Venlo", "Deventer", "Sittard-Geleen",
    "Helmond", "Oss", "Amstelveen", "Hilversum", "Heerlen", "Nissewaard", "Sudwest-Fryslan", "Hengelo",
    "Purmerend", "Roosendaal", "Schiedam", "Lelystad", "Vlaardingen", "Almelo", "Gouda", "Zaandam",
    "Hoorn", "Velsen", "Assen", "Capelle aan den IJssel", "Veenendaal", "Katwijk", "Zeist", "Nieuwegein",
    "Doetinchem", "Roermond", "Den Helder", "Middelburg", "Vlissingen", "Harderwijk", "Kampen", "Bergen op Zoom",
    "Goes", "Tiel", "Weert", "Sneek", "Drachten", "Heerenveen", "Meppel", "Hoogeveen", "Winterswijk", "Terneuzen",
)
SCHOOL_WORDS = ("Dansschool", "Balletstudio", "Dansstudio", "Danscentrum", "Dansacademie", "Studio", "Dance Company",
                "Dansvereniging", "Urban Dance Academy", "Balletschool")
SCHOOL_NAMES = ("Pirouette", "Plié", "Arabesque", "Entrechat", "De Spiegel", "Move", "Groove", "Ritme", "Sprong",
                "Tendu", "Passé", "Cadans", "Vrije Voeten", "Dansmakers", "Beweging", "Flow", "Stap", "Swing",
                "Tango", "Salsa", "Hiphop Huis", "Danslokaal", "De Vloer", "Het Podium", "Sterrenstof")
GENRE_WEIGHTS = {"ballet": 24, "urban": 22, "modern": 16, "jazz": 12, "ballroom": 10, "musical": 6, "tap": 3,
                 "folk": 3, "other": 4}
STATUS_WEIGHTS = {"active": 80, "pending": 8, "lapsed": 6, "restricted": 2, "suspended": 2, "revoked": 2}
# Schools: the share with a certificate, the status of a certified school's newest certificate
# ("expired": its validity ran out), the share of certified schools that also hold an older
# (expired) certificate, and the share with locations in more than one city.
CERTIFIED_SHARE = 0.75
CERTIFICATE_STATUS_WEIGHTS = {"active": 85, "suspended": 3, "revoked": 4, "expired": 8}
RENEWED_SHARE = 0.06
MULTI_LOCATION_SHARE = 0.30


def zipf_weights(count: int, exponent: float = 0.9) -> list[float]:
    return [1 / (rank ** exponent) for rank in range(1, count + 1)]


def database_url() -> str:
    """The database the benchmarks use: DATABASE_URL, or instance/bench.sqlite (never the
    development database)."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'instance' / 'bench.sqlite'}"


def make_app(url: str | None = None, **config):
    from app import create_app

    os.environ["DATABASE_URL"] = url or database_url()
    config.setdefault("APP_ENV", "production")
    config.setdefault("SECRET_KEY", "bench-" + os.urandom(16).hex())
    config.setdefault("MAIL_SEND_AFTER_REQUEST", False)
    # The status lists are signed: with keys of the benchmark's own, not the development app's
    # (CREDENTIAL_KEY_PATH in the environment names another folder, as it does for the app).
    config.setdefault("CREDENTIAL_KEY_PATH",
                      os.environ.get("CREDENTIAL_KEY_PATH") or str(ROOT / "instance" / "bench-keys"))
    config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    return create_app(config)


def fresh_database(app, force: bool = False) -> None:
    """Empty the database, migrate it to the newest migration, and create the tables the
    migrations do not have yet (with the registry's search index)."""
    from flask_migrate import upgrade
    from sqlalchemy import inspect, text

    from core.extensions import db

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)  # a fresh checkout has no instance/
    with app.app_context():
        tables = inspect(db.engine).get_table_names()
        if tables and "bench_marker" not in tables and not force:
            raise SystemExit(f"{url} holds tables the benchmark did not make. Point DATABASE_URL at an empty "
                             "database, or pass --force to wipe it.")
        db.engine.dispose()  # no pooled connection may keep the old file open
    if url.startswith("sqlite:///"):
        db_path = Path(url[len("sqlite:///"):])
        for suffix in ("", "-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
    with app.app_context():
        if not url.startswith("sqlite"):
            db.drop_all()
            with db.engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
                connection.execute(text("DROP TABLE IF EXISTS bench_marker"))
        upgrade(directory=str(ROOT / "migrations"))
        db.create_all()
        with db.engine.begin() as connection:
            connection.execute(text("CREATE TABLE IF NOT EXISTS bench_marker (id INTEGER PRIMARY KEY)"))


def today():
    from certification.teachers.services.common import today as registry_today

    return registry_today()


def days_ago(days: int):
    return today() - timedelta(days=days)


def rng(seed: int = 20260101) -> random.Random:
    return random.Random(seed)
