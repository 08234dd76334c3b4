"""Retention: what the platform deletes once it has been kept long enough, run by the daily
job `flask retention daily`.

Any package registers what it keeps and for how long with `register(rule)` (in its
`init_app`); core does not know the packages above it. A rule's `purge(on)` deletes what ran
out on that day in the caller's transaction, writes an audit event per deletion, and returns
how many items it removed; the job commits after each rule, so one rule's failure does not
undo another's work. Reporting registers its monitoring answers the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from core.extensions import db
from core.models import utcnow
from core.storage import get_storage


@dataclass(frozen=True)
class RetentionRule:
    name: str  # short and stable: it names the rule in the job's output and in audit events
    description: str  # what is deleted, and when (for the README and the privacy page)
    purge: Callable[[date], int]


_rules: dict[str, RetentionRule] = {}


def register(rule: RetentionRule) -> None:
    """Add (or replace, when an app is created twice in one process) a retention rule."""
    _rules[rule.name] = rule


def rules() -> list[RetentionRule]:
    return list(_rules.values())


def run_retention(on: date | None = None) -> dict[str, int]:
    """Run every registered rule for day `on` (today by default); {rule name: items removed}."""
    on = on or utcnow().date()
    done = {}
    for rule in rules():
        try:
            done[rule.name] = rule.purge(on)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
    return done


def _sweep_upload_temp_files(on: date) -> int:
    """Half-written uploads (`.tmp-*`) left by a crash; not records, so no audit event."""
    return get_storage().sweep_temp_files()


register(RetentionRule("upload_temp_files", "Half-written upload files (.tmp-*) older than six hours.",
                       _sweep_upload_temp_files))
