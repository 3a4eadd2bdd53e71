"""Timeline: every pending step of every open application, soonest first."""

import streamlit as st

from lib.schedule import describe, plan
from lib.ui_support import bootstrap, now

store = bootstrap()
st.title("Timeline")

moment = now()
rows = [
    {
        "Due": m.due.strftime("%Y-%m-%d %H:%M"),
        "Company": app.company,
        "Step": describe(app, m),
        "Status": m.status,
        "Rule": m.rule,
    }
    for app in store.list_applications(status="open")
    for m in plan(app, moment)
    if m.status != "done"
]
if not rows:
    st.info(
        "Nothing pending. New interviews appear here with every step dated.",
        icon=":material/timeline:",
    )
    st.stop()
st.table(sorted(rows, key=lambda row: row["Due"]), hide_index=True, border="horizontal")
