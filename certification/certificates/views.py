"""Logged-in pages: the admin's certificate list and lifecycle actions, and a school's own
certificates. Each view: load (404), check permission (403), validate, call one service,
then flash and redirect, or render."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import EmptyForm
from certification.certificates import permissions, services
from certification.certificates.drift import gates_today
from certification.certificates.forms import ReinstateForm, RevocationForm, SuspendForm
from certification.certificates.models import CertificateStatus, PendingRevocation
from compliance.models import School
from core.forms import show_error
from core.web import get_or_404

bp = Blueprint("certificates", __name__)
_TEMPLATES = "certification/certificates"


@bp.app_context_processor
def _helpers():
    return permissions.template_helpers()


def _admin_certificate_or_404(number: str):
    if not permissions.can_manage_certificates(current_user):
        abort(403)
    certificate = services.load_certificate(number)
    if certificate is None:
        abort(404)
    return certificate


def certificate_page(certificate, status: int = 200, failed=None, **forms):
    """The admin's page of a certificate; `failed` = (what, id, form) re-shows one form of the
    history's list (an objection, a decision on it) with its errors."""
    from certification.sanctions.forms import form_makers  # noqa: PLC0415  (upward: sanctions' part of the page)
    from certification.sanctions.objections import certificate_objections  # noqa: PLC0415  (upward, as above)

    forms = {"suspend_form": SuspendForm(prefix="suspend", formdata=None),
             "reinstate_form": ReinstateForm(prefix="reinstate", formdata=None),
             "revoke_form": RevocationForm(prefix="revoke", formdata=None), **forms}
    return render_template(f"{_TEMPLATES}/admin_certificate.html", certificate=certificate,
                           today=gates_today(certificate),
                           status=certificate.effective_status(), pending=services.open_revocation(certificate),
                           actions=services.offered_actions(certificate),
                           action_form=EmptyForm(), Status=CertificateStatus,
                           objections=certificate_objections(certificate), **form_makers(failed), **forms), status


_detail = certificate_page


def _back(certificate):
    return redirect(url_for("certificates.admin_certificate", number=certificate.number), 303)


@bp.get("/beheer/certificaten")
def admin_index():
    if not permissions.can_manage_certificates(current_user):
        abort(403)
    status = next((s for s in CertificateStatus if s.value == request.args.get("status")), None)
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
    pending_only = request.args.get("verzoeken") == "1"
    rows, total, pending = services.list_certificates(status, request.args.get("q", "")[:100], page, pending_only)
    return render_template(f"{_TEMPLATES}/admin_index.html", rows=rows, total=total, pending=pending, page=page,
                           page_size=services.reading.ADMIN_PAGE_SIZE, statuses=CertificateStatus,
                           status=status, args=request.args)


@bp.get("/beheer/certificaten/<number>")
def admin_certificate(number):
    return _detail(_admin_certificate_or_404(number))


@bp.post("/beheer/certificaten/<number>/schorsen")
def suspend(number):
    certificate = _admin_certificate_or_404(number)
    form = SuspendForm(prefix="suspend")
    if form.validate_on_submit():
        try:
            services.suspend_certificate(certificate, current_user, form.reason_category.data, form.note.data,
                                         form.until.data)
        except services.CertificateError as exc:
            show_error(form, exc)
        else:
            flash(_("Het certificaat %(number)s is geschorst.", number=certificate.number), "success")
            return _back(certificate)
    return _detail(certificate, 400, suspend_form=form)


@bp.post("/beheer/certificaten/<number>/opheffen")
def reinstate(number):
    certificate = _admin_certificate_or_404(number)
    form = ReinstateForm(prefix="reinstate")
    if form.validate_on_submit():
        try:
            services.reinstate_certificate(certificate, current_user, form.note.data or "")
        except services.CertificateError as exc:
            show_error(form, exc)
        else:
            flash(_("De schorsing is opgeheven: het certificaat %(number)s is weer geldig.",
                    number=certificate.number), "success")
            return _back(certificate)
    return _detail(certificate, 400, reinstate_form=form)


@bp.post("/beheer/certificaten/<number>/intrekken")
def request_revocation(number):
    certificate = _admin_certificate_or_404(number)
    form = RevocationForm(prefix="revoke")
    if form.validate_on_submit():
        try:
            services.request_revocation(certificate, current_user, form.reason_category.data, form.note.data)
        except services.CertificateError as exc:
            show_error(form, exc)
        else:
            flash(_("Je verzoek om in te trekken is opgeslagen. Een andere beheerder moet het bevestigen."),
                  "success")
            return _back(certificate)
    return _detail(certificate, 400, revoke_form=form)


def _pending_or_404(request_id: int) -> PendingRevocation:
    if not permissions.can_manage_certificates(current_user):
        abort(403)
    return get_or_404(PendingRevocation, request_id)


@bp.post("/beheer/certificaten/verzoeken/<int:request_id>/bevestigen")
def confirm_revocation(request_id):
    pending = _pending_or_404(request_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        certificate = services.confirm_revocation(pending, current_user)
    except services.CertificateError as exc:
        flash(str(exc.message), "error")
    else:
        flash(_("Het certificaat %(number)s is ingetrokken.", number=certificate.number), "success")
    return _back(pending.certificate)


@bp.post("/beheer/certificaten/verzoeken/<int:request_id>/annuleren")
def cancel_revocation(request_id):
    pending = _pending_or_404(request_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        services.cancel_revocation(pending, current_user)
    except services.CertificateError as exc:
        flash(str(exc.message), "error")
    else:
        flash(_("Het verzoek om in te trekken is geannuleerd."), "success")
    return _back(pending.certificate)


@bp.get("/scholen/<int:school_id>/certificaten")
def school_certificates(school_id):
    school = get_or_404(School, school_id)
    if not permissions.can_view_school_certificates(current_user, school):
        abort(403)
    return render_template(f"{_TEMPLATES}/school_certificates.html", school=school,
                           certificates=services.certificates_for_school(school))
