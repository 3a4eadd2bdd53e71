"""Interview notes: capture an interview right after it, or edit one on record."""

from datetime import date
from zoneinfo import ZoneInfo

import streamlit as st

from lib.capture import APPLICATION_NOTE_LABELS, PERSON_NOTE_LABELS
from lib.guidance import CHANNEL_LABELS, CULTURES, PROFILES, RULES
from lib.model import Application
from lib.notes_form import (
    ADDRESS_HELP,
    DECISION_FIELD,
    GENERAL_FIELD,
    INTERVIEW_FIELD,
    PEOPLE_FIELD,
    SAME_CHANNEL,
    SAME_CHANNEL_LABEL,
    Conflict,
    NotesForm,
    Side,
    build_application,
    country_names,
    date_question,
    form_from_application,
    merge_forms,
    new_form,
)
from lib.store import ConflictError, StoreError
from lib.text import escape_markdown, plural
from lib.ui_debrief import debrief_section
from lib.ui_invite import invitation_import
from lib.ui_notes_form import (
    KEEP,
    add_person,
    culture_changed,
    filled_mark,
    load,
    long_field,
    open_form,
    person_key,
    problems,
    read,
    remove_person,
    renamed,
)
from lib.ui_support import (
    NEW_APPLICATION,
    bootstrap,
    browser_timezone,
    flash,
    now,
    page_link,
    pick_application,
)
from lib.ui_timezone import timezone_select, zone_note

store = bootstrap()


def stop_confirming() -> None:
    """Close the delete confirmation without deleting."""
    st.session_state.pop("notes_confirm_delete", None)


def save(mine: NotesForm, prefer: Side | None = None) -> None:
    """Save the form, combined with any save made elsewhere since it was opened; show the page.

    Fields changed both here and there stop the save and are listed, unless ``prefer`` says
    whose version of them to keep. An interview date far from today is asked about first.
    """
    state = st.session_state
    opened, opened_revision = state["notes_opened"]
    question = date_question(mine, opened, now())
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


def ask_about_the_date(day: date, question: str) -> None:
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
            save(read())
        if change.button(
            "No, I'll change it", icon=":material/edit_calendar:", width="stretch",
            key="notes_date_no",
        ):  # fmt: skip
            st.session_state.pop("notes_date_question", None)
            st.rerun()


def show_conflicts(conflicts: tuple[Conflict, ...]) -> None:
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
            save(read(), "mine")
        if theirs.button("Save, keeping theirs", icon=":material/save_as:", width="stretch"):
            save(read(), "theirs")


@st.dialog("Delete this application?", on_dismiss=stop_confirming)
def confirm_delete(app: Application) -> None:
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


st.title("Interview notes")
st.caption("Fill this in right after the interview, while you still remember who said what.")

loaded = st.session_state.get("notes_loaded")
if loaded not in (None, NEW_APPLICATION) and not store.exists(loaded):
    # deleted elsewhere (another tab) while being edited here: keep what is typed, unsaved
    st.session_state["notes_pending_pick"] = st.session_state["notes_loaded"] = NEW_APPLICATION
    st.warning(
        "This interview was deleted elsewhere. What you typed is still here; Save stores it as "
        "a new interview.",
        icon=":material/warning:",
    )
if (pending := st.session_state.pop("notes_pending_pick", None)) is not None:
    st.session_state["notes_app"] = pending
picked = pick_application(store, "notes_app", include_new=True, label="Which interview?")
editing, revision = (
    (None, None) if picked in (None, NEW_APPLICATION) else store.get_with_revision(picked)
)
if st.session_state.get("notes_loaded") != (picked or NEW_APPLICATION):
    open_form(
        form_from_application(editing)
        if editing
        else new_form(now(), browser_timezone(), store.get_defaults()),
        revision,
    )
    st.session_state["notes_loaded"] = picked or NEW_APPLICATION
if (combined := st.session_state.pop("notes_combined", None)) is not None:
    load(combined)
elif editing is not None and revision != st.session_state["notes_opened"][1]:
    st.info(
        "This interview was saved elsewhere (another tab or window) since you opened it. Save "
        "combines your changes with that version.",
        icon=":material/sync:",
    )

if saved := st.session_state.pop("notes_saved", None):
    st.success("Saved. Your checklist and deadlines are ready.", icon=":material/check_circle:")
    page_link("pages/checklist.py", "Open the checklist", ":material/checklist:", saved)

invitation_import(store.get_sender().email)

st.header("The application", divider="gray")
left, right = st.columns(2)
left.text_input("Company", key="notes_company", persist_state=KEEP)
with left:
    problems("company")
    filled_mark("notes_company")
right.text_input("Role", key="notes_role", persist_state=KEEP)
with right:
    problems("role")
    filled_mark("notes_role")
day, clock = st.columns(2)
day.date_input("Interview date", key="notes_interview_date", persist_state=KEEP)
clock.time_input("Start time", key="notes_interview_time", step=300, persist_state=KEEP)
with day:
    filled_mark("notes_interview_date")
with clock:
    filled_mark("notes_interview_time")
timezone_select(
    "Timezone", key="notes_timezone", moment=now(), persist_state=KEEP,
    help="Where the interview took place; every deadline is set in this timezone.",
)  # fmt: skip
filled_mark("notes_timezone")
zone_note(st.session_state["notes_timezone"], now())
problems("timezone")
problems(INTERVIEW_FIELD)
st.radio(
    "Office culture",
    list(CULTURES),
    format_func=lambda name: CULTURES[name].label,
    key="notes_culture",
    horizontal=True,
    on_change=culture_changed,
    persist_state=KEEP,
)
st.caption(
    " · ".join(f"{culture.label}: {culture.typical}" for culture in CULTURES.values())
    + f" ({RULES['T12'].id})"
)
st.radio(
    "How you will send the thank-you notes",
    list(CHANNEL_LABELS),
    format_func=CHANNEL_LABELS.__getitem__,
    key="notes_channel",
    horizontal=True,
    persist_state=KEEP,
    help=RULES["T13"].explanation,
)
profile = st.selectbox(
    "Follow-up style",
    list(PROFILES),
    format_func=str.capitalize,  # the whole summary is the caption below: a phone cuts labels
    key="notes_profile",
    persist_state=KEEP,
)
st.caption(PROFILES[profile].summary if profile in PROFILES else "")
countries = country_names()
st.selectbox(
    "Country (for public holidays)",
    list(countries),
    format_func=lambda code: f"{countries[code]} ({code})",
    key="notes_country",
    persist_state=KEEP,
)
problems("country")

st.header("The people you met", divider="gray")
st.caption(f"{RULES['S1'].title}. {RULES['N1'].explanation}")
problems(PEOPLE_FIELD)
people = st.session_state["notes_people"]
for number, person_id in enumerate(people, start=1):
    with st.container(border=True):
        st.subheader(f"Person {number}")
        left, right = st.columns(2)
        left.text_input(
            "Name",
            key=person_key(person_id, "name"),
            on_change=renamed,
            args=(person_id,),
            persist_state=KEEP,
        )
        with left:
            problems(f"person:{person_id}:name")
            filled_mark(person_key(person_id, "name"))
        right.text_input(
            "Address as", key=person_key(person_id, "address_as"), help=ADDRESS_HELP,
            persist_state=KEEP,
        )  # fmt: skip
        with right:
            problems(f"person:{person_id}:address_as")
        left, right = st.columns(2)
        left.text_input("Exact title", key=person_key(person_id, "title"), persist_state=KEEP)
        with left:
            problems(f"person:{person_id}:title")
            filled_mark(person_key(person_id, "title"))
        right.text_input("Email", key=person_key(person_id, "email"), persist_state=KEEP)
        with right:
            problems(f"person:{person_id}:email")
            filled_mark(person_key(person_id, "email"))
        left, right = st.columns(2, vertical_alignment="bottom")
        left.selectbox(
            "Send as",
            [SAME_CHANNEL, *CHANNEL_LABELS],
            format_func=lambda channel: CHANNEL_LABELS.get(channel, SAME_CHANNEL_LABEL),
            key=person_key(person_id, "channel"),
            persist_state=KEEP,
            help="How your notes to this person go out, when not as the interview's "
            f"({RULES['T13'].id}).",
        )
        with left:
            problems(f"person:{person_id}:channel")
        right.checkbox(
            "Recruiter or agency (not the employer)",
            key=person_key(person_id, "is_recruiter"),
            persist_state=KEEP,
        )
        for name, label in PERSON_NOTE_LABELS.items():
            long_field(label, person_key(person_id, name))
            problems(f"person:{person_id}:{name}")
        st.button(
            "Remove this person",
            key=f"notes_remove_{person_id}",
            icon=":material/person_remove:",
            on_click=remove_person,
            args=(person_id,),
            disabled=len(people) == 1,
        )
st.button("Add another person", icon=":material/person_add:", on_click=add_person)

debrief_section(now().astimezone(ZoneInfo(st.session_state["notes_timezone"])).date())

st.header("How it went", divider="gray")
for name, label in APPLICATION_NOTE_LABELS.items():
    long_field(label, f"notes_{name}")
    problems(name)

st.header("The decision", divider="gray")
st.radio(
    "Did they say when they expect to decide?",
    ["date", "not_given"],
    format_func={"date": "Yes, they gave a date", "not_given": "No, they didn't say"}.__getitem__,
    key="notes_decision",
    index=None,
    persist_state=KEEP,
)
if st.session_state.get("notes_decision") == "date":
    st.date_input("Decision date", key="notes_decision_date", value=None, persist_state=KEEP)
    filled_mark("notes_decision_date")
elif st.session_state.get("notes_decision") == "not_given":
    st.info(
        "Next time, ask before you leave: the answer sets your follow-up date "
        f"({RULES['S2'].id}). Until then the follow-up is planned about a week to ten days out.",
        icon=":material/lightbulb:",
    )
problems(DECISION_FIELD)

if editing is not None:
    st.header("Outcome", divider="gray")
    st.selectbox(
        "Status",
        ["open", "offer", "rejected", "withdrawn", "moved_on"],
        format_func=lambda status: status.replace("_", " ").capitalize(),
        key="notes_status",
        persist_state=KEEP,
    )

problems(GENERAL_FIELD)
if refused := sum(len(messages) for messages in st.session_state["notes_errors"].values()):
    st.error(
        f"Nothing was saved: {plural(refused, 'problem')} to fix, marked above. Everything "
        "you typed is still here.",
        icon=":material/error:",
    )
if conflicts := st.session_state.get("notes_conflicts"):
    show_conflicts(conflicts)
if asked := st.session_state.get("notes_date_question"):
    if asked[0] == st.session_state["notes_interview_date"]:
        ask_about_the_date(*asked)
    else:  # the date changed since: Save checks the new one
        st.session_state.pop("notes_date_question", None)
save_column, delete_column = st.columns([3, 1])
if save_column.button("Save", type="primary", icon=":material/save:", width="stretch"):
    save(read())
if editing is not None and delete_column.button(
    "Delete", icon=":material/delete:", width="stretch", key="notes_delete"
):
    st.session_state["notes_confirm_delete"] = editing.id
if editing is not None and st.session_state.get("notes_confirm_delete") == editing.id:
    confirm_delete(editing)  # open on every run until answered, so its buttons always count
