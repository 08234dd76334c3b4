"""Forms of the review workflow. Choices from the plan are bilingual data, filled in per
request in the visitor's language."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from accounts.forms import MultiCheckboxField
from compliance.review.models import Outcome, Relation
from compliance.review.services import ActionInput
from compliance.services.evidence import Upload
from core.i18n import lazy_text
from core.spreadsheets import NoFormula
from standards.vocabulary import localized

TEXT = [Length(max=10_000, message=_l("Hoogstens %(max)d tekens."))]
ACTION_ROWS = 3


def uploads_of(field) -> list[Upload]:
    return [Upload(f.filename or "", f.read()) for f in (field.data or [])
            if f is not None and getattr(f, "filename", None)]


class ConflictForm(FlaskForm):
    school = SelectField(_l("School uit het register"), coerce=int, validators=[Optional()])
    organisation = StringField(_l("Of een andere organisatie"), validators=[Optional(), Length(max=200),
                                                                          NoFormula()])
    relation = SelectField(_l("Relatie"), validators=[DataRequired(_l("Kies een relatie."))])
    since = DateField(_l("Sinds"), validators=[DataRequired(_l("Vul een datum in (dd-mm-jjjj)."))])

    def __init__(self, schools, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.school.choices = [(0, _l("Geen: een andere organisatie"))] + [(s.id, f"{s.name} ({s.city})")
                                                                          for s in schools]
        self.relation.choices = [(r.value, r.label) for r in Relation]


class AssignForm(FlaskForm):
    reviewer = SelectField(_l("Beoordelaar"), coerce=int, validators=[DataRequired(_l("Kies een beoordelaar."))])

    def __init__(self, reviewers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviewer.choices = [(user.id, user.name) for user in reviewers]


class VerdictForm(FlaskForm):
    verdict = RadioField(_l("Oordeel"), validators=[DataRequired(_l("Kies een oordeel."))])
    finding_grade = SelectField(_l("Bevinding"), validators=[Optional()])
    comment = TextAreaField(_l("Opmerking"), validators=TEXT)
    visible_to_school = BooleanField(_l("De school mag deze opmerking zien"))

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.verdict.choices = [(v.code, localized(v.label)) for v in plan.verdicts]
        self.finding_grade.choices = [("", _l("Geen"))] + [(g.code, localized(g.label)) for g in plan.finding_grades]


class InformationRequestForm(FlaskForm):
    criteria = MultiCheckboxField(_l("Eisen die de school moet aanvullen"), coerce=int,
                                  validators=[DataRequired(_l("Kies minstens één eis."))])
    question = TextAreaField(_l("Vraag aan de school"), validators=[DataRequired(_l("Stel je vraag.")), *TEXT])

    def __init__(self, answers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria.choices = [(a.id, f"{a.criterion.code} {localized(a.criterion.title)}") for a in answers]


class SchoolAnswerForm(FlaskForm):
    body = TextAreaField(_l("Je antwoord"), validators=[DataRequired(_l("Schrijf je antwoord.")), *TEXT])
    files = MultipleFileField(_l("Nieuw bewijs (optioneel)"))


class SiteVisitForm(FlaskForm):
    visited_on = DateField(_l("Datum van het bezoek"), validators=[DataRequired(_l("Vul een datum in."))])
    announced = RadioField(_l("Soort bezoek"), choices=[("1", _l("Aangekondigd")), ("0", _l("Onaangekondigd"))],
                           default="1", validators=[DataRequired()])
    rooms = MultiCheckboxField(_l("Bekeken zalen"))
    observations = TextAreaField(_l("Waarnemingen"), validators=[DataRequired(_l("Schrijf op wat je zag.")), *TEXT])

    def __init__(self, school, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rooms.choices = [(f"{loc.name}: {room.name}", f"{loc.name}: {room.name}")
                              for loc in school.locations for room in loc.rooms]


class RecommendationForm(FlaskForm):
    outcome = RadioField(_l("Advies"), choices=[(o.value, o.label) for o in Outcome],
                         validators=[DataRequired(_l("Kies een advies."))])
    rationale = TextAreaField(_l("Onderbouwing"), validators=[DataRequired(_l("Onderbouw je advies.")), *TEXT])

    def __init__(self, answers, default_due: date, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_due = default_due
        self.criterion_choices = [("", str(_l("Geen bepaalde eis")))] + [
            (str(a.criterion_id), f"{a.criterion.code} {localized(a.criterion.title)}") for a in answers]


class DecisionForm(FlaskForm):
    comment = TextAreaField(_l("Opmerking (verplicht bij terugsturen)"), validators=TEXT)


class ReportActionForm(FlaskForm):
    report_text = TextAreaField(_l("Wat heeft de school gedaan?"),
                                validators=[DataRequired(_l("Beschrijf wat er is gedaan.")), *TEXT])
    files = MultipleFileField(_l("Bewijs"))


def parse_actions(formdata, rows: int = ACTION_ROWS):
    """The recommendation's corrective-action rows (action-N-description, -due_on, -criterion)."""
    actions = []
    for index in range(rows):
        description = (formdata.get(f"action-{index}-description") or "").strip()
        if not description:
            continue
        due = formdata.get(f"action-{index}-due_on") or ""
        try:
            due_on = date.fromisoformat(due) if due else None
        except ValueError:
            raise ValueError(str(lazy_text("De termijn van verbeteractie %(n)s is geen datum.", n=index + 1)))
        criterion = formdata.get(f"action-{index}-criterion") or ""
        actions.append(ActionInput(description=description, due_on=due_on,
                                   criterion_id=int(criterion) if criterion.isdigit() else None))
    return actions
