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
        label = f"{rule.title} :gray[:small[{rule.id}]]"  # the rule's code: a secondary mark
        with st.expander(label, expanded=rule.id == wanted):
            st.write(rule.explanation)
            st.markdown(f"**How the app applies it.** {rule.enforcement}")
            st.caption("Sources: " + "; ".join(SOURCES[name] for name in rule.sources))

st.header("Where the guides disagree", divider="gray")
st.table(
    [
        {
            "Question": disagreement.question,
            "What the guides say": "; ".join(
                f"{position} ({SOURCES[name]})" for name, position in disagreement.positions
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
            "Sources": "; ".join(SOURCES[name] for name in profile.sources),
        }
        for profile in PROFILES.values()
    ],
    hide_index=True,
    border="horizontal",
)
st.header("The guides", divider="gray")
st.markdown("\n".join(f"- {title}" for title in SOURCES.values()))
