"""Without a check query per request, a connection the database server dropped is noticed on
its first statement: a read is then run again once, and the visitor never sees the error."""

import psycopg
import pytest

from core.extensions import db
from tests.certification.teachers import factories


@pytest.fixture
def postgres(app):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("postgresql"):
        pytest.skip("a dropped server connection exists on PostgreSQL only (TEST_DATABASE_URL)")
    return url.replace("postgresql+psycopg://", "postgresql://")


def _drop_every_connection_of_the_app(url):
    """What a server restart or a proxy's idle timeout does to the pooled connections."""
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = current_database() AND pid <> pg_backend_pid()")


def test_public_pages_survive_a_dropped_connection(app, client, postgres):
    factories.published_plan()
    factories.code_version()
    teacher = factories.active_teacher(first_name="Xander")
    number = teacher.registration_number
    db.session.close()
    for url in ("/api/v1/registry/teachers?q=xander", f"/register/docenten/{number}", "/register/scholen"):
        assert client.get(url).status_code == 200  # the pool holds connections now
        _drop_every_connection_of_the_app(postgres)
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Xander" in client.get("/api/v1/registry/teachers?q=xander").get_data(as_text=True)
    db.engine.dispose()  # the test's own clean-up starts on fresh connections too


def test_a_change_is_not_retried_and_the_next_request_works(app, client, postgres, login):
    """A POST may have written before the connection dropped: it is not run again; the
    visitor sees the error page and can send again."""
    from accounts.models import Role

    login(Role.teacher)
    db.session.close()
    _drop_every_connection_of_the_app(postgres)
    assert client.post("/taal", data={"lang": "en"}).status_code == 500
    assert client.post("/taal", data={"lang": "en"}).status_code == 302
    db.engine.dispose()
