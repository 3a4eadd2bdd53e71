"""Hurried notes read as a note: shorthand spelt out, shouting calmed, the reader addressed."""

from __future__ import annotations

import pytest

from lib import phrasing
from lib.mentions import mentions
from lib.model import Application
from tests.conftest import ApplicationFactory


@pytest.mark.parametrize(
    ("note", "plain"),
    [
        ("asked abt react perf + SSR", "asked about react performance and SSR"),
        ("team of >5 engs w/ on-call", "team of more than five engineers with on-call"),
        ("HOW WOULD YOU TEACH P-VALUES??", "How would you teach p-values?"),
        ("how do you decide what NOT to build", "how do you decide what not to build"),
        ("~20% growth b/c of the re-org", "about 20% growth because of the re-org"),
        ("AWS SQS migration, R&D budget", "AWS SQS migration, R&D budget"),
        ("C++ and C# on 3+ years", "C++ and C# on 3+ years"),
    ],
)
def test_tidy_spells_out_shorthand_and_calms_shouting(note: str, plain: str) -> None:
    """Shorthand and shouting become plain words; acronyms, code names and 3+ stay."""
    assert phrasing.tidy(note) == plain


def test_the_checker_and_the_composer_read_one_shorthand_table() -> None:
    """What the composer spells out is exactly what the checker would point at."""
    spans = phrasing.shorthand_spans("met w/ the mgmt team abt budgets")
    assert [words for _, _, words in spans] == ["with", "management", "about"]
    assert phrasing.shorthand_table()["b/c"] == "because"


@pytest.mark.parametrize(
    ("note", "to_them"),
    [
        ("she also has a rescue greyhound", "you also have a rescue greyhound"),
        ("he rowed at Penn", "you rowed at Penn"),
        ("his daughter just started nursing school", "your daughter just started nursing school"),
        ("she plays on Lichess", "you play on Lichess"),
        ("I told her about it", "I told you about it"),
        ("her team adopted a cat", "your team adopted a cat"),
        ("they lost a lot of travel nurses", "you lost a lot of travel nurses"),
        ("my experience with their ERP (they use Dynamics)",
         "my experience with your ERP (you use Dynamics)"),
    ],
)  # fmt: skip
def test_notes_about_the_reader_speak_to_them(note: str, to_them: str) -> None:
    """Third person about the reader becomes second person, with the verb agreeing."""
    assert phrasing.about_the_reader(note) == to_them


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("how would you teach p-values", "how I would teach p-values"),
        ("how did you handle the outage", "how I handled the outage"),
        ("have you faced an audit directly", "whether I have faced an audit directly"),
        ("tell me about a time you pushed back", "a time I pushed back"),
        ("if the regulator asked you tomorrow", "if the regulator asked me tomorrow"),
        ("what is the last building that moved you", "the last building that moved me"),
        ("explain SHAP to a cardiologist", "explain SHAP to a cardiologist"),
    ],
)
def test_a_question_put_to_the_candidate_is_told_in_their_words(question: str, told: str) -> None:
    """The interviewer's "you" is the candidate: the note says "I", in a statement's order."""
    assert phrasing.from_the_candidate(question) == told


def test_a_long_note_is_shortened_at_a_boundary_or_not_at_all() -> None:
    """Never cut mid-phrase: the head before "and"/"because" is kept, else nothing."""
    long = "salary talk and why I am leaving my current firm after four years of working with them"
    assert phrasing.shorten(long) == "salary talk and why I am leaving my current firm"
    assert phrasing.shorten("a compliance background from my " + "very " * 20) is None
    assert phrasing.shorten("the roadmap for the") is None


@pytest.mark.parametrize(
    ("text", "is_pay"),
    [
        ("salary expectations", True),
        ("185-200k base", True),
        ("my current 98k and 8% bonus", True),
        ("notice period of three months", True),
        ("ran a $14M flagship store", False),
        ("shipped an app to 200k users", False),
        ("the Q3 roadmap", False),
    ],
)
def test_pay_in_the_notes_is_recognised(text: str, is_pay: bool) -> None:
    """Pay and notice periods are recognised, amounts that are not pay are not."""
    assert phrasing.mentions_pay(text) is is_pay


def _person_notes(make_application: ApplicationFactory, **notes: str) -> Application:
    """Return the default application whose first person has these notes."""
    return make_application(interviewers=[{"id": "p0", "name": "Ann Lee", **notes}])


def test_each_clause_is_sorted_by_kind(make_application: ApplicationFactory) -> None:
    """A question, a task, a statement and a personal moment each get a kind of their own."""
    app = _person_notes(
        make_application,
        asked="how would you scale the team; case: estimate the market for coffee in Japan",
        discussed="turnover on 4 West is 28%",
        personal_touch="has a 3 legged greyhound called Biscuit",
    )
    found = {(m.field, m.form, m.text) for m in mentions(app, app.interviewers[0], "thank_you")}
    assert ("asked", "question", "how I would scale the team") in found
    assert ("asked", "task", "estimate the market for coffee in Japan") in found
    assert ("discussed", "statement", "turnover on 4 West is 28%") in found
    assert ("personal_touch", "statement", "you have a 3 legged greyhound called Biscuit") in found


def test_pay_fragments_and_gaps_are_never_mentioned(make_application: ApplicationFactory) -> None:
    """Salary notes, template gaps and clause tails ("not a district") are left out."""
    app = _person_notes(
        make_application,
        asked="Salary expectations, notice period",
        concerns="I've only managed one store, not a district",
        discussed="[Name] said hi",
    )
    texts = [m.text for m in mentions(app, app.interviewers[0], "thank_you")]
    assert texts == ["I've only managed one store"]


def test_a_shouted_question_that_goes_on_stays_one_clause() -> None:
    """ "HOW WOULD YOU TEACH P-VALUES?? to first years" is one question, never "to first years"
    on its own; a "+" after it joins as "and"."""
    assert phrasing.clauses("HOW WOULD YOU TEACH P-VALUES?? to first years who hate maths") == [
        "How would you teach p-values to first years who hate maths"
    ]
    assert phrasing.clauses("what would u cut from the MVP?? + how to measure success") == [
        "what would you cut from the MVP and how to measure success"
    ]
    assert phrasing.clauses("What breaks at 10x? Then the fix") == [
        "What breaks at 10x",
        "Then the fix",
    ]
