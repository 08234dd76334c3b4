"""Access rules for the compliance pages. Every sample object belongs to a school of
another user, so only an admin (who sees every school) reaches the read-only pages, and
nobody but the school's own members reaches the pages that change something."""

from accounts.models import Role
from compliance import services
from compliance.models import MemberRole, SchoolMember
from core.extensions import db
from tests.access_kit import LOGGED_IN, roles
from tests.compliance import factories

ADMIN_ONLY = roles(Role.admin)  # a school's members and admins; the samples' members are other users
MEMBERS_ONLY = roles()  # only the school's own members, never another user, an admin included

RULES = {
    "compliance.schools": LOGGED_IN,
    "compliance.register_school": roles(Role.school_owner),
    "compliance.accept_invitation": LOGGED_IN,
    "compliance.school": ADMIN_ONLY,
    "compliance.assessments": ADMIN_ONLY,
    "compliance.assessment": ADMIN_ONLY,
    "compliance.domain": ADMIN_ONLY,
    "compliance.export_pdf": ADMIN_ONLY,
    "compliance.export_xlsx": ADMIN_ONLY,
    "compliance.evidence_file": ADMIN_ONLY,
    "compliance.edit_school": MEMBERS_ONLY,
    "compliance.edit_advisor": MEMBERS_ONLY,
    "compliance.add_location": MEMBERS_ONLY,
    "compliance.edit_location": MEMBERS_ONLY,
    "compliance.remove_location": MEMBERS_ONLY,
    "compliance.add_room": MEMBERS_ONLY,
    "compliance.edit_room": MEMBERS_ONLY,
    "compliance.remove_room": MEMBERS_ONLY,
    "compliance.members": MEMBERS_ONLY,
    "compliance.revoke_invitation": MEMBERS_ONLY,
    "compliance.remove_member": MEMBERS_ONLY,
    "compliance.start_assessment": MEMBERS_ONLY,
    "compliance.save_answer": MEMBERS_ONLY,
    "compliance.save_domain": MEMBERS_ONLY,
    "compliance.submit_assessment": MEMBERS_ONLY,
    "compliance.withdraw_assessment": MEMBERS_ONLY,
    "compliance.change_requests": roles(Role.admin),
    "compliance.approve_change": roles(Role.admin),
    "compliance.refuse_change": roles(Role.admin),
}


def _school():
    return factories.make_school()


def _location():
    school = _school()
    return services.add_location(school, "Hoofdlocatie", "Danslaan 1", "1234 AB", "Utrecht",
                                 by=factories.owner_of(school))


def _room():
    location = _location()
    return services.add_room(location, "Studio 1", "glass_wall", by=factories.owner_of(location.school))


def _invitation():
    school = _school()
    return services.invite_member(school, "uitgenodigd@example.nl", MemberRole.manager,
                                  by=factories.owner_of(school))


def _invitation_token():
    _invitation()
    return {"token": factories.invitation_token("uitgenodigd@example.nl")}


def _manager():
    school = _school()
    member = SchoolMember(school_id=school.id, user_id=factories.make_owner().id, role=MemberRole.manager)
    db.session.add(member)
    db.session.commit()
    return member


def _change_request():
    from compliance.models import ChangeKind
    from compliance.services.changes import request_change

    school = _school()
    change = request_change(school, ChangeKind.details, {"name": school.name}, {"name": "Nieuwe naam"},
                            by=factories.owner_of(school))
    db.session.commit()
    return {"change_id": change.id}


def _assessment():
    return factories.make_assessment()


def _evidence():
    assessment = _assessment()
    answer = assessment.answers[0]
    services.save_answer(answer, factories.owner_of(assessment.school), services.AnswerInput(
        rating=2, narrative="Zo doen we het.", uploads=[services.Upload("plan.pdf", factories.pdf_bytes())]))
    return {"assessment_id": assessment.id, "evidence_id": answer.evidence_rows[0].evidence_id}


SAMPLES = {
    "compliance.accept_invitation": _invitation_token,
    "compliance.school": lambda: {"school_id": _school().id},
    "compliance.edit_school": lambda: {"school_id": _school().id},
    "compliance.edit_advisor": lambda: {"school_id": _school().id},
    "compliance.add_location": lambda: {"school_id": _school().id},
    "compliance.members": lambda: {"school_id": _school().id},
    "compliance.assessments": lambda: {"school_id": _school().id},
    "compliance.start_assessment": lambda: {"school_id": _school().id},
    "compliance.edit_location": lambda: {"location_id": _location().id},
    "compliance.remove_location": lambda: {"location_id": _location().id},
    "compliance.add_room": lambda: {"location_id": _location().id},
    "compliance.edit_room": lambda: {"room_id": _room().id},
    "compliance.remove_room": lambda: {"room_id": _room().id},
    "compliance.revoke_invitation": lambda: {"invitation_id": _invitation().id},
    "compliance.remove_member": lambda: {"member_id": _manager().id},
    "compliance.assessment": lambda: {"assessment_id": _assessment().id},
    "compliance.domain": lambda: {"assessment_id": _assessment().id, "code": "A"},
    "compliance.submit_assessment": lambda: {"assessment_id": _assessment().id},
    "compliance.withdraw_assessment": lambda: {"assessment_id": _assessment().id},
    "compliance.export_pdf": lambda: {"assessment_id": _assessment().id},
    "compliance.export_xlsx": lambda: {"assessment_id": _assessment().id},
    "compliance.save_answer": lambda: {"answer_id": _assessment().answers[0].id},
    "compliance.save_domain": lambda: {"assessment_id": _assessment().id, "code": "A"},
    "compliance.evidence_file": _evidence,
    "compliance.approve_change": _change_request,
    "compliance.refuse_change": _change_request,
}
