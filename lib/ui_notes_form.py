"""The notes page's form in the session: its widgets' keys, putting a form into them and reading
it back, and the small helpers each field shares (its problems under it, its length, what a
calendar invitation or a debrief filled in).

``pages/notes.py`` draws the form; ``lib/ui_invite.py`` and ``lib/ui_debrief.py`` fill it. A
form is only ever stored by the page's Save.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from lib.guidance import CULTURES
from lib.model import new_id
from lib.notes_form import (
    FIELDS,
    PERSON_FIELDS,
    SAME_CHANNEL,
    NotesForm,
    address_after_rename,
    blank_person,
    chosen_address,
    length_note,
    shown_address,
)
from lib.text import escape_markdown

KEEP = "session"  # widget values survive a visit to another page
FILLED_KEY = "notes_filled"  # widget key -> (what filled it, the value it put there)
# The debrief's sorting awaiting the user's yes, why it failed, and what it last put in: they
# belong to the form they were made for, and go when another form opens.
REVIEW_KEY = "notes_debrief_review"
PROBLEM_KEY = "notes_debrief_problem"
ACCEPTED_KEY = "notes_debrief_accepted"
FILLED_BY = {
    "invitation": ":material/event_available: From the invitation: check it",
    "debrief": ":material/record_voice_over: From your debrief: check it",
}


def person_key(person_id: str, name: str) -> str:
    """Session key of one person's field."""
    return f"notes_person_{person_id}_{name}"


def put_person(person_id: str, values: dict) -> None:
    """Put one person's values into their widgets, as the widgets show them."""
    state = st.session_state
    for name, value in values.items():
        state[person_key(person_id, name)] = value
    name = values.get("name") or ""
    state[person_key(person_id, "address_as")] = shown_address(name, values.get("address_as", ""))
    state[person_key(person_id, "channel")] = values.get("channel") or SAME_CHANNEL
    state[person_key(person_id, "named")] = name  # the name the shown guess was made from


def load(form: NotesForm) -> None:
    """Put a form's values into the widgets."""
    state = st.session_state
    for name, value in form.values.items():
        state[f"notes_{name}"] = value
    state["notes_people"] = list(form.people)
    for person_id, values in form.people.items():
        put_person(person_id, values)
    state["notes_interview_date"] = form.interview_date
    state["notes_interview_time"] = form.interview_time
    state["notes_decision"] = form.decision
    state["notes_decision_date"] = form.decision_date
    state["notes_references"] = form.references_notified
    state["notes_status"] = form.status


def open_form(form: NotesForm, revision: int | None) -> None:
    """Show a form afresh, remembered as opened at ``revision`` (see ``save``)."""
    load(form)
    st.session_state["notes_opened"] = (form, revision)
    st.session_state["notes_errors"] = {}
    st.session_state.pop("notes_conflicts", None)
    st.session_state.pop("notes_date_question", None)
    st.session_state.pop("notes_date_confirmed", None)
    for key in (FILLED_KEY, REVIEW_KEY, PROBLEM_KEY, ACCEPTED_KEY):
        st.session_state.pop(key, None)


def read() -> NotesForm:
    """Collect the widgets' values into a form."""
    state = st.session_state
    return NotesForm(
        values={name: state.get(f"notes_{name}") for name in FIELDS},
        people={person_id: read_person(person_id) for person_id in state["notes_people"]},
        interview_date=state["notes_interview_date"],
        interview_time=state["notes_interview_time"],
        decision=state.get("notes_decision"),
        decision_date=state.get("notes_decision_date"),
        references_notified=state.get("notes_references", False),
        status=state.get("notes_status", "open"),
    )


def read_person(person_id: str) -> dict:
    """Collect one person's widget values as the model stores them."""
    values = {name: st.session_state.get(person_key(person_id, name)) for name in PERSON_FIELDS}
    values["address_as"] = chosen_address(values["name"] or "", values["address_as"] or "")
    values["channel"] = values["channel"] or None
    return values


def renamed(person_id: str) -> None:
    """Follow a new name with its guessed address, unless the user set their own."""
    state = st.session_state
    name = state.get(person_key(person_id, "name")) or ""
    shown = state.get(person_key(person_id, "address_as")) or ""
    before = state.get(person_key(person_id, "named")) or ""
    state[person_key(person_id, "address_as")] = address_after_rename(shown, before, name)
    state[person_key(person_id, "named")] = name


def problems(field: str) -> None:
    """Show the refusals that belong to one field, right under it."""
    for message in st.session_state.get("notes_errors", {}).get(field, []):
        st.error(escape_markdown(message), icon=":material/error:")


def long_field(label: str, key: str) -> None:
    """Show a long text field, with its length once it nears the limit (nothing typed is cut),
    marked when the debrief filled it."""
    st.text_area(label, key=key, height=80, persist_state=KEEP)
    if note := length_note(st.session_state.get(key)):
        st.caption(note)
    filled_mark(key)


def add_person() -> None:
    """Add an empty person to the panel."""
    person_id = new_id()
    put_person(person_id, blank_person())
    st.session_state["notes_people"] = [*st.session_state["notes_people"], person_id]


def remove_person(person_id: str) -> None:
    """Take a person off the panel."""
    st.session_state["notes_people"] = [
        p for p in st.session_state["notes_people"] if p != person_id
    ]


def culture_changed() -> None:
    """Follow the office culture with the channel that suits it (T13)."""
    st.session_state["notes_channel"] = CULTURES[st.session_state["notes_culture"]].channel


def widget_key(path: str) -> str:
    """Return the widget key of a form field named by its path (see ``lib.capture``)."""
    if path.startswith("person:"):
        _, person_id, name = path.split(":", 2)
        return person_key(person_id, name)
    return f"notes_{path}"


def remember_filled(fields: Mapping[str, Any], source: str) -> None:
    """Remember which fields ``source`` ("invitation" or "debrief") just filled, and with what."""
    filled = st.session_state.setdefault(FILLED_KEY, {})
    for path, value in fields.items():
        filled[widget_key(path)] = (source, value)


def filled_mark(key: str) -> None:
    """Mark a field the invitation or the debrief filled, as long as it holds what they put."""
    source, value = st.session_state.get(FILLED_KEY, {}).get(key, (None, None))
    if source is not None and st.session_state.get(key) == value:
        st.caption(FILLED_BY[source])
