"""Domain events: in-transaction receivers answer at once; after-commit receivers run only
once the change is committed, never after a rollback."""

from core.events import Event
from core.extensions import db


def test_in_transaction_receivers_answer_the_sender(app):
    asked = Event("test.asked")

    def answer(sender, **kwargs):
        return f"{sender}:{kwargs['n']}"

    def silent(sender, **kwargs):
        return None

    asked.connect(answer)
    asked.connect(silent)
    try:
        assert asked.send("school", n=3) == ["school:3"]
    finally:
        asked.disconnect(answer)
        asked.disconnect(silent)


def test_after_commit_receivers_run_after_commit_and_never_after_rollback(app):
    happened = Event("test.happened")
    seen = []

    def remember(sender, **kwargs):
        seen.append((sender, kwargs))

    happened.connect(remember, after_commit=True)
    try:
        happened.send("rolled back", n=1)
        db.session.rollback()
        assert seen == []

        happened.send("kept", n=2)
        assert seen == []  # not before the commit
        db.session.commit()
        assert seen == [("kept", {"n": 2})]

        db.session.commit()
        assert len(seen) == 1  # once
    finally:
        happened.disconnect(remember)
