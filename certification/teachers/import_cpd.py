"""The checks and the write plan of a CPD import (`flask registry import FILE --kind cpd`, the admin's
upload): each row names a teacher (registration number or e-mail), an activity, its points,
category and date. The column checks it shares with the teachers' import live in
`import_checks`."""

from flask_babel import lazy_gettext as _l

from certification.teachers.bulk import bulk_insert
from certification.teachers.import_checks import (
    code_map,
    dates,
    duplicates,
    flag,
    folded,
    formulas,
    lengths,
    lookup,
    require_columns,
    rows_for,
)
from certification.teachers.models import CpdRecord, Review, Teacher
from certification.teachers.services.lifecycle import refresh_in_transaction
from core.extensions import db
from core.i18n import lazy_text
from core.models import utcnow
from standards.vocabulary import CPD_CATEGORIES


class CpdPlan:
    def __init__(self, by):
        self.by, self.rows, self.unchanged = by, [], 0

    def counts(self):
        return len(self.rows), 0, self.unchanged

    def write(self, step):
        bulk_insert(db.session.connection(), CpdRecord.__table__, self.rows)
        step("write", len(self.rows), len(self.rows))

        refresh_in_transaction({row["teacher_id"] for row in self.rows}, actor=self.by)


def check_cpd(frame, report, by):
    import pandas as pd  # noqa: PLC0415  (pandas is heavy; loaded only when a file is imported)

    if not require_columns(frame, report, ("title", "points", "category", "completed_on")):
        return None
    if "registration_number" not in frame.columns and "email" not in frame.columns:
        require_columns(frame, report, ("registration_number",))
        return None
    empty = pd.Series("", index=frame.index)
    number = frame.get("registration_number", empty).str.upper().str.replace(r"\s", "", regex=True)
    email = frame.get("email", empty).str.lower()
    by_number = lookup(Teacher.registration_number, number)
    by_email = lookup(Teacher.email, email)
    teacher_id = pd.Series([by_number[n][0] if n in by_number else (by_email[e][0] if e in by_email else None)
                            for n, e in zip(number.tolist(), email.tolist(), strict=True)], index=frame.index,
                           dtype=object)
    flag(report, frame, teacher_id.isna(), "registration_number" if "registration_number" in frame.columns
          else "email", _l("Geen docent met dit registratienummer of e-mailadres in het register."))
    lengths(frame, report, {"title": 200, "provider": 200}, required=("title",))
    formulas(frame, report, ("title", "provider"))
    points = pd.to_numeric(frame["points"], errors="coerce")
    flag(report, frame, points.isna() | (points % 1 != 0) | (points < 1) | (points > 100), "points",
          _l("Geen heel getal van 1 tot en met 100."))
    categories = code_map(CPD_CATEGORIES)
    category = pd.Series([categories.get(folded(text)) for text in frame["category"].tolist()], index=frame.index,
                         dtype=object)
    flag(report, frame, category.isna(), "category", lazy_text("Onbekende categorie. Kies uit: %(known)s.",
                                                         known=", ".join(CPD_CATEGORIES)))
    completed = dates(frame, report, "completed_on", required=True)
    provider = frame.get("provider", empty)
    keys = (teacher_id.astype(str) + "|" + frame["title"] + "|" + provider + "|" + completed.astype(str)).rename("k")
    duplicates(frame, report, keys, "title", _l("Deze activiteit van deze docent op deze datum"))
    plan = CpdPlan(by)
    if report.problems:
        return plan
    existing = {(row.teacher_id, row.title, row.provider, row.completed_on)
                for row in rows_for(CpdRecord, [int(t) for t in teacher_id])}
    now, reviewer = utcnow(), getattr(by, "id", None)
    for tid, title, prov, pts, cat, day in zip(teacher_id.tolist(), frame["title"].tolist(), provider.tolist(),
                                               points.tolist(), category.tolist(), completed.tolist(), strict=True):
        record = (int(tid), title, prov, day.date())
        if record in existing:
            plan.unchanged += 1
            continue
        plan.rows.append({"teacher_id": int(tid), "title": title, "provider": prov, "points": int(pts),
                          "category": cat, "completed_on": day.date(), "review": Review.approved,
                          "reviewed_by_id": reviewer, "reviewed_at": now, "created_at": now})
    return plan
