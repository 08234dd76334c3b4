"""School profiles: registration, details, confidential advisor, locations and rooms, and
the people who manage a school (members and e-mailed invitations)."""

import hashlib
import hmac
import secrets
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from accounts.models import User
from accounts.permissions import is_admin
from accounts.services import normalise_email
from compliance import validation
from compliance.errors import ComplianceError
from compliance.models import (
    Assessment,
    AssessmentStatus,
    ChangeKind,
    Location,
    MemberRole,
    Room,
    School,
    SchoolInvitation,
    SchoolMember,
)
from compliance.permissions import forget_memberships
from compliance.services.changes import LOCATION_FIELDS, STATED_FIELDS, request_change, statement_is_reviewed
from compliance.vocabulary import AGE_GROUPS, GENRES, MINOR_AGE_GROUPS, SCHOOL_TYPES, Transparency
from core.audit import record_event
from core.extensions import db
from core.i18n import lazy_text
from core.mail import queue_mail
from core.models import utcnow

_INVITATION_SALT = "school-invitation"


@dataclass
class SchoolData:
    name: str
    kvk_number: str
    street: str
    house_number: str
    postcode: str
    city: str
    school_type: str
    teaches_minors: bool
    website: str | None = None
    genres: list[str] = field(default_factory=list)
    age_groups: list[str] = field(default_factory=list)


def _clean(check, value, field_name: str):
    try:
        return check(value)
    except ValueError as exc:
        raise ComplianceError(exc.args[0], field=field_name)


def _checked_school_data(data: SchoolData) -> dict:
    """The rules for a school profile, whoever calls: form, CLI or demo."""
    values = asdict(data)
    values["name"] = (data.name or "").strip()
    if not values["name"]:
        raise ComplianceError(_l("Vul de naam van de school in."), field="name")
    values["kvk_number"] = _clean(validation.clean_kvk, data.kvk_number, "kvk_number")
    values["postcode"] = _clean(validation.clean_postcode, data.postcode, "postcode")
    values["house_number"] = _clean(validation.clean_house_number, data.house_number, "house_number")
    values["website"] = _clean(validation.clean_url, data.website, "website")
    values["street"], values["city"] = (data.street or "").strip(), (data.city or "").strip()
    if data.school_type not in SCHOOL_TYPES:
        raise ComplianceError(_l("Kies wat voor school dit is."), field="school_type")
    if not data.genres or set(data.genres) - set(GENRES):
        raise ComplianceError(_l("Kies minstens één dansstijl uit de lijst."), field="genres")
    if not data.age_groups or set(data.age_groups) - set(AGE_GROUPS):
        raise ComplianceError(_l("Kies minstens één leeftijdsgroep."), field="age_groups")
    minors = set(data.age_groups) & MINOR_AGE_GROUPS
    if data.teaches_minors and not minors:
        raise ComplianceError(_l("Je geeft les aan minderjarigen: kies ook de leeftijdsgroepen onder de 18."),
                              field="age_groups")
    if not data.teaches_minors and minors:
        raise ComplianceError(_l("Je hebt leeftijdsgroepen onder de 18 gekozen. Geef je les aan minderjarigen? "
                                 "Kies dan ‘ja’."), field="teaches_minors")
    values["genres"] = [code for code in GENRES if code in data.genres]
    values["age_groups"] = [code for code in AGE_GROUPS if code in data.age_groups]
    return values


def _kvk_taken(kvk_number: str, school: School | None = None) -> bool:
    query = select(School.id).where(School.kvk_number == kvk_number)
    if school is not None:
        query = query.where(School.id != school.id)
    return db.session.execute(query).first() is not None


_KVK_TAKEN = _l("Er is al een school met dit KvK-nummer. Hoort die bij jou? Vraag de eigenaar je uit te nodigen.")


def register_school(data: SchoolData, by: User) -> School:
    """A school owner registers a school and becomes its owner."""
    values = _checked_school_data(data)
    if _kvk_taken(values["kvk_number"]):
        raise ComplianceError(_KVK_TAKEN, field="kvk_number")
    school = School(**values, created_by_id=by.id)
    school.members.append(SchoolMember(user_id=by.id, role=MemberRole.owner))
    db.session.add(school)
    try:
        db.session.flush()
    except IntegrityError:  # someone registered the same KvK number at the same moment
        db.session.rollback()
        raise ComplianceError(_KVK_TAKEN, field="kvk_number")
    record_event("school.registered", school, actor=by, details={"kvk_number": school.kvk_number,
                                                                   "school_type": school.school_type})
    db.session.commit()
    forget_memberships()
    return school


def school_changed(school_id: int) -> None:
    """What the public registers show of a school changed: they follow, in this transaction."""
    from registry.indexes import refresh_school  # noqa: PLC0415  (until compliance sends its school_changed event)

    refresh_school(school_id)


def update_school(school: School, data: SchoolData, by: User) -> list[str]:
    """Change the school's details. The school type and whether minors are taught decide
    which criteria a draft assessment holds, so a draft follows the change; an assessment
    already submitted keeps the criteria it was submitted with. Returns notes for the user."""
    values = _checked_school_data(data)
    if _kvk_taken(values["kvk_number"], school):
        raise ComplianceError(_KVK_TAKEN, field="kvk_number")
    applicability_changed = (values["school_type"], values["teaches_minors"]) != (school.school_type,
                                                                                  school.teaches_minors)
    open_assessment = db.session.execute(select(Assessment).where(
        Assessment.school_id == school.id, Assessment.status != AssessmentStatus.draft,
        Assessment.status.in_([s for s in AssessmentStatus if s.is_open]))).scalar_one_or_none()
    if applicability_changed and open_assessment is not None:
        raise ComplianceError(_l("Je zelfevaluatie wordt beoordeeld. Het soort school en of je les geeft aan "
                                 "minderjarigen kun je pas weer wijzigen als de beoordeling klaar is."),
                              field="school_type")
    notes = []
    if statement_is_reviewed(school):
        # What the certificate states waits for an admin; the rest changes now.
        proposed = {key: values.pop(key) for key in STATED_FIELDS}
        if request_change(school, ChangeKind.details, {key: getattr(school, key) for key in STATED_FIELDS},
                          proposed, by) is not None:
            notes.append(_CHANGE_REQUESTED)
    changed = sorted(key for key, value in values.items() if getattr(school, key) != value)
    for key, value in values.items():
        setattr(school, key, value)
    if applicability_changed:
        from compliance.services.assessments import resync_draft

        notes = resync_draft(school, by)
    record_event("school.updated", school, actor=by, details={"changed": changed})
    school_changed(school.id)
    db.session.commit()
    return notes


def update_advisor(school: School, name: str, email: str, phone: str, kind: str, by: User) -> None:
    """The confidential advisor the school's dancers can go to (recommendation 2.3)."""
    if not (name or "").strip():
        raise ComplianceError(_l("Vul de naam van de vertrouwenspersoon in."), field="advisor_name")
    if kind not in ("internal", "external"):
        raise ComplianceError(_l("Kies of de vertrouwenspersoon intern of extern is."), field="advisor_kind")
    school.advisor_name = name.strip()
    school.advisor_email = normalise_email(email)
    school.advisor_phone = _clean(validation.clean_phone, phone, "advisor_phone")
    school.advisor_kind = kind
    record_event("school.advisor_updated", school, actor=by, details={"kind": kind})
    db.session.commit()


# --- locations and rooms ------------------------------------------------------------------------------

def _location_values(name, address, postcode, city) -> dict:
    if not (name or "").strip():
        raise ComplianceError(_l("Geef de locatie een naam."), field="name")
    return {"name": name.strip(), "address": (address or "").strip(), "city": (city or "").strip(),
            "postcode": _clean(validation.clean_postcode, postcode, "postcode")}


_CHANGE_REQUESTED = _l("Jullie school heeft een keurmerk. Wat het certificaat vermeldt (naam, KvK-nummer, adres, "
                       "locaties) verandert pas als de alliantie de wijziging goedkeurt; tot dan blijven de "
                       "goedgekeurde gegevens staan.")


def add_location(school: School, name: str, address: str, postcode: str, city: str,
                 by: User) -> Location | None:
    """A new location; for a certified school a request for the admin (None is returned)."""
    values = _location_values(name, address, postcode, city)
    if statement_is_reviewed(school):
        request_change(school, ChangeKind.location_added, {}, values, by)
        db.session.commit()
        return None
    location = Location(school=school, **values)
    db.session.add(location)
    db.session.flush()
    record_event("school.location_added", location, actor=by, details={"school_id": school.id})
    school_changed(school.id)
    db.session.commit()
    return location


def update_location(location: Location, name: str, address: str, postcode: str, city: str, by: User) -> bool:
    """Change a location; False when it became a request for the admin (certified school)."""
    values = _location_values(name, address, postcode, city)
    if statement_is_reviewed(location.school):
        request_change(location.school, ChangeKind.location_changed,
                       {key: getattr(location, key) for key in LOCATION_FIELDS}, values, by, location=location)
        db.session.commit()
        return False
    for key, value in values.items():
        setattr(location, key, value)
    record_event("school.location_updated", location, actor=by, details={"school_id": location.school_id})
    school_changed(location.school_id)
    db.session.commit()
    return True


def remove_location(location: Location, by: User) -> bool:
    """Remove a location; False when it became a request for the admin (certified school)."""
    if statement_is_reviewed(location.school):
        request_change(location.school, ChangeKind.location_removed,
                       {key: getattr(location, key) for key in LOCATION_FIELDS}, {}, by, location=location)
        db.session.commit()
        return False
    record_event("school.location_removed", location, actor=by,
                 details={"school_id": location.school_id, "name": location.name, "rooms": len(location.rooms)})
    db.session.delete(location)
    school_changed(location.school_id)
    db.session.commit()
    return True


def _room_values(name, transparency) -> dict:
    if not (name or "").strip():
        raise ComplianceError(_l("Geef de zaal een naam."), field="name")
    try:
        transparency = Transparency(transparency)
    except ValueError:
        raise ComplianceError(_l("Kies hoe je de zaal van buitenaf kunt zien."), field="transparency")
    return {"name": name.strip(), "transparency": transparency}


def add_room(location: Location, name: str, transparency: str, by: User) -> Room:
    room = Room(location=location, **_room_values(name, transparency))
    db.session.add(room)
    db.session.flush()
    record_event("school.room_added", room, actor=by, details={"school_id": location.school_id,
                                                               "transparency": room.transparency.value})
    db.session.commit()
    return room


def update_room(room: Room, name: str, transparency: str, by: User) -> None:
    for key, value in _room_values(name, transparency).items():
        setattr(room, key, value)
    record_event("school.room_updated", room, actor=by, details={"school_id": room.location.school_id,
                                                                 "transparency": room.transparency.value})
    db.session.commit()


def remove_room(room: Room, by: User) -> None:
    record_event("school.room_removed", room, actor=by, details={"school_id": room.location.school_id,
                                                                 "name": room.name})
    db.session.delete(room)
    db.session.commit()


# --- members and invitations ----------------------------------------------------------------------------

def schools_for(user: User) -> list[School]:
    """The schools a user manages; an admin sees every school."""
    query = select(School).order_by(School.name).options(selectinload(School.assessments))
    if not is_admin(user):
        query = query.join(SchoolMember).where(SchoolMember.user_id == user.id)
    return list(db.session.execute(query).scalars())


def pending_invitations(school: School) -> list[SchoolInvitation]:
    return list(db.session.execute(select(SchoolInvitation).where(
        SchoolInvitation.school_id == school.id, SchoolInvitation.accepted_at.is_(None),
        SchoolInvitation.revoked_at.is_(None), SchoolInvitation.expires_at > utcnow())
        .order_by(SchoolInvitation.id)).scalars())


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_INVITATION_SALT)


def _hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def invite_member(school: School, email: str, role: MemberRole, by: User) -> SchoolInvitation:
    """An owner invites someone by e-mail to help manage the school. A new invitation to the
    same address replaces the one before it."""
    email = normalise_email(email)
    already = db.session.execute(select(SchoolMember).join(User).where(
        SchoolMember.school_id == school.id, User.email == email)).scalar_one_or_none()
    if already is not None:
        raise ComplianceError(lazy_text("%(email)s beheert deze school al.", email=email), field="email")
    now = utcnow()
    for old in pending_invitations(school):
        if old.email == email:
            old.revoked_at = now
    nonce = secrets.token_urlsafe(32)
    max_age = current_app.config["SCHOOL_INVITATION_MAX_AGE"]
    invitation = SchoolInvitation(school=school, email=email, role=role, token_hash=_hash(nonce),
                                  invited_by_id=by.id, expires_at=now + timedelta(seconds=max_age))
    db.session.add(invitation)
    db.session.flush()
    token = _serializer().dumps({"i": invitation.id, "n": nonce})
    invitee = db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()
    record_event("school.member_invited", invitation, actor=by,
                 details={"school_id": school.id, "email": email, "role": role.value})
    queue_mail(email, lazy_text(
            "Uitnodiging: beheer %(school)s bij Dans Veilig", school=school.name), "school_invitation",
               locale=invitee.locale if invitee else by.locale, school=school, inviter=by, token=token,
               has_account=invitee is not None, days=max(1, max_age // 86400))
    db.session.commit()
    return invitation


def invitation_from_token(token: str) -> SchoolInvitation:
    invalid = ComplianceError(_l("Deze uitnodiging klopt niet of is al gebruikt. Vraag de eigenaar van de school "
                                 "om een nieuwe."))
    try:
        data = _serializer().loads(token, max_age=current_app.config["SCHOOL_INVITATION_MAX_AGE"])
    except SignatureExpired:
        raise ComplianceError(_l("Deze uitnodiging is verlopen. Vraag de eigenaar van de school om een nieuwe."))
    except BadSignature:
        raise invalid
    invitation = db.session.get(SchoolInvitation, data.get("i")) if isinstance(data, dict) else None
    if invitation is None or not hmac.compare_digest(invitation.token_hash, _hash(str(data.get("n")))):
        raise invalid
    if not invitation.is_pending:
        raise invalid
    return invitation


def accept_invitation(token: str, user: User) -> SchoolMember:
    """The invitee, logged in with the address the invitation went to, joins the school."""
    invitation = invitation_from_token(token)
    if normalise_email(user.email) != invitation.email:
        raise ComplianceError(lazy_text(
                "Deze uitnodiging is gestuurd naar %(email)s. Log in met dat e-mailadres om hem "
                                 "aan te nemen.", email=invitation.email))
    member = db.session.execute(select(SchoolMember).where(
        SchoolMember.school_id == invitation.school_id, SchoolMember.user_id == user.id)).scalar_one_or_none()
    if member is None:
        member = SchoolMember(school_id=invitation.school_id, user_id=user.id, role=invitation.role)
        db.session.add(member)
    invitation.accepted_at = utcnow()
    invitation.accepted_by_id = user.id
    db.session.flush()
    record_event("school.invitation_accepted", invitation, actor=user,
                 details={"school_id": invitation.school_id, "role": member.role.value})
    db.session.commit()
    forget_memberships()
    return member


def revoke_invitation(invitation: SchoolInvitation, by: User) -> None:
    if not invitation.is_pending:
        raise ComplianceError(_l("Deze uitnodiging is al gebruikt, ingetrokken of verlopen."))
    invitation.revoked_at = utcnow()
    record_event("school.invitation_revoked", invitation, actor=by, details={"school_id": invitation.school_id,
                                                                             "email": invitation.email})
    db.session.commit()


def remove_member(member: SchoolMember, by: User) -> None:
    """An owner removes someone from the school; the last owner stays."""
    if member.role is MemberRole.owner:
        owners = db.session.scalar(select(func.count()).select_from(SchoolMember).where(
            SchoolMember.school_id == member.school_id, SchoolMember.role == MemberRole.owner))
        if owners <= 1:
            raise ComplianceError(_l("Een school heeft altijd een eigenaar. Nodig eerst een andere eigenaar uit."))
    record_event("school.member_removed", member, actor=by, details={"school_id": member.school_id,
                                                                     "user_id": member.user_id})
    db.session.delete(member)
    db.session.commit()
    forget_memberships()
