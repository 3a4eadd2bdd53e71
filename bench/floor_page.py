"""The floor for a page rerun: a page's elements drawn from precomputed data, nothing computed.

``bench/bench.py`` writes what home shows for its applications (the cards of the most pressing
ones with their links, the counts, the chart's spec) to a JSON file named by
``BENCH_FLOOR_DATA``, and times reruns of this page beside reruns of home. Given the timeline's
elements instead (a ``table`` in the data), it is the timeline's floor. The floor registers the
app's own navigation, so its links are the same ``st.page_link`` elements the pages draw. What a
rerun costs here is Streamlit drawing those elements: no store, no planning, no chart building.
"""

import json
import os
from pathlib import Path
from typing import Any

import streamlit as st

from lib.ui_support import PAGES


@st.cache_resource
def precomputed(path: str) -> dict[str, Any]:
    """Read the precomputed elements once per process."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def link(drawn: dict[str, Any]) -> None:
    """Draw one precomputed page link."""
    st.page_link(
        pages[drawn["page"]],
        label=drawn["label"],
        icon=drawn["icon"],
        query_params=drawn.get("query"),
    )


data = precomputed(os.environ["BENCH_FLOOR_DATA"])
ROOT = Path(__file__).resolve().parent.parent
pages = {
    path: st.Page(str(ROOT / path), title=title, icon=icon, default=index == 0)
    for index, (path, title, icon) in enumerate(PAGES)
}
st.navigation(list(pages.values()), position="top")  # the frame the pages are drawn in
with st.sidebar:
    st.caption(data["sidebar"])  # the mode, as the frame says it
if "table" in data:  # the timeline's own elements
    st.title("Timeline")
    st.caption(data["caption"])
    left, right = st.columns(2)
    left.multiselect("Status", ["Open"], default=["Open"], key="floor_status")
    right.text_input("Search company or role", key="floor_search")
    st.markdown(data["counts"])
    st.vega_lite_chart(spec=data["chart"], width="stretch", height=data["chart_height"])
    st.caption(data["chart_note"])
    st.subheader("Next actions", divider="gray")
    st.dataframe(data["table"], hide_index=True, width="stretch")
    st.subheader("Quick actions", divider="gray")
    for index, group in enumerate(data["groups"]):
        with st.expander(group["label"], expanded=index == 0):
            for row in group["rows"]:
                with st.container(horizontal=True):
                    st.markdown(row["text"], width="stretch")
                    link(row["link"])
    st.stop()
st.title("Follow-Up Coach")
st.caption(data["caption"])
for card in data["cards"]:
    with st.container(border=True):
        st.badge(card["badge"], color=card["colour"])
        st.subheader(card["title"])
        st.write(card["text"])
        with st.container(horizontal=True):
            for drawn in card["links"]:
                link(drawn)
if data["more"]:
    st.caption(data["more"])
link(data["notes_link"])
st.markdown(data["counts"])
link(data["insights_link"])
if data["chart"] is not None:
    st.vega_lite_chart(spec=data["chart"], width="stretch", height=data["chart_height"])
link(data["timeline_link"])
