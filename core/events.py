"""Domain events: how a package tells the packages above it that something happened (or asks
them a question) without importing them. One way for the whole house (see ARCHITECTURE.md).

An event is declared in the `signals.py` of the package that sends it, with a docstring that
says who sends it, the sender, the keywords, and whether receivers act in the sender's
transaction:

    school_changed = Event("compliance.school-changed", '''...''')

A package above connects its receivers in its `init_app(app)`:

    school_changed.connect(refresh_registers)                   # in the sender's transaction
    assessment_submitted.connect(tell_admins, after_commit=True)  # only once it is committed

- **In the transaction** (the default): the receiver runs inside `send()`, in the caller's
  database transaction, and must not commit. Use it where the rule needs the reaction to
  stand or fall with the change (an approved recommendation issues its certificate; the
  registers follow a school's new name).
- **After commit**: the receiver runs once the session's transaction has committed, and not
  at all when it rolls back. Use it for reactions outside the database that only inform (a
  cache to forget, a log line). It may not use the database session: a message that is a
  row (a notification, an e-mail in the outbox) is written in the transaction, so that it
  commits or rolls back with the change it tells of.

`send()` returns the answers of the in-transaction receivers (what is not None), so a
package can also ask the packages above it a question (the gates of a profile, the state of
a report form) without knowing them.

Receivers are held by strong references: connect module-level functions, once, in
`init_app` (connecting the same function twice is harmless).
"""

from collections.abc import Callable

from blinker import Namespace
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

_namespace = Namespace()
_PENDING = "domain_events_after_commit"


class Event:
    """A named domain event; see the module's docstring."""

    def __init__(self, name: str, doc: str = ""):
        self.name = name
        self.__doc__ = doc
        self._now = _namespace.signal(name, doc)
        self._after_commit: list[Callable] = []

    def __repr__(self) -> str:
        return f"<Event {self.name}>"

    def connect(self, receiver: Callable, *, after_commit: bool = False) -> Callable:
        if after_commit:
            if receiver not in self._after_commit:
                self._after_commit.append(receiver)
        else:
            self._now.connect(receiver, weak=False)
        return receiver

    def disconnect(self, receiver: Callable) -> None:
        self._now.disconnect(receiver)
        if receiver in self._after_commit:
            self._after_commit.remove(receiver)

    def send(self, sender, **kwargs) -> list:
        """Run the in-transaction receivers now and return their answers (None left out);
        queue the after-commit ones on the current database session."""
        if self._after_commit:
            from core.extensions import db  # noqa: PLC0415  (core.extensions imports nothing of this)

            session = db.session()
            if not session.in_transaction():
                session.begin()  # the queue belongs to a transaction: its commit or its rollback
            queue = session.info.setdefault(_PENDING, [])
            queue.extend((receiver, sender, kwargs) for receiver in self._after_commit)
        return [answer for _receiver, answer in self._now.send(sender, **kwargs) if answer is not None]

    @property
    def receivers(self) -> int:
        return len(self._now.receivers) + len(self._after_commit)


@sa_event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    for receiver, sender, kwargs in pending or ():
        receiver(sender, **kwargs)


@sa_event.listens_for(Session, "after_soft_rollback")
def _forget_after_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint
        session.info.pop(_PENDING, None)
