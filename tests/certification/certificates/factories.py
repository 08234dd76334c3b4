"""One-line factories for the certificate tests and the access samples.

Assessments are approved by setting their status directly: the review workflow, which does
it for real, comes with another issue."""

from accounts.models import Role
from certification.certificates import services
from compliance.models import AssessmentStatus
from core.extensions import db
from core.models import utcnow
from tests.compliance import factories as compliance_factories
from tests.kit import make_user

published_plan = compliance_factories.published_plan
make_owner = compliance_factories.make_owner


def make_admin(**kwargs):
    return make_user(roles=(Role.admin,), **kwargs)


def make_school(owner=None, locations=(("Hoofdlocatie", "Utrecht"),), advisor=True, teacher=True, **overrides):
    """A school that meets the plan's preconditions: an advisor, locations with a room each,
    and (teaching minors) an active teacher of minors; `advisor=False`, `locations=()` or
    `teacher=False` leave one out."""
    from compliance import services as compliance

    owner = owner or make_owner()
    school = compliance_factories.make_school(owner, **overrides)
    for name, city in locations:
        location = compliance.add_location(school, name, "Danslaan 1", "1234 AB", city, by=owner)
        compliance.add_room(location, "Grote zaal", "glass_wall", by=owner)
    compliance_factories.meet_gates(school, owner, advisor=advisor, location=False, teacher=teacher)
    return school


def judge(assessment, verdict="meets", grades=None, by=None):
    """Verdicts on every criterion, as a reviewer records them: `verdict` for all, or per
    criterion code in `grades` {code: (verdict, finding grade)}."""
    from compliance.review.models import ReviewVerdict

    for answer in assessment.answers:
        code, grade = (grades or {}).get(answer.criterion.code, (verdict, None))
        db.session.add(ReviewVerdict(assessment_id=assessment.id, criterion_id=answer.criterion_id, verdict=code,
                                     finding_grade=grade, updated_by_id=getattr(by, "id", None)))
    db.session.commit()


def approved_assessment(school=None, grades=None, **school_overrides):
    """An approved assessment whose verdicts meet the pass rules (or as `grades` says)."""
    published_plan()
    school = school or make_school(**school_overrides)
    assessment = compliance_factories.make_assessment(school, compliance_factories.owner_of(school))
    judge(assessment, grades=grades)
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
