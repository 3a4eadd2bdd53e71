"""Thank-you notes: for each person met, when the note is ideal, due and late."""

import streamlit as st

from lib.schedule import plan
from lib.ui_support import bootstrap, now

store = bootstrap()
st.title("Thank-you notes")

applications = store.list_applications(status="open")
if not applications:
    st.info("No open applications: nobody to thank yet.", icon=":material/mail:")
    st.stop()

moment = now()
for app in applications:
    st.subheader(f"{app.company}: {app.role}")
    rows = [
        {
            "Person": app.interviewer(m.interviewer_id).name,
            "Ideal": m.ideal.strftime("%a %d %b %H:%M") if m.ideal else "",
            "Due": m.due.strftime("%a %d %b %H:%M"),
            "Late after": m.late.strftime("%a %d %b") if m.late else "",
            "Status": m.status,
        }
        for m in plan(app, moment)
        if m.kind == "thank_you" and m.interviewer_id is not None
    ]
    st.table(rows, hide_index=True, border="horizontal")
