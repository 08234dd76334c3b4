"""`flask demo load` adds two demo schools with a submitted and a draft assessment."""

from sqlalchemy import func, select

from compliance.demo import DRAFT_KVK, SUBMITTED_KVK
from compliance.models import Assessment, AssessmentStatus, Evidence, School
from core.extensions import db
from core.storage import get_storage
from tests.kit import log_in


def test_demo_schools_with_a_submitted_and_a_half_filled_assessment(runner, client):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert runner.invoke(args=["demo", "load"]).exit_code == 0  # idempotent
    schools = db.session.scalars(select(School).where(School.kvk_number.in_([SUBMITTED_KVK, DRAFT_KVK]))
                                 .order_by(School.kvk_number)).all()
    assert [s.name for s in schools] == ["Dansschool De Demo", "Balletstudio Demo Junior"]
    assert schools[0].locations and all(location.rooms for location in schools[0].locations)
    statuses = {a.school.name: a.status for a in db.session.scalars(select(Assessment))
                if a.school_id in {s.id for s in schools}}
    assert statuses == {"Dansschool De Demo": AssessmentStatus.submitted,
                        "Balletstudio Demo Junior": AssessmentStatus.draft}
    draft = next(a for a in schools[1].assessments if a.status is AssessmentStatus.draft)
    done = sum(1 for answer in draft.answers if answer.narrative)
    assert 0 < done < len(draft.answers)
    assert db.session.scalar(select(func.count()).select_from(Evidence)) >= 3
    assert all(get_storage().exists(e.sha256) for e in db.session.scalars(select(Evidence)))

    from accounts.services import find_user

    log_in(client, find_user("eigenaar@demo.dansveilig.nl"), password="demo-password")
    page = client.get("/scholen").get_data(as_text=True)
    assert "Dansschool De Demo" in page and "Balletstudio Demo Junior" in page
