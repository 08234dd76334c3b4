import pytest

from tests.compliance import factories


@pytest.fixture(autouse=True)
def _own_evidence_dir(evidence_dir):
    return evidence_dir


@pytest.fixture
def plan(app):
    return factories.published_plan()


@pytest.fixture
def owner(app):
    return factories.make_owner()


@pytest.fixture
def school(owner):
    return factories.make_school(owner)


@pytest.fixture
def assessment(plan, school, owner):
    return factories.make_assessment(school, owner)


@pytest.fixture
def owner_client(client, owner):
    from tests.kit import log_in

    log_in(client, owner)
    return client
