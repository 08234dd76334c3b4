"""The demo shows the annual cycle: two years of reports from 22 schools in several genres,
figures with shown and suppressed cells (medians of the days to a decision too), one overdue
report, one with a question, a published year, and a monitor who can log in."""

from sqlalchemy import select

from compliance.models import School
from core.extensions import db
from reporting import services
from reporting.models import MonitoringReport, ReportStatus


def test_the_demo_shows_every_state_of_the_annual_cycle(runner, client):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    reports = db.session.execute(select(MonitoringReport)).scalars().all()
    assert len({report.school_id for report in reports if report.status.is_filed}) >= 20
    assert len({report.year for report in reports}) == 2
    assert sum(report.status is ReportStatus.questions for report in reports) == 1
    overdue = [item for school_id in {report.school_id for report in reports if report.status is ReportStatus.open}
               for item in services.due_for_school(school_id)["due"] if item.overdue]
    assert len(overdue) == 1
    genres = {genre for school in db.session.execute(select(School)).scalars() for genre in school.genres}
    assert len(genres) >= 5
    figures = services.figures_for(min(report.year for report in reports))
    cells = [value for table in figures["tables"] for row in table["cells"] for value in row]
    assert None in cells and any(value for value in cells)
    tables = {table["name"]: table for table in figures["tables"]}
    days = tables["decision_days"]  # the demo's schools were certified in the older year
    assert days["grand_total"] is not None and None in [value for row in days["cells"] for value in row]
    assert any(value for row in tables["follow_up_rates"]["cells"] for value in row)
    assert services.available_years() and len(services.available_years()) == 2
    assert client.post("/login", data={"email": "monitor@demo.dansveilig.nl",
                                       "password": "demo-password"}).status_code == 302
    assert client.get("/sectorcijfers").status_code == 200
