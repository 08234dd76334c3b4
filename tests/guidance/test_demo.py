from sqlalchemy import func, select

from core.extensions import db
from guidance.models import GuidePageVersion


def test_the_demo_publishes_the_parents_page_once(runner):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    versions = db.session.scalars(select(GuidePageVersion)).all()
    assert [(v.audience, v.number) for v in versions] == [("ouders", 1)]
    assert versions[0].published_by.email == "admin@demo.dansveilig.nl"
    assert db.session.scalar(select(func.count()).select_from(GuidePageVersion)) == 1
