"""The figures that are not counts: the share of registered teachers with CPD on track, the
median days from submission to decision, and follow-up rates. Each goes through the same
suppression and the same outputs (page, chart, CSV, API) as the counts, and never shows more
than the counts it comes from."""

import csv
import io
import random
from datetime import UTC, datetime, timedelta

import pytest

from certification.teachers.services.public import public_entry
from compliance.models import Assessment, AssessmentStatus
from compliance.review.models import Decision, Outcome, Recommendation
from core.extensions import db
from reporting import services
from reporting.derived import row_percentages
from reporting.suppression import suppress
from tests.certification.teachers import factories as teacher_factories
from tests.compliance import factories as compliance_factories
from tests.kit import log_in
from tests.reporting import factories


def _table(figures, name):
    return next(table for table in figures["tables"] if table["name"] == name)


def _decision(school, submitted: datetime, days: int, outcome=Outcome.approve):
    plan = teacher_factories.published_plan()
    status = AssessmentStatus.rejected if outcome is Outcome.reject else AssessmentStatus.approved
    assessment = Assessment(school_id=school.id, plan_id=plan.id, status=status, submitted_at=submitted)
    db.session.add(assessment)
    db.session.flush()
    db.session.add(Recommendation(assessment_id=assessment.id, outcome=outcome, rationale="Zie de oordelen.",
                                  decision=Decision.confirmed, decided_at=submitted + timedelta(days=days)))
    db.session.commit()


def test_the_share_with_cpd_on_track_is_the_registers_public_answer(app):
    on_track = [teacher_factories.active_teacher() for _ in range(6)]
    behind = [teacher_factories.complete(teacher_factories.make_teacher(),
                                         activated_on=teacher_factories.services.today() - timedelta(days=548))
              for _ in range(5)]
    teacher_factories.make_teacher()  # pending: not registered yet, not counted
    assert [public_entry(t).cpd_on_track for t in on_track + behind] == [True] * 6 + [False] * 5
    figures = services.figures_for(2026)
    counts, share = _table(figures, "teachers_cpd"), _table(figures, "teachers_cpd_share")
    assert counts["rows"] == ["Ballet"] and counts["cells"] == [[6, 5]]
    assert share["unit"] == "percent" and share["cells"] == [[55, 45]] and share["column_totals"] == [55, 45]
    assert share["row_totals"] == [100]


def test_a_median_needs_at_least_the_threshold_of_decisions(client, app):
    report = factories.submitted_report()
    year = report.year
    school = compliance_factories.make_school(school_type="dansschool")
    club = compliance_factories.make_school(school_type="vereniging")
    start = datetime(year, 1, 10, tzinfo=UTC)
    for days in (10, 20, 30, 40, 50):
        _decision(school, start, days)
    for days in (5, 7):
        _decision(club, start, days, Outcome.reject)
    _decision(club, datetime(year - 2, 1, 10, tzinfo=UTC), 400)  # decided the year before: not counted
    table = _table(services.figures_for(year), "decision_days")
    assert table["unit"] == "days" and table["rows"] == ["Dansschool", "Dansvereniging"]
    assert table["columns"] == ["Goedgekeurd", "Afgewezen"]
    assert table["cells"] == [[30, None], [None, None]]
    assert table["row_totals"] == [30, None] and table["column_totals"] == [30, None]
    assert table["grand_total"] == 20  # the median of all seven decisions
    assert table["primary"][1][1] and table["primary"][1][2]

    log_in(client, factories.make_monitor())
    page = client.get(f"/sectorcijfers?year={year}").get_data(as_text=True)
    assert "&lt; 5 beslissingen" in page and "Mediaan aantal dagen" in page
    rows = list(csv.DictReader(io.StringIO(client.get(f"/sectorcijfers/{year}.csv").get_data(as_text=True)
                                           .lstrip("\ufeff")), delimiter=";"))
    days = {(row["rij"], row["kolom"]): row["waarde"] for row in rows if row["tabel"] == "decision_days"}
    assert days[("Dansschool", "Goedgekeurd")] == "30" and days[("Dansvereniging", "Afgewezen")] == "< 5 beslissingen"
    client.post("/logout")
    services.publish_year(year, factories.make_admin())
    api = _table(client.get(f"/api/v1/sector/figures?year={year}&lang=en").get_json(), "decision_days")
    assert api["unit"] == "days" and api["cells"] == [[30, None], [None, None]] and api["rows"][0] == "Dance school"


def test_follow_up_rates_are_percentages_of_the_reports_of_each_kind(client, app):
    for kind, follow_up, n in (("verbal", "handled", 9), ("verbal", "referred", 6), ("physical", "handled", 5),
                               ("physical", "referred", 5)):
        report = factories.submitted_report(factories.filled_counts(kind, "urban", "advisor", follow_up, n=n),
                                            genres=["urban"])
    rates = _table(services.figures_for(report.year), "follow_up_rates")
    assert rates["rows"] == ["Verbaal", "Fysiek"] and rates["columns"] == ["Binnen de school afgehandeld",
                                                                           "Doorverwezen"]
    assert rates["cells"] == [[60, 40], [50, 50]] and rates["column_totals"] == [56, 44]
    log_in(client, factories.make_monitor())
    page = client.get(f"/sectorcijfers?year={report.year}").get_data(as_text=True)
    assert "60%" in page and 'id="chart-follow_up_rates-0"' in page


def test_a_rate_is_hidden_wherever_its_count_is(client, app):
    for kind, follow_up, n in (("verbal", "handled", 9), ("verbal", "referred", 6), ("physical", "referred", 3)):
        report = factories.submitted_report(factories.filled_counts(kind, "urban", "advisor", follow_up, n=n),
                                            genres=["urban"])
    services.publish_year(report.year, factories.make_admin())
    body = client.get(f"/api/v1/sector/figures?year={report.year}").get_json()
    counts, rates = _table(body, "follow_up_by_kind"), _table(body, "follow_up_rates")
    assert counts["cells"][1][1] is None and rates["cells"][1][1] is None  # the 3 physical reports
    for count_row, rate_row, total in zip(counts["cells"], rates["cells"], counts["row_totals"], strict=True):
        for count, rate in zip(count_row, rate_row, strict=True):
            assert (rate is None) == (count is None or not total)


@pytest.mark.parametrize("seed", range(3))
def test_rates_show_nothing_the_suppressed_counts_do_not(seed):
    rng = random.Random(seed)
    for _ in range(30):
        cells = [[rng.choice((0, 0, 1, 2, 3, 4, 5, 8, 13, 40)) for _ in range(rng.randint(1, 4))]]
        cells += [[rng.choice((0, 1, 3, 6, 9, 20)) for _ in cells[0]] for _ in range(rng.randint(0, 3))]
        result = suppress(cells, 5)
        counts = {"rows": [str(i) for i in range(len(cells))], "columns": [str(j) for j in range(len(cells[0]))],
                  "cells": result.public_cells(), "row_totals": result.public_row_totals(),
                  "column_totals": result.public_column_totals(), "grand_total": result.public_grand_total()}
        rates = row_percentages(counts, "rates", "Rates")
        for i, row in enumerate(rates["cells"]):
            total = counts["row_totals"][i]
            for j, rate in enumerate(row):
                count = counts["cells"][i][j]
                assert (rate is None) == (count is None or not total), (cells, i, j)
                if rate is not None:
                    assert rate == int(100 * count / total + 0.5)
        for j, rate in enumerate(rates["column_totals"]):
            assert (rate is None) == (counts["column_totals"][j] is None or not counts["grand_total"])
