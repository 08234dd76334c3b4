"""The teacher's own registration: register, hand in qualifications, VOG and CPD, sign the
code of conduct, and confirm a registration a school started."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.models import Role
from accounts.permissions import roles_required
from certification.teachers import services
from certification.teachers.forms import CpdForm, DetailsForm, QualificationForm, SignCodeForm, VogForm
from certification.teachers.services import RegistryError, TeacherDetails
from certification.teachers.views.blueprint import bp, upload
from core.forms import show_error
from core.web import render_form


def _own_teacher():
    teacher = services.teacher_for_user(current_user)
    if teacher is None:
        abort(redirect(url_for("teachers.dashboard")))
    return teacher


def _dashboard(teacher, status=200, **forms):
    rules = services.current_rules()
    profile = rules.vog.screening_profile_minors if rules else ""
    defaults = {"qualification_form": QualificationForm(formdata=None),
                "vog_form": VogForm(formdata=None, screening_profile=profile),
                "cpd_form": CpdForm(services.catalogue(), formdata=None)}
    defaults.update(forms)
    return render_template("certification/teachers/dashboard.html", teacher=teacher, rules=rules,
                           report=services.status_report(teacher, rules), code=services.current_code_version(),
                           **defaults), status


@bp.get("/docent")
@roles_required(Role.teacher)
def dashboard():
    teacher = services.teacher_for_user(current_user)
    if teacher is None:
        name = (current_user.name or "").split(" ", 1)
        form = DetailsForm(formdata=None, first_name=name[0], last_name=name[1] if len(name) > 1 else "")
        return render_form("certification/teachers/register.html", form)
    return _dashboard(teacher)


@bp.post("/docent/aanmelden")
@roles_required(Role.teacher)
def register():
    form = DetailsForm()
    if form.validate_on_submit():
        try:
            teacher = services.register_teacher(current_user, TeacherDetails(
                form.first_name.data, form.last_name.data, form.genres.data, form.phone.data, form.date_of_birth.data))
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("Je staat in het docentenregister met nummer %(number)s.", number=teacher.registration_number),
                  "success")
            return redirect(url_for("teachers.dashboard"))
    return render_form("certification/teachers/register.html", form, status=400)


@bp.route("/docent/gegevens", methods=["GET", "POST"])
@roles_required(Role.teacher)
def details():
    teacher = _own_teacher()
    form = DetailsForm(obj=teacher)
    if form.validate_on_submit():
        try:
            services.update_details(teacher, TeacherDetails(form.first_name.data, form.last_name.data,
                                                            form.genres.data, form.phone.data, form.date_of_birth.data),
                                    by=current_user)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("Je gegevens zijn opgeslagen."), "success")
            return redirect(url_for("teachers.dashboard"))
    return render_form("certification/teachers/details.html", form, teacher=teacher)


@bp.post("/docent/diplomas")
@roles_required(Role.teacher)
def add_qualification():
    teacher = _own_teacher()
    form = QualificationForm()
    if form.validate_on_submit():
        try:
            services.add_qualification(teacher, form.kind.data, form.institution.data, form.obtained_on.data,
                                       upload("evidence"), by=current_user)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("Je diploma is toegevoegd. De alliantie controleert het."), "success")
            return redirect(url_for("teachers.dashboard"))
    return _dashboard(teacher, 400, qualification_form=form)


@bp.post("/docent/vog")
@roles_required(Role.teacher)
def add_vog():
    teacher = _own_teacher()
    form = VogForm()
    if form.validate_on_submit():
        try:
            services.add_vog(teacher, form.issued_on.data, form.screening_profile.data, upload("scan"),
                             by=current_user)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("Je VOG is doorgegeven. De alliantie controleert het origineel."), "success")
            return redirect(url_for("teachers.dashboard"))
    return _dashboard(teacher, 400, vog_form=form)


@bp.route("/docent/gedragscode", methods=["GET", "POST"])
@roles_required(Role.teacher)
def sign_code():
    teacher = _own_teacher()
    code = services.current_code_version()
    form = SignCodeForm(version_id=code.id if code else "")
    if form.validate_on_submit():
        try:
            services.sign_code(teacher, int(form.version_id.data or 0), by=current_user)
        except (RegistryError, ValueError) as exc:
            flash(str(getattr(exc, "message", _("Laad de pagina opnieuw en probeer het nog eens."))), "error")
        else:
            flash(_("Dank je wel. Je hebt de gedragscode getekend."), "success")
            return redirect(url_for("teachers.dashboard"))
    signed = code is not None and any(s.version_id == code.id for s in teacher.signatures)
    return render_form("certification/teachers/code.html", form, teacher=teacher, code=code, signed=signed)


@bp.post("/docent/bijscholing")
@roles_required(Role.teacher)
def add_cpd():
    teacher = _own_teacher()
    form = CpdForm(services.catalogue())
    if form.validate_on_submit():
        try:
            chosen = form.activity_id.data or ""
            services.log_cpd(teacher, form.completed_on.data, by=current_user,
                             activity_id=int(chosen) if chosen.isdigit() else None,
                             title=form.title.data, provider=form.provider.data, points=form.points.data,
                             category=form.category.data, proof=upload("proof"))
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("Je bijscholing is toegevoegd. De alliantie keurt die goed voordat de punten tellen."), "success")
            return redirect(url_for("teachers.dashboard"))
    return _dashboard(teacher, 400, cpd_form=form)
