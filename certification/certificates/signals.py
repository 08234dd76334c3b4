"""Domain events of the certificates package (blinker), for packages above it.

`monitoring_form` is sent by `flask certificates daily` for a live certificate whose annual
monitoring report is due within the reminder window (sender: the certificate; keyword: `due`,
the due date). A receiver (the `reporting` package) opens the school's report form for that
due date if there is none yet, in the daily job's transaction, and returns its state:

- `"open"`: the school has a form and has not filed it yet;
- `"filed"`: the school submitted it.

Nobody answering means there is no form the school could file: the daily job then neither
reminds nor suspends (a school may never be suspended for a report it had no form for).
"""

from blinker import Namespace

_signals = Namespace()

monitoring_form = _signals.signal("monitoring-form")

FORM_OPEN = "open"
FORM_FILED = "filed"


def monitoring_form_state(certificate, due) -> str | None:
    """The first answer of the receivers of `monitoring_form`, or None when nobody has a form."""
    answers = [value for _receiver, value in monitoring_form.send(certificate, due=due) if value]
    return answers[0] if answers else None
