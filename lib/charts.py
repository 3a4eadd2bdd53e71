"""The timeline chart of every open application: windows as bars, due moments as points.

``timeline_data`` computes the records (plain dicts, only the fields drawn): one per point, with
its window (a bar) when it has one. ``timeline_chart`` turns them into a layered Altair chart
that embeds one table, read by the bars and the points, with each row as its number (the labels
are written once). Nothing here renders: pages hand the chart to ``st.altair_chart``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import altair as alt
import pandas as pd

from lib.checklist import names
from lib.model import OPEN_STATUS, Application
from lib.schedule import Milestone, MilestoneStatus, describe, plan

STATUS_ORDER: tuple[MilestoneStatus, ...] = ("overdue", "due", "upcoming", "done")
STATUS_LABELS: dict[MilestoneStatus, str] = {
    "overdue": "Overdue",
    "due": "Due now",
    "upcoming": "Upcoming",
    "done": "Done",
}
STATUS_COLOURS: dict[MilestoneStatus, str] = {
    "overdue": "#dc2626",
    "due": "#f59e0b",
    "upcoming": "#2563eb",
    "done": "#9ca3af",
}
STEP_LABELS = {  # short: the legend sits under the plot, even on a phone
    "thank_you": "Thank-you",
    "references": "References",
    "follow_up": "Follow-up",
    "move_on": "Move on",
}
STEP_SHAPES = {
    "thank_you": "circle",
    "references": "diamond",
    "follow_up": "square",
    "move_on": "cross",
}
LABEL_LIMIT = 38  # characters of "company · role" shown per row
ROW_HEIGHT = 26
MIN_HEIGHT = 140
# Streamlit fits the legends and the axis inside the element's height: give the element the
# plot's rows plus this much, so no row label is squeezed out.
LEGENDS_AND_AXIS_HEIGHT = 230
MIN_ROWS = 3  # a chart of one application stays a strip, not a box
TIME_FORMAT = "%a %d %b %H:%M"
TIME_FORMAT_WITH_YEAR = "%a %d %b %Y %H:%M"  # when what is drawn spans two calendar years
AXIS_FORMAT = "%d %b"
# when what is drawn spans two calendar years: the year under each date, so that a phone fits
# as many dates as without it
AXIS_LABEL_WITH_YEAR = "[datum.label, timeFormat(datum.value, '%Y')]"
# The two legends sit side by side under the plot, which starts right of the row labels: one
# column each when the plot is narrow (a phone), two when there is room. Entries are clipped to
# one line's height, or the shapes' legend spaces its rows for the points' size.
LEGEND = {
    "orient": "bottom",
    "columns": {"expr": "width < 360 ? 1 : 2"},
    "symbolSize": 60,
    "clipHeight": 16,
}
# the only fields embedded in the chart: one table for the bars and the points (a point's
# window rides on its record), read by both layers. A table rather than inline values: Altair
# validates inline values one by one, which costs seconds at 1,000 applications.
FIELDS = ("row", "step", "start", "end", "due", "status", "action", "person", "when", "rule")
WINDOW_FIELDS = ("row", "step", "start", "end", "status")
TIMES = ("start", "end", "due")  # ISO 8601 in the records; epoch milliseconds in the chart
ROW_LABELS = "row_labels"  # the chart's parameter holding the row labels, most pressing first


@dataclass(frozen=True)
class TimelineData:
    """The records a timeline draws (one per point, with its window) and the rows' order."""

    moments: list[dict[str, object]]  # "start" and "end" hold the point's window, or None
    rows: list[str]  # row labels, most pressing first
    now: datetime
    zone: ZoneInfo  # the viewer's: where a year begins

    @property
    def windows(self) -> list[dict[str, object]]:
        """The bars: the windows of the points that have one."""
        return [
            {field: moment[field] for field in WINDOW_FIELDS}
            for moment in self.moments
            if moment["start"] is not None
        ]

    @property
    def crosses_a_year(self) -> bool:
        """Whether what is drawn (and now) spans two calendar years in the viewer's zone."""
        years = {self.now.astimezone(self.zone).year}
        for moment in self.moments:
            for field in TIMES:
                if moment[field] is not None:
                    years.add(datetime.fromisoformat(str(moment[field])).astimezone(self.zone).year)
        return len(years) > 1


def _worst(statuses: Sequence[MilestoneStatus]) -> MilestoneStatus:
    """Return the most pressing of several statuses."""
    return min(statuses, key=STATUS_ORDER.index)


def _label(app: Application, taken: set[str]) -> str:
    """Return a row label, "company · role", shortened and made unique."""
    label = f"{app.company} · {app.role}"
    if len(label) > LABEL_LIMIT:
        label = label[: LABEL_LIMIT - 1].rstrip() + "…"
    unique, number = label, 2
    while unique in taken:
        unique, number = f"{label} ({number})", number + 1
    taken.add(unique)
    return unique


def _iso(moment: datetime) -> str:
    """Write a moment for the records: ISO 8601 to the minute, with its offset."""
    return moment.isoformat(timespec="minutes")


def _epoch_ms(iso: object) -> int | None:
    """Return an ISO 8601 moment as milliseconds since the epoch (what Vega-Lite reads)."""
    return None if iso is None else int(datetime.fromisoformat(str(iso)).timestamp() * 1000)


def _groups(milestones: list[Milestone]) -> list[list[Milestone]]:
    """Group the plan's milestones into points: one per person-by-person step, in plan order.

    Thank-yous are one point; follow-ups one point per round; the rest one point each.
    """
    groups: dict[tuple[str, int], list[Milestone]] = {}
    for index, milestone in enumerate(milestones):
        if milestone.kind in ("thank_you", "follow_up"):
            key = (milestone.kind, milestone.number if milestone.kind == "follow_up" else 1)
        else:
            key = (milestone.kind, -index)
        groups.setdefault(key, []).append(milestone)
    return list(groups.values())


def _says(app: Application, group: list[Milestone]) -> tuple[str, str]:
    """Return what a point's tooltip says it asks for, and of whom."""
    first = group[0]
    pending = [m for m in group if m.status != "done"]
    waiting = names([app.interviewer(m.interviewer_id).name for m in pending if m.interviewer_id])
    tally = f"{len(group) - len(pending)} of {len(group)}"
    if first.kind == "thank_you":
        return f"Thank-you notes ({tally} sent)", waiting or "everyone thanked"
    if first.kind == "follow_up":
        round_ = f", round {first.number}" if first.number > 1 else ""
        return f"Follow-ups{round_} ({tally} done)", waiting or "everyone followed up"
    return describe(app, first), ""


def timeline_data(
    applications: Sequence[Application],
    now: datetime,
    zone: ZoneInfo,
    milestones: Mapping[str, list[Milestone]] | None = None,
) -> TimelineData:
    """Compute what the timeline draws for the open applications, in the viewer's timezone.

    ``milestones`` (application id to its plan at ``now``) saves planning them again.
    """
    planned = [
        (app, milestones[app.id] if milestones is not None else plan(app, now))
        for app in applications
        if app.status == OPEN_STATUS
    ]

    def next_due(item: tuple[Application, list[Milestone]]) -> datetime:
        pending = [m.due for m in item[1] if m.status != "done"]
        return min(
            pending, default=max((m.due for m in item[1]), default=now) + timedelta(days=3650)
        )

    planned.sort(key=next_due)
    taken: set[str] = set()
    moments: list[dict[str, object]] = []
    rows = []
    for app, milestones in planned:
        row = _label(app, taken)
        rows.append(row)
        for group in _groups(milestones):
            first = group[0]
            action, person = _says(app, group)
            window: tuple[datetime, datetime] | None = None
            if first.kind == "thank_you":
                window = first.start, first.late or first.due
            elif first.kind == "follow_up":
                window = first.start, first.due
            moments.append(
                {
                    "row": row,
                    "step": STEP_LABELS[first.kind],
                    "start": _iso(window[0]) if window else None,
                    "end": _iso(window[1]) if window else None,
                    "due": _iso(first.due),
                    "status": STATUS_LABELS[_worst([m.status for m in group])],
                    "action": action,
                    "person": person,
                    "rule": first.rule,
                }
            )
    return TimelineData(moments=moments, rows=rows, now=now, zone=zone)


def _table(data: TimelineData) -> pd.DataFrame:
    """Return the one table both layers read: each row as its number, moments as epoch
    milliseconds, and when each point is due in the viewer's words ("Tue 17 Nov 15:00")."""
    number = {row: index for index, row in enumerate(data.rows)}
    time_format = TIME_FORMAT_WITH_YEAR if data.crosses_a_year else TIME_FORMAT
    frame = pd.DataFrame(data.moments, columns=FIELDS)
    frame["row"] = [number[str(m["row"])] for m in data.moments]
    for field in TIMES:
        frame[field] = pd.array([_epoch_ms(m[field]) for m in data.moments], dtype="Int64")
    frame["when"] = [
        datetime.fromisoformat(str(m["due"])).astimezone(data.zone).strftime(time_format)
        for m in data.moments
    ]
    return frame


def timeline_chart(data: TimelineData) -> alt.LayerChart:
    """Layer the windows, the due moments and a rule at now into one chart.

    The bars and the points read one table, given to the layer; the layer is built in one
    call (each chained call on a layer copies every sub-chart, which took most of a rerun).
    """
    order = alt.Y(
        "row:O",  # the row's number: most pressing first
        title=None,
        axis=alt.Axis(
            labelExpr=f"{ROW_LABELS}[datum.value]",
            labelLimit=150,
            labelFontSize=11,
            labelOverlap=False,  # name every row
        ),
    )
    status = alt.Color(
        "status:N",
        title="Status",
        scale=alt.Scale(
            domain=[STATUS_LABELS[s] for s in STATUS_ORDER],
            range=[STATUS_COLOURS[s] for s in STATUS_ORDER],
        ),
        legend=alt.Legend(**LEGEND, symbolOpacity=1),  # not the bars' 0.3
    )
    dates = alt.Axis(format=AXIS_FORMAT, grid=True)
    if data.crosses_a_year:
        dates = alt.Axis(format=AXIS_FORMAT, grid=True, labelExpr=AXIS_LABEL_WITH_YEAR)
    windows = (
        alt.Chart()
        .mark_bar(opacity=0.3, cornerRadius=3, height=12)
        .encode(
            x=alt.X(
                "start:T",
                title=None,
                axis=dates,
                scale=alt.Scale(padding=14),  # the last point is not cut in half
            ),
            x2="end:T",
            y=order,
            color=status,
        )
        .transform_filter("isValid(datum.start)")  # only the points with a window
    )
    moments = (
        alt.Chart()
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            x="due:T",
            y=order,
            color=status,
            shape=alt.Shape(
                "step:N",
                title="Step",
                scale=alt.Scale(
                    domain=list(STEP_LABELS.values()), range=list(STEP_SHAPES.values())
                ),
                legend=alt.Legend(**LEGEND),
            ),
            tooltip=[
                alt.Tooltip("application:N", title="Application"),
                alt.Tooltip("action:N", title="Action"),
                alt.Tooltip("person:N", title="Who"),
                alt.Tooltip("when:N", title="Due"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("rule:N", title="Rule"),
            ],
        )
        .transform_calculate(application=f"{ROW_LABELS}[datum.row]")
    )
    now_rule = (
        alt.Chart(pd.DataFrame([{"now": _epoch_ms(_iso(data.now)), "label": "now"}]))
        .mark_rule(color="#111827", strokeDash=[4, 3], strokeWidth=1.5)
        .encode(x="now:T", tooltip=[alt.Tooltip("label:N", title="")])
    )
    return alt.LayerChart(
        layer=[windows, moments, now_rule],
        data=_table(data),
        params=[alt.VariableParameter(name=ROW_LABELS, value=data.rows)],
        width="container",
        height=max(MIN_HEIGHT, ROW_HEIGHT * len(data.rows)),
    )


def first_rows(data: TimelineData, limit: int) -> TimelineData:
    """Keep the timeline's ``limit`` most pressing rows (the rows come most pressing first)."""
    if len(data.rows) <= limit:
        return data
    kept = set(data.rows[:limit])
    return replace(
        data, moments=[m for m in data.moments if m["row"] in kept], rows=data.rows[:limit]
    )


def chart_height(data: TimelineData) -> int:
    """Return the height in pixels to give the timeline element: its rows plus legends and axis."""
    return ROW_HEIGHT * max(MIN_ROWS, len(data.rows)) + LEGENDS_AND_AXIS_HEIGHT
