"""Plan content is bilingual data: each text is stored as <field>_ja and <field>_en.

`BilingualText("name")` on a model reads the text for the active language and falls back to
Japanese, the language of record, where no English was given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.html import escape
from django.utils.text import format_lazy
from django.utils.translation import get_language

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def current_language() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


class FallbackText(str):
    """Japanese text shown on an English page because no English was given.

    Templates render it inside `<span lang="ja">`, so screen readers switch voice
    (WCAG 2.1 SC 3.1.2, Language of Parts).
    """

    def __html__(self) -> str:
        return f'<span lang="ja">{escape(str(self))}</span>'


def pick(ja: str, en: str, language: str | None = None) -> str:
    language = language or current_language()
    if language != "en":
        return ja
    return en or (FallbackText(ja) if ja else "")


class BilingualText:
    """Descriptor: `obj.name` is `obj.name_en` in English (when set), else `obj.name_ja`."""

    def __init__(self, field: str) -> None:
        self.field = field

    def __get__(self, instance: models.Model | None, owner: type) -> str | BilingualText:
        if instance is None:
            return self
        return pick(getattr(instance, f"{self.field}_ja"), getattr(instance, f"{self.field}_en"))


def text_fields(label: str | _StrPromise, *, required: bool = True, long: bool = False) -> tuple:
    """A pair of Japanese and English fields for one text."""
    field = models.TextField if long else models.CharField
    options: dict = {} if long else {"max_length": 500}
    return (
        field(format_lazy("{} (ja)", label), blank=not required, **options),
        field(format_lazy("{} (en)", label), blank=True, **options),
    )
