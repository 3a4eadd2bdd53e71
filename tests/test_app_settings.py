"""Settings as a user meets them: who signs the notes, the LLM, defaults, import and deleting.

The page runs through app.py (a server past its first page, see tests/conftest.py) and is
reached with switch_page, as a click in the sidebar would. Widgets are found by key or label.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Caption, Error, FileUploader, Widget

from lib import llm
from lib.model import Defaults, Draft, Sender
from lib.store import MAX_IMPORT_BYTES, MEGABYTE, Store, open_store
from lib.text import escape_markdown
from lib.ui_support import LLM_SESSION_KEY
from tests.conftest import ApplicationFactory, shown
from tests.fake_openai import FakeOpenAI, llama_cpp_props, model_entry, models, status

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
KEY = "sk-test-PLANTED-987"
KEY_FIELD = "settings_llm_key"
EXPORTED_AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
UPLOADER = "Export file to import"

# --- helpers ----------------------------------------------------------------------------------


def open_settings() -> AppTest:
    """Open the app and go to Settings, as a click in the sidebar does."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("pages/settings.py").run()
    assert not at.exception, at.exception
    return at


def click(at: AppTest, key: str) -> AppTest:
    """Click the button with this key, and check the page did not fail."""
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def errors_under(at: AppTest, key: str) -> list[str]:
    """Return the error messages shown right under the widget with this key."""
    found, messages = False, []
    for node in at.main:  # every element, in page order
        if not found:
            found = getattr(node, "key", None) == key
        elif isinstance(node, Error):
            messages.append(shown(node.value))
        elif not isinstance(node, Block | Caption):
            break
    assert found, f"{key} is not on the page"
    return messages


def texts(at: AppTest) -> list[str]:
    """Return what is shown to the user as text, as they read it."""
    found = [shown(node.value) for node in (*at.markdown, *at.caption)]
    return found + [shown(node.value) for node in (*at.success, *at.info, *at.warning, *at.error)]


def strings(message: Message) -> Iterator[str]:
    """Every string in a protobuf message, however deeply nested."""
    for descriptor, value in message.ListFields():
        values = value if descriptor.is_repeated else [value]
        for item in values:
            if isinstance(item, Message):
                yield from strings(item)
            elif isinstance(item, str):
                yield item


def everything_sent(at: AppTest) -> list[str]:
    """Return every string the page sends to the browser, and every widget's value but the key's.

    That covers markdown, text, captions, code, alerts, toasts, labels, placeholders, options
    and widget defaults; only the password input's own value (what the user typed) is left out.
    """
    found = [toast.value for toast in at.toast]
    for node in at:  # the main area, the sidebar and any dialog
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            found += strings(proto)
        if isinstance(node, Widget) and node.key != KEY_FIELD:
            found.append(repr(node.value))
    return found + [shown(text) for text in found]


def use_server(at: AppTest, base_url: str, model: str = "llama3.1", key: str = "") -> AppTest:
    """Choose an OpenAI-compatible server, type its address, model and key, and use them."""
    at.radio(key="settings_llm_provider").set_value("compatible").run()
    at.text_input(key="settings_llm_base_url").set_value(base_url)
    at.text_input(key="settings_llm_model").set_value(model)
    at.text_input(key=KEY_FIELD).set_value(key)
    return click(at, "settings_llm_use")


def uploader(at: AppTest) -> FileUploader:
    """Return the import file picker."""
    return next(widget for widget in at.file_uploader if widget.label == UPLOADER)


def upload(at: AppTest, content: bytes, name: str = "export.json") -> AppTest:
    """Choose a file to import."""
    uploader(at).set_value((name, content, "application/json")).run()
    assert not at.exception, at.exception
    return at


def keys(at: AppTest) -> set[str]:
    """Return the keys of every widget on the page, dialogs included."""
    return {node.key for node in at if isinstance(node, Widget) and node.key}


def snapshot(store: Store) -> dict[str, Any]:
    """Everything stored, comparable before and after."""
    return store.export_file(EXPORTED_AT).model_dump()


# --- you --------------------------------------------------------------------------------------


def test_the_sender_is_saved_and_read_back(store: Store) -> None:
    """The user fills in who signs the notes and saves; the details are stored and shown again."""
    at = open_settings()
    details = {
        "name": "Zoë Núñez-O'Brien",
        "email": "zoe@example.com",
        "phone": "+1 555 0100",
        "link": "https://www.linkedin.com/in/zoe",
    }
    for name, value in details.items():
        at.text_input(key=f"settings_sender_{name}").set_value(f"  {value} ")
    click(at, "settings_sender_save")

    assert store.get_sender() == Sender(**details)
    assert [shown(toast.value) for toast in at.toast] == ["Saved your details."]
    assert not at.error, [e.value for e in at.error]
    again = open_settings()
    assert {name: again.text_input(key=f"settings_sender_{name}").value for name in details} == (
        details
    )


def test_a_bad_email_is_refused_beside_it_and_the_typed_values_stay(store: Store) -> None:
    """An email without a domain is refused under the email field; nothing typed is lost."""
    store.save_sender(Sender(name="Ann Lee", email="ann@example.com"))
    at = open_settings()
    typed = {"name": "Ann B. Lee", "email": "ann@", "phone": "555 0100", "link": "ann.example"}
    for name, value in typed.items():
        at.text_input(key=f"settings_sender_{name}").set_value(value)
    click(at, "settings_sender_save")

    messages = errors_under(at, "settings_sender_email")
    assert any("ann@" in m and "name@example.com" in m for m in messages), messages
    assert {name: at.text_input(key=f"settings_sender_{name}").value for name in typed} == typed
    assert store.get_sender() == Sender(name="Ann Lee", email="ann@example.com")
    assert not at.toast


def test_the_caption_says_where_details_are_kept_in_the_hosted_demo(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In the hosted demo (data in memory) the page says the details stay in this tab only."""
    monkeypatch.setenv("COACH_DB", ":memory:")
    at = open_settings()
    assert any("this browser tab only" in text for text in texts(at)), texts(at)
    assert any("this tab only" in text for text in texts(at)), texts(at)


# --- the LLM ----------------------------------------------------------------------------------


def test_no_llm_and_no_secrets_file_means_the_offline_composer() -> None:
    """With nothing configured anywhere, the page says the offline composer writes the drafts."""
    at = open_settings()
    assert [shown(info.value) for info in at.info] == [
        "No LLM configured: the offline composer writes your drafts."
    ]
    assert at.button(key="settings_llm_test").disabled
    assert any("Nothing to test" in text for text in texts(at))
    assert at.button(key="settings_llm_forget").disabled
    assert LLM_SESSION_KEY not in at.session_state


def test_llm_settings_typed_here_are_used_for_this_session(fake_openai: FakeOpenAI) -> None:
    """The user points the coach at a local server; the status names it, from this session."""
    at = use_server(open_settings(), fake_openai.base_url, key=KEY)

    assert not at.error, [e.value for e in at.error]
    assert at.session_state[LLM_SESSION_KEY] == {
        "COACH_MODEL": "llama3.1",
        "OPENAI_BASE_URL": fake_openai.base_url,
        "OPENAI_API_KEY": KEY,
    }
    assert [shown(s.value) for s in at.success] == [
        f"Using llama3.1 at {fake_openai.base_url} (from this session)."
    ]
    assert at.text_input(key=KEY_FIELD).value == ""  # the key is kept, not left in the box
    assert at.text_input(key="settings_llm_model").value == "llama3.1"

    at.text_input(key="settings_llm_model").set_value("qwen2.5")  # the key box left empty
    click(at, "settings_llm_use")
    assert at.session_state[LLM_SESSION_KEY]["OPENAI_API_KEY"] == KEY
    assert at.session_state[LLM_SESSION_KEY]["COACH_MODEL"] == "qwen2.5"

    click(at, "settings_llm_forget")
    assert LLM_SESSION_KEY not in at.session_state
    assert [shown(info.value) for info in at.info] == [
        "No LLM configured: the offline composer writes your drafts."
    ]
    assert at.text_input(key="settings_llm_model").value == llm.DEFAULT_MODEL


def test_the_key_typed_here_is_never_written_or_shown(
    store: Store, fake_openai: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    """A key typed here reaches the server, but no file, export, log or text on the page."""
    store.save_sender(Sender(name="Ann Lee"))
    at = use_server(open_settings(), fake_openai.base_url, key=KEY)
    assert at.session_state[LLM_SESSION_KEY]["OPENAI_API_KEY"] == KEY
    click(at, "settings_llm_test")
    assert fake_openai.requests[-1].headers["authorization"] == f"Bearer {KEY}"
    at.text_input(key="settings_sender_phone").set_value("555 0100")
    click(at, "settings_sender_save")  # the database is written while the key is in use
    at.selectbox(key="settings_country").set_value("GB")
    click(at, "settings_defaults_save")
    assert store.get_sender().phone == "555 0100"

    assert store.path is not None
    written = b"".join(
        path.read_bytes()
        for path in store.path.parent.iterdir()
        if path.name.startswith(store.path.name)  # coach.db, coach.db-wal, coach.db-shm
    )
    assert written
    assert KEY.encode() not in written
    assert KEY not in store.export_json(datetime.now(UTC))
    assert not [text for text in everything_sent(at) if KEY in text]
    assert KEY not in caplog.text


def test_a_connection_test_against_a_working_server_says_so(fake_openai: FakeOpenAI) -> None:
    """Test connection asks the server for a word and says it answered."""
    at = use_server(open_settings(), fake_openai.base_url, model="llama3.1")
    assert not at.button(key="settings_llm_test").disabled
    click(at, "settings_llm_test")

    assert f"Connected: the server at {fake_openai.base_url} answered as llama3.1." in [
        shown(s.value) for s in at.success
    ]
    assert not at.error, [e.value for e in at.error]
    assert fake_openai.requests[-1].body["model"] == "llama3.1"


def test_a_server_that_does_not_list_the_model_is_named_and_its_models_offered(
    fake_openai: FakeOpenAI,
) -> None:
    """A llama.cpp server answers whatever model is named: the test says llama.cpp answered,
    with its context, warns that the model typed is not one it lists, and offers the listed
    model in one click; after the click the warning is gone."""
    served = "/models/gemma-3-270m-q4_k_m.gguf"
    fake_openai.route("GET", "/v1/models", models(model_entry(served, "llamacpp")))
    fake_openai.route("GET", "/props", llama_cpp_props(8192))
    at = use_server(open_settings(), fake_openai.base_url, model="gpt-4o-mini")
    click(at, "settings_llm_test")

    said = texts(at)
    assert (
        f"Connected: llama.cpp at {fake_openai.base_url} answered; it reads up to 8,192 tokens "
        "at once, but it does not list gpt-4o-mini." in said
    )
    assert any("does not list the model" in text and "whatever name" in text for text in said)
    click(at, f"settings_llm_use_{served}")
    assert at.session_state[LLM_SESSION_KEY]["COACH_MODEL"] == served
    click(at, "settings_llm_test")
    assert (
        f"Connected: llama.cpp at {fake_openai.base_url} answered as {served}; it reads up "
        "to 8,192 tokens at once." in texts(at)
    )
    assert not [text for text in texts(at) if "does not list" in text]


def test_a_refused_key_is_explained_without_showing_the_key(fake_openai: FakeOpenAI) -> None:
    """The server refuses the key (401, quoting it); the page says so, and never shows the key."""
    at = use_server(open_settings(), fake_openai.base_url, key=KEY)
    fake_openai.enqueue(status(401, f"Incorrect API key provided: {KEY}."))
    click(at, "settings_llm_test")

    (refusal,) = [shown(e.value) for e in at.error]
    assert refusal.startswith(f"The API key was refused by the server at {fake_openai.base_url}")
    assert "[hidden]" in refusal
    assert not [text for text in everything_sent(at) if KEY in text]


def test_a_key_set_elsewhere_is_not_sent_to_a_server_typed_here(
    monkeypatch: pytest.MonkeyPatch, fake_openai: FakeOpenAI
) -> None:
    """An OpenAI key in the environment stays with OpenAI when the user names a local server."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-OPENAI-KEY-123")
    at = open_settings()
    assert [shown(s.value) for s in at.success] == [
        "Using gpt-4o-mini on OpenAI (from the environment)."
    ]
    use_server(at, fake_openai.base_url)
    click(at, "settings_llm_test")
    assert fake_openai.requests[-1].headers["authorization"] == f"Bearer {llm.PLACEHOLDER_KEY}"
    assert f"Using llama3.1 at {fake_openai.base_url} (from this session)." in [
        shown(s.value) for s in at.success
    ]


def test_openai_without_a_key_and_a_bad_address_are_refused_beside_the_field() -> None:
    """OpenAI chosen without a key, or a server address that is not a URL, is refused in place."""
    at = open_settings()
    click(at, "settings_llm_use")
    assert any("needs an API key" in m for m in errors_under(at, KEY_FIELD))
    assert LLM_SESSION_KEY not in at.session_state

    use_server(at, "localhost:11434")
    messages = errors_under(at, "settings_llm_base_url")
    assert any("is not a web address" in m for m in messages), messages
    assert at.text_input(key="settings_llm_base_url").value == "localhost:11434"
    assert LLM_SESSION_KEY not in at.session_state


def test_settings_from_the_secrets_file_are_named_and_the_key_is_not_shown() -> None:
    """A key in secrets.toml is used for OpenAI; the page says where it came from, never the key."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["OPENAI_API_KEY"] = "sk-secret-FILE-KEY-456"
    at.run()
    at.switch_page("pages/settings.py").run()
    assert not at.exception, at.exception
    assert [shown(s.value) for s in at.success] == [
        "Using gpt-4o-mini on OpenAI (from the secrets file)."
    ]
    assert not [text for text in everything_sent(at) if "FILE-KEY" in text]


# --- defaults ---------------------------------------------------------------------------------


def test_saved_defaults_start_the_next_new_interview(store: Store) -> None:
    """The user sets Germany, Berlin and the eager style; the next new interview starts so."""
    at = open_settings()
    at.selectbox(key="settings_country").set_value("DE")
    at.selectbox(key="settings_timezone").set_value("Europe/Berlin")
    at.radio(key="settings_profile").set_value("eager")
    click(at, "settings_defaults_save")

    assert store.get_defaults() == Defaults(country="DE", timezone="Europe/Berlin", profile="eager")
    assert [shown(toast.value) for toast in at.toast] == ["Saved. New interviews start with these."]
    at.switch_page("pages/notes.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="notes_country").value == "DE"
    assert at.selectbox(key="notes_profile").value == "eager"
    assert at.selectbox(key="notes_timezone").value == "Europe/Berlin"


def test_the_browser_timezone_is_saved_as_no_timezone(store: Store) -> None:
    """Choosing "Your browser's timezone" stores none, so each new interview asks the browser."""
    store.save_defaults(Defaults(timezone="Asia/Tokyo"))
    at = open_settings()
    assert at.selectbox(key="settings_timezone").value == "Asia/Tokyo"
    at.selectbox(key="settings_timezone").set_value("")
    assert at.selectbox(key="settings_timezone").options[0].startswith("Your browser's timezone")
    click(at, "settings_defaults_save")
    assert store.get_defaults().timezone is None


# --- import -----------------------------------------------------------------------------------


def test_an_export_is_previewed_then_imported(
    store: Store, make_application: ApplicationFactory
) -> None:
    """The user picks an export: the page shows what it holds, and imports it on confirmation."""
    shared = make_application()
    store.create(make_application(id=shared.id, role="Old role"))
    source = open_store(":memory:")
    source.create(shared)
    source.create(make_application(company="Contoso *Labs*", role="Analyst"))
    source.save_draft(
        Draft(
            application_id=shared.id,
            interviewer_id="priya",
            kind="thank_you",
            text="Dear Priya,",
            updated_at=EXPORTED_AT,
        )
    )
    source.save_sender(Sender(name="**Ann**", email="ann@example.com"))
    at = upload(open_settings(), source.export_json(EXPORTED_AT).encode())

    preview = "\n".join(text.value for text in at.markdown)
    assert "2 applications" in preview, preview
    assert escape_markdown("Contoso *Labs*") in preview  # shown literally, not as markup
    assert "Northwind Analytics" in shown(preview)
    assert "1 saved draft" in preview
    assert escape_markdown("**Ann**") in preview
    assert "defaults for new interviews: not included" in preview
    assert any("1 application of the file is already here" in shown(w.value) for w in at.warning)
    assert store.get(shared.id).role == "Old role"  # nothing changes before confirming

    click(at, "settings_import_go")
    assert store.get(shared.id).role == "Data Engineer"
    assert sorted(app.company for app in store.list_applications()) == [
        "Contoso *Labs*",
        "Northwind Analytics",
    ]
    assert [d.text for d in store.list_drafts()] == ["Dear Priya,"]
    assert store.get_sender().name == "**Ann**"
    assert [shown(t.value) for t in at.toast] == [
        "Imported 1 new application, 1 replaced, 1 draft."
    ]
    assert uploader(at).value is None  # a fresh picker, ready for another file
    assert at.text_input(key="settings_sender_name").value == "**Ann**"


def _newer_version(make_application: ApplicationFactory) -> bytes:
    """Return an export made by a newer Follow-Up Coach (format version 2)."""
    source = open_store(":memory:")
    source.create(make_application())
    document = json.loads(source.export_json(EXPORTED_AT))
    return json.dumps({**document, "version": 2}).encode()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(
            lambda _: b'{"version": 1, "applications": [', "not valid JSON", id="not-json"
        ),
        pytest.param(
            lambda _: b'{"name": "my-package", "dependencies": {}}',
            "not a Follow-Up Coach export",
            id="foreign-json",
        ),
        pytest.param(_newer_version, "newer Follow-Up Coach", id="newer-version"),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_and_changes_nothing(
    store: Store, make_application: ApplicationFactory, content: Any, reason: str
) -> None:
    """A broken, foreign or newer file is refused with the reason; nothing stored changes."""
    store.create(make_application())
    store.save_sender(Sender(name="Ann Lee"))
    before = snapshot(store)
    at = upload(open_settings(), content(make_application))

    (refusal,) = [shown(e.value) for e in at.error]
    assert refusal.startswith("Not imported.")
    assert reason in refusal, refusal
    assert "settings_import_go" not in keys(at)
    assert snapshot(store) == before


def test_the_browser_does_not_refuse_an_import_with_a_reason_hidden_in_a_tooltip() -> None:
    """The picker takes any file up to the server's limit, so the page can say why it refuses."""
    at = open_settings()
    picker = uploader(at)
    assert list(picker.proto.type) == []  # the browser would refuse other types silently
    assert picker.proto.max_upload_size_mb * MEGABYTE > MAX_IMPORT_BYTES
    limit = f"at most {MAX_IMPORT_BYTES // MEGABYTE} MB"
    assert any(".json file" in text and limit in text for text in texts(at)), texts(at)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        pytest.param("notes.txt", b"my notes", "notes.txt is not a .json file", id="not-json"),
        pytest.param(
            "export.json",
            b"{" + b" " * MAX_IMPORT_BYTES + b"}",
            f"bigger than {MAX_IMPORT_BYTES // MEGABYTE} MB",
            id="too-big",
        ),
    ],
)
def test_a_refused_upload_says_why_under_the_picker(
    store: Store, make_application: ApplicationFactory, name: str, content: bytes, reason: str
) -> None:
    """A wrong or too big file is refused in words under the picker, not behind an icon."""
    store.create(make_application())
    before = snapshot(store)
    at = upload(open_settings(), content, name)

    (refusal,) = errors_under(at, uploader(at).key)
    assert refusal.startswith("Not imported.")
    assert reason in refusal, refusal
    assert "settings_import_go" not in keys(at)
    assert snapshot(store) == before


# --- delete everything ------------------------------------------------------------------------


def test_delete_everything_asks_and_only_deletes_when_confirmed(
    store: Store, make_application: ApplicationFactory
) -> None:
    """Delete everything asks in a dialog: "Keep my data" keeps it, typing "delete" removes all."""
    store.create(make_application())
    store.save_sender(Sender(name="Ann Lee"))
    store.save_defaults(Defaults(country="DE"))
    before = snapshot(store)
    at = click(open_settings(), "settings_delete")
    assert any("1 application with their contacts" in shown(t.value) for t in at.markdown)

    click(at, "settings_delete_no")
    assert snapshot(store) == before
    assert "settings_delete_yes" not in keys(at)

    click(at, "settings_delete")
    click(at, "settings_delete_yes")  # nothing typed yet
    assert any('Type "delete"' in shown(e.value) for e in at.error)
    assert snapshot(store) == before
    assert "settings_delete_yes" in keys(at)  # the dialog stays open until answered

    at.text_input(key="settings_delete_typed").set_value("delete")
    click(at, "settings_delete_yes")
    assert store.list_applications() == []
    assert (store.get_sender(), store.get_defaults()) == (Sender(), Defaults())
    assert [shown(t.value) for t in at.toast] == ["Deleted everything."]
    assert "settings_delete_yes" not in keys(at)
    assert at.text_input(key="settings_sender_name").value == ""
    assert at.selectbox(key="settings_country").value == "US"
