"""Erasure on request (AVG art. 17), decided per table (the README's privacy section has
the same list for the reader):

- user: anonymised (name, e-mail, password, last login cleared), disabled, `erased_at` set;
  the row stays so that the records the registry keeps still point at an account.
- user_role, school_member, notification, outbox_message and pending school_invitation to
  the address: deleted; nothing needs them.
- teacher without a sanction: deleted with its qualifications, VOG checks, CPD, signatures,
  employments and files.
- teacher with a sanction (restricted, suspended, revoked): kept, minimised to name,
  registration number, status and sanction; contact details, date of birth, records and files
  deleted. The register must go on showing a sanction.
- assessments, answers, evidence, verdicts, messages, site visits, recommendations,
  certificates and their events, change requests: kept, now by "verwijderde gebruiker"; they
  are an issued certificate's history and the four-eyes record. Evidence leaves with the
  retention rule.
- audit_event: kept unchanged: append-only and hash-chained, the accountability of every
  decision; it names an account number, no longer a person.

Other packages add their rules with `core.personal_data.register` in their `init_app`.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from accounts.models import User
from accounts.services import check_password
from certification.stored_files import delete_unreferenced
from certification.teachers.models import Teacher, TeacherStatus
from compliance.models import MemberRole, School, SchoolInvitation, SchoolMember
from core.audit import record_event
from core.errors import DomainError
from core.extensions import db
from core.i18n import lazy_text
from core.models import OutboxMessage, utcnow
from core.personal_data import ErasureRule, register, rules
from notifications import Notification
from registry.models import TeacherSearch
from registry.search.teachers import reindex_teacher

ERASED_NAME = "Verwijderde gebruiker"
KEPT_STATUSES = (TeacherStatus.restricted, TeacherStatus.suspended, TeacherStatus.revoked)


class ErasureError(DomainError):
    """Erasing the account is refused; `message` says why and what to do first."""


# --- the platform's rules --------------------------------------------------------------------------------

def _sole_owner_of(user) -> object:
    for member in db.session.execute(select(SchoolMember).where(SchoolMember.user_id == user.id,
                                                                SchoolMember.role == MemberRole.owner)).scalars():
        owners = db.session.scalar(select(db.func.count()).select_from(SchoolMember).where(
            SchoolMember.school_id == member.school_id, SchoolMember.role == MemberRole.owner))
        if owners == 1:
            school = db.session.get(School, member.school_id)
            return lazy_text("Je bent de enige eigenaar van %(school)s. Nodig eerst iemand uit als eigenaar (bij ‘Wie "
                      "beheren deze school’), of vraag de alliantie de school over te dragen.", school=school.name)
    return None


def _erase_memberships(user) -> dict:
    members = db.session.execute(delete(SchoolMember).where(SchoolMember.user_id == user.id)).rowcount
    invitations = db.session.execute(delete(SchoolInvitation).where(
        SchoolInvitation.email == user.email, SchoolInvitation.accepted_at.is_(None))).rowcount
    return {"school_members": members, "invitations": invitations}


def _erase_messages(user) -> dict:
    notifications = db.session.execute(delete(Notification).where(Notification.user_id == user.id)).rowcount
    mails = db.session.execute(delete(OutboxMessage).where(OutboxMessage.recipient == user.email)).rowcount
    return {"notifications": notifications, "emails": mails}


def _teacher_files(teacher) -> set[str]:
    return ({q.evidence_sha256 for q in teacher.qualifications} | {v.scan_sha256 for v in teacher.vog_records}
            | {c.proof_sha256 for c in teacher.cpd_records}) - {None}


def _erase_teacher(user) -> dict:
    teacher = db.session.execute(select(Teacher).where(Teacher.user_id == user.id)).scalar_one_or_none()
    if teacher is None:
        return {}
    files = _teacher_files(teacher)
    db.session.info.setdefault("privacy_files", set()).update(files)
    if teacher.sanction is not None or teacher.status in KEPT_STATUSES:
        teacher.email = f"verwijderd-docent-{teacher.id}@verwijderd.invalid"
        teacher.phone = teacher.date_of_birth = teacher.user_id = None
        teacher.qualifications.clear()
        teacher.vog_records.clear()
        teacher.cpd_records.clear()
        teacher.signatures.clear()
        teacher.employments.clear()
        db.session.flush()
        reindex_teacher(db.session, teacher)
        return {"teacher_kept_for_sanction": 1, "teacher_files": len(files)}
    search = db.session.get(TeacherSearch, teacher.id)
    if search is not None:
        db.session.delete(search)
    db.session.delete(teacher)
    db.session.flush()
    return {"teacher_deleted": 1, "teacher_files": len(files)}


def register_rules() -> None:
    register(ErasureRule("schools", _erase_memberships, refuses=_sole_owner_of, kept=_l(
        "Wat je voor een school hebt ingevuld of geüpload (zelfevaluaties, antwoorden, bewijs, gevraagde "
        "wijzigingen) hoort bij de school en blijft, met ‘verwijderde gebruiker’ in plaats van je naam. Bewijs "
        "wordt verwijderd als de bewaartermijn van het kwaliteitsplan na het einde van het certificaat voorbij is.")))
    register(ErasureRule("messages", _erase_messages))
    register(ErasureRule("teacher", _erase_teacher, kept=_l(
        "Heb je als docent een maatregel (beperking, schorsing of doorhaling), dan blijven je naam, je "
        "registratienummer en die maatregel in het register staan: het register moet een maatregel blijven tonen. "
        "Je contactgegevens, geboortedatum, diploma's, VOG-controles, bijscholing en bestanden worden verwijderd. "
        "Zonder maatregel wordt je hele registratie verwijderd.")))
    register(ErasureRule("review", lambda user: {}, kept=_l(
        "Oordelen, adviezen en besluiten die je als beoordelaar of beheerder hebt gegeven blijven, met ‘verwijderde "
        "gebruiker’ in plaats van je naam: ze zijn de geschiedenis van een afgegeven certificaat en het bewijs "
        "dat twee mensen ernaar keken.")))
    register(ErasureRule("audit", lambda user: {}, kept=_l(
        "Het logboek blijft ongewijzigd. Het kan niet worden aangepast zonder dat dat opvalt, en het laat zien wie "
        "welke beslissing nam; het noemt je accountnummer, niet meer je naam.")))


# --- the service ---------------------------------------------------------------------------------------

def refusals(user) -> list[str]:
    """Why the erasure cannot go ahead yet (empty when it can)."""
    reasons = [rule.refuses(user) for rule in rules() if rule.refuses is not None]
    return [str(reason) for reason in reasons if reason]


def erase_account(user: User, password: str) -> dict:
    """Erase what the platform holds about `user`, keep (minimised) what the registry must,
    in one transaction with an audit event that holds counts only; files no row refers to any
    more leave the store after the commit."""
    if not check_password(user, password or ""):
        raise ErasureError(_l("Het wachtwoord klopt niet."), field="password")
    reasons = refusals(user)
    if reasons:
        raise ErasureError(reasons[0])
    done = {}
    try:
        for rule in rules():
            done.update({key: value for key, value in rule.erase(user).items() if value})
        user.role_rows.clear()
        user.name, user.email = ERASED_NAME, f"verwijderd-{user.id}@verwijderd.invalid"
        user.password_hash = user.email_confirmed_at = user.last_login_at = None
        user.is_enabled, user.erased_at = False, utcnow()
        record_event("account.erased", user, actor=user, details=done)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    finally:
        files = db.session.info.pop("privacy_files", set())
    delete_unreferenced(files)
    return done

