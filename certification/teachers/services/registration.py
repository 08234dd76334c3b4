"""Registering: a teacher registers themselves, or a school starts it and the teacher
confirms by e-mail. Either way the registration number is drawn here."""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from accounts.models import Role, UserRole
from accounts.services import normalise_email
from certification.teachers.errors import RegistryError
from certification.teachers.models import Employment, Teacher
from certification.teachers.numbers import random_number
from certification.teachers.services.common import clean_text, refresh_status, teacher_for_user
from certification.teachers.services.employment import checked_employment
from compliance.vocabulary import GENRES
from core.audit import record_event
from core.dates import today
from core.extensions import db
from core.i18n import lazy_text
from core.mail import queue_mail
from core.models import utcnow

_INVITE_SALT = "teacher-invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600


@dataclass
class TeacherDetails:
    first_name: str
    last_name: str
    genres: list[str] = field(default_factory=list)
    phone: str | None = None
    date_of_birth: date | None = None


def _checked_details(details: TeacherDetails) -> dict:
    unknown = [genre for genre in details.genres if genre not in GENRES]
    if unknown:
        raise RegistryError(lazy_text("Onbekend dansgenre: %(genres)s.", genres=", ".join(unknown)), field="genres")
    if not details.genres:
        raise RegistryError(_l("Kies minstens één dansgenre."), field="genres")
    phone = clean_text(details.phone, "phone", _l("telefoonnummer"), required=False, max_length=30)
    if phone and not all(char.isdigit() or char in " +-()" for char in phone):
        raise RegistryError(_l("Een telefoonnummer bestaat uit cijfers, spaties en eventueel + - ( )."),
                            field="phone")
    born = details.date_of_birth
    if born is not None and not (date(1900, 1, 1) <= born <= today()):
        raise RegistryError(_l("Deze geboortedatum kan niet kloppen."), field="date_of_birth")
    return {"first_name": clean_text(details.first_name, "first_name", _l("je voornaam"), max_length=80),
            "last_name": clean_text(details.last_name, "last_name", _l("je achternaam"), max_length=120),
            "genres": [genre for genre in GENRES if genre in details.genres], "phone": phone or None,
            "date_of_birth": born}


def new_registration_number(taken: set[str] | None = None) -> str:
    """A random unused number: random, so that a number says nothing about when or in
    which order someone registered, and a neighbouring number is nobody in particular."""
    for _attempt in range(50):
        number = random_number()
        if taken is not None and number in taken:
            continue
        if db.session.execute(select(Teacher.id).where(Teacher.registration_number == number)).first() is None:
            return number
    raise RegistryError(_l("Er kon geen registratienummer worden gemaakt. Probeer het opnieuw."))


def find_teacher_by_email(email: str) -> Teacher | None:
    return db.session.execute(select(Teacher).where(Teacher.email == normalise_email(email))).scalar_one_or_none()


def register_teacher(user, details: TeacherDetails) -> Teacher:
    """Self-service registration for a logged-in user (whose e-mail address is confirmed).
    A registration that a school or an import started under the same address is taken
    over instead of making a second one."""
    if teacher_for_user(user) is not None:
        raise RegistryError(_l("Je hebt al een registratie in het docentenregister."))
    values = _checked_details(details)
    teacher = find_teacher_by_email(user.email)
    if teacher is not None and teacher.user_id is not None:
        raise RegistryError(_l("Dit e-mailadres hoort al bij een andere registratie. Neem contact op met de "
                               "alliantie."))
    if teacher is None:
        teacher = Teacher(registration_number=new_registration_number(), email=user.email, locale=user.locale,
                          created_by_id=user.id)
        db.session.add(teacher)
        action = "teacher.registered"
    else:
        action = "teacher.claimed"
    for key, value in values.items():
        setattr(teacher, key, value)
    teacher.user_id, teacher.confirmed_at = user.id, utcnow()
    _ensure_teacher_role(user)
    db.session.flush()
    record_event(action, teacher, actor=user, details={"registration_number": teacher.registration_number})
    refresh_status(teacher, actor=user)
    db.session.commit()
    return teacher


def update_details(teacher: Teacher, details: TeacherDetails, by) -> None:
    values = _checked_details(details)
    changed = sorted(key for key, value in values.items() if getattr(teacher, key) != value)
    for key, value in values.items():
        setattr(teacher, key, value)
    if changed:
        record_event("teacher.details_updated", teacher, actor=by, details={"fields": changed})
    refresh_status(teacher, actor=by)
    db.session.commit()


def _ensure_teacher_role(user) -> None:
    if not user.has_role(Role.teacher):
        user.role_rows.append(UserRole(role=Role.teacher))


# --- started by a school ----------------------------------------------------------------------------

def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_INVITE_SALT)


@dataclass
class Invitation:
    first_name: str
    last_name: str
    email: str
    genres: list[str]
    role: str
    works_with_minors: bool
    since: date


def invite_teacher(school, invitation: Invitation, by) -> Teacher | None:
    """A school owner starts a registration for a teacher who is not yet in the register;
    the teacher gets an e-mail with a link to confirm it. A teacher who is registered
    already gets an e-mail asking them to give the school their number, and None is returned:
    the school sees the same answer either way, so the register's addresses are not disclosed."""
    email = normalise_email(invitation.email)
    if not email or "@" not in email or len(email) > 254:
        raise RegistryError(_l("Vul een geldig e-mailadres in."), field="email")
    existing = find_teacher_by_email(email)
    if existing is not None:
        # The same answer as for a new teacher (nobody learns who is registered); the teacher
        # is asked to give the school their number, with which it links them.
        queue_mail(existing.email, lazy_text("%(school)s wil je koppelen in het docentenregister", school=school.name),
                   "registry/asked_for_number", locale=existing.mail_locale, teacher=existing, school=school)
        record_event("teacher.invitation_for_registered", existing, actor=by, details={"school_id": school.id})
        db.session.commit()
        return None
    values = _checked_details(TeacherDetails(invitation.first_name, invitation.last_name, invitation.genres))
    role, since = checked_employment(invitation.role, invitation.since)
    teacher = Teacher(registration_number=new_registration_number(), email=email, created_by_id=by.id, **values)
    db.session.add(teacher)
    db.session.flush()
    db.session.add(Employment(teacher=teacher, school=school, role=role, since=since, created_by_id=by.id,
                              works_with_minors=bool(invitation.works_with_minors)))
    record_event("teacher.invited", teacher, actor=by, details={"school_id": school.id,
                                                                "registration_number": teacher.registration_number})
    token = _serializer().dumps({"tid": teacher.id, "email": email})
    queue_mail(email, lazy_text("%(school)s heeft je aangemeld voor het docentenregister", school=school.name),
               "registry/invitation", locale="nl", teacher=teacher, school=school, token=token)
    refresh_status(teacher, actor=by)
    db.session.commit()
    return teacher


def teacher_from_token(token: str) -> Teacher:
    try:
        data = _serializer().loads(token, max_age=INVITATION_MAX_AGE)
    except SignatureExpired:
        raise RegistryError(_l("Deze link is verlopen. Vraag de school om je opnieuw aan te melden, of meld je zelf "
                               "aan in het docentenregister."))
    except BadSignature:
        raise RegistryError(_l("Deze link klopt niet. Kopieer de hele link uit de e-mail."))
    teacher = db.session.get(Teacher, data.get("tid")) if isinstance(data, dict) else None
    if teacher is None or teacher.email != data.get("email"):
        raise RegistryError(_l("Deze link klopt niet. Kopieer de hele link uit de e-mail."))
    return teacher


def confirm_invitation(token: str, user) -> Teacher:
    """The invited teacher, logged in with the address the invitation went to, confirms."""
    teacher = teacher_from_token(token)
    if teacher.user_id == user.id:
        return teacher
    if teacher.user_id is not None:
        raise RegistryError(_l("Deze registratie is al bevestigd."))
    if normalise_email(user.email) != teacher.email:
        raise RegistryError(_l("Log in met het e-mailadres waar de uitnodiging naartoe is gestuurd."))
    if teacher_for_user(user) is not None:
        raise RegistryError(_l("Je hebt al een registratie in het docentenregister."))
    teacher.user_id, teacher.confirmed_at, teacher.locale = user.id, utcnow(), user.locale
    _ensure_teacher_role(user)
    record_event("teacher.confirmed", teacher, actor=user)
    refresh_status(teacher, actor=user)
    db.session.commit()
    return teacher
