"""The admin's forms for a certificate's lifecycle. Labels are Dutch source strings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from certification.certificates.models import ReasonCategory
from certification.certificates.services.lifecycle import MAX_NOTE_CHARS, MIN_NOTE_CHARS
from core.i18n import lazy_text


def _reason_field():
    return SelectField(_l("Reden (dit ziet iedereen)"), validators=[DataRequired(_l("Kies een reden."))])


def _note_field(required: bool = True):
    validators = [Length(max=MAX_NOTE_CHARS, message=lazy_text("Schrijf hoogstens %(n)s tekens.", n=MAX_NOTE_CHARS))]
    if required:
        validators = [DataRequired(_l("Schrijf op waarom.")),
                      Length(min=MIN_NOTE_CHARS, max=MAX_NOTE_CHARS,
                             message=lazy_text("Schrijf %(min)s tot %(max)s tekens.", min=MIN_NOTE_CHARS,
                                        max=MAX_NOTE_CHARS))]
    else:
        validators = [Optional(), *validators]
    return TextAreaField(_l("Toelichting (alleen voor beheerders, nooit openbaar)"), validators=validators)


class _ReasonForm(FlaskForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason_category.choices = [("", _l("Kies een reden")),
                                        *((reason.value, reason.label) for reason in ReasonCategory)]


class SuspendForm(_ReasonForm):
    reason_category = _reason_field()
    note = _note_field()
    until = DateField(_l("Geschorst tot en met (laat leeg: tot nader order)"), validators=[Optional()])


class ReinstateForm(FlaskForm):
    note = _note_field()


class RevocationForm(_ReasonForm):
    reason_category = _reason_field()
    note = _note_field()
