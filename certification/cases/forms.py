"""Forms of the case: the school's report to the alliance and the admin's steps."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from accounts.forms import MultiCheckboxField
from certification.cases.services import MAX_TEXT, REFERRALS
from core.i18n import lazy_text
from standards.vocabulary import REPORT_KINDS, localized

_LONG = Length(max=MAX_TEXT, message=lazy_text("Schrijf hoogstens %(n)s tekens.", n=MAX_TEXT))


class CaseReportForm(FlaskForm):
    registration_number = StringField(_l("Registratienummer van de docent"),
                                      validators=[DataRequired(_l("Vul het registratienummer in.")),
                                                  Length(max=20, message=lazy_text("Hoogstens %(n)s tekens.", n=20))])
    report_kind = SelectField(_l("Soort gedrag waar de melding over gaat"), choices=[],
                              validators=[DataRequired(_l("Kies het soort gedrag."))])
    reported_on = DateField(_l("Datum waarop de school de melding kreeg"),
                            validators=[InputRequired(_l("Vul een datum in."))])
    actions_taken = TextAreaField(_l("Wat heeft de school gedaan?"),
                                  validators=[DataRequired(_l("Vul dit veld in.")), _LONG])
    referred_to = MultiCheckboxField(_l("Doorverwezen naar of gemeld bij"), choices=[], validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.report_kind.choices = [("", _l("Kies het soort gedrag"))] + [
            (code, localized(label)) for code, label in REPORT_KINDS.items()]
        self.referred_to.choices = [(code, label) for code, label in REFERRALS.items()]


class CaseNoteForm(FlaskForm):
    note = TextAreaField(_l("Notitie"), validators=[DataRequired(_l("Vul dit veld in.")), _LONG])
