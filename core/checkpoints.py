"""Signed checkpoints of the audit log's end.

The hash chain (`core.audit`) shows a row that was changed or taken out of the middle, but
not rows cut off the end: the shorter chain is still a valid chain. A checkpoint pins the
end: the number of rows and the hash of the newest one, signed, kept where the database
cannot rewrite it silently. `verify_against_checkpoint()` then names a missing tail.

Where the signature comes from (a choice): core must not import certification, which owns
the platform's signing key (ES256, published in `/.well-known/jwks.json`). So core keeps the
store and asks for a signer: `register_signer(app, sign, verify)`, which
`certification.certificates.init_app` calls with that key. A checkpoint is then a compact
JWS anyone can check with the public JWKS, without trusting us or our database; a second
key of our own would be one more secret to keep and nothing a verifier already has.
Without a registered signer `create_checkpoint()` refuses rather than write an unsigned one.

Where they are kept: appended as JSON lines to a file under the instance folder
(`AUDIT_CHECKPOINT_PATH`, default `instance/audit-checkpoints.jsonl`; on several machines a
shared volume, like the signing keys), and published as a list at
`/.well-known/audit-checkpoints`, so that others can keep copies.
"""

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from core.extensions import db
from core.models import AuditEvent, utcnow

TOKEN_TYPE = "audit-checkpoint+jwt"  # noqa: S105  (a JWS type, not a secret)
_SIGNER = "audit_checkpoint_signer"


class CheckpointError(Exception):
    """A checkpoint cannot be made or read."""


@dataclass(frozen=True)
class Signer:
    sign: Callable[[dict], str]  # payload -> compact JWS
    verify: Callable[[str], dict]  # compact JWS -> payload; raises on a bad signature


def register_signer(app, sign: Callable[[dict], str], verify: Callable[[str], dict]) -> None:
    app.extensions[_SIGNER] = Signer(sign, verify)


def _signer() -> Signer:
    signer = current_app.extensions.get(_SIGNER)
    if signer is None:
        raise CheckpointError("no signer registered for audit checkpoints")
    return signer


def checkpoint_path(app=None) -> Path:
    app = app or current_app
    path = Path(app.config.get("AUDIT_CHECKPOINT_PATH") or Path(app.instance_path) / "audit-checkpoints.jsonl")
    return path if path.is_absolute() else Path(app.root_path) / path


def list_checkpoints() -> list[dict]:
    """Every stored checkpoint, oldest first (lines that are not JSON objects are skipped)."""
    try:
        lines = checkpoint_path().read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    entries = []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("token"), str):
            entries.append(entry)
    return entries


def create_checkpoint() -> dict:
    """Sign the chain's row count and head hash now and append it to the store."""
    signer = _signer()
    head = db.session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    rows = db.session.scalar(select(func.count()).select_from(AuditEvent))
    payload = {"rows": rows, "head_id": head.id if head else 0, "head_hash": head.hash if head else None,
               "created_at": utcnow().replace(microsecond=0).isoformat()}
    entry = {**payload, "token": signer.sign(payload)}
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # One write of one line in append mode: two nodes running the daily job at once each add
    # a whole line.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, (json.dumps(entry, separators=(",", ":")) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return entry


@dataclass
class CheckpointReport:
    checkpoint: dict | None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_against_checkpoint() -> CheckpointReport:
    """Check that the chain still reaches the newest checkpoint: its head row is there with
    the signed hash. Only the signed payload counts, not the file's plain copy."""
    entries = list_checkpoints()
    if not entries:
        return CheckpointReport(None)
    try:
        payload = _signer().verify(entries[-1]["token"])
    except CheckpointError:
        raise
    except Exception:  # any failure to verify is a forged or damaged checkpoint
        return CheckpointReport(entries[-1], "the newest checkpoint's signature does not verify")
    head_id, head_hash = payload.get("head_id"), payload.get("head_hash")
    if not isinstance(head_id, int) or head_id < 1:
        return CheckpointReport(payload)
    last_id = db.session.scalar(select(func.max(AuditEvent.id))) or 0
    if last_id < head_id:
        first = last_id + 1
        missing = f"event {first}" if first == head_id else f"events {first} to {head_id}"
        return CheckpointReport(payload, f"{missing} of checkpoint {payload.get('created_at')} "
                                         f"are missing (the tail of the log was removed)")
    stored = db.session.scalar(select(AuditEvent.hash).where(AuditEvent.id == head_id))
    if stored != head_hash:
        return CheckpointReport(payload, f"event {head_id} does not match the hash signed in checkpoint "
                                         f"{payload.get('created_at')}")
    return CheckpointReport(payload)
