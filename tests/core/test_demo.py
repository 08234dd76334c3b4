from sqlalchemy import func, select

from accounts.models import User
from core.extensions import db
from tests.kit import make_test_app


def test_demo_load_is_idempotent_and_demo_users_can_log_in(runner, client):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0 and "admin@demo.dansveilig.nl" in result.output
    # the six demo logins and the owner of the reporting demo's 22 schools
    assert db.session.scalar(select(func.count()).select_from(User)) == 7
    for email in ("admin@demo.dansveilig.nl", "assessor1@demo.dansveilig.nl", "assessor2@demo.dansveilig.nl",
                  "eigenaar@demo.dansveilig.nl", "docent@demo.dansveilig.nl", "monitor@demo.dansveilig.nl"):
        assert client.post("/login", data={"email": email, "password": "demo-password"}).status_code == 302
        assert client.post("/logout").status_code == 302


def test_demo_load_is_refused_in_production(database_url):
    app = make_test_app(database_url, APP_ENV="production")
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0 and "never loaded in production" in result.output


def test_first_start_loads_the_demo_only_once(runner):
    result = runner.invoke(args=["setup", "first-start"])
    assert "loading demo data" in result.output and "demo-password" in result.output
    result = runner.invoke(args=["setup", "first-start"])
    assert "loading demo data" not in result.output
