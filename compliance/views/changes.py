"""The admin's page of changes that certified schools ask to what their certificate states."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import EmptyForm
from compliance import services
from compliance.forms import RefuseChangeForm
from compliance.models import SchoolChangeRequest
from compliance.permissions import can_decide_changes
from compliance.views.blueprint import bp
from core.web import get_or_404


def _render(status=200, refuse_forms=None):
    changes = services.pending_changes()
    forms = refuse_forms or {}
    return render_template("compliance/change_requests.html", changes=changes, action_form=EmptyForm(),
                           refuse_forms={c.id: forms.get(c.id) or RefuseChangeForm(formdata=None, prefix=f"r{c.id}")
                                         for c in changes}), status


def _change_or_404(change_id) -> SchoolChangeRequest:
    change = get_or_404(SchoolChangeRequest, change_id)
    if not can_decide_changes(current_user):
        abort(403)
    return change


@bp.get("/beheer/wijzigingen")
def change_requests():
    if not can_decide_changes(current_user):
        abort(403)
    return _render()


@bp.post("/beheer/wijzigingen/<int:change_id>/goedkeuren")
def approve_change(change_id):
    change = _change_or_404(change_id)
    if EmptyForm().validate_on_submit():
        try:
            services.approve_change(change, by=current_user)
        except services.ComplianceError as exc:
            flash(str(exc.message), "error")
            return _render(status=409)
        flash(_("De wijziging van %(school)s is goedgekeurd.", school=change.school.name), "success")
    return redirect(url_for("compliance.change_requests"), 303)


@bp.post("/beheer/wijzigingen/<int:change_id>/weigeren")
def refuse_change(change_id):
    change = _change_or_404(change_id)
    form = RefuseChangeForm(prefix=f"r{change.id}")
    if not form.validate_on_submit():
        return _render(status=400, refuse_forms={change.id: form})
    try:
        services.refuse_change(change, form.reason.data, by=current_user)
    except services.ComplianceError as exc:
        flash(str(exc.message), "error")
        return _render(status=409)
    flash(_("De wijziging van %(school)s is geweigerd.", school=change.school.name), "success")
    return redirect(url_for("compliance.change_requests"), 303)
