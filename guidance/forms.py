"""The editor's forms: a page in both languages side by side, and one contact."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional, Regexp

from guidance.services import MAX_BODY, MAX_TITLE


class PageForm(FlaskForm):
    title_nl = StringField(_l("Titel (Nederlands)"), validators=[DataRequired(_l("Vul de titel in.")),
                                                                  Length(max=MAX_TITLE)])
    title_en = StringField(_l("Titel (Engels)"), validators=[DataRequired(_l("Vul de titel in.")),
                                                              Length(max=MAX_TITLE)])
    body_nl = TextAreaField(_l("Tekst (Nederlands)"), validators=[DataRequired(_l("Vul de tekst in.")),
                                                                   Length(max=MAX_BODY)])
    body_en = TextAreaField(_l("Tekst (Engels)"), validators=[DataRequired(_l("Vul de tekst in.")),
                                                               Length(max=MAX_BODY)])


class ContactForm(FlaskForm):
    name_nl = StringField(_l("Naam (Nederlands)"), validators=[DataRequired(_l("Vul de naam in.")), Length(max=120)])
    name_en = StringField(_l("Naam (Engels)"), validators=[DataRequired(_l("Vul de naam in.")), Length(max=120)])
    purpose_nl = TextAreaField(_l("Waarvoor (Nederlands)"),
                               validators=[DataRequired(_l("Schrijf waarvoor men hier terechtkan.")), Length(max=400)])
    purpose_en = TextAreaField(_l("Waarvoor (Engels)"),
                               validators=[DataRequired(_l("Schrijf waarvoor men hier terechtkan.")), Length(max=400)])
    phone = StringField(_l("Telefoonnummer"), validators=[
        Optional(), Length(max=30),
        Regexp(r"^\+?[0-9][0-9 \-]*$", message=_l("Een telefoonnummer bestaat uit cijfers, spaties en streepjes."))])
    url = StringField(_l("Website"), validators=[
        Optional(), Length(max=300),
        URL(require_tld=True, message=_l("Geef een volledig webadres, dat begint met https://.")),
        Regexp(r"^https://", message=_l("Geef een volledig webadres, dat begint met https://."))])
