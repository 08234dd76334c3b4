"""One-line factories for the registry tests and the access samples."""

import itertools
from datetime import timedelta

from accounts.models import Role
from certification.teachers import services
from certification.teachers.models import (
    CodeOfConductSignature,
    CpdRecord,
    Qualification,
    QualificationKind,
    Review,
    Teacher,
    VogRecord,
)
from certification.teachers.services import TeacherDetails, Upload
from core.extensions import db
from tests.kit import make_user
from tests.standards.factories import published_plan

_n = itertools.count(1)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def code_version(version="1.0"):
    admin = make_user(roles=(Role.admin,))
    return services.current_code_version() or services.publish_code_version(version, "Wees aardig.", "Be kind.",
                                                                              by=admin)


def make_teacher(user=None, first_name="Anna", last_name=None, genres=("ballet",), **details):
    user = user or make_user(roles=(Role.teacher,))
    return services.register_teacher(user, TeacherDetails(first_name, last_name or f"Jansen{next(_n)}", list(genres),
                                                           **details))


def pdf_upload(name="diploma.pdf"):
    return Upload(name, PDF)


def complete(teacher, *, vog_days_ago=30, activated_on=None, cpd=()):
    """Give `teacher` an approved qualification, a checked VOG and a signature on the current
    code; optionally approved CPD records [(days_ago, points, category)]; then refresh."""
    published_plan()
    code = code_version()
    today = services.today()
    teacher.qualifications.append(Qualification(kind=QualificationKind.hbo, institution="Codarts",
                                                obtained_on=today - timedelta(days=2000), review=Review.approved))
    teacher.vog_records.append(VogRecord(issued_on=today - timedelta(days=vog_days_ago), screening_profile="84",
                                         review=Review.approved))
    teacher.signatures.append(CodeOfConductSignature(version_id=code.id))
    for index, (days_ago, points, category) in enumerate(cpd):
        teacher.cpd_records.append(CpdRecord(title=f"Cursus {index}", provider="X", points=points, category=category,
                                             completed_on=today - timedelta(days=days_ago), review=Review.approved))
    if activated_on is not None:
        teacher.activated_on = activated_on
    db.session.flush()
    services.refresh_status(teacher)
    db.session.commit()
    return teacher


def active_teacher(**kwargs):
    teacher = make_teacher(**kwargs)
    return complete(teacher)


def teacher_by_number(number) -> Teacher:
    from sqlalchemy import select

    return db.session.execute(select(Teacher).where(Teacher.registration_number == number)).scalar_one()


def make_school(owner=None, **overrides):
    from tests.compliance import factories

    return factories.make_school(owner or factories.make_owner(), **overrides)


def sanction(teacher, kind, until=None, by=None):
    """Put a sanction in force on a registration (a revocation confirmed by a second admin)."""
    from certification.sanctions import services as sanctions

    by = by or make_user(roles=(Role.admin,))
    imposed = sanctions.impose_sanction(teacher, kind, "investigation", "Onderzoek loopt nog.", by=by, until=until,
                                        restriction="no_minors" if kind == "restricted" else None)
    if kind == "revoked":
        sanctions.confirm_revocation(imposed, make_user(roles=(Role.admin,)))
    return imposed
