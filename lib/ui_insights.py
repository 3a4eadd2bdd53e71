"""The Insights page's parts (Streamlit): the figures kept for this session until the data or
the selection changes, and one figure drawn with its meaning, its rules and its CSV."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from lib.insight_charts import DrawnChart, drawn_charts
from lib.insights import FIGURES, FigureKey, Insights, insights
from lib.model import Application
from lib.ui_plans import Planned

INSIGHTS_KEY = "insights_kept"  # session key: (the data and selection, their figures)
CHARTS_KEY = "insights_charts"  # session key: (the figures, their charts' specs)
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


def kept_charts(found: Insights) -> dict[FigureKey, DrawnChart | None]:
    """Return the charts of ``found`` (the figures kept_insights returned), built again only
    when the figures are new: a rerun that changes nothing redraws the same specs."""
    kept = st.session_state.get(CHARTS_KEY)
    if kept is None or kept[0] is not found:
        kept = (found, drawn_charts(found))
        st.session_state[CHARTS_KEY] = kept
    return kept[1]


def show_figure(key: FigureKey, chart: DrawnChart | None, table: pd.DataFrame, empty: str) -> None:
    """Draw one figure: its title, its chart (or ``empty`` when there is nothing to draw), its
    meaning and rules in one line, and its table as a CSV download."""
    figure = FIGURES[key]
    st.subheader(figure.title, divider="gray")
    if chart is None:
        st.info(empty, icon=":material/info:")
    else:
        st.vega_lite_chart(
            spec=chart.spec,  # Streamlit copies it before moving its data out
            width="stretch",
            height=chart.height,
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
