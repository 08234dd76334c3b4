"""The blueprint of the school owner's pages and the helpers every view module of it shares (the
view modules import this one, never the package, so that no import runs in a circle)."""

from flask import Blueprint, abort, current_app, render_template
from flask_babel import gettext as _
from flask_login import current_user

from compliance import permissions, vocabulary
from compliance.models import Assessment, School
from compliance.services import load_assessment
from core.web import get_or_404
from standards.vocabulary import EVIDENCE_KINDS, localized

bp = Blueprint("compliance", __name__)


@bp.context_processor
def _helpers():
    return {"localized": localized, "vocab": vocabulary, "evidence_kinds": EVIDENCE_KINDS,
            **permissions.template_helpers()}


@bp.errorhandler(413)
def _too_large(error):
    text = _("Het bestand is te groot: een bestand mag hoogstens %(mb)s MB zijn. Wat je eerder had opgeslagen, is "
             "bewaard. Ga terug, kies een kleiner bestand en sla opnieuw op.", mb=current_app.config["MAX_UPLOAD_MB"])
    return render_template("errors/error.html", code=413, title=_("Bestand te groot"), text=text), 413


def school_or_404(school_id: int, *, edit: bool = False) -> School:
    school = get_or_404(School, school_id)
    allowed = permissions.can_edit_school if edit else permissions.can_view_school
    if not allowed(current_user, school):
        abort(403)
    return school


def assessment_or_404(assessment_id: int, *, work: bool = False) -> Assessment:
    assessment = load_assessment(assessment_id)
    if assessment is None:
        abort(404)
    allowed = permissions.can_work_on_assessment if work else permissions.can_view_assessment
    if not allowed(current_user, assessment):
        abort(403)
    return assessment

