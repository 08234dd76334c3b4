import pytest

from tests.certification.certificates import factories


@pytest.fixture
def plan(app):
    return factories.published_plan()


@pytest.fixture
def certified_school(plan):
    """A certified dance school with a confidential advisor (Vera Vertrouwen, 030 123 45 67)."""
    return factories.issue(name="Dansschool De Pirouette", city="Utrecht").school
