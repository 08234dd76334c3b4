"""The annual monitoring report's due date (recommendations 2.4 and 3.6).

The certificate stores when the next report is due; the `reporting` package holds the form
and calls these when a report is filed and acknowledged.
"""

from datetime import date

from flask_babel import lazy_gettext as _l

from certification.certificates.credentials import verification_url
from certification.certificates.errors import CertificateError
from certification.certificates.models import Certificate, CertificateStatus, ReasonCategory
from certification.certificates.services.common import locked, notify_school
from certification.certificates.services.lifecycle import change_status
from core.audit import record_event
from core.dates import add_months, today
from core.i18n import lazy_text


def record_monitoring_report(certificate: Certificate, by, on: date | None = None) -> date:
    """The school filed the report that was due: the next one is due one monitoring interval
    later. Joins the caller's transaction (the report's own service commits both); returns
    the new due date. Lifting a suspension for a late report stays an admin's decision."""
    certificate = locked(certificate)
    if certificate.status.is_final or certificate.monitoring_due_on is None:
        raise CertificateError(_l("Voor dit certificaat is geen jaarlijkse rapportage meer nodig."))
    filed_for = certificate.monitoring_due_on
    certificate.monitoring_due_on = add_months(filed_for, certificate.plan.rules.monitoring.interval_months)
    record_event("certificate.monitoring_received", certificate, actor=by, details={
        "number": certificate.number, "due_on": filed_for.isoformat(), "received_on": (on or today()).isoformat(),
        "next_due_on": certificate.monitoring_due_on.isoformat()})
    return certificate.monitoring_due_on


def lift_monitoring_suspension(certificate: Certificate, by) -> bool:
    """The overdue report was submitted and acknowledged: a suspension for that reason (and
    only for that reason) ends. Joins the caller's transaction; True when it was lifted."""
    certificate = locked(certificate)
    if (certificate.status is not CertificateStatus.suspended
            or certificate.reason_category is not ReasonCategory.monitoring_overdue
            or certificate.valid_until < today()):
        return False
    change_status(certificate, "reinstate", by,
                  details={"automatic": True, "monitoring_report_acknowledged": True})
    notify_school(certificate, lazy_text("Jullie certificaat %(number)s is weer geldig", number=certificate.number),
                  "reinstated", url=verification_url(certificate.number))
    return True
