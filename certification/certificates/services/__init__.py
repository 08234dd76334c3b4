"""The certificates' rules and transactions. Views, the API, the CLI and the review
workflow call these; each change writes a CertificateEvent and an audit event, queues the
school's e-mail and commits, except `issue_certificate`, which joins the approval's
transaction.

    issue_certificate(assessment, by, conditions=None) -> Certificate   (does not commit)
    suspend_certificate(certificate, by, reason_category, note, until=None)
    reinstate_certificate(certificate, by, note="")
    request_revocation(certificate, by, reason_category, note) -> PendingRevocation
    confirm_revocation(pending, by) -> Certificate
    cancel_revocation(pending, by)
    record_monitoring_report(certificate, by, on=None)
    run_daily(on=None) -> DailyReport
"""

from certification.certificates.errors import CertificateError, InvalidCertificateTransition
from certification.certificates.services.daily import DailyReport, run_daily
from certification.certificates.services.issuing import issue_certificate, next_number
from certification.certificates.services.lifecycle import (
    cancel_revocation,
    confirm_revocation,
    offered_actions,
    reinstate_certificate,
    request_revocation,
    suspend_certificate,
)
from certification.certificates.services.monitoring import lift_monitoring_suspension, record_monitoring_report
from certification.certificates.services.reading import (
    NUMBER_PATTERN,
    certificates_for_school,
    find_certificate,
    list_certificates,
    load_certificate,
    normalise_number,
    open_revocation,
    renewal_is_open,
)

__all__ = [
    "NUMBER_PATTERN", "CertificateError", "DailyReport", "InvalidCertificateTransition", "cancel_revocation",
    "certificates_for_school", "confirm_revocation", "find_certificate", "issue_certificate", "list_certificates",
    "load_certificate", "next_number", "normalise_number", "open_revocation", "record_monitoring_report",
    "lift_monitoring_suspension", "offered_actions",
    "reinstate_certificate", "renewal_is_open", "request_revocation", "run_daily", "suspend_certificate",
]
