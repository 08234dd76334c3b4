from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length
from wtforms.widgets import CheckboxInput, ListWidget

from accounts.models import ROLE_LABELS, SELF_REGISTER_ROLES, Role
from accounts.services import MIN_PASSWORD_LENGTH
from core.i18n import lazy_text
from core.spreadsheets import NoFormula

LANGUAGE_CHOICES = [("nl", "Nederlands"), ("en", "English")]


def _email_field(label=None):
    return EmailField(label or _l("E-mailadres"), validators=[
        DataRequired(_l("Vul je e-mailadres in.")),
        Length(max=254, message=_l("Een e-mailadres is hoogstens 254 tekens.")),
        Email(_l("Dit is geen geldig e-mailadres."), check_deliverability=False),
    ])


def _new_password_field(label=None):
    return PasswordField(label or _l("Wachtwoord"), validators=[
        DataRequired(_l("Kies een wachtwoord.")),
        Length(min=MIN_PASSWORD_LENGTH, max=200,
               message=lazy_text(
                       "Een wachtwoord is %(min)s tot %(max)s tekens lang.", min=MIN_PASSWORD_LENGTH, max=200)),
    ])


def _name_field():
    return StringField(_l("Naam"), validators=[
        DataRequired(_l("Vul je naam in.")),
        Length(max=120, message=_l("Een naam is hoogstens 120 tekens.")),
        NoFormula(),
    ])


class LoginForm(FlaskForm):
    email = _email_field()
    password = PasswordField(_l("Wachtwoord"), validators=[
        DataRequired(_l("Vul je wachtwoord in.")), Length(max=200)])
    remember = BooleanField(_l("Ingelogd blijven op dit apparaat"))


class RegisterForm(FlaskForm):
    name = _name_field()
    email = _email_field()
    password = _new_password_field()
    confirm = PasswordField(_l("Wachtwoord nog een keer"), validators=[
        EqualTo("password", message=_l("De twee wachtwoorden zijn niet gelijk."))])
    role = RadioField(_l("Ik meld me aan als"), choices=[(r.value, ROLE_LABELS[r]) for r in SELF_REGISTER_ROLES],
                      validators=[DataRequired(_l("Kies of je een school hebt of docent bent."))])
    locale = SelectField(_l("Taal voor e-mails"), choices=LANGUAGE_CHOICES, default="nl")


class EmailOnlyForm(FlaskForm):
    email = _email_field()


class ResetPasswordForm(FlaskForm):
    password = _new_password_field(_l("Nieuw wachtwoord"))
    confirm = PasswordField(_l("Nieuw wachtwoord nog een keer"), validators=[
        EqualTo("password", message=_l("De twee wachtwoorden zijn niet gelijk."))])


class ProfileForm(FlaskForm):
    name = _name_field()
    locale = SelectField(_l("Taal"), choices=LANGUAGE_CHOICES)


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Huidig wachtwoord"), validators=[DataRequired(_l("Vul je huidige wachtwoord in."))])
    password = _new_password_field(_l("Nieuw wachtwoord"))
    confirm = PasswordField(_l("Nieuw wachtwoord nog een keer"), validators=[
        EqualTo("password", message=_l("De twee wachtwoorden zijn niet gelijk."))])


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CreateUserForm(FlaskForm):
    name = _name_field()
    email = _email_field()
    roles = MultiCheckboxField(_l("Rollen"), choices=[(r.value, ROLE_LABELS[r]) for r in Role],
                               validators=[DataRequired(_l("Kies minstens één rol."))])
    locale = SelectField(_l("Taal"), choices=LANGUAGE_CHOICES, default="nl")


class RolesForm(FlaskForm):
    roles = MultiCheckboxField(_l("Rollen"), choices=[(r.value, ROLE_LABELS[r]) for r in Role],
                               validators=[DataRequired(_l("Kies minstens één rol."))])


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that POST."""
