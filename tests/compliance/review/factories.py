"""One-line factories for the review workflow, built through the real services."""

from datetime import date

from accounts.models import Role
from compliance import services as compliance
from compliance.review import services
from compliance.review.models import Outcome  # noqa: F401  (re-exported for tests)
from tests.compliance import factories as cf
from tests.kit import make_user


def make_assessor(**kwargs):
    return make_user(roles=(Role.assessor,), **kwargs)


def make_admin(**kwargs):
    return make_user(roles=(Role.admin,), **kwargs)


def fill(assessment, owner):
    for answer in assessment.answers:
        uploads = [compliance.Upload("bewijs.pdf", cf.pdf_bytes(answer.criterion.code))] \
            if answer.criterion.mandatory else []
        compliance.save_answer(answer, owner, compliance.AnswerInput(
            rating=2, narrative="Zo doen we dat: " + "we bespreken het elk seizoen met dansers en ouders. " * 3,
            uploads=uploads))


def submitted_assessment(owner=None):
    cf.published_plan()
    owner = owner or cf.make_owner()
    assessment = cf.make_assessment(owner=owner, ready=True)
    fill(assessment, owner)
    compliance.submit_assessment(assessment, by=owner)
    return assessment


def in_review(reviewer=None, admin=None):
    assessment = submitted_assessment()
    reviewer = reviewer or make_assessor()
    services.assign_reviewer(assessment, reviewer, admin or make_admin())
    return assessment, reviewer


def judge_all(assessment, reviewer, verdict="meets"):
    for answer in assessment.answers:
        services.record_verdict(assessment, answer, reviewer, services.VerdictInput(verdict))


def recommended(outcome=Outcome.approve, actions=()):
    assessment, reviewer = in_review()
    judge_all(assessment, reviewer)
    services.recommend(assessment, reviewer, services.RecommendationInput(outcome, "Alles is op orde.",
                                                                          list(actions)))
    return assessment, reviewer


def action(description="Train alle docenten in veilig aanraken.", due_on: date | None = None):
    return services.ActionInput(description, due_on)
