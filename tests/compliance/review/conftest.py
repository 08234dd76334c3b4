import pytest

from tests.compliance.factories import published_plan


@pytest.fixture
def plan(app):
    return published_plan()


@pytest.fixture(autouse=True)
def _own_evidence_dir(evidence_dir):
    return evidence_dir
