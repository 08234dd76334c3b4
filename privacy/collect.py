"""Everything the platform holds about a user (AVG art. 15), found through the schema rather
than a list: every row of every table with a foreign key to the user, and the rows those
owning rows hold (a teacher's qualifications, VOG checks, CPD, signatures and schools). A
table added later is in the download the day it is added.

Left out, and said so in the download: secrets (password and token hashes), derived search
indexes, the audit log's hash chain, and e-mail bodies (they may hold sign-in links); the
e-mails themselves are listed by subject and date.
"""

import enum
from datetime import date, datetime

from sqlalchemy import or_, select

from core.extensions import db
from core.models import OutboxMessage, utcnow

SECRET_COLUMNS = {"password_hash", "token_hash", "hash", "prev_hash"}
DERIVED_TABLES = {"teacher_search", "school_search"}


def _value(value):
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return None
    return value


def _row(table, row) -> dict:
    return {column.name: _value(row._mapping[column]) for column in table.columns
            if column.name not in SECRET_COLUMNS and not isinstance(row._mapping[column], bytes | memoryview)}


def _referring(target: str):
    """(table, [columns]) for every table with a foreign key to `target`."""
    for table in db.metadata.sorted_tables:
        if table.name in DERIVED_TABLES:
            continue
        columns = [fk.parent for fk in table.foreign_keys if fk.column.table.name == target]
        if columns:
            yield table, columns


def _add(records: dict, seen: dict, table, rows) -> None:
    keys = seen.setdefault(table.name, set())
    for row in rows:
        key = tuple(row._mapping[column] for column in table.primary_key.columns)
        if key not in keys:
            keys.add(key)
            records.setdefault(table.name, []).append(_row(table, row))


def personal_data(user) -> dict:
    """{"generated_at", "user", "records": {table: [rows]}, "emails": [...], "not_included": [...]}."""
    user_table = db.metadata.tables["user"]
    me = db.session.execute(select(user_table).where(user_table.c.id == user.id)).one()
    records: dict[str, list[dict]] = {}
    seen: dict[str, set] = {}
    owning: list[tuple] = []
    for table, columns in _referring("user"):
        rows = db.session.execute(select(table).where(or_(*(column == user.id for column in columns)))
                                  .order_by(*table.primary_key.columns)).all()
        _add(records, seen, table, rows)
        if rows and any(column.name == "user_id" for column in columns) and "id" in table.c:
            owning.append((table, [row._mapping[table.c.id] for row in rows]))
    for owner, ids in owning:  # what the user's own rows hold: a teacher's records
        for table, columns in _referring(owner.name):
            _add(records, seen, table, db.session.execute(
                select(table).where(or_(*(column.in_(ids) for column in columns)))
                .order_by(*table.primary_key.columns)).all())
    emails = [{"subject": message.subject, "created_at": _value(message.created_at), "status": _value(message.status),
               "sent_at": _value(message.sent_at)}
              for message in db.session.execute(select(OutboxMessage).where(OutboxMessage.recipient == user.email)
                                                .order_by(OutboxMessage.id)).scalars()]
    return {"generated_at": utcnow().isoformat(), "user": _row(user_table, me), "records": records,
            "emails": emails,
            "not_included": ["password and token hashes", "search indexes derived from the records above",
                             "the audit log's hash chain", "e-mail bodies (they may hold sign-in links)"]}
