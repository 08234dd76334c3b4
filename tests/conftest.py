"""Test kit: one app per session, a clean database per test, a real SMTP server, factories
and a login helper per role.

The database is SQLite in a temporary folder unless TEST_DATABASE_URL names another one
(CI runs the suite a second time against PostgreSQL).
"""

import os
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from flask.testing import FlaskClient
from sqlalchemy import delete

from accounts.models import Role
from app import create_app
from core.extensions import db, limiter

pytest_plugins = ["tests.browser", "tests.s3_server"]

DEFAULT_PASSWORD = "correct horse battery"


class _Collector:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        msg = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(msg)
        return "250 OK"


@pytest.fixture(scope="session")
def smtp_server():
    handler = _Collector()
    with socket.socket() as probe:  # aiosmtpd checks its own port at start, so it needs a real one
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, handler
    controller.stop()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


class ClosingClient(FlaskClient):
    """Serves each request as a server would: in an app context of its own (its own `g`,
    database session and cached locale, not the test's), and consuming and closing the
    response, so `call_on_close` work (sending queued e-mail) runs before the test looks
    at the mailbox."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        with self.application.app_context():
            return super().open(*args, **kwargs)


def make_test_app(database_url, smtp_port=None, instance_path=None, **overrides):
    config = {
        "APP_ENV": "testing",
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "MAIL_SERVER": "127.0.0.1" if smtp_port else "",
        "MAIL_PORT": smtp_port or 25,
        "BASE_URL": "http://dansveilig.test",
        "SERVER_NAME": None,
        "RATELIMIT_STORAGE_URI": "memory://",
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = ClosingClient
    return app


@pytest.fixture(scope="session")
def _session_app(database_url, smtp_server, tmp_path_factory):
    controller, _handler = smtp_server
    app = make_test_app(database_url, controller.port)
    with app.app_context():
        db.drop_all()
        db.create_all()
    return app


@pytest.fixture
def app(_session_app, tmp_path):
    """The app with a clean database; every table is emptied after the test. Audit
    checkpoints go to the test's own folder (the database is emptied, so must they be)."""
    _session_app.config["AUDIT_CHECKPOINT_PATH"] = str(tmp_path / "audit-checkpoints.jsonl")
    with _session_app.app_context():
        yield _session_app
        db.session.rollback()
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(delete(table))
        limiter.reset()


@pytest.fixture
def evidence_dir(app, tmp_path):
    """Uploaded files of a test go to a folder of its own (packages that store files make
    this autouse in their conftest)."""
    old = app.config.get("EVIDENCE_STORAGE_PATH")
    app.config["EVIDENCE_STORAGE_PATH"] = str(tmp_path / "evidence")
    yield tmp_path / "evidence"
    app.config["EVIDENCE_STORAGE_PATH"] = old


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def mailbox(smtp_server):
    """The messages the local SMTP server received during this test."""
    _controller, handler = smtp_server
    with handler.lock:
        handler.messages.clear()
    return handler.messages


_counter = iter(range(1, 10**9))


def make_user(roles=(Role.teacher,), email=None, name=None, password=DEFAULT_PASSWORD, locale="nl"):
    from accounts.services import create_user

    n = next(_counter)
    return create_user(email or f"user{n}@example.nl", name or f"Gebruiker {n}", set(roles), by=None,
                       password=password, locale=locale)


@pytest.fixture
def user_factory(app):
    return make_user


def log_in(client, user, password=DEFAULT_PASSWORD):
    response = client.post("/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.data[:500]
    return user


@pytest.fixture
def login(client):
    """`login(Role.admin)` or `login(user)`: log the test client in and return the user."""

    def _login(who):
        user = make_user(roles=(who,)) if isinstance(who, Role) else who
        return log_in(client, user)

    return _login
