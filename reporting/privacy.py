"""What must never be in a monitoring report's free text (recommendation 3.6: the report
accounts for the school, it never points at a person): e-mail addresses, phone numbers,
BSN-like numbers and dates (of birth, or of an incident).

`find_personal_data(text)` returns the kinds it found, so the form can say what to remove.
Deliberately strict: a false alarm costs the school a rewording, a miss leaks a person.
"""

import re

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# A run of digits, written with the separators people use in numbers (spaces, dots, dashes,
# brackets). Eight or nine digits that pass the 11-test read as a BSN; ten or more as a phone
# number (06-12345678, 020 123 45 67, +31 6 1234 5678).
NUMBER_RUN = re.compile(r"\+?\d(?:[ .\-()]{0,2}\d)*")
MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
          "january|february|march|may|june|july|august|october|jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct"
          "|nov|dec")
DATE = re.compile(
    r"(?<!\d)(\d{1,2}[-/.]\d{1,2}[-/.](\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})(?!\d)"
    rf"|(?<!\d)\d{{1,2}}\s+({MONTHS})\.?\s+\d{{4}}(?!\d)"
    rf"|\b({MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}(?!\d)", re.IGNORECASE)

MESSAGES = {
    "email": _l("een e-mailadres"),
    "phone": _l("een telefoonnummer"),
    "bsn": _l("een nummer dat op een burgerservicenummer (BSN) lijkt"),
    "date": _l("een datum (zoals een geboortedatum of de datum van een voorval)"),
}


def elfproef(digits: str) -> bool:
    """The BSN's 11-test: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is divisible by 11 (and not 0)."""
    digits = digits.rjust(9, "0")
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total != 0 and total % 11 == 0


def find_personal_data(text: str | None) -> list[str]:
    """The kinds of personal data found in `text`, in a fixed order ('email', 'phone',
    'bsn', 'date'); empty when the text is clean."""
    if not text:
        return []
    found = []
    if EMAIL.search(text):
        found.append("email")
    runs = [re.sub(r"\D", "", match.group(0)) for match in NUMBER_RUN.finditer(DATE.sub(" ", text))]
    if any(len(digits) in (8, 9) and elfproef(digits) for digits in runs):
        found.append("bsn")
    if any(len(digits) >= 10 for digits in runs):
        found.append("phone")
    if DATE.search(text):
        found.append("date")
    return found


def describe(found: list[str]) -> str:
    """'Remove …' in the user's language, naming everything found."""
    return gettext("Haal dit weg, het mag niet in het verslag staan: %(what)s. Schrijf zonder namen, "
                   "contactgegevens, nummers of datums die naar een persoon leiden.",
                   what=", ".join(str(MESSAGES[kind]) for kind in found))
