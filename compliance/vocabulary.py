"""Fixed lists a school profile uses, with bilingual labels: school types, dance genres
(recommendation 2.4 asks for registration by genre), age groups, how a room can be seen
into, and the reporting points that apply to a school.

Labels are {"nl": ..., "en": ...}, like the quality plan's texts; show them with
`standards.vocabulary.localized()`.
"""

import enum

from standards.vocabulary import SCHOOL_TYPES as PLAN_SCHOOL_TYPES

# The same codes as the quality plan's `applies_to.school_types`, in the singular.
SCHOOL_TYPES = {
    "dansschool": {"nl": "Dansschool", "en": "Dance school"},
    "vooropleiding": {"nl": "Vooropleiding", "en": "Pre-vocational dance programme"},
    "beroepsopleiding": {"nl": "Beroepsopleiding dans", "en": "Vocational dance programme"},
    "gezelschap": {"nl": "Dansgezelschap", "en": "Dance company"},
    "vereniging": {"nl": "Dansvereniging", "en": "Dance club"},
}
assert set(SCHOOL_TYPES) == set(PLAN_SCHOOL_TYPES), "school types must match the quality plan's"  # noqa: S101

GENRES = {
    "ballet": {"nl": "Ballet", "en": "Ballet"},
    "modern": {"nl": "Modern / hedendaags", "en": "Modern / contemporary"},
    "jazz": {"nl": "Jazz", "en": "Jazz"},
    "urban": {"nl": "Urban / hiphop", "en": "Urban / hip-hop"},
    "ballroom": {"nl": "Stijldansen / latin", "en": "Ballroom / Latin"},
    "tap": {"nl": "Tapdans", "en": "Tap"},
    "musical": {"nl": "Musical", "en": "Musical theatre"},
    "folk": {"nl": "Volksdans / wereld", "en": "Folk / world"},
    "other": {"nl": "Anders", "en": "Other"},
}

# Age groups a school teaches; every group but `adults` is minors.
AGE_GROUPS = {
    "under_6": {"nl": "Jonger dan 6 jaar", "en": "Under 6"},
    "6_11": {"nl": "6 tot en met 11 jaar", "en": "6 to 11"},
    "12_15": {"nl": "12 tot en met 15 jaar", "en": "12 to 15"},
    "16_17": {"nl": "16 en 17 jaar", "en": "16 and 17"},
    "adults": {"nl": "18 jaar en ouder", "en": "18 and over"},
}
MINOR_AGE_GROUPS = frozenset(code for code in AGE_GROUPS if code != "adults")


class Transparency(enum.Enum):
    """How someone outside a room can see in: a fact the assessor checks against photos."""

    glass_wall = "glass_wall"
    door_window = "door_window"
    open_door = "open_door"
    none = "none"

    @property
    def label(self) -> dict:
        return TRANSPARENCY_LABELS[self]


TRANSPARENCY_LABELS = {
    Transparency.glass_wall: {"nl": "Glazen wand", "en": "Glass wall"},
    Transparency.door_window: {"nl": "Raam in de deur", "en": "Window in the door"},
    Transparency.open_door: {"nl": "Deur staat open tijdens de les (afspraak)", "en": "Open-door policy"},
    Transparency.none: {"nl": "Niet zichtbaar van buitenaf", "en": "Not visible from outside"},
}

ADVISOR_KINDS = {
    "internal": {"nl": "Intern (werkt bij of voor de school)", "en": "Internal (works at or for the school)"},
    "external": {"nl": "Extern (onafhankelijk, van buiten de school)", "en": "External (independent)"},
}

REPORTING_POINTS = {
    "mores": {
        "name": {"nl": "Mores", "en": "Mores"},
        "description": {"nl": "Meldpunt grensoverschrijdend gedrag voor cultuur en media",
                        "en": "Reporting point for transgressive behaviour in culture and media"},
        "url": "https://www.mores.online",
    },
    "cvsn": {
        "name": {"nl": "Centrum Veilige Sport Nederland", "en": "Centrum Veilige Sport Nederland"},
        "description": {"nl": "Meldpunt voor ongewenst gedrag in de sport",
                        "en": "Reporting point for unwanted behaviour in sport"},
        "url": "https://centrumveiligesport.nl",
    },
}


def reporting_points(school_type: str) -> list[dict]:
    """The independent reporting points for a school of this type:
    dance clubs (verenigingen) belong to organised sport and report to Centrum Veilige
    Sport Nederland; schools, programmes and companies belong to culture and report to
    Mores. The public registry shows the same (recommendation 2.3)."""
    codes = ["cvsn"] if school_type == "vereniging" else ["mores"]
    return [{"code": code, **REPORTING_POINTS[code]} for code in codes]

# The fields of a change request (compliance.services.changes), as the admin and the school read them.
CHANGE_FIELDS = {
    "name": {"nl": "Naam", "en": "Name"}, "kvk_number": {"nl": "KvK-nummer", "en": "Chamber of Commerce number"},
    "street": {"nl": "Straat", "en": "Street"}, "house_number": {"nl": "Huisnummer", "en": "House number"},
    "postcode": {"nl": "Postcode", "en": "Postcode"}, "city": {"nl": "Plaats", "en": "Town"},
    "address": {"nl": "Straat en huisnummer", "en": "Street and number"},
}
