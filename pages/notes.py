"""Interview notes: capture an interview right after it, or edit one on record."""

from zoneinfo import ZoneInfo

import streamlit as st

from lib.capture import APPLICATION_NOTE_LABELS, PERSON_NOTE_LABELS
from lib.guidance import CHANNEL_LABELS, CULTURES, PROFILES, RULES
from lib.notes_form import (
    ADDRESS_HELP,
    DECISION_FIELD,
    GENERAL_FIELD,
    INTERVIEW_FIELD,
    PEOPLE_FIELD,
    SAME_CHANNEL,
    SAME_CHANNEL_LABEL,
    country_names,
    form_from_application,
    new_form,
)
from lib.text import plural
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
from lib.ui_notes_save import OnRecord, ask_about_the_date, confirm_delete, save, show_conflicts
from lib.ui_support import (
    NEW_APPLICATION,
    bootstrap,
    browser_timezone,
    now,
    page_link,
    pick_application,
)
from lib.ui_timezone import timezone_select, zone_note

store = bootstrap()


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
record = OnRecord(store, editing, revision)
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

# "by Friday" counts from the day it was said: the interview's, unless that is still ahead
today = now().astimezone(ZoneInfo(st.session_state["notes_timezone"])).date()
debrief_section(min(st.session_state["notes_interview_date"], today))

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
    show_conflicts(record, conflicts)
if asked := st.session_state.get("notes_date_question"):
    if asked[0] == st.session_state["notes_interview_date"]:
        ask_about_the_date(record, *asked)
    else:  # the date changed since: Save checks the new one
        st.session_state.pop("notes_date_question", None)
save_column, delete_column = st.columns([3, 1])
if save_column.button("Save", type="primary", icon=":material/save:", width="stretch"):
    save(record, read())
if editing is not None and delete_column.button(
    "Delete", icon=":material/delete:", width="stretch", key="notes_delete"
):
    st.session_state["notes_confirm_delete"] = editing.id
if editing is not None and st.session_state.get("notes_confirm_delete") == editing.id:
    confirm_delete(store, editing)  # open on every run until answered, so its buttons always count
