"""Interview notes: the applications on record and the people met at each."""

import streamlit as st

from lib.ui_support import bootstrap

store = bootstrap()
st.title("Interview notes")

applications = store.list_applications()
if not applications:
    st.info("No interviews on record yet.", icon=":material/edit_note:")
    st.stop()

for app in applications:
    with st.expander(f"{app.company}: {app.role}", icon=":material/work:"):
        st.write(f"Interview: {app.interview_at:%A %d %B %Y, %H:%M} ({app.timezone})")
        st.write(f"Status: {app.status.replace('_', ' ')}")
        for person in app.interviewers:
            st.write(f"- {person.name}, {person.title or 'title not noted'}")
