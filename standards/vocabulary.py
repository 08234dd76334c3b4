"""Fixed vocabularies a plan file may use, with their labels, and `localized()` to pick the
visitor's language from bilingual text ({"nl": ..., "en": ...}).
"""

from flask import has_request_context
from flask_babel import get_locale

LANGUAGES = ("nl", "en")

# What a school may upload as evidence for a criterion.
EVIDENCE_KINDS = {
    "document": {"nl": "Document, zoals beleid, een protocol of een plan",
                 "en": "Document, such as a policy, protocol or plan"},
    "minutes": {"nl": "Verslag of notulen", "en": "Notes or minutes"},
    "signed_list": {"nl": "Ondertekende lijst", "en": "Signed list"},
    "photo": {"nl": "Foto", "en": "Photo"},
    "link": {"nl": "Link naar een webpagina", "en": "Link to a web page"},
    "register": {"nl": "Registratie of overzicht", "en": "Register or record"},
}

# The kinds of organisation a criterion can apply to (`applies_to.school_types`).
SCHOOL_TYPES = {
    "dansschool": {"nl": "Dansscholen", "en": "Dance schools"},
    "vooropleiding": {"nl": "Vooropleidingen", "en": "Pre-vocational dance programmes"},
    "beroepsopleiding": {"nl": "Beroepsopleidingen dans", "en": "Vocational dance programmes"},
    "gezelschap": {"nl": "Dansgezelschappen", "en": "Dance companies"},
    "vereniging": {"nl": "Dansverenigingen", "en": "Dance clubs"},
}

# Categories of continuing education (CPD) a plan can set minimum points for.
CPD_CATEGORIES = {
    "social_safety": {"nl": "Sociale veiligheid", "en": "Social safety"},
    "pedagogy": {"nl": "Pedagogiek en didactiek", "en": "Pedagogy and didactics"},
    "health": {"nl": "Gezondheid en blessurepreventie", "en": "Health and injury prevention"},
    "craft": {"nl": "Dansvak en artistieke ontwikkeling", "en": "Dance craft and artistic development"},
    "other": {"nl": "Overig", "en": "Other"},
}

# Kinds of transgressive behaviour a report (melding) can be about: what a school records in
# its register of reports (C5), tells the alliance about a registered teacher (C6) and counts
# in its annual monitoring report.
REPORT_KINDS = {
    "verbal": {"nl": "Verbaal (schelden, vernederen, dreigen)", "en": "Verbal (insults, humiliation, threats)"},
    "physical": {"nl": "Fysiek", "en": "Physical"},
    "sexual": {"nl": "Seksueel", "en": "Sexual"},
    "emotional": {"nl": "Emotioneel of psychisch", "en": "Emotional or psychological"},
    "discrimination": {"nl": "Discriminatie", "en": "Discrimination"},
    "abuse_of_power": {"nl": "Machtsmisbruik", "en": "Abuse of power"},
    "other": {"nl": "Anders", "en": "Other"},
}


def current_language() -> str:
    """The visitor's language; Dutch outside a request (CLI, jobs)."""
    if has_request_context():
        locale = get_locale()
        if locale is not None and locale.language in LANGUAGES:
            return locale.language
    return LANGUAGES[0]


def localized(value, lang: str | None = None) -> str:
    """Pick one language from bilingual text; fall back to Dutch, then to any text there is."""
    if hasattr(value, "model_dump"):  # a schema.Text
        value = value.model_dump()
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    lang = lang or current_language()
    return value.get(lang) or value.get("nl") or next((text for text in value.values() if text), "")
