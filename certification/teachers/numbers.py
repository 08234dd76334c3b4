"""Registration numbers `D-<6 digits><check digit>`.

The check digit is Damm's: it catches every single-digit error and every swap of two
adjacent digits, so a mistyped number is refused instead of finding someone else.
"""

import re
import secrets

from flask_babel import lazy_gettext as _l

from certification.teachers.errors import InvalidRegistrationNumber
from core.i18n import lazy_text

# Damm's quasigroup of order 10 (totally anti-symmetric, zero diagonal).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
PREFIX = "D-"
LENGTH = 9  # "D-" + 7 digits
# Accepts what people type: "D-1234566", "d 123456 7", "D1234567" or just the seven digits.
_TYPED = re.compile(r"\s*(?:[dD]\s*[-‐–]?\s*)?((?:\d\s*){7})")
_LOOKS_LIKE = re.compile(r"\s*(?:[dD]\s*[-‐–]?\s*)?\d[\d\s]*")


def check_digit(digits: str) -> int:
    interim = 0
    for char in digits:
        interim = _DAMM[interim][ord(char) - 48]
    return interim


def is_valid_digits(digits: str) -> bool:
    return len(digits) == 7 and digits.isdigit() and check_digit(digits) == 0


def format_number(six_digits: str) -> str:
    return f"{PREFIX}{six_digits}{check_digit(six_digits)}"


def random_number() -> str:
    return format_number(f"{secrets.randbelow(1_000_000):06d}")


def looks_like_number(text: str | None) -> bool:
    """Typed text that is meant as a registration number rather than a name."""
    return bool(text and _LOOKS_LIKE.fullmatch(text))


def parse_number(text: str | None) -> str:
    """The registration number in canonical form (`D-1234566`), or InvalidRegistrationNumber
    saying whether the shape or the check digit is wrong."""
    match = _TYPED.fullmatch(text or "")
    if not match:
        raise InvalidRegistrationNumber(_l("Een registratienummer ziet eruit als D-1234566: de letter D en zeven "
                                           "cijfers."))
    digits = re.sub(r"\s", "", match.group(1))
    if check_digit(digits) != 0:
        raise InvalidRegistrationNumber(lazy_text("Registratienummer %(number)s bestaat niet: het laatste cijfer klopt "
                                           "niet bij de andere. Er zit waarschijnlijk een tikfout in; controleer "
                                           "het nummer.", number=PREFIX + digits))
    return PREFIX + digits


def fresh_numbers(count: int, taken: set[str], seed: int | None = None) -> list[str]:
    """`count` new numbers not in `taken` (which grows), for a bulk import: drawn and
    check-digited with numpy, since one at a time costs seconds at 100,000 rows."""
    import numpy as np  # noqa: PLC0415  (heavy: only bulk numbering loads it)

    rng = np.random.default_rng(seed if seed is not None else secrets.randbits(64))
    table = np.array(_DAMM, dtype=np.int8)
    found: list[str] = []
    while len(found) < count:
        draws = np.unique(rng.integers(0, 1_000_000, size=max(64, 2 * (count - len(found)))))
        rng.shuffle(draws)
        digits = np.stack([(draws // 10 ** (5 - i)) % 10 for i in range(6)], axis=1)
        interim = np.zeros(len(draws), dtype=np.int8)
        for column in range(6):
            interim = table[interim, digits[:, column]]
        for value, check in zip(draws.tolist(), interim.tolist(), strict=True):
            number = f"{PREFIX}{value:06d}{check}"
            if number not in taken:
                taken.add(number)
                found.append(number)
                if len(found) == count:
                    break
    return found
