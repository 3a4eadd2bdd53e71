"""Playbook: every rule the coach follows, by stage, with the documents it comes from."""

import streamlit as st

from lib.guidance import SOURCES, STAGES, rules_in_stage
from lib.ui_support import bootstrap

bootstrap()
st.title("Playbook")

for stage, heading in STAGES.items():
    st.header(heading)
    for rule in rules_in_stage(stage):
        with st.expander(f"{rule.id} · {rule.title}"):
            st.write(rule.explanation)
            st.caption("How the app applies it: " + rule.enforcement)
            st.caption(
                "Sources: " + "; ".join(f"{SOURCES[name]} ({name})" for name in rule.sources)
            )
