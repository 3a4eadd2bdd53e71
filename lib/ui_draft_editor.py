"""The draft editor shared by the thank-you and follow-up pages: write, stream, edit, restore.

One person's draft lives in a text area keyed by ``draft_key`` and is saved whenever it
changes; every change of text is also a version (lib/store.py keeps the last 20), listed under
"Earlier versions" with a one-click restore, so nothing the user wrote is lost: a new draft
written over an edit says where the edit is, and a stream cut halfway never replaces the saved
draft (its partial text is offered to keep or discard). Checking a draft and the ways to send
it are in lib/ui_draft_send.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from pydantic import ValidationError

from lib import llm, ui_support
from lib.compose import compose_note
from lib.model import Application, Draft, DraftKind, DraftSource, Interviewer, Sender
from lib.model_errors import describe_errors
from lib.review import review
from lib.store import Store
from lib.text import escape_markdown
from lib.ui_draft_send import channel_switch, send_actions, show_findings
from lib.ui_draft_writer import write_with_llm
from lib.ui_support import browser_zone, flash

SOURCE_LABELS: dict[DraftSource, str] = {
    "typed": "typed by you",
    "offline": "the offline composer",
    "llm": "the LLM",
    "restored": "restored",
    "partial": "kept from a cut answer",
    "saved": "saved before versions were kept",
}
WRITTEN_FOR_YOU: frozenset[DraftSource] = frozenset({"offline", "llm"})
PARTIAL_HEIGHT = 240  # pixels: a long broken-off answer scrolls rather than fill the page
PREVIEW_WORDS = 8  # words shown from each end of a version: where drafts differ most
Notes = list[tuple[str, str]]  # (message, st function name), shown once above the draft


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
    """Write, stream, edit, restore, check and send one person's draft; it is saved as it
    changes.

    ``settings`` is the LLM to write with (None: the offline composer); ``others`` are the
    texts this one must differ from (T4); a follow-up is also checked against ``thank_you``.
    """
    key = draft_key(kind, app, person)
    load_draft(store, kind, app, person)
    if (restoring := st.session_state.pop(f"{key}_restore", None)) is not None:
        _put(store, app, person, kind, restoring, "restored")
        st.toast("An earlier version is back in the editor.", icon=":material/restore:")
    channel_switch(store, app, person, key)
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
    _offer_partial(store, app, person, kind)
    _offer_previous(store, app, person, kind)
    text = st.text_area(
        "Draft",
        key=key,
        height=320,
        placeholder="Write a draft, or type your own note here.",
    )
    _save_if_changed(store, app, person, kind, text)
    _show_versions(store, app, person, kind, text)
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
    """Write a new draft (streaming the LLM's, or composing offline) into the text area.

    A failed or refused LLM answer leaves the text area and the saved draft as they were.
    """
    key = draft_key(kind, app, person)
    st.session_state.pop(f"{key}_partial", None)
    if settings is None:
        text = compose_note(app, person, sender, kind, others, thank_you)
        _replace(store, app, person, kind, text, "offline")
        return
    written = write_with_llm(settings, app, person, sender, kind, others, thank_you)
    if written.partial is not None:
        st.session_state[f"{key}_partial"] = written.partial
    if written.text is not None:
        _replace(store, app, person, kind, written.text, "llm")
    st.session_state[f"{key}_notes"] = written.notes


def _replace(
    store: Store,
    app: Application,
    person: Interviewer,
    kind: DraftKind,
    text: str,
    source: DraftSource,
) -> None:
    """Put a newly written text in the editor; when it replaces another text, remember that
    one so the editor can offer it back (it is among the versions already)."""
    key = draft_key(kind, app, person)
    before = st.session_state.get(key, "")
    if before.strip() and before != text:
        newest = next(iter(store.draft_versions(app.id, person.id, kind)), None)
        written = newest is not None and newest.text == before
        edited = not (written and newest.source in WRITTEN_FOR_YOU)
        st.session_state[f"{key}_previous"] = (before, text, edited)
    _put(store, app, person, kind, text, source)


def _put(
    store: Store,
    app: Application,
    person: Interviewer,
    kind: DraftKind,
    text: str,
    source: DraftSource,
) -> None:
    """Set the text area's text (before it is drawn in this run) and save it."""
    st.session_state[draft_key(kind, app, person)] = text
    _save_if_changed(store, app, person, kind, text, source)


def _offer_partial(store: Store, app: Application, person: Interviewer, kind: DraftKind) -> None:
    """Show the text of a cut stream (plain text), to keep as the draft or discard."""
    key = draft_key(kind, app, person)
    pending = st.session_state.get(f"{key}_partial")
    if pending is None:
        return
    partial, message = pending
    st.error(
        f"{escape_markdown(message)} Your draft below is unchanged.", icon=":material/content_cut:"
    )
    with st.container(border=True):
        st.caption("What arrived before it stopped")
        with st.container(height=PARTIAL_HEIGHT, border=False):
            st.text(partial)
        with st.container(horizontal=True):
            keep = st.button(
                "Keep this partial text", key=f"{key}_keep_partial", icon=":material/save:"
            )
            discard = st.button("Discard it", key=f"{key}_discard_partial", icon=":material/close:")
    if keep or discard:
        st.session_state.pop(f"{key}_partial")
    if keep:
        _replace(store, app, person, kind, partial, "partial")
    if keep or discard:
        st.rerun()  # draw the editor again without this panel


def _offer_previous(store: Store, app: Application, person: Interviewer, kind: DraftKind) -> None:
    """After a new draft replaced another text, say where that text is, with a Restore button;
    shown until the new draft is edited or the old text restored."""
    key = draft_key(kind, app, person)
    pending = st.session_state.get(f"{key}_previous")
    if pending is None:
        return
    before, written, edited = pending
    if st.session_state.get(key) != written:
        st.session_state.pop(f"{key}_previous")
        return
    what = "Your edited draft" if edited else "The previous draft"
    with st.container(horizontal=True, vertical_alignment="center"):
        st.info(
            f"{what} is kept under Earlier versions: restore it in one click.",
            icon=":material/history:",
            width="stretch",
        )
        restore = st.button("Restore", key=f"{key}_undo", icon=":material/undo:")
    if restore:
        st.session_state.pop(f"{key}_previous")
        _put(store, app, person, kind, before, "restored")
        flash(f"{what} is back in the editor.", ":material/restore:")
        st.rerun()


def _show_versions(
    store: Store, app: Application, person: Interviewer, kind: DraftKind, text: str
) -> None:
    """List the draft's kept versions (newest first), each with a one-click Restore."""
    versions = store.draft_versions(app.id, person.id, kind)
    if not versions:
        return
    key = draft_key(kind, app, person)
    zone = browser_zone()
    with st.expander("Earlier versions", icon=":material/history:"):
        st.caption(
            "The last versions of this draft. Restoring one keeps the others, the one in the "
            "editor included."
        )
        for version in versions:
            preview = _preview(version.text)
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(
                    f"**{version.at.astimezone(zone):%a %d %b, %H:%M}** · "
                    f"{SOURCE_LABELS[version.source]}  \n"
                    f":gray[{escape_markdown(preview) if preview else '(empty)'}]",
                    width="stretch",
                )
                if version.text == text:
                    st.caption("In the editor", width="content")
                elif st.button(
                    "Restore",
                    key=f"{key}_restore_{version.id}",
                    icon=":material/restore:",
                    type="tertiary",
                ):
                    st.session_state[f"{key}_restore"] = version.text
                    st.rerun()


def _preview(text: str) -> str:
    """Return a version's first and last few words ("Subject: Thank you … P.S. Good luck")."""
    words = text.split()
    if len(words) <= 2 * PREVIEW_WORDS:
        return " ".join(words)
    return f"{' '.join(words[:PREVIEW_WORDS])} … {' '.join(words[-PREVIEW_WORDS:])}"


def _save_if_changed(
    store: Store,
    app: Application,
    person: Interviewer,
    kind: DraftKind,
    text: str,
    source: DraftSource = "typed",
) -> None:
    """Save the draft when it differs from the saved one, so nothing typed is ever lost."""
    saved = store.get_draft(app.id, person.id, kind)
    if (saved.text if saved else "") == text:
        return
    try:
        draft = Draft(
            application_id=app.id,
            interviewer_id=person.id,
            kind=kind,
            text=text,
            updated_at=ui_support.now(),
        )
    except ValidationError as error:  # too long to save: say so, keep the text in the box
        st.error(escape_markdown(" ".join(describe_errors(error))), icon=":material/error:")
        return
    store.save_draft(draft, source=source)
