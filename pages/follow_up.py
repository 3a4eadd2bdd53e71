"""Follow-up: when to follow up with each open application, and the contacts used so far."""

import streamlit as st

from lib.guidance import PROFILES
from lib.schedule import FOLLOW_UP_KINDS, describe, plan
from lib.ui_support import bootstrap, now

store = bootstrap()
st.title("Follow-up")

applications = store.list_applications(status="open")
if not applications:
    st.info("No open applications to follow up on.", icon=":material/schedule_send:")
    st.stop()

moment = now()
for app in applications:
    profile = PROFILES[app.profile]
    st.subheader(f"{app.company}: {app.role}")
    st.caption(f"{profile.name.capitalize()} profile: {profile.summary}")
    for m in plan(app, moment):
        if m.kind in ("follow_up", "move_on"):
            st.write(f"{describe(app, m)}: {m.start:%a %d %b} to {m.due:%a %d %b} ({m.status})")
    used = sum(1 for c in app.contacts if c.kind in FOLLOW_UP_KINDS)
    st.write(f"Follow-up contacts logged: {used}")
