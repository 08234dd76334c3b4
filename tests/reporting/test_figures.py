"""The sector figures: filters keep only the schools asked for, a conflicted assessor may not
review a school's report, and the tables a monitor sees never show a count from 1 to 4."""

from datetime import date

import pytest

from compliance.review.models import Relation
from compliance.review.services.conflicts import declare_conflict
from reporting import services
from reporting.errors import ReportError
from tests.reporting import factories


@pytest.fixture
def two_schools(app):
    urban = factories.submitted_report(factories.filled_counts("verbal", "urban", "advisor", "handled", n=9),
                                       genres=["urban"])
    ballet = factories.submitted_report(factories.filled_counts("physical", "ballet", "teacher", "referred", n=7),
                                        genres=["ballet"], school_type="vooropleiding")
    return urban, ballet


def _table(figures, name):
    return next(table for table in figures["tables"] if table["name"] == name)


def test_filters_keep_only_the_schools_asked_for(two_schools):
    urban, _ballet = two_schools
    everything = _table(services.figures_for(urban.year), "reports_by_kind_genre")
    assert everything["rows"] == ["Verbaal", "Fysiek"] and everything["column_totals"] == [7, 9]
    ballet = _table(services.figures_for(urban.year, genre="ballet"), "reports_by_kind_genre")
    assert ballet["rows"] == ["Fysiek"] and ballet["cells"] == [[7]]
    school_type = _table(services.figures_for(urban.year, school_type="dansschool"), "reports_by_kind_genre")
    assert school_type["rows"] == ["Verbaal"] and school_type["cells"] == [[9]]
    nowhere = _table(services.figures_for(urban.year, province="ZE"), "reports_by_kind_genre")
    assert nowhere["cells"] == [[0]]


def test_no_table_shows_a_small_count(two_schools):
    urban, _ballet = two_schools
    for table in services.figures_for(urban.year)["tables"]:
        values = [v for row in table["cells"] for v in row] + table["row_totals"] + table["column_totals"]
        assert not [value for value in values if value is not None and 0 < value < 5], table["name"]


def test_a_conflicted_assessor_may_not_review_the_report(two_schools):
    urban, _ballet = two_schools
    assessor = factories.make_assessor()
    declare_conflict(assessor, Relation.former_student, date(2020, 1, 1), school=urban.school)
    with pytest.raises(ReportError):
        services.acknowledge_report(urban, assessor)
