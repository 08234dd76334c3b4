import pytest


@pytest.fixture(autouse=True)
def _own_evidence_dir(evidence_dir):
    return evidence_dir


@pytest.fixture
def plan(app):
    from tests.certification.teachers import factories

    return factories.published_plan()
