"""The admin's steps after a sanction: confirm or cancel a revocation (four eyes), record an
objection against a teacher's sanction or a certificate's suspension or revocation, and
record its outcome. Each re-shows the page it came from, with the form's errors."""

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import EmptyForm
from accounts.models import Role
from accounts.permissions import roles_required
from certification.certificates.models import CertificateEvent
from certification.certificates.views import certificate_page
from certification.sanctions import objections, services
from certification.sanctions.errors import SanctionError
from certification.sanctions.forms import ObjectionDecisionForm, ObjectionForm
from certification.sanctions.models import Objection, TeacherSanction
from certification.teachers.services import teacher_with_records
from certification.teachers.views.admin import admin_teacher_page
from core.forms import show_error
from core.web import get_or_404

bp = Blueprint("sanctions", __name__)


def _teacher_page(sanction, failed=None):
    return admin_teacher_page(teacher_with_records(sanction.teacher_id) or abort(404), 400, failed=failed)


def _certificate_page(certificate, failed=None):
    return certificate_page(certificate, 400, failed=failed)


def _back(objection_or_sanction):
    if isinstance(objection_or_sanction, TeacherSanction):
        return redirect(url_for("teachers.admin_teacher", teacher_id=objection_or_sanction.teacher_id), 303)
    if objection_or_sanction.teacher_sanction_id is not None:
        return _back(objection_or_sanction.teacher_sanction)
    return redirect(url_for("certificates.admin_certificate",
                            number=objection_or_sanction.certificate_event.certificate.number), 303)


@bp.post("/beheer/maatregelen/<int:sanction_id>/<any(bevestigen, annuleren):step>")
@roles_required(Role.admin)
def revocation(sanction_id, step):
    sanction = get_or_404(TeacherSanction, sanction_id)
    if EmptyForm().validate_on_submit():
        try:
            if step == "bevestigen":
                services.confirm_revocation(sanction, current_user)
                flash(_("De registratie is doorgehaald en de docent is ingelicht."), "success")
            else:
                services.cancel_revocation(sanction, current_user)
                flash(_("Het verzoek om door te halen is ingetrokken."), "success")
        except SanctionError as exc:
            flash(str(exc.message), "error")
    return _back(sanction)


@bp.post("/beheer/maatregelen/<int:sanction_id>/bezwaar")
@roles_required(Role.admin)
def teacher_objection(sanction_id):
    sanction = get_or_404(TeacherSanction, sanction_id)
    form = ObjectionForm(prefix=f"objection-{sanction.id}")
    if form.validate_on_submit():
        try:
            objections.record_objection(sanction, form.received_on.data, form.grounds.data, current_user)
        except SanctionError as exc:
            show_error(form, exc)
        else:
            flash(_("Het bezwaar is vastgelegd."), "success")
            return _back(sanction)
    return _teacher_page(sanction, failed=("target", sanction.id, form))


@bp.post("/beheer/certificaten/stap/<int:event_id>/bezwaar")
@roles_required(Role.admin)
def certificate_objection(event_id):
    event = get_or_404(CertificateEvent, event_id)
    form = ObjectionForm(prefix=f"objection-{event.id}")
    if form.validate_on_submit():
        try:
            objections.record_objection(event, form.received_on.data, form.grounds.data, current_user)
        except SanctionError as exc:
            show_error(form, exc)
        else:
            flash(_("Het bezwaar is vastgelegd."), "success")
            return redirect(url_for("certificates.admin_certificate", number=event.certificate.number), 303)
    return _certificate_page(event.certificate, failed=("target", event.id, form))


@bp.post("/beheer/bezwaren/<int:objection_id>/besluit")
@roles_required(Role.admin)
def decide_objection(objection_id):
    objection = get_or_404(Objection, objection_id)
    form = ObjectionDecisionForm(prefix=f"decision-{objection.id}")
    if form.validate_on_submit():
        try:
            objections.decide_objection(objection, form.outcome.data, form.decided_on.data, form.outcome_note.data,
                                        current_user)
        except SanctionError as exc:
            show_error(form, exc)
        else:
            flash(_("Het besluit op het bezwaar is vastgelegd en de indiener is ingelicht."), "success")
            return _back(objection)
    failed = ("objection", objection.id, form)
    if objection.teacher_sanction is not None:
        return _teacher_page(objection.teacher_sanction, failed=failed)
    return _certificate_page(objection.certificate_event.certificate, failed=failed)
