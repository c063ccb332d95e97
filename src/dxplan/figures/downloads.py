"""An indicator's public figures as downloads: one row per series and fiscal year with its
assessment, then the figures of the indicator it continues, as CSV (UTF-8 with a BOM, so that
Excel opens it in Japanese) and JSON. Numbers at the published precision, written in Python."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from dxplan.core.cells import csv_text
from dxplan.core.numbers import published
from dxplan.indicators.progress_json import ratio

from .records import Earlier, Figure, IndicatorFigures, SeriesFigures

FIGURE_COLUMNS = [
    "indicator",
    "version",
    "earlier",
    "series",
    "fiscal_year",
    "value",
    "lower",
    "upper",
    "provisional",
    "sample",
]
ASSESSMENT_COLUMNS = ["assessed_value", "achievement", "elapsed", "pace", "status"]
SERIES_COLUMNS = ["baseline", "baseline_year", "target", "target_year", "unit"]
COLUMNS = [*FIGURE_COLUMNS, *ASSESSMENT_COLUMNS, *SERIES_COLUMNS]


def rows(indicator: IndicatorFigures, earlier: Earlier | None = None) -> list[dict[str, Any]]:
    """The indicator's figures with their assessment, one per series and year; then those of
    the previous plan's indicator it continues, marked `earlier` and left unassessed (they do
    not count towards this indicator's status)."""
    out = []
    for series in indicator.series:
        assessed = {a.fiscal_year: a for a in series.assessments}
        for figure in series.figures:
            a = assessed.get(figure.fiscal_year)
            out.append(
                _row(indicator, indicator.version.slug, series, figure, False)
                | {
                    "assessed_value": ratio(a.value) if a else None,
                    "achievement": ratio(a.achievement) if a else None,
                    "elapsed": ratio(a.elapsed) if a else None,
                    "pace": ratio(a.pace) if a else None,
                    "status": str(a.status) if a else None,
                }
            )
    if earlier is not None:
        for old in earlier.series:
            for figure in old.figures:
                out.append(
                    _row(earlier, earlier.version.slug, old, figure, True)
                    | dict.fromkeys(ASSESSMENT_COLUMNS)
                )
    return [{name: row[name] for name in COLUMNS} for row in out]


def filename(indicator: IndicatorFigures, format: str) -> str:
    version = indicator.version
    return f"{version.org}-{version.plan}-{version.slug}-{indicator.code}.{format}"


def as_json(indicator: IndicatorFigures, earlier: Earlier | None = None) -> str:
    found = rows(indicator, earlier)
    plan = indicator.version.plan_id
    body = {
        "indicator": indicator.id,
        "sample": any(r["sample"] for r in found),
        "status": str(indicator.assessment.status),
        "continues": f"{plan}/{earlier.version.slug}/{earlier.code}" if earlier else None,
        "observations": found,
    }
    return json.dumps(body, ensure_ascii=False, indent=2)


def as_csv(indicator: IndicatorFigures, earlier: Earlier | None = None) -> str:
    found = rows(indicator, earlier)
    buffer = io.StringIO()
    # without a figure, the columns of a figure alone (as the first downloads had them)
    writer = csv.DictWriter(buffer, fieldnames=list(found[0]) if found else FIGURE_COLUMNS)
    writer.writeheader()
    writer.writerows(_csv_texts(r) for r in found)
    return "\ufeff" + buffer.getvalue()


# Figures in the rows are exact decimal text ("-3.5"): numbers, not text to keep from starting
# a formula.
_NUMBERS = frozenset({"value", "lower", "upper", "baseline", "target"})


def _csv_texts(row: dict[str, Any]) -> dict[str, Any]:
    """The row's texts (codes, unit, status) as CSV keeps them text, never a formula; its
    numbers as they are (core.cells)."""
    return {
        k: csv_text(v) if isinstance(v, str) and k not in _NUMBERS else v for k, v in row.items()
    }


def _row(
    indicator: IndicatorFigures | Earlier,
    version: str,
    series: SeriesFigures,
    figure: Figure,
    earlier: bool,
) -> dict[str, Any]:
    def number(value: Decimal | None) -> str | None:
        return None if value is None else str(published(value, indicator.decimals))

    return {
        "indicator": indicator.code,
        "version": version,
        "earlier": earlier,  # a figure of the previous plan's indicator, for reference
        "series": series.key,
        "fiscal_year": figure.fiscal_year,
        "value": number(figure.value),
        "lower": number(figure.lower),
        "upper": number(figure.upper),
        "provisional": figure.provisional,
        "sample": figure.sample,
        "baseline": number(series.baseline_value),
        "baseline_year": series.baseline_year,
        "target": number(series.target_value),
        "target_year": series.target_year,
        "unit": indicator.unit,
    }
