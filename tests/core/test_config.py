import pytest

from app import create_app
from core.config import ConfigError


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app({"APP_ENV": "production"})


def test_development_generates_a_secret_key_once(tmp_path, monkeypatch):
    from core.config import load_config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config(str(tmp_path), {"APP_ENV": "development"})["SECRET_KEY"]
    second = load_config(str(tmp_path), {"APP_ENV": "development"})["SECRET_KEY"]
    assert first == second and len(first) > 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_unknown_environment_is_refused():
    with pytest.raises(ConfigError, match="APP_ENV"):
        create_app({"APP_ENV": "staging"})


def test_postgres_urls_use_psycopg_3(tmp_path, monkeypatch):
    from core.config import load_config

    monkeypatch.setenv("DATABASE_URL", "postgres://u@db/x")
    assert load_config(str(tmp_path), {"SECRET_KEY": "k"})["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/x"


def test_production_cookies_are_secure(monkeypatch):
    app = create_app({"APP_ENV": "production", "SECRET_KEY": "a real secret for this test"})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
