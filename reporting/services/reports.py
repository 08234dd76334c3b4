"""The school's annual monitoring report: opened for each certified school when it comes due,
filled in over several visits, checked, submitted (recommendations 2.4, 3.6, 5.3).

Every service guards the state, changes rows, writes the audit event and commits.
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from certification.certificates.models import Certificate
from certification.certificates.services import record_monitoring_report
from certification.certificates.signals import FORM_FILED, FORM_OPEN
from core.audit import record_event
from core.dates import add_months, today
from core.extensions import db
from core.i18n import lazy_text
from core.lifecycle import may, transition
from core.models import utcnow
from reporting import vocabulary as v
from reporting.errors import ReportError, ReportInvalid
from reporting.models import MonitoringAnswer, MonitoringCount, MonitoringReport, ReportStatus
from reporting.privacy import describe, find_personal_data
from standards.vocabulary import localized

MAX_COUNT = 100_000
MAX_TEXT = 4000


def reporting_year(certificate: Certificate, due: date) -> int:
    """The year a report is counted in: the twelve months before its due date start in it."""
    return add_months(due, -certificate.plan.rules.monitoring.interval_months).year


def open_report(certificate: Certificate, due: date | None = None, on: date | None = None) -> MonitoringReport:
    """The report form for the certificate's due date, made if there is none (joins the
    caller's transaction: the daily job's, or the demo's)."""
    due = due or certificate.monitoring_due_on
    report = db.session.execute(select(MonitoringReport).where(
        MonitoringReport.certificate_id == certificate.id, MonitoringReport.due_on == due)).scalar_one_or_none()
    if report is None:
        report = MonitoringReport(school_id=certificate.school_id, certificate=certificate, due_on=due,
                                  year=reporting_year(certificate, due), vocabulary_version=v.VERSION,
                                  status=ReportStatus.open, opened_on=on or today())
        db.session.add(report)
        db.session.flush()
        record_event("monitoring_report.opened", report, details={"school_id": certificate.school_id,
                                                                  "due_on": due.isoformat(), "year": report.year})
    return report


def form_state(certificate: Certificate, due: date, **_) -> str:
    """Receiver of certification's `monitoring_form` event: open the form, say whether it is filed."""
    report = open_report(certificate, due)
    return FORM_FILED if report.status.is_filed else FORM_OPEN


def columns_for(report: MonitoringReport, table: str) -> dict:
    """The columns a school fills in: for genres the school's own (and any it counted before)."""
    vocabulary = v.COUNT_TABLES[table]
    if table != "genre":
        return vocabulary
    used = {row.column for row in report.counts if row.table == "genre"}
    wanted = set(report.school.genres or []) | used or {"other"}
    return {code: label for code, label in vocabulary.items() if code in wanted}


def _check_counts(report: MonitoringReport, counts: dict) -> tuple[dict, dict]:
    errors, clean = {}, {}
    for (table, kind, column), value in counts.items():
        name = f"{table}-{kind}-{column}"
        if table not in v.COUNT_TABLES or kind not in v.KINDS or column not in v.COUNT_TABLES[table]:
            continue  # not a cell of this vocabulary: ignored, never stored
        if value is None or value == "":
            value = 0
        try:
            number = int(str(value).strip())
        except ValueError:
            errors[name] = _l("Vul een heel getal in (0 of meer).")
            continue
        if number < 0 or number > MAX_COUNT:
            errors[name] = _l("Vul een heel getal in (0 of meer).")
            continue
        clean[(table, kind, column)] = number
    if not errors:
        for kind in v.KINDS:
            totals = {table: sum(n for (t, k, _c), n in clean.items() if t == table and k == kind)
                      for table in v.CONSISTENT_TABLES}
            if len(set(totals.values())) > 1:
                errors[f"total-{kind}"] = lazy_text(
                    "De aantallen voor ‘%(kind)s’ kloppen niet met elkaar: %(genre)s per genre, %(channel)s per "
                    "kanaal en %(follow_up)s bij de opvolging. Elke melding telt één keer mee in elke tabel.",
                    kind=localized(v.KINDS[kind]), **totals)
    return clean, errors


def _check_answers(answers: dict) -> tuple[dict, dict]:
    errors, clean = {}, {}
    for field in v.YES_NO_FIELDS:
        value = (answers.get(field) or "").strip()
        if value not in ("", "yes", "no"):
            errors[field] = _l("Kies ja of nee.")
        elif value:
            clean[field] = value
    for field in v.NUMBER_FIELDS:
        value = (answers.get(field) or "").strip().rstrip("%").strip()
        if value:
            if not value.isdigit() or int(value) > 100:
                errors[field] = _l("Vul een percentage in van 0 tot en met 100.")
            else:
                clean[field] = str(int(value))
    for field in v.TEXT_FIELDS:
        value = (answers.get(field) or "").strip()
        if len(value) > MAX_TEXT:
            errors[field] = lazy_text("Houd het korter: hoogstens %(max)s tekens.", max=MAX_TEXT)
        elif found := find_personal_data(value):
            errors[field] = describe(found)
        elif value:
            clean[field] = value
    return clean, errors


def save_report(report: MonitoringReport, counts: dict, answers: dict, by) -> MonitoringReport:
    """Save what the school filled in so far. Refuses (ReportInvalid, nothing saved) free text
    with personal data and counts that contradict each other; the form keeps what was typed."""
    if not report.status.is_editable:
        raise ReportError(_l("Dit verslag is ingediend en kan nu niet worden gewijzigd."))
    clean_counts, count_errors = _check_counts(report, counts)
    clean_answers, answer_errors = _check_answers(answers)
    if count_errors or answer_errors:
        raise ReportInvalid({**count_errors, **answer_errors})
    report.counts = [MonitoringCount(table=t, kind=k, column=c, value=n)
                     for (t, k, c), n in sorted(clean_counts.items()) if n]
    report.answers = [MonitoringAnswer(field=field, value=value) for field, value in sorted(clean_answers.items())]
    report.updated_at = utcnow()
    record_event("monitoring_report.saved", report, actor=by, details={"school_id": report.school_id})
    db.session.commit()
    return report


def missing_for_submission(report: MonitoringReport) -> list[str]:
    """The yes/no measures still unanswered (counts may all be 0: a year without reports)."""
    answers = report.answer_map()
    return [field for field in v.YES_NO_FIELDS if field not in answers]


def submit_report(report: MonitoringReport, by) -> MonitoringReport:
    """Hand the report in. The first submission files the year's report on the certificate
    (the next one is due a year later); after questions it goes back to the assessor."""
    if missing_for_submission(report):
        raise ReportError(_l("Beantwoord eerst alle ja/nee-vragen over de maatregelen."))
    first = report.status is ReportStatus.open
    if not may(report, "submit"):
        _not_now()
    if first and report.certificate.monitoring_due_on == report.due_on and not report.certificate.status.is_final:
        record_monitoring_report(report.certificate, by)
    transition(report, "submit", by)
    db.session.commit()
    return report


def _not_now():
    raise ReportError(_l("Dit verslag is al ingediend."))
