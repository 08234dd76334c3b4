import base64
import json

import pytest
from sqlalchemy import text

from accounts.models import Role
from core.audit import record_event, verify_chain
from core.extensions import db
from core.models import AuditEvent


def _events(n):
    for i in range(n):
        record_event("test.event", object_type="thing", object_id=i, details={"n": i, "naam": "Zoë"})
    db.session.commit()


def test_every_event_links_to_the_previous_one(app):
    _events(3)
    rows = db.session.query(AuditEvent).order_by(AuditEvent.id).all()
    assert rows[0].prev_hash == "0" * 64
    assert rows[1].prev_hash == rows[0].hash and rows[2].prev_hash == rows[1].hash
    assert verify_chain().ok


def test_events_cannot_be_changed_through_the_orm(app):
    _events(1)
    event = db.session.get(AuditEvent, 1)
    event.action = "something.else"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.commit()
    db.session.rollback()


def test_cli_verify_passes_on_an_intact_log(runner, user_factory):
    user_factory(roles=(Role.admin,))
    _events(2)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0
    assert "intact: 3 events" in result.output


def test_cli_verify_names_a_row_changed_by_hand(runner):
    _events(5)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET action = 'covered.up' WHERE id = 3"))
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "BROKEN at event 3" in result.output


def test_cli_verify_names_a_removed_row(runner):
    _events(5)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE id = 2"))
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "BROKEN at event 2" in result.output and "missing" in result.output


def test_cli_verify_notices_a_rehashed_row(runner):
    """Recomputing one row's hash after an edit still breaks the link of the next row."""
    _events(3)
    from core.audit import _digest

    event = db.session.get(AuditEvent, 2)
    event.details = {"n": 99}
    forged = _digest(event)
    db.session.rollback()
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET details = :d, hash = :h WHERE id = 2"),
                     {"d": '{"n": 99}', "h": forged})
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "BROKEN at event 3" in result.output


def test_checkpoint_names_the_missing_tail_when_the_newest_rows_are_deleted(runner):
    _events(5)
    result = runner.invoke(args=["audit", "checkpoint"])
    assert result.exit_code == 0, result.output
    assert "5 events" in result.output
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0
    with db.engine.begin() as conn:  # someone covers their tracks: the chain before stays valid
        conn.execute(text("DELETE FROM audit_event WHERE id >= 4"))
    assert verify_chain().ok
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "events 4 to 5" in result.output and "missing" in result.output


def test_checkpoint_notices_a_tail_replaced_by_new_rows(runner):
    _events(3)
    runner.invoke(args=["audit", "checkpoint"])
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE id = 3"))
    _events(2)  # the chain is whole again, but its row 3 is not the one that was signed
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "event 3 does not match" in result.output


def test_forged_checkpoint_is_refused(runner, app):
    from core.checkpoints import checkpoint_path

    _events(2)
    runner.invoke(args=["audit", "checkpoint"])
    line = json.loads(checkpoint_path().read_text().splitlines()[-1])
    header, payload, signature = line["token"].split(".")
    forged = base64.urlsafe_b64encode(json.dumps({"head_id": 1, "head_hash": "x"}).encode()).decode().rstrip("=")
    line["token"] = f"{header}.{forged}.{signature}"
    with checkpoint_path().open("a") as handle:
        handle.write(json.dumps(line) + "\n")
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "signature does not verify" in result.output


def test_checkpoints_are_public_and_verify_with_the_jwks(runner, client):
    import jwt

    _events(2)
    runner.invoke(args=["audit", "checkpoint"])
    body = client.get("/.well-known/audit-checkpoints").get_json()
    assert [entry["rows"] for entry in body["checkpoints"]] == [2]
    keys = jwt.PyJWKSet.from_dict(client.get("/.well-known/jwks.json").get_json())
    token = body["checkpoints"][0]["token"]
    claims = jwt.decode(token, keys[jwt.get_unverified_header(token)["kid"]], algorithms=["ES256"])
    assert claims["head_hash"] == db.session.get(AuditEvent, 2).hash


def test_daily_job_writes_a_checkpoint(runner):
    _events(1)
    result = runner.invoke(args=["certificates", "daily"])
    assert result.exit_code == 0, result.output
    assert "Audit checkpoint" in result.output
    from core.checkpoints import list_checkpoints

    assert len(list_checkpoints()) == 1
