"""One lifecycle mechanism for every record whose state is set by a decision.

A model declares its lifecycle as a class attribute: which action moves which state to which,
the audit event each action writes, the columns each step stamps, and the refusal it raises:

    class Assessment(db.Model):
        lifecycle = Lifecycle(
            {(S.draft, "submit"): S.submitted, (S.draft, "withdraw"): S.withdrawn, ...},
            events={"submit": "assessment.submitted", "withdraw": "assessment.withdrawn", ...},
            changed_at="status_changed_at", stamps={"submit": ("submitted_at", None)},
            refuse=lambda assessment, action: InvalidTransition(...))

Services take every step with `transition(obj, action, by, **details)`: it refuses a step the
current state does not allow (with the model's own domain error, which names that state),
stamps the time and the actor, writes the audit event and returns the new state, all in the
caller's transaction (the service commits). Views and templates ask `may(obj, action)` or
`allowed_actions(obj)`, so no page compares states of its own. A decision two people can take
at the same moment passes `compare_and_set=True`: the row is locked (PostgreSQL) and changed
only while it still holds the state that was read, on any database; the loser gets `StaleState`.

Assessments, certificates, corrective actions and the annual monitoring report use it. A
teacher's registration status does not: it is computed on every read from dates (diploma,
certificate of conduct, code of conduct, professional development) and from sanctions in
force, never set by a step, so there is nothing to guard or stamp, and a stored copy could
disagree with the facts it is computed from.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from sqlalchemy import inspect, select, update
from sqlalchemy.exc import OperationalError

from core.audit import record_event
from core.extensions import db
from core.models import utcnow


class StaleState(Exception):
    """A compare-and-set step lost: another transaction changed the state first, or holds the
    row past the lock timeout. The caller rolls back and says so in its own words."""


@dataclass(frozen=True)
class Lifecycle:
    """The transition table of one model and what each step writes.

    table:      {(from_state, action): to_state}
    events:     {action: audit event name}; None for a step that follows another record's
                step and is audited there (a corrective action opens when its recommendation
                is approved: the assessment's event says so)
    refuse:     (obj, action) -> the domain error to raise; its message names the state
    column:     the state column
    changed_at: column stamped on every step (None: no such column)
    stamps:     {action: (time column or None, actor id column or None)} stamped on that step
    clock:      what a step's time is (utcnow; a date for records that change by the day)
    audit_on:   obj -> the record the audit event is about (the obj itself by default)
    audit_details: obj -> details every event of this model carries
    activities: {name: states} for work done in some states that does not change the state
                (a verdict, a site visit), so pages ask `may()` about those too
    """

    table: dict[tuple[Enum, str], Enum]
    events: dict[str, str | None]
    refuse: Callable[[object, str], Exception]
    column: str = "status"
    changed_at: str | None = None
    stamps: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    clock: Callable[[], object] = utcnow
    audit_on: Callable[[object], object] | None = None
    audit_details: Callable[[object], dict] | None = None
    activities: dict[str, frozenset] = field(default_factory=dict)

    def __post_init__(self):
        actions = {action for _state, action in self.table}
        missing = actions - set(self.events)
        if missing:
            raise ValueError(f"actions without an audit event: {sorted(missing)}")

    def target(self, state: Enum, action: str) -> Enum | None:
        return self.table.get((state, action))

    def actions_from(self, state: Enum) -> list[str]:
        """The actions the state allows, in the order the table declares them."""
        return [action for (source, action) in self.table if source is state]

    def successors(self, state: Enum) -> frozenset:
        """The states one step away from `state`."""
        return frozenset(target for (source, _action), target in self.table.items() if source is state)


def lifecycle_of(obj) -> Lifecycle:
    return type(obj).lifecycle


def state_of(obj) -> Enum:
    return getattr(obj, lifecycle_of(obj).column)


def may(obj, action: str) -> bool:
    """Whether `obj`'s current state allows `action`, a step or an activity (who may act is a
    permission, asked apart)."""
    lifecycle, state = lifecycle_of(obj), state_of(obj)
    return lifecycle.target(state, action) is not None or state in lifecycle.activities.get(action, ())


def allowed_actions(obj) -> list[str]:
    """The steps `obj`'s current state allows, in the order its table declares them."""
    return lifecycle_of(obj).actions_from(state_of(obj))


def guard(obj, action: str) -> None:
    """Refuse now, before a service does other work, when the state does not allow `action`."""
    if not may(obj, action):
        raise lifecycle_of(obj).refuse(obj, action)


def transition(obj, action: str, by, *, at=None, compare_and_set: bool = False, **details) -> Enum:
    """Take `action` on `obj`: guard, stamp, audit; return the new state. Does not commit.

    `by` is the acting user (or None for a scheduled job); `at` overrides the lifecycle's clock
    (e.g. the day a daily job runs for); `details` go into the audit event beside `from`, `to`
    and the model's own details."""
    lifecycle = lifecycle_of(obj)
    old = state_of(obj)
    new = lifecycle.target(old, action)
    if new is None:
        raise lifecycle.refuse(obj, action)
    at = lifecycle.clock() if at is None else at
    values = {lifecycle.column: new}
    if lifecycle.changed_at:
        values[lifecycle.changed_at] = at
    at_column, by_column = lifecycle.stamps.get(action, (None, None))
    if at_column:
        values[at_column] = at
    if by_column:
        values[by_column] = getattr(by, "id", by)
    if compare_and_set:
        _compare_and_set(obj, lifecycle, old, values)
    else:
        for name, value in values.items():
            setattr(obj, name, value)
    if lifecycle.events[action] is not None:
        subject = lifecycle.audit_on(obj) if lifecycle.audit_on else obj
        record_event(lifecycle.events[action], subject, actor=by, details={
            **(lifecycle.audit_details(obj) if lifecycle.audit_details else {}),
            "from": old.value, "to": new.value, **details})
    return new


def _compare_and_set(obj, lifecycle: Lifecycle, old: Enum, values: dict) -> None:
    """Write `values` only if the row still holds `old`: the row lock (PostgreSQL) makes a
    second decision wait for the first, the conditional UPDATE (any database) then finds the
    state changed and lets only one through."""
    model = type(obj)
    key = inspect(model).primary_key[0]
    ident = getattr(obj, key.key)
    try:
        db.session.execute(select(key).where(key == ident).with_for_update())
        result = db.session.execute(
            update(model).where(key == ident, getattr(model, lifecycle.column) == old)
            .values(**values).execution_options(synchronize_session=False))
    except OperationalError as exc:  # SQLite: the other decision holds the write lock past the timeout
        raise StaleState(str(exc)) from exc
    if result.rowcount != 1:
        raise StaleState(f"{model.__name__} {ident} is no longer {old.value}")
    db.session.expire(obj, list(values))
