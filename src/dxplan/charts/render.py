"""Vega-Lite to SVG, once per specification: a rendered chart is kept while the process runs."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any


def svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG document (its text in the fonts of the page that shows it)."""
    return _svg(json.dumps(spec, sort_keys=True, ensure_ascii=False))


@lru_cache(maxsize=512)
def _svg(spec: str) -> str:
    import vl_convert

    return str(vl_convert.vegalite_to_svg(json.loads(spec)))
