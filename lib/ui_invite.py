"""The notes page's "Start from a calendar invitation": an invitation file fills the form.

The user uploads the invitation (.ics) or the e-mail that carried it (.eml). ``lib.invite``
reads it; ``lib.capture.with_invitation`` puts the company, role, moment, timezone and people
into the form without overwriting anything typed, and every field it filled is marked until
the user changes it. Nothing is saved until Save; a file that is not an invitation, or a
cancelled one, is refused with its reason and the form stays as it was.
"""

from __future__ import annotations

import streamlit as st

from lib.capture import with_invitation
from lib.invite import read_invite
from lib.text import escape_markdown, plural
from lib.ui_notes_form import load, read, remember_filled

UPLOAD_KEY = "notes_invitation_file"
OUTCOME_KEY = "notes_invitation_outcome"  # (kind, message) of the last file read
OUTCOMES = {
    "error": (st.error, ":material/event_busy:"),
    "info": (st.info, ":material/event_note:"),
    "success": (st.success, ":material/event_available:"),
}


def invitation_import(me: str) -> None:
    """Offer to fill the form from an invitation; ``me`` is the user's own email (left out)."""
    with st.expander(
        "Start from a calendar invitation",
        icon=":material/event_upcoming:",
        expanded=OUTCOME_KEY in st.session_state,
    ):
        st.caption(
            "Upload the interview's invitation (.ics), or the invitation e-mail itself (.eml, "
            "from your mail program's Save as or Download). The company, role, time and people "
            "fill the form as the company spells them; fields you already typed stay. Nothing "
            "is saved until you press Save."
        )
        st.file_uploader(
            "Invitation file",
            key=UPLOAD_KEY,
            on_change=_fill_from_upload,
            args=(me,),
            help="Any calendar's invitation: Google, Outlook, Apple, Zoom, Teams, or a "
            "scheduling tool's (Greenhouse, Lever, Ashby, GoodTime).",
        )
        if outcome := st.session_state.get(OUTCOME_KEY):
            kind, message = outcome
            show, icon = OUTCOMES[kind]
            show(message, icon=icon)


def _fill_from_upload(me: str) -> None:
    """Read the uploaded invitation into the form's widgets (a callback: before they draw)."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded is None:
        st.session_state.pop(OUTCOME_KEY, None)
        return
    name = escape_markdown(uploaded.name)
    try:
        invitation = read_invite(uploaded.getvalue(), me or None)
    except ValueError as problem:
        st.session_state[OUTCOME_KEY] = (
            "error",
            f"Nothing was filled from {name}. {escape_markdown(str(problem))}",
        )
        return
    filled = with_invitation(read(), invitation)
    load(filled.form)
    remember_filled(filled.fields, "invitation")
    people = sum(1 for path in filled.fields if path.endswith(":name"))
    if filled.fields:
        kind, said = (
            "success",
            [
                f"Filled {plural(len(filled.fields), 'field')} from {name}, marked below"
                + (f", with {plural(people, 'person', 'people')}" if people else "")
                + ". Check them, then add your notes."
            ],
        )
    else:
        kind, said = "info", [f"{name} holds nothing the form does not have already."]
    if people and not me:
        said.append(
            "If you are among the people, remove yourself; put your email in Settings and the "
            "coach leaves you out next time."
        )
    said += [escape_markdown(note) for note in filled.notes]
    st.session_state[OUTCOME_KEY] = (kind, " ".join(said))
