"""Capture in two minutes, through the notes page (AppTest): an invitation fills the form, a
debrief is sorted (offline, or by a loopback LLM server), reviewed and put in, then saved; and
every bad input says why while keeping what was typed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.debrief import SPLIT_LIMIT
from lib.store import Store
from tests.conftest import Speak, shown
from tests.fake_openai import TRANSCRIPTION_PATH, FakeOpenAI, reply, status, transcription

ROOT = Path(__file__).resolve().parent.parent
NOTES = str(ROOT / "pages" / "notes.py")
CHECKLIST = str(ROOT / "pages" / "checklist.py")
THANK_YOU = str(ROOT / "pages" / "thank_you.py")
INVITES = ROOT / "tests" / "data" / "invites"
NOW = datetime(2026, 11, 17, 17, 0, tzinfo=UTC)  # noon in New York, an hour after the interview
UPLOADER = "Invitation file"
ME = "jane.doe@example.com"
DEBRIEF = (
    "Priya asked how I'd move their batch jobs to streaming, she's worried I haven't run Kafka "
    "in production. Dana and I talked about the on-call rotation. They'll decide by the 24th."
)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Stop the app's clock at ``NOW``."""
    monkeypatch.setattr("lib.ui_support.now", lambda: NOW)
    return NOW


@pytest.fixture(autouse=True)
def me(store: Store) -> str:
    """The user's own email, as Settings keeps it (so their invitation entry is left out)."""
    store.save_sender(store.get_sender().model_copy(update={"email": ME}))
    return ME


def run(at: AppTest) -> AppTest:
    """Run the page, failing on any exception."""
    at.run()
    assert not at.exception, at.exception
    return at


def open_notes() -> AppTest:
    """Open the notes page for a new interview, in a New York browser."""
    at = AppTest.from_file(NOTES, default_timeout=30)
    at.context["timezone"] = "America/New_York"
    return run(at)


def upload(at: AppTest, name: str, content: bytes | None = None) -> AppTest:
    """Upload a file as the invitation (a fixture by name unless ``content`` is given)."""
    data = content if content is not None else (INVITES / name).read_bytes()
    (uploader,) = [widget for widget in at.file_uploader if widget.label == UPLOADER]
    uploader.set_value((name, data, "text/calendar"))
    return run(at)


def people(at: AppTest) -> list[dict[str, str]]:
    """The panel as the widgets hold it: name, email and title of each person."""
    state = at.session_state
    return [
        {field: state[f"notes_person_{person_id}_{field}"] for field in ("name", "email", "title")}
        for person_id in state["notes_people"]
    ]


def person_id(at: AppTest, name: str) -> str:
    """The id of the person with this name on the panel."""
    state = at.session_state
    return next(pid for pid in state["notes_people"] if state[f"notes_person_{pid}_name"] == name)


def marks(at: AppTest) -> list[str]:
    """The captions that mark a field as filled by the invitation or the debrief."""
    return [caption.value for caption in at.caption if "check it" in caption.value]


def said(at: AppTest) -> list[str]:
    """Every message the page shows (errors, infos, successes, warnings), as the user reads it."""
    return [
        shown(m.value) for kind in ("error", "info", "success", "warning") for m in at.get(kind)
    ]


def sort_offline(at: AppTest, text: str) -> AppTest:
    """Type a debrief and sort it offline."""
    at.text_area(key="notes_debrief").input(text)
    run(at)
    at.button(key="notes_debrief_offline").click()
    return run(at)


def test_an_invitation_fills_the_form_marks_each_field_and_saves_nothing(store: Store) -> None:
    """Google's invitation: the company, role, moment and both people, each marked; the user is
    told what happened and that nothing is saved until Save."""
    at = upload(open_notes(), "google.ics")

    state = at.session_state
    assert (state["notes_company"], state["notes_role"]) == ("Acme Robotics", "Data Engineer")
    assert state["notes_timezone"] == "America/New_York"
    assert (state["notes_interview_date"], state["notes_interview_time"]) == (
        date(2026, 11, 17),
        time(10, 0),
    )
    assert people(at) == [
        {"name": "Dana Whitfield", "email": "dana.whitfield@acme-robotics.example", "title": ""},
        {
            "name": "Priya Raghunathan",
            "email": "priya.raghunathan@acme-robotics.example",
            "title": "",
        },
    ]
    assert len(marks(at)) == 9  # company, role, date, time, zone, two names, two emails
    assert any(
        message.startswith("Filled 9 fields from google.ics, marked below, with 2 people.")
        for message in said(at)
    )
    assert store.list_applications() == []

    at.text_input(key="notes_company").input("Acme Robotics Inc.")
    run(at)
    assert len(marks(at)) == 8  # a field the user changed is no longer marked


def test_without_the_users_email_they_are_told_how_to_leave_themselves_out(
    store: Store,
) -> None:
    """No email in Settings: the user's own entry cannot be told apart, and the page says so."""
    store.save_sender(store.get_sender().model_copy(update={"email": ""}))
    at = upload(open_notes(), "google.ics")
    assert "Jane Doe" in [person["name"] for person in people(at)]
    (message,) = [m for m in said(at) if m.startswith("Filled")]
    assert "put your email in Settings" in message


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("photo_renamed.ics", None, "not a calendar invitation"),
        ("cancelled.ics", None, "cancel"),
        ("calendar.ics", b"BEGIN:VCALENDAR\r\n" + b"X" * (3 * 1024 * 1024), "MB"),
    ],
)
def test_a_file_that_is_not_an_invitation_says_why_and_changes_nothing(
    name: str, content: bytes | None, reason: str
) -> None:
    """A PNG renamed .ics, a cancelled interview, a 3 MB export: a message, the typed company
    kept, no field filled."""
    at = open_notes()
    at.text_input(key="notes_company").input("Typed Co")
    run(at)

    upload(at, name, content)

    (message,) = [m for m in said(at) if m.startswith("Nothing was filled")]
    assert reason.lower() in message.lower()
    assert at.session_state["notes_company"] == "Typed Co"
    assert marks(at) == []


def test_the_story_invitation_debrief_review_save_then_the_checklist_and_thank_you(
    store: Store,
) -> None:
    """Upload the invitation, say how it went, check the sorting, put it in, save: the checklist
    and the thank-you page know both people."""
    at = upload(open_notes(), "google.ics")
    sort_offline(at, DEBRIEF)

    labels = [checkbox.label for checkbox in at.checkbox if checkbox.key.startswith("notes_rev")]
    assert "Priya Raghunathan · What they asked" in labels
    assert "Priya Raghunathan · Their concerns about you" in labels
    assert "The decision date: Tuesday 24 November 2026" in labels
    assert at.session_state[f"notes_person_{person_id(at, 'Priya Raghunathan')}_asked"] == ""

    at.button(key="notes_review_accept").click()
    run(at)
    priya = person_id(at, "Priya Raghunathan")
    assert at.session_state[f"notes_person_{priya}_asked"] == (
        "how I'd move their batch jobs to streaming"
    )
    assert at.session_state["notes_decision_date"] == date(2026, 11, 24)
    assert store.list_applications() == []  # put in the form, not saved

    next(button for button in at.button if button.label == "Save").click()
    run(at)
    (saved,) = store.list_applications()
    assert saved.company == "Acme Robotics"
    assert [p.name for p in saved.interviewers] == ["Dana Whitfield", "Priya Raghunathan"]
    assert saved.decision_date == date(2026, 11, 24)
    (asked,) = [p.asked for p in saved.interviewers if p.name == "Priya Raghunathan"]
    assert asked == "how I'd move their batch jobs to streaming"

    checklist = AppTest.from_file(CHECKLIST, default_timeout=30)
    checklist.query_params["app"] = saved.id
    run(checklist)
    text = " ".join(shown(e.label) for e in checklist.expander)  # the items and their details
    assert "Dana Whitfield" in text
    assert "Priya Raghunathan" in text
    thank_you = AppTest.from_file(THANK_YOU, default_timeout=30)
    thank_you.query_params["app"] = saved.id
    run(thank_you)
    headings = " ".join(shown(h.value) for h in (*thank_you.subheader, *thank_you.header))
    assert "Dana" in headings
    assert "Priya" in headings


def test_nothing_changes_until_the_user_says_yes_and_an_untick_is_respected() -> None:
    """Unticking a proposal leaves that field as it was; discarding changes nothing at all."""
    at = upload(open_notes(), "google.ics")
    sort_offline(at, DEBRIEF)
    priya = person_id(at, "Priya Raghunathan")
    discard = at.button(key="notes_review_discard")
    discard.click()
    run(at)
    assert at.session_state[f"notes_person_{priya}_asked"] == ""
    assert at.session_state["notes_debrief"] == DEBRIEF  # the debrief itself stays

    at.button(key="notes_debrief_offline").click()
    run(at)
    (asked,) = [c for c in at.checkbox if c.label == "Priya Raghunathan · What they asked"]
    asked.uncheck()
    at.text_area(key=asked.key.replace("_use_", "_text_")).input("edited")
    at.button(key="notes_review_accept").click()
    run(at)
    assert at.session_state[f"notes_person_{priya}_asked"] == ""
    assert at.session_state[f"notes_person_{priya}_concerns"] != ""


def test_an_empty_or_overlong_debrief_says_so_and_keeps_the_text() -> None:
    """Nothing typed: asked to type or record; past the limit: told to sort it in parts."""
    at = upload(open_notes(), "google.ics")
    at.button(key="notes_debrief_offline").click()
    run(at)
    assert "Type or record your debrief first." in said(at)

    long = ("Priya asked about streaming and batch jobs at length. " * 400)[:20_000]
    sort_offline(at, long)
    (message,) = [m for m in said(at) if m.startswith("Your debrief is 20,000 characters")]
    assert f"at most {SPLIT_LIMIT:,}" in message
    assert at.session_state["notes_debrief"] == long
    assert not [c for c in at.checkbox if c.key.startswith("notes_review")]


def test_without_names_the_debrief_waits_for_the_people() -> None:
    """No one named on the panel yet: the box is there, sorting waits for names."""
    at = open_notes()
    assert "Add the names of the people you met first" in " ".join(said(at))
    assert not [b for b in at.button if b.key == "notes_debrief_offline"]


def test_a_name_not_on_the_panel_is_offered_as_a_new_person() -> None:
    """Marcus is not on the panel: one click adds him, and sorting again gives him his notes."""
    at = upload(open_notes(), "google.ics")
    sort_offline(at, DEBRIEF + " Marcus asked about dbt tests.")
    (add,) = [b for b in at.button if "add Marcus" in b.label]
    add.click()
    run(at)
    assert "Marcus" in [person["name"] for person in people(at)]
    at.button(key="notes_debrief_offline").click()
    run(at)
    labels = [c.label for c in at.checkbox]
    assert "Marcus · What they asked" in labels


SORTED = {
    "people": [],
    "went_well": "the dbt story landed",
    "went_badly": "",
    "stood_out": "",
    "decision_date": "2026-11-24",
    "unknown_names": [],
}


@pytest.fixture
def with_llm(fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAI:
    """An LLM configured in the environment: the loopback server."""
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("COACH_MODEL", "test-model")
    monkeypatch.setenv("COACH_LLM_TIMEOUT", "5")
    return fake_openai


def test_the_llm_sorts_the_debrief_for_review(with_llm: FakeOpenAI) -> None:
    """With an LLM configured, its sorting is reviewed like the offline one."""
    at = upload(open_notes(), "google.ics")
    priya = person_id(at, "Priya Raghunathan")
    answer = {
        **SORTED,
        "people": [
            {
                "id": priya,
                "asked": "streaming",
                "concerns": "",
                "discussed": "",
                "personal_touch": "",
            }
        ],
    }
    with_llm.enqueue(reply(json.dumps(answer)))
    at.text_area(key="notes_debrief").input(DEBRIEF)
    run(at)
    (sort,) = [b for b in at.button if b.key == "notes_debrief_llm"]
    assert sort.label == "Sort with test-model"
    sort.click()
    run(at)
    labels = [c.label for c in at.checkbox if c.key.startswith("notes_review")]
    assert labels == [
        "Priya Raghunathan · What they asked",
        "What went well",
        "The decision date: Tuesday 24 November 2026",
    ]
    assert with_llm.requests[0].body["response_format"]["type"] == "json_schema"


def test_a_failing_llm_keeps_the_debrief_and_the_offline_splitter_works(
    with_llm: FakeOpenAI,
) -> None:
    """A refused key: the reason, the debrief untouched, and offline sorting one click away."""
    at = upload(open_notes(), "google.ics")
    with_llm.enqueue(status(401, "Incorrect API key provided"))
    at.text_area(key="notes_debrief").input(DEBRIEF)
    run(at)
    at.button(key="notes_debrief_llm").click()
    run(at)
    (message,) = [m for m in said(at) if m.startswith("Not sorted.")]
    assert "sort it offline (no LLM)" in message
    assert at.session_state["notes_debrief"] == DEBRIEF
    at.button(key="notes_debrief_offline").click()
    run(at)
    assert [c for c in at.checkbox if c.key.startswith("notes_review")]
    assert not [m for m in said(at) if m.startswith("Not sorted.")]


def record(at: AppTest, audio: bytes) -> AppTest:
    """Record the debrief (the browser's recorder sends one WAV)."""
    at.audio_input(key="notes_debrief_audio").set_value(("debrief.wav", audio, "audio/wav"))
    return run(at)


def test_a_spoken_debrief_is_written_down_offline_after_what_is_typed(speak: Speak) -> None:
    """Real speech (espeak-ng), written down on this computer: the words come after the typed
    text, and the user is told to read them through."""
    at = upload(open_notes(), "google.ics")
    at.text_area(key="notes_debrief").input("Typed first.")
    run(at)
    record(at, speak("Thank you for meeting with me today."))

    at.button(key="notes_debrief_transcribe_offline").click()
    run(at)

    text = at.session_state["notes_debrief"]
    assert text.startswith("Typed first.\n\n")
    assert {"meeting", "today"} & set(text.lower().replace(".", "").split())
    (message,) = [m for m in said(at) if m.startswith("Wrote down")]
    assert "PocketSphinx" in message
    assert "read it through" in message


def test_a_server_transcription_and_a_server_without_one(
    with_llm: FakeOpenAI, speak: Speak
) -> None:
    """With an LLM configured, its transcription model writes the words; a server without the
    endpoint says so, keeps the debrief, and the offline way is beside it."""
    at = upload(open_notes(), "google.ics")
    record(at, speak("Priya asked about streaming."))
    assert [b.key for b in at.button if "transcribe" in (b.key or "")] == [
        "notes_debrief_transcribe_server",
        "notes_debrief_transcribe_offline",
    ]

    at.button(key="notes_debrief_transcribe_server").click()  # the fake has no such endpoint
    run(at)
    (message,) = [m for m in said(at) if m.startswith("Not written down.")]
    assert "no speech-to-text (transcription) endpoint" in message
    assert at.session_state["notes_debrief"] == ""

    with_llm.route("POST", TRANSCRIPTION_PATH, transcription("Priya asked about streaming."))
    at.button(key="notes_debrief_transcribe_server").click()
    run(at)
    assert at.session_state["notes_debrief"] == "Priya asked about streaming."
    (upload_request,) = [p for p in with_llm.probes if p.path.endswith("/audio/transcriptions")][
        -1:
    ]
    assert upload_request.body["model"] == "whisper-1"


def test_a_late_debrief_counts_its_dates_from_the_interview_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Written two weeks after the 17 November interview, "by the 24th" is still the 24th of
    November, the day they named at the interview, not of December."""
    monkeypatch.setattr("lib.ui_support.now", lambda: datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    at = upload(open_notes(), "google.ics")
    sort_offline(at, DEBRIEF)
    labels = [c.label for c in at.checkbox if c.key.startswith("notes_review")]
    assert "The decision date: Tuesday 24 November 2026" in labels


@pytest.mark.parametrize(
    ("name", "told"),
    [
        ("no_time.ics", "The invitation gives no start time: set the date and time yourself."),
        ("no_people.ics", "The invitation names no one you met: add each person below."),
    ],
)
def test_an_invitation_missing_a_time_or_people_fills_the_rest_and_says_what_is_missing(
    name: str, told: str
) -> None:
    """What the invitation has is filled; what it lacks is said, and today's date stays."""
    at = upload(open_notes(), name)
    (message,) = [m for m in said(at) if m.startswith("Filled")]
    assert told in message
    if name == "no_time.ics":
        assert at.session_state["notes_interview_date"] == NOW.date()
