"""What the registry's services share: the rules from the quality plan, the
status refresh that every change ends with, and uploads."""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from certification.teachers.errors import RegistryError
from certification.teachers.models import CodeOfConductVersion, Teacher, TeacherStatus
from certification.teachers.signals import registration_status_changed, teacher_changed
from certification.teachers.status import RegistryRules, StatusReport, derive_status
from compliance.errors import ComplianceError
from compliance.filetypes import JPEG, PDF, PNG, detect
from core.audit import record_event
from core.dates import today
from core.extensions import db
from core.i18n import lazy_text
from core.mail import queue_mail
from core.models import utcnow
from core.storage import get_storage
from standards.services import current_plan

MAX_TEXT = 200


def current_code_version() -> CodeOfConductVersion | None:
    return db.session.execute(select(CodeOfConductVersion).order_by(CodeOfConductVersion.published_at.desc(),
                                                                    CodeOfConductVersion.id.desc()).limit(1)
                              ).scalar_one_or_none()


def current_rules() -> RegistryRules | None:
    """The quality plan's VOG and CPD rules and the code of conduct in force; None before
    the first plan is published. (An adapter over standards.services.current_plan().)"""
    plan = current_plan()
    if plan is None:
        return None
    code = current_code_version()
    rules = plan.rules
    return RegistryRules(vog=rules.vog, cpd=rules.cpd, code_version_id=code.id if code else None,
                         code_version=code.version if code else None)


def require_rules() -> RegistryRules:
    rules = current_rules()
    if rules is None:
        raise RegistryError(_l("Er is nog geen kwaliteitsplan gepubliceerd. Probeer het later opnieuw."))
    return rules


def status_report(teacher: Teacher, rules: RegistryRules | None = None, on: date | None = None) -> StatusReport:
    return derive_status(teacher, rules if rules is not None else current_rules(), on or today())


_FROM_PLAN = object()


def refresh_status(teacher: Teacher, actor=None, rules=_FROM_PLAN, on: date | None = None,
                   reason: str | None = None, mail: bool = True) -> bool:
    """Derive the status again, store it, keep the search index current; on a change write
    the audit event and tell the teacher by e-mail in their language (unless `mail` is false:
    a sanction tells the teacher in its own words). The caller commits. Returns whether the
    status changed."""
    on = on or today()
    report = derive_status(teacher, current_rules() if rules is _FROM_PLAN else rules, on)
    old, old_until = teacher.status, teacher.status_until
    changed = (report.status, report.until) != (old, old_until)
    if changed:
        teacher.status, teacher.status_until = report.status, report.until
        teacher.status_changed_at = utcnow()
        record_event("teacher.status_changed", teacher, actor=actor, details={
            "from": old.value if old else None, "to": report.status.value,
            "until": report.until.isoformat() if report.until else None,
            "missing": [check.code for check in report.missing]})
    if changed and mail:
        queue_mail(teacher.email, lazy_text("Je registratie in het docentenregister: %(status)s",
                                     status=report.status.label), "registry/status_changed",
                   locale=teacher.mail_locale, teacher=teacher, report=report, old=old, reason=reason)
    if changed:  # the schools that employ the teacher hear of it whatever told the teacher
        registration_status_changed.send(teacher, old=old, new=report.status)
    if report.status is TeacherStatus.active and teacher.activated_on is None:
        teacher.activated_on = on
    teacher_changed.send(teacher)
    return changed


@dataclass
class Upload:
    filename: str
    data: bytes


def store_proof(upload: Upload | None, field: str) -> tuple[str | None, str | None]:
    """Store a PDF, JPEG or PNG (judged by its content) and return (sha256, file name)."""
    if upload is None or not upload.data:
        return None, None

    try:
        kind = detect(upload.data, upload.filename)
    except ComplianceError:
        kind = None
    if kind not in (PDF, JPEG, PNG):
        raise RegistryError(_l("Het bestand moet een PDF, JPEG of PNG zijn. We kijken naar de inhoud, niet naar de "
                               "naam."), field=field)
    name = (upload.filename or f"bewijs.{kind.extension}").replace("/", "_").replace("\\", "_")[-MAX_TEXT:]
    return get_storage(current_app).put(upload.data), name


def clean_text(value: str | None, field: str, label, required: bool = True, max_length: int = MAX_TEXT) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        raise RegistryError(lazy_text("Vul %(what)s in.", what=label), field=field)
    if len(value) > max_length:
        raise RegistryError(lazy_text("%(what)s is hoogstens %(n)s tekens.", what=label, n=max_length), field=field)
    return value


def not_in_future(day: date | None, field: str, label) -> date:
    if day is None:
        raise RegistryError(lazy_text("Vul %(what)s in.", what=label), field=field)
    if day > today():
        raise RegistryError(lazy_text("%(what)s ligt in de toekomst. Vul een datum in die al geweest is.", what=label),
                            field=field)
    return day


def teacher_for_user(user) -> Teacher | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.execute(select(Teacher).where(Teacher.user_id == user.id)).scalar_one_or_none()
