"""Domain events of the certificates package (`core.events.Event`), for packages above it.
All are sent in the sender's transaction; receivers work in it and do not commit.
"""

from core.events import Event

monitoring_form = Event("certificates.monitoring-form", """
A question, sent by `flask certificates daily` for a live certificate whose annual
monitoring report is due within the reminder window. Sender: the certificate; keyword `due`
(the due date). A receiver (the `reporting` package) opens the school's report form for that
due date if there is none yet, in the daily job's transaction, and returns its state:

- `"open"`: the school has a form and has not filed it yet;
- `"filed"`: the school submitted it.

Nobody answering means there is no form the school could file: the daily job then neither
reminds nor suspends (a school may never be suspended for a report it had no form for).""")

certificate_issued = Event("certificates.certificate-issued", """
A certificate was issued: the school enters the public register (or its entry shows the
new certificate) and now counts as certified. Sender: the Certificate. In the transaction.
Connected by `registry` (the school's entry and its teachers' entries).""")

certificate_status_changed = Event("certificates.certificate-status-changed", """
A certificate took a step in its lifecycle (suspended, reinstated, revoked, expired).
Sender: the Certificate; keywords `old` and `new` (CertificateStatus). In the transaction.
Connected by `registry` (when the school starts or stops counting as certified, its
teachers' entries follow).""")

daily_run_finished = Event("certificates.daily-run-finished", """
Sent at the end of `flask certificates daily`, after its last batch is committed. Sender:
the run's report. In the (new) transaction that the daily job then commits. Connected by
`registry` (tidies the search index).""")

FORM_OPEN = "open"
FORM_FILED = "filed"


def monitoring_form_state(certificate, due) -> str | None:
    """The first answer of the receivers of `monitoring_form`, or None when nobody has a form."""
    answers = [value for value in monitoring_form.send(certificate, due=due) if value]
    return answers[0] if answers else None
