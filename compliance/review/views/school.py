"""The school's side of the review: answering the reviewer's questions per criterion,
resubmitting, reporting corrective actions done. The thread shows on the school's own
assessment page through `compliance/review/_school_thread.html`."""

from dataclasses import dataclass

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import EmptyForm
from compliance import services as compliance_services
from compliance.errors import ComplianceError
from compliance.models import Answer, AssessmentStatus
from compliance.permissions import can_work_on_assessment
from compliance.review import forms, services
from compliance.review.models import CorrectiveAction
from compliance.review.views.blueprint import assessment_or_404, bp
from compliance.views.blueprint import _helpers as compliance_page_helpers  # the page's own template helpers
from core.forms import show_error
from core.web import get_or_404, render_form


@dataclass
class SchoolView:
    """What the school sees of the review: the questions, its answers, the decision's
    verdicts (comments only where marked for the school) and the corrective actions."""

    threads: dict
    open_request: object
    verdicts: dict
    actions: list
    decided: bool


@bp.app_context_processor
def _school_helpers():
    def review_for_school(assessment):
        decided = assessment.status in (AssessmentStatus.approved, AssessmentStatus.rejected)
        return SchoolView(threads=services.threads(assessment), open_request=services.open_request(assessment),
                          verdicts=services.verdicts_by_criterion(assessment) if decided else {},
                          actions=services.actions_of(assessment), decided=decided)

    return {"review_for_school": review_for_school, "SchoolAnswerForm": forms.SchoolAnswerForm}


def _back(assessment):
    return redirect(url_for("compliance.assessment", assessment_id=assessment.id) + "#beoordeling", 303)


@bp.post("/beoordelen/<int:assessment_id>/antwoord/<int:answer_id>")
def answer_question(assessment_id, answer_id):
    assessment = assessment_or_404(assessment_id, can_work_on_assessment)
    answer = get_or_404(Answer, answer_id)
    form = forms.SchoolAnswerForm(prefix=f"q{answer_id}")
    if not form.validate_on_submit():
        flash(_("Schrijf je antwoord voordat je het verstuurt."), "error")
        return _back(assessment)
    try:
        services.answer_question(assessment, answer, current_user, form.body.data, forms.uploads_of(form.files))
    except services.ReviewError as exc:
        flash(str(exc.message), "error")
    else:
        flash(_("Je antwoord bij %(code)s is bewaard.", code=answer.criterion.code), "success")
    return _back(assessment)


@bp.post("/beoordelen/<int:assessment_id>/opnieuw-indienen")
def resubmit(assessment_id):
    """The school's one form for the questions: "Antwoord versturen" (name=send) stores the
    replies typed so far; "Aanvulling indienen" stores them and resubmits. On a refusal the
    page comes back with every reply as it was typed."""
    assessment = assessment_or_404(assessment_id, can_work_on_assessment)
    if not EmptyForm().validate_on_submit():
        return _refused(assessment, _("Je sessie was verlopen. Wat je typte staat er nog: verstuur opnieuw."))
    replies = {}
    for answer in assessment.answers:
        if answer.reopened:
            form = forms.SchoolAnswerForm(prefix=f"q{answer.id}", meta={"csrf": False})
            replies[answer.id] = (form.body.data or "", forms.uploads_of(form.files))
    resubmitting = "send" not in request.form
    try:
        answered = services.reply_and_resubmit(assessment, current_user, replies, resubmit=resubmitting)
    except services.ReviewError as exc:
        return _refused(assessment, str(exc.message))
    except ComplianceError as exc:  # an upload refused by content or size
        return _refused(assessment, str(exc.message))
    if resubmitting:
        flash(_("Je aanvulling is ingediend. De beoordelaar gaat verder."), "success")
    elif answered:
        flash(_("Je antwoord bij %(codes)s is bewaard. Dien de aanvulling in als alle vragen beantwoord zijn.",
                codes=", ".join(answered)), "success")
    else:
        flash(_("Schrijf je antwoord voordat je het verstuurt."), "error")
    return _back(assessment)


def _refused(assessment, message: str):
    """The assessment page again, with the refusal on top and every reply as typed."""
    flash(message, "error")
    return render_template("compliance/assessment.html", assessment=assessment, page_error=True,
                           **compliance_page_helpers(), sections=compliance_services.sections(assessment),
                           missing=compliance_services.missing_items(assessment),
                           typed=request.form), 409


@bp.route("/beoordelen/acties/<int:action_id>/gereed", methods=["GET", "POST"])
def report_action(action_id):
    action = get_or_404(CorrectiveAction, action_id)
    assessment = assessment_or_404(action.assessment_id, can_work_on_assessment)
    form = forms.ReportActionForm()
    if form.validate_on_submit():
        try:
            services.report_action(action, current_user, form.report_text.data, forms.uploads_of(form.files))
        except services.ReviewError as exc:
            show_error(form, exc)
        else:
            flash(_("Gemeld. De beoordelaar kijkt ernaar."), "success")
            return _back(assessment)
    return render_form("compliance/review/report_action.html", form, assessment=assessment, action=action)


