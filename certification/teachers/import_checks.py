"""The row checks behind `importer.import_file()`, one function per kind of file, vectorised
with pandas so that 100,000 rows are checked in well under a second. Each returns a plan
that writes the checked rows (in the caller's transaction) and counts what it will do."""

import json
from collections import namedtuple
from dataclasses import dataclass
from functools import lru_cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, func, select, type_coerce, update

from certification.teachers.bulk import bulk_insert
from certification.teachers.models import (
    Employment,
    Qualification,
    QualificationKind,
    Review,
    Teacher,
    TeacherStatus,
)
from certification.teachers.numbers import fresh_numbers, is_valid_digits
from certification.teachers.services.lifecycle import refresh_in_transaction
from compliance.models import School
from compliance.vocabulary import GENRES
from core.dates import today
from core.extensions import db
from core.i18n import lazy_text
from core.models import utcnow
from core.spreadsheets import FORMULA_STARTS
from core.text import fold

CHUNK = 900  # ids per IN (...) query, under every engine's limit on bound parameters
_ALIASES = {
    "first_name": "voornaam firstname first_name", "last_name": "achternaam lastname last_name surname",
    "email": "e-mail e-mailadres emailadres email e_mail", "genres": "genres genre dansgenres",
    "registration_number": "registration_number registratienummer nummer",
    "school_kvk": "school_kvk kvk kvk-nummer kvk_nummer kvknummer",
    "works_with_minors": "works_with_minors werkt_met_minderjarigen minderjarigen", "role": "role functie",
    "since": "since sinds", "qualification": "qualification kwalificatie diploma",
    "institution": "institution opleiding instelling", "qualified_on": "qualified_on diplomadatum",
    "title": "title titel activiteit", "provider": "provider aanbieder", "points": "points punten",
    "category": "category categorie", "completed_on": "completed_on datum afgerond_op",
}
_CANONICAL = {alias: name for name, aliases in _ALIASES.items() for alias in aliases.split()}
_YES, _NO = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}, {"nee", "n", "no", "false", "onwaar", "0", ""}
_EMAIL = r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+"


@dataclass
class Problem:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str


def canonical_column(name) -> str:
    key = str(name).strip().lower().replace(" ", "_")
    return _CANONICAL.get(key, key)


def flag(report, frame, mask, column, message) -> None:
    text = str(message)
    report.problems.extend(Problem(int(index) + 2, column, text) for index in frame.index[mask])


def require_columns(frame, report, names) -> bool:
    missing = [name for name in names if name not in frame.columns]
    for name in missing:
        report.problems.append(Problem(1, name, str(lazy_text("De kolom %(name)s ontbreekt.", name=name))))
    return not missing


def lengths(frame, report, limits: dict, required=()) -> None:
    for column, limit in limits.items():
        if column not in frame.columns:
            continue
        if column in required:
            flag(report, frame, frame[column] == "", column, _l("Leeg; vul dit in."))
        flag(report, frame, frame[column].str.len() > limit, column, lazy_text("Langer dan %(n)s tekens.", n=limit))


def formulas(frame, report, columns) -> None:
    """Names that a spreadsheet would run as a formula are refused, as on the forms."""

    for column in columns:
        if column in frame.columns:
            flag(report, frame, frame[column].str.startswith(FORMULA_STARTS), column,
                  _l("Begint met =, +, -, @, een tab of een regelovergang; een spreadsheet leest dat als formule."))


def dates(frame, report, column, required: bool):
    """Parsed dates (NaT where empty); flags unreadable dates and dates in the future."""
    import pandas as pd  # noqa: PLC0415  (pandas is heavy; loaded only when a file is imported)


    raw = frame[column] if column in frame.columns else pd.Series("", index=frame.index)
    iso = raw.str.slice(0, 10)
    parsed = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")
    parsed = parsed.fillna(pd.to_datetime(raw, format="%d-%m-%Y", errors="coerce"))
    flag(report, frame, (raw != "") & parsed.isna(), column, _l("Geen geldige datum; schrijf 2024-05-31 of "
                                                                 "31-05-2024."))
    if required:
        flag(report, frame, raw == "", column, _l("Leeg; vul een datum in."))
    flag(report, frame, parsed > pd.Timestamp(today()), column, _l("Deze datum ligt in de toekomst."))
    flag(report, frame, parsed < pd.Timestamp(1950, 1, 1), column, _l("Deze datum ligt te ver in het verleden."))
    return parsed


def duplicates(frame, report, keys, column, message) -> None:
    """Flags every repeat of `keys` after its first row, naming that row."""
    duplicated = keys.duplicated(keep="first") & (keys != "")
    if duplicated.any():
        first = keys.reset_index().groupby(keys.name if keys.name else 0)["index"].transform("first")
        first.index = keys.index
        report.problems.extend(
            Problem(int(index) + 2, column, str(lazy_text("%(what)s staat ook al op rij %(row)s.", what=message,
                                                   row=int(first[index]) + 2)))
            for index in frame.index[duplicated])


def lookup(column, values, *extra):
    """{value: row} for the rows of `column`'s table whose `column` is in `values` (row[0] is
    the id). A big file reads the whole table in one query; a small one asks in chunks."""

    values, found = set(values) - {""}, {}
    if not values:
        return found
    table = column.class_.__table__
    column = table.c[column.key]
    # Core columns, not ORM ones: plain rows, no per-row ORM loading.
    query = select(table.c.id, column, *(table.c[item.key] if hasattr(item, "class_") else item for item in extra))
    if len(values) > 5 * CHUNK and len(values) * 2 > db.session.execute(
            select(func.count()).select_from(table)).scalar_one():
        rows = db.session.execute(query).all()
        return {row[1]: row for row in rows if row[1] in values}
    ordered = sorted(values)
    for start in range(0, len(ordered), CHUNK):
        for row in db.session.execute(query.where(column.in_(ordered[start:start + CHUNK]))):
            found[row[1]] = row
    return found


@lru_cache(maxsize=4096)
def folded(text: str) -> str:

    return fold(text).strip()


def code_map(vocabulary: dict) -> dict:
    mapping = {code: code for code in vocabulary}
    for code, label in vocabulary.items():
        for text in (label.values() if isinstance(label, dict) else [label]):
            mapping[folded(str(text))] = code
    return mapping


# --- teachers -----------------------------------------------------------------------------------------

class TeacherPlan:
    def __init__(self, by):
        self.by, self.new, self.updates, self.unchanged = by, [], [], 0
        self.employments, self.qualifications, self.touched = [], [], set()

    def counts(self):
        return len(self.new), len(self.touched), self.unchanged

    def write(self, step):
        now, session = utcnow(), db.session
        connection = session.connection()
        for start in range(0, len(self.new), 20_000):
            bulk_insert(connection, Teacher.__table__, self.new[start:start + 20_000])
            step("write", start + len(self.new[start:start + 20_000]), len(self.new))
        if self.updates:
            session.execute(update(Teacher), self.updates)
        wanted = {key for key, *_rest in self.employments + self.qualifications if isinstance(key, str)}
        ids = {email: row[0] for email, row in lookup(Teacher.email, wanted).items()}

        def teacher_id(key):  # an existing teacher's id, or a new teacher's e-mail address
            return key if isinstance(key, int) else ids[key]

        bulk_insert(connection, Employment.__table__, [
            {"teacher_id": teacher_id(key), "school_id": school_id, "role": role, "works_with_minors": minors,
             "since": since, "created_at": now, "created_by_id": getattr(self.by, "id", None)}
            for key, school_id, role, minors, since in self.employments])
        bulk_insert(connection, Qualification.__table__, [
            {"teacher_id": teacher_id(key), "kind": kind, "institution": institution, "obtained_on": obtained,
             "review": Review.approved, "reviewed_by_id": getattr(self.by, "id", None), "reviewed_at": now,
             "created_at": now, "review_reason": "import"}
            for key, kind, institution, obtained in self.qualifications])

        refresh_in_transaction(self.touched, actor=self.by)


def check_teachers(frame, report, by):
    """The checks of a teachers file in three steps: its columns, the teachers they match in
    the register, and the plan that writes what is new or changed."""
    columns = _teacher_columns(frame, report)
    if columns is None:
        return None
    matches = _match_teachers(columns)
    plan = TeacherPlan(by)
    if report.problems:
        return plan
    _plan_teachers(plan, frame, report, columns, matches)
    return plan


# A teachers file's columns, checked and normalised (their problems are in the report);
# `schools` maps a KvK number to the school's id.
_TeacherColumns = namedtuple("_TeacherColumns", "email genre_codes genre_lists number kvk schools minors since kinds "
                                                "qualification institution qualified_on roles")


def _teacher_columns(frame, report) -> _TeacherColumns | None:
    """Every column checked on its own: lengths, formulas, e-mail addresses, genres,
    registration numbers, schools, dates and qualifications. None when a column is missing."""

    if not require_columns(frame, report, ("first_name", "last_name", "email", "genres")):
        return None
    import pandas as pd  # noqa: PLC0415  (pandas is heavy; loaded only when a file is imported)

    lengths(frame, report, {"first_name": 80, "last_name": 120, "role": 100, "institution": 200},
             required=("first_name", "last_name"))
    formulas(frame, report, ("first_name", "last_name", "role", "institution"))
    email = frame["email"].str.lower().rename("email")
    flag(report, frame, ~email.str.fullmatch(_EMAIL) | (email.str.len() > 254), "email",
          _l("Geen geldig e-mailadres."))
    duplicates(frame, report, email, "email", _l("Dit e-mailadres"))

    genre_codes = code_map(GENRES)
    genre_lists = [[folded(part) for part in text.split(";") if part.strip()] for text in frame["genres"].tolist()]
    unknown = pd.Series([any(item not in genre_codes for item in items) for items in genre_lists], index=frame.index)
    flag(report, frame, unknown, "genres", lazy_text("Onbekend genre. Kies uit: %(known)s (meerdere met ;).",
                                               known=", ".join(GENRES)))
    flag(report, frame, pd.Series([not items for items in genre_lists], index=frame.index), "genres",
          _l("Leeg; vul minstens één genre in."))

    number = frame.get("registration_number", pd.Series("", index=frame.index)).str.upper().str.replace(
        r"[\s‐–]", "", regex=True).str.replace(r"^D-?", "D-", regex=True).rename("number")
    bad_number = pd.Series([n != "" and not (len(n) == 9 and n[:2] == "D-" and is_valid_digits(n[2:]))
                            for n in number.tolist()], index=frame.index)
    flag(report, frame, bad_number, "registration_number",
          _l("Geen geldig registratienummer (D- en zeven cijfers, met een kloppend controlecijfer)."))
    duplicates(frame, report, number.where(~bad_number, ""), "registration_number", _l("Dit registratienummer"))

    kvk = frame.get("school_kvk", pd.Series("", index=frame.index)).str.replace(r"\s", "", regex=True)
    schools = {key: row[0] for key, row in lookup(School.kvk_number, kvk).items()}
    flag(report, frame, (kvk != "") & ~kvk.isin(list(schools)), "school_kvk",
          _l("Er is geen school met dit KvK-nummer op het platform."))
    minors_raw = frame.get("works_with_minors", pd.Series("", index=frame.index)).str.lower()
    flag(report, frame, ~minors_raw.isin(_YES | _NO), "works_with_minors", _l("Schrijf ja of nee."))
    since = dates(frame, report, "since", required=False)

    kinds = code_map({kind.value: {"nl": str(kind.label), "en": kind.value} for kind in QualificationKind})
    qual = pd.Series([folded(text) for text in frame.get("qualification", pd.Series("", index=frame.index)).tolist()],
                     index=frame.index)
    flag(report, frame, (qual != "") & ~qual.isin(list(kinds)), "qualification",
          lazy_text(
                  "Onbekende soort diploma. Kies uit: %(known)s.", known=", ".join(k.value for k in QualificationKind)))
    institution = frame.get("institution", pd.Series("", index=frame.index))
    flag(report, frame, (qual != "") & (institution == ""), "institution", _l("Leeg; vul de opleiding in."))
    qualified_on = dates(frame, report, "qualified_on", required=False)
    flag(report, frame, (qual != "") & qualified_on.isna() & (frame.get("qualified_on", "") == ""), "qualified_on",
          _l("Leeg; vul de datum van het diploma in."))
    roles = frame["role"] if "role" in frame.columns else pd.Series("", index=frame.index)
    return _TeacherColumns(email, genre_codes, genre_lists, number, kvk, schools, minors_raw, since, kinds, qual,
                           institution, qualified_on, roles)


def _match_teachers(columns: _TeacherColumns) -> tuple[dict, dict]:
    """The registered teachers that the file's e-mail addresses and registration numbers name:
    ({e-mail address: (id, number, first name, last name, genres as text)}, {number: (id, e-mail address)})."""
    # Genres as stored text: compared as text first, decoded only when the text differs.
    by_email = lookup(Teacher.email, columns.email, Teacher.registration_number, Teacher.first_name,
                       Teacher.last_name, type_coerce(Teacher.__table__.c.genres, String).label("genres"))
    by_number = lookup(Teacher.registration_number, columns.number, Teacher.email)
    return by_email, by_number


def _plan_teachers(plan: TeacherPlan, frame, report, columns: _TeacherColumns, matches: tuple[dict, dict]) -> None:
    """Fill `plan` row by row: a new teacher, changed names or genres, new employments and
    qualifications; a row whose number and e-mail address name different teachers is a problem."""
    import pandas as pd  # noqa: PLC0415  (pandas is heavy; loaded only when a file is imported)


    by, (by_email, by_number), kvk, qual = plan.by, matches, columns.kvk, columns.qualification
    known_ids = [row[0] for row in by_email.values()]
    existing_jobs = {(row.teacher_id, row.school_id) for row in rows_for(Employment, known_ids)} \
        if (kvk != "").any() else set()
    existing_quals = {(row.teacher_id, row.kind, row.institution, row.obtained_on)
                      for row in rows_for(Qualification, known_ids)} if (qual != "").any() else set()
    taken = set(columns.number.tolist()) | set(by_number)
    genre_codes, schools, kinds = columns.genre_codes, columns.schools, columns.kinds
    now = utcnow()
    today = now.date()
    for index, first, last, mail, num, genres, school_kvk, minors, start, kind, inst, obtained, role in zip(
            frame.index.tolist(), frame["first_name"].tolist(), frame["last_name"].tolist(), columns.email.tolist(),
            columns.number.tolist(), columns.genre_lists, kvk.tolist(), columns.minors.tolist(),
            columns.since.tolist(), qual.tolist(), columns.institution.tolist(), columns.qualified_on.tolist(),
            columns.roles.tolist(), strict=True):
        owner, holder = by_email.get(mail), by_number.get(num)
        if holder is not None and (owner is None or owner[0] != holder[0]):
            report.problems.append(Problem(int(index) + 2, "registration_number", str(
                _l("Dit registratienummer hoort bij een docent met een ander e-mailadres."))))
            continue
        if owner is not None and num and owner.registration_number != num:
            report.problems.append(Problem(int(index) + 2, "registration_number", str(
                lazy_text(
                        "Dit e-mailadres hoort bij registratienummer %(number)s.", number=owner.registration_number))))
            continue
        chosen = {genre_codes[item] for item in genres}
        codes = [code for code in GENRES if code in chosen]
        key, changed = mail, False
        if owner is None:
            plan.new.append({"registration_number": num, "first_name": first, "last_name": last, "email": mail,
                             "genres": codes, "locale": "nl", "status": TeacherStatus.pending,
                             "status_changed_at": now, "created_at": now, "created_by_id": getattr(by, "id", None)})
        else:
            key = owner[0]
            if (owner.first_name, owner.last_name) != (first, last) or not _same_genres(owner.genres, codes):
                plan.updates.append({"id": owner[0], "first_name": first, "last_name": last, "genres": codes})
                changed = True
        if school_kvk and (owner is None or (owner[0], schools[school_kvk]) not in existing_jobs):
            plan.employments.append((key, schools[school_kvk], role or str(_l("docent")), minors in _YES,
                                     start.date() if not pd.isna(start) else today))
            changed = True
        if kind:
            qualification = (QualificationKind(kinds[kind]), inst, obtained.date())
            if owner is None or (owner[0], *qualification) not in existing_quals:
                plan.qualifications.append((key, *qualification))
                changed = True
        if owner is not None:
            if changed:
                plan.touched.add(owner[0])
            else:
                plan.unchanged += 1
    missing = [row for row in plan.new if not row["registration_number"]]
    for row, fresh in zip(missing, fresh_numbers(len(missing), taken), strict=True):
        row["registration_number"] = fresh


def _same_genres(stored, codes: list[str]) -> bool:
    if isinstance(stored, list):  # a driver that decodes JSON itself (psycopg)
        return stored == codes
    return stored == json.dumps(codes) or json.loads(stored or "[]") == codes


def rows_for(model, teacher_ids):
    ids = sorted(set(teacher_ids))
    for start in range(0, len(ids), CHUNK):
        yield from db.session.execute(select(model).where(model.teacher_id.in_(ids[start:start + CHUNK]))).scalars()
