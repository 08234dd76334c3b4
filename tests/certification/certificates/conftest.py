import pytest

from tests.certification.certificates import factories


@pytest.fixture
def plan(app):
    return factories.published_plan()


@pytest.fixture
def admin(app):
    return factories.make_admin()


@pytest.fixture
def second_admin(app):
    return factories.make_admin()


@pytest.fixture
def certificate(plan):
    return factories.issue(name="Dansschool Zoë & Ünal", city="Amsterdam", genres=["urban", "modern"],
                           locations=(("Hoofdlocatie", "Amsterdam"), ("Studio Noord", "Zaandam")))
