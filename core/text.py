"""Text folded for matching, the same way everywhere (the registers' search, an import's
column values): lower case, accents off, and the words of a text."""

import re
import unicodedata

_FOLD = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d",
                       "þ": "th", "'": "", "’": ""})
_WORD = re.compile(r"[a-z0-9]+")


def fold(value: str) -> str:
    """Lower case, accents off: "Yılmaz" → "yilmaz", "Müller" → "muller"."""
    decomposed = unicodedata.normalize("NFKD", (value or "").lower().translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(value: str) -> list[str]:
    return _WORD.findall(fold(value))
