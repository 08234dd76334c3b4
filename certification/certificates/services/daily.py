"""`flask certificates daily`: what time does to certificates, run once a day from cron.

- expires certificates whose last valid day has passed;
- ends suspensions whose end date has passed;
- e-mails the school 90 and 30 days before expiry;
- opens the renewal window the plan sets (`renewal_window_months` before expiry);
- opens the annual monitoring report's form (through the `monitoring_form` event) 30 days
  before it is due, reminds the school then, warns on the due day, and suspends (with notice)
  only when the school had a form, was warned, and has not filed past the plan's grace days;
- lists the certified schools that teach minors without an active teacher of minors, and
  tells the admins (`drift.report_schools_without_active_teacher`).

Each certificate's work is marked on its row, so a second run (or a second node at the same
time: rows are claimed with FOR UPDATE SKIP LOCKED) does nothing twice.
"""

from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from certification.certificates.credentials import verification_url
from certification.certificates.drift import report_schools_without_active_teacher
from certification.certificates.models import Certificate, CertificateStatus, ReasonCategory
from certification.certificates.services.common import notify_school
from certification.certificates.services.lifecycle import change_status
from certification.certificates.signals import FORM_OPEN, daily_run_finished, monitoring_form_state
from core.audit import record_event
from core.dates import add_months, today
from core.extensions import db
from core.i18n import lazy_plural, lazy_text

BATCH = 200
EXPIRY_NOTICE_DAYS = (90, 30)
MONITORING_REMINDER_DAYS = 30


@dataclass
class DailyReport:
    expired: int = 0
    suspensions_ended: int = 0
    expiry_notices: int = 0
    renewals_opened: int = 0
    monitoring_reminders: int = 0
    suspended_overdue: int = 0
    # Certified schools teaching minors without an active teacher of minors: (id, name).
    without_active_teacher: list = field(default_factory=list)

    def __str__(self) -> str:
        return ", ".join(f"{item.name.replace('_', ' ')}: {_count(getattr(self, item.name))}" for item in fields(self))


def _count(value) -> int:
    return len(value) if isinstance(value, list) else value


def _expire(certificate: Certificate, on: date, report: DailyReport) -> None:
    # It expired the day after its last valid day, whenever the job notices.
    change_status(certificate, "expire", None,
                  on=min(on, certificate.valid_until + timedelta(days=1)),
                  details={"valid_until": certificate.valid_until.isoformat()})
    notify_school(certificate, lazy_text(
            "Jullie certificaat %(number)s is verlopen", number=certificate.number), "expired",
                  url=verification_url(certificate.number))
    report.expired += 1


def _end_suspension(certificate: Certificate, on: date, report: DailyReport) -> None:
    change_status(certificate, "reinstate", None, on=on,
                  details={"automatic": True, "suspended_until": certificate.suspended_until.isoformat()})
    notify_school(certificate, lazy_text("Jullie certificaat %(number)s is weer geldig", number=certificate.number),
                  "reinstated", url=verification_url(certificate.number))
    report.suspensions_ended += 1


def _expiry_notice(certificate: Certificate, on: date, report: DailyReport) -> None:
    days_left = (certificate.valid_until - on).days
    due = [days for days in EXPIRY_NOTICE_DAYS if days_left <= days]
    if not due or (certificate.expiry_notice_days is not None and certificate.expiry_notice_days <= min(due)):
        return
    certificate.expiry_notice_days = min(due)
    notify_school(certificate, lazy_plural("Jullie certificaat %(number)s verloopt over %(num)d dag",
                                           "Jullie certificaat %(number)s verloopt over %(num)d dagen", days_left,
                                           number=certificate.number), "expiring", days=days_left)
    record_event("certificate.expiry_notice", certificate, details={"number": certificate.number,
                                                                  "days_left": days_left})
    report.expiry_notices += 1


def renewal_opens_on(certificate: Certificate) -> date:
    return add_months(certificate.valid_until + timedelta(days=1), -certificate.plan.rules.renewal_window_months)


def _open_renewal(certificate: Certificate, on: date, report: DailyReport) -> None:
    if certificate.renewal_opened_on is not None or on < renewal_opens_on(certificate):
        return
    certificate.renewal_opened_on = on
    notify_school(certificate, _l("Vraag nu de verlenging van jullie keurmerk aan"), "renewal_open")
    record_event("certificate.renewal_opened", certificate, details={"number": certificate.number})
    report.renewals_opened += 1


def _monitoring(certificate: Certificate, on: date, report: DailyReport) -> None:
    due = certificate.monitoring_due_on
    if due is None or due > certificate.valid_until:
        return  # no report in the certificate's last year: the renewal takes its place
    if on < due - timedelta(days=MONITORING_REMINDER_DAYS):
        return
    if monitoring_form_state(certificate, due) != FORM_OPEN:
        return  # filed already, or no form the school could file: nothing to remind of, no suspension
    grace = certificate.plan.rules.monitoring.grace_days
    if on > due + timedelta(days=grace) and certificate.monitoring_warned_for == due:
        change_status(certificate, "suspend", None, on=on,
                      reason=ReasonCategory.monitoring_overdue, details={"monitoring_due_on": due.isoformat()})
        notify_school(certificate, lazy_text("Jullie certificaat %(number)s is geschorst", number=certificate.number),
                      "suspended", reason=ReasonCategory.monitoring_overdue, until=None,
                      url=verification_url(certificate.number))
        report.suspended_overdue += 1
    elif on >= due and certificate.monitoring_warned_for != due:
        certificate.monitoring_warned_for = due
        notify_school(certificate, _l("De jaarlijkse rapportage is nu nodig"), "monitoring_due", due=due,
                      grace_until=due + timedelta(days=grace), overdue=True)
        record_event("certificate.monitoring_warned", certificate, details={"number": certificate.number,
                                                                           "due_on": due.isoformat()})
        report.monitoring_reminders += 1
    elif on < due and certificate.monitoring_reminded_for != due:
        certificate.monitoring_reminded_for = due
        notify_school(certificate, _l("Herinnering: de jaarlijkse rapportage"), "monitoring_due", due=due,
                      grace_until=due + timedelta(days=grace), overdue=False)
        record_event("certificate.monitoring_reminded", certificate, details={"number": certificate.number,
                                                                             "due_on": due.isoformat()})
        report.monitoring_reminders += 1


def run_daily(on: date | None = None) -> DailyReport:
    on, report, last_id = on or today(), DailyReport(), 0
    live = (CertificateStatus.active, CertificateStatus.suspended)
    while True:
        batch = db.session.execute(
            select(Certificate).where(Certificate.id > last_id, Certificate.status.in_(live))
            .order_by(Certificate.id).limit(BATCH)
            .options(joinedload(Certificate.plan), joinedload(Certificate.school),
                     joinedload(Certificate.revocation_list), joinedload(Certificate.suspension_list))
            .with_for_update(skip_locked=True, of=Certificate)).scalars().all()
        if not batch:
            report.without_active_teacher = [(school.id, school.name)
                                             for school in report_schools_without_active_teacher(on)]
            daily_run_finished.send(report)
            db.session.commit()
            return report
        for certificate in batch:
            if certificate.valid_until < on:
                _expire(certificate, on, report)
                continue
            if (certificate.status is CertificateStatus.suspended and certificate.suspended_until is not None
                    and certificate.suspended_until < on):
                _end_suspension(certificate, on, report)
            if certificate.status is CertificateStatus.active:
                _expiry_notice(certificate, on, report)
                _open_renewal(certificate, on, report)
                _monitoring(certificate, on, report)
        last_id = batch[-1].id
        db.session.commit()
