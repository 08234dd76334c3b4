"""Bulk import of teachers (with a qualification and a school) and CPD records from CSV or
XLSX, and export of the public registry. pandas stays inside these functions.

Every row is checked before anything is written; each problem names its row as a
spreadsheet shows it (the header is row 1) and its column. Nothing is written unless every
row is valid; a valid file is written in one transaction. Rows match existing teachers by
registration number or e-mail address, so importing the same file twice adds nothing.
"""

import csv
import hashlib
import io
import warnings
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from certification.teachers import import_checks as checks
from certification.teachers.errors import RegistryError
from certification.teachers.import_checks import Problem
from certification.teachers.import_cpd import check_cpd
from certification.teachers.models import PUBLIC_STATUSES, Employment, Teacher
from certification.teachers.services.public import public_entry
from core.audit import record_event
from core.extensions import db
from core.i18n import lazy_text
from core.spreadsheets import neutralise
from core.storage import StorageError, get_storage

KINDS = {"teachers": checks.check_teachers, "cpd": check_cpd}  # what `kind` an import may be
MAX_ROWS = 200_000
MAX_PROBLEMS = 10_000


@dataclass
class ImportReport:
    kind: str
    rows: int
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([_("rij"), _("kolom"), _("probleem")])
        writer.writerows((problem.row, neutralise(problem.column), neutralise(problem.message))
                         for problem in self.problems)
        return buffer.getvalue().encode("utf-8-sig")


def read_table(data: bytes, filename: str = ""):
    """A DataFrame of strings from CSV (UTF-8, `,` or `;`) or XLSX (judged by content)."""
    import pandas as pd  # noqa: PLC0415  (heavy: only an import or export loads it)

    if not data:
        raise RegistryError(_l("Het bestand is leeg."), field="file")
    try:
        if data[:4] == b"PK\x03\x04":
            frame = pd.read_excel(io.BytesIO(data), dtype=object, engine="calamine", keep_default_na=False)
        else:
            text = data.decode("utf-8-sig")
            first_line = text.split("\n", 1)[0]
            separator = ";" if first_line.count(";") > first_line.count(",") else ","
            with warnings.catch_warnings():
                # A row with more fields than the header would silently lose its last values.
                warnings.simplefilter("error", pd.errors.ParserWarning)
                frame = pd.read_csv(io.StringIO(text), dtype=object, sep=separator, keep_default_na=False,
                                    skipinitialspace=True, index_col=False)
    except pd.errors.ParserWarning:
        raise RegistryError(_l("Een rij heeft meer waarden dan de kopregel kolommen heeft. Zet aanhalingstekens om een "
                               "waarde met het scheidingsteken erin, zoals \"ballet;jazz\"."), field="file")
    except UnicodeDecodeError:
        raise RegistryError(_l("Het bestand is geen UTF-8-tekst. Sla het op als CSV UTF-8 of als XLSX."),
                            field="file")
    except Exception as exc:  # pandas raises many kinds; all mean "cannot read this"
        raise RegistryError(lazy_text("Dit bestand kan niet worden gelezen als CSV of XLSX (%(error)s).",
                               error=str(exc)[:200]), field="file")
    if len(frame) > MAX_ROWS:
        raise RegistryError(lazy_text(
                "Het bestand heeft meer dan %(n)s rijen. Splits het op.", n=MAX_ROWS), field="file")
    frame.columns = [checks.canonical_column(name) for name in frame.columns]
    frame = frame.reset_index(drop=True)
    # Plain object columns: pandas' string dtype is slower to walk row by row, which the
    # checks do for what cannot be vectorised.
    return frame.fillna("").astype(str).astype(object).apply(lambda column: column.str.strip())


def import_file(data: bytes, filename: str, kind: str, dry_run: bool = False, by=None, progress=None) -> ImportReport:
    """Check every row; write the whole file in one transaction only when all are valid."""
    if kind not in KINDS:
        raise RegistryError(_l("Kies wat er in het bestand staat: docenten of bijscholing."), field="kind")
    frame = read_table(data, filename)
    report = ImportReport(kind=kind, rows=len(frame), dry_run=dry_run)
    step = progress or (lambda stage, done, total: None)
    step("check", 0, len(frame))
    plan = KINDS[kind](frame, report, by)
    step("check", len(frame), len(frame))
    report.problems.sort(key=lambda problem: (problem.row, problem.column))
    del report.problems[MAX_PROBLEMS:]
    if report.problems or dry_run:
        report.created, report.updated, report.unchanged = plan.counts() if plan else (0, 0, 0)
        db.session.rollback()
        return report
    try:
        plan.write(step)
        report.created, report.updated, report.unchanged = plan.counts()
        record_event(f"teacher.import_{kind}", object_type="teacher_import", actor=by, details={
            "rows": len(frame), "created": report.created, "updated": report.updated,
            "unchanged": report.unchanged, "file_sha256": hashlib.sha256(data).hexdigest(), "filename": filename})
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    report.written = True
    return report


def store_report(report: ImportReport) -> str:
    return get_storage(current_app).put(report.as_csv())


def load_report(sha: str) -> bytes | None:
    try:
        with get_storage(current_app).open(sha) as handle:
            data = handle.read()
    except (StorageError, FileNotFoundError):
        return None
    return data if data.startswith(b"\xef\xbb\xbf") else None  # only our own reports, not other stored files


# --- export ---------------------------------------------------------------------------------------------

EXPORT_COLUMNS = ("registration_number", "name", "status", "until", "restriction", "reason_category", "genres",
                  "qualifications", "cpd_on_track", "vog_current", "schools")


def public_rows(batch: int = 1000):
    """Every public registry entry as a plain dict, built by public_entry() (the one rule
    for what is public), in batches so memory stays flat."""
    last_id = 0
    while True:
        teachers = db.session.execute(
            select(Teacher).where(Teacher.id > last_id, Teacher.status.in_(PUBLIC_STATUSES)).order_by(Teacher.id)
            .limit(batch).options(selectinload(Teacher.qualifications), selectinload(Teacher.vog_records),
                                  selectinload(Teacher.cpd_records),
                                  selectinload(Teacher.employments).selectinload(Employment.school))).scalars().all()
        if not teachers:
            return
        for teacher in teachers:
            entry = public_entry(teacher)
            yield {"registration_number": entry.registration_number, "name": entry.name,
                   "status": entry.status.value, "until": entry.until.isoformat() if entry.until else "",
                   "restriction": entry.restriction.value if entry.restriction else "",
                   "reason_category": entry.reason_category.value if entry.reason_category else "",
                   "genres": ";".join(entry.genres),
                   "qualifications": ";".join(kind.value for kind in entry.qualification_kinds),
                   "cpd_on_track": entry.cpd_on_track, "vog_current": entry.vog_current,
                   "schools": ";".join(f"{school.name} ({school.city})" for school in entry.schools)}
        last_id = teachers[-1].id
        db.session.expunge_all()


def export_registry(fmt: str) -> tuple[str, str, bytes]:
    """(filename, mimetype, bytes) of the public registry as CSV or XLSX."""
    import pandas as pd  # noqa: PLC0415  (heavy: only an import or export loads it)


    frame = pd.DataFrame(list(public_rows()), columns=list(EXPORT_COLUMNS)).map(neutralise)
    buffer = io.BytesIO()
    if fmt == "xlsx":
        frame.to_excel(buffer, index=False, sheet_name="docentenregister", engine="openpyxl")
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        buffer.write(frame.to_csv(index=False).encode("utf-8-sig"))
        mimetype = "text/csv"
    return f"docentenregister.{fmt}", mimetype, buffer.getvalue()

