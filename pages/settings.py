"""Settings: where the data lives, and a full export of it."""

import streamlit as st

from lib.ui_support import bootstrap, now

store = bootstrap()
st.title("Settings")

st.subheader("Your data")
if store.in_memory:
    st.write("This session keeps its data in memory only; it is discarded when the tab closes.")
else:
    st.write("Everything is kept in one SQLite file on this computer:")
    st.code(str(store.path), language=None)
    st.caption("Set the COACH_DB environment variable to keep it somewhere else.")
moment = now()
st.download_button(
    "Export everything (JSON)",
    data=store.export_json(moment),
    file_name=f"follow-up-coach-{moment:%Y-%m-%d}.json",
    mime="application/json",
    icon=":material/download:",
)
