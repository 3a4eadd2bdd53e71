"""The timeline chart of every open application: windows as bars, due moments as points.

``timeline_data`` computes the rows (plain records, only the fields drawn); ``timeline_chart``
turns them into a layered Altair chart. Nothing here renders: pages hand the chart to
``st.altair_chart``.
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
# the only fields embedded in the chart (tables rather than inline values: Altair validates
# inline values one by one, which costs seconds at 1,000 applications)
WINDOW_FIELDS = ("row", "step", "start", "end", "status")
MOMENT_FIELDS = ("row", "step", "due", "status", "action", "person", "when", "rule")


@dataclass(frozen=True)
class TimelineData:
    """The records a timeline draws: windows (bars), moments (points) and the rows' order."""

    windows: list[dict[str, object]]
    moments: list[dict[str, object]]
    rows: list[str]  # row labels, most pressing first
    now: datetime


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
    """Write a moment for Vega-Lite: ISO 8601 with its offset."""
    return moment.isoformat(timespec="minutes")


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
    windows: list[dict[str, object]] = []
    moments: list[dict[str, object]] = []
    rows = []
    for app, milestones in planned:
        row = _label(app, taken)
        rows.append(row)
        thank_yous = [m for m in milestones if m.kind == "thank_you"]
        if thank_yous:
            pending = [m for m in thank_yous if m.status != "done"]
            status = _worst([m.status for m in thank_yous])
            waiting = names(
                [app.interviewer(m.interviewer_id).name for m in pending if m.interviewer_id]
            )
            first = thank_yous[0]
            windows.append(_window(row, "thank_you", first.start, first.late or first.due, status))
            moments.append(
                _moment(
                    row,
                    "thank_you",
                    first.due,
                    status,
                    f"Thank-you notes ({len(thank_yous) - len(pending)} of {len(thank_yous)} sent)",
                    waiting or "everyone thanked",
                    first.rule,
                    zone,
                )
            )
        for milestone in milestones:
            if milestone.kind == "thank_you":
                continue
            if milestone.kind == "follow_up":
                windows.append(
                    _window(row, "follow_up", milestone.start, milestone.due, milestone.status)
                )
            moments.append(
                _moment(
                    row,
                    milestone.kind,
                    milestone.due,
                    milestone.status,
                    describe(app, milestone),
                    "each person" if milestone.kind == "follow_up" else "",
                    milestone.rule,
                    zone,
                )
            )
    return TimelineData(windows=windows, moments=moments, rows=rows, now=now)


def _window(
    row: str, kind: str, start: datetime, end: datetime, status: MilestoneStatus
) -> dict[str, object]:
    """One bar: a step's window on an application's row."""
    return {
        "row": row,
        "step": STEP_LABELS[kind],
        "start": _iso(start),
        "end": _iso(end),
        "status": STATUS_LABELS[status],
    }


def _moment(
    row: str,
    kind: str,
    due: datetime,
    status: MilestoneStatus,
    action: str,
    person: str,
    rule: str,
    zone: ZoneInfo,
) -> dict[str, object]:
    """One point: a step's due moment, with what the tooltip says."""
    return {
        "row": row,
        "step": STEP_LABELS[kind],
        "due": _iso(due),
        "status": STATUS_LABELS[status],
        "action": action,
        "person": person,
        "when": due.astimezone(zone).strftime(TIME_FORMAT),
        "rule": rule,
    }


def timeline_chart(data: TimelineData) -> alt.LayerChart:
    """Layer the windows, the due moments and a rule at now into one chart."""
    order = alt.Y(
        "row:N",
        sort=data.rows,
        title=None,
        axis=alt.Axis(labelLimit=150, labelFontSize=11, labelOverlap=False),  # name every row
    )
    status = alt.Color(
        "status:N",
        title="Status",
        scale=alt.Scale(
            domain=[STATUS_LABELS[s] for s in STATUS_ORDER],
            range=[STATUS_COLOURS[s] for s in STATUS_ORDER],
        ),
        legend=alt.Legend(orient="bottom", columns=1),  # narrow enough for a phone,
    )
    windows = (
        alt.Chart(pd.DataFrame(data.windows, columns=WINDOW_FIELDS))
        .mark_bar(opacity=0.3, cornerRadius=3, height=12)
        .encode(
            x=alt.X(
                "start:T",
                title=None,
                axis=alt.Axis(format="%d %b", grid=True),
                scale=alt.Scale(padding=14),  # the last point is not cut in half
            ),
            x2="end:T",
            y=order,
            color=status,
        )
    )
    moments = (
        alt.Chart(pd.DataFrame(data.moments, columns=MOMENT_FIELDS))
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
                legend=alt.Legend(orient="bottom", columns=1),  # narrow enough for a phone,
            ),
            tooltip=[
                alt.Tooltip("row:N", title="Application"),
                alt.Tooltip("action:N", title="Action"),
                alt.Tooltip("person:N", title="Who"),
                alt.Tooltip("when:N", title="Due"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("rule:N", title="Rule"),
            ],
        )
    )
    now_rule = (
        alt.Chart(pd.DataFrame([{"now": _iso(data.now), "label": "now"}]))
        .mark_rule(color="#111827", strokeDash=[4, 3], strokeWidth=1.5)
        .encode(x="now:T", tooltip=[alt.Tooltip("label:N", title="")])
    )
    height = max(MIN_HEIGHT, ROW_HEIGHT * len(data.rows))
    return alt.layer(windows, moments, now_rule).properties(width="container", height=height)


def first_rows(data: TimelineData, limit: int) -> TimelineData:
    """Keep the timeline's ``limit`` most pressing rows (the rows come most pressing first)."""
    if len(data.rows) <= limit:
        return data
    kept = set(data.rows[:limit])
    return replace(
        data,
        windows=[w for w in data.windows if w["row"] in kept],
        moments=[m for m in data.moments if m["row"] in kept],
        rows=data.rows[:limit],
    )


def chart_height(data: TimelineData) -> int:
    """Return the height in pixels to give the timeline element: its rows plus legends and axis."""
    return ROW_HEIGHT * max(MIN_ROWS, len(data.rows)) + LEGENDS_AND_AXIS_HEIGHT
