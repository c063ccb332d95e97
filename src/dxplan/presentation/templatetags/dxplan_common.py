"""Template helpers both faces use: fiscal years and indicator values formatted in Python, not by
locale, and the address of the page in the other language."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.urls import translate_url

from dxplan.bilingual import current_language
from dxplan.core.fiscal_year import format_fiscal_year
from dxplan.core.numbers import published
from dxplan.core.surveys import as_percent
from dxplan.indicators import units

register = template.Library()


@register.filter
def fy(year: int | None) -> str:
    """令和6年度 (ja) / FY2024 (en)."""
    return "" if year is None else format_fiscal_year(int(year), current_language())


def number(value: Decimal, places: int) -> str:
    """A value at its published precision, with thousands separators: 45,161, 36.3."""
    return f"{published(value, places):,f}"


@register.filter
def in_unit(value: Decimal | None, indicator) -> str:
    """A value with its indicator's published precision and unit: 36.3%, 45,161件.

    English pages use the English unit where one is given (45,161 visits; 1 visit).
    """
    return "" if value is None else units.in_unit(value, indicator)


@register.filter
def unit_label(indicator) -> str:
    """The unit for captions: English where given."""
    if current_language() == "en" and indicator.unit_en:
        return indicator.unit_en
    return indicator.unit


@register.filter
def percent(fraction: Decimal | None, places: int = 1) -> str:
    """A fraction (0.127) as a percentage with one decimal (12.7%)."""
    if fraction is None:
        return ""
    return f"{as_percent(Decimal(fraction), int(places)):,f}%"


@register.filter
def percent_number(fraction: Decimal | None) -> str:
    """A fraction as a plain percentage number for SVG geometry (12.7), never localized."""
    return "0" if fraction is None else f"{as_percent(Decimal(fraction), 1):f}"


@register.filter
def grouped(value: int | None) -> str:
    return "" if value is None else f"{int(value):,}"


@register.filter
def plain(text: str) -> str:
    """Text without language markup, for <title> and attributes."""
    return str(text)


@register.simple_tag(takes_context=True)
def other_language_url(context, language: str) -> str:
    return translate_url(context["request"].get_full_path(), language)
