"""Forms for sanctions and objections. The services check every rule again."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from certification.sanctions.models import ObjectionOutcome
from certification.teachers.models import Sanction
from certification.teachers.sanction_kinds import Restriction, SanctionReason
from core.i18n import lazy_text

_NOTE = Length(max=4000, message=lazy_text("Schrijf hoogstens %(n)s tekens.", n=4000))


class SanctionForm(FlaskForm):
    kind = RadioField(_l("Maatregel"), choices=[], validators=[DataRequired(_l("Kies een maatregel."))])
    restriction = SelectField(_l("Beperking (bij een beperking)"), choices=[], validators=[Optional()])
    category = SelectField(_l("Reden (openbaar, behalve bij een tijdelijke maatregel)"), choices=[],
                           validators=[DataRequired(_l("Kies een reden."))])
    note = TextAreaField(_l("Toelichting (alleen voor beheerders; de docent en het publiek zien die niet)"),
                         validators=[DataRequired(_l("Schrijf op waarom.")), _NOTE])
    starts_on = DateField(_l("Vanaf"), validators=[Optional()])
    until = DateField(_l("Tot (verplicht bij een schorsing)"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(s.value, s.label) for s in Sanction]
        self.restriction.choices = [("", _l("Kies een beperking"))] + [(r.value, r.label) for r in Restriction]
        self.category.choices = [("", _l("Kies een reden"))] + [(r.value, r.label) for r in SanctionReason]


class CaseMeasureForm(FlaskForm):
    """A temporary measure taken from a case; whether the teacher is told now is a decision."""

    category = SelectField(_l("Reden (niet openbaar bij een tijdelijke maatregel)"), choices=[],
                           validators=[DataRequired(_l("Kies een reden."))])
    note = TextAreaField(_l("Toelichting (alleen voor beheerders)"),
                         validators=[DataRequired(_l("Schrijf op waarom.")), _NOTE])
    until = DateField(_l("Uiterlijk tot (mag leeg blijven)"), validators=[Optional()])
    tell_teacher = BooleanField(_l("De docent nu inlichten (bericht en e-mail)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = [("", _l("Kies een reden"))] + [(r.value, r.label) for r in SanctionReason]


class LiftSanctionForm(FlaskForm):
    reason = TextAreaField(_l("Reden"), validators=[DataRequired(_l("Schrijf de reden op.")), _NOTE])


class ObjectionForm(FlaskForm):
    received_on = DateField(_l("Bezwaar ontvangen op"), validators=[InputRequired(_l("Vul een datum in."))])
    grounds = TextAreaField(_l("Waar gaat het bezwaar over"), validators=[DataRequired(_l("Vul dit veld in.")), _NOTE])


class ObjectionDecisionForm(FlaskForm):
    outcome = SelectField(_l("Uitkomst"), choices=[], validators=[DataRequired(_l("Kies een uitkomst."))])
    decided_on = DateField(_l("Besloten op"), validators=[InputRequired(_l("Vul een datum in."))])
    outcome_note = TextAreaField(_l("Toelichting (de indiener krijgt die te lezen)"),
                                 validators=[DataRequired(_l("Vul dit veld in.")), _NOTE])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome.choices = [("", _l("Kies een uitkomst"))] + [
            (o.value, o.label) for o in ObjectionOutcome if not o.is_pending]


def form_makers(failed=None) -> dict:
    """For a page that lists sanctions or steps, each with its own objection and decision
    forms: functions that give the form for one target (ids made unique by a prefix), or
    the `failed` one (what, id, form) with its errors and what was typed."""

    def maker(cls, what, prefix):
        def make(target_id):
            if failed and failed[0] == what and failed[1] == target_id:
                return failed[2]
            return cls(prefix=f"{prefix}-{target_id}", formdata=None)
        return make

    return {"objection_form_for": maker(ObjectionForm, "target", "objection"),
            "decision_form_for": maker(ObjectionDecisionForm, "objection", "decision")}
