"""Deleting everything (Settings): on a computer or in the demo, all the data; when hosted, the
account with all its data, and the person is signed out, everywhere (a sign-in from before the
deletion is refused, lib/ui_account.py).

The confirmation is a dialog that asks for a typed word, and stays open on every run until it
is answered, so that its buttons always count.
"""

from __future__ import annotations

import streamlit as st

from lib import ui_support
from lib.store import Store, StoreError
from lib.text import escape_markdown, plural
from lib.ui_support import flash

CONFIRMING_KEY = "settings_confirm_delete"
RELOAD_KEY = "settings_reload"  # Settings' forms show what is stored now


def delete_section(store: Store, hosted: bool) -> None:
    """Draw the section that deletes everything, and its confirmation when asked for."""
    st.subheader("Delete your account and everything in it" if hosted else "Delete everything")
    st.caption(
        "Removes every application, contact, draft, your details and your defaults"
        + (
            ", then signs you out on every device. Signing in again starts an empty account."
            if hosted
            else "."
        )
        + " The LLM settings of this visit are not data and stay until you forget them."
    )
    if st.button("Delete everything…", key="settings_delete", icon=":material/delete_forever:"):
        st.session_state[CONFIRMING_KEY] = True
    if st.session_state.get(CONFIRMING_KEY):
        _confirm(store, hosted)


def _stop_confirming() -> None:
    """Close the confirmation without deleting."""
    st.session_state.pop(CONFIRMING_KEY, None)


@st.dialog("Delete everything?", on_dismiss=_stop_confirming)
def _confirm(store: Store, hosted: bool) -> None:
    """Ask, with a typed word, before deleting all the data (and, hosted, the account)."""
    try:
        applications, drafts = len(store.list_applications()), len(store.list_drafts())
    except StoreError as error:
        st.error(escape_markdown(str(error)), icon=":material/database:")
        return
    what = f"{plural(applications, 'application')} with their contacts"
    account = " with your account" if hosted else ""
    st.write(
        f"{what[0].upper()}{what[1:]}, {plural(drafts, 'saved draft')}, your details and your "
        f"defaults will be deleted for good{account}. There is no undo: export everything "
        "first if you may want it back."
    )
    typed = st.text_input('Type "delete" to confirm', key="settings_delete_typed")
    left, right = st.columns(2)
    if left.button(
        "Delete everything",
        type="primary",
        icon=":material/delete_forever:",
        key="settings_delete_yes",
        width="stretch",
    ):
        if typed.strip().casefold() != "delete":
            st.error('Type "delete" in the box first, or keep your data.', icon=":material/error:")
            return
        try:
            if hosted:
                store.delete_account(ui_support.now())  # read when called: tests set the clock
            else:
                store.delete_everything()
        except StoreError as error:
            st.error(escape_markdown(str(error)), icon=":material/database:")
            return
        _stop_confirming()
        if hosted:  # the account went with its data: this browser signs out too
            st.logout()
        st.session_state["selected_application_id"] = None
        st.session_state[RELOAD_KEY] = True
        flash("Deleted everything.", ":material/delete_forever:")
        st.rerun()
    if right.button("Keep my data", key="settings_delete_no", width="stretch"):
        _stop_confirming()
        st.rerun()
