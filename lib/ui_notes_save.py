"""Saving the notes page's form, and what saving may ask first: a far interview date to
confirm, the fields another tab changed meanwhile, and whether to delete for good.

Whatever is asked, everything typed stays in the form until it is saved or the user leaves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from lib import ui_support
from lib.model import Application
from lib.notes_form import (
    GENERAL_FIELD,
    Conflict,
    NotesForm,
    Side,
    build_application,
    date_question,
    form_from_application,
    merge_forms,
)
from lib.store import ConflictError, Store, StoreError
from lib.text import escape_markdown, plural
from lib.ui_notes_form import read
from lib.ui_support import NEW_APPLICATION, flash


@dataclass(frozen=True)
class OnRecord:
    """What the form edits: a stored application at a revision, or (None, None) a new one."""

    store: Store
    application: Application | None
    revision: int | None


def stop_confirming() -> None:
    """Close the delete confirmation without deleting."""
    st.session_state.pop("notes_confirm_delete", None)


def save(record: OnRecord, mine: NotesForm, prefer: Side | None = None) -> None:
    """Save the form, combined with any save made elsewhere since it was opened; show the page.

    Fields changed both here and there stop the save and are listed, unless ``prefer`` says
    whose version of them to keep. An interview date far from today is asked about first.
    """
    state = st.session_state
    store, editing, revision = record.store, record.application, record.revision
    opened, opened_revision = state["notes_opened"]
    question = date_question(mine, opened, ui_support.now())  # read at call time: tests stop it
    if question and state.get("notes_date_confirmed") != mine.interview_date:
        state["notes_date_question"] = (mine.interview_date, question)  # asked by the Save button
        st.rerun()
    state.pop("notes_date_question", None)
    form, taken = mine, ()
    if editing is not None and revision != opened_revision:
        theirs = form_from_application(editing)
        merged = merge_forms(opened, mine, theirs, prefer or "mine")
        if merged.conflicts and prefer is None:
            state["notes_conflicts"] = merged.conflicts
            st.rerun()
        form, taken = merged.form, merged.taken
    state.pop("notes_conflicts", None)
    result = build_application(form, editing)
    state["notes_errors"] = result.errors
    if result.application is None:
        if form is not mine:  # show the combined form, their version now the one opened
            state["notes_combined"] = form
            state["notes_opened"] = (theirs, revision)
        st.rerun()
    try:
        stored = (
            store.update(result.application, revision)
            if editing
            else store.create(result.application)
        )
    except ConflictError:
        state["notes_errors"] = {
            GENERAL_FIELD: [
                "It was saved elsewhere again just now. Press Save once more: your changes will "
                "be combined with that version."
            ]
        }
        st.rerun()
    except StoreError as error:  # e.g. deleted in another tab meanwhile
        state["notes_errors"] = {GENERAL_FIELD: [str(error)]}
        st.rerun()
    state["notes_pending_pick"] = stored.id
    state["notes_loaded"] = None  # show what was stored, trimmed and normalised
    state["notes_saved"] = stored.id
    kept = f" Kept from the other version: {', '.join(taken)}." if taken else ""
    flash(escape_markdown(f"Saved {stored.company}.{kept}"), ":material/save:")
    st.rerun()


def ask_about_the_date(record: OnRecord, day: date, question: str) -> None:
    """Ask whether a far interview date is right before saving it; everything typed stays."""
    with st.container(border=True):
        st.warning(
            f"{question} Nothing is saved yet; everything you typed is still here.",
            icon=":material/event:",
        )
        yes, change = st.columns(2)
        if yes.button(
            "Yes, save with this date",
            type="primary",
            icon=":material/save:",
            width="stretch",
            key="notes_date_yes",
        ):
            st.session_state["notes_date_confirmed"] = day
            save(record, read())
        if change.button(
            "No, I'll change it", icon=":material/edit_calendar:", width="stretch",
            key="notes_date_no",
        ):  # fmt: skip
            st.session_state.pop("notes_date_question", None)
            st.rerun()


def show_conflicts(record: OnRecord, conflicts: tuple[Conflict, ...]) -> None:
    """List the fields changed both here and elsewhere, and ask whose version to keep."""
    with st.container(border=True):
        st.warning(
            "This interview was saved elsewhere (another tab or window) while you were editing, "
            f"and {plural(len(conflicts), 'field')} changed in both places. Nothing is saved "
            "yet; everything you typed is still here.",
            icon=":material/sync_problem:",
        )
        st.table(
            {
                "Field": [escape_markdown(conflict.label) for conflict in conflicts],
                "Yours": [escape_markdown(conflict.mine) for conflict in conflicts],
                "Saved elsewhere": [escape_markdown(conflict.theirs) for conflict in conflicts],
            }
        )
        st.caption("Every other change, yours and theirs, is kept either way.")
        mine, theirs = st.columns(2)
        if mine.button("Save, keeping yours", icon=":material/save:", width="stretch"):
            save(record, read(), "mine")
        if theirs.button("Save, keeping theirs", icon=":material/save_as:", width="stretch"):
            save(record, read(), "theirs")


@st.dialog("Delete this application?", on_dismiss=stop_confirming)
def confirm_delete(store: Store, app: Application) -> None:
    """Ask before deleting an application with everything attached to it."""
    st.write(
        f"{escape_markdown(app.company)}: {escape_markdown(app.role)}, with "
        f"{plural(len(app.interviewers), 'person', 'people')}, "
        f"{plural(len(app.contacts), 'logged contact')} and every draft, will be deleted for "
        "good."
    )
    left, right = st.columns(2)
    if left.button(
        "Delete for good", type="primary", icon=":material/delete:", key="notes_delete_yes"
    ):
        store.delete(app.id)
        stop_confirming()
        st.session_state["notes_pending_pick"] = NEW_APPLICATION
        st.session_state["notes_loaded"] = None
        st.session_state["selected_application_id"] = None
        flash(f"Deleted {escape_markdown(app.company)}.", ":material/delete:")
        st.rerun()
    if right.button("Keep it", key="notes_delete_no"):
        stop_confirming()
        st.rerun()
