"""The blueprint of the review's pages and the helpers every view module of it shares (the
view modules import this one, never the package, so that no import runs in a circle)."""

from flask import Blueprint, abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from compliance import vocabulary
from compliance.review import permissions
from compliance.services import load_assessment
from standards.vocabulary import localized

bp = Blueprint("review", __name__)

ACTION_LABELS = {
    "assessment.started": _l("Zelfevaluatie gestart"),
    "assessment.submitted": _l("Ingediend"),
    "assessment.review_started": _l("Beoordelaar toegewezen"),
    "assessment.information_requested": _l("Informatie gevraagd"),
    "assessment.resubmitted": _l("Aanvulling ingediend"),
    "assessment.recommended": _l("Advies gegeven"),
    "assessment.sent_back": _l("Advies teruggestuurd"),
    "assessment.approved": _l("Goedgekeurd"),
    "assessment.rejected": _l("Afgewezen"),
    "assessment.withdrawn": _l("Ingetrokken"),
    "assessment.criteria_changed": _l("Eisen aangepast"),
    "review.verdict_recorded": _l("Oordeel vastgelegd"),
    "review.question_answered": _l("Vraag beantwoord"),
    "review.site_visit_recorded": _l("Bezoek vastgelegd"),
    "corrective_action.reported": _l("Verbeteractie gemeld als gedaan"),
    "corrective_action.closed": _l("Verbeteractie afgesloten"),
    "corrective_action.reminded": _l("Herinnering verbeteractie"),
    "corrective_action.overdue": _l("Verbeteractie over de termijn"),
}


@bp.context_processor
def _local_helpers():
    return {"localized": localized, "vocab": vocabulary, "action_label": lambda a: str(ACTION_LABELS.get(a, a)),
            **permissions.template_helpers()}


def assessment_or_404(assessment_id: int, allowed) -> object:
    assessment = load_assessment(assessment_id)
    if assessment is None:
        abort(404)
    if not allowed(current_user, assessment):
        abort(403)
    return assessment

