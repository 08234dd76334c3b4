"""The quality plan for tests that need one: the shipped plans, published as `make run`'s
first start publishes them (every file in standards/plans, oldest version first).

Publishing parses the plan files, which took most of the time of every test that needed a
plan. So the first publication in a test session keeps a copy of the rows it wrote, and a
later test (whose database the `app` fixture emptied) gets that copy inserted: the same rows
with the same ids, fresh timestamps, and the same audit events through `record_event`.
A test still has a plan only when it asks for one.
"""

from sqlalchemy import func, insert, select

from core.audit import record_event
from core.extensions import db
from core.models import AuditEvent, utcnow
from standards import PLANS_DIR
from standards.models import Criterion, Domain, QualityPlan
from standards.services import current_plan, publish_plan, publish_shipped_plans

SHIPPED = PLANS_DIR / "kwaliteitsplan-dans-veilig-1.0.yaml"
# Version 1.1 as the tests write it on top of 1.0 (`write_plan("1.1", replace=V11_CHANGES)`): B2's
# English title and evidence changed, A6 renumbered to A7 (one removed, one added), and a
# shorter certificate validity.
V11_CHANGES = [
    ('          en: "Studios you can see into"', '          en: "Studios anyone can look into"'),
    ("evidence: [photo, document]", "evidence: [photo, document, register]"),
    ("certificate_validity_months: 36", "certificate_validity_months: 24"),
    ("      - code: A6\n", "      - code: A7\n"),
]
_PLAN_TABLES = (QualityPlan.__table__, Domain.__table__, Criterion.__table__)
_TIMESTAMPS = ("created_at", "published_at", "retired_at")
_copies = {}  # what -> (rows per table, audit events) of its first publication in this session


def published_plan():
    """The current plan, publishing the shipped plans if the database holds no plan yet."""
    if current_plan() is None:
        _publish_once("shipped", publish_shipped_plans)
    return current_plan()


def first_version():
    """Version 1.0 of the shipped plan, published on its own (for tests that publish their
    own versions on top of it)."""
    _publish_once("1.0", lambda: publish_plan(SHIPPED))
    return current_plan()


def _publish_once(what, publish):
    if db.session.scalar(select(func.count()).select_from(QualityPlan)):
        publish()  # other versions are stored: the copy's ids and versions would not fit
    elif what in _copies:
        _restore(*_copies[what])
    else:
        last_event = db.session.scalar(select(func.max(AuditEvent.id))) or 0
        publish()
        rows = {table: [dict(row) for row in db.session.execute(select(table)).mappings()] for table in _PLAN_TABLES}
        events = db.session.execute(select(AuditEvent.action, AuditEvent.object_type, AuditEvent.object_id,
                                           AuditEvent.details).where(AuditEvent.id > last_event)
                                    .order_by(AuditEvent.id)).all()
        _copies[what] = rows, events


def _restore(rows, events):
    now = utcnow()
    for table in _PLAN_TABLES:
        db.session.execute(insert(table), [{**row, **{name: now for name in _TIMESTAMPS if row.get(name)}}
                                           for row in rows[table]])
    for action, object_type, object_id, details in events:
        record_event(action, object_type=object_type, object_id=object_id, details=details)
    db.session.commit()
