"""The offline composer: specific, distinct notes that pass the checker for any application."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import compose, phrasing
from lib.compose import compose_follow_up, compose_thank_you
from lib.guidance import NOTE_LENGTH
from lib.mentions import fit_clause
from lib.model import Application, Sender
from lib.review import WRITING_WARNINGS, Finding, review, split_draft
from tests.conftest import ApplicationFactory

SENDER = Sender(name="Alex Morgan", email="alex@example.com", phone="+1 555 0100")

# --- strategies -----------------------------------------------------------------------------

_LETTERS = st.characters(categories=("Lu", "Ll"), min_codepoint=65, max_codepoint=0x24F)
_word = st.text(_LETTERS, min_size=1, max_size=12)
_english = st.sampled_from(
    "migrate streaming pipelines marathon Kafka roadmap hiring budget customers latency "
    "the how we our design onboarding Chicago Dagster weekend dog testing reliability".split()
)
_noise = st.sampled_from(
    ["[Name]", "{company}", "<role>", "XXX", "TODO", "<script>alert(1)</script>", "**bold**",
     "🎉", "42", "Q3", "e-mail", "O'Brien's", "—", "…", "\n", ";", "!", "?", "ünïcödé"]
)  # fmt: skip
_note = st.lists(st.one_of(_english, _word, _noise), max_size=40).map(" ".join)
_name = st.builds(
    lambda honorific, first, particle, last, emoji: " ".join(
        part for part in (honorific, first, particle, last, emoji) if part
    ),
    st.sampled_from(["", "", "Dr.", "Prof.", "Ms.", "Mr."]),
    st.one_of(_word.map(str.capitalize), st.sampled_from(["Jean-Luc", "Mary-Kate", "Siobhán"])),
    st.sampled_from(["", "", "van der", "de la", "O'", "al"]),
    _word.map(str.capitalize),
    st.sampled_from(["", "", "", "🌟"]),
).map(lambda name: name.replace("O' ", "O'"))


@st.composite
def applications(draw: st.DrawFn) -> Application:
    """Draw a valid application with one to six people and notes full of odd text."""
    names = draw(st.lists(_name, min_size=1, max_size=6, unique_by=lambda n: n.casefold().strip()))
    people: list[dict[str, Any]] = [
        {
            "id": f"p{index}",
            "name": name,
            "title": draw(st.sampled_from(["", "CTO", "Head of Data", "Senior Engineer"])),
            "is_recruiter": draw(st.booleans()),
            "asked": draw(_note),
            "concerns": draw(_note),
            "discussed": draw(_note),
            "personal_touch": draw(_note),
        }
        for index, name in enumerate(names)
    ]
    return Application.model_validate(
        {
            "company": draw(st.one_of(_word, _english)).capitalize() + " " + draw(_word),
            "role": draw(st.sampled_from(["Data Engineer", "Associate", "Counsel", "UX Lead"])),
            "interview_at": (interview := datetime(2026, 11, 16, 15, tzinfo=UTC) + timedelta(
                hours=draw(st.integers(0, 2000)))),
            "decision_date": (interview + timedelta(days=10)).date() if draw(st.booleans())
            else None,
            "timezone": draw(st.sampled_from(["America/New_York", "Europe/London", "Asia/Tokyo"])),
            "culture": draw(st.sampled_from(["casual", "standard", "formal"])),
            "channel": draw(st.sampled_from(["email", "handwritten"])),
            "fit_points": draw(_note),
            "interviewers": people,
        }
    )  # fmt: skip


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applications(), st.booleans())
def test_every_thank_you_passes_the_checker_with_no_error(app: Application, signed: bool) -> None:
    """Whatever the notes hold, each person's thank-you has no error, alone or beside the others."""
    sender = SENDER if signed else Sender()
    written: list[str] = []
    for person in app.interviewers:
        text = compose_thank_you(app, person, sender)
        found = review(text, app, person, others=written, sender_name=sender.name)
        assert _faults(found) == [], (text, found)
        assert not any(_shared_run(text, other, app) for other in written), text
        written.append(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applications())
def test_every_follow_up_passes_the_checker_and_differs_from_the_thank_you(
    app: Application,
) -> None:
    """A follow-up is checked against that person's thank-you (F2, T4) and has no error."""
    follow_ups: list[str] = []
    for person in app.interviewers:
        thank_you = compose_thank_you(app, person, SENDER)
        text = compose_follow_up(app, person, SENDER)
        found = review(text, app, person, [thank_you], SENDER.name, kind="follow_up")
        assert _faults(found) == [], (text, found)
        assert not any(_shared_run(text, other, app) for other in [thank_you, *follow_ups]), text
        follow_ups.append(text)


def _faults(findings: list[Finding]) -> list[Finding]:
    """Return the errors and the writing warnings (shorthand, third person ...) of a review."""
    return [f for f in findings if f.severity == "error" or f.code in WRITING_WARNINGS]


def _shared_run(text: str, other: str, app: Application) -> str:
    """Return a run of 8 words two notes share, names aside ("" when there is none)."""
    names = {w.casefold() for p in app.interviewers for w in re.findall(r"\w+", p.name)}
    names |= {w.casefold() for w in re.findall(r"\w+", SENDER.name)}

    def runs(note: str) -> set[tuple[str, ...]]:
        body = note[slice(*split_draft(note).body)]
        words = ["·" if w.casefold() in names else w.casefold() for w in re.findall(r"\w+", body)]
        return {tuple(words[i : i + compose.SHARED_RUN_WORDS]) for i in range(len(words))}

    shared = {run for run in runs(text) & runs(other) if len(run) == compose.SHARED_RUN_WORDS}
    return " ".join(min(shared)) if shared else ""


# --- examples --------------------------------------------------------------------------------


def _app(make_application: ApplicationFactory, **people: dict[str, Any]) -> Application:
    """Return the default application with the given people (name -> their notes)."""
    panel = [
        {"id": f"p{i}", "name": name, **notes} for i, (name, notes) in enumerate(people.items())
    ]
    return make_application(interviewers=panel)


def _body(text: str) -> str:
    """Return the body of a note, on one line."""
    return " ".join(text[slice(*split_draft(text).body)].split())


@pytest.mark.parametrize(
    ("name", "culture", "greeting"),
    [
        ("Dr. Kwame Mensah", "standard", "Dear Kwame,"),
        ("Dr. Kwame Mensah", "formal", "Dear Dr. Mensah,"),
        ("Jean-Luc Martin", "casual", "Hi Jean-Luc,"),
        ("Mary-Kate Olsen", "casual", "Hi Mary-Kate,"),
        ("Prof. Sipho Dlamini", "casual", "Hi Sipho,"),
        ("Ms. Olivia Wright-Patel", "formal", "Dear Ms. Wright-Patel,"),
        ("Olivia Wright-Patel", "formal", "Dear Olivia Wright-Patel,"),
        ("María José Fernández", "standard", "Dear María José,"),
    ],
)
def test_each_person_is_greeted_as_they_would_be_addressed(
    make_application: ApplicationFactory, name: str, culture: str, greeting: str
) -> None:
    """Never "Dear Dr," or "Hi Jean,": the whole given name, or the honorific and family name."""
    app = make_application(culture=culture, interviewers=[{"id": "p0", "name": name}])
    assert f"\n{greeting}\n" in compose_thank_you(app, app.interviewers[0], SENDER)


def test_a_greeting_the_user_set_is_used(make_application: ApplicationFactory) -> None:
    """Nguyễn Minh Khai is greeted as the user says: "Dear Khai," not "Dear Nguyễn,"."""
    khai = {"id": "p0", "name": "Nguyễn Minh Khai", "address_as": "Khai", "asked": "our data model"}
    app = make_application(interviewers=[khai])
    assert "\nDear Khai,\n" in compose_thank_you(app, app.interviewers[0], SENDER)


def test_notes_about_the_reader_are_written_to_them(make_application: ApplicationFactory) -> None:
    """ "she also has a rescue greyhound" becomes "you also have a rescue greyhound"."""
    notes = {"discussed": "the new CMS", "personal_touch": "she also has a rescue greyhound"}
    app = _app(make_application, **{"Megan Ross": notes})
    body = _body(compose_thank_you(app, app.interviewers[0], SENDER))
    assert "you also have a rescue greyhound" in body
    assert not re.search(r"\b(she|her|he|his)\b", body)


def test_shorthand_and_shouting_become_plain_words(make_application: ApplicationFactory) -> None:
    """ "asked abt react perf + SSR" and "HOW WOULD YOU TEACH P-VALUES??" read as sentences."""
    app = _app(
        make_application,
        **{"Ann Lee": {"asked": "abt react perf + SSR"},
           "Bo Kim": {"asked": "HOW WOULD YOU TEACH P-VALUES??"}},
    )  # fmt: skip
    ann, bo = (_body(compose_thank_you(app, p, SENDER)) for p in app.interviewers)
    assert "react performance and SSR" in ann
    assert "abt" not in ann
    assert "+" not in ann
    assert "how I would teach p-values" in bo
    assert "TEACH" not in bo
    assert "??" not in bo


def test_more_than_five_is_written_out() -> None:
    """ ">5" in the notes reads "more than five" in the note."""
    assert phrasing.tidy("a team of >5 engineers") == "a team of more than five engineers"


def test_pay_stays_out_and_a_recruiter_is_thanked_for_the_process(
    make_application: ApplicationFactory,
) -> None:
    """A recruiter who asked about salary and notice period is thanked for explaining the
    process; pay is never mentioned in a thank-you."""
    app = make_application(interviewers=[{"id": "p0", "name": "Kelsey Moreno",
        "is_recruiter": True, "asked": "Salary expectations, notice period"}])  # fmt: skip
    body = _body(compose_thank_you(app, app.interviewers[0], SENDER))
    assert not re.search(r"salary|notice period|pay\b", body, re.IGNORECASE)
    assert "process" in body


def test_a_long_note_is_never_quoted_cut_mid_phrase(make_application: ApplicationFactory) -> None:
    """A note too long to quote is shortened at a clause boundary, or left out, never cut."""
    long = ("why I am leaving my current firm after four years of working on the same accounts "
            "in the same region with the same partners")  # fmt: skip
    app = _app(make_application, **{"Ann Lee": {"asked": long, "discussed": "the audit plan"}})
    body = _body(compose_thank_you(app, app.interviewers[0], SENDER))
    assert "after four." not in body
    for sentence in re.split(r"(?<=[.!?])\s+", body):
        assert sentence.rstrip(".!?").split()[-1].casefold() not in phrasing.DANGLING


def test_a_concern_is_answered_with_the_closest_fit_point(
    make_application: ApplicationFactory,
) -> None:
    """They worried about night-shift leadership: the note speaks to it with the fit point on
    night shifts, not the first one listed (T8)."""
    app = make_application(
        fit_points="trained 20 new grads; led the night shift team of 12 nurses for two years",
        interviewers=[{"id": "p0", "name": "Ann Lee", "asked": "falls prevention",
                       "concerns": "limited night-shift leadership"}],
    )  # fmt: skip
    body = _body(compose_thank_you(app, app.interviewers[0], SENDER))
    assert "night-shift leadership" in body
    assert "I led the night shift team of 12 nurses for two years" in body


@pytest.mark.parametrize(
    ("point", "clause"),
    [
        ("led two PPAP submissions", "I led two PPAP submissions"),
        ("charge nurse for 6 years", "I worked as a charge nurse for 6 years"),
        ("3 yrs head teller", "I spent 3 years as a head teller"),
        ("five years advising employers", "I spent five years advising employers"),
        ("MBA from Tuck", "I hold an MBA from Tuck"),
        ("CFA Level I passed", "I passed CFA Level I"),
        ("fluent German and English", "I speak fluent German and English"),
        ("comfortable with Next.js", "I am comfortable with Next.js"),
    ],
)
def test_fit_points_become_sentences_about_the_candidate(point: str, clause: str) -> None:
    """A fit point in note form becomes a clause in the first person."""
    assert fit_clause(point) == clause


def test_a_panel_shares_no_passage_of_eight_words(make_application: ApplicationFactory) -> None:
    """Five people on one panel with the same kind of notes: no two of their thank-yous, and
    no two follow-ups (the decision-date sentence included), share eight words in a row."""
    people = {f"Person {n} Smith": {"asked": "how I would scale the team"} for n in "ABCDE"}
    app = _app(make_application, **people)
    app = app.model_copy(update={"decision_date": app.interview_at.date()})
    for write in (compose_thank_you, compose_follow_up):
        notes = [write(app, person, SENDER) for person in app.interviewers]
        for i, note in enumerate(notes):
            for other in notes[:i]:
                assert _shared_run(note, other, app) == "", (note, other)


def test_a_card_is_shorter_and_has_no_subject(make_application: ApplicationFactory) -> None:
    """A handwritten card (T13) has no subject line and no contact lines, stays within a
    card's room, and says less than the email to a person with a lot to say."""
    email_app = make_application()
    card_app = make_application(channel="handwritten")
    email = compose_thank_you(email_app, email_app.interviewers[0], SENDER)
    card = compose_thank_you(card_app, card_app.interviewers[0], SENDER)
    assert email.startswith("Subject: ")
    assert not card.startswith("Subject:")
    assert "alex@example.com" in email
    assert "alex@example.com" not in card
    assert len(_body(card).split()) <= NOTE_LENGTH.card_max_words
    talkative = {"asked": "how I would scale the data team", "discussed": "their dbt models",
                 "personal_touch": "we both ran the Chicago marathon",
                 "concerns": "whether I have run Kafka in production"}  # fmt: skip
    long_email, long_card = (
        compose_thank_you(made, made.interviewers[0], SENDER)
        for made in (
            _app(make_application, **{"Ann Lee": talkative}),
            _app(make_application, **{"Ann Lee": talkative}).model_copy(
                update={"channel": "handwritten"}
            ),
        )
    )
    assert len(_body(long_card).split()) < len(_body(long_email).split())


def test_one_person_switched_to_email_gets_an_email(make_application: ApplicationFactory) -> None:
    """On a card panel, the person whose channel the user set to email gets a subject line."""
    app = make_application(channel="handwritten")
    person = app.interviewers[0].model_copy(update={"channel": "email"})
    app = app.model_copy(update={"interviewers": [person, *app.interviewers[1:]]})
    assert compose_thank_you(app, person, SENDER).startswith("Subject: ")


def test_no_sender_name_means_no_invented_name(make_application: ApplicationFactory) -> None:
    """Without the user's name the note ends with the sign-off, never a made-up name."""
    app = make_application()
    assert compose_thank_you(app, app.interviewers[0], Sender()).rstrip().endswith(
        "Best regards,")  # fmt: skip


def test_follow_up_mentions_the_decision_date(make_application: ApplicationFactory) -> None:
    """With a decision date, the follow-up refers to it when asking about the timeline."""
    app = make_application(decision_date="2026-11-27")
    assert "Friday 27 November" in compose_follow_up(app, app.interviewers[0], SENDER)


def test_the_follow_up_differs_from_the_thank_you_actually_sent(
    make_application: ApplicationFactory,
) -> None:
    """Given the thank-you the user really sent, the follow-up shares no passage with it."""
    app = make_application()
    sent = compose_thank_you(app, app.interviewers[0], SENDER)
    follow_up = compose_follow_up(app, app.interviewers[0], SENDER, thank_you=sent)
    assert _shared_run(follow_up, sent, app) == ""
