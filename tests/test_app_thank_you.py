"""Thank-you notes page: write, check, edit, send and log one note per person."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import llm
from lib.model import Application, Contact, Sender
from lib.store import Store
from tests.conftest import PRIYA_THANK_YOU, ApplicationFactory, shown
from tests.fake_openai import Behaviour, FakeOpenAI, cut_after, delay, empty, garbled, status

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "thank_you.py")
LLM_NOTE = PRIYA_THANK_YOU


@pytest.fixture
def application(store: Store, make_application: ApplicationFactory) -> Application:
    """An open application interviewed two hours ago, with the user's name set."""
    store.save_sender(Sender(name="Alex Morgan", email="alex@example.com"))
    return store.create(make_application(interview_at=datetime.now(UTC) - timedelta(hours=2)))


@pytest.fixture
def with_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    """Configure an LLM (a local server that is never reached: the seam is faked)."""
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("COACH_MODEL", "test-model")


def open_page() -> AppTest:
    """Open the thank-you page."""
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not at.exception, at.exception
    return at


def key(app: Application, person_id: str) -> str:
    """The text area of one person's draft."""
    return f"draft_thank_you_{app.id}_{person_id}"


def click(at: AppTest, widget_key: str) -> AppTest:
    """Click a button by its key and rerun."""
    at.button(key=widget_key).click().run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> list[str]:
    """Everything the page says, as the user reads it."""
    elements = [*at.markdown, *at.error, *at.warning, *at.info, *at.success, *at.caption]
    return [shown(element.value) for element in elements]


def test_write_check_edit_and_send_a_note_offline(store: Store, application: Application) -> None:
    """Without an LLM: write Priya's note, see it passes, break the name, fix it, mark it sent."""
    at = click(open_page(), f"{key(application, 'priya')}_write")
    draft = at.text_area(key=key(application, "priya")).value
    assert draft.startswith("Subject: ")
    assert "nightly batch jobs to streaming" in draft
    assert store.get_draft(application.id, "priya", "thank_you").text == draft
    assert "No problems found: it follows every rule." in texts(at)

    at.text_area(key=key(application, "priya")).set_value(draft.replace("Priya", "Pryia", 1))
    at.run()
    assert any("'Pryia' looks like a misspelling of Priya" in text for text in texts(at))
    assert "Pryia" in store.get_draft(application.id, "priya", "thank_you").text

    at.text_area(key=key(application, "priya")).set_value(draft).run()
    click(at, f"{key(application, 'priya')}_sent")
    (contact,) = store.get(application.id).contacts
    assert (contact.interviewer_id, contact.kind, contact.body) == ("priya", "thank_you", draft)
    assert any(text.startswith("Sent on ") for text in texts(at))


def test_a_second_thank_you_to_the_same_person_is_refused(
    store: Store, application: Application
) -> None:
    """Another tab already logged Priya's thank-you: marking it again logs nothing (T15)."""
    at = click(open_page(), f"{key(application, 'priya')}_write")
    store.log_contact(
        application.id, Contact(interviewer_id="priya", kind="thank_you", at=datetime.now(UTC))
    )
    click(at, f"{key(application, 'priya')}_sent")
    assert len(store.get(application.id).contacts) == 1
    assert any("One thank-you per person (T15)" in text for text in texts(at))


def test_notes_to_two_people_are_checked_against_each_other(application: Application) -> None:
    """Copying Priya's note to Seán is caught as too similar (T4)."""
    at = click(open_page(), f"{key(application, 'priya')}_write")
    priya = at.text_area(key=key(application, "priya")).value
    at.text_area(key=key(application, "sean")).set_value(priya.replace("Priya", "Seán")).run()
    assert any("T4" in text and "phrases with another note" in text for text in texts(at))


def test_the_llm_draft_is_streamed_checked_and_kept(
    store: Store, application: Application, with_llm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an LLM, the streamed note lands in the draft, checked, and is saved."""

    def stream(
        settings: llm.LLMSettings, messages: list[dict[str, str]], **_: object
    ) -> Iterator[str]:
        assert settings.model == "test-model"
        assert "Priya Raghunathan" in messages[-1]["content"]
        yield from (LLM_NOTE[:40], LLM_NOTE[40:200], LLM_NOTE[200:])

    monkeypatch.setattr(llm, "stream_chat", stream)
    at = click(open_page(), f"{key(application, 'priya')}_write")
    assert at.text_area(key=key(application, "priya")).value == LLM_NOTE
    assert store.get_draft(application.id, "priya", "thank_you").text == LLM_NOTE
    assert "No problems found: it follows every rule." in texts(at)


def test_an_llm_draft_with_errors_is_revised_once(
    application: Application, with_llm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A misspelt LLM draft goes back once; the fixed note is kept and the user is told."""
    monkeypatch.setattr(
        llm, "stream_chat", lambda *_, **__: iter([LLM_NOTE.replace("role", "rloe")])
    )
    monkeypatch.setattr(llm, "complete", lambda *_, **__: LLM_NOTE)
    at = click(open_page(), f"{key(application, 'priya')}_write")
    assert at.text_area(key=key(application, "priya")).value == LLM_NOTE
    assert "The first draft had errors; the revision fixed them." in texts(at)


def test_a_revision_that_leaves_errors_says_how_many_remain(
    store: Store, application: Application, with_llm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three misspellings revised down to two: the better revision is kept, and the user reads
    that two problems remain, not that the errors were fixed."""
    three = LLM_NOTE.replace("experience", "experiense").replace("exactly", "exactlly")
    three = three.replace("excited", "excitted")
    two = three.replace("excitted", "excited")
    monkeypatch.setattr(llm, "stream_chat", lambda *_, **__: iter([three]))
    monkeypatch.setattr(llm, "complete", lambda *_, **__: two)
    at = click(open_page(), f"{key(application, 'priya')}_write")
    assert at.text_area(key=key(application, "priya")).value == two
    assert "Revised once; 2 problems remain (see below)." in texts(at)
    assert not any("the revision fixed them" in text for text in texts(at))
    assert store.get_draft(application.id, "priya", "thank_you").text == two


FAILURES = [
    ("no_key", "No API key is set for OpenAI."),
    ("auth", "The API key was refused (401)."),
    ("rate_limit", "The LLM is rate limited."),
    ("timeout", "The LLM did not answer within 30 seconds."),
    ("connection", "Cannot reach http://127.0.0.1:9/v1."),
    ("server", "The LLM server failed (500)."),
    ("empty", "The LLM answered with nothing."),
    ("garbled", "The LLM's answer could not be read."),
]


@pytest.mark.parametrize(("kind", "message"), FAILURES, ids=[kind for kind, _ in FAILURES])
def test_every_llm_failure_is_explained_and_the_draft_is_kept(
    store: Store,
    application: Application,
    with_llm: None,
    monkeypatch: pytest.MonkeyPatch,
    kind: llm.ErrorKind,
    message: str,
) -> None:
    """Whatever goes wrong, the user reads why, keeps their draft and can write offline."""
    at = open_page()
    at.text_area(key=key(application, "priya")).set_value("My own words so far.").run()

    def failing(*_: object, **__: object) -> Iterator[str]:
        raise llm.LLMError(kind, message)
        yield ""  # pragma: no cover - makes this a generator, as stream_chat is

    monkeypatch.setattr(llm, "stream_chat", failing)
    click(at, f"{key(application, 'priya')}_write")
    assert any(message in text for text in texts(at))
    assert at.text_area(key=key(application, "priya")).value == "My own words so far."
    assert store.get_draft(application.id, "priya", "thank_you").text == "My own words so far."
    click(at, f"{key(application, 'priya')}_offline")
    assert "nightly batch jobs" in at.text_area(key=key(application, "priya")).value


PLANTED_KEY = "sk-planted-thank-you-0123456789abcdef"
CUT = cut_after(["Dear "])
REAL_FAILURES = [
    pytest.param(
        status(401, f"Incorrect API key provided: {PLANTED_KEY}."),
        "The API key was refused by the server at",
        id="wrong-key",
    ),
    pytest.param(status(404), "Check the model name", id="unknown-model"),
    pytest.param(status(429), "is limiting requests (429), even after 2", id="rate-limit"),
    pytest.param(status(500), "had a server error (500), even after 2", id="server-error"),
    pytest.param(CUT, "stopped", id="stream-cut"),
    pytest.param(empty(), "answered with no text", id="empty-answer"),
    pytest.param(garbled(), "could not be read", id="garbled-answer"),
    pytest.param(None, "Could not connect to", id="dead-server"),
    pytest.param(delay(3), "did not answer within 1 second", id="too-slow"),
]


@pytest.mark.parametrize(("failure", "says"), REAL_FAILURES)
def test_a_real_server_failing_is_explained_and_the_draft_is_kept(
    store: Store,
    application: Application,
    fake_openai: FakeOpenAI,
    monkeypatch: pytest.MonkeyPatch,
    failure: Behaviour | None,
    says: str,
) -> None:
    """Against a real OpenAI-compatible server on this machine (or a dead one): every failure
    says what happened, never shows the key, keeps the draft, and the offline composer works."""
    if failure is None:
        fake_openai.stop()
    else:
        fake_openai.default = failure
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", PLANTED_KEY)
    monkeypatch.setenv("COACH_LLM_TIMEOUT", "1")
    at = open_page()
    at.text_area(key=key(application, "priya")).set_value("My own words so far.").run()

    click(at, f"{key(application, 'priya')}_write")

    assert any(says in text for text in texts(at)), "\n".join(texts(at))
    assert not any(PLANTED_KEY in text for text in texts(at))
    assert at.text_area(key=key(application, "priya")).value == "My own words so far."
    assert store.get_draft(application.id, "priya", "thank_you").text == "My own words so far."
    assert [text.value.strip() for text in at.text] == (["Dear"] if failure is CUT else [])
    click(at, f"{key(application, 'priya')}_offline")
    assert "nightly batch jobs" in at.text_area(key=key(application, "priya")).value


def versions(store: Store, app: Application) -> list[tuple[str, str]]:
    """Return (source, text) of Priya's thank-you versions, newest first."""
    return [(v.source, v.text) for v in store.draft_versions(app.id, "priya", "thank_you")]


def cut_stream(partial: str) -> Callable[..., Iterator[str]]:
    """Return a stream_chat that yields ``partial``, then breaks off as a real cut does."""

    def stream(*_: object, **__: object) -> Iterator[str]:
        yield partial
        raise llm.LLMError("cut", "The answer stopped partway.", partial=partial)

    return stream


def test_a_cut_stream_never_replaces_the_draft_and_its_text_can_be_kept_or_discarded(
    store: Store, application: Application, with_llm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stream breaks off after a few words: the user's own draft stays in the editor and
    saved; the partial text is shown as plain text with Keep and Discard. Discard leaves
    everything as it was; Keep makes it the draft, a 'partial' version, the old one kept."""
    mine = "Dear Priya, my own words so far."
    partial = "Subject: Thank you\n\nDear Priya, **thank"
    monkeypatch.setattr(llm, "stream_chat", cut_stream(partial))
    at = open_page()
    at.text_area(key=key(application, "priya")).set_value(mine).run()

    click(at, f"{key(application, 'priya')}_write")
    assert at.text_area(key=key(application, "priya")).value == mine
    assert store.get_draft(application.id, "priya", "thank_you").text == mine
    assert [text.value for text in at.text] == [partial]  # st.text: never read as markdown
    assert any(
        "stopped partway" in text and "draft below is unchanged" in text for text in texts(at)
    )

    click(at, f"{key(application, 'priya')}_discard_partial")
    assert len(at.text) == 0
    assert at.text_area(key=key(application, "priya")).value == mine
    assert versions(store, application) == [("typed", mine)]

    click(at, f"{key(application, 'priya')}_write")
    click(at, f"{key(application, 'priya')}_keep_partial")
    assert at.text_area(key=key(application, "priya")).value == partial
    assert store.get_draft(application.id, "priya", "thank_you").text == partial
    assert versions(store, application) == [("partial", partial), ("typed", mine)]
    assert "Your edited draft is kept under Earlier versions: restore it in one click." in texts(at)


GARBAGE = [
    pytest.param("```\n```", "it held only markup or punctuation", id="empty-code-fence"),
    pytest.param("<div></div>", "it held only markup or punctuation", id="bare-html"),
    pytest.param("***", "it held only markup or punctuation", id="stars"),
    pytest.param("Dear Priya,\x1b[2J thank you", "it held control characters", id="escape"),
    pytest.param("Dear Priya,\x00\x00", "it held NUL bytes", id="nul"),
    pytest.param("Dear Priya, \ufffd\ufffd", "it held broken characters (U+FFFD)", id="fffd"),
]


@pytest.mark.parametrize(("answer", "reason"), GARBAGE)
def test_an_answer_that_is_not_a_note_is_refused_and_the_draft_stays(
    store: Store,
    application: Application,
    with_llm: None,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    reason: str,
) -> None:
    """The model answers with junk: it is refused with the reason, the user's draft stays in
    the editor and saved, no version is added, and no revision is asked for."""
    monkeypatch.setattr(llm, "stream_chat", lambda *_, **__: iter([answer]))
    monkeypatch.setattr(llm, "complete", lambda *_, **__: pytest.fail("no revision of junk"))
    at = open_page()
    at.text_area(key=key(application, "priya")).set_value("My own words so far.").run()

    click(at, f"{key(application, 'priya')}_write")

    assert (
        f"The model's answer was not a note ({reason}). The previous draft is kept; try again, "
        "or use the offline composer."
    ) in texts(at)
    assert at.text_area(key=key(application, "priya")).value == "My own words so far."
    assert store.get_draft(application.id, "priya", "thank_you").text == "My own words so far."
    assert versions(store, application) == [("typed", "My own words so far.")]


def test_writing_over_an_edited_draft_keeps_the_edit_one_click_away(
    store: Store, application: Application
) -> None:
    """The user adds a P.S. to the composer's draft, then asks for a new draft: the new one
    replaces the text, a message says the edit is kept, and its Restore button brings it back
    (saved, as a 'restored' version; the new draft stays among the versions)."""
    at = click(open_page(), f"{key(application, 'priya')}_write")
    composed = at.text_area(key=key(application, "priya")).value
    edited = composed + "\n\nP.S. Good luck with the Dagster move."
    at.text_area(key=key(application, "priya")).set_value(edited).run()
    at.text_area(key=key(application, "priya")).set_value(edited.replace("P.S.", "PS")).run()

    click(at, f"{key(application, 'priya')}_write")
    assert at.text_area(key=key(application, "priya")).value == composed
    assert "Your edited draft is kept under Earlier versions: restore it in one click." in texts(at)

    click(at, f"{key(application, 'priya')}_undo")
    restored = edited.replace("P.S.", "PS")
    assert at.text_area(key=key(application, "priya")).value == restored
    assert store.get_draft(application.id, "priya", "thank_you").text == restored
    assert versions(store, application) == [
        ("restored", restored),
        ("offline", composed),
        ("typed", restored),  # two edits within a minute: one version
        ("offline", composed),
    ]
    assert not any("is kept under Earlier versions" in text for text in texts(at))


def test_an_earlier_version_is_restored_in_one_click(
    store: Store, application: Application
) -> None:
    """Under Earlier versions the user finds the composer's first draft (when, by what, its
    first and last words) and restores it over their edit; nothing is deleted."""
    at = click(open_page(), f"{key(application, 'priya')}_write")
    composed = at.text_area(key=key(application, "priya")).value
    at.text_area(key=key(application, "priya")).set_value("Dear Priya, short and sweet.").run()

    listed = [text for text in texts(at) if "· the offline composer" in text]
    assert len(listed) == 1
    words = composed.split()
    assert f"{' '.join(words[:8])} … {' '.join(words[-8:])}" in listed[0]  # both ends shown
    first = store.draft_versions(application.id, "priya", "thank_you")[-1]
    assert first.source == "offline"
    assert at.caption  # "In the editor" marks the typed version
    assert "In the editor" in texts(at)

    click(at, f"{key(application, 'priya')}_restore_{first.id}")
    assert at.text_area(key=key(application, "priya")).value == composed
    assert store.get_draft(application.id, "priya", "thank_you").text == composed
    assert versions(store, application) == [
        ("restored", composed),
        ("typed", "Dear Priya, short and sweet."),
        ("offline", composed),
    ]


def test_email_and_card_actions(
    store: Store, application: Application, make_application: ApplicationFactory
) -> None:
    """An email note opens in the mail program or downloads as .eml; a card prints."""
    at = click(open_page(), f"{key(application, 'priya')}_write")
    (mail, *_) = at.get("link_button")
    assert mail.proto.url.startswith("mailto:priya@northwind.example?subject=Thank")
    downloads = [button.proto.label for button in at.get("download_button")]
    assert downloads.count("Download .eml") == 1

    card = store.create(
        make_application(
            company="Whitcombe LLP",
            channel="handwritten",
            interview_at=datetime.now(UTC) - timedelta(hours=1),
        )
    )
    at.run()
    at.selectbox(key="thanks_app").set_value(card.id).run()
    click(at, f"{key(card, 'priya')}_write")
    assert not at.text_area(key=key(card, "priya")).value.startswith("Subject:")
    assert "Printable card" in [button.proto.label for button in at.get("download_button")]
    assert any(text.startswith("Post the card by ") for text in texts(at))


def test_a_person_who_gets_a_card_gets_no_email_and_can_be_switched_to_email(
    store: Store, application: Application
) -> None:
    """Priya gets a handwritten card (her own channel): her note offers the printable card and
    the text to copy, never 'Open in email' or an .eml. One click switches her to email (stored
    on her, atomically): the email, with a default subject since a card has none, and back."""
    store.change_person(application.id, "priya", channel="handwritten")
    at = click(open_page(), f"{key(application, 'priya')}_write")
    card_text = at.text_area(key=key(application, "priya")).value
    assert not card_text.startswith("Subject:")
    assert [button.proto.label for button in at.get("download_button")] == ["Printable card"]
    assert list(at.get("link_button")) == []
    assert "Copy the text" in [expander.label for expander in at.expander]
    assert at.button(key=f"{key(application, 'priya')}_channel").label == "Send by email instead"

    click(at, f"{key(application, 'priya')}_channel")
    assert store.get(application.id).interviewer("priya").channel is None  # follows the app
    (mail,) = at.get("link_button")
    subject = "Thank%20you%20for%20the%20conversation%20about%20the%20Data%20Engineer%20role"
    assert mail.proto.url.startswith(f"mailto:priya@northwind.example?subject={subject}&body=")
    assert [button.proto.label for button in at.get("download_button")] == ["Download .eml"]

    click(at, f"{key(application, 'priya')}_channel")
    assert store.get(application.id).interviewer("priya").channel == "handwritten"
    assert [button.proto.label for button in at.get("download_button")] == ["Printable card"]


def test_without_the_users_name_the_page_asks_for_it(
    store: Store, make_application: ApplicationFactory
) -> None:
    """Notes are signed with the user's name, so the page asks for it when it is missing."""
    store.create(make_application(interview_at=datetime.now(UTC) - timedelta(hours=1)))
    assert any("Add your name in Settings" in text for text in texts(open_page()))


def test_without_an_application_the_page_says_where_to_start() -> None:
    """A new user is sent to the notes page first."""
    assert any("nobody to thank yet" in text for text in texts(open_page()))


@pytest.mark.parametrize(
    ("browser", "said"),
    [
        pytest.param("Europe/Paris", True, id="paris"),
        pytest.param("America/New_York", False, id="new-york"),
        pytest.param("America/Toronto", False, id="same-clock"),
    ],
)
def test_the_deadlines_say_whose_clock_when_the_browser_is_elsewhere(
    application: Application, browser: str, said: bool
) -> None:
    """Seen from Paris, a New York interview says its deadlines are on Paris time; else nothing."""
    at = AppTest.from_file(PAGE, default_timeout=30)
    at.context = {"timezone": browser}
    at.run()
    assert not at.exception, at.exception
    notes = [text for text in texts(at) if text.startswith(":material/schedule: Times are in")]
    if said:
        (note,) = notes
        assert "Paris time (UTC+0" in note
        assert "your browser's timezone; the interview is in New York time (UTC-0" in note
    else:
        assert notes == []
