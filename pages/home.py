"""Home: the open applications and what to do next for each."""

import streamlit as st

from lib.schedule import describe, next_step, plan
from lib.ui_support import bootstrap, now

store = bootstrap()
st.title("Follow-Up Coach")
st.caption(
    "Everything after the interview: notes, thank-you notes, follow-ups, and when to move on."
)

applications = store.list_applications(status="open")
if not applications:
    st.info(
        "No open applications yet. Right after your next interview, write down who you met "
        "and what you talked about; the coach plans every step from there.",
        icon=":material/waving_hand:",
    )
    st.page_link("pages/notes.py", label="Write your interview notes", icon=":material/edit_note:")
    st.stop()

moment = now()
rows = []
for app in applications:
    step = next_step(plan(app, moment))
    rows.append(
        {
            "Company": app.company,
            "Role": app.role,
            "Next step": describe(app, step) if step else "Nothing pending",
            "By": f"{step.due:%a %d %b %H:%M} ({step.status})" if step else "",
        }
    )
st.table(rows, hide_index=True, border="horizontal")
