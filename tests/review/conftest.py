import pytest

from tests.compliance.conftest import evidence_dir  # noqa: F401  (each test's evidence in a folder of its own)
from tests.compliance.factories import published_plan


@pytest.fixture
def plan(app):
    return published_plan()
