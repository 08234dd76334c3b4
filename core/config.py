"""Configuration from the environment.

Development generates a secret key into `instance/`; production refuses to start without
a real one, so a forgotten setting fails loudly instead of signing cookies with a guess.
"""

import os
import secrets
from pathlib import Path

ENVIRONMENTS = ("development", "testing", "production")


class ConfigError(RuntimeError):
    """The environment does not describe a configuration the app can run with."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _count(value: str | None, name: str) -> int:
    if value is None or value.strip() == "":
        return 0
    if not value.strip().isdigit():
        raise ConfigError(f"{name} must be a whole number (0 or more), not {value!r}.")
    return int(value)


def _dev_secret_key(instance_path: Path) -> str:
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def load_config(instance_path: str, overrides: dict | None = None) -> dict:
    """Build the Flask config dict from environment variables and explicit overrides."""
    overrides = overrides or {}
    env = overrides.get("APP_ENV") or os.environ.get("APP_ENV", "development")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}.")
    instance = Path(instance_path)
    production = env == "production"

    secret_key = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if not secret_key:
        if production:
            raise ConfigError(
                "SECRET_KEY is not set. In production the app needs a long random SECRET_KEY "
                "in its environment, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
            )
        secret_key = _dev_secret_key(instance)

    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'dansveilig.sqlite'}"
    if database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgres://"):]
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]

    config = {
        "APP_ENV": env,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        # A server connection can drop between requests (a restart, a proxy's timeout). Instead
        # of a check query on every checkout (a round trip per request), connections are
        # renewed after DATABASE_POOL_RECYCLE seconds and a read that meets a dropped one is
        # run again once on a fresh connection (core.db_retry).
        "SQLALCHEMY_ENGINE_OPTIONS": {} if database_url.startswith("sqlite") else {
            "pool_pre_ping": False, "pool_recycle": int(os.environ.get("DATABASE_POOL_RECYCLE", "1800"))},
        "BASE_URL": os.environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        # Addresses the platform had before (comma-separated): credentials signed there keep
        # passing their status-list check after a move of the domain.
        "PREVIOUS_BASE_URLS": tuple(url.strip().rstrip("/") for url in os.environ.get("PREVIOUS_BASE_URLS", "")
                                    .split(",") if url.strip()),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool(os.environ.get("MAIL_USE_TLS")),
        "MAIL_USE_SSL": _bool(os.environ.get("MAIL_USE_SSL")),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "Dans Veilig <no-reply@dansveilig.nl>"),
        "MAIL_SEND_AFTER_REQUEST": _bool(os.environ.get("MAIL_SEND_AFTER_REQUEST"), True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": False,
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", ""),
        "LOGIN_FAILURE_LIMIT": os.environ.get("LOGIN_FAILURE_LIMIT", "5 per 15 minutes"),
        "LOGIN_FAILURE_LIMIT_PER_ADDRESS": os.environ.get("LOGIN_FAILURE_LIMIT_PER_ADDRESS", "20 per 15 minutes"),
        "LOGIN_SLOWDOWN_AFTER": os.environ.get("LOGIN_SLOWDOWN_AFTER", "10 per 15 minutes"),
        "LOGIN_SLOWDOWN_SECONDS": int(os.environ.get("LOGIN_SLOWDOWN_SECONDS", "10")),
        # How many reverse proxies in front of the app may set X-Forwarded-For/-Proto. With 0
        # those headers are ignored: anyone could write them. Set 1 behind one nginx/Caddy.
        "TRUSTED_PROXIES": _count(os.environ.get("TRUSTED_PROXIES"), "TRUSTED_PROXIES"),
        "PASSWORD_RESET_MAX_AGE": int(os.environ.get("PASSWORD_RESET_MAX_AGE", str(60 * 60))),
        "EMAIL_CONFIRM_MAX_AGE": int(os.environ.get("EMAIL_CONFIRM_MAX_AGE", str(60 * 60 * 48))),
        # How long a proxy or browser may keep a public answer (seconds). A suspension or a
        # revocation shows on the verification page and in the registers after at most this.
        "PUBLIC_CACHE_SECONDS": int(os.environ.get("PUBLIC_CACHE_SECONDS", "60")),
        "STATUS_LIST_TTL_SECONDS": int(os.environ.get("STATUS_LIST_TTL_SECONDS", "60")),
        "PLAN_CACHE_SECONDS": int(os.environ.get("PLAN_CACHE_SECONDS", "3600")),
        # Evidence in an S3-compatible bucket instead of the folder (core.s3_storage).
        "EVIDENCE_S3_BUCKET": os.environ.get("EVIDENCE_S3_BUCKET", ""),
        "EVIDENCE_S3_PREFIX": os.environ.get("EVIDENCE_S3_PREFIX", ""),
        "EVIDENCE_S3_ENDPOINT_URL": os.environ.get("EVIDENCE_S3_ENDPOINT_URL", ""),
        "EVIDENCE_S3_REGION": os.environ.get("EVIDENCE_S3_REGION", ""),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024 + 64 * 1024,
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "LANGUAGES": ("nl", "en"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": env == "production",
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 12,
        "WTF_CSRF_TIME_LIMIT": None,
        "TESTING": env == "testing",
    }
    config.update(overrides)
    return config
