"""The offline composer: specific, distinct notes that pass the checker for any application."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.compose import compose_follow_up, compose_thank_you, snippet
from lib.model import Application, Sender
from lib.review import errors, review, similarity, split_draft
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
    lambda first, particle, last, emoji: " ".join(
        part for part in (first, particle, last, emoji) if part
    ),
    _word.map(str.capitalize),
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
            "interview_at": datetime(2026, 11, 16, 15, tzinfo=UTC) + timedelta(hours=draw(
                st.integers(0, 2000))),
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
        assert errors(found) == [], (text, found)
        written.append(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applications())
def test_every_follow_up_passes_the_checker_and_differs_from_the_thank_you(
    app: Application,
) -> None:
    """A follow-up is checked against that person's thank-you (F2, T4) and has no error."""
    for person in app.interviewers:
        thank_you = compose_thank_you(app, person, SENDER)
        text = compose_follow_up(app, person, SENDER)
        found = review(text, app, person, [thank_you], SENDER.name, kind="follow_up")
        assert errors(found) == [], (text, found)


# --- examples --------------------------------------------------------------------------------


def test_two_people_on_one_panel_get_different_notes(make_application: ApplicationFactory) -> None:
    """Priya and Seán get different structure and wording, not a name swap."""
    app = make_application()
    priya, sean = (compose_thank_you(app, person, SENDER) for person in app.interviewers)
    assert similarity(priya, sean, app, SENDER.name) < 0.2
    body = slice(*split_draft(priya).body)
    assert priya[body].split(".")[0] != sean[slice(*split_draft(sean).body)].split(".")[0]


def test_the_note_quotes_that_persons_conversation(make_application: ApplicationFactory) -> None:
    """Priya's note mentions her question; Seán's mentions his concern, not Priya's notes."""
    app = make_application()
    priya, sean = (compose_thank_you(app, person, SENDER) for person in app.interviewers)
    assert "nightly batch jobs to streaming" in priya
    assert "Kafka in production" in sean
    assert "batch jobs" not in sean


def test_formal_office_gets_full_name_and_formal_sign_off(
    make_application: ApplicationFactory,
) -> None:
    """A formal office (T12) is greeted by full name and signed off formally."""
    app = make_application(culture="formal")
    text = compose_thank_you(app, app.interviewers[0], SENDER)
    assert "Dear Priya Raghunathan," in text
    assert "Kind regards," in text


def test_casual_office_gets_first_name(make_application: ApplicationFactory) -> None:
    """A casual office is greeted by first name."""
    app = make_application(culture="casual")
    assert "Hi Priya," in compose_thank_you(app, app.interviewers[0], SENDER)


def test_email_has_a_subject_and_contact_lines_a_card_has_neither(
    make_application: ApplicationFactory,
) -> None:
    """Email gets a subject line and contact details; a handwritten card gets neither (T13)."""
    email = compose_thank_you(make_application(), make_application().interviewers[0], SENDER)
    card_app = make_application(channel="handwritten")
    card = compose_thank_you(card_app, card_app.interviewers[0], SENDER)
    assert email.startswith("Subject: ")
    assert "alex@example.com" in email
    assert not card.startswith("Subject:")
    assert "alex@example.com" not in card
    assert card.rstrip().endswith("Alex Morgan")


def test_no_sender_name_means_no_invented_name(make_application: ApplicationFactory) -> None:
    """Without the user's name the note ends with the sign-off, never a made-up name."""
    app = make_application()
    text = compose_thank_you(app, app.interviewers[0], Sender())
    assert text.rstrip().endswith("Best regards,")


def test_follow_up_mentions_the_decision_date(make_application: ApplicationFactory) -> None:
    """With a decision date, the follow-up refers to it when asking about the timeline."""
    app = make_application(decision_date="2026-11-27")
    text = compose_follow_up(app, app.interviewers[0], SENDER)
    assert "Friday 27 November" in text


def test_snippet_skips_template_gaps_and_trims_long_sentences() -> None:
    """Quoted notes never carry a template gap, and stay short."""
    assert snippet("[Name] said hi. We discussed the Kafka migration plan") == (
        "we discussed the Kafka migration plan"
    )
    long = "We talked " + " ".join(["about the migration of many many services"] * 5)
    quoted = snippet(long)
    assert quoted is not None
    assert len(quoted.split()) <= 14
    assert snippet("ok ok ok") is None


def test_a_follow_up_keeps_its_capital_i_after_the_decision_date(
    make_application: ApplicationFactory,
) -> None:
    """The question after "You mentioned a decision around ..." keeps "I" a capital letter."""
    people = [
        {"id": f"p{n}", "name": name} for n, name in enumerate(["Ann Lee", "Bo Kim", "Cy Diaz"])
    ]
    app = make_application(decision_date="2026-11-27", interviewers=people)
    text = compose_follow_up(app, app.interviewers[2], SENDER)
    assert "; I would be glad" in text
    assert errors(review(text, app, app.interviewers[2], kind="follow_up")) == []
