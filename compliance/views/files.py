"""Evidence downloads and the assessment exports (PDF, XLSX). Files come from storage,
never from static/, and only to people who may see the assessment."""

import io
import logging

from flask import abort, send_file
from flask_login import current_user

from compliance.exports import AssessmentPdf, assessment_xlsx
from compliance.models import Assessment, Evidence
from compliance.permissions import can_view_assessment, can_view_evidence
from compliance.views.blueprint import assessment_or_404, bp
from core.storage import get_storage
from core.web import get_or_404

log = logging.getLogger(__name__)


def _private(response):
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/zelfevaluaties/<int:assessment_id>/bewijs/<int:evidence_id>")
def evidence_file(assessment_id, evidence_id):
    assessment = get_or_404(Assessment, assessment_id)
    if not can_view_assessment(current_user, assessment):
        abort(403)
    evidence = get_or_404(Evidence, evidence_id)
    if evidence.school_id != assessment.school_id:
        abort(404)
    if not can_view_evidence(current_user, evidence, assessment):
        abort(403)
    try:
        handle = get_storage().open(evidence.sha256)
    except FileNotFoundError:
        log.error("evidence %s (%s) is missing from storage", evidence.id, evidence.sha256)
        abort(404)
    response = send_file(handle, mimetype=evidence.content_type, as_attachment=not evidence.shows_inline,
                         download_name=evidence.original_filename, max_age=0, conditional=False)
    return _private(response)


def _download(result):
    filename, mimetype, data = result
    return _private(send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename,
                              max_age=0))


@bp.get("/zelfevaluaties/<int:assessment_id>/export.pdf")
def export_pdf(assessment_id):
    return _download(AssessmentPdf().generate(assessment_or_404(assessment_id)))


@bp.get("/zelfevaluaties/<int:assessment_id>/export.xlsx")
def export_xlsx(assessment_id):
    return _download(assessment_xlsx(assessment_or_404(assessment_id)))
