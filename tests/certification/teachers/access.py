from accounts.models import Role
from tests.access_kit import LOGGED_IN, PUBLIC, roles

RULES = {
    "certification.teachers": PUBLIC,
    "certification.teacher": PUBLIC,
    "registry_api.teachers": PUBLIC,
    "registry_api.teacher": PUBLIC,
    "teachers.dashboard": roles(Role.teacher),
    "teachers.register": roles(Role.teacher),
    "teachers.details": roles(Role.teacher),
    "teachers.add_qualification": roles(Role.teacher),
    "teachers.add_vog": roles(Role.teacher),
    "teachers.sign_code": roles(Role.teacher),
    "teachers.add_cpd": roles(Role.teacher),
    "teachers.confirm_invitation": LOGGED_IN,
    # A school's members only (compliance.permissions.can_edit_school); admins may look.
    "teachers.school_teachers": roles(Role.admin),
    "teachers.link_teacher": roles(),
    "teachers.invite_teacher": roles(),
    "teachers.end_employment": roles(),
    "teachers.admin_index": roles(Role.admin),
    "teachers.admin_teacher": roles(Role.admin),
    "teachers.review": roles(Role.admin),
    "teachers.admin_file": roles(Role.admin),
    "teachers.set_sanction": roles(Role.admin),
    "teachers.lift_sanction": roles(Role.admin),
    "teachers.catalogue": roles(Role.admin),
    "teachers.retire_activity": roles(Role.admin),
    "teachers.code_versions": roles(Role.admin),
    "teachers.import_page": roles(Role.admin),
    "teachers.import_report": roles(Role.admin),
    "teachers.export": roles(Role.admin),
    # Sanctions and objections (certification.sanctions): admins only.
    "sanctions.revocation": roles(Role.admin),
    "sanctions.teacher_objection": roles(Role.admin),
    "sanctions.certificate_objection": roles(Role.admin),
    "sanctions.decide_objection": roles(Role.admin),
    # Cases (certification.cases): a school's members report (compliance.permissions.is_member),
    # only admins see and handle a case.
    "cases.report": roles(),
    "cases.admin_index": roles(Role.admin),
    "cases.admin_case": roles(Role.admin),
    "cases.note": roles(Role.admin),
    "cases.measure": roles(Role.admin),
    "cases.inform_teacher": roles(Role.admin),
}


def _teacher():
    from tests.certification.teachers import factories

    factories.published_plan()
    return factories.make_teacher()


def _school():
    from tests.certification.teachers import factories

    return {"school_id": factories.make_school().id}


def _employment():
    from certification.teachers.services import link_teacher
    from tests.certification.teachers import factories
    from tests.kit import make_user

    school = factories.make_school()
    teacher = factories.active_teacher()
    employment = link_teacher(school, teacher.registration_number, "Docent", True, _today(),
                              by=make_user(roles=(Role.admin,)))
    return {"employment_id": employment.id}


def _today():
    from certification.teachers.services import today

    return today()


def _qualification():
    from certification.teachers.services import add_qualification
    from tests.certification.teachers import factories

    teacher = _teacher()
    item = add_qualification(teacher, "hbo", "Codarts", _today(), factories.pdf_upload(), by=None)
    return item


def _vog():
    from certification.teachers.services import add_vog
    from tests.certification.teachers import factories

    return add_vog(_teacher(), _today(), "84", factories.pdf_upload("vog.pdf"), by=None)


def _activity():
    from certification.teachers.services import add_activity
    from tests.kit import make_user

    return add_activity("Cursus", "Aanbieder", 5, "pedagogy", by=make_user(roles=(Role.admin,)))


def _public_number():
    from tests.certification.teachers import factories

    factories.published_plan()
    return factories.active_teacher().registration_number


def _report_sha():
    from certification.teachers.importer import ImportReport, Problem, store_report

    return store_report(ImportReport("teachers", 1, False, [Problem(2, "email", "x")]))


SAMPLES = {
    "certification.teacher": lambda: {"registration_number": _public_number()},
    "registry_api.teacher": lambda: {"registration_number": _public_number()},
    "teachers.confirm_invitation": lambda: {"token": "onbekend"},
    "teachers.school_teachers": _school,
    "teachers.link_teacher": _school,
    "teachers.invite_teacher": _school,
    "teachers.end_employment": _employment,
    "teachers.admin_teacher": lambda: {"teacher_id": _teacher().id},
    "teachers.set_sanction": lambda: {"teacher_id": _teacher().id},
    "teachers.lift_sanction": lambda: {"teacher_id": _teacher().id},
    "teachers.review": lambda: {"kind": "diplomas", "item_id": _qualification().id, "decision": "goedkeuren"},
    "teachers.admin_file": lambda: {"kind": "vog", "item_id": _vog().id},
    "teachers.retire_activity": lambda: {"activity_id": _activity().id},
    "teachers.import_report": lambda: {"sha": _report_sha()},
    "teachers.export": lambda: {"fmt": "csv"},
    "sanctions.revocation": lambda: {"sanction_id": _sanction(revoke=True).id, "step": "annuleren"},
    "sanctions.teacher_objection": lambda: {"sanction_id": _sanction().id},
    "sanctions.certificate_objection": lambda: {"event_id": _certificate_event()},
    "sanctions.decide_objection": lambda: {"objection_id": _objection()},
    "cases.report": _school,
    "cases.admin_case": lambda: {"case_id": _case()},
    "cases.note": lambda: {"case_id": _case(), "step": "notitie"},
    "cases.measure": lambda: {"case_id": _case()},
    "cases.inform_teacher": lambda: {"case_id": _case()},
}


def _admin():
    from tests.kit import make_user

    return make_user(roles=(Role.admin,))


def _sanction(revoke=False):
    from certification.sanctions.services import impose_sanction

    teacher = _teacher()
    return impose_sanction(teacher, "revoked" if revoke else "temporary", "investigation",
                           "Onderzoek naar een melding loopt.", by=_admin())


def _certificate_event():
    from tests.certification.certificates import factories

    certificate = factories.suspended()
    return certificate.events[-1].id


def _objection():
    from certification.sanctions.objections import record_objection

    return record_objection(_sanction(), _today(), "De docent is het er niet mee eens.", _admin()).id


def _case():
    from certification.cases.services import report_case
    from tests.certification.teachers import factories
    from tests.compliance.factories import make_owner

    manager = make_owner()
    school, teacher = factories.make_school(manager), _teacher()
    return report_case(school, teacher.registration_number, "verbal", _today(),
                       "Gesprek gevoerd met de danser en de docent.", [], by=manager).id
