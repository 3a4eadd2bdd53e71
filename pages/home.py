"""Home: what to do now first (each open application with its next step, soonest first), then
the counts in one row, then the chart."""

import streamlit as st

from lib.insights import headline
from lib.model import OPEN_STATUS
from lib.overview import PAGES, STEP_LINKS, by_application
from lib.text import escape_markdown, plural
from lib.ui_insights import kept_insights
from lib.ui_plans import planned
from lib.ui_support import bootstrap, browser_zone, page_link, show_counts

store = bootstrap()
BADGES = {
    "overdue": ("Overdue", "red"),
    "due": ("Due", "orange"),
    "upcoming": ("Upcoming", "blue"),
    None: ("Nothing pending", "gray"),
}
CHART_LIMIT = 10  # more open applications than this: a link to the timeline instead of a chart
CARD_LIMIT = 10  # the most pressing applications shown as cards; the rest are on the timeline

st.title("Follow-Up Coach")
st.caption(
    "Everything after the interview: notes, thank-you notes, follow-ups, and when to move on."
)

view = planned(store)  # read and planned again only when something changed
everything = view.applications
applications = [app for app in everything if app.status == OPEN_STATUS]
if not applications:
    st.info(
        "No open applications yet. Right after your next interview, write down who you met "
        "and what you talked about; the coach plans every step from there.",
        icon=":material/waving_hand:",
    )
    page_link("pages/notes.py", "Write your interview notes", ":material/edit_note:")
    st.stop()

zone = browser_zone()
rows = view.next_actions(applications, zone)
soonest = {app_id: place for place, app_id in enumerate(by_application(rows))}
ranked = sorted(applications, key=lambda app: soonest.get(app.id, len(soonest)))

# What to do now comes first (on a phone too), then the counts in one row, then the chart.
for app in ranked[:CARD_LIMIT]:
    action = view.next_action(app, zone)
    with st.container(border=True):
        label, colour = BADGES[action.urgency]
        st.badge(label, color=colour)
        st.subheader(f"{escape_markdown(app.company)}: {escape_markdown(app.role)}")
        st.write(escape_markdown(action.text))
        with st.container(horizontal=True):
            if action.kind in STEP_LINKS:
                page_link(PAGES[action.kind], *STEP_LINKS[action.kind], app.id)
            page_link("pages/checklist.py", "Checklist", ":material/checklist:", app.id)
if len(ranked) > CARD_LIMIT:
    more = plural(len(ranked) - CARD_LIMIT, "more open application")
    st.caption(f"{more}, each with its next step, on the timeline.")
page_link("pages/notes.py", "Add another interview", ":material/add:")

show_counts(view.summary(everything, zone))
if line := headline(kept_insights(view, everything)):
    page_link("pages/insights.py", f"Insights: {line}", ":material/insights:")
if len(applications) <= CHART_LIMIT:
    chart = view.chart(applications, zone, CHART_LIMIT)
    st.vega_lite_chart(spec=chart.spec, width="stretch", height=chart.height)
    page_link("pages/timeline.py", "Open the timeline", ":material/timeline:")
else:
    page_link(
        "pages/timeline.py",
        f"See all {len(applications)} open applications on the timeline",
        ":material/timeline:",
    )
