"""Playbook: every rule the coach follows, by stage, with the documents it comes from."""

import streamlit as st

from lib.guidance import DISAGREEMENTS, PROFILES, RULES, SOURCES, STAGES, rules_in_stage
from lib.ui_support import bootstrap

bootstrap()
st.title("Playbook")
st.caption(
    f"{len(RULES)} rules distilled from {len(SOURCES)} guides to interview follow-up. "
    "Open a rule for the reasoning, how the app applies it and where it comes from."
)
wanted = st.query_params.get("rule")

for stage, heading in STAGES.items():
    st.header(heading, divider="gray")
    for rule in rules_in_stage(stage):
        with st.expander(f"{rule.id} · {rule.title}", expanded=rule.id == wanted):
            st.write(rule.explanation)
            st.markdown(f"**How the app applies it.** {rule.enforcement}")
            st.caption(
                "Sources: " + "; ".join(f"{SOURCES[name]} ({name})" for name in rule.sources)
            )

st.header("Where the guides disagree", divider="gray")
st.table(
    [
        {
            "Question": disagreement.question,
            "What the guides say": "; ".join(
                f"{position} ({name[:3]})" for name, position in disagreement.positions
            ),
            "What the app does": disagreement.app_default,
        }
        for disagreement in DISAGREEMENTS
    ],
    hide_index=True,
    border="horizontal",
)

st.header("Follow-up profiles", divider="gray")
st.table(
    [
        {
            "Profile": profile.name.capitalize(),
            "Follow-ups after the thank-you": profile.follow_ups,
            "When": profile.summary,
            "Sources": ", ".join(name[:3] for name in profile.sources),
        }
        for profile in PROFILES.values()
    ],
    hide_index=True,
    border="horizontal",
)
st.caption("Sources by number: " + "; ".join(f"{n[:3]}: {t}" for n, t in SOURCES.items()))
