"""Follow-up: when and how to follow up after the thank-you, the contacts so far, the outcome.

For the open application picked: the plan (its profile, each follow-up window and the moment
to move on, F1 and F3; how and to whom, F2), then a box per person with the follow-up budget,
the contact history, the follow-up draft (checked against that person's thank-you, F2 and T4)
and a form to log a call or a reply. Last, the outcome: an offer, not selected, another offer
(F5) or moving on (F3).

Closed applications are not in the picker. The one closed in this session stays on top of the
page until dismissed, with its outcome and its people (F6); every other closed application is
listed at the bottom under "Closed applications: keep in touch".
"""

import streamlit as st

from lib import llm
from lib.checklist import names, next_action, when
from lib.guidance import PROFILES, RULES
from lib.model import (
    OPEN_STATUS,
    Application,
    Interviewer,
    Sender,
    Status,
)
from lib.schedule import follow_up_budget, latest_news, plan
from lib.store import StoreError
from lib.text import escape_markdown
from lib.ui_contact_log import label, log_form, show_history
from lib.ui_draft_editor import draft_editor, load_draft
from lib.ui_support import (
    bootstrap,
    choose_writer,
    flash,
    now,
    page_link,
    pick_application,
)
from lib.ui_timezone import zone_note

store = bootstrap()

WINDOW_BADGES = {
    "done": ":green-badge[Done]",
    "due": ":orange-badge[Open now]",
    "overdue": ":red-badge[Overdue]",
    "upcoming": ":blue-badge[Upcoming]",
}
MOVE_ON_BADGES = {"upcoming": ":blue-badge[Upcoming]", "due": ":orange-badge[Now]"}
OUTCOMES: dict[Status, tuple[str, str]] = {
    "offer": ("Offer received", ":material/celebration:"),
    "rejected": ("Not selected", ":material/do_not_disturb_on:"),
    "withdrawn": ("Withdrawn", ":material/undo:"),
    "moved_on": ("Moved on", ":material/logout:"),
}
CLOSED_KEY = "followup_closed"  # the application closed in this session, kept on top


def load(app_id: str) -> Application | None:
    """Return an application, or None (saying why) when it cannot be read."""
    try:
        return store.get(app_id)
    except StoreError as error:
        st.error(str(error), icon=":material/database:")
        return None


def save(app: Application, message: str, icon: str, **fields: object) -> None:
    """Set some of the application's fields, then show the page again with a toast."""
    try:
        store.change(app.id, **fields)
    except StoreError as error:
        st.error(str(error), icon=":material/error:")
        return
    flash(message, icon)
    st.rerun()


def close(app: Application, status: Status) -> None:
    """Record the outcome, which closes the application; keep it on top for this session."""
    st.session_state[CLOSED_KEY] = app.id
    label, icon = OUTCOMES[status]
    save(app, f"{label}: {escape_markdown(app.company)} is closed.", icon, status=status)


def show_plan(app: Application) -> None:
    """Show the profile, the employer's latest news, each follow-up window with where each
    person stands in it, the moment to move on, and how and to whom."""
    moment = now()
    profile = PROFILES[app.profile]
    st.subheader("The plan", divider="gray")
    st.markdown(f"**{profile.name.capitalize()} profile** (F1, F3): {profile.summary}")
    if (news := latest_news(app)) is not None:
        given = f" They gave a date: {news.date_given:%a %d %b %Y}." if news.date_given else ""
        who = escape_markdown(app.interviewer(news.interviewer_id).name)
        st.info(
            f"**Latest news**: {label(news).lower()} ({who}), {when(news.at, moment)}.{given} "
            "The plan starts again from it (F1), and the follow-ups count afresh (F3).",
            icon=":material/call_received:",
        )
    steps = plan(app, moment)
    for number in sorted({step.number for step in steps if step.kind == "follow_up"}):
        window = [step for step in steps if step.kind == "follow_up" and step.number == number]
        first = window[0]
        people = ", ".join(
            f"{escape_markdown(app.interviewer(step.interviewer_id).name)} "
            f"{WINDOW_BADGES[step.status]}"
            for step in window
            if step.interviewer_id is not None
        )
        st.markdown(
            f":material/schedule_send: **Follow-up {number}**: from {when(first.start, moment)} "
            f"to {when(first.due, moment)}  \n{people}"
        )
    for step in steps:
        if step.kind == "move_on":
            st.markdown(
                f":material/logout: **Move on**: with no reply by {when(step.due, moment)}, "
                f"stop following up and keep the people in your network "
                f"{MOVE_ON_BADGES.get(step.status, '')}"
            )
    zone_note(app.timezone, moment)
    st.markdown(f"**How** (F2): {RULES['F2'].explanation}")
    people = [escape_markdown(person.name) for person in app.interviewers]
    if people:
        st.markdown(f"**To whom**: each person on the panel, separately: {names(people)}.")
    if app.interviewers and all(person.is_recruiter for person in app.interviewers):
        st.warning(
            f"**T14** Everyone on this panel is a recruiter. {RULES['T14'].explanation}",
            icon=":material/warning:",
        )


def show_budget(app: Application, person: Interviewer) -> None:
    """Show the user's follow-ups and calls since the employer's latest news against the
    planned ones (F3)."""
    used, planned = follow_up_budget(app, person.id)
    since = " since their latest news" if latest_news(app) is not None else ""
    st.markdown(f":material/forum: **{used} of {planned} follow-ups used{since}** (F3)")
    if used > planned:
        st.warning(
            "More follow-ups than the plan allows. Unless they asked you to keep in touch, "
            "move on (F3).",
            icon=":material/warning:",
        )
    elif used == planned:
        st.caption(
            "That is the plan's budget: wait for their answer, and move on if none comes (F3)."
        )


def show_person(
    app: Application,
    person: Interviewer,
    sender: Sender,
    settings: llm.LLMSettings | None,
    follow_ups: dict[str, str],
) -> None:
    """One person: the budget, the contacts, the follow-up draft and the contact log form."""
    title = f" · {escape_markdown(person.title)}" if person.title else ""
    st.subheader(f"{escape_markdown(person.name)}{title}")
    contacts = app.contacts_with(person.id)
    show_budget(app, person)
    show_history(store, app, contacts)
    thanked = [contact for contact in contacts if contact.kind == "thank_you"]
    thank_you = thanked[0].body if thanked else ""
    if not thanked:
        st.info(
            f"No thank-you to {escape_markdown(person.name)} is logged yet. The follow-up comes "
            "after it (F2); you can still draft it now.",
            icon=":material/mail:",
        )
        page_link("pages/thank_you.py", "Write the thank-you", ":material/mail:", app.id)
    thank_you = thank_you or load_draft(store, "thank_you", app, person)
    others = [text for person_id, text in follow_ups.items() if person_id != person.id]
    try:
        draft_editor(store, app, person, sender, "follow_up", settings, others, thank_you)
    except StoreError as error:
        st.error(str(error), icon=":material/error:")
    log_form(store, app, person)


def show_outcome(app: Application) -> None:
    """Record the outcome: an offer, not selected, another offer (F5), or moving on (F3)."""
    st.subheader("Outcome", divider="gray")
    other = st.toggle(
        "I have another offer", value=app.has_other_offer, key=f"followup_other_offer_{app.id}"
    )
    if other != app.has_other_offer:
        message = "Noted: another offer." if other else "Other offer removed."
        save(app, message, ":material/work:", has_other_offer=other)
    if app.has_other_offer:
        st.info(
            f"**F5** {RULES['F5'].explanation} Stay positive, never pushy (F7).",
            icon=":material/bolt:",
        )
    move_on_now = any(step.kind == "move_on" and step.status == "due" for step in plan(app, now()))
    with st.container(horizontal=True):
        for status, label in (
            ("offer", "They made me an offer"),
            ("rejected", "Not selected"),
            ("moved_on", "Move on"),
        ):
            primary = status == "moved_on" and move_on_now
            if st.button(
                label,
                key=f"followup_{status}_{app.id}",
                icon=OUTCOMES[status][1],
                type="primary" if primary else "secondary",
            ):
                close(app, status)
    st.caption("Each of these closes the application; its people stay in your network (F6).")


def show_closed(app: Application) -> None:
    """A closed application: its outcome and its people, to keep in touch with (F6)."""
    action = escape_markdown(next_action(app, now()).text)
    if app.status == "offer":
        st.success(f"{action}.", icon=":material/celebration:")
    else:
        st.info(f"**F6** {RULES['F6'].explanation}  \n{action}.", icon=":material/group_add:")
    if not app.interviewers:
        return
    people = []
    for person in app.interviewers:
        title = f", {escape_markdown(person.title)}" if person.title else ""
        email = escape_markdown(person.email) if person.email else "no email noted"
        people.append(f"- **{escape_markdown(person.name)}**{title} · {email}")
    st.markdown("**Keep in touch with**\n" + "\n".join(people))
    page_link("pages/notes.py", "Change the status in the notes", ":material/edit_note:", app.id)


def heading(app: Application) -> str:
    """Name an application: company and role, as markdown."""
    return f"{escape_markdown(app.company)}: {escape_markdown(app.role)}"


st.title("Follow-up")
st.caption(
    "After the thank-you: one follow-up at the right moment, to each person, then an answer "
    "or moving on (F1, F2, F3)."
)

just_closed = load(closed_id) if (closed_id := st.session_state.get(CLOSED_KEY)) else None
if just_closed is not None and just_closed.status != OPEN_STATUS:
    with st.container(border=True):
        st.subheader(f"{heading(just_closed)} · {OUTCOMES[just_closed.status][0].lower()}")
        show_closed(just_closed)
        if st.button("Done", key="followup_closed_done", icon=":material/check:"):
            st.session_state.pop(CLOSED_KEY, None)
            st.rerun()
else:
    st.session_state.pop(CLOSED_KEY, None)
    just_closed = None

try:
    picked = pick_application(store, "followup_app", status="open")
    closed = [
        app
        for app in store.list_applications()
        if app.status != OPEN_STATUS and (just_closed is None or app.id != just_closed.id)
    ]
except StoreError as error:
    st.error(str(error), icon=":material/database:")
    st.stop()

app = load(picked) if picked else None
if picked is None:
    st.info("No open applications to follow up on.", icon=":material/schedule_send:")
    page_link("pages/notes.py", "Write your interview notes", ":material/edit_note:")
elif app is not None:
    sender = store.get_sender()
    show_plan(app)
    st.subheader("Follow-up to each person", divider="gray")
    if not sender.name:
        st.warning(
            "Add your name in Settings so that every note is signed.", icon=":material/badge:"
        )
        page_link("pages/settings.py", "Open Settings", ":material/settings:")
    if not app.interviewers:
        st.info("Nobody is on the panel yet.", icon=":material/group:")
        page_link("pages/notes.py", "Add the people you met", ":material/edit_note:", app.id)
    settings = choose_writer("followup_writer") if app.interviewers else None
    follow_ups = {p.id: load_draft(store, "follow_up", app, p) for p in app.interviewers}
    for person in app.interviewers:
        with st.container(border=True):
            show_person(app, person, sender, settings, follow_ups)
    show_outcome(app)

if closed:
    st.subheader("Closed applications: keep in touch", divider="gray")
    for old in closed:
        label, icon = OUTCOMES[old.status]
        with st.expander(f"{heading(old)} · {label.lower()}", icon=icon):
            show_closed(old)
