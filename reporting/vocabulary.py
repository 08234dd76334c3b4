"""The annual monitoring report's vocabularies (recommendations 2.4, 3.6 and 5.3), bilingual
like the quality plan's texts and versioned: every report stores the VERSION it was filled in
with, so a later version can add a kind or a channel without changing last year's figures.

Genres and school types are the school profile's (`compliance.vocabulary`), so a report's
genre columns and the sector's genre filter use the same codes as the public register.
"""

from compliance.vocabulary import GENRES, SCHOOL_TYPES

VERSION = "2026.1"

KINDS = {
    "verbal": {"nl": "Verbaal", "en": "Verbal"},
    "physical": {"nl": "Fysiek", "en": "Physical"},
    "sexual": {"nl": "Seksueel", "en": "Sexual"},
    "emotional": {"nl": "Emotioneel / psychisch", "en": "Emotional / psychological"},
    "discrimination": {"nl": "Discriminatie", "en": "Discrimination"},
    "power": {"nl": "Machtsmisbruik", "en": "Abuse of power"},
    "other": {"nl": "Anders", "en": "Other"},
}

CHANNELS = {
    "advisor": {"nl": "Eigen vertrouwenspersoon", "en": "Own confidential advisor"},
    "management": {"nl": "Schoolleiding", "en": "School management"},
    "teacher": {"nl": "Docent", "en": "Teacher"},
    "mores": {"nl": "Mores", "en": "Mores"},
    "cvsn": {"nl": "Centrum Veilige Sport Nederland", "en": "Centrum Veilige Sport Nederland"},
    "police": {"nl": "Politie", "en": "Police"},
    "other": {"nl": "Anders", "en": "Other"},
}

FOLLOW_UPS = {
    "handled": {"nl": "Binnen de school afgehandeld", "en": "Handled within the school"},
    "referred": {"nl": "Doorverwezen", "en": "Referred"},
    "ongoing": {"nl": "Loopt nog", "en": "Ongoing"},
    "closed": {"nl": "Afgesloten", "en": "Closed"},
    "no_action": {"nl": "Geen actie mogelijk", "en": "No action possible"},
}

CONTACT_PERSONS = {
    "dancer": {"nl": "Danser", "en": "Dancer"},
    "parent": {"nl": "Ouder", "en": "Parent"},
    "teacher": {"nl": "Docent", "en": "Teacher"},
    "other": {"nl": "Anders", "en": "Other"},
}

# The count tables a report holds: rows are always the kinds; the columns per table.
# `by_genre` uses the genres the school teaches (its profile), the others a fixed list.
COUNT_TABLES = {
    "genre": GENRES,
    "channel": CHANNELS,
    "follow_up": FOLLOW_UPS,
    "advisor": CONTACT_PERSONS,
}
# Tables whose totals per kind must agree: every report is counted once by genre, once by
# channel and once by follow-up.
CONSISTENT_TABLES = ("genre", "channel", "follow_up")

# Yes/no measures that recur every year (the plan's criteria on survey, intervision, the
# code of conduct and the teachers' profile), and the free-text fields.
YES_NO_FIELDS = ("survey_held", "intervision_held", "code_discussed", "teachers_confirmed")
NUMBER_FIELDS = ("survey_response_rate",)
TEXT_FIELDS = ("advisor_themes", "advisor_advice", "survey_outcome", "intervision_outcome", "changes_rooms",
               "changes_advisor", "changes_teachers", "corrective_progress")

__all__ = ["CHANNELS", "CONTACT_PERSONS", "COUNT_TABLES", "FOLLOW_UPS", "GENRES", "KINDS", "SCHOOL_TYPES",
           "VERSION"]
