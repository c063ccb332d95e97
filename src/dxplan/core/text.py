"""Normalising Japanese input: full-width digits and symbols, stray whitespace."""

from __future__ import annotations

import unicodedata


def normalize_width(text: str) -> str:
    """Full-width ASCII (５０．０％, ＦＹ) to half-width; keeps kana and kanji as they are.

    NFKC also folds half-width katakana to full-width, which is what users expect.
    """
    return unicodedata.normalize("NFKC", text).strip()
