"""Errors that carry their message in Japanese and English, for users of either language."""

from __future__ import annotations


class BilingualError(ValueError):
    """A user-facing error with a Japanese and an English message."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(f"{ja} / {en}")
        self.ja = ja
        self.en = en
