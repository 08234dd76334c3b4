"""Fixtures: one app per session, a clean database per test, a real SMTP server and a login
helper per role. Helpers that are not fixtures (make_user, log_in, ...) live in tests/kit.py,
factories in each package's factories.py.

The database is SQLite in a temporary folder unless TEST_DATABASE_URL names another one
(CI runs the suite a second time against PostgreSQL).
"""

import os
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import delete, event
from sqlalchemy.engine import Engine

from accounts.models import Role
from core.extensions import db, limiter
from tests.kit import log_in, make_test_app, make_user

pytest_plugins = ["tests.browser", "tests.s3_server"]


@event.listens_for(Engine, "connect")
def _sqlite_without_fsync(dbapi_connection, _connection_record):
    """A test database need not survive a power cut, so SQLite skips the fsync of every
    commit (thousands per run, each one slow on a busy disk)."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.execute("PRAGMA synchronous=OFF")


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


@pytest.fixture
def user_factory(app):
    return make_user


@pytest.fixture
def login(client):
    """`login(Role.admin)` or `login(user)`: log the test client in and return the user."""

    def _login(who):
        user = make_user(roles=(who,)) if isinstance(who, Role) else who
        return log_in(client, user)

    return _login
