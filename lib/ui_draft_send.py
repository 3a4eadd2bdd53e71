"""What the draft editor shows under a draft: the checker's findings and the ways to send it."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib import sending, ui_support
from lib.model import Application, Contact, ContactKind, DraftKind, Interviewer, Sender
from lib.review import Finding, errors, grouped
from lib.schedule import check_contact
from lib.store import Store, StoreError
from lib.text import escape_markdown, plural
from lib.ui_support import flash, page_link

SEVERITY_ICONS = {"error": ":material/error:", "warning": ":material/warning:"}
CONTACT_KINDS: dict[DraftKind, ContactKind] = {"thank_you": "thank_you", "follow_up": "follow_up"}


def show_findings(findings: Sequence[Finding]) -> None:
    """List what the checker found, errors first, each distinct finding once with its count,
    its rule and a playbook link."""
    if not findings:
        st.success("No problems found: it follows every rule.", icon=":material/check_circle:")
        return
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning")}
    st.markdown(
        f"**{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}** "
        "(errors must be fixed; warnings are advice)"
    )
    for finding, count in grouped(findings):
        left, right = st.columns([5, 1], vertical_alignment="center")
        colour = "red" if finding.severity == "error" else "orange"
        times = f" ({count} times)" if count > 1 else ""
        left.markdown(
            f"{SEVERITY_ICONS[finding.severity]} :{colour}[**{finding.rule}**] "
            f"{escape_markdown(finding.message)}{times}"
        )
        with right:
            page_link(
                "pages/playbook.py",
                finding.rule,
                ":material/menu_book:",
                query={"rule": finding.rule},
            )


CHANNEL_SWITCH = {
    "handwritten": ("Send by email instead", ":material/mail:", "email"),
    "email": ("Send a handwritten card instead", ":material/draw:", "handwritten"),
}


def channel_switch(store: Store, app: Application, person: Interviewer, key: str) -> None:
    """Say how this person's note is sent, with one click to switch it (email or a card)."""
    channel = app.channel_for(person)
    label, icon, other = CHANNEL_SWITCH[channel]
    with st.container(horizontal=True, vertical_alignment="center"):
        said = "a handwritten card" if channel == "handwritten" else "email"
        st.caption(f"Sent by {said} (T13).", width="content")
        switch = st.button(label, key=f"{key}_channel", icon=icon, type="tertiary")
    if not switch:
        return
    try:  # the application's own channel is stored as none: it follows the application
        store.change_person(app.id, person.id, channel=None if other == app.channel else other)
    except StoreError as error:
        st.error(str(error), icon=":material/error:")
        return
    what = "a handwritten card" if other == "handwritten" else "email"
    flash(f"{escape_markdown(person.name)} now gets {what}.", icon)
    st.rerun()


def send_actions(
    store: Store,
    app: Application,
    person: Interviewer,
    sender: Sender,
    kind: DraftKind,
    text: str,
    findings: Sequence[Finding],
    key: str,
) -> None:
    """Offer the ways to send the note by this person's channel, then log it as sent (T15,
    F3); ``key`` prefixes the widget keys (the draft's own key).

    Email: open it in the mail program or download an .eml, both with a subject (the draft's
    "Subject:" line, else a default by kind). A handwritten card: the printable card and the
    date to post it by. Either way the text can be copied.
    """
    if app.channel_for(person) == "handwritten":
        st.download_button(
            "Printable card",
            sending.printable_card(person, text),
            file_name=sending.file_name(app, person, "html", kind),
            mime="text/html",
            icon=":material/print:",
            key=f"{key}_card",
        )
        st.caption(f"Post the card by {sending.post_by(app):%A %d %B}.")
    else:
        subject = sending.default_subject(app, kind)
        mail, eml = st.columns(2)
        mail.link_button(
            "Open in email",
            sending.mailto_link(person, text, subject),
            icon=":material/mail:",
            disabled=not person.email,
            help=None if person.email else "Add their email on the notes page to open it in email.",
            width="stretch",
        )
        eml.download_button(
            "Download .eml",
            sending.eml_file(person, sender, text, ui_support.now(), subject),
            file_name=sending.file_name(app, person, "eml", kind),
            mime="message/rfc822",
            icon=":material/download:",
            key=f"{key}_eml",
            width="stretch",
        )
    with st.expander("Copy the text", icon=":material/content_copy:"):
        st.code(text, language=None, wrap_lines=True)
    contact_kind = CONTACT_KINDS[kind]
    if st.button("Mark as sent", key=f"{key}_sent", icon=":material/send:"):
        check = check_contact(app, person.id, contact_kind, ui_support.now())
        if check.allowed:
            _log_sent(store, app, person, contact_kind, text)
        else:  # a second thank-you is refused outright (T15); a follow-up over budget asks (F3)
            st.session_state[f"{key}_refused"] = (check.rule, check.reason, kind != "thank_you")
    if refused := st.session_state.get(f"{key}_refused"):
        rule, reason, can_override = refused
        st.warning(f"**{rule}** {escape_markdown(reason)}", icon=":material/block:")
        if can_override and st.button("Log it anyway", key=f"{key}_anyway"):
            st.session_state.pop(f"{key}_refused")
            _log_sent(store, app, person, contact_kind, text)
    if errors(findings):
        st.caption("This draft still has errors; fix them before you send it.")


def _log_sent(
    store: Store, app: Application, person: Interviewer, kind: ContactKind, text: str
) -> None:
    """Record a sent note as a contact with that person, by their channel."""
    channel = "handwritten" if app.channel_for(person) == "handwritten" else "email"
    try:
        store.log_contact(
            app.id,
            Contact(
                interviewer_id=person.id, kind=kind, at=ui_support.now(), channel=channel, body=text
            ),
        )
    except StoreError as error:
        st.error(str(error), icon=":material/error:")
        return
    flash(f"Logged as sent to {escape_markdown(person.name)}.", ":material/send:")
    st.rerun()
