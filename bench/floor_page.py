"""The floor for a page rerun: home's elements drawn from precomputed data, nothing computed.

``bench/bench.py`` writes what home shows for its applications (the cards of the most pressing
ones with their next steps, the counts, the chart's spec) to a JSON file named by
``BENCH_FLOOR_DATA``, and times reruns of this page beside reruns of home and of the timeline.
Given the timeline's elements instead (a ``table`` in the data), it is the timeline's floor.
What a rerun costs here is Streamlit drawing those elements: no store, no planning, no chart
building.
"""

import json
import os
from pathlib import Path
from typing import Any

import streamlit as st


@st.cache_resource
def precomputed(path: str) -> dict[str, Any]:
    """Read the precomputed elements once per process."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


data = precomputed(os.environ["BENCH_FLOOR_DATA"])
if "table" in data:  # the timeline's own elements: counts, the whole chart, the table, groups
    st.title("Timeline")
    st.markdown(data["counts"])
    st.vega_lite_chart(spec=data["chart"], width="stretch", height=data["chart_height"])
    st.dataframe(data["table"], hide_index=True, width="stretch")
    for group in data["groups"]:
        with st.expander(group["label"], expanded=group is data["groups"][0]):
            for row in group["rows"]:
                st.markdown(row)
    st.stop()
st.title("Follow-Up Coach")
st.caption(data["caption"])
for card in data["cards"]:
    with st.container(border=True):
        st.badge(card["badge"], color=card["colour"])
        st.subheader(card["title"])
        st.write(card["text"])
        with st.container(horizontal=True):
            for link in card["links"]:
                st.markdown(link)
if data["more"]:
    st.caption(data["more"])
st.markdown(data["notes_link"])
st.markdown(data["counts"])
if data["chart"] is not None:
    st.vega_lite_chart(spec=data["chart"], width="stretch", height=data["chart_height"])
st.markdown(data["timeline_link"])
