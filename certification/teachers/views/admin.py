"""The alliance office: check what teachers hand in, keep the CPD catalogue and the code of
conduct, set sanctions, import and export."""

import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from accounts.forms import EmptyForm
from accounts.models import Role
from accounts.permissions import roles_required
from certification.sanctions import services as sanctions
from certification.sanctions.forms import LiftSanctionForm, SanctionForm, form_makers
from certification.teachers import importer, services
from certification.teachers.forms import ActivityForm, CodeVersionForm, ImportForm, ReviewForm
from certification.teachers.models import CpdActivity, CpdRecord, Qualification, VogRecord
from certification.teachers.services import RegistryError
from certification.teachers.views.blueprint import bp, upload
from core.forms import show_error
from core.web import get_or_404, render_form

_REVIEWS = {
    "diplomas": (Qualification, services.review_qualification),
    "vog": (VogRecord, services.check_vog),
    "bijscholing": (CpdRecord, services.review_cpd),
}


@bp.get("/beheer/docenten")
@roles_required(Role.admin)
def admin_index():
    q = request.args.get("q", "")
    return render_template("certification/teachers/admin_index.html", q=q, teachers=services.find_teachers(q),
                           queue=services.review_queue(), review_form=ReviewForm(formdata=None))


LIFT = "opheffen"  # the sanction form beside it has a `reason` field too: ids stay unique


def admin_teacher_page(teacher, status=200, failed=None, **forms):
    """The admin's page of one teacher; `failed` = (what, id, form) re-shows the one form of
    a list (an objection on a sanction, a decision on an objection) with its errors."""
    forms.setdefault("sanction_form", SanctionForm(formdata=None))
    forms.setdefault("lift_form", LiftSanctionForm(formdata=None, prefix=LIFT))
    return render_template("certification/teachers/admin_teacher.html", teacher=teacher,
                           report=services.status_report(teacher),
                           review_form=ReviewForm(formdata=None), history=sanctions.history(teacher),
                           pending_revocation=sanctions.open_revocation(teacher), action_form=EmptyForm(),
                           **form_makers(failed), **forms), status


@bp.get("/beheer/docenten/<int:teacher_id>")
@roles_required(Role.admin)
def admin_teacher(teacher_id):
    teacher = services.teacher_with_records(teacher_id) or abort(404)
    return admin_teacher_page(teacher)


@bp.post("/beheer/docenten/<any(diplomas, vog, bijscholing):kind>/<int:item_id>/<any(goedkeuren, afwijzen):decision>")
@roles_required(Role.admin)
def review(kind, item_id, decision):
    model, review_service = _REVIEWS[kind]
    item = get_or_404(model, item_id)
    form = ReviewForm()
    if form.validate_on_submit():
        try:
            review_service(item, decision == "goedkeuren", form.reason.data, by=current_user)
            flash(_("Opgeslagen: %(decision)s.", decision=_("goedgekeurd") if decision == "goedkeuren"
                    else _("afgewezen")), "success")
        except RegistryError as exc:
            flash(str(exc.message), "error")
    if request.form.get("back") == "queue":
        return redirect(url_for("teachers.admin_index"))
    return redirect(url_for("teachers.admin_teacher", teacher_id=item.teacher_id))


@bp.get("/beheer/docenten/bestand/<any(diploma, vog, bijscholing):kind>/<int:item_id>")
@roles_required(Role.admin)
def admin_file(kind, item_id):
    found = services.record_file(kind, item_id) or abort(404)
    handle, name = found
    return send_file(handle, download_name=name, as_attachment=True)


@bp.post("/beheer/docenten/<int:teacher_id>/maatregel")
@roles_required(Role.admin)
def set_sanction(teacher_id):
    teacher = services.teacher_with_records(teacher_id) or abort(404)
    form = SanctionForm()
    if form.validate_on_submit():
        try:
            sanction = sanctions.impose_sanction(teacher, form.kind.data, form.category.data, form.note.data,
                                                 by=current_user, starts_on=form.starts_on.data, until=form.until.data,
                                                 restriction=form.restriction.data or None)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("Het verzoek om de registratie door te halen is vastgelegd. Een andere beheerder moet het "
                    "bevestigen.") if sanction.is_requested else
                  _("De maatregel is vastgelegd en de docent is ingelicht."), "success")
            return redirect(url_for("teachers.admin_teacher", teacher_id=teacher.id), 303)
    return admin_teacher_page(teacher, 400, sanction_form=form)


@bp.post("/beheer/docenten/<int:teacher_id>/maatregel-opheffen")
@roles_required(Role.admin)
def lift_sanction(teacher_id):
    teacher = services.teacher_with_records(teacher_id) or abort(404)
    form = LiftSanctionForm(prefix=LIFT)
    if form.validate_on_submit():
        try:
            sanctions.lift_sanction(teacher, form.reason.data, by=current_user)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("De maatregel is opgeheven."), "success")
            return redirect(url_for("teachers.admin_teacher", teacher_id=teacher.id), 303)
    return admin_teacher_page(teacher, 400, lift_form=form)


@bp.route("/beheer/bijscholing", methods=["GET", "POST"])
@roles_required(Role.admin)
def catalogue():
    form = ActivityForm()
    if form.validate_on_submit():
        try:
            services.add_activity(form.title.data, form.provider.data, form.points.data, form.category.data,
                                  by=current_user)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("De activiteit staat in de catalogus."), "success")
            return redirect(url_for("teachers.catalogue"))
    return render_form("certification/teachers/catalogue.html", form, activities=services.catalogue(active_only=False),
                       action_form=EmptyForm(), cpd_label=services.category_label)


@bp.post("/beheer/bijscholing/<int:activity_id>/intrekken")
@roles_required(Role.admin)
def retire_activity(activity_id):
    activity = get_or_404(CpdActivity, activity_id)
    if EmptyForm().validate_on_submit():
        try:
            services.retire_activity(activity, by=current_user)
            flash(_("De activiteit is uit de catalogus gehaald."), "success")
        except RegistryError as exc:
            flash(str(exc.message), "error")
    return redirect(url_for("teachers.catalogue"))


@bp.route("/beheer/gedragscode", methods=["GET", "POST"])
@roles_required(Role.admin)
def code_versions():
    form = CodeVersionForm()
    if form.validate_on_submit():
        try:
            code = services.publish_code_version(form.version.data, form.text_nl.data, form.text_en.data,
                                                 by=current_user)
        except RegistryError as exc:
            show_error(form, exc)
        else:
            flash(_("Versie %(version)s van de gedragscode is gepubliceerd. Docenten tekenen die opnieuw.",
                    version=code.version), "success")
            waiting = services.registrations_to_refresh()
            if waiting:
                flash(ngettext("Nog %(num)s actieve registratie vervalt vannacht, bij de dagelijkse controle.",
                               "Nog %(num)s actieve registraties vervallen vannacht, bij de dagelijkse controle.",
                               waiting), "info")
            return redirect(url_for("teachers.code_versions"))
    return render_form("certification/teachers/code_versions.html", form, versions=services.list_code_versions())


@bp.route("/beheer/docenten/import", methods=["GET", "POST"])
@roles_required(Role.admin)
def import_page():
    form = ImportForm()
    if not form.validate_on_submit():
        return render_form("certification/teachers/import.html", form)
    file = upload("file")
    if file is None:
        form.file.errors = [_("Kies een CSV- of XLSX-bestand.")]
        return render_form("certification/teachers/import.html", form, status=400)
    try:
        report = importer.import_file(file.data, file.filename, form.kind.data, dry_run=form.dry_run.data,
                                      by=current_user)
    except RegistryError as exc:
        show_error(form, exc)
        return render_form("certification/teachers/import.html", form, status=400)
    report_sha = importer.store_report(report) if report.problems else None
    return render_form("certification/teachers/import.html", form, status=400 if report.problems else 200,
                       report=report, report_sha=report_sha)


@bp.get("/beheer/docenten/import/rapport/<sha>.csv")
@roles_required(Role.admin)
def import_report(sha):
    data = importer.load_report(sha) or abort(404)
    return send_file(io.BytesIO(data), mimetype="text/csv", as_attachment=True, download_name="importrapport.csv")


@bp.get("/beheer/docenten/export.<any(csv, xlsx):fmt>")
@roles_required(Role.admin)
def export(fmt):
    filename, mimetype, data = importer.export_registry(fmt)
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename)
