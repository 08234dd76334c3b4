"""Checks and normal forms for what a school types in: KvK number, postcode, house number,
phone number, web address. Forms and services use the same functions; each returns the
normal form or raises ValueError with a message for the user."""

import re
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

_KVK = re.compile(r"\d{8}")
# Dutch postcodes: four digits not starting with 0, two letters; SA, SD and SS are not used.
_POSTCODE = re.compile(r"([1-9]\d{3}) ?([A-Z]{2})")
_HOUSE_NUMBER = re.compile(r"\d{1,5}(?:[ -]?[A-Z0-9]{1,6})?")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{8,20}")


def clean_kvk(value: str | None) -> str:
    """A KvK number is 8 digits; spaces and dots people copy along are dropped."""
    digits = re.sub(r"[\s.]", "", value or "")
    if not _KVK.fullmatch(digits):
        raise ValueError(_l("Een KvK-nummer bestaat uit 8 cijfers, bijvoorbeeld 12345678."))
    if digits == "00000000":
        raise ValueError(_l("Dit is geen bestaand KvK-nummer. Kijk op je uittreksel van de KvK."))
    return digits


def clean_postcode(value: str | None) -> str:
    """Normal form "1234 AB"."""
    match = _POSTCODE.fullmatch((value or "").strip().upper())
    if not match or match.group(2) in ("SA", "SD", "SS"):
        raise ValueError(_l("Vul een Nederlandse postcode in: vier cijfers en twee letters, bijvoorbeeld 1234 AB."))
    return f"{match.group(1)} {match.group(2)}"


def clean_house_number(value: str | None) -> str:
    value = re.sub(r"\s+", " ", (value or "").strip().upper())
    if not _HOUSE_NUMBER.fullmatch(value):
        raise ValueError(_l("Vul een huisnummer in, eventueel met toevoeging, bijvoorbeeld 12 of 12-A."))
    return value


def clean_phone(value: str | None) -> str:
    value = (value or "").strip()
    digits = re.sub(r"\D", "", value)
    if not _PHONE.fullmatch(value) or not 9 <= len(digits) <= 15:
        raise ValueError(_l("Vul een telefoonnummer in, bijvoorbeeld 020 123 45 67 of +31 6 12345678."))
    return value


def clean_url(value: str | None, *, required: bool = False) -> str | None:
    """An http(s) address; "www.example.nl" becomes "https://www.example.nl"."""
    value = (value or "").strip()
    if not value:
        if required:
            raise ValueError(_l("Vul een webadres in."))
        return None
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname \
            or " " in value or len(value) > 500:
        raise ValueError(_l("Dit is geen geldig webadres. Begin met https://, bijvoorbeeld https://www.dansschool.nl."))
    return value
