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
