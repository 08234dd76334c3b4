from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from accounts import services
from accounts.forms import (
    ChangePasswordForm,
    CreateUserForm,
    EmailOnlyForm,
    EmptyForm,
    LoginForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
    RolesForm,
)
from accounts.models import Role, User
from accounts.permissions import roles_required
from core.web import get_or_404, public, render_form, safe_next

bp = Blueprint("accounts", __name__)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(_home())
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data, request.remote_addr)
        except services.LoginThrottled as exc:
            flash(str(exc.message), "error")
            unlock_form = EmailOnlyForm(formdata=None, data={"email": form.email.data})
            return render_form("accounts/login.html", form, status=429, unlock_form=unlock_form,
                               unlockable=isinstance(exc, services.LoginUnlockable))
        except services.EmailNotConfirmed as exc:
            flash(str(exc.message), "error")
            return render_form("accounts/login.html", form, status=403, unconfirmed=True)
        except services.AccountError as exc:
            flash(str(exc.message), "error")
            return render_form("accounts/login.html", form, status=401)
        login_user(user, remember=form.remember.data)
        flash(_("Je bent ingelogd."), "success")
        return redirect(safe_next(request.args.get("next"), _home()))
    return render_form("accounts/login.html", form, asked_by=safe_next(request.args.get("next"), ""))


def _home() -> str:
    """The role's home page (the `home` package, which sits above this one), else the public home."""
    return url_for("home.index") if "home.index" in current_app.view_functions else url_for("core.home")


@bp.post("/login/ontgrendelen")
@public
def request_unlock():
    form = EmailOnlyForm()
    if form.validate_on_submit():
        services.request_login_unlock(form.email.data)
        return render_template("accounts/unlock_sent.html", email=form.email.data)
    return redirect(url_for("accounts.login"))


@bp.route("/login/ontgrendelen/<token>", methods=["GET", "POST"])
@public
def unlock(token):
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            services.unlock_login(token, request.remote_addr)
        except services.AccountError as exc:
            flash(str(exc.message), "error")
            return redirect(url_for("accounts.login"))
        flash(_("Je kunt weer inloggen vanaf dit apparaat."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/unlock.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    services.record_logout(current_user)
    logout_user()
    flash(_("Je bent uitgelogd."), "success")
    return redirect(url_for("core.home"))


@bp.route("/registreren", methods=["GET", "POST"])
@public
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            services.register_user(form.email.data, form.name.data, form.password.data,
                                   Role(form.role.data), form.locale.data)
        except services.AccountError as exc:
            flash(str(exc.message), "error")
            return render_form("accounts/register.html", form, status=400)
        return render_template("accounts/check_email.html", email=form.email.data)
    return render_form("accounts/register.html", form)


@bp.route("/bevestigen/<token>", methods=["GET", "POST"])
@public
def confirm(token):
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            services.confirm_email(token)
        except services.AccountError as exc:
            flash(str(exc.message), "error")
            return redirect(url_for("accounts.resend_confirmation"))
        flash(_("Je e-mailadres is bevestigd. Je kunt nu inloggen."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/confirm.html", form=form)


@bp.route("/bevestiging-opnieuw", methods=["GET", "POST"])
@public
def resend_confirmation():
    form = EmailOnlyForm()
    if form.validate_on_submit():
        services.resend_confirmation(form.email.data)
        return render_template("accounts/check_email.html", email=form.email.data)
    return render_form("accounts/resend_confirmation.html", form)


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@public
def forgot_password():
    form = EmailOnlyForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render_template("accounts/reset_sent.html", email=form.email.data)
    return render_form("accounts/forgot_password.html", form)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
@public
def reset_password(token):
    try:
        services.user_for_reset_token(token)
    except services.AccountError as exc:
        return render_template("accounts/reset_invalid.html", message=exc.message), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except services.AccountError as exc:
            flash(str(exc.message), "error")
            return render_form("accounts/reset_password.html", form, status=400)
        flash(_("Je wachtwoord is ingesteld. Je kunt nu inloggen."), "success")
        return redirect(url_for("accounts.login"))
    return render_form("accounts/reset_password.html", form)


@bp.route("/account", methods=["GET", "POST"])
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        services.update_profile(current_user, form.name.data, form.locale.data)
        flash(_("Je gegevens zijn opgeslagen."), "success")
        return redirect(url_for("accounts.profile"))
    return render_form("accounts/profile.html", form, password_form=ChangePasswordForm(formdata=None),
                       everywhere_form=EmptyForm())


@bp.post("/account/wachtwoord")
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.password.data)
        except services.AccountError as exc:
            form.current.errors.append(str(exc.message))
        else:
            login_user(current_user._get_current_object())  # this session goes on; all others end
            flash(_("Je wachtwoord is gewijzigd. Op andere apparaten ben je uitgelogd."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=ProfileForm(obj=current_user), password_form=form,
                           everywhere_form=EmptyForm()), 400


@bp.post("/account/overal-uitloggen")
def log_out_everywhere():
    if EmptyForm().validate_on_submit():
        services.log_out_everywhere(current_user)
        logout_user()
        flash(_("Je bent op alle apparaten uitgelogd."), "success")
        return redirect(url_for("accounts.login"))
    return redirect(url_for("accounts.profile"))


@bp.route("/beheer/gebruikers", methods=["GET", "POST"])
@roles_required(Role.admin)
def users():
    form = CreateUserForm()
    if form.validate_on_submit():
        try:
            user = services.create_user(form.email.data, form.name.data, {Role(r) for r in form.roles.data},
                                        by=current_user, locale=form.locale.data)
        except services.AccountError as exc:
            form.email.errors.append(str(exc.message))
        else:
            flash(_("Account voor %(email)s aangemaakt; er is een e-mail gestuurd om een wachtwoord te kiezen.",
                    email=user.email), "success")
            return redirect(url_for("accounts.users"))
    return render_form("accounts/users.html", form, users=services.list_users(), action_form=EmptyForm())


@bp.post("/beheer/gebruikers/<int:user_id>/rollen")
@roles_required(Role.admin)
def set_roles(user_id):
    user = get_or_404(User, user_id)
    form = RolesForm()
    if form.validate_on_submit():
        try:
            services.set_user_roles(user, {Role(r) for r in form.roles.data}, by=current_user)
            flash(_("De rollen van %(name)s zijn opgeslagen.", name=user.name), "success")
        except services.AccountError as exc:
            flash(str(exc.message), "error")
    else:
        flash(_("Kies minstens één rol."), "error")
    return redirect(url_for("accounts.users"))


@bp.post("/beheer/gebruikers/<int:user_id>/<any(blokkeren, deblokkeren):action>")
@roles_required(Role.admin)
def set_enabled(user_id, action):
    user = get_or_404(User, user_id)
    if EmptyForm().validate_on_submit():
        try:
            services.set_user_enabled(user, action == "deblokkeren", by=current_user)
            flash(_("Account van %(name)s bijgewerkt.", name=user.name), "success")
        except services.AccountError as exc:
            flash(str(exc.message), "error")
    return redirect(url_for("accounts.users"))
