"""Every application and its plan, kept in the session until the store changes or the minute
turns, so a rerun that changes nothing (a filter, a click elsewhere) plans nothing again.

The store's change count (lib/store.py, kept by triggers) moves with every change to an
application or a contact, from this tab, another tab or another process: one read of it tells
whether the applications must be read and planned again. Plans are made for the current minute,
as every time on the pages is shown to the minute.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

import streamlit as st

from lib import ui_support
from lib.charts import chart_height, first_rows, timeline_chart, timeline_data
from lib.checklist import NextAction, next_action
from lib.model import Application
from lib.overview import ActionRow, Summary, next_actions, plans, summary
from lib.schedule import Milestone
from lib.store import Store, StoreError
from lib.text import escape_markdown

PLANS_KEY = "planned_view"  # session key of the last Planned
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class Planned:
    """The applications, their plans at ``moment`` (a whole minute), and the next actions,
    counts and charts already worked out for some selections of them."""

    key: tuple[int, int, datetime]
    applications: list[Application]
    plans: dict[str, list[Milestone]]
    moment: datetime
    _actions: dict[tuple[tuple[str, ...], str], list[ActionRow]] = field(default_factory=dict)
    _charts: dict[tuple[tuple[str, ...], str, int], Chart] = field(default_factory=dict)
    _counts: dict[tuple[tuple[str, ...], str], Summary] = field(default_factory=dict)
    _steps: dict[tuple[str, str], NextAction] = field(default_factory=dict)

    def next_actions(self, apps: Sequence[Application], zone: ZoneInfo) -> list[ActionRow]:
        """Return the next actions of ``apps`` (some of these applications) in ``zone``."""
        key = (_ids(apps), zone.key)
        return _kept(self._actions, key, lambda: next_actions(apps, self.moment, zone, self.plans))

    def next_action(self, app: Application, zone: ZoneInfo) -> NextAction:
        """Return what to do next for ``app`` (one of these applications), said in ``zone``."""
        key = (app.id, zone.key)
        return _kept(
            self._steps, key, lambda: next_action(app, self.moment, self.plans[app.id], zone)
        )

    def summary(self, apps: Sequence[Application], zone: ZoneInfo) -> Summary:
        """Return the counts over ``apps`` (some of these applications) in ``zone``."""
        key = (_ids(apps), zone.key)
        return _kept(self._counts, key, lambda: summary(apps, self.moment, zone, self.plans))

    def chart(self, apps: Sequence[Application], zone: ZoneInfo, most_rows: int) -> Chart:
        """Return the timeline chart of ``apps`` (at most ``most_rows`` rows, the most pressing)
        as a Vega-Lite spec with its height, and how many rows there were in all."""

        def build() -> Chart:
            data = timeline_data(apps, self.moment, zone, self.plans)
            drawn = first_rows(data, most_rows)
            return Chart(timeline_chart(drawn).to_dict(), chart_height(drawn), len(data.rows))

        return _kept(self._charts, (_ids(apps), zone.key, most_rows), build)


def _ids(apps: Sequence[Application]) -> tuple[str, ...]:
    """Name a selection of applications by their ids."""
    return tuple(app.id for app in apps)


def _kept(kept: dict[K, V], key: K, build: Callable[[], V]) -> V:
    """Return what ``kept`` holds for ``key``, building and keeping it the first time."""
    if key not in kept:
        kept[key] = build()
    return kept[key]


@dataclass(frozen=True)
class Chart:
    """A timeline chart ready to draw: its spec, its height, and the rows there were in all."""

    spec: dict
    height: int
    rows: int


def planned(store: Store) -> Planned:
    """Return every application planned at this minute, read and planned again only when the
    store has changed or the minute has turned. When the database cannot be read, say so and
    stop the page there."""
    try:
        return _planned(store)
    except StoreError as error:
        st.error(escape_markdown(str(error)), icon=":material/database:")
        st.stop()


def _planned(store: Store) -> Planned:
    moment = ui_support.now().replace(second=0, microsecond=0)
    key = (id(store), store.change_count(), moment)
    kept: Planned | None = st.session_state.get(PLANS_KEY)
    if kept is None or kept.key != key:
        applications = store.list_applications()
        kept = Planned(key, applications, plans(applications, moment), moment)
        st.session_state[PLANS_KEY] = kept
    return kept
