"""The contacts with one person on the follow-up page: the history, and a form to log one more.

Every contact has a direction. The user's own follow-ups and calls count against the follow-up
budget (F3); news from the employer (a reply, a call, an invitation to a next round, their
decision) never does, and a date it gives becomes the plan's (F1, lib/schedule.py). A contact
that the plan advises against is held for a second confirmation, and the form keeps everything
typed meanwhile; it empties only once the contact is logged.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st
from pydantic import ValidationError

from lib import ui_support
from lib.model import (
    BODY_LIMIT,
    KINDS_BY_DIRECTION,
    Application,
    Contact,
    ContactChannel,
    ContactKind,
    Direction,
    Interviewer,
)
from lib.model_errors import describe_errors
from lib.schedule import check_contact
from lib.store import Store, StoreError
from lib.text import escape_markdown
from lib.ui_support import browser_zone, flash

KIND_LABELS: dict[tuple[Direction, ContactKind], str] = {
    ("mine", "thank_you"): "My thank-you",
    ("mine", "follow_up"): "My follow-up email",
    ("mine", "call"): "A call I made",
    ("mine", "other"): "Keeping in touch",
    ("theirs", "reply"): "Their reply or email",
    ("theirs", "call"): "A call from them",
    ("theirs", "invitation"): "An invitation to a next round",
    ("theirs", "decision"): "Their decision",
    ("theirs", "other"): "Something else from them",
}
LOGGED_HERE: dict[Direction, tuple[ContactKind, ...]] = {
    "mine": ("follow_up", "call", "other"),  # a thank-you is logged on the thank-you page
    "theirs": KINDS_BY_DIRECTION["theirs"],
}
CHANNEL_LABELS: dict[ContactChannel, str] = {
    "email": "Email",
    "phone": "Phone",
    "video": "Video call",
    "in_person": "In person",
    "handwritten": "Handwritten card",
    "other": "Other",
}
PREVIEW_WORDS = 12
FIELDS = ("kind", "channel", "at", "note", "date_given")  # the form's own widgets


def label(contact: Contact) -> str:
    """Name a contact as the history lists it: "A call from them", "My follow-up email"."""
    return KIND_LABELS[contact.direction, contact.kind]


def show_history(store: Store, app: Application, contacts: list[Contact]) -> None:
    """List the contacts with one person, each removable when it was logged by mistake."""
    if not contacts:
        st.caption("No contacts logged yet.")
        return
    st.markdown("**Contacts so far**")
    zone = browser_zone()
    for contact in contacts:
        words = contact.body.split()
        preview = " ".join(words[:PREVIEW_WORDS]) + ("…" if len(words) > PREVIEW_WORDS else "")
        given = f" · date given: {contact.date_given:%a %d %b %Y}" if contact.date_given else ""
        icon = ":material/call_made:" if contact.from_me else ":material/call_received:"
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(
                f"{icon} **{contact.at.astimezone(zone):%a %d %b %Y, %H:%M}** · "
                f"{label(contact)} · {CHANNEL_LABELS[contact.channel]}{given}"
                + (f"  \n:gray[{escape_markdown(preview)}]" if preview else ""),
                width="stretch",
            )
            removed = st.button(
                "Remove",
                key=f"followup_remove_{contact.id}",
                icon=":material/delete:",
                type="tertiary",
                help="Remove an entry logged by mistake.",
            )
        if removed:
            try:
                store.delete_contact(app.id, contact.id)
            except StoreError as error:
                st.error(str(error), icon=":material/error:")
                return
            flash("Removed from the log.", ":material/delete:")
            st.rerun()


def log_form(store: Store, app: Application, person: Interviewer) -> None:
    """Log a contact either way; one the plan advises against needs a second confirmation."""
    key = f"followup_log_{app.id}_{person.id}"
    zone = browser_zone()
    first_name = person.name.split()[0]
    with st.expander("Log a call, an email or their reply", icon=":material/add_call:"):
        direction: Direction = (
            st.segmented_control(
                "Who got in touch",
                ["mine", "theirs"],
                format_func={"mine": "I did", "theirs": f"{first_name} did"}.__getitem__,
                default="mine",
                key=f"{key}_direction",
            )
            or "mine"
        )
        with st.form(key, border=False):
            kind = st.radio(
                "What happened",
                LOGGED_HERE[direction],
                format_func=lambda kind: KIND_LABELS[direction, kind],
                horizontal=True,
                key=f"{key}_kind_{direction}",
                help="News from them never counts as a follow-up: it starts the plan again (F1, "
                "F3).",
            )
            channel = st.selectbox(
                "How",
                list(CHANNEL_LABELS),
                format_func=CHANNEL_LABELS.__getitem__,
                key=f"{key}_channel",
            )
            moment = st.datetime_input(
                "When",
                value=ui_support.now()
                .astimezone(zone)
                .replace(tzinfo=None, second=0, microsecond=0),
                step=60,
                key=f"{key}_at",
            )
            date_given = None
            if direction == "theirs":
                date_given = st.date_input(
                    "A date they gave (optional)",
                    value=None,
                    key=f"{key}_date_given",
                    help="The date they now expect to decide by, or the day of the next round "
                    "they invited you to. It becomes the plan.",
                )
            note = st.text_area(
                "Note",
                key=f"{key}_note",
                max_chars=BODY_LIMIT,
                height=100,
                placeholder="What was said, or what you sent.",
            )
            submitted = st.form_submit_button("Log it", icon=":material/add:", key=f"{key}_submit")
    if submitted:
        contact = _contact(person, direction, kind, channel, moment, zone, note, date_given)
        if contact is None:
            return
        check = check_contact(app, person.id, contact.kind, contact.at, contact.direction)
        if check.allowed:
            _log(store, key, person, app, contact)
        else:
            st.session_state[f"{key}_pending"] = (contact, check.rule, check.reason)
    _confirm(store, key, person, app)


def _contact(
    person: Interviewer,
    direction: Direction,
    kind: ContactKind,
    channel: ContactChannel,
    moment: datetime | None,
    zone: object,
    note: str,
    date_given: object,
) -> Contact | None:
    """Build the contact from the form, or show what is wrong under it (nothing is lost)."""
    if moment is None:
        st.error("Say when it happened.", icon=":material/error:")
        return None
    try:
        return Contact(
            interviewer_id=person.id,
            kind=kind,
            direction=direction,
            at=moment.replace(tzinfo=zone),  # type: ignore[arg-type]
            channel=channel,
            body=note,
            date_given=date_given,
        )
    except ValidationError as error:
        for sentence in describe_errors(error):
            st.error(escape_markdown(sentence), icon=":material/error:")
        return None


def _confirm(store: Store, key: str, person: Interviewer, app: Application) -> None:
    """Ask again about a contact the plan advises against; the form keeps its text meanwhile."""
    pending = st.session_state.get(f"{key}_pending")
    if pending is None:
        return
    contact, rule, reason = pending
    zone = browser_zone()
    what = f"{label(contact).lower()} on {contact.at.astimezone(zone):%a %d %b, %H:%M}"
    st.warning(
        f"**{rule}** {escape_markdown(reason)}  \nNot logged yet: {what}. What you typed is "
        "still in the form.",
        icon=":material/block:",
    )
    with st.container(horizontal=True):
        anyway = st.button("Log it anyway", key=f"{key}_anyway", icon=":material/done:")
        cancel = st.button("Cancel", key=f"{key}_cancel")
    if anyway or cancel:
        st.session_state.pop(f"{key}_pending")
    if anyway:
        _log(store, key, person, app, contact)
    if cancel:
        st.rerun()


def _log(store: Store, key: str, person: Interviewer, app: Application, contact: Contact) -> None:
    """Record the contact, empty the form, and show the page again with a toast."""
    try:
        store.log_contact(app.id, contact)
    except StoreError as error:
        st.error(str(error), icon=":material/error:")
        return
    for name in list(st.session_state):
        if isinstance(name, str) and name.startswith(f"{key}_") and name != f"{key}_direction":
            del st.session_state[name]
    if contact.from_me:
        flash(
            f"Logged: {label(contact).lower()} to {escape_markdown(person.name)}.",
            ":material/check:",
        )
    else:
        flash(
            f"Logged: {label(contact).lower()} ({escape_markdown(person.name)}). The plan starts "
            "again from it.",
            ":material/check:",
        )
    st.rerun()
