"""The draft editor shared by the thank-you and follow-up pages: write, stream, edit, save.

One person's draft lives in a text area keyed by ``draft_key``; it is saved whenever it
changes. Checking it and the ways to send it are in lib/ui_draft_send.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from pydantic import ValidationError

from lib import drafting, llm
from lib.compose import compose_follow_up, compose_thank_you
from lib.model import Application, Draft, DraftKind, Interviewer, Sender, describe_errors
from lib.review import review
from lib.store import Store
from lib.text import escape_markdown
from lib.ui_draft_send import send_actions, show_findings
from lib.ui_support import count_llm_use, now


def draft_key(kind: DraftKind, app: Application, person: Interviewer) -> str:
    """Session key of the text area holding one person's draft."""
    return f"draft_{kind}_{app.id}_{person.id}"


def load_draft(store: Store, kind: DraftKind, app: Application, person: Interviewer) -> str:
    """Return the draft's current text: as being edited in this session, else as saved."""
    key = draft_key(kind, app, person)
    if key not in st.session_state:
        saved = store.get_draft(app.id, person.id, kind)
        st.session_state[key] = saved.text if saved else ""
    return st.session_state[key]


def draft_editor(
    store: Store,
    app: Application,
    person: Interviewer,
    sender: Sender,
    kind: DraftKind,
    settings: llm.LLMSettings | None,
    others: Sequence[str],
    thank_you: str = "",
) -> None:
    """Write, stream, edit, check and send one person's draft; it is saved as it changes.

    ``settings`` is the LLM to write with (None: the offline composer); ``others`` are the
    texts this one must differ from (T4); a follow-up is also checked against ``thank_you``.
    """
    key = draft_key(kind, app, person)
    load_draft(store, kind, app, person)
    write, offline = st.columns(2)
    label = "Write with the LLM" if settings else "Write a draft"
    if write.button(label, key=f"{key}_write", icon=":material/edit:", type="primary"):
        _write(store, app, person, sender, kind, settings, others, thank_you)
    if settings and offline.button(
        "Write offline instead", key=f"{key}_offline", icon=":material/offline_bolt:"
    ):
        _write(store, app, person, sender, kind, None, others, thank_you)
    for message, show in st.session_state.pop(f"{key}_notes", []):
        getattr(st, show)(escape_markdown(message), icon=":material/info:")
    text = st.text_area(
        "Draft",
        key=key,
        height=320,
        placeholder="Write a draft, or type your own note here.",
    )
    _save_if_changed(store, app, person, kind, text)
    if not text.strip():
        return
    compared = [*others, thank_you] if thank_you else list(others)
    findings = review(text, app, person, compared, sender.name, kind)
    show_findings(findings)
    send_actions(store, app, person, sender, kind, text, findings, key)


def _write(
    store: Store,
    app: Application,
    person: Interviewer,
    sender: Sender,
    kind: DraftKind,
    settings: llm.LLMSettings | None,
    others: Sequence[str],
    thank_you: str,
) -> None:
    """Write a new draft (streaming the LLM's, or composing offline) into the text area."""
    key = draft_key(kind, app, person)
    notes: list[tuple[str, str]] = []
    if settings is None:
        compose = compose_follow_up if kind == "follow_up" else compose_thank_you
        text = compose(app, person, sender)
    else:
        messages = drafting.messages_for(app, person, sender, others, kind, thank_you)
        shown = st.empty()
        try:
            with shown.container(border=True):
                streamed = st.write_stream(llm.stream_chat(settings, messages))
            text = streamed if isinstance(streamed, str) else "".join(map(str, streamed))
        except llm.LLMError as error:
            kept = error.partial or st.session_state.get(key, "")
            st.session_state[key] = kept
            _save_if_changed(store, app, person, kind, kept)
            what = "What arrived before it stopped is kept below. " if error.partial else ""
            notes.append((f"{error.message} {what}", "error"))
            st.session_state[f"{key}_notes"] = notes
            shown.empty()
            return
        shown.empty()
        compared = [*others, thank_you] if thank_you else list(others)
        with st.spinner("Checking the draft against the playbook…"):
            checked = drafting.repair(settings, messages, text, app, person, compared, sender, kind)
        text = checked.text
        count_llm_use(messages, text, calls=2 if checked.revised or checked.revision_error else 1)
        if checked.revised:
            notes.append(("The first draft had errors; it was revised once to fix them.", "info"))
        if checked.revision_error:
            notes.append((f"The automatic revision failed: {checked.revision_error}", "warning"))
    st.session_state[key] = text
    st.session_state[f"{key}_notes"] = notes
    _save_if_changed(store, app, person, kind, text)


def _save_if_changed(
    store: Store, app: Application, person: Interviewer, kind: DraftKind, text: str
) -> None:
    """Save the draft when it differs from the saved one, so nothing typed is ever lost."""
    saved = store.get_draft(app.id, person.id, kind)
    if (saved.text if saved else "") == text:
        return
    try:
        draft = Draft(
            application_id=app.id, interviewer_id=person.id, kind=kind, text=text, updated_at=now()
        )
    except ValidationError as error:  # too long to save: say so, keep the text in the box
        st.error(escape_markdown(" ".join(describe_errors(error))), icon=":material/error:")
        return
    store.save_draft(draft)
