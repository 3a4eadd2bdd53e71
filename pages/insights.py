"""Insights: what the job search is teaching, over every application, open and closed: thank-yous
on time, replies, outcomes, the follow-up budget and the people kept (lib/insights.py)."""

import streamlit as st

from lib.guidance import CULTURES
from lib.insights import CULTURE_LABELS, TOO_FEW, date_range, headline, interview_day, select
from lib.text import plural
from lib.ui_insights import kept_charts, kept_insights, show_figure
from lib.ui_plans import planned
from lib.ui_support import bootstrap, page_link

store = bootstrap()

st.title("Insights")
st.caption(
    "What your job search is teaching you, over every application, open and closed. "
    "Each figure says what it means and which rule of the playbook it is about."
)

view = planned(store)  # read and planned again only when something changed (or says why not)
everything = view.applications
if not everything:
    st.info(
        "Nothing to learn from yet. The figures here fill up from what you log: after each "
        "interview, write down who you met; mark each thank-you as sent on the day you send "
        "it; log every follow-up you make and every reply, invitation or decision from them "
        "on the Follow-up page; and record how it ended. From "
        f"{TOO_FEW} applications on, the numbers start to say something about how you follow "
        "up.",
        icon=":material/insights:",
    )
    page_link("pages/notes.py", "Write your interview notes", ":material/edit_note:")
    st.stop()

days = [interview_day(app) for app in everything]
span = (min(days), max(days))
# the range starts over when an interview was added or deleted since, or on a new visit (a
# widget's value goes when its page is left)
if st.session_state.get("insights_span") != span or "insights_dates" not in st.session_state:
    st.session_state["insights_span"] = span
    st.session_state["insights_dates"] = span
dates_column, cultures_column = st.columns(2)
picked = dates_column.date_input(
    "Interviews from and to",
    key="insights_dates",
    help="The interview day, in each application's own timezone.",
)
start, end = date_range(picked)  # half a range while the second day is being picked
cultures = cultures_column.multiselect(
    "Office culture",
    list(CULTURES),
    default=list(CULTURES),
    format_func=CULTURE_LABELS.__getitem__,
    key="insights_cultures",
    placeholder="Choose one or more cultures",
)
if not cultures:
    st.info("Choose at least one office culture to see figures.", icon=":material/filter_alt:")
    st.stop()
selected = select(everything, start, end, cultures)
if not selected:
    st.info(
        "No interview in these dates and cultures. Widen the dates or choose more cultures.",
        icon=":material/filter_alt:",
    )
    st.stop()

found = kept_insights(view, selected)
line = headline(found)
st.markdown(f"**{plural(len(selected), 'application')}**" + (f" · {line}" if line else ""))
if found.too_few:
    st.warning(
        f"Only {plural(len(selected), 'application')}: too few to read anything into. The "
        f"figures below show what you logged, but a pattern needs at least {TOO_FEW} "
        "applications; one reply more or less changes every rate.",
        icon=":material/hourglass_empty:",
    )

charts = kept_charts(found)  # built once for these figures
NOBODY = "Nobody on these panels yet: add the people you met to your interview notes."
show_figure("thank_yous", charts["thank_yous"], found.thank_yous.table(), NOBODY)
show_figure(
    "replies",
    charts["replies"],
    found.replies.table(),
    "No thank-you, follow-up or call logged yet: mark your notes as sent, and log their "
    "replies on the Follow-up page.",
)
show_figure("outcomes", charts["outcomes"], found.outcomes.table(), "")
show_figure("budget", charts["budget"], found.budget.table(), NOBODY)
show_figure("people", charts["people"], found.people.table(), NOBODY)
page_link("pages/timeline.py", "What to do next: the timeline", ":material/timeline:")
