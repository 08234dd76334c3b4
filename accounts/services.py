"""Account rules: registration, confirmation, login with throttling, password reset,
users created by an admin. Each function that changes state commits its own transaction
and writes an audit event.
"""

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from limits import parse
from sqlalchemy import select

from accounts.models import Role, User, UserRole
from core.audit import record_event
from core.extensions import db, limiter
from core.mail import queue_mail
from core.models import utcnow

_HASHERS = {
    # Tests hash thousands of passwords; production keeps argon2-cffi's recommended cost.
    "testing": PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
    "default": PasswordHasher(),
}


def _hasher() -> PasswordHasher:
    return _HASHERS["testing" if current_app.config["APP_ENV"] == "testing" else "default"]
MIN_PASSWORD_LENGTH = 10
_RESET_SALT = "password-reset"
_CONFIRM_SALT = "email-confirm"


class AccountError(Exception):
    """A refused account action; `message` is shown to the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class LoginThrottled(AccountError):
    pass


class EmailNotConfirmed(AccountError):
    pass


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_password(user: User | None, password: str) -> bool:
    if user is None or not user.password_hash:
        _hasher().hash(password)  # spend the same time as a real check: no timing oracle
        return False
    try:
        return _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def find_user(email: str) -> User | None:
    return db.session.execute(select(User).where(User.email == normalise_email(email))).scalar_one_or_none()


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _password_fingerprint(user: User) -> str:
    # Binding the reset token to the current hash makes it single-use.
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def _check_new_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError(_l("Kies een wachtwoord van minstens %(n)s tekens.", n=MIN_PASSWORD_LENGTH))


# --- registration and confirmation -------------------------------------------------------

def register_user(email: str, name: str, password: str, role: Role, locale: str = "nl") -> User:
    """Self-registration for school owners and teachers; the account works once the e-mail
    address is confirmed."""
    if role not in (Role.school_owner, Role.teacher):
        raise AccountError(_l("Deze rol kun je niet zelf aanvragen."))
    _check_new_password(password)
    email = normalise_email(email)
    if find_user(email):
        raise AccountError(_l("Er is al een account met dit e-mailadres. Log in of vraag een nieuw wachtwoord aan."))
    user = User(email=email, name=name.strip(), password_hash=hash_password(password), locale=locale)
    user.role_rows.append(UserRole(role=role))
    db.session.add(user)
    db.session.flush()
    record_event("user.registered", user, actor=user, details={"role": role.value})
    _queue_confirmation(user)
    db.session.commit()
    return user


def _queue_confirmation(user: User) -> None:
    token = _serializer(_CONFIRM_SALT).dumps({"uid": user.id, "email": user.email})
    queue_mail(user.email, _l("Bevestig je e-mailadres"), "confirm_email", locale=user.locale, user=user, token=token)


def resend_confirmation(email: str) -> None:
    """Send a new confirmation link if an unconfirmed account exists; silent otherwise."""
    user = find_user(email)
    if user and user.email_confirmed_at is None:
        _queue_confirmation(user)
        db.session.commit()


def confirm_email(token: str) -> User:
    try:
        data = _serializer(_CONFIRM_SALT).loads(token, max_age=current_app.config["EMAIL_CONFIRM_MAX_AGE"])
    except SignatureExpired:
        raise AccountError(_l("Deze bevestigingslink is verlopen. Vraag een nieuwe aan."))
    except BadSignature:
        raise AccountError(_l("Deze bevestigingslink klopt niet. Kopieer de hele link uit de e-mail."))
    user = db.session.get(User, data.get("uid"))
    if user is None or user.email != data.get("email"):
        raise AccountError(_l("Deze bevestigingslink klopt niet. Kopieer de hele link uit de e-mail."))
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        record_event("user.email_confirmed", user, actor=user)
        db.session.commit()
    return user


# --- login ---------------------------------------------------------------------------------

def _throttle_keys(email: str, address: str):
    cfg = current_app.config
    prefix = cfg.get("RATELIMIT_KEY_PREFIX") or ""  # several installations may share one Redis
    return (
        (parse(cfg["LOGIN_FAILURE_LIMIT"]), (f"{prefix}login-account", normalise_email(email))),
        (parse(cfg["LOGIN_FAILURE_LIMIT_PER_ADDRESS"]), (f"{prefix}login-address", address or "-")),
    )


def authenticate(email: str, password: str, address: str) -> User:
    """Return the user for a correct e-mail and password.

    Failed attempts are counted per account and per address in the rate limiter's shared
    store; past the limit even a correct password is refused until the window passes.
    """
    keys = _throttle_keys(email, address)
    if not all(limiter.limiter.test(item, *ids) for item, ids in keys):
        raise LoginThrottled(_l("Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw."))
    user = find_user(email)
    if not check_password(user, password) or not user.is_enabled:
        for item, ids in keys:
            limiter.limiter.hit(item, *ids)
        raise AccountError(_l("Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."))
    if user.email_confirmed_at is None:
        raise EmailNotConfirmed(_l("Bevestig eerst je e-mailadres met de link die we je hebben gestuurd."))
    item, ids = keys[0]
    limiter.limiter.clear(item, *ids)
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    record_event("user.logged_in", user, actor=user)
    db.session.commit()
    return user


def record_logout(user: User) -> None:
    record_event("user.logged_out", user, actor=user)
    db.session.commit()


# --- password reset ------------------------------------------------------------------------

def request_password_reset(email: str) -> None:
    """Queue a reset link when the account exists. The caller shows the same answer either
    way, so nobody can find out which addresses have an account."""
    user = find_user(email)
    if user is None or not user.is_enabled:
        return
    token = _serializer(_RESET_SALT).dumps({"uid": user.id, "fp": _password_fingerprint(user)})
    queue_mail(user.email, _l("Nieuw wachtwoord instellen"), "password_reset", locale=user.locale,
               user=user, token=token)
    record_event("user.password_reset_requested", user)
    db.session.commit()


def user_for_reset_token(token: str) -> User:
    try:
        data = _serializer(_RESET_SALT).loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except SignatureExpired:
        raise AccountError(_l("Deze link is verlopen. Vraag een nieuwe link aan."))
    except BadSignature:
        raise AccountError(_l("Deze link is ongeldig of al gebruikt. Vraag een nieuwe link aan."))
    user = db.session.get(User, data.get("uid")) if isinstance(data, dict) else None
    if user is None or data.get("fp") != _password_fingerprint(user):
        raise AccountError(_l("Deze link is ongeldig of al gebruikt. Vraag een nieuwe link aan."))
    return user


def reset_password(token: str, new_password: str) -> User:
    user = user_for_reset_token(token)
    _check_new_password(new_password)
    user.password_hash = hash_password(new_password)
    # Following an e-mailed link proves the address, as a confirmation link would.
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    record_event("user.password_reset", user, actor=user)
    db.session.commit()
    return user


def change_password(user: User, current: str, new_password: str) -> None:
    if not check_password(user, current):
        raise AccountError(_l("Je huidige wachtwoord klopt niet."))
    _check_new_password(new_password)
    user.password_hash = hash_password(new_password)
    record_event("user.password_changed", user, actor=user)
    db.session.commit()


def update_profile(user: User, name: str, locale: str) -> None:
    user.name = name.strip()
    user.locale = locale
    record_event("user.profile_updated", user, actor=user, details={"locale": locale})
    db.session.commit()


# --- users managed by an admin ---------------------------------------------------------------

def create_user(email: str, name: str, roles: set[Role], by: User | None, password: str | None = None,
                locale: str = "nl") -> User:
    """Create a confirmed account (assessors, admins, or any role) on an admin's behalf.

    Without a password the new user gets an e-mail with a link to choose one.
    """
    email = normalise_email(email)
    if not roles:
        raise AccountError(_l("Kies minstens één rol."))
    if find_user(email):
        raise AccountError(_l("Er is al een account met dit e-mailadres."))
    if password is not None:
        _check_new_password(password)
    user = User(email=email, name=name.strip(), locale=locale, email_confirmed_at=utcnow(),
                password_hash=hash_password(password) if password else None)
    user.role_rows.extend(UserRole(role=role) for role in sorted(roles, key=lambda r: r.value))
    db.session.add(user)
    db.session.flush()
    record_event("user.created", user, actor=by, details={"roles": sorted(r.value for r in roles)})
    if password is None:
        token = _serializer(_RESET_SALT).dumps({"uid": user.id, "fp": _password_fingerprint(user)})
        queue_mail(user.email, _l("Je account bij Dans Veilig"), "account_created", locale=locale,
                   user=user, token=token)
    db.session.commit()
    return user


def list_users() -> list[User]:
    return list(db.session.execute(select(User).order_by(User.name)).scalars())


def set_user_enabled(user: User, enabled: bool, by: User) -> None:
    if user.id == by.id and not enabled:
        raise AccountError(_l("Je kunt je eigen account niet blokkeren."))
    user.is_enabled = enabled
    record_event("user.enabled" if enabled else "user.disabled", user, actor=by)
    db.session.commit()


def set_user_roles(user: User, roles: set[Role], by: User) -> None:
    if not roles:
        raise AccountError(_l("Kies minstens één rol."))
    if user.id == by.id and Role.admin not in roles:
        raise AccountError(_l("Je kunt je eigen beheerdersrol niet afnemen."))
    user.role_rows[:] = [UserRole(role=role) for role in sorted(roles, key=lambda r: r.value)]
    record_event("user.roles_changed", user, actor=by, details={"roles": sorted(r.value for r in roles)})
    db.session.commit()
