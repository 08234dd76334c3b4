"""One-line factories for the certificate tests and the access samples.

Assessments are approved by setting their status directly: the review workflow, which does
it for real, comes with another issue."""

from accounts.models import Role
from certification.certificates import services
from compliance.models import AssessmentStatus
from core.extensions import db
from core.models import utcnow
from tests.compliance import factories as compliance_factories
from tests.conftest import make_user

published_plan = compliance_factories.published_plan
make_owner = compliance_factories.make_owner


def make_admin(**kwargs):
    return make_user(roles=(Role.admin,), **kwargs)


def make_school(owner=None, locations=(("Hoofdlocatie", "Utrecht"),), advisor=True, **overrides):
    from compliance import services as compliance

    owner = owner or make_owner()
    school = compliance_factories.make_school(owner, **overrides)
    for name, city in locations:
        compliance.add_location(school, name, "Danslaan 1", "1234 AB", city, by=owner)
    if advisor:
        compliance.update_advisor(school, "Vera Vertrouwen", "vp@example.nl", "030 123 45 67", "external", by=owner)
    return school


def approved_assessment(school=None, **school_overrides):
    published_plan()
    school = school or make_school(**school_overrides)
    assessment = compliance_factories.make_assessment(school, compliance_factories.owner_of(school))
    assessment.status = AssessmentStatus.approved
    assessment.status_changed_at = utcnow()
    db.session.commit()
    return assessment


def issue(assessment=None, by=None, conditions=None, on=None, **school_overrides):
    """An approved assessment's certificate, committed."""
    assessment = assessment or approved_assessment(**school_overrides)
    certificate = services.issue_certificate(assessment, by or make_admin(), conditions, on=on)
    db.session.commit()
    return certificate


def suspended(**kwargs):
    certificate = issue(**kwargs)
    services.suspend_certificate(certificate, make_admin(), "non_compliance", "Klacht wordt onderzocht.")
    return certificate


def revoked(**kwargs):
    certificate = issue(**kwargs)
    pending = services.request_revocation(certificate, make_admin(), "misconduct_investigation",
                                          "Ernstige schending vastgesteld.")
    services.confirm_revocation(pending, make_admin())
    return certificate


def pending_revocation(certificate=None, by=None):
    certificate = certificate or issue()
    return services.request_revocation(certificate, by or make_admin(), "non_compliance",
                                       "De school voldoet niet meer aan de eisen.")
