"""What a teacher hands in and an admin checks: qualifications, VOG, the code of conduct
and CPD activities, and the CPD catalogue the alliance keeps."""

import time

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from certification.teachers.errors import RegistryError
from certification.teachers.models import (
    CodeOfConductSignature,
    CodeOfConductVersion,
    CpdActivity,
    CpdRecord,
    Qualification,
    QualificationKind,
    Review,
    Teacher,
    TeacherStatus,
    VogRecord,
)
from certification.teachers.services.common import (
    Upload,
    clean_text,
    current_code_version,
    not_in_future,
    refresh_status,
    require_rules,
    store_proof,
)
from certification.teachers.services.lifecycle import refresh_statuses
from core.audit import record_event
from core.dates import add_months, today
from core.extensions import db
from core.i18n import lazy_text
from core.mail import queue_mail
from core.models import utcnow
from core.storage import get_storage
from standards.vocabulary import CPD_CATEGORIES, localized

MAX_POINTS = 100


def _reviewed(item, approve: bool, reason: str | None, by) -> str | None:
    if item.review is not Review.pending:
        raise RegistryError(_l("Dit is al beoordeeld."))
    reason = " ".join((reason or "").split())[:1000] or None
    if not approve and not reason:
        raise RegistryError(_l("Schrijf bij een afwijzing de reden op; de docent krijgt die te zien."),
                            field="reason")
    item.review = Review.approved if approve else Review.rejected
    item.review_reason = reason
    return reason


def _tell_rejected(teacher: Teacher, what, reason: str) -> None:
    queue_mail(teacher.email, lazy_text("Afgewezen in het docentenregister: %(what)s", what=what), "registry/rejected",
               locale=teacher.mail_locale, teacher=teacher, what=what, reason=reason)


# --- qualifications ---------------------------------------------------------------------------------

def add_qualification(teacher: Teacher, kind: str, institution: str, obtained_on, evidence: Upload | None,
                      by) -> Qualification:
    try:
        kind = QualificationKind(kind)
    except ValueError:
        raise RegistryError(_l("Kies een soort diploma uit de lijst."), field="kind")
    institution = clean_text(institution, "institution", _l("de opleiding of organisatie"))
    obtained_on = not_in_future(obtained_on, "obtained_on", _l("de datum van het diploma"))
    if evidence is None or not evidence.data:
        raise RegistryError(_l("Voeg een kopie of foto van het diploma toe."), field="evidence")
    duplicate = db.session.execute(select(Qualification.id).where(
        Qualification.teacher_id == teacher.id, Qualification.kind == kind,
        Qualification.institution == institution, Qualification.obtained_on == obtained_on)).first()
    if duplicate:
        raise RegistryError(_l("Dit diploma staat er al."), field="institution")
    sha, name = store_proof(evidence, "evidence")
    qualification = Qualification(teacher=teacher, kind=kind, institution=institution, obtained_on=obtained_on,
                                  evidence_sha256=sha, evidence_name=name)
    db.session.add(qualification)
    db.session.flush()
    record_event("teacher.qualification_added", qualification, actor=by,
                 details={"teacher_id": teacher.id, "kind": kind.value})
    refresh_status(teacher, actor=by)
    db.session.commit()
    return qualification


def review_qualification(qualification: Qualification, approve: bool, reason: str | None, by) -> None:
    """Verified by an admin against the evidence (recommendation 5.1: a recognised qualification)."""
    reason = _reviewed(qualification, approve, reason, by)
    qualification.reviewed_by_id, qualification.reviewed_at = by.id, utcnow()
    record_event("teacher.qualification_reviewed", qualification, actor=by, details={
        "teacher_id": qualification.teacher_id, "approved": approve, "reason": reason})
    if not approve:
        _tell_rejected(qualification.teacher, qualification.kind.label, reason)
    refresh_status(qualification.teacher, actor=by)
    db.session.commit()


# --- VOG ----------------------------------------------------------------------------------------------

def add_vog(teacher: Teacher, issued_on, screening_profile: str, scan: Upload | None, by) -> VogRecord:
    """The teacher gives the VOG's date of issue and screening profile; a scan is optional
    and kept only until the admin's check. A new VOG may be no older than the plan's
    maximum age at the start."""
    rules = require_rules()
    issued_on = not_in_future(issued_on, "issued_on", _l("de datum van afgifte"))
    if add_months(issued_on, rules.vog.max_age_months_at_start) <= today():
        raise RegistryError(lazy_text("Deze VOG is ouder dan %(months)s maanden. Vraag een nieuwe VOG aan en geef die "
                               "door.", months=rules.vog.max_age_months_at_start), field="issued_on")
    profile = clean_text(screening_profile, "screening_profile", _l("het screeningsprofiel"), max_length=20)
    if any(vog.review is Review.pending for vog in teacher.vog_records):
        raise RegistryError(_l("Je vorige VOG wacht nog op controle. Wacht die eerst af."))
    sha, _name = store_proof(scan, "scan")
    vog = VogRecord(teacher=teacher, issued_on=issued_on, screening_profile=profile, scan_sha256=sha)
    db.session.add(vog)
    db.session.flush()
    record_event("teacher.vog_added", vog, actor=by, details={"teacher_id": teacher.id,
                                                             "issued_on": issued_on.isoformat(),
                                                             "screening_profile": profile})
    db.session.commit()
    return vog


def check_vog(vog: VogRecord, approve: bool, reason: str | None, by) -> None:
    """An admin has seen the original and records that, and when. Only the date, the
    profile and the check stay: the scan is deleted now, whatever the outcome."""
    reason = _reviewed(vog, approve, reason, by)
    vog.checked_by_id, vog.checked_at = by.id, utcnow()
    scan, vog.scan_sha256 = vog.scan_sha256, None
    record_event("teacher.vog_checked", vog, actor=by, details={
        "teacher_id": vog.teacher_id, "approved": approve, "reason": reason, "scan_deleted": bool(scan)})
    if not approve:
        _tell_rejected(vog.teacher, _l("VOG"), reason)
    refresh_status(vog.teacher, actor=by)
    db.session.commit()
    if scan and not _still_referenced(scan):
        get_storage(current_app).delete(scan)


def _still_referenced(sha: str) -> bool:
    return any(db.session.execute(select(column).where(column == sha).limit(1)).first() for column in (
        VogRecord.scan_sha256, Qualification.evidence_sha256, CpdRecord.proof_sha256))


# --- code of conduct ------------------------------------------------------------------------------------

# How long publishing a code of conduct spends on lapsing registrations in the admin's request;
# what is left is done by the next `flask registry daily` (100,000 registrations take minutes).
PUBLISH_REFRESH_SECONDS = 20.0


def publish_code_version(version: str, text_nl: str, text_en: str, by) -> CodeOfConductVersion:
    """A new version of the code of conduct asks every registered teacher for a new signature:
    until they sign it, their registration has lapsed. Registrations are lapsed right away
    for PUBLISH_REFRESH_SECONDS, the rest by the daily job (see `registrations_to_refresh`)."""
    version = clean_text(version, "version", _l("het versienummer"), max_length=20)
    text = {"nl": (text_nl or "").strip(), "en": (text_en or "").strip()}
    if not text["nl"] or not text["en"]:
        raise RegistryError(_l("Vul de tekst in het Nederlands en in het Engels in."), field="text_nl")
    if db.session.execute(select(CodeOfConductVersion.id).where(CodeOfConductVersion.version == version)).first():
        raise RegistryError(lazy_text("Versie %(version)s bestaat al. Kies een nieuw versienummer.", version=version),
                            field="version")
    code = CodeOfConductVersion(version=version, text=text, published_by_id=getattr(by, "id", None))
    db.session.add(code)
    db.session.flush()
    record_event("code_of_conduct.published", code, actor=by, details={"version": version})
    db.session.commit()

    refresh_statuses(status_in=(TeacherStatus.active, TeacherStatus.lapsed), actor=by,
                     deadline=time.monotonic() + PUBLISH_REFRESH_SECONDS)
    return code


def registrations_to_refresh() -> int:
    """Active registrations without a signature under the current code of conduct: the ones
    the daily job will still lapse after a new version was published."""
    current = current_code_version()
    if current is None:
        return 0
    signed = select(CodeOfConductSignature.teacher_id).where(CodeOfConductSignature.version_id == current.id)
    return db.session.scalar(select(func.count()).select_from(Teacher).where(
        Teacher.status == TeacherStatus.active, Teacher.id.not_in(signed))) or 0


def list_code_versions() -> list[CodeOfConductVersion]:
    return list(db.session.execute(select(CodeOfConductVersion).order_by(CodeOfConductVersion.published_at.desc(),
                                                                         CodeOfConductVersion.id.desc())).scalars())


def sign_code(teacher: Teacher, version_id: int, by) -> None:
    current = current_code_version()
    if current is None or current.id != version_id:
        raise RegistryError(_l("Er is intussen een nieuwere versie van de gedragscode. Lees die en teken opnieuw."))
    if any(signature.version_id == current.id for signature in teacher.signatures):
        raise RegistryError(_l("Je hebt deze versie van de gedragscode al getekend."))
    db.session.add(CodeOfConductSignature(teacher=teacher, version_id=current.id))
    record_event("teacher.code_signed", teacher, actor=by, details={"version": current.version})
    refresh_status(teacher, actor=by)
    db.session.commit()


# --- CPD ------------------------------------------------------------------------------------------------

def _points(value, field="points") -> int:
    try:
        points = int(value)
    except (TypeError, ValueError):
        raise RegistryError(_l("Vul het aantal punten in als een heel getal."), field=field)
    if not 1 <= points <= MAX_POINTS:
        raise RegistryError(lazy_text("Het aantal punten ligt tussen 1 en %(max)s.", max=MAX_POINTS), field=field)
    return points


def _category(value, field="category") -> str:
    if value not in CPD_CATEGORIES:
        raise RegistryError(_l("Kies een categorie uit de lijst."), field=field)
    return value


def add_activity(title: str, provider: str, points, category: str, by) -> CpdActivity:
    activity = CpdActivity(title=clean_text(title, "title", _l("de titel")),
                           provider=clean_text(provider, "provider", _l("de aanbieder")),
                           points=_points(points), category=_category(category), created_by_id=by.id)
    db.session.add(activity)
    db.session.flush()
    record_event("cpd_activity.added", activity, actor=by, details={"title": activity.title,
                                                                   "points": activity.points})
    db.session.commit()
    return activity


def retire_activity(activity: CpdActivity, by) -> None:
    """Taken out of the catalogue for new records; what was logged with it stays."""
    if not activity.is_active:
        raise RegistryError(_l("Deze activiteit staat al niet meer in de catalogus."))
    activity.is_active = False
    record_event("cpd_activity.retired", activity, actor=by)
    db.session.commit()


def catalogue(active_only: bool = True) -> list[CpdActivity]:
    query = select(CpdActivity).order_by(CpdActivity.category, CpdActivity.title)
    if active_only:
        query = query.where(CpdActivity.is_active.is_(True))
    return list(db.session.execute(query).scalars())


def log_cpd(teacher: Teacher, completed_on, by, activity_id: int | None = None, title: str | None = None,
            provider: str | None = None, points=None, category: str | None = None,
            proof: Upload | None = None) -> CpdRecord:
    """From the catalogue (its title, provider, points and category are copied) or a free
    activity, which needs proof. Either way an admin approves it before it counts."""
    completed_on = not_in_future(completed_on, "completed_on", _l("de datum"))
    if activity_id:
        activity = db.session.get(CpdActivity, activity_id)
        if activity is None or not activity.is_active:
            raise RegistryError(_l("Kies een activiteit uit de catalogus."), field="activity_id")
        values = {"activity_id": activity.id, "title": activity.title, "provider": activity.provider,
                  "points": activity.points, "category": activity.category}
    else:
        if proof is None or not proof.data:
            raise RegistryError(_l("Voeg een bewijs toe, zoals een certificaat of deelnamebewijs."), field="proof")
        values = {"title": clean_text(title, "title", _l("de titel")),
                  "provider": clean_text(provider, "provider", _l("de aanbieder")),
                  "points": _points(points), "category": _category(category)}
    exists = db.session.execute(select(CpdRecord.id).where(
        CpdRecord.teacher_id == teacher.id, CpdRecord.title == values["title"],
        CpdRecord.provider == values["provider"], CpdRecord.completed_on == completed_on)).first()
    if exists:
        raise RegistryError(_l("Deze activiteit op deze datum staat er al."), field="completed_on")
    sha, name = store_proof(proof, "proof")
    record = CpdRecord(teacher=teacher, completed_on=completed_on, proof_sha256=sha, proof_name=name, **values)
    db.session.add(record)
    db.session.flush()
    record_event("teacher.cpd_logged", record, actor=by, details={"teacher_id": teacher.id,
                                                                 "points": record.points,
                                                                 "category": record.category})
    db.session.commit()
    return record


def review_cpd(record: CpdRecord, approve: bool, reason: str | None, by) -> None:
    reason = _reviewed(record, approve, reason, by)
    record.reviewed_by_id, record.reviewed_at = by.id, utcnow()
    record_event("teacher.cpd_reviewed", record, actor=by, details={
        "teacher_id": record.teacher_id, "approved": approve, "points": record.points, "reason": reason})
    if not approve:
        _tell_rejected(record.teacher, record.title, reason)
    refresh_status(record.teacher, actor=by)
    db.session.commit()


def category_label(code: str) -> str:
    return localized(CPD_CATEGORIES.get(code, {"nl": code}))


def review_queue() -> dict[str, list]:
    """Everything waiting for an admin, oldest first, with the teacher loaded in the same query."""
    def pending(model):
        return list(db.session.execute(select(model).options(joinedload(model.teacher))
                                       .where(model.review == Review.pending).order_by(model.created_at, model.id)
                                       .limit(200)).scalars())

    return {"qualifications": pending(Qualification), "vogs": pending(VogRecord), "cpd": pending(CpdRecord)}


def pending_count() -> int:
    return sum(db.session.execute(select(func.count()).select_from(model).where(model.review == Review.pending)
                                  ).scalar_one() for model in (Qualification, VogRecord, CpdRecord))
