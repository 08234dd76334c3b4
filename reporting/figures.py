"""The sector's figures for one year (recommendations 2.4 and 3.6): counts aggregated over the
schools' filed monitoring reports and the certificates, each table small-cell suppressed
before anything leaves this module, so pages, charts, exports and the API show the same.

`sector_figures(year, threshold, ...)` returns plain data:
{"year", "suppressed_below", "tables": [{"name", "title", "rows", "columns", "cells",
"row_totals", "column_totals", "grand_total", "primary": [[bool]], "unit"}]} where None is hidden.
`unit` is "count", or "percent" / "days" for the rates and medians of `reporting.derived`.
"""

from datetime import UTC, date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from certification.certificates.models import Certificate, CertificateStatus
from certification.teachers.models import Employment, Teacher, TeacherStatus
from certification.teachers.services.common import current_rules
from certification.teachers.services.public import public_cpd_on_track
from compliance.models import Assessment, School
from compliance.review.models import ActionStatus, CorrectiveAction, Decision, Outcome, Recommendation
from compliance.vocabulary import GENRES, SCHOOL_TYPES
from core.dates import add_months, today
from core.extensions import db
from reporting import vocabulary as v
from reporting.derived import median_table, row_percentages
from reporting.models import MonitoringCount, MonitoringReport, PublishedYear, ReportStatus
from reporting.provinces import PROVINCES, province_of
from reporting.suppression import suppress
from standards.vocabulary import localized

FILED = (ReportStatus.submitted, ReportStatus.acknowledged)
STATES = {state.value: {"nl": str(state.label), "en": str(state.label)} for state in CertificateStatus}
COVERAGE = {"certified": {"nl": "Met keurmerk", "en": "Certified"},
            "not_certified": {"nl": "Zonder keurmerk", "en": "Not certified"}}

TEACHER_STATES = {"active": {"nl": "Actief", "en": "Active"},
                  "not_active": {"nl": "Niet (meer) actief", "en": "Not (or no longer) active"}}
CPD_STATES = {"on_track": {"nl": "Bijscholing op schema", "en": "CPD on track"},
              "behind": {"nl": "Bijscholing niet op schema", "en": "CPD not on track"}}
DECISIONS = {"approved": {"nl": "Goedgekeurd", "en": "Approved"}, "rejected": {"nl": "Afgewezen", "en": "Rejected"}}
ACTION_STATES = {"open": {"nl": "Open", "en": "Open"}, "overdue": {"nl": "Te laat", "en": "Overdue"},
                 "closed": {"nl": "Afgesloten", "en": "Closed"}}

TABLES = {
    "reports_by_kind_genre": (_l("Meldingen per soort en dansgenre"), "genre", v.KINDS, GENRES),
    "reports_by_kind_channel": (_l("Meldingen per soort en kanaal waarlangs ze binnenkwamen"), "channel",
                                v.KINDS, v.CHANNELS),
    "follow_up_by_kind": (_l("Opvolging van de meldingen per soort"), "follow_up", v.KINDS, v.FOLLOW_UPS),
    "advisor_contacts": (_l("Contacten met de vertrouwenspersoon per soort en wie er kwam"), "advisor",
                         v.KINDS, v.CONTACT_PERSONS),
    "certificates_by_state": (_l("Certificaten per status en soort organisatie"), None, SCHOOL_TYPES, None),
    "coverage": (_l("Geregistreerde organisaties met en zonder keurmerk"), None, SCHOOL_TYPES, COVERAGE),
    "teachers_by_genre": (_l("Geregistreerde docenten per dansgenre"), None, GENRES, TEACHER_STATES),
    "teachers_cpd": (_l("Geregistreerde docenten per dansgenre: bijscholing op schema of niet"), None, GENRES,
                     CPD_STATES),
    "corrective_actions": (_l("Verbeteracties per soort organisatie"), None, SCHOOL_TYPES, ACTION_STATES),
}
# Rates of a count table: (name, title), placed right after the table they are computed from.
RATES = {
    "follow_up_by_kind": ("follow_up_rates", _l("Opvolging per soort, in procenten van de meldingen van die soort")),
    "teachers_cpd": ("teachers_cpd_share",
                     _l("Aandeel geregistreerde docenten met bijscholing op schema, per dansgenre, in procenten")),
}
DECISION_DAYS = _l("Mediaan aantal dagen van indienen tot besluit, voor beoordelingen besloten in het jaar")


def published_years() -> list[int]:
    return list(db.session.execute(select(PublishedYear.year).order_by(PublishedYear.year)).scalars())


def report_years() -> list[int]:
    return list(db.session.execute(select(MonitoringReport.year).where(MonitoringReport.status.in_(FILED))
                                   .distinct().order_by(MonitoringReport.year)).scalars())


def _school_ids(genre: str | None, school_type: str | None, province: str | None):
    """The schools a filter keeps, or None for all (no filter)."""
    if not (genre or school_type or province):
        return None
    query = select(School.id, School.postcode, School.genres)
    if school_type:
        query = query.where(School.school_type == school_type)
    return [school_id for school_id, postcode, genres in db.session.execute(query)
            if (not genre or genre in (genres or [])) and (not province or province_of(postcode) == province)]


def _count_tables(year: int, ids) -> dict:
    query = (select(MonitoringCount.table, MonitoringCount.kind, MonitoringCount.column,
                    func.sum(MonitoringCount.value))
             .join(MonitoringReport, MonitoringReport.id == MonitoringCount.report_id)
             .where(MonitoringReport.year == year, MonitoringReport.status.in_(FILED))
             .group_by(MonitoringCount.table, MonitoringCount.kind, MonitoringCount.column))
    if ids is not None:
        query = query.where(MonitoringReport.school_id.in_(ids))
    return {(table, kind, column): int(total) for table, kind, column, total in db.session.execute(query)}


def _certificate_tables(year: int, ids) -> dict:
    end = date(year, 12, 31)
    query = (select(School.school_type, Certificate.status, func.count(func.distinct(Certificate.school_id)))
             .join(School, School.id == Certificate.school_id).where(Certificate.issued_on <= end)
             .group_by(School.school_type, Certificate.status))
    schools = select(School.school_type, func.count()).where(School.created_at < datetime(year + 1, 1, 1, tzinfo=UTC))
    certified = (select(School.school_type, func.count(func.distinct(Certificate.school_id)))
                 .join(School, School.id == Certificate.school_id)
                 .where(Certificate.issued_on <= end, Certificate.valid_until >= end,
                        Certificate.status == CertificateStatus.active).group_by(School.school_type))
    if ids is not None:
        query, schools, certified = (q.where(School.id.in_(ids)) for q in (query, schools, certified))
    counts = {("certificates_by_state", kind, status.value): n for kind, status, n in db.session.execute(query)}
    registered = dict(db.session.execute(schools.group_by(School.school_type)).all())
    for kind, n in db.session.execute(certified):
        counts[("coverage", kind, "certified")] = n
    for kind, n in registered.items():
        counts[("coverage", kind, "not_certified")] = max(0, n - counts.get(("coverage", kind, "certified"), 0))
    return counts


def _teacher_and_action_tables(year: int, ids) -> dict:
    """Teachers by genre and whether active now (a teacher counts once in each genre they
    teach); corrective actions by school type: open, overdue (past due and not closed) or closed."""
    end = date(year, 12, 31)
    teachers = select(Teacher.genres, Teacher.status).where(Teacher.status != TeacherStatus.pending)
    actions = (select(School.school_type, CorrectiveAction.status, CorrectiveAction.due_on)
               .join(Assessment, Assessment.id == CorrectiveAction.assessment_id)
               .join(School, School.id == Assessment.school_id)
               .where(CorrectiveAction.status.in_((ActionStatus.open, ActionStatus.reported, ActionStatus.closed)),
                      CorrectiveAction.due_on <= add_months(end, 12)))
    if ids is not None:
        teachers = teachers.where(Teacher.id.in_(select(Employment.teacher_id).where(Employment.school_id.in_(ids))))
        actions = actions.where(School.id.in_(ids))
    counts: dict = {}
    for genres, status in db.session.execute(teachers):
        column = "active" if status is TeacherStatus.active else "not_active"
        for genre in set(genres or []):
            counts[("teachers_by_genre", genre, column)] = counts.get(("teachers_by_genre", genre, column), 0) + 1
    on = today()
    for school_type, status, due_on in db.session.execute(actions):
        column = "closed" if status is ActionStatus.closed else "overdue" if due_on < on else "open"
        key = ("corrective_actions", school_type, column)
        counts[key] = counts.get(key, 0) + 1
    return counts


def _cpd_table(ids) -> dict:
    """Registered teachers (as in teachers_by_genre) per genre, by the register's public answer
    to whether their CPD is on track today (`public_cpd_on_track`: the rule is not repeated here)."""
    rules, on = current_rules(), today()
    teachers = (select(Teacher).where(Teacher.status != TeacherStatus.pending)
                .options(selectinload(Teacher.cpd_records)))
    if ids is not None:
        teachers = teachers.where(Teacher.id.in_(select(Employment.teacher_id).where(Employment.school_id.in_(ids))))
    counts: dict = {}
    for teacher in db.session.execute(teachers).scalars():
        column = "on_track" if public_cpd_on_track(teacher, rules, on) else "behind"
        for genre in set(teacher.genres or []):
            counts[("teachers_cpd", genre, column)] = counts.get(("teachers_cpd", genre, column), 0) + 1
    return counts


def _decision_days(year: int, ids) -> dict:
    """Whole days from the assessment's submission to the confirmed decision, for decisions
    taken in `year`: {(school type, approved | rejected): [days]}."""
    query = (select(School.school_type, Recommendation.outcome, Assessment.submitted_at, Recommendation.decided_at)
             .join(Assessment, Assessment.id == Recommendation.assessment_id)
             .join(School, School.id == Assessment.school_id)
             .where(Recommendation.decision == Decision.confirmed, Assessment.submitted_at.is_not(None),
                    Recommendation.decided_at >= datetime(year, 1, 1, tzinfo=UTC),
                    Recommendation.decided_at < datetime(year + 1, 1, 1, tzinfo=UTC)))
    if ids is not None:
        query = query.where(School.id.in_(ids))
    samples: dict = {}
    for school_type, outcome, submitted_at, decided_at in db.session.execute(query):
        key = (school_type, "rejected" if outcome is Outcome.reject else "approved")
        samples.setdefault(key, []).append(max(0, (decided_at - submitted_at).days))
    return samples


def _table(name: str, counts: dict, key: str, row_vocab: dict, column_vocab: dict, threshold: int, lang) -> dict:
    title, _source, _rows, _columns = TABLES[name]
    rows = [code for code in row_vocab if any(counts.get((key, code, column)) for column in column_vocab)]
    columns = [code for code in column_vocab if any(counts.get((key, row, code)) for row in row_vocab)]
    rows, columns = rows or list(row_vocab)[:1], columns or list(column_vocab)[:1]
    result = suppress([[counts.get((key, row, column), 0) for column in columns] for row in rows], threshold)
    return {"name": name, "title": str(title), "unit": "count",
            "rows": [localized(row_vocab[code], lang) for code in rows],
            "columns": [localized(column_vocab[code], lang) for code in columns],
            "cells": result.public_cells(), "row_totals": result.public_row_totals(),
            "column_totals": result.public_column_totals(), "grand_total": result.public_grand_total(),
            "primary": [[result.primary[i][j] for j in range(len(columns) + 1)] for i in range(len(rows) + 1)]}


def sector_figures(year: int, threshold: int, *, genre: str | None = None, school_type: str | None = None,
                   province: str | None = None, lang: str | None = None) -> dict:
    """One year's figures, suppressed (see the module docstring)."""
    ids = _school_ids(genre, school_type, province)
    counts = _count_tables(year, ids) if ids is None or ids else {}
    samples = {}
    if ids is None or ids:
        counts.update(_certificate_tables(year, ids))
        counts.update(_teacher_and_action_tables(year, ids))
        counts.update(_cpd_table(ids))
        samples = _decision_days(year, ids)
    tables = []
    for name, (_title, source, row_vocab, column_vocab) in TABLES.items():
        key = source or name
        columns = column_vocab if column_vocab is not None else STATES
        tables.append(_table(name, counts, key, row_vocab, columns, threshold, lang))
        if name in RATES:
            tables.append(row_percentages(tables[-1], RATES[name][0], str(RATES[name][1])))
    tables.append(median_table("decision_days", str(DECISION_DAYS), samples, SCHOOL_TYPES, DECISIONS, threshold,
                               lambda text: localized(text, lang)))
    return {"year": year, "suppressed_below": threshold, "tables": tables}


FILTERS = {"genre": GENRES, "school_type": SCHOOL_TYPES, "province": PROVINCES}
