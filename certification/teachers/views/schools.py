"""A school's teachers: link them by registration number, start a registration for a new
one (the teacher confirms by e-mail), and end a link."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import EmptyForm
from certification.teachers import permissions, services
from certification.teachers.forms import InviteTeacherForm, LinkTeacherForm
from certification.teachers.models import Employment
from certification.teachers.services import Invitation, RegistryError
from certification.teachers.views.blueprint import bp
from compliance.models import School
from core.forms import show_error
from core.web import get_or_404

INVITE = "nieuw"  # the page holds two forms with the same fields: the second one's ids get a prefix


def _school(school_id, manage=True):
    school = get_or_404(School, school_id)
    allowed = permissions.can_manage_school_teachers if manage else permissions.can_view_school_teachers
    if not allowed(current_user, school):
        abort(403)
    return school


def _page(school, status=200, **forms):
    forms.setdefault("link_form", LinkTeacherForm(formdata=None))
    forms.setdefault("invite_form", InviteTeacherForm(formdata=None, prefix=INVITE))
    return render_template("certification/teachers/school_teachers.html", school=school,
                           school_teachers=services.teachers_for_school(school), **forms), status


@bp.get("/scholen/<int:school_id>/docenten")
def school_teachers(school_id):
    return _page(_school(school_id, manage=False))


@bp.post("/scholen/<int:school_id>/docenten/koppelen")
def link_teacher(school_id):
    school = _school(school_id)
    form = LinkTeacherForm()
    if form.validate_on_submit():
        try:
            employment = services.link_teacher(school, form.registration_number.data, form.role.data,
                                               form.works_with_minors.data, form.since.data, by=current_user)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("%(name)s is gekoppeld aan de school.", name=employment.teacher.name), "success")
            return redirect(url_for("teachers.school_teachers", school_id=school.id))
    return _page(school, 400, link_form=form)


@bp.post("/scholen/<int:school_id>/docenten/aanmelden")
def invite_teacher(school_id):
    school = _school(school_id)
    form = InviteTeacherForm(prefix=INVITE)
    if form.validate_on_submit():
        try:
            services.invite_teacher(school, Invitation(
                form.first_name.data, form.last_name.data, form.email.data, form.genres.data, form.role.data,
                form.works_with_minors.data, form.since.data), by=current_user)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("%(name)s krijgt een e-mail om de registratie te bevestigen.",
                    name=f"{form.first_name.data} {form.last_name.data}".strip()), "success")
            return redirect(url_for("teachers.school_teachers", school_id=school.id))
    return _page(school, 400, invite_form=form)


@bp.post("/scholen/docenten/<int:employment_id>/ontkoppelen")
def end_employment(employment_id):
    employment = get_or_404(Employment, employment_id)
    school = _school(employment.school_id)

    if EmptyForm().validate_on_submit():
        try:
            services.end_employment(employment, by=current_user)
            flash(_("%(name)s werkt niet meer bij de school.", name=employment.teacher.name), "success")
        except RegistryError as exc:
            flash(str(exc.message), "error")
    return redirect(url_for("teachers.school_teachers", school_id=school.id))


@bp.route("/docent/uitnodiging/<token>", methods=["GET", "POST"])
def confirm_invitation(token):
    try:
        teacher = services.teacher_from_token(token)
    except RegistryError as exc:
        return render_template("certification/teachers/invitation_invalid.html", message=exc.message), 400
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            services.confirm_invitation(token, current_user)
        except RegistryError as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("Je registratie is bevestigd. Maak hem nu compleet."), "success")
            return redirect(url_for("teachers.dashboard"))
    schools = [employment.school for employment in teacher.employments]
    return render_template("certification/teachers/confirm_invitation.html", form=form, teacher=teacher,
                           schools=schools)
