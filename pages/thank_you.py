"""Thank-you notes: one draft per person, written, checked, edited, sent and logged."""

import streamlit as st

from lib.checklist import thank_you_timing
from lib.text import escape_markdown
from lib.ui_draft_editor import draft_editor, load_draft
from lib.ui_support import (
    bootstrap,
    browser_zone,
    choose_writer,
    now,
    page_link,
    pick_application,
)
from lib.ui_timezone import zone_note

store = bootstrap()
st.title("Thank-you notes")
st.caption("One note for each person you met, each different, sent within a day (T2, T3, T4).")

picked = pick_application(store, "thanks_app", status="open")
if picked is None:
    st.info("No open applications: nobody to thank yet.", icon=":material/mail:")
    page_link("pages/notes.py", "Write your interview notes", ":material/edit_note:")
    st.stop()
app = store.get(picked)
sender = store.get_sender()
if not sender.name:
    st.warning("Add your name in Settings so that every note is signed.", icon=":material/badge:")
    page_link("pages/settings.py", "Open Settings", ":material/settings:")

settings = choose_writer("thanks_writer")

status, timing = thank_you_timing(app, now(), browser_zone())
show = {"overdue": st.error, "due": st.warning}.get(status, st.info)
zone_note(app.timezone, now(), shown_in="browser")  # the deadlines below are in the browser's
texts = {person.id: load_draft(store, "thank_you", app, person) for person in app.interviewers}
for person in app.interviewers:
    with st.container(border=True):
        title = f" · {escape_markdown(person.title)}" if person.title else ""
        st.subheader(f"{escape_markdown(person.name)}{title}")
        sent = [c for c in app.contacts_with(person.id) if c.kind == "thank_you"]
        if sent:
            st.success(
                f"Sent on {sent[0].at.astimezone(browser_zone()):%A %d %B at %H:%M}. One "
                "thank-you per person (T15).",
                icon=":material/mark_email_read:",
            )
            with st.expander("What was sent"):
                st.text(sent[0].body)
            continue
        show(timing, icon=":material/schedule:")
        others = [text for pid, text in texts.items() if pid != person.id]
        draft_editor(store, app, person, sender, "thank_you", settings, others)
