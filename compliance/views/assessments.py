"""The self-assessment: overview, start, the page per domain with one form per criterion,
submit and withdraw."""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_time
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import EmptyForm
from compliance import services
from compliance.filetypes import ACCEPT_ATTRIBUTE
from compliance.forms import AnswerForm
from compliance.gates import unmet_profile_gates
from compliance.models import Answer
from compliance.permissions import can_edit_answer, can_work_on_assessment
from compliance.signals import teacher_panel_requested
from compliance.views.blueprint import assessment_or_404, bp, school_or_404
from core.forms import show_error
from core.web import get_or_404


@bp.get("/scholen/<int:school_id>/zelfevaluaties")
def assessments(school_id):
    school = school_or_404(school_id)
    return render_template("compliance/assessments.html", school=school,
                           assessments=services.assessments_for_school(school), form=EmptyForm())


@bp.post("/scholen/<int:school_id>/zelfevaluaties")
def start_assessment(school_id):
    school = school_or_404(school_id, edit=True)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("compliance.assessments", school_id=school.id), 303)
    try:
        assessment = services.start_assessment(school, by=current_user)
    except services.ComplianceError as exc:
        flash(str(exc.message), "error")
        return redirect(url_for("compliance.assessments", school_id=school.id), 303)
    if any(answer.carried_over for answer in assessment.answers):
        flash(_("De zelfevaluatie is gestart met de antwoorden en het bewijs van jullie vorige, goedgekeurde "
                "zelfevaluatie. Bevestig of wijzig ze per eis."), "success")
    else:
        flash(_("De zelfevaluatie is gestart. Je kunt steeds verder gaan waar je gebleven was."), "success")
    return redirect(url_for("compliance.assessment", assessment_id=assessment.id), 303)


@bp.get("/zelfevaluaties/<int:assessment_id>")
def assessment(assessment_id):
    assessment = assessment_or_404(assessment_id)
    gates = unmet_profile_gates(assessment.school, assessment.plan) if assessment.is_draft else []
    return render_template("compliance/assessment.html", assessment=assessment, gates=gates,
                           sections=services.sections(assessment), missing=services.missing_items(assessment))


def _answer_form(answer, assessment, files, formdata=True) -> AnswerForm:
    """One criterion's fields; the page's one CSRF token covers them all."""
    kwargs = {} if formdata is True else {"formdata": formdata}
    return AnswerForm(answer, assessment.plan, files, meta={"csrf": False}, **kwargs)


def _section_or_404(assessment, code):
    sections = services.sections(assessment)
    index = next((i for i, section in enumerate(sections) if section.domain.code == code), None)
    if index is None:
        abort(404)
    return sections, index


def render_domain(assessment, code, bound: dict | None = None, status: int = 200, refused: int = 0):
    """The domain page: every criterion the school may change in one form. `bound` holds
    the forms as just sent ({answer id: form}), shown with their errors and what was typed."""
    sections, index = _section_or_404(assessment, code)
    section = sections[index]
    files = services.evidence_for_school(assessment.school) if can_work_on_assessment(current_user, assessment) \
        else []
    bound = bound or {}
    forms = {answer.id: bound.get(answer.id) or _answer_form(answer, assessment, files, formdata=None)
             for answer in section.answers if can_edit_answer(current_user, answer)}
    problems = {answer.id: services.answer_problems(answer, assessment.plan) for answer in section.answers}
    return render_template(
        "compliance/domain.html", assessment=assessment, sections=sections, section=section, forms=forms,
        school_teachers=_teachers_if_asked(assessment, section), csrf_form=EmptyForm(), refused=refused,
        page_error=bool(refused), saved=request.args.get("opgeslagen"),
        problems=problems, previous=sections[index - 1] if index else None,
        next=sections[index + 1] if index + 1 < len(sections) else None, accept=ACCEPT_ATTRIBUTE,
        min_chars=assessment.plan.rules.min_narrative_chars_mandatory), status


def _teachers_if_asked(assessment, section):
    return teachers_if_asked(assessment, section.answers)


def teachers_if_asked(assessment, answers):
    """For the plan's teacher criteria, the registry status of each teacher the school
    links (recommendation 5.1); None when none of `answers` is such a criterion. The
    school's, the reviewer's and the approver's pages show the same live panel."""
    panels = teacher_panel_requested.send(assessment.school, criteria=[answer.criterion for answer in answers])
    return panels[0] if panels else None


@bp.get("/zelfevaluaties/<int:assessment_id>/domein/<code>")
def domain(assessment_id, code):
    return render_domain(assessment_or_404(assessment_id), code)


@bp.post("/zelfevaluaties/<int:assessment_id>/domein/<code>")
def save_domain(assessment_id, code):
    """The one save of a domain page. Each criterion is checked and saved on its own; a
    refused one comes back with what was typed, the others are saved."""
    assessment = assessment_or_404(assessment_id, work=True)
    sections, index = _section_or_404(assessment, code)
    if not EmptyForm().validate_on_submit():
        return render_domain(assessment, code, status=400, refused=1)
    files = services.evidence_for_school(assessment.school)
    forms = {answer.id: _answer_form(answer, assessment, files)
             for answer in sections[index].answers if can_edit_answer(current_user, answer)}
    answers = {answer.id: answer for answer in sections[index].answers}
    valid = {answer_id: form for answer_id, form in forms.items() if form.validate()}
    saved, refused = services.save_answers(current_user, [(answers[i], form.to_input()) for i, form in valid.items()])
    for answer_id, exc in refused.items():
        show_error(forms[answer_id], exc)
    failed = {answer_id: form for answer_id, form in forms.items() if answer_id not in valid or answer_id in refused}
    if failed:
        return render_domain(assessment, code, bound=failed, status=400, refused=len(failed))
    return redirect(url_for("compliance.domain", assessment_id=assessment.id, code=code, opgeslagen=len(saved))
                    + "#opslaan", 303)


@bp.post("/antwoorden/<int:answer_id>")
def save_answer(answer_id):
    """One criterion: the background draft of a domain page (JSON), or a form of its own."""
    assessment = assessment_or_404(get_or_404(Answer, answer_id).assessment_id, work=True)
    answer = next(answer for answer in assessment.answers if answer.id == answer_id)
    form = _answer_form(answer, assessment, services.evidence_for_school(assessment.school))
    wants_json = request.accept_mimetypes.best == "application/json"
    csrf_ok = EmptyForm().validate_on_submit()
    valid, why, status = csrf_ok and form.validate(), "", 400
    if valid:
        try:
            services.save_answer(answer, current_user, form.to_input())
        except services.ComplianceError as exc:
            valid, why, status = False, str(exc.message), 400 if exc.field else 409
            if not wants_json:
                show_error(form, exc)
    code = answer.criterion.code
    if not valid:
        if wants_json:
            why = why or " ".join(e for errors in form.errors.values() for e in errors) if csrf_ok else \
                _("laad de pagina opnieuw en probeer het nog eens.")
            return jsonify(saved=False, message=_("Concept %(code)s niet bewaard: %(why)s", code=code, why=why)), status
        bound = {answer.id: form} if can_edit_answer(current_user, answer) else {}
        return render_domain(assessment, answer.criterion.domain.code, bound=bound, status=status, refused=1)
    if wants_json:
        return jsonify(saved=True, message=_("Concept %(code)s bewaard om %(time)s.", code=code,
                                             time=format_time(answer.updated_at, "short")))
    return redirect(url_for("compliance.domain", assessment_id=assessment.id, code=answer.criterion.domain.code,
                            opgeslagen=1) + "#opslaan", 303)


def _render_submit(assessment, form, status=200):
    return render_template("compliance/submit.html", assessment=assessment, form=form,
                           missing=services.missing_items(assessment),
                           gates=unmet_profile_gates(assessment.school, assessment.plan)), status


@bp.route("/zelfevaluaties/<int:assessment_id>/indienen", methods=["GET", "POST"])
def submit_assessment(assessment_id):
    assessment = assessment_or_404(assessment_id, work=True)
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            services.submit_assessment(assessment, by=current_user)
        except services.ComplianceError as exc:
            flash(str(exc.message), "error")
            return _render_submit(assessment, form, 409)
        flash(_("Je zelfevaluatie is ingediend. Een beoordelaar van de alliantie gaat ermee aan de slag."), "success")
        return redirect(url_for("compliance.assessment", assessment_id=assessment.id), 303)
    return _render_submit(assessment, form)


@bp.route("/zelfevaluaties/<int:assessment_id>/intrekken", methods=["GET", "POST"])
def withdraw_assessment(assessment_id):
    assessment = assessment_or_404(assessment_id, work=True)
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            services.withdraw_assessment(assessment, by=current_user)
        except services.ComplianceError as exc:
            flash(str(exc.message), "error")
            return redirect(url_for("compliance.assessment", assessment_id=assessment.id), 303)
        flash(_("De zelfevaluatie is ingetrokken. Je kunt een nieuwe starten."), "success")
        return redirect(url_for("compliance.assessments", school_id=assessment.school_id), 303)
    return render_template("compliance/withdraw.html", assessment=assessment, form=form)
