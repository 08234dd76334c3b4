"""The school's confidential report to the alliance, and the admin's case pages."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import EmptyForm
from certification.cases import permissions, services
from certification.cases.forms import CaseNoteForm, CaseReportForm
from certification.cases.models import CaseStatus
from certification.sanctions.forms import CaseMeasureForm
from certification.teachers.errors import RegistryError
from compliance.models import School
from core.forms import show_error
from core.web import get_or_404
from standards.vocabulary import REPORT_KINDS

bp = Blueprint("cases", __name__)


def _school(school_id):
    school = get_or_404(School, school_id)
    if not permissions.can_report_case(current_user, school):
        abort(403)
    return school


@bp.route("/scholen/<int:school_id>/melden-aan-alliantie", methods=["GET", "POST"])
def report(school_id):
    school = _school(school_id)
    form = CaseReportForm()
    if form.validate_on_submit():
        try:
            services.report_case(school, form.registration_number.data, form.report_kind.data, form.reported_on.data,
                                 form.actions_taken.data, form.referred_to.data, by=current_user)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("Dank je. De alliantie heeft je melding ontvangen en neemt contact op met de school."), "success")
            return redirect(url_for("cases.report", school_id=school.id), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("certification/cases/report.html", school=school, form=form), status


def _case(case_id):
    if not permissions.can_handle_cases(current_user):
        abort(403)
    return services.load_case(case_id) or abort(404)


@bp.get("/beheer/zaken")
def admin_index():
    if not permissions.can_handle_cases(current_user):
        abort(403)
    status = next((s for s in CaseStatus if s.value == request.args.get("status")), None)
    return render_template("certification/cases/admin_index.html", cases=services.list_cases(status),
                           statuses=CaseStatus, status=status)


def case_page(case, status=200, **forms):
    forms.setdefault("note_form", CaseNoteForm(prefix="note", formdata=None))
    forms.setdefault("close_form", CaseNoteForm(prefix="close", formdata=None))
    forms.setdefault("measure_form", CaseMeasureForm(prefix="measure", formdata=None))
    return render_template("certification/cases/admin_case.html", case=case, measures=services.measures(case),
                           referrals=services.REFERRALS, report_kinds=REPORT_KINDS, action_form=EmptyForm(),
                           **forms), status


@bp.get("/beheer/zaken/<int:case_id>")
def admin_case(case_id):
    return case_page(_case(case_id))


@bp.post("/beheer/zaken/<int:case_id>/<any(notitie, sluiten):step>")
def note(case_id, step):
    case = _case(case_id)
    form = CaseNoteForm(prefix="note" if step == "notitie" else "close")
    if form.validate_on_submit():
        try:
            (services.add_note if step == "notitie" else services.close_case)(case, form.note.data, current_user)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("Vastgelegd."), "success")
            return redirect(url_for("cases.admin_case", case_id=case.id), 303)
    return case_page(case, 400, **{"note_form" if step == "notitie" else "close_form": form})


@bp.post("/beheer/zaken/<int:case_id>/maatregel")
def measure(case_id):
    case = _case(case_id)
    form = CaseMeasureForm(prefix="measure")
    if form.validate_on_submit():
        try:
            services.take_measure(case, form.category.data, form.note.data, by=current_user, until=form.until.data,
                                  tell_teacher=form.tell_teacher.data)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("De tijdelijke maatregel is vastgelegd."), "success")
            return redirect(url_for("cases.admin_case", case_id=case.id), 303)
    return case_page(services.load_case(case_id), 400, measure_form=form)


@bp.post("/beheer/zaken/<int:case_id>/docent-inlichten")
def inform_teacher(case_id):
    case = _case(case_id)
    if EmptyForm().validate_on_submit():
        try:
            services.inform_teacher(case, current_user)
        except RegistryError as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("De docent is ingelicht."), "success")
    return redirect(url_for("cases.admin_case", case_id=case.id), 303)
