"""The audit log: `record_event()` inside a service's transaction, `verify_chain()` to check it.

Each row stores the SHA-256 of its own content together with the previous row's hash, so
altering or removing any row breaks every hash after it.
"""

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select, text

from core.extensions import db
from core.models import AuditEvent, utcnow

GENESIS = "0" * 64
# One fixed key for PostgreSQL's advisory lock: appends to the chain are serialised across
# processes and machines, so two transactions never hang their rows off the same parent.
_CHAIN_LOCK_KEY = 0x44565F41554449


def _digest(event: AuditEvent) -> str:
    payload = {
        "id": event.id,
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "details": event.details,
        "prev_hash": event.prev_hash,
    }
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def record_event(action: str, obj=None, *, actor=None, object_type: str | None = None,
                 object_id=None, details: dict | None = None) -> AuditEvent:
    """Append an audit event to the current transaction; the caller commits."""
    session = db.session
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK_KEY})
    last = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    if obj is not None:
        object_type = object_type or obj.__tablename__
        object_id = obj.id if object_id is None else object_id
    event = AuditEvent(
        id=(last.id + 1) if last else 1,
        occurred_at=utcnow().replace(microsecond=0),
        actor_id=getattr(actor, "id", actor),
        action=action,
        object_type=object_type or "system",
        object_id=None if object_id is None else str(object_id),
        details=json.loads(json.dumps(details or {}, default=str)),
        prev_hash=last.hash if last else GENESIS,
    )
    event.hash = _digest(event)
    session.add(event)
    session.flush()
    return event


@dataclass
class ChainReport:
    checked: int
    broken_id: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify_chain() -> ChainReport:
    """Walk the chain in order; report the first row whose hash or link does not hold."""
    prev_hash, expected_id, checked = GENESIS, 1, 0
    rows = db.session.execute(select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=1000))
    for event in rows.scalars():
        if event.id != expected_id:
            return ChainReport(checked, expected_id, f"row {expected_id} is missing")
        if event.prev_hash != prev_hash:
            return ChainReport(checked, event.id, "does not link to the row before it")
        if _digest(event) != event.hash:
            return ChainReport(checked, event.id, "content does not match its hash")
        prev_hash, expected_id, checked = event.hash, expected_id + 1, checked + 1
    return ChainReport(checked)
