"""Template helpers: fiscal years and indicator values formatted in Python, not by locale."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from dxplan.bilingual import FallbackText, current_language
from dxplan.core.fiscal_year import format_fiscal_year
from dxplan.core.numbers import round_half_up

register = template.Library()


@register.filter
def fy(year: int | None) -> str:
    """令和6年度 (ja) / FY2024 (en)."""
    return "" if year is None else format_fiscal_year(int(year), current_language())


def number(value: Decimal, places: int) -> str:
    return f"{round_half_up(Decimal(value), places):,f}"


@register.filter
def in_unit(value: Decimal | None, indicator) -> str:  # type: ignore[no-untyped-def]
    """A value with its indicator's published precision and unit: 36.3%, 45,161件.

    English pages use the English unit where one is given (45,161 visits).
    """
    if value is None:
        return ""
    shown = number(value, indicator.decimals)
    if current_language() == "en" and indicator.unit_en:
        return f"{shown} {indicator.unit_en}"
    return f"{shown}{indicator.unit}"


@register.filter
def unit_label(indicator) -> str:  # type: ignore[no-untyped-def]
    """The unit for captions: English where given."""
    if current_language() == "en" and indicator.unit_en:
        return indicator.unit_en
    return indicator.unit


@register.filter
def percent(fraction: Decimal | None, places: int = 1) -> str:
    """A fraction (0.127) as a percentage with one decimal (12.7%)."""
    if fraction is None:
        return ""
    return f"{number(Decimal(fraction) * 100, int(places))}%"


@register.filter
def percent_number(fraction: Decimal | None) -> str:
    """A fraction as a plain percentage number for SVG geometry (12.7), never localized."""
    return "0" if fraction is None else f"{round_half_up(Decimal(fraction) * 100, 1):f}"


@register.filter
def grouped(value: int | None) -> str:
    return "" if value is None else f"{int(value):,}"


@register.simple_tag(takes_context=True)
def other_language_url(context, language: str) -> str:  # type: ignore[no-untyped-def]
    return translate_url(context["request"].get_full_path(), language)


@register.filter
def direction_label(direction: str) -> str:
    return _("higher is better") if direction == "increase" else _("lower is better")


@register.filter
def lang_of(text: str) -> str:
    """` lang="ja"` for Japanese shown in place of missing English, for block elements."""
    return mark_safe(' lang="ja"') if isinstance(text, FallbackText) else ""


@register.inclusion_tag("portal/indicator_table.html")
def indicator_table(indicator):  # type: ignore[no-untyped-def]
    """Baseline, one column per fiscal year with an actual in any series, and target."""
    series = list(indicator.series.all())
    years = sorted({o.fiscal_year for s in series for o in s.observations.all()})
    rows = []
    for s in series:
        by_year = {o.fiscal_year: o.value for o in s.observations.all()}
        rows.append((s, [by_year.get(year) for year in years]))
    return {"indicator": indicator, "years": years, "rows": rows}


@register.filter
def plain(text: str) -> str:
    """Text without language markup, for <title> and attributes."""
    return str(text)
