"""A version's indicators by status: one horizontal bar per status, named on the axis and its
count written at its end, so that no status is told by colour (all bars are one colour).

Numbers are given to the chart as Python ints, never formatted by a template or a locale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt

WIDTH = 420
BAR_HEIGHT = 26
COLOUR = "#1f5fa8"  # 6.4:1 against white (WCAG 1.4.11 asks 3:1)


@dataclass(frozen=True)
class Labels:
    """The chart's words, in the page's language."""

    count: str  # the axis of counts: 成果指標の数 / Indicators


def status_chart(rows: list[tuple[str, int]], labels: Labels) -> dict[str, Any]:
    """The Vega-Lite specification: `rows` are (status name, number of indicators), in the
    fixed order of the statuses (core.rollup.ORDER), every status listed, zeros included."""
    data = [
        {"status": name, "count": int(count), "order": i} for i, (name, count) in enumerate(rows)
    ]
    most = max((int(count) for _, count in rows), default=0)
    y = alt.Y(
        "status:N",
        title=None,
        sort=alt.EncodingSortField(field="order", order="ascending"),
        axis=alt.Axis(labelLimit=220, labelFontSize=13, ticks=False, domain=False),
    )
    x = alt.X(
        "count:Q",
        title=labels.count,
        scale=alt.Scale(domain=[0, max(most, 1) * 1.15], nice=False),
        axis=alt.Axis(tickMinStep=1, format="d", grid=True),
    )
    base = alt.Chart(alt.Data(values=data)).encode(y=y, x=x)
    bars = base.mark_bar(color=COLOUR, height=BAR_HEIGHT * 0.7)
    counts = base.mark_text(align="left", dx=4, fontSize=13, fontWeight="bold").encode(
        text=alt.Text("count:Q", format="d")
    )
    chart = (
        alt.layer(bars, counts)
        .properties(width=WIDTH, height=BAR_HEIGHT * max(len(rows), 1))
        .configure_view(stroke=None)
    )
    return chart.to_dict()
