"""One-line factories for the monitoring report tests and the access samples."""

from accounts.models import Role
from reporting import services
from tests.certification.certificates import factories as certificate_factories
from tests.compliance import factories as compliance_factories
from tests.kit import make_user

make_admin = certificate_factories.make_admin
owner_of = compliance_factories.owner_of


def make_monitor(**kwargs):
    return make_user(roles=(Role.monitor,), **kwargs)


def make_assessor(**kwargs):
    return make_user(roles=(Role.assessor,), **kwargs)


def open_report(**school_overrides):
    """A certified school's open report for its first due date, committed."""
    from core.extensions import db

    certificate = certificate_factories.issue(**school_overrides)
    report = services.open_report(certificate)
    db.session.commit()
    return report


def filled_counts(kind="verbal", genre="urban", channel="advisor", follow_up="handled", n=2) -> dict:
    return {("genre", kind, genre): n, ("channel", kind, channel): n, ("follow_up", kind, follow_up): n}


ANSWERS = {"survey_held": "yes", "survey_response_rate": "64", "intervision_held": "yes", "code_discussed": "yes",
           "teachers_confirmed": "yes", "survey_outcome": "Dansers voelen zich over het algemeen veilig."}


def submitted_report(counts=None, **school_overrides):
    report = open_report(**school_overrides)
    owner = owner_of(report.school)
    services.save_report(report, counts or filled_counts(), ANSWERS, owner)
    return services.submit_report(report, owner)
