"""An indicator's standing: its overall status as it stood after each fiscal year with figures.

A roll-up of a large plan (5,000 indicators) counts statuses; assessing every series on every
read is what made it slow. So the status is worked out when figures change and kept per fiscal
year (indicators/standing.py): as of fiscal year Y an indicator stands where its latest
standing at or before Y puts it, and with none it has no data. The assessment is the method's
own (core.progress); this module only says which figures count as of each year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from .progress import Actual, Assessment, Series, Status, assess, overall_of


@dataclass(frozen=True)
class Part:
    """One series of an indicator with its published actuals, and the fiscal years whose
    figure is a sample (fictitious) one."""

    series: Series
    actuals: Sequence[Actual]
    sample_years: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Standing:
    """The indicator's overall status with the figures of fiscal years up to `fiscal_year`, and
    whether a sample figure went into it."""

    fiscal_year: int
    status: Status
    sample: bool = False


def usable(series: Series, actuals: Sequence[Actual]) -> Series:
    """The series with the method its figures allow: the growth-rate method needs values above
    zero (the plan files are checked for it); should a figure entered in dxplan break that, the
    series is assessed by the linear method rather than not at all."""
    if series.method != "cagr":
        return series
    values = [series.baseline, series.target]
    for a in actuals:
        values += [v for v in (a.value, a.lower) if v is not None]
    return series if all(v > 0 for v in values) else replace(series, method="linear")


def standings(parts: Sequence[Part], rule: Literal["worst", "mean_pace"]) -> list[Standing]:
    """The standing after each fiscal year in which some series has an actual after its
    baseline year, in year order: what `overall_of` gives with the figures up to that year."""
    years = sorted(
        {a.fiscal_year for p in parts for a in p.actuals if a.fiscal_year > p.series.baseline_year}
    )
    whole = [_assessed(p.series, p.actuals) for p in parts]
    out = []
    for year in years:
        assessed: list[list[Assessment]] = []
        sample = False
        for part, (method, every) in zip(parts, whole, strict=True):
            upto = [a for a in part.actuals if a.fiscal_year <= year]
            if usable(part.series, upto).method == method:  # a year's assessment needs only
                assessed.append([a for a in every if a.fiscal_year <= year])  # earlier figures
            else:
                assessed.append(_assessed(part.series, upto)[1])
            sample = sample or any(part.series.baseline_year < y <= year for y in part.sample_years)
        out.append(Standing(year, overall_of(assessed, rule), sample))
    return out


def _assessed(series: Series, actuals: Sequence[Actual]) -> tuple[str, list[Assessment]]:
    chosen = usable(series, actuals)
    return chosen.method, assess(chosen, actuals)


def as_of(found: Sequence[Standing], fiscal_year: int | None) -> Standing | None:
    """The standing as of the fiscal year (the latest without one); None: no data then. The
    rule indicators.rollup.statuses applies in its query, for 5,000 indicators at once (its
    tests compare the two through the pages' own assessment)."""
    eligible = [s for s in found if fiscal_year is None or s.fiscal_year <= fiscal_year]
    return max(eligible, key=lambda s: s.fiscal_year, default=None)
