"""The people who manage a school: members, invitations by e-mail, accepting one."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from accounts.forms import EmptyForm
from compliance import services
from compliance.forms import InviteForm
from compliance.models import MemberRole, SchoolInvitation, SchoolMember
from compliance.permissions import can_manage_members
from compliance.views.blueprint import bp, school_or_404
from core.forms import show_error
from core.web import get_or_404, render_form


def _render_members(school, form, status=None):
    return render_form("compliance/members.html", form, status=status, school=school,
                       invitations=services.pending_invitations(school), action_form=EmptyForm(),
                       may_manage=can_manage_members(current_user, school))


@bp.route("/scholen/<int:school_id>/beheerders", methods=["GET", "POST"])
def members(school_id):
    school = school_or_404(school_id, edit=True)
    form = InviteForm()
    if form.validate_on_submit():
        if not can_manage_members(current_user, school):
            abort(403)
        try:
            invitation = services.invite_member(school, form.email.data, MemberRole(form.role.data), by=current_user)
        except services.ComplianceError as exc:
            show_error(form, exc)
            return _render_members(school, form, status=400)
        flash(_("Uitnodiging gestuurd naar %(email)s.", email=invitation.email), "success")
        return redirect(url_for("compliance.members", school_id=school.id), 303)
    return _render_members(school, form)


@bp.post("/scholen/uitnodigingen/<int:invitation_id>/intrekken")
def revoke_invitation(invitation_id):
    invitation = get_or_404(SchoolInvitation, invitation_id)
    if not can_manage_members(current_user, invitation.school):
        abort(403)
    if EmptyForm().validate_on_submit():
        try:
            services.revoke_invitation(invitation, by=current_user)
            flash(_("De uitnodiging aan %(email)s is ingetrokken.", email=invitation.email), "success")
        except services.ComplianceError as exc:
            flash(str(exc.message), "error")
    return redirect(url_for("compliance.members", school_id=invitation.school_id), 303)


@bp.post("/scholen/beheerders/<int:member_id>/verwijderen")
def remove_member(member_id):
    member = get_or_404(SchoolMember, member_id)
    school_id, name = member.school_id, member.user.name
    if not can_manage_members(current_user, member.school):
        abort(403)
    if EmptyForm().validate_on_submit():
        try:
            services.remove_member(member, by=current_user)
            flash(_("%(name)s beheert de school niet meer.", name=name), "success")
        except services.ComplianceError as exc:
            flash(str(exc.message), "error")
    return redirect(url_for("compliance.members", school_id=school_id), 303)


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
def accept_invitation(token):
    try:
        invitation = services.invitation_from_token(token)
    except services.ComplianceError as exc:
        return render_template("compliance/invitation_invalid.html", message=exc.message), 400
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            member = services.accept_invitation(token, current_user)
        except services.ComplianceError as exc:
            return render_template("compliance/invitation_invalid.html", message=exc.message), 400
        flash(_("Welkom! Je beheert nu %(school)s.", school=member.school.name), "success")
        return redirect(url_for("compliance.school", school_id=member.school_id), 303)
    return render_template("compliance/accept_invitation.html", invitation=invitation, form=form)
