"""Forms for the school profile and the self-assessment. Choice labels are bilingual data,
so choices are filled in per request, in the visitor's language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, DateField, EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from accounts.forms import MultiCheckboxField
from compliance import validation
from compliance.models import MemberRole
from compliance.services import MAX_NARRATIVE_CHARS, AnswerInput, SchoolData, Upload
from compliance.vocabulary import ADVISOR_KINDS, AGE_GROUPS, GENRES, SCHOOL_TYPES, TRANSPARENCY_LABELS
from core.i18n import lazy_text
from core.spreadsheets import NoFormula
from standards.vocabulary import localized


class Cleaned:
    """Run one of `compliance.validation`'s checks and keep its normal form."""

    def __init__(self, check):
        self.check = check

    def __call__(self, form, field):
        if not field.data:
            return
        try:
            field.data = self.check(field.data)
        except ValueError as exc:
            raise ValidationError(str(exc.args[0]))


def _choices(vocabulary: dict) -> list[tuple[str, str]]:
    return [(code, localized(label)) for code, label in vocabulary.items()]


def _required(message):
    return [DataRequired(message)]


class SchoolForm(FlaskForm):
    name = StringField(_l("Naam van de school"), validators=[
        *_required(_l("Vul de naam van de school in.")), Length(max=200), NoFormula()])
    kvk_number = StringField(_l("KvK-nummer"), validators=[
        *_required(_l("Vul het KvK-nummer in.")), Cleaned(validation.clean_kvk)])
    street = StringField(_l("Straat"), validators=[*_required(_l("Vul de straat in.")), Length(max=200)])
    house_number = StringField(_l("Huisnummer"), validators=[
        *_required(_l("Vul het huisnummer in.")), Cleaned(validation.clean_house_number)])
    postcode = StringField(_l("Postcode"), validators=[
        *_required(_l("Vul de postcode in.")), Cleaned(validation.clean_postcode)])
    city = StringField(_l("Plaats"), validators=[*_required(_l("Vul de plaats in.")), Length(max=100)])
    website = StringField(_l("Website"), validators=[Optional(), Cleaned(validation.clean_url)])
    school_type = RadioField(_l("Soort school"), validators=_required(_l("Kies wat voor school dit is.")))
    genres = MultiCheckboxField(_l("Dansstijlen"), validators=_required(_l("Kies minstens één dansstijl.")))
    teaches_minors = RadioField(_l("Geeft de school les aan kinderen of jongeren onder de 18?"),
                                choices=[("yes", _l("Ja")), ("no", _l("Nee"))],
                                validators=_required(_l("Kies ja of nee.")))
    age_groups = MultiCheckboxField(_l("Leeftijdsgroepen"),
                                    validators=_required(_l("Kies minstens één leeftijdsgroep.")))

    def __init__(self, *args, school=None, **kwargs):
        if school is not None:
            kwargs["data"] = {name: getattr(school, name) for name in (
                "name", "kvk_number", "street", "house_number", "postcode", "city", "website", "school_type",
                "genres", "age_groups")} | {"teaches_minors": "yes" if school.teaches_minors else "no"}
        super().__init__(*args, **kwargs)
        self.school_type.choices = _choices(SCHOOL_TYPES)
        self.genres.choices = _choices(GENRES)
        self.age_groups.choices = _choices(AGE_GROUPS)

    def to_data(self) -> SchoolData:
        return SchoolData(name=self.name.data, kvk_number=self.kvk_number.data, street=self.street.data,
                          house_number=self.house_number.data, postcode=self.postcode.data, city=self.city.data,
                          website=self.website.data, school_type=self.school_type.data,
                          teaches_minors=self.teaches_minors.data == "yes", genres=list(self.genres.data or []),
                          age_groups=list(self.age_groups.data or []))


class AdvisorForm(FlaskForm):
    advisor_name = StringField(_l("Naam"), validators=[
        *_required(_l("Vul de naam van de vertrouwenspersoon in.")), Length(max=120), NoFormula()])
    advisor_email = EmailField(_l("E-mailadres"), validators=[
        *_required(_l("Vul het e-mailadres in.")), Length(max=254),
        Email(_l("Dit is geen geldig e-mailadres."), check_deliverability=False)])
    advisor_phone = StringField(_l("Telefoonnummer"), validators=[
        *_required(_l("Vul het telefoonnummer in.")), Cleaned(validation.clean_phone)])
    advisor_kind = RadioField(_l("Intern of extern"), validators=_required(_l("Kies intern of extern.")))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.advisor_kind.choices = _choices(ADVISOR_KINDS)


class LocationForm(FlaskForm):
    name = StringField(_l("Naam van de locatie"), validators=[
        *_required(_l("Geef de locatie een naam.")), Length(max=120), NoFormula()])
    address = StringField(_l("Straat en huisnummer"), validators=[
        *_required(_l("Vul de straat en het huisnummer in.")), Length(max=200)])
    postcode = StringField(_l("Postcode"), validators=[
        *_required(_l("Vul de postcode in.")), Cleaned(validation.clean_postcode)])
    city = StringField(_l("Plaats"), validators=[*_required(_l("Vul de plaats in.")), Length(max=100)])


class RoomForm(FlaskForm):
    name = StringField(_l("Naam van de zaal"), validators=[*_required(_l("Geef de zaal een naam.")), Length(max=120),
                                                              NoFormula()])
    transparency = RadioField(_l("Hoe kun je van buitenaf de zaal in kijken?"),
                              validators=_required(_l("Kies hoe je de zaal van buitenaf kunt zien.")))

    def __init__(self, *args, room=None, **kwargs):
        if room is not None:
            kwargs["data"] = {"name": room.name, "transparency": room.transparency.value}
        super().__init__(*args, **kwargs)
        self.transparency.choices = [(key.value, localized(label)) for key, label in TRANSPARENCY_LABELS.items()]


class RefuseChangeForm(FlaskForm):
    reason = TextAreaField(_l("Waarom niet? (de school leest dit)"), validators=[
        DataRequired(_l("Schrijf op waarom de wijziging niet wordt goedgekeurd.")),
        Length(max=2000, message=lazy_text("Hoogstens %(n)s tekens.", n=2000))])


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[
        *_required(_l("Vul het e-mailadres in.")), Length(max=254),
        Email(_l("Dit is geen geldig e-mailadres."), check_deliverability=False)])
    role = RadioField(_l("Rol"), default=MemberRole.manager.value, choices=[
        (MemberRole.manager.value, _l("Beheerder: werkt aan het profiel en de zelfevaluatie")),
        (MemberRole.owner.value, _l("Eigenaar: kan ook anderen uitnodigen en verwijderen"))],
        validators=_required(_l("Kies een rol.")))


class AnswerForm(FlaskForm):
    """One criterion's form. Each answer's form has its own prefix, so a page with many of
    them has unique field ids."""

    rating = RadioField(_l("Score"), coerce=int, validators=[Optional()])
    narrative = TextAreaField(_l("Toelichting"), validators=[
        Length(max=MAX_NARRATIVE_CHARS, message=_l("De toelichting is te lang: hoogstens %(max)d tekens."))])
    files = MultipleFileField(_l("Bestand toevoegen"))
    existing_evidence = SelectField(_l("Of kies een bestand dat je al hebt geüpload"), coerce=int,
                                    validators=[Optional()])
    link_url = StringField(_l("Link toevoegen (webadres)"), validators=[Optional(), Cleaned(validation.clean_url)])
    link_title = StringField(_l("Omschrijving van de link"), validators=[Optional(), Length(max=200), NoFormula()])
    evidence_valid_until = DateField(_l("Geldig tot (optioneel)"), validators=[Optional()])
    confirm = BooleanField(_l("Dit antwoord klopt nog"))
    remove_evidence = MultiCheckboxField(_l("Bestanden weghalen"), coerce=int)
    remove_links = MultiCheckboxField(_l("Links weghalen"), coerce=int)

    def __init__(self, answer, plan, school_files, *args, **kwargs):
        kwargs.setdefault("prefix", f"a{answer.id}")
        if kwargs.get("formdata", True) is None:
            kwargs.setdefault("data", {"rating": answer.rating, "narrative": answer.narrative})
        super().__init__(*args, **kwargs)
        self.answer = answer
        self.rating.choices = [(point.value, f"{point.value} · {localized(point.label)}")
                               for point in plan.rating_scale]
        attached = {row.evidence_id for row in answer.evidence_rows}
        self.existing_evidence.choices = [(0, _l("Geen"))] + [
            (evidence.id, evidence.original_filename) for evidence in school_files if evidence.id not in attached]
        self.remove_evidence.choices = [(row.evidence_id, row.evidence.original_filename)
                                        for row in answer.evidence_rows]
        self.remove_links.choices = [(link.id, link.title) for link in answer.links]

    def to_input(self) -> AnswerInput:
        uploads = [Upload(f.filename or "", f.read()) for f in (self.files.data or [])
                   if f is not None and getattr(f, "filename", None)]
        return AnswerInput(rating=self.rating.data, narrative=self.narrative.data or "", uploads=uploads,
                           attach_evidence_id=self.existing_evidence.data or None,
                           detach_evidence_ids=list(self.remove_evidence.data or []),
                           link_url=self.link_url.data, link_title=self.link_title.data,
                           remove_link_ids=list(self.remove_links.data or []),
                           confirm_carried_over=bool(self.confirm.data),
                           evidence_valid_until=self.evidence_valid_until.data)
