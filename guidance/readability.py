"""How hard a text is to read: LIX for Dutch (Björnsson: words per sentence plus the share of
words over six letters), Flesch reading ease for English. Pages for children and young
dancers are checked when an editor previews or publishes them (recommendations 5.4, 6.2).

LIX: below 30 is easy (children's books), 40 is ordinary prose, above 50 is hard.
Flesch: above 80 is easy (an 11-year-old reads it), 60–70 is plain English.
"""

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")
_VOWELS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Readability:
    measure: str  # "LIX" or "Flesch"
    score: float
    target: float
    ok: bool
    longest: tuple[str, ...]  # the longest sentences, longest first, when not ok

    @property
    def rounded(self) -> int:
        return round(self.score)


def sentences(text: str) -> list[str]:
    parts = (part.strip() for part in _SENTENCE_END.split(text))
    return [part for part in parts if _WORD.search(part)]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def lix(text: str) -> float:
    found = words(text)
    if not found:
        return 0.0
    long_words = sum(1 for word in found if len(word) > 6)
    return len(found) / max(1, len(sentences(text))) + 100 * long_words / len(found)


def _syllables(word: str) -> int:
    word = word.lower()
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def flesch(text: str) -> float:
    found = words(text)
    if not found:
        return 100.0
    per_sentence = len(found) / max(1, len(sentences(text)))
    per_word = sum(_syllables(word) for word in found) / len(found)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def check(text: str, language: str, level: str) -> Readability:
    """The score of `text` against the target of `level` ("child" or "youth"); LIX must stay
    at or below its target, Flesch at or above it."""
    if language == "nl":
        score, target = lix(text), LIX_TARGETS[level]
        ok = score <= target
        measure = "LIX"
    else:
        score, target = flesch(text), FLESCH_TARGETS[level]
        ok = score >= target
        measure = "Flesch"
    longest = () if ok else tuple(sorted(sentences(text), key=lambda s: len(words(s)), reverse=True)[:3])
    return Readability(measure, score, target, ok, longest)


LIX_TARGETS = {"child": 30, "youth": 40}
FLESCH_TARGETS = {"child": 80, "youth": 60}
