"""The teacher registry's domain events (`core.events.Event`), for packages that must react
without this one importing them. All are sent in the transaction that makes the change;
receivers work in it and do not commit.
"""

from datetime import date

from core.events import Event

registration_status_changed = Event("teachers.registration-status-changed", """
Sent whenever a registration's status changes, whatever the cause: the daily lapse, an
admin's sanction, a lifted sanction. Sender: the Teacher; keywords `old` and `new` (both
TeacherStatus). In the transaction. Connected by `certification.certificates` (the schools
that employ the teacher hear of it).""")

teacher_changed = Event("teachers.teacher-changed", """
Sent after every change to a teacher's record has been worked out (the end of
`refresh_status`): what the public registry shows of the teacher may have changed. Sender:
the Teacher. In the transaction. Connected by `registry` (the teacher's search entry).""")

listed_schools = Event("teachers.listed-schools", """
A question: which of these schools count as certified (a teacher's public entry lists them
and the search finds their cities)? Sender: None; keywords `school_ids` (ids) and `on` (a
date or None for today). Each receiver answers with a set of ids. Answered by
`certification.certificates`; nobody answering means no school is listed.""")

daily_run_finished = Event("teachers.daily-run-finished", """
Sent at the end of `flask registry daily`, after its last batch is committed. Sender: the
run's report. In the (new) transaction that the daily job then commits. Connected by
`registry` (tidies the search index).""")


def listed_school_ids(school_ids, on: date | None = None) -> set[int]:
    """The ids among `school_ids` of schools that count as certified (see `listed_schools`)."""
    ids = list(school_ids)
    if not ids:
        return set()
    return set().union(*listed_schools.send(None, school_ids=ids, on=on))
