"""Shared test helpers that are not fixtures: the test app's configuration, a user in one
line and a log-in through the real form. Fixtures live in tests/conftest.py and use these."""

from contextlib import contextmanager

from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from accounts.models import Role
from app import create_app

DEFAULT_PASSWORD = "correct horse battery"


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


_counter = iter(range(1, 10**9))


def make_user(roles=(Role.teacher,), email=None, name=None, password=DEFAULT_PASSWORD, locale="nl"):
    from accounts.services import create_user

    n = next(_counter)
    return create_user(email or f"user{n}@example.nl", name or f"Gebruiker {n}", set(roles), by=None,
                       password=password, locale=locale)


def log_in(client, user, password=DEFAULT_PASSWORD):
    response = client.post("/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.data[:500]
    return user


def sent_to(mailbox, address):
    """The messages in `mailbox` to `address`, after sending what the outbox still holds."""
    from core.mail import send_pending

    send_pending()
    return [message for message in mailbox if message["To"] == address]


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@contextmanager
def scratch_database(base_url: str, name: str):
    """An empty PostgreSQL database `name` on the server of `base_url`, dropped afterwards;
    yields its URL."""
    server = make_url(base_url)
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
