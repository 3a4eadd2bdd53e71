"""The Insights page's charts: one Altair chart per figure of lib/insights.py, built from the
figure's own table (what the chart draws is what its CSV holds). Nothing here renders.

Colours are the Okabe-Ito palette, told apart with every common colour-vision deficiency; each
chart has a title saying what is counted, a tooltip on every mark, the count written on short
bars, and no frame or vertical grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from lib.insight_contacts import (
    DIMENSION_LABELS,
    STYLE_LABELS,
    TIER_LABELS,
    TIERS,
    Replies,
    ThankYouTimes,
)
from lib.insight_outcomes import (
    OUTCOME_LABELS,
    PEOPLE_KEYS,
    PEOPLE_LABELS,
    STAGE_LABELS,
    STAGES,
    STATUSES,
    USE_LABELS,
    USES,
    BudgetUse,
    Outcomes,
    People,
)
from lib.insights import FigureKey, Insights

BLUE, SKY, ORANGE, GREEN, VERMILLION, PURPLE, GREY = (
    "#0072B2",
    "#56B4E9",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#999999",
)
LIGHT_GREY = "#D9D9D9"  # what has not happened yet
TIER_COLOURS = {
    "ideal": GREEN,
    "due": SKY,
    "late": ORANGE,
    "not_sent": GREY,
    "not_yet": LIGHT_GREY,
}
OUTCOME_COLOURS = {
    "offer": GREEN,
    "rejected": VERMILLION,
    "withdrawn": PURPLE,
    "moved_on": ORANGE,
    "open": GREY,
}
STYLE_COLOURS = {"cautious": SKY, "standard": BLUE, "eager": ORANGE}
DIMENSION_COLOURS = {"channel": BLUE, "style": ORANGE, "followed_up": GREEN}
ROW_HEIGHT = 34  # pixels per bar of a horizontal chart
MONTH_HEIGHT = 220
# under the plot, which starts right of the row labels: two columns when it is narrow (a phone),
# three when there is room
LEGEND = alt.Legend(
    orient="bottom", title=None, columns={"expr": "width < 300 ? 2 : 3"}, symbolType="square"
)
# Streamlit fits the title, the axis and the legend inside the element's height: give the
# element the plot's height plus this much, and this much more for a legend under it.
FRAME_HEIGHT = 90
LEGEND_HEIGHT = 90
RATE_LIMIT = 1.35  # the rate axis runs past 100% so the label beside a full bar fits


def _order(labels: Sequence[str], field: str) -> str:
    """Return a Vega expression giving a row its label's place in ``labels`` (stacking order)."""
    quoted = ", ".join(f"'{label}'" for label in labels)
    return f"indexof([{quoted}], datum.{field})"


def _scale(labels: dict, colours: dict, keys: Sequence) -> alt.Scale:
    """A colour scale with the labels of ``keys`` in order, each in its colour."""
    return alt.Scale(domain=[labels[k] for k in keys], range=[colours[k] for k in keys])


AnyChart = alt.Chart | alt.LayerChart


def _finish(chart: AnyChart, title: str, height: int) -> AnyChart:
    """Give a chart its title, the container's width, its height and no frame."""
    return (
        chart.properties(
            title=alt.TitleParams(title, anchor="start", fontSize=14, fontWeight="normal"),
            width="container",
            height=height,
        )
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, titleFontSize=12)
    )


def element_height(chart: AnyChart) -> int:
    """Return the height in pixels to give a chart's element: the plot, title, axis, legend
    (read from the chart's properties: no spec is built for it)."""
    layers = chart.layer if isinstance(chart, alt.LayerChart) else [chart]
    legend = any(
        layer.encoding is not alt.Undefined and layer.encoding.color is not alt.Undefined
        for layer in layers
    )
    return int(chart.height) + FRAME_HEIGHT + (LEGEND_HEIGHT if legend else 0)


def thank_you_chart(times: ThankYouTimes) -> AnyChart:
    """Stacked bars per interview month: the people by when their thank-you went (T2)."""
    labels = [TIER_LABELS[t] for t in TIERS]
    chart = (
        alt.Chart(times.table())
        .mark_bar()
        .encode(
            x=alt.X("month:O", title="Interview month", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("people:Q", title="People", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "tier:N", scale=_scale(TIER_LABELS, TIER_COLOURS, TIERS), legend=LEGEND
            ),
            order=alt.Order("place:Q"),
            tooltip=[
                alt.Tooltip("month:O", title="Month"),
                alt.Tooltip("tier:N", title="Thank-you"),
                alt.Tooltip("people:Q", title="People"),
            ],
        )
        .transform_calculate(place=_order(labels, "tier"))
        .transform_filter("datum.people > 0")
    )
    return _finish(chart, "People met, by when their thank-you went", MONTH_HEIGHT)


def replies_chart(replies: Replies) -> AnyChart:
    """Horizontal bars: the reply rate of each group, with "2 of 3 · 4 days" beside each."""
    frame = replies.table()
    frame["label"] = [
        f"{row.replied} of {row.contacted}"
        + (f" · {row.median_days:g} d" if pd.notna(row.median_days) else "")
        for row in frame.itertuples()
    ]
    y = alt.Y("group:N", title=None, sort=list(frame["group"]), axis=alt.Axis(labelLimit=160))
    base = alt.Chart(frame).encode(
        y=y,
        tooltip=[
            alt.Tooltip("dimension:N", title="By"),
            alt.Tooltip("group:N", title="Group"),
            alt.Tooltip("contacted:Q", title="Applications you wrote to"),
            alt.Tooltip("replied:Q", title="Replied"),
            alt.Tooltip("reply_rate:Q", title="Reply rate", format=".0%"),
            alt.Tooltip("median_days:Q", title="Median days to a reply"),
        ],
    )
    bars = base.mark_bar().encode(
        x=alt.X(
            "reply_rate:Q",
            title="Reply rate",
            scale=alt.Scale(domain=[0, RATE_LIMIT]),
            axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1]),
        ),
        color=alt.Color(
            "dimension:N",
            scale=_scale(DIMENSION_LABELS, DIMENSION_COLOURS, list(DIMENSION_LABELS)),
            legend=LEGEND,
        ),
    )
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(x="reply_rate:Q", text="label:N")
    return _finish(
        alt.layer(bars, text),
        "How often and how fast they replied",
        ROW_HEIGHT * max(1, len(frame)),
    )


def _stacked_bars(
    table: pd.DataFrame,
    *,
    bar: tuple[str, str, list[str]],
    count: tuple[str, str],
    split: tuple[str, str, alt.Scale, list[str]],
) -> alt.Chart:
    """Stacked horizontal bars: one bar per value of ``bar`` (field, tooltip title, labels in
    order, every one shown even when empty), its length the ``count`` (field, title), split by
    ``split`` (field, tooltip title, colour scale, labels in stacking order)."""
    bar_field, bar_title, bar_labels = bar
    count_field, count_title = count
    split_field, split_title, colours, split_labels = split
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            y=alt.Y(
                f"{bar_field}:N",
                title=None,
                sort=bar_labels,
                scale=alt.Scale(domain=bar_labels),  # an empty bar is news too
            ),
            x=alt.X(f"{count_field}:Q", title=count_title, axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(f"{split_field}:N", scale=colours, legend=LEGEND),
            order=alt.Order("place:Q"),
            tooltip=[
                alt.Tooltip(f"{bar_field}:N", title=bar_title),
                alt.Tooltip(f"{split_field}:N", title=split_title),
                alt.Tooltip(f"{count_field}:Q", title=count_title),
            ],
        )
        .transform_calculate(place=_order(split_labels, split_field))
        .transform_filter(f"datum.{count_field} > 0")
    )


def outcome_chart(found: Outcomes) -> AnyChart:
    """Stacked horizontal bars, one per stage from interview to decision, split by status."""
    chart = _stacked_bars(
        found.table(),
        bar=("stage", "Stage", [STAGE_LABELS[s] for s in STAGES]),
        count=("applications", "Applications"),
        split=(
            "status",
            "Status",
            _scale(OUTCOME_LABELS, OUTCOME_COLOURS, STATUSES),
            [OUTCOME_LABELS[s] for s in STATUSES],
        ),
    )
    return _finish(chart, "Applications at each stage, by how they stand", ROW_HEIGHT * 3)


def budget_chart(found: BudgetUse) -> AnyChart:
    """Stacked horizontal bars: people under, at and past the follow-up limit, by style (F3)."""
    styles = list(found.by_style)
    chart = _stacked_bars(
        found.table(),
        bar=("use", "Follow-ups", [USE_LABELS[u] for u in USES]),
        count=("people", "People"),
        split=(
            "style",
            "Style",
            _scale(STYLE_LABELS, STYLE_COLOURS, styles),
            [STYLE_LABELS[s] for s in styles],
        ),
    )
    return _finish(chart, "People, by follow-ups against your style's limit", ROW_HEIGHT * 3)


def people_chart(found: People) -> AnyChart:
    """Horizontal bars: people met, thanked, met in a no, kept after a no (F6)."""
    base = alt.Chart(found.table()).encode(
        y=alt.Y(
            "people:N",
            title=None,
            sort=[PEOPLE_LABELS[k] for k in PEOPLE_KEYS],
            axis=alt.Axis(labelLimit=160),
        ),
        x=alt.X("count:Q", title="People", axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("people:N", title="People"), alt.Tooltip("count:Q", title="Count")],
    )
    bars = base.mark_bar(color=BLUE)
    text = base.mark_text(align="left", dx=4, fontSize=12).encode(text="count:Q")
    return _finish(
        alt.layer(bars, text), "The people of your search", ROW_HEIGHT * len(PEOPLE_KEYS)
    )


@dataclass(frozen=True)
class DrawnChart:
    """A figure's chart, ready to draw: its Vega-Lite spec and its element's height."""

    spec: dict[str, Any]
    height: int


def drawn_charts(found: Insights) -> dict[FigureKey, DrawnChart | None]:
    """Return each figure's chart as a spec (None when the figure has nothing to draw). Building
    and checking the five specs is most of the page's time: a page keeps them while the
    figures stay the same."""
    charts: dict[FigureKey, AnyChart | None] = {
        "thank_yous": thank_you_chart(found.thank_yous) if found.thank_yous.total() else None,
        "replies": replies_chart(found.replies) if found.replies.contacted else None,
        "outcomes": outcome_chart(found.outcomes),
        "budget": budget_chart(found.budget) if found.budget.total() else None,
        "people": people_chart(found.people) if found.people.met else None,
    }
    return {
        key: None if chart is None else DrawnChart(chart.to_dict(), element_height(chart))
        for key, chart in charts.items()
    }
