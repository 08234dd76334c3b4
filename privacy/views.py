"""The person's own privacy page: what the platform holds, a download (JSON and PDF), and
erasure. Logged in only; everyone acts on their own account, so there is nothing to load."""

import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField
from wtforms.validators import DataRequired, Length

from core.forms import show_error
from core.personal_data import rules
from privacy.collect import personal_data
from privacy.erasure import ErasureError, erase_account, refusals
from privacy.pdf import SECTIONS, PersonalDataPdf

bp = Blueprint("privacy", __name__)


class EraseForm(FlaskForm):
    password = PasswordField(_l("Je wachtwoord"), validators=[DataRequired(_l("Vul je wachtwoord in.")),
                                                              Length(max=200)])
    confirm = BooleanField(_l("Ik begrijp dat dit niet ongedaan kan worden gemaakt."),
                           validators=[DataRequired(_l("Vink aan dat je dit begrijpt."))])


def _render(form=None, status=200):
    data = personal_data(current_user)
    counts = [(str(SECTIONS.get(name, name)), len(rows)) for name, rows in data["records"].items()]
    kept = [str(rule.kept) for rule in rules() if rule.kept]
    return render_template("privacy/overview.html", counts=counts, emails=len(data["emails"]), kept=kept,
                           refusals=refusals(current_user), form=form or EraseForm(formdata=None)), status


@bp.get("/account/privacy")
def overview():
    return _render()


@bp.get("/account/privacy/mijn-gegevens.json")
def download_json():
    body = json.dumps(personal_data(current_user), ensure_ascii=False, indent=2, default=str)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": "attachment; filename=mijn-gegevens-dansveilig.json", "Cache-Control": "no-store"})


@bp.get("/account/privacy/mijn-gegevens.pdf")
def download_pdf():
    filename, mimetype, data = PersonalDataPdf().generate(personal_data(current_user))
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={filename}",
                                                      "Cache-Control": "no-store"})


@bp.post("/account/privacy/verwijderen")
def erase():
    form = EraseForm()
    if not form.validate_on_submit():
        return _render(form, 400)
    try:
        erase_account(current_user._get_current_object(), form.password.data)
    except ErasureError as exc:
        show_error(form, exc)
        return _render(form, 400)
    logout_user()
    flash(_("Je account is verwijderd. Wat het register moet bewaren, is bewaard zonder je naam."), "success")
    return redirect(url_for("core.home"), 303)
