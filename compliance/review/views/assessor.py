"""The assessor's and admin's pages: queue, assignment, criterion-by-criterion review,
information request, site visit, recommendation, four-eyes decision."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import EmptyForm
from accounts.models import User
from compliance.gates import unmet_profile_gates
from compliance.review import forms, services
from compliance.review.models import CorrectiveAction, Outcome
from compliance.review.permissions import (
    can_assign,
    can_decide,
    can_review,
    can_use_queue,
    can_view_review,
)
from compliance.review.views.blueprint import assessment_or_404, bp
from compliance.services import sections
from compliance.views.assessments import teachers_if_asked
from core.forms import show_error
from core.lifecycle import may
from core.web import get_or_404, render_form


def _go(assessment, endpoint="review.overview", **values):
    return redirect(url_for(endpoint, assessment_id=assessment.id, **values), 303)


@bp.get("/beoordelen")
def queue():
    if not can_use_queue(current_user):
        abort(403)
    return render_template("compliance/review/queue.html", queue=services.review_queue(current_user),
                           age=services.age_days, deadline=services.deadline)


@bp.route("/beoordelen/<int:assessment_id>/toewijzen", methods=["GET", "POST"])
def assign(assessment_id):
    assessment = assessment_or_404(assessment_id, lambda user, _a: can_assign(user))
    form = forms.AssignForm(services.eligible_reviewers(assessment))
    if form.validate_on_submit():
        try:
            services.assign_reviewer(assessment, get_or_404(User, form.reviewer.data), current_user)
        except services.ReviewError as exc:
            show_error(form, exc)
        else:
            flash(_("De beoordelaar is toegewezen en krijgt bericht."), "success")
            return redirect(url_for("review.queue"), 303)
    return render_form("compliance/review/assign.html", form, assessment=assessment)


def _overview_context(assessment):
    # Every page that shows the review checks who may see it, also when a refused POST
    # renders it again: a refusal never shows what the GET would not.
    if not can_view_review(current_user, assessment):
        abort(403)
    verdicts = services.verdicts_by_criterion(assessment)
    return dict(assessment=assessment, sections=sections(assessment), verdicts=verdicts,
                outcome=services.evaluate_pass_rules(assessment, {k: v.verdict for k, v in verdicts.items()}),
                threads=services.threads(assessment), visits=services.site_visits(assessment),
                recommendations=services.recommendations(assessment), actions=services.actions_of(assessment),
                history=services.history(assessment), age=services.age_days(assessment),
                deadline=services.deadline(assessment), form=EmptyForm(), may=_may(assessment))


def _may(assessment) -> dict:
    """Which buttons to show: the lifecycle says what the state allows, the permissions who
    may act; the services check both again."""
    reviewer = can_review(current_user, assessment)
    return {"assign": can_assign(current_user) and may(assessment, "start_review"),
            "recommend": reviewer and may(assessment, "recommend"),
            "ask": reviewer and may(assessment, "request_information"),
            "visit": reviewer and may(assessment, "review"),
            "close": reviewer, "decide": can_decide(current_user, assessment)}


@bp.get("/beoordelen/<int:assessment_id>")
def overview(assessment_id):
    assessment = assessment_or_404(assessment_id, can_view_review)
    return render_template("compliance/review/overview.html", **_overview_context(assessment))


def _criterion_page(assessment, code, form=None):
    if not can_view_review(current_user, assessment):
        abort(403)
    answers = assessment.answers
    index = next((i for i, a in enumerate(answers) if a.criterion.code == code), None)
    if index is None:
        abort(404)
    answer = answers[index]
    existing = services.verdicts_by_criterion(assessment).get(answer.criterion_id)
    form = form or forms.VerdictForm(assessment.plan, obj=existing, formdata=None)
    return render_form("compliance/review/criterion.html", form, assessment=assessment, answer=answer, verdict=existing,
                       conversation=services.threads(assessment).get(answer.id, []),
                       school_teachers=teachers_if_asked(assessment, [answer]),
                       previous=answers[index - 1] if index else None,
                       next=answers[index + 1] if index + 1 < len(answers) else None, position=index + 1,
                       editable=can_review(current_user, assessment))


@bp.get("/beoordelen/<int:assessment_id>/eis/<code>")
def criterion(assessment_id, code):
    return _criterion_page(assessment_or_404(assessment_id, can_view_review), code)


@bp.post("/beoordelen/<int:assessment_id>/eis/<code>")
def save_verdict(assessment_id, code):
    assessment = assessment_or_404(assessment_id, can_review)
    answers = assessment.answers
    index = next((i for i, a in enumerate(answers) if a.criterion.code == code), None)
    if index is None:
        abort(404)
    form = forms.VerdictForm(assessment.plan)
    if form.validate_on_submit():
        try:
            services.record_verdict(assessment, answers[index], current_user, services.VerdictInput(
                form.verdict.data, form.finding_grade.data, form.comment.data or "", form.visible_to_school.data))
        except services.ReviewError as exc:
            show_error(form, exc)
        else:
            flash(_("Oordeel opgeslagen: %(code)s.", code=code), "success")
            following = answers[index + 1].criterion.code if index + 1 < len(answers) else None
            return _go(assessment, "review.criterion", code=following) if following else _go(assessment)
    return _criterion_page(assessment, code, form)


@bp.route("/beoordelen/<int:assessment_id>/informatie", methods=["GET", "POST"])
def request_information(assessment_id):
    assessment = assessment_or_404(assessment_id, can_review)
    form = forms.InformationRequestForm(assessment.answers)
    if form.validate_on_submit():
        try:
            services.request_information(assessment, current_user,
                                         {answer_id: form.question.data for answer_id in form.criteria.data})
        except services.ReviewError as exc:
            show_error(form, exc)
        else:
            flash(_("De school krijgt bericht en kan de gekozen eisen aanvullen."), "success")
            return _go(assessment)
    return render_form("compliance/review/request_information.html", form, assessment=assessment)


@bp.route("/beoordelen/<int:assessment_id>/bezoek", methods=["GET", "POST"])
def site_visit(assessment_id):
    assessment = assessment_or_404(assessment_id, can_review)
    form = forms.SiteVisitForm(assessment.school)
    if form.validate_on_submit():
        try:
            services.record_site_visit(assessment, current_user, form.visited_on.data, form.announced.data == "1",
                                       form.rooms.data or [], form.observations.data)
        except services.ReviewError as exc:
            show_error(form, exc)
        else:
            flash(_("Het bezoek is vastgelegd."), "success")
            return _go(assessment)
    return render_form("compliance/review/site_visit.html", form, assessment=assessment)


@bp.route("/beoordelen/<int:assessment_id>/advies", methods=["GET", "POST"])
def recommend(assessment_id):
    assessment = assessment_or_404(assessment_id, can_review)
    form = forms.RecommendationForm(assessment.answers, services.default_due_on(assessment))
    if form.validate_on_submit():
        try:
            actions = forms.parse_actions(request.form)
            services.recommend(assessment, current_user, services.RecommendationInput(
                Outcome(form.outcome.data), form.rationale.data, actions))
        except ValueError as exc:
            flash(str(exc), "error")
        except services.ReviewError as exc:
            show_error(form, exc)
        else:
            flash(_("Je advies is klaar. Een tweede beoordelaar beslist."), "success")
            return redirect(url_for("review.queue"), 303)
    # What no corrective action can settle, whichever actions are chosen.
    unsettleable = services.certificate_blockers(assessment, {answer.criterion_id for answer in assessment.answers})
    return render_form("compliance/review/recommend.html", form, assessment=assessment, unsettleable=unsettleable,
                       gates=unmet_profile_gates(assessment.school, assessment.plan),
                       outcome=services.evaluate_pass_rules(assessment), rows=range(forms.ACTION_ROWS))


def _decide_page(assessment, form=None):
    context = _overview_context(assessment)
    context.pop("form")
    recommendation = services.current_recommendation(assessment)
    blockers, gates = services.approval_gates(assessment, recommendation) \
        if may(assessment, "approve") else ([], [])
    return render_form("compliance/review/decide.html", form or forms.DecisionForm(formdata=None),
                       recommendation=recommendation, blockers=blockers, gates=gates,
                       may_decide=context["may"]["decide"], **context)


@bp.get("/beoordelen/<int:assessment_id>/besluit")
def decide(assessment_id):
    return _decide_page(assessment_or_404(assessment_id, can_view_review))


@bp.post("/beoordelen/<int:assessment_id>/besluit")
def decision(assessment_id):
    assessment = assessment_or_404(assessment_id, can_decide)
    form = forms.DecisionForm()
    if form.validate_on_submit():
        send_back = request.form.get("decision") == "send_back"
        try:
            if send_back:
                services.send_back_recommendation(assessment, current_user, form.comment.data)
            else:
                services.approve_recommendation(assessment, current_user, form.comment.data or "")
        except services.ReviewError as exc:
            show_error(form, exc)
        else:
            flash(_("Het advies is teruggestuurd naar de beoordelaar.") if send_back
                  else _("Besluit genomen: %(status)s.", status=assessment.status.label), "success")
            return redirect(url_for("review.queue"), 303)
    return _decide_page(assessment, form)


@bp.post("/beoordelen/acties/<int:action_id>/sluiten")
def close_action(action_id):
    action = get_or_404(CorrectiveAction, action_id)
    assessment = assessment_or_404(action.assessment_id, can_review)
    if EmptyForm().validate_on_submit():
        try:
            services.close_action(action, current_user)
        except services.ReviewError as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("De verbeteractie is afgesloten."), "success")
    return _go(assessment)
