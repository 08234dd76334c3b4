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
from sqlalchemy import select

from accounts import throttle
from accounts.models import Role, User, UserRole
from core.audit import record_event
from core.errors import DomainError
from core.extensions import db
from core.i18n import lazy_plural, lazy_text
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
_UNLOCK_SALT = "login-unlock"


class AccountError(DomainError):
    """A refused account action; `message` is shown to the user."""


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
        raise AccountError(lazy_text("Kies een wachtwoord van minstens %(n)s tekens.", n=MIN_PASSWORD_LENGTH))


# --- registration and confirmation -------------------------------------------------------

def register_user(email: str, name: str, password: str, role: Role, locale: str = "nl") -> User | None:
    """Self-registration for school owners and teachers; the account works once the e-mail
    address is confirmed.

    For an address that has an account already nothing is created and its owner gets an
    e-mail saying so (None is returned); the caller answers exactly as for a new address, so
    registering does not tell who has an account here.
    """
    if role not in (Role.school_owner, Role.teacher):
        raise AccountError(_l("Deze rol kun je niet zelf aanvragen."))
    _check_new_password(password)
    email = normalise_email(email)
    password_hash = hash_password(password)  # also for a taken address: the same time either way
    existing = find_user(email)
    if existing is not None:
        queue_mail(existing.email, _l("Je hebt al een account bij Dans Veilig"), "already_registered",
                   locale=existing.locale, user=existing)
        record_event("user.registration_for_existing_account", existing, details={"role": role.value})
        db.session.commit()
        return None
    user = User(email=email, name=name.strip(), password_hash=password_hash, locale=locale)
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

class LoginUnlockable(LoginThrottled):
    """Refused for this account from this address; the owner can unlock it by e-mail."""


def authenticate(email: str, password: str, address: str) -> User:
    """Return the user for a correct e-mail and password.

    Failed attempts count per account and address, per address, and per account from
    everywhere (accounts.throttle); past a limit even a correct password is refused there,
    while the owner elsewhere, or after an unlock link, still gets in.
    """
    verdict = throttle.check(email, address)
    if verdict.unlockable:
        raise LoginUnlockable(_l("Te veel mislukte pogingen voor dit account vanaf dit adres. Wacht een kwartier, "
                                 "of laat je een link mailen waarmee je het meteen weer kunt proberen."))
    if verdict.wait_seconds:
        raise LoginThrottled(lazy_plural(
            "Voor dit account zijn veel mislukte pogingen gedaan. Probeer het over %(num)s seconde opnieuw.",
            "Voor dit account zijn veel mislukte pogingen gedaan. Probeer het over %(num)s seconden opnieuw.",
            verdict.wait_seconds))
    if not verdict.allowed:
        raise LoginThrottled(_l("Te veel mislukte pogingen vanaf dit adres. Wacht een kwartier en probeer het dan "
                                "opnieuw."))
    user = find_user(email)
    if not check_password(user, password) or not user.is_enabled:
        throttle.failed(email, address)
        raise AccountError(_l("Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."))
    if user.email_confirmed_at is None:
        raise EmailNotConfirmed(_l("Bevestig eerst je e-mailadres met de link die we je hebben gestuurd."))
    throttle.succeeded(email, address)
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    record_event("user.logged_in", user, actor=user)
    db.session.commit()
    return user


def request_login_unlock(email: str) -> None:
    """E-mail the owner a link that lets their address try their account again. Silent for
    an unknown address: the caller answers the same either way."""
    user = find_user(email)
    if user is None or not user.is_enabled:
        return
    token = _serializer(_UNLOCK_SALT).dumps({"uid": user.id, "fp": _password_fingerprint(user)})
    queue_mail(user.email, _l("Inloggen weer mogelijk maken"), "login_unlock", locale=user.locale, user=user,
               token=token)
    record_event("user.login_unlock_requested", user)
    db.session.commit()


def unlock_login(token: str, address: str) -> User:
    try:
        data = _serializer(_UNLOCK_SALT).loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except BadSignature:  # SignatureExpired included
        raise AccountError(_l("Deze link is verlopen of klopt niet. Vraag een nieuwe aan op de inlogpagina."))
    user = db.session.get(User, data.get("uid")) if isinstance(data, dict) else None
    if user is None or data.get("fp") != _password_fingerprint(user):
        raise AccountError(_l("Deze link is verlopen of klopt niet. Vraag een nieuwe aan op de inlogpagina."))
    throttle.unlock(user.email, address)
    record_event("user.login_unlocked", user, actor=user, details={"address": address})
    db.session.commit()
    return user


def user_for_session(cookie_id: str) -> User | None:
    """The user a session or remember-me cookie names, or None when that session was ended
    (its generation is older than the user's) or the id is malformed."""
    user_id, _, generation = str(cookie_id).partition(".")
    if not user_id.isdigit() or not generation.isdigit() or len(user_id) > 18:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or int(generation) != (user.session_generation or 0):
        return None
    return user


def _end_sessions(user: User) -> None:
    """Every session and remember-me cookie of this user stops working (in the caller's
    transaction)."""
    user.session_generation = (user.session_generation or 0) + 1


def record_logout(user: User) -> None:
    """Logging out ends every session of the user, a copied cookie or a remember-me token
    included."""
    _end_sessions(user)
    record_event("user.logged_out", user, actor=user)
    db.session.commit()


def log_out_everywhere(user: User) -> None:
    _end_sessions(user)
    record_event("user.logged_out_everywhere", user, actor=user)
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
    _end_sessions(user)
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
    _end_sessions(user)  # the caller logs the current session in again
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
    if not enabled:
        _end_sessions(user)
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
