import pytest

from tests.certification.teachers import factories


@pytest.fixture(autouse=True)
def _own_evidence_dir(evidence_dir):
    return evidence_dir


@pytest.fixture
def plan(app):
    return factories.published_plan()


@pytest.fixture
def code(plan):
    return factories.code_version()


@pytest.fixture
def teacher(plan):
    return factories.make_teacher()


@pytest.fixture
def active(code):
    return factories.active_teacher()
