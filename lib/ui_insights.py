"""The Insights page's parts (Streamlit): the figures kept for this session until the data or
the selection changes, and one figure drawn with its meaning, its rules and its CSV."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from lib.insight_charts import AnyChart, element_height
from lib.insights import FIGURES, FigureKey, Insights, insights
from lib.model import Application
from lib.ui_plans import Planned

INSIGHTS_KEY = "insights_kept"  # session key: (the data and selection, their figures)
CSV_MIME = "text/csv"


def kept_insights(view: Planned, apps: Sequence[Application]) -> Insights:
    """Return the figures over ``apps`` (some of ``view``'s applications), worked out again only
    when the store, the minute or the selection changed. One selection is kept: bounded."""
    key = (view.key, tuple(app.id for app in apps))
    kept = st.session_state.get(INSIGHTS_KEY)
    if kept is None or kept[0] != key:
        kept = (key, insights(apps, view.moment))
        st.session_state[INSIGHTS_KEY] = kept
    return kept[1]


def show_figure(key: FigureKey, chart: AnyChart | None, table: pd.DataFrame, empty: str) -> None:
    """Draw one figure: its title, its chart (or ``empty`` when there is nothing to draw), its
    meaning and rules in one line, and its table as a CSV download."""
    figure = FIGURES[key]
    st.subheader(figure.title, divider="gray")
    if chart is None:
        st.info(empty, icon=":material/info:")
    else:
        st.altair_chart(
            chart,
            width="stretch",
            height=element_height(chart),
            alt=figure.meaning,
            key=f"insights_chart_{key}",
        )
    st.caption(f"{figure.meaning} {figure.rules_said()}.")
    st.download_button(
        "Download the table (CSV)",
        lambda: table.to_csv(index=False),  # built on click, not on every run
        file_name=f"insights-{key.replace('_', '-')}.csv",
        mime=CSV_MIME,
        key=f"insights_csv_{key}",
        icon=":material/download:",
        on_click="ignore",
    )
