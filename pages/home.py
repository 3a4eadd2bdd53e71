"""Home: the counts that matter, the open applications on a chart, each with its next step."""

import streamlit as st

from lib.charts import chart_height, timeline_chart, timeline_data
from lib.checklist import next_action
from lib.model import OPEN_STATUS
from lib.overview import plans, summary
from lib.text import escape_markdown
from lib.ui_support import bootstrap, browser_zone, now, page_link

store = bootstrap()
BADGES = {
    "overdue": ("Overdue", "red"),
    "due": ("Due", "orange"),
    "upcoming": ("Upcoming", "blue"),
    None: ("Nothing pending", "gray"),
}
URGENCY_ORDER = {"overdue": 0, "due": 1, "upcoming": 2, None: 3}
CHART_LIMIT = 10  # more open applications than this: a link to the timeline instead of a chart

st.title("Follow-Up Coach")
st.caption(
    "Everything after the interview: notes, thank-you notes, follow-ups, and when to move on."
)

everything = store.list_applications()
applications = [app for app in everything if app.status == OPEN_STATUS]
if not applications:
    st.info(
        "No open applications yet. Right after your next interview, write down who you met "
        "and what you talked about; the coach plans every step from there.",
        icon=":material/waving_hand:",
    )
    page_link("pages/notes.py", "Write your interview notes", ":material/edit_note:")
    st.stop()

moment = now()
zone = browser_zone()
planned = plans(everything, moment)  # once per application per run
counts = summary(everything, moment, zone, planned)
for column, (label, value, explanation) in zip(st.columns(4), counts.metrics(), strict=True):
    column.metric(label, value, help=explanation, border=True)
if len(applications) <= CHART_LIMIT:
    data = timeline_data(applications, moment, zone, planned)
    st.altair_chart(timeline_chart(data), width="stretch", height=chart_height(data))
    page_link("pages/timeline.py", "Open the timeline", ":material/timeline:")
else:
    page_link(
        "pages/timeline.py",
        f"See all {len(applications)} open applications on the timeline",
        ":material/timeline:",
    )

actions = sorted(
    ((app, next_action(app, moment, planned[app.id])) for app in applications),
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
