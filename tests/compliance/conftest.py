import pytest

from tests.compliance import factories


@pytest.fixture(autouse=True)
def evidence_dir(app, tmp_path):
    """Evidence files of each test go to a folder of its own."""
    old = app.config["EVIDENCE_STORAGE_PATH"]
    app.config["EVIDENCE_STORAGE_PATH"] = str(tmp_path / "evidence")
    yield tmp_path / "evidence"
    app.config["EVIDENCE_STORAGE_PATH"] = old


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
    from tests.conftest import log_in

    log_in(client, owner)
    return client
