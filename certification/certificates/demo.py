"""Demo certificates for `flask demo load`, one in every state, and the first-start line
that prints a verification URL to try. Idempotent; runs after the compliance demo step
(imported first below).

The schools, locations, advisors and assessments are made through the compliance services;
each school gets an active teacher of minors (the gates before a certificate), and
Dansstudio Pas de Deux's only teacher lapses after certification (its admin page flags it).
The review workflow that approves assessments is not there yet, so the demo sets the
assessment's status to approved directly (as a test factory would) and then issues through
`issue_certificate`; the other states come from the real lifecycle services and the daily
job. The demo has one admin, so the demo revocation is requested by the demo loader itself
(no person) and confirmed by the demo admin through `confirm_revocation`.
"""

from datetime import timedelta

import click
from flask import current_app
from sqlalchemy import select

import compliance.demo  # noqa: F401  (its demo step must run before ours)
from accounts.services import find_user
from certification.certificates import services
from certification.certificates.models import Certificate, CertificateStatus, PendingRevocation, ReasonCategory
from certification.teachers import services as registry
from certification.teachers.demo import _complete
from certification.teachers.models import Teacher
from compliance import services as compliance
from compliance.models import AssessmentStatus, School
from compliance.review.models import ReviewVerdict
from core.audit import record_event
from core.cli import first_start_steps
from core.dates import add_months, today
from core.demo import demo_step
from core.extensions import db
from core.models import utcnow
from standards.services import current_plan, publish_shipped_plans

OWNER, ADMIN = "eigenaar@demo.dansveilig.nl", "admin@demo.dansveilig.nl"
# (KvK, name, city, type, genres, state)
SCHOOLS = (
    ("90000101", "Dansschool Zoë & Ünal", "Amsterdam", "dansschool", ["urban", "modern", "jazz"], "active"),
    ("90000102", "Balletacademie Het Spiegelpaleis", "Den Haag", "vooropleiding", ["ballet", "modern"],
     "conditions"),
    ("90000103", "Dansvereniging De Sprong", "Zwolle", "vereniging", ["ballroom", "folk"], "suspended"),
    ("90000104", "Studio Ritme & Ziel", "Eindhoven", "dansschool", ["urban", "tap"], "revoked"),
    ("90000105", "Jazzdansschool Oud Zuid", "Groningen", "dansschool", ["jazz", "musical"], "expired"),
    ("90000106", "Dansstudio Pas de Deux", "Arnhem", "dansschool", ["ballet", "jazz"], "teacher_lapsed"),
)
ACTIVE_TEACHER = "sanne.devries@demo.dansveilig.nl"  # made by the registry's demo step
LONE_TEACHER = ("Joris", "Smit", "joris.smit@demo.dansveilig.nl")


def _lone_teacher(admin):
    """The only teacher of Dansstudio Pas de Deux: active when the school was certified."""
    first, last, email = LONE_TEACHER
    teacher = Teacher(registration_number=registry.new_registration_number(), first_name=first, last_name=last,
                      email=email, genres=["ballet"])
    db.session.add(teacher)
    _complete(teacher, registry.current_code_version(), registry.catalogue()[:3], 0)
    db.session.flush()
    registry.refresh_status(teacher, actor=admin)
    db.session.commit()
    return teacher


def _lapse(teacher, admin) -> None:
    """Since the certificate, his VOG ran past the plan's renewal period: the registration
    lapses, the school's managers are told and the certificate's admin page flags it."""
    rules = registry.current_rules()
    for vog in teacher.vog_records:
        vog.issued_on = add_months(today(), -rules.vog.renew_every_months) - timedelta(days=10)
    teacher.activated_on = min(teacher.activated_on or today(), today() - timedelta(days=30))
    registry.refresh_status(teacher, actor=admin)
    db.session.commit()


def _school(kvk, name, city, school_type, genres, owner) -> School:
    school = db.session.execute(select(School).where(School.kvk_number == kvk)).scalar_one_or_none()
    if school is not None:
        return school
    school = compliance.register_school(compliance.SchoolData(
        name=name, kvk_number=kvk, street="Dansstraat", house_number=str(int(kvk[-2:]) + 1), postcode="1234 AB",
        city=city, website="https://demo.dansveilig.nl", school_type=school_type, teaches_minors=True,
        genres=genres, age_groups=["6_11", "12_15", "adults"]), by=owner)
    location = compliance.add_location(school, "Hoofdlocatie", f"Dansstraat {int(kvk[-2:]) + 1}", "1234 AB", city,
                                       by=owner)
    compliance.add_room(location, "Grote zaal", "glass_wall", by=owner)
    compliance.update_advisor(school, "Noor Vertrouwen", "vertrouwenspersoon@demo.dansveilig.nl", "020 123 45 67",
                              "external", by=owner)
    return school


def link_teacher_of_minors(school, admin, teacher=None) -> None:
    """The gates before a certificate: a school teaching minors has an active teacher of minors."""
    teacher = teacher or registry.find_teacher_by_email(ACTIVE_TEACHER)
    if teacher is not None:
        registry.link_teacher(school, teacher.registration_number, "Docent", True,
                              add_months(today(), -6), by=admin)


def approved_assessment(school, owner, admin):
    """A started assessment with the verdicts the review workflow would have recorded, approved
    (the demo skips the review workflow here)."""
    assessment = compliance.start_assessment(school, by=owner)
    for answer in assessment.answers:
        db.session.add(ReviewVerdict(assessment_id=assessment.id, criterion_id=answer.criterion_id, verdict="meets",
                                     updated_by_id=admin.id))
    assessment.status = AssessmentStatus.approved
    assessment.status_changed_at = utcnow()
    return assessment


def _certificate(school, owner, admin, state):
    assessment = approved_assessment(school, owner, admin)
    on = add_months(today(), -37) if state == "expired" else today() - timedelta(days=20)
    conditions = [{"text": "Bied binnen drie maanden alle docenten de training ‘Veilig aanraken’ aan.",
                   "due_on": (on + timedelta(days=90)).isoformat()}] if state == "conditions" else None
    certificate = services.issue_certificate(assessment, admin, conditions, on=on)
    db.session.commit()
    return certificate


@demo_step(phase=1)  # after the registry's teachers (phase 0), whoever imports this module first
def demo_certificates():
    owner, admin = find_user(OWNER), find_user(ADMIN)
    if owner is None or admin is None:
        return
    if db.session.execute(select(School.id).where(School.kvk_number == SCHOOLS[0][0])).first() is not None:
        return
    if current_plan() is None:
        publish_shipped_plans()
    for kvk, name, city, school_type, genres, state in SCHOOLS:
        school = _school(kvk, name, city, school_type, genres, owner)
        lone = _lone_teacher(admin) if state == "teacher_lapsed" else None
        link_teacher_of_minors(school, admin, lone)
        certificate = _certificate(school, owner, admin, state)
        if lone is not None:
            _lapse(lone, admin)
        if state == "suspended":
            services.suspend_certificate(certificate, admin, "misconduct_investigation",
                                         "Demo: een melding wordt onderzocht door een externe onderzoeker.",
                                         today() + timedelta(days=60))
        elif state == "revoked":
            services.confirm_revocation(_demo_request(certificate), admin)
    services.run_daily()  # expires the certificate that ran out
    # A certified school asks to rename itself: the admin's page of changes shows it waiting.
    first = db.session.execute(select(School).where(School.kvk_number == SCHOOLS[0][0])).scalar_one()
    data = {key: getattr(first, key) for key in compliance.SchoolData.__dataclass_fields__}
    compliance.update_school(first, compliance.SchoolData(**{**data, "name": "Dansschool Zoë, Ünal & Co"}), by=owner)


def _demo_request(certificate) -> PendingRevocation:
    pending = PendingRevocation(certificate=certificate, requested_by_id=None,
                                reason_category=ReasonCategory.non_compliance,
                                note="Demo: de school heeft geen vertrouwenspersoon meer en reageert niet.")
    db.session.add(pending)
    db.session.flush()
    record_event("certificate.revocation_requested", certificate, details={
        "number": certificate.number, "request_id": pending.id, "reason_category": "non_compliance", "demo": True})
    db.session.commit()
    return pending


def demo_certificate_numbers() -> list[str]:
    return list(db.session.execute(
        select(Certificate.number).join(School, School.id == Certificate.school_id)
        .where(School.kvk_number.in_([row[0] for row in SCHOOLS])).order_by(Certificate.id)).scalars())


def _print_verification_url() -> None:
    certificate = db.session.execute(
        select(Certificate).join(School, School.id == Certificate.school_id)
        .where(School.kvk_number == SCHOOLS[0][0], Certificate.status == CertificateStatus.active)).scalars().first()
    if certificate is not None:
        click.echo(f"Try a certificate: {current_app.config['BASE_URL']}/verify/{certificate.number}")
        click.echo("")


def print_verification_url() -> None:
    """First-start step: print a demo certificate's verification URL. On the very first
    start the demo loads after the steps run, so the line is printed when the command ends."""
    if current_app.config["APP_ENV"] == "production":
        return
    context = click.get_current_context(silent=True)
    if context is None:
        _print_verification_url()
        return
    app = current_app._get_current_object()

    def _later():
        with app.app_context():
            _print_verification_url()

    context.call_on_close(_later)


if print_verification_url not in first_start_steps:
    first_start_steps.append(print_verification_url)
