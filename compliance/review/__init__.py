"""The assessor's side of the self-assessment: conflicts of interest, review per criterion,
information requests, site visits, the recommendation, the four-eyes decision and
corrective actions. See compliance/README.md ("Review") and the project README.

`init_app(app)` registers the blueprint, the `flask review` commands, the demo step and the
second assessor's view of an assessment (compliance.signals.assessment_view_requested) and
the admins' notice of a submission.
"""

from compliance.review.cli import review_cli
from compliance.review.permissions import answer_view_as_approver
from compliance.review.services.review import notify_submitted
from compliance.review.views import bp
from compliance.signals import assessment_submitted, assessment_view_requested


def init_app(app) -> None:
    import compliance.review.demo  # noqa: F401, PLC0415  (registers the demo step in the order of init_app)

    app.register_blueprint(bp)
    app.cli.add_command(review_cli)
    assessment_submitted.connect(notify_submitted)
    assessment_view_requested.connect(answer_view_as_approver)
