"""Timeline: every pending step of every open application, soonest first."""

import streamlit as st

from lib.schedule import describe, plan
from lib.ui_support import bootstrap, now

store = bootstrap()
st.title("Timeline")

moment = now()
pending = sorted(
    (
        (m, app)
        for app in store.list_applications(status="open")
        for m in plan(app, moment)
        if m.status != "done"
    ),
    key=lambda pair: pair[0].due,
)
if not pending:
    st.info(
        "Nothing pending. New interviews appear here with every step dated.",
        icon=":material/timeline:",
    )
    st.stop()
rows = [
    {
        "Due": m.due.strftime("%a %d %b %H:%M"),
        "Company": app.company,
        "Step": describe(app, m),
        "Status": m.status,
        "Rule": m.rule,
    }
    for m, app in pending
]
st.table(rows, hide_index=True, border="horizontal")
