"""Normalising Japanese input: full-width digits and symbols, stray whitespace."""

from __future__ import annotations

import unicodedata


def normalize_width(text: str) -> str:
    """Full-width ASCII (５０．０％, ＦＹ) to half-width; keeps kana and kanji as they are.

    NFKC also folds half-width katakana to full-width, which is what users expect.
    """
    return unicodedata.normalize("NFKC", text).strip()


# Units whose last s is not a regular plural's.
_SAME_IN_SINGULAR = frozenset({"series", "species", "news", "means"})


def english_unit(plural: str, written: str) -> str:
    """An English unit (given in the plural, as the plan files give it) after a number as
    written: the singular after "1" where English's plural is plainly regular (1 project,
    1 visit, 1 site); 1.0, 0 and other numbers take the plural. A unit whose singular cannot be
    told from its plural alone stays as given (companies, movies; buses, analyses; people), as
    does a unit of several words with "per" or "/" (1 visits per year)."""
    if written != "1" or not plural or " per " in plural or "/" in plural:
        return plural
    head, _, word = plural.rpartition(" ")
    lower = word.lower()
    if (
        lower in _SAME_IN_SINGULAR
        or len(lower) < 3
        or not lower.endswith("s")
        or lower.endswith(("ss", "us", "is", "ies"))
        or (lower.endswith("es") and lower[-3] in "sxzh")
    ):
        return plural
    word = word[:-1]
    return f"{head} {word}" if head else word
