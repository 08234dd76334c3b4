"""Issuing a certificate when an assessment is approved."""

from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from certification.certificates.credentials import verification_url
from certification.certificates.errors import CertificateError
from certification.certificates.listing import school_is_publicly_listed
from certification.certificates.models import Certificate, CertificateCounter, CertificateStatus
from certification.certificates.services.common import notify_school, write_change
from certification.certificates.signals import certificate_issued
from certification.certificates.status_lists import assign_status_index
from compliance.gates import describe, unmet_profile_gates
from compliance.models import Assessment, AssessmentStatus, School
from compliance.review.services.outcome import certificate_blockers, describe_blockers
from compliance.signals import statement_approved, statement_under_review
from core.audit import record_event
from core.dates import add_months, today
from core.extensions import db
from core.i18n import lazy_text

MAX_SERIAL = 99_999
MAX_CONDITION_CHARS = 2000
_ALREADY = _l("Voor deze beoordeling is al een certificaat uitgegeven.")


def next_number(year: int) -> str:
    """The next number of `year`, DV-<year>-<5 digits>. The year's counter row is locked
    (SELECT ... FOR UPDATE on PostgreSQL) until the transaction ends, so concurrent
    issuances queue here and never share a number; a number is never handed out twice,
    because the counter only goes up and certificates are never deleted."""
    session = db.session
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(CertificateCounter).values(year=year, last=0)
                    .on_conflict_do_nothing(index_elements=["year"]))
    counter = session.execute(select(CertificateCounter).where(CertificateCounter.year == year).with_for_update()
                              .execution_options(populate_existing=True)).scalar_one()
    if counter.last >= MAX_SERIAL:
        raise CertificateError(lazy_text("Alle certificaatnummers van %(year)s zijn op.", year=year))
    counter.last += 1
    session.flush()
    return f"DV-{year}-{counter.last:05d}"


def _scope(school: School) -> list[dict]:
    """The locations the certificate covers, frozen as they are today."""
    if school.locations:
        return [{"id": location.id, "name": location.name, "address": location.address,
                 "postcode": location.postcode, "city": location.city} for location in school.locations]
    return [{"id": None, "name": school.name, "address": f"{school.street} {school.house_number}",
             "postcode": school.postcode, "city": school.city}]


def _clean_conditions(conditions) -> list[dict]:
    """[{"text": ..., "due_on": "YYYY-MM-DD"?, "criterion": "B2"?}]; "description" is read as
    "text" too. Other keys are kept as they are (JSON-safe)."""
    cleaned = []
    for item in conditions or []:
        if not isinstance(item, dict):
            raise CertificateError(_l("Een voorwaarde moet een tekst hebben."))
        text = str(item.get("text") or item.get("description") or "").strip()
        if not text:
            raise CertificateError(_l("Een voorwaarde moet een tekst hebben."))
        if len(text) > MAX_CONDITION_CHARS:
            raise CertificateError(lazy_text("Een voorwaarde is hoogstens %(n)s tekens.", n=MAX_CONDITION_CHARS))
        entry = {key: value for key, value in item.items() if key != "description"}
        entry["text"] = text
        due = entry.get("due_on")
        if isinstance(due, date):
            entry["due_on"] = due.isoformat()
        elif due is not None:
            try:
                entry["due_on"] = date.fromisoformat(str(due)).isoformat()
            except ValueError:
                raise CertificateError(_l("De termijn van een voorwaarde is geen datum."))
        cleaned.append({key: value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
                        for key, value in entry.items()})
    return cleaned


def require_gates(assessment: Assessment, conditions: list[dict]) -> None:
    """The gates before a certificate, whoever calls: the verdicts meet the pass rules, or
    every failing criterion may be settled by a condition (a corrective action with a
    deadline, `{"criterion": code, "due_on": ...}`) by the rules of the assessment's plan;
    and the school's profile meets the plan's preconditions today."""
    ids = {answer.criterion.code: answer.criterion_id for answer in assessment.answers}
    covered = {ids[item["criterion"]] for item in conditions
               if item.get("criterion") in ids and item.get("due_on")}
    blockers = certificate_blockers(assessment, covered)
    if blockers:
        raise CertificateError(lazy_text("Geen certificaat: %(why)s", why=describe_blockers(blockers)))
    gates = unmet_profile_gates(assessment.school, assessment.plan)
    if gates:
        # gettext, not a lazy string: names of locations and teachers are typed by users.
        raise CertificateError(_("Geen certificaat: het profiel van de school voldoet nog niet aan het "
                                 "kwaliteitsplan: %(what)s", what=describe(gates)))


def _has_certificate(assessment_id: int) -> bool:
    return db.session.execute(select(Certificate.id).where(Certificate.assessment_id == assessment_id)
                              ).first() is not None


def issue_certificate(assessment: Assessment, by, conditions: list[dict] | None = None, *,
                      on: date | None = None) -> Certificate:
    """Issue the certificate of an approved assessment, in the caller's transaction: the
    approval and its certificate commit together, or neither does. Does NOT commit.

    Valid from `on` (today) for the plan's `certificate_validity_months`; the first annual
    monitoring report is due `monitoring.interval_months` later. Refused for an assessment
    that is not approved, or that already has a certificate (also enforced by a unique
    constraint, so two approvals can never produce two certificates), and while a gate
    before a certificate is unmet (`require_gates`). After a CertificateError from the
    database the transaction has been rolled back.
    """
    if assessment.status is not AssessmentStatus.approved:
        raise CertificateError(_l("Alleen een goedgekeurde beoordeling krijgt een certificaat."))
    on = on or today()
    cleaned = _clean_conditions(conditions)
    require_gates(assessment, cleaned)
    number = next_number(on.year)  # takes the year's lock first, so the check below sees
    if _has_certificate(assessment.id):  # a certificate another transaction just committed
        raise CertificateError(_ALREADY)
    rules = assessment.plan.rules
    certificate = Certificate(
        number=number, school=assessment.school, assessment=assessment, plan=assessment.plan,
        scope=_scope(assessment.school), issued_on=on,
        valid_until=add_months(on, rules.certificate_validity_months) - timedelta(days=1),
        conditions=cleaned, issued_by_id=getattr(by, "id", None), status=CertificateStatus.active,
        status_changed_on=on, monitoring_due_on=add_months(on, rules.monitoring.interval_months))
    assign_status_index(certificate)
    db.session.add(certificate)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise CertificateError(_ALREADY)
    write_change(certificate, None, by, "certificate.issued", details={
        "assessment_id": assessment.id, "plan": f"{assessment.plan.code} {assessment.plan.version}",
        "issued_on": on.isoformat(), "valid_until": certificate.valid_until.isoformat(),
        "conditions": len(cleaned), "locations": len(certificate.scope)})
    notify_school(certificate, lazy_text("Jullie keurmerk: certificaat %(number)s", number=number), "issued",
                  url=verification_url(number))
    certificate_issued.send(certificate)
    return certificate


def _follow_approved_statement(change, **_extra) -> None:
    """An admin approved a change to what the school states: its live certificates cover
    what was approved (name, address, locations), in the same transaction."""
    live = (CertificateStatus.active, CertificateStatus.suspended)
    for certificate in db.session.execute(select(Certificate).where(
            Certificate.school_id == change.school_id, Certificate.status.in_(live))).scalars():
        certificate.scope = _scope(change.school)
        record_event("certificate.scope_updated", certificate, details={
            "number": certificate.number, "change_request_id": change.id, "locations": len(certificate.scope)})


def connect_statement_changes() -> None:
    """What a certified school states is reviewed: changes wait for an admin (compliance
    keeps the requests; certification says which schools are certified and follows)."""
    statement_under_review.connect(school_is_publicly_listed)
    statement_approved.connect(_follow_approved_statement)
