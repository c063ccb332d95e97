"""Normalising Japanese input: full-width digits and symbols, stray whitespace."""

from __future__ import annotations

import unicodedata


def normalize_width(text: str) -> str:
    """Full-width ASCII (５０．０％, ＦＹ) to half-width; keeps kana and kanji as they are.

    NFKC also folds half-width katakana to full-width, which is what users expect.
    """
    return unicodedata.normalize("NFKC", text).strip()


# Units that are the same in the singular, or whose last s is not a plural's.
_SAME_IN_SINGULAR = frozenset({"series", "species", "news", "means", "yen", "people", "staff"})


def english_unit(plural: str, written: str) -> str:
    """An English unit (given in the plural, as the plan files give it) after a number as
    written: the singular after "1" (1 project, 1 visit, 1 company, 1 business, by English's
    regular plurals; 1.0 and 0 take the plural); of a unit of several words, the last word."""
    if written != "1" or not plural:
        return plural
    head, _, word = plural.rpartition(" ")
    lower = word.lower()
    if lower in _SAME_IN_SINGULAR or not lower.endswith("s") or lower.endswith("ss"):
        return plural
    if lower.endswith("ies") and len(lower) > 4:
        word = word[:-3] + "y"
    elif lower.endswith(("sses", "shes", "ches", "xes", "zes")):
        word = word[:-2]
    else:
        word = word[:-1]
    return f"{head} {word}" if head else word
