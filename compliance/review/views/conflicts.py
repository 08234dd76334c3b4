"""Conflict-of-interest declarations: the assessor's own list, and the public page."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from accounts.forms import EmptyForm
from compliance.models import School
from compliance.review import forms, services
from compliance.review.models import ConflictDeclaration, Relation
from compliance.review.permissions import is_assessor
from compliance.review.views.blueprint import bp
from core.extensions import db
from core.forms import show_error
from core.web import get_or_404, public, render_form


@bp.route("/beoordelen/belangen", methods=["GET", "POST"])
def conflicts():
    if not is_assessor(current_user):
        abort(403)
    schools = db.session.execute(select(School).order_by(School.name)).scalars().all()
    form = forms.ConflictForm(schools)
    if form.validate_on_submit():
        school = get_or_404(School, form.school.data) if form.school.data else None
        try:
            services.declare_conflict(current_user, Relation(form.relation.data), form.since.data, school=school,
                                      organisation=form.organisation.data or "")
        except services.ReviewError as exc:
            show_error(form, exc)
        else:
            flash(_("Je verklaring is opgeslagen en staat op de openbare lijst."), "success")
            return redirect(url_for("review.conflicts"), 303)
    return render_form("compliance/review/conflicts.html", form, declarations=services.declarations_of(current_user),
                       empty=EmptyForm())


@bp.post("/beoordelen/belangen/<int:declaration_id>/intrekken")
def withdraw_conflict(declaration_id):
    declaration = get_or_404(ConflictDeclaration, declaration_id)
    if declaration.assessor_id != current_user.id:
        abort(403)
    if EmptyForm().validate_on_submit():
        try:
            services.withdraw_conflict(declaration, current_user)
        except services.ReviewError as exc:
            flash(str(exc.message), "error")
        else:
            flash(_("De verklaring is ingetrokken."), "success")
    return redirect(url_for("review.conflicts"), 303)


@bp.get("/beoordelaars")
@public
def assessors():
    return render_template("compliance/review/assessors.html", assessors=services.public_register())
