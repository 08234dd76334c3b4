import pytest

from tests.certification import factories


@pytest.fixture(autouse=True)
def evidence_dir(app, tmp_path):
    """Uploaded files of each test go to a folder of its own."""
    old = app.config.get("EVIDENCE_STORAGE_PATH")
    app.config["EVIDENCE_STORAGE_PATH"] = str(tmp_path / "evidence")
    yield tmp_path / "evidence"
    app.config["EVIDENCE_STORAGE_PATH"] = old


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
