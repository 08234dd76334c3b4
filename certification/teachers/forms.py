"""The registry's forms. Labels and messages are Dutch source strings (English via Babel)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from accounts.forms import MultiCheckboxField
from certification.teachers.models import QualificationKind
from compliance.vocabulary import GENRES
from core.i18n import lazy_text
from core.spreadsheets import NoFormula
from standards.vocabulary import CPD_CATEGORIES, localized


def _genre_choices():
    return [(code, localized(label)) for code, label in GENRES.items()]


def _date(label, required=True, message=None):
    return DateField(label, validators=[InputRequired(message or _l("Vul een datum in."))] if required
                     else [Optional()])


def _text(label, max_length=200, message=None):
    return StringField(label, validators=[DataRequired(message or _l("Vul dit veld in.")),
                                          Length(max=max_length, message=lazy_text(
                                                  "Hoogstens %(n)s tekens.", n=max_length)),
                                          NoFormula()])


def _genres_field():
    return MultiCheckboxField(_l("Dansgenres"), validators=[DataRequired(_l("Kies minstens één dansgenre."))])


class DetailsForm(FlaskForm):
    first_name = _text(_l("Voornaam"), 80, _l("Vul je voornaam in."))
    last_name = _text(_l("Achternaam"), 120, _l("Vul je achternaam in."))
    genres = _genres_field()
    phone = StringField(_l("Telefoonnummer (niet openbaar)"), validators=[Optional(), Length(max=30)])
    date_of_birth = _date(_l("Geboortedatum (niet openbaar)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.genres.choices = _genre_choices()


class QualificationForm(FlaskForm):
    kind = SelectField(_l("Soort diploma of certificaat"),
                       choices=[(kind.value, kind.label) for kind in QualificationKind])
    institution = _text(_l("Opleiding of organisatie"), message=_l("Vul de opleiding of organisatie in."))
    obtained_on = _date(_l("Datum van het diploma"))
    evidence = FileField(_l("Kopie of foto van het diploma (PDF, JPEG of PNG)"))


class VogForm(FlaskForm):
    issued_on = _date(_l("Datum van afgifte van de VOG"))
    screening_profile = _text(_l("Screeningsprofiel"), 20, _l("Vul het screeningsprofiel in."))
    scan = FileField(_l("Scan van de VOG (mag, hoeft niet)"))


class SignCodeForm(FlaskForm):
    version_id = HiddenField()
    agree = BooleanField(_l("Ik heb de gedragscode gelezen en houd me eraan."),
                         validators=[DataRequired(_l("Vink aan dat je de gedragscode hebt gelezen."))])


class CpdForm(FlaskForm):
    activity_id = SelectField(_l("Activiteit uit de catalogus"), coerce=str, validate_choice=False)
    title = StringField(_l("Titel (als de activiteit niet in de catalogus staat)"),
                        validators=[Optional(), Length(max=200), NoFormula()])
    provider = StringField(_l("Aanbieder"), validators=[Optional(), Length(max=200), NoFormula()])
    points = IntegerField(_l("Punten"), validators=[Optional(), NumberRange(min=1, max=100,
                                                                           message=_l("Van 1 tot en met 100."))])
    category = SelectField(_l("Categorie"), validate_choice=False)
    completed_on = _date(_l("Datum waarop je de activiteit hebt afgerond"))
    proof = FileField(_l("Bewijs, zoals een certificaat (PDF, JPEG of PNG)"))

    def __init__(self, activities=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity_id.choices = [("", _l("Niet in de catalogus: zelf invullen"))] + [
            (str(a.id), f"{a.title} ({a.provider}, {a.points} {_l('punten')})") for a in activities]
        self.category.choices = [("", _l("Kies een categorie"))] + [
            (code, localized(label)) for code, label in CPD_CATEGORIES.items()]


class ReviewForm(FlaskForm):
    reason = TextAreaField(_l("Reden (verplicht bij afwijzen; de docent ziet die)"),
                           validators=[Optional(), Length(max=1000)])


class ActivityForm(FlaskForm):
    title = _text(_l("Titel"))
    provider = _text(_l("Aanbieder"))
    points = IntegerField(_l("Punten"), validators=[InputRequired(_l("Vul het aantal punten in.")),
                                                    NumberRange(min=1, max=100, message=_l("Van 1 tot en met 100."))])
    category = SelectField(_l("Categorie"), choices=[(code, label["nl"]) for code, label in CPD_CATEGORIES.items()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = [(code, localized(label)) for code, label in CPD_CATEGORIES.items()]


class CodeVersionForm(FlaskForm):
    version = _text(_l("Versie"), 20, _l("Vul een versienummer in."))
    text_nl = TextAreaField(_l("Tekst in het Nederlands"),
                            validators=[DataRequired(_l("Vul de Nederlandse tekst in."))])
    text_en = TextAreaField(_l("Tekst in het Engels"), validators=[DataRequired(_l("Vul de Engelse tekst in."))])


class _EmploymentFields(FlaskForm):
    role = _text(_l("Functie"), 100, _l("Vul de functie in, bijvoorbeeld docent ballet."))
    works_with_minors = BooleanField(_l("Geeft les aan kinderen of jongeren onder de 18"))
    since = _date(_l("Werkt bij de school sinds"))


class LinkTeacherForm(_EmploymentFields):
    registration_number = _text(_l("Registratienummer"), 20, _l("Vul het registratienummer in, zoals D-1234566."))


class InviteTeacherForm(_EmploymentFields):
    first_name = _text(_l("Voornaam"), 80, _l("Vul de voornaam in."))
    last_name = _text(_l("Achternaam"), 120, _l("Vul de achternaam in."))
    email = EmailField(_l("E-mailadres van de docent"), validators=[
        DataRequired(_l("Vul het e-mailadres in.")), Length(max=254),
        Email(_l("Dit is geen geldig e-mailadres."), check_deliverability=False)])
    genres = _genres_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.genres.choices = _genre_choices()


class ImportForm(FlaskForm):
    kind = RadioField(_l("Wat staat er in het bestand?"), default="teachers",
                      choices=[("teachers", _l("Docenten (met eventueel diploma en school)")),
                               ("cpd", _l("Bijscholing (CPD)"))])
    file = FileField(_l("Bestand (CSV of XLSX)"))
    dry_run = BooleanField(_l("Alleen controleren, nog niets opslaan"))
