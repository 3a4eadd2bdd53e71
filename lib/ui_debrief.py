"""The notes page's debrief: say or type how it went, check where each part goes, put it in.

The debrief is recorded (``st.audio_input``, written down by ``lib.speech``) or typed, then
sorted into each person's notes and the application's: by the LLM when one is configured
(``lib.debrief_llm``), or offline (``lib.debrief``), always one click away. Nothing changes in
the form until the user has seen every proposed field beside what it holds now and said yes;
even then only the form changes, and Save stores it. A failing LLM or transcription leaves the
debrief as it was typed, with its reason.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from pydantic import ValidationError

from lib import llm
from lib.capture import DECISION_PATH, Review, accept, proposals, with_new_person
from lib.debrief import SPLIT_LIMIT, split_for_panel
from lib.debrief_llm import sort_debrief
from lib.model import Interviewer
from lib.notes_form import length_note
from lib.text import escape_markdown, plural
from lib.ui_notes_form import (
    ACCEPTED_KEY,
    KEEP,
    PROBLEM_KEY,
    REVIEW_KEY,
    load,
    read,
    remember_filled,
)
from lib.ui_recorder import recorder
from lib.ui_support import allowance_used, configured_llm, count_llm_use, flash

TEXT_KEY = "notes_debrief"
PLACEHOLDER = (
    "For example: “Priya asked how I'd move their batch jobs to streaming; she's worried I "
    "haven't run Kafka in production. Marcus and I talked schema drift. They'll decide by the "
    "12th.”"
)


def debrief_section(said_on: date) -> None:
    """Draw the debrief: the recorder, the text, the two ways to sort it, and the review.

    Its dates ("by Friday", "the 12th") count from ``said_on``, the day it was said at the
    interview."""
    st.header("Your debrief", divider="gray")
    st.caption(
        "Say or type how it went, person by person, in your own words: who asked what, what "
        "worried them, what you talked about, a personal moment, and when they will decide. "
        "The coach sorts it into the fields above and shows you each one before anything "
        "changes."
    )
    panel = _panel()
    settings = _sorter()
    recorder(settings, TEXT_KEY)
    st.text_area(
        "Or type it, in your own words",
        key=TEXT_KEY,
        height=150,
        placeholder=PLACEHOLDER,
        persist_state=KEEP,
    )
    if note := length_note(st.session_state.get(TEXT_KEY), SPLIT_LIMIT):
        st.caption(note)
    if not panel:
        st.info(
            "Add the names of the people you met first: the debrief is sorted by who said what.",
            icon=":material/group_add:",
        )
        return
    left, right = st.columns(2)
    if settings is not None and left.button(
        f"Sort with {settings.model}",
        icon=":material/smart_toy:",
        help=f"Sorted by {settings.describe()}; nothing changes until you check it.",
        width="stretch",
        key="notes_debrief_llm",
    ):
        _sort(panel, said_on, settings)
    if (right if settings is not None else left).button(
        "Sort offline (no LLM)",
        icon=":material/call_split:",
        width="stretch",
        key="notes_debrief_offline",
    ):
        _sort(panel, said_on, None)
    if done := st.session_state.get(ACCEPTED_KEY):
        st.success(done, icon=":material/input:")
    if problem := st.session_state.get(PROBLEM_KEY):
        st.error(problem, icon=":material/error:")
    if (review := st.session_state.get(REVIEW_KEY)) is not None:
        _show_review(review)


def _panel() -> list[Interviewer]:
    """Return the people typed so far who have a name, as interviewers the splitters read."""
    form = read()
    panel = []
    for person_id, values in form.people.items():
        try:
            panel.append(
                Interviewer(
                    id=person_id,
                    name=values.get("name") or "",
                    address_as=values.get("address_as") or "",
                    title=values.get("title") or "",
                )
            )
        except ValidationError:  # no name yet, or one the form will refuse with its reason
            continue
    return panel


def _sorter() -> llm.LLMSettings | None:
    """Return the LLM that may sort the debrief, or None when only the offline splitter can."""
    if allowance_used():
        return None
    try:
        return configured_llm()
    except llm.LLMError:  # the draft pages say what is wrong with the configuration
        return None


def _sort(panel: list[Interviewer], today: date, settings: llm.LLMSettings | None) -> None:
    """Sort the debrief with the LLM (``settings``) or offline, and keep the review to show."""
    text = (st.session_state.get(TEXT_KEY) or "").strip()
    st.session_state.pop(PROBLEM_KEY, None)
    st.session_state.pop(ACCEPTED_KEY, None)
    if not text:
        st.session_state[PROBLEM_KEY] = "Type or record your debrief first."
        return
    if len(text) > SPLIT_LIMIT:
        st.session_state[PROBLEM_KEY] = (
            f"Your debrief is {len(text):,} characters; at most {SPLIT_LIMIT:,} are sorted "
            "at once. Sort it in parts: cut the rest, sort, then paste it back. Nothing you "
            "typed is lost."
        )
        return
    if settings is None:
        company = st.session_state.get("notes_company") or ""
        debrief = split_for_panel(text, panel, today, company=company)
    else:
        report = llm.CallReport()
        try:
            with st.spinner(f"Sorting with {settings.describe()}…"):
                debrief = sort_debrief(settings, text, panel, today, report)
        except llm.LLMError as error:
            st.session_state[PROBLEM_KEY] = f"Not sorted. {escape_markdown(error.message)}"
            return
        finally:
            count_llm_use(calls=1, tokens=report.tokens or len(text) // 2)
    st.session_state[REVIEW_KEY] = proposals(read(), debrief)
    _fill_review_widgets(st.session_state[REVIEW_KEY])


def _fill_review_widgets(review: Review) -> None:
    """Start the review's widgets from the proposals: each ticked, with its proposed text."""
    for index, proposal in enumerate(review.proposals):
        st.session_state[f"notes_review_use_{index}"] = True
        st.session_state[f"notes_review_text_{index}"] = proposal.proposed
    st.session_state["notes_review_decision"] = review.decision is not None


def _show_review(review: Review) -> None:
    """Show each proposed field beside what it holds now, to tick, edit or leave out."""
    with st.container(border=True):
        st.subheader("Check where each part goes")
        if not review.proposals and review.decision is None and not review.unknown_names:
            st.info(
                "Nothing new to put in the form: the debrief adds nothing the fields do not "
                "hold already, or names no one on the panel.",
                icon=":material/info:",
            )
        else:
            st.caption(
                "Untick what is wrong and edit what is nearly right. Nothing changes until you "
                "press “Put them in the form”, and nothing is saved until you press Save."
            )
        for index, proposal in enumerate(review.proposals):
            st.checkbox(escape_markdown(proposal.label), key=f"notes_review_use_{index}")
            if proposal.current.strip():
                st.caption(f"Now: {escape_markdown(proposal.current)}")
            st.text_area(
                f"New text for {proposal.label}",
                key=f"notes_review_text_{index}",
                height=68,
                label_visibility="collapsed",
            )
        if review.decision is not None:
            st.checkbox(
                f"The decision date: {review.decision:%A} {review.decision.day} "
                f"{review.decision:%B %Y}",
                key="notes_review_decision",
            )
        for name in review.unknown_names:
            st.button(
                f"{name} is not on the panel: add {name} as a new person",
                key=f"notes_review_add_{name}",
                icon=":material/person_add:",
                on_click=_add_person,
                args=(name,),
            )
        left, right = st.columns(2)
        left.button(
            "Put them in the form",
            type="primary",
            icon=":material/input:",
            width="stretch",
            key="notes_review_accept",
            on_click=_accept,
            args=(review,),
            disabled=not review.proposals and review.decision is None,
        )
        right.button(
            "Discard this sorting",
            icon=":material/close:",
            width="stretch",
            key="notes_review_discard",
            on_click=_discard,
        )


def _accept(review: Review) -> None:
    """Put the ticked proposals (as edited) into the form's widgets, marked (a callback)."""
    state = st.session_state
    accepted = {
        proposal.path: state.get(f"notes_review_text_{index}") or ""
        for index, proposal in enumerate(review.proposals)
        if state.get(f"notes_review_use_{index}")
    }
    decision = review.decision if state.get("notes_review_decision") else None
    load(accept(read(), accepted, decision))
    remember_filled(accepted, "debrief")
    if decision is not None:
        remember_filled({DECISION_PATH: decision}, "debrief")
    labels = [proposal.label for proposal in review.proposals if proposal.path in accepted]
    labels += ["The decision date"] if decision is not None else []
    _discard()
    st.session_state[ACCEPTED_KEY] = (
        f"Put {plural(len(labels), 'field')} into the form, each marked “From your debrief”: "
        + "; ".join(escape_markdown(label) for label in labels)
        + ". Save below to keep them."
    )


def _add_person(name: str) -> None:
    """Add a name the debrief used to the panel; the debrief is sorted again by the user."""
    form, _ = with_new_person(read(), name)
    load(form)
    _discard()
    flash(
        f"Added {escape_markdown(name)} to the panel. Sort the debrief again to give them "
        "their notes.",
        ":material/person_add:",
    )


def _discard() -> None:
    """Drop the review; the debrief text stays."""
    st.session_state.pop(REVIEW_KEY, None)
    st.session_state.pop(PROBLEM_KEY, None)
