"""Access rules for every reporting endpoint. The sample report and school belong to someone
else, so school owners get 403; assessors and admins review; monitors and admins see figures."""

from accounts.models import Role
from tests.access_kit import PUBLIC, roles

NOBODY = roles()  # only the school's own members, and the sample school is someone else's
REVIEWERS = roles(Role.admin, Role.assessor)
FIGURES = roles(Role.admin, Role.monitor)

RULES = {
    "reporting.school_reports": roles(Role.admin),
    "reporting.report": REVIEWERS,
    "reporting.save_report": NOBODY,
    "reporting.submit_report": NOBODY,
    "reporting.answer_questions": NOBODY,
    "reporting.acknowledge_report": REVIEWERS,
    "reporting.ask_questions": REVIEWERS,
    "reporting.review_queue": REVIEWERS,
    "reporting.sector": FIGURES,
    "reporting.sector_export": FIGURES,
    "reporting.publish_year": roles(Role.admin),
    "reporting.public_figures": PUBLIC,
    "reporting_api.sector_figures": PUBLIC,
}


def _report():
    from tests.reporting import factories

    return {"report_id": factories.open_report().id}


def _school():
    from tests.reporting import factories

    return {"school_id": factories.open_report().school_id}


SAMPLES = {endpoint: _report for endpoint in (
    "reporting.report", "reporting.save_report", "reporting.submit_report", "reporting.answer_questions",
    "reporting.acknowledge_report", "reporting.ask_questions")}
SAMPLES["reporting.school_reports"] = _school
