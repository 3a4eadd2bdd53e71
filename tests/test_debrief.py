"""The offline debrief splitter: what the user says after an interview, sorted into notes.

Right after the interview the user types or dictates a debrief ("Priya asked how I'd move their
batch jobs to streaming, she's worried I haven't run Kafka in production; ..."). The splitter
gives each person their questions, concerns, topics and personal moments, the application how
it went and the decision date, and names the people the panel does not have yet. The debriefs
in tests/data/debriefs/ say exactly what each should become; the property tests say what holds
for any text: no crash, only the panel's people, and nothing the user said lost.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.debrief import (
    APPLICATION_FIELDS,
    PERSON_FIELDS,
    SPLIT_LIMIT,
    Debrief,
    split_debrief,
    split_for_panel,
)
from lib.debrief_cues import DROPPED_WORDS
from lib.debrief_names import common_words, fold
from lib.model import Application, Interviewer

DEBRIEFS = sorted((Path(__file__).parent / "data" / "debriefs").glob("*.json"))
WEDNESDAY = date(2026, 11, 18)
PANEL = (
    Interviewer(id="priya", name="Priya Raman"),
    Interviewer(id="marcus", name="Marcus Webb"),
    Interviewer(id="sean", name="Seán Ó Briain"),
)


def _load(path: Path) -> dict[str, Any]:
    """Read one debrief fixture."""
    return json.loads(path.read_text(encoding="utf-8"))


def _panel(fixture: dict[str, Any]) -> list[Interviewer]:
    """Return a fixture's panel as interviewers."""
    return [Interviewer(**person) for person in fixture["panel"]]


def _split(fixture: dict[str, Any]) -> Debrief:
    """Split a fixture's debrief as the notes page would."""
    today = date.fromisoformat(fixture["today"])
    return split_for_panel(
        fixture["text"], _panel(fixture), today, company=fixture.get("company", "")
    )


def _words(text: str) -> set[str]:
    """Return the words of a text as names are compared (any case, any accents), without
    "'s", "'ll" and the like ("she's" is "she", "Priya's" is "priya"; "wasn't" stays)."""
    words = (fold(word) for word in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text))
    return {re.sub(r"'(?:s|re|ll|d|ve)$", "", word) for word in words}


def _lost_words(text: str, panel: list[Interviewer], debrief: Debrief) -> set[str]:
    """Return the content words of a debrief that no note has: not names, cue words, fillers,
    date words or the project's stop words."""
    names = _words(" ".join(f"{person.name} {person.address_as}" for person in panel))
    content = {w for w in _words(text) if len(w) >= 3} - names - DROPPED_WORDS - common_words()
    notes = [*debrief.application.values()]
    notes += [note for fields in debrief.people.values() for note in fields.values()]
    return content - _words(" ".join(notes))


# --- the debriefs, one by one -------------------------------------------------------------------


@pytest.mark.parametrize("path", DEBRIEFS, ids=[path.stem for path in DEBRIEFS])
def test_debrief_becomes_the_notes_it_says(path: Path) -> None:
    """Each written debrief turns into exactly the notes, date and new names it expects."""
    fixture = _load(path)
    expected = fixture["expected"]
    decision = expected["decision_date"]
    assert _split(fixture) == Debrief(
        people=expected["people"],
        application=expected["application"],
        decision_date=date.fromisoformat(decision) if decision else None,
        unknown_names=tuple(expected["unknown_names"]),
    )


@pytest.mark.parametrize("path", DEBRIEFS, ids=[path.stem for path in DEBRIEFS])
def test_nothing_said_is_lost(path: Path) -> None:
    """Every content word of a written debrief is in some note."""
    fixture = _load(path)
    assert _lost_words(fixture["text"], _panel(fixture), _split(fixture)) == set()


def test_the_brief_example() -> None:
    """The example the feature was designed on, as the notes page shows it."""
    text = (
        "Priya asked how I'd move their batch jobs to streaming, she's worried I haven't run "
        "Kafka in production; Marcus and I talked schema drift; both seemed to like the dbt "
        "story; they'll decide by the 12th"
    )
    debrief = split_for_panel(text, PANEL, WEDNESDAY)
    assert debrief.people == {
        "priya": {
            "asked": "how I'd move their batch jobs to streaming",
            "concerns": "I haven't run Kafka in production",
        },
        "marcus": {"discussed": "schema drift"},
    }
    assert debrief.application == {"went_well": "both seemed to like the dbt story"}
    assert debrief.decision_date == date(2026, 12, 12)


# --- the decision date ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("by the 12th", date(2026, 12, 12)),
        ("on the 18th", WEDNESDAY),  # today is the 18th: on or after today
        ("by the 31st", date(2026, 12, 31)),  # November has no 31st
        ("by Friday", date(2026, 11, 20)),
        ("by Wednesday", date(2026, 11, 25)),  # today is Wednesday: the next one
        ("next Friday", date(2026, 11, 27)),  # the Friday of next week
        ("next Monday", date(2026, 11, 23)),
        ("in two weeks", date(2026, 12, 2)),
        ("within 2 weeks", date(2026, 12, 2)),
        ("in 10 days", date(2026, 11, 28)),
        ("in a couple of weeks", date(2026, 12, 2)),
        ("within the next 3 months", date(2027, 2, 18)),
        ("by the end of the week", date(2026, 11, 20)),
        ("at the end of next week", date(2026, 11, 27)),
        ("by end of the month", date(2026, 11, 30)),
        ("by the end of next month", date(2026, 12, 31)),
        ("by December 12", date(2026, 12, 12)),
        ("by Dec 3rd", date(2026, 12, 3)),
        ("by 12 December", date(2026, 12, 12)),
        ("by November 2", date(2027, 11, 2)),  # passed this year: next year's
        ("on the 3rd of January", date(2027, 1, 3)),
        ("by January 3rd, 2027", date(2027, 1, 3)),
        ("by 12/15", date(2026, 12, 15)),
        ("by 1/5/27", date(2027, 1, 5)),
        ("by 2/29", date(2028, 2, 29)),  # the next leap year
        ("by 2027-01-15", date(2027, 1, 15)),
        ("tomorrow", date(2026, 11, 19)),
        ("by 2/30", None),  # no such day
        ("by 15/12", None),  # day/month is not read: 15 is no month
        ("by 12/15/2025", None),  # already past
        ("soon", None),
    ],
)
def test_decision_date_phrases(phrase: str, expected: date | None) -> None:
    """Each way of saying when they decide gives that day, counted from the debrief's day;
    the clause that only says it is no note."""
    debrief = split_for_panel(f"They'll let me know {phrase}.", PANEL, WEDNESDAY)
    assert debrief.decision_date == expected
    if expected is not None:
        assert debrief.application == {}
        assert debrief.people == {}


def test_a_date_that_is_not_the_decision_is_no_decision_date() -> None:
    """A start date or a deadline for a take-home is not when they decide."""
    text = "I could start on the 3rd of January. The take-home is due by Friday."
    debrief = split_for_panel(text, PANEL, WEDNESDAY)
    assert debrief.decision_date is None
    assert debrief.application == {
        "stood_out": "I could start on the 3rd of January; the take-home is due by Friday"
    }


def test_the_first_decision_date_counts() -> None:
    """Two dates for the decision: the first said is the one kept."""
    text = "They'll decide by Friday. Priya said we should hear back by December 12."
    assert split_for_panel(text, PANEL, WEDNESDAY).decision_date == date(2026, 11, 20)


# --- names ------------------------------------------------------------------------------------


def test_a_name_that_is_also_a_word_counts_only_when_capitalised() -> None:
    """Will is on the panel; "I will send the slides" is not about him."""
    panel = [Interviewer(id="will", name="Will Turner"), Interviewer(id="ana", name="Ana Lima")]
    debrief = split_for_panel(
        "Will asked about caching. I will send the slides tonight.", panel, WEDNESDAY
    )
    assert debrief.people == {"will": {"asked": "caching"}}
    assert debrief.application == {"stood_out": "I will send the slides tonight"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Dana from HR asked about my notice period.", ("Dana",)),
        ("I also met Tom.", ("Tom",)),
        ("Lena from the data team joined at the end.", ("Lena",)),
        ("I had coffee with Sarah Connor afterwards.", ("Sarah Connor",)),
        ("On Monday Kevin asked about my visa. Kevin said hi.", ("Kevin",)),
        ("Tom from Stripe said hi. Nobody asked about my CV.", ("Tom",)),
        ("I moved to Berlin from London last year.", ()),  # places
        ("I learned Rust from scratch.", ()),
        ("Python came up, then AWS said nothing about Kafka.", ()),  # tech words, acronyms
        ("Overall, Priya liked it. Then Marcus asked about May.", ()),  # common words, a month
    ],
)
def test_new_names_are_people_the_text_talks_of(text: str, names: tuple[str, ...]) -> None:
    """A capitalised word is a new person only where the text uses it as one."""
    assert split_for_panel(text, PANEL, WEDNESDAY).unknown_names == names


def test_adding_the_new_name_moves_their_clauses_to_them() -> None:
    """The page offers "add Dana"; split again with her on the panel, her question is hers."""
    text = "Dana from HR asked about my notice period, she said the team is growing."
    before = split_for_panel(text, PANEL, WEDNESDAY)
    assert before.unknown_names == ("Dana",)
    assert before.application == {
        "stood_out": "Dana from HR asked about my notice period; she said the team is growing"
    }
    dana = Interviewer(id="dana", name="Dana Fox")
    after = split_for_panel(text, [*PANEL, dana], WEDNESDAY)
    assert after.unknown_names == ()
    assert after.people == {  # "from HR" says who she is: the clause is kept whole
        "dana": {
            "asked": "Dana from HR asked about my notice period",
            "discussed": "the team is growing",
        }
    }


def test_split_debrief_never_takes_the_company_for_a_person() -> None:
    """For a saved application the company is known: "Northwind asked" is no new person."""
    app = Application(
        company="Northwind",
        role="Data Engineer",
        interview_at=datetime(2026, 11, 18, 15, 0, tzinfo=UTC),
        timezone="Europe/London",
        interviewers=list(PANEL),
    )
    text = "Northwind asked for two references. Dana asked about my notice period."
    debrief = split_debrief(text, app, WEDNESDAY)
    assert debrief == split_for_panel(text, PANEL, WEDNESDAY, company="Northwind")
    assert debrief.unknown_names == ("Dana",)
    assert split_for_panel(text, PANEL, WEDNESDAY).unknown_names == ("Northwind", "Dana")


# --- edges ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n", ".;,", "um, so"])
def test_an_empty_debrief_gives_nothing(text: str) -> None:
    """Nothing said, nothing sorted."""
    assert split_for_panel(text, PANEL, WEDNESDAY) == Debrief({}, {}, None, ())


def test_a_very_long_debrief_is_split_up_to_the_limit_and_kept_after_it() -> None:
    """A 20,000-character paste is split; what comes after the limit is kept as it is."""
    sentence = "Priya asked about streaming. "
    head = sentence * (SPLIT_LIMIT // len(sentence) + 1)
    tail = "Marcus asked about dbt."
    debrief = split_for_panel(head + tail, PANEL, WEDNESDAY)
    assert debrief.people["priya"] == {"asked": "streaming"}
    assert debrief.application["stood_out"].endswith(tail)
    assert "marcus" not in debrief.people


# --- for any text ---------------------------------------------------------------------------

_SUBJECTS = (
    "Priya", "priya", "Marcus", "Marcus and I", "Seán", "sean", "Priya's", "Dr. Webb", "Dana",
    "she", "she's", "he", "they", "we", "I", "both", "everyone", "the panel", "so", "",
)  # fmt: skip
_CUES = (
    "asked", "asked about", "asked if", "wanted to know", "quizzed me on", "had me walk through",
    "was worried that", "wasn't sure", "pushed back on", "had doubts about", "talked about",
    "discussed", "seemed to like", "blanked on", "should have", "said", "mentioned",
    "recommended", "has", "is also from", "said they'll decide", "",
)  # fmt: skip
_WORDS = st.sampled_from(
    "kafka streaming roadmap budget greyhound Lisbon migration latency on-call dog podcast the "
    "my their Biscuit".split()
) | st.from_regex(r"[a-z]{3,10}", fullmatch=True)
_DATES = ("", "by the 12th", "next Friday", "in two weeks", "12/15", "by December 12")
_SEPARATORS = (". ", "; ", ", ", " and ", " and then ", "\n", " - ", "! ", "? ", " ")
_CLAUSES = st.builds(
    lambda subject, cue, words, when: " ".join(filter(None, (subject, cue, *words, when))),
    st.sampled_from(_SUBJECTS),
    st.sampled_from(_CUES),
    st.lists(_WORDS, min_size=1, max_size=5),
    st.sampled_from(_DATES),
)
DEBRIEF_TEXTS = st.lists(st.tuples(_CLAUSES, st.sampled_from(_SEPARATORS)), max_size=8).map(
    lambda parts: "".join(clause + separator for clause, separator in parts)
)


def _assert_well_formed(debrief: Debrief, panel: tuple[Interviewer, ...]) -> None:
    """Only the panel's ids and the known fields, never an empty note, no panel name as new."""
    assert set(debrief.people) <= {person.id for person in panel}
    assert all(fields and set(fields) <= set(PERSON_FIELDS) for fields in debrief.people.values())
    assert set(debrief.application) <= set(APPLICATION_FIELDS)
    notes = [*debrief.application.values()]
    notes += [note for fields in debrief.people.values() for note in fields.values()]
    assert all(note.strip() for note in notes)
    panel_words = _words(" ".join(person.name for person in panel))
    assert not any(_words(name) & panel_words for name in debrief.unknown_names)
    assert debrief.decision_date is None or debrief.decision_date >= WEDNESDAY


@given(DEBRIEF_TEXTS)
def test_no_content_word_of_a_debrief_is_lost(text: str) -> None:
    """However the clauses, names, cues, dates and separators come together, every content
    word the user said is in some note."""
    debrief = split_for_panel(text, PANEL, WEDNESDAY)
    _assert_well_formed(debrief, PANEL)
    assert _lost_words(text, list(PANEL), debrief) == set()


@given(st.text(max_size=600))
def test_any_text_splits_without_error(text: str) -> None:
    """Any text at all, stray marks and scripts included, gives well-formed notes."""
    _assert_well_formed(split_for_panel(text, PANEL, WEDNESDAY), PANEL)


@given(st.lists(st.sampled_from([*_SUBJECTS, *_CUES, "\x00", "’s", ",", "."]), max_size=30))
def test_any_mix_of_names_and_cues_splits_without_error(words: list[str]) -> None:
    """Names, cue words and marks in any order give well-formed notes."""
    _assert_well_formed(split_for_panel(" ".join(words), PANEL, WEDNESDAY), PANEL)
