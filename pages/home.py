"""Home: the open applications, each with the one thing to do next."""

import streamlit as st

from lib.checklist import next_action
from lib.text import escape_markdown
from lib.ui_support import bootstrap, now, page_link

store = bootstrap()
BADGES = {
    "overdue": ("Overdue", "red"),
    "due": ("Due", "orange"),
    "upcoming": ("Upcoming", "blue"),
    None: ("Nothing pending", "gray"),
}
URGENCY_ORDER = {"overdue": 0, "due": 1, "upcoming": 2, None: 3}

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
    page_link("pages/notes.py", "Write your interview notes", ":material/edit_note:")
    st.stop()

moment = now()
actions = sorted(
    ((app, next_action(app, moment)) for app in applications),
    key=lambda pair: URGENCY_ORDER[pair[1].urgency],
)
for app, action in actions:
    with st.container(border=True):
        label, colour = BADGES[action.urgency]
        st.badge(label, color=colour)
        st.subheader(f"{escape_markdown(app.company)}: {escape_markdown(app.role)}")
        st.write(escape_markdown(action.text))
        page_link("pages/checklist.py", "Checklist", ":material/checklist:", app.id)
page_link("pages/notes.py", "Add another interview", ":material/add:")
