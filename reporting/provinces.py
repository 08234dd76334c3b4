"""The province of a Dutch postcode, by its first two digits (postcode areas follow the
provinces closely but not exactly; good enough to filter sector figures, never shown per school)."""

PROVINCES = {
    "NH": {"nl": "Noord-Holland", "en": "North Holland"},
    "ZH": {"nl": "Zuid-Holland", "en": "South Holland"},
    "UT": {"nl": "Utrecht", "en": "Utrecht"},
    "FL": {"nl": "Flevoland", "en": "Flevoland"},
    "GE": {"nl": "Gelderland", "en": "Gelderland"},
    "OV": {"nl": "Overijssel", "en": "Overijssel"},
    "DR": {"nl": "Drenthe", "en": "Drenthe"},
    "FR": {"nl": "Fryslân", "en": "Friesland"},
    "GR": {"nl": "Groningen", "en": "Groningen"},
    "NB": {"nl": "Noord-Brabant", "en": "North Brabant"},
    "LI": {"nl": "Limburg", "en": "Limburg"},
    "ZE": {"nl": "Zeeland", "en": "Zeeland"},
}
_AREAS = [(10, 12, "NH"), (13, 13, "FL"), (14, 21, "NH"), (22, 33, "ZH"), (34, 39, "UT"), (40, 42, "GE"),
          (43, 45, "ZE"), (46, 59, "NB"), (60, 64, "LI"), (65, 73, "GE"), (74, 77, "OV"), (78, 79, "DR"),
          (80, 81, "OV"), (82, 83, "FL"), (84, 92, "FR"), (93, 94, "DR"), (95, 99, "GR")]


def province_of(postcode: str | None) -> str | None:
    digits = (postcode or "").strip()[:2]
    if not digits.isdigit():
        return None
    number = int(digits)
    return next((code for low, high, code in _AREAS if low <= number <= high), None)
