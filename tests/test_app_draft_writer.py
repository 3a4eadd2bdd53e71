"""Writing with a real-world LLM on the thank-you page: a model that stops at its token limit,
one that thinks before it writes, a server whose context is small, and the demo's allowance
counted in the server's own tokens. The LLM is faked at lib/llm.py's seam."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lib import llm, ui_draft_writer
from lib.llm_errors import length_stop
from lib.model import Application, Sender
from lib.store import Store
from lib.ui_support import DEMO_USAGE_KEY
from tests.conftest import PRIYA_THANK_YOU, ApplicationFactory, shown

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "thank_you.py")
DRAFT = "draft_thank_you_{app}_priya"


@pytest.fixture
def application(
    store: Store, make_application: ApplicationFactory, monkeypatch: pytest.MonkeyPatch
) -> Application:
    """An application interviewed two hours ago, the user's name set, a local LLM configured
    (never reached: the seam is faked)."""
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("COACH_MODEL", "test-model")
    store.save_sender(Sender(name="Alex Morgan", email="alex@example.com"))
    return store.create(make_application(interview_at=datetime.now(UTC) - timedelta(hours=2)))


def write(app: Application) -> AppTest:
    """Open the page and press "Write with the LLM" for Priya."""
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    at.button(key=f"{DRAFT.format(app=app.id)}_write").click().run()
    assert not at.exception, at.exception
    return at


def said(at: AppTest) -> list[str]:
    """Everything the page says, as the user reads it."""
    elements = [*at.markdown, *at.error, *at.warning, *at.info, *at.success, *at.caption]
    return [shown(element.value) for element in elements]


def test_a_length_stop_is_asked_again_with_more_room_and_the_user_is_told(
    store: Store, application: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first answer stops at the limit; the page asks once more with twice the room,
    keeps the finished note and says what happened."""
    budgets: list[int] = []

    def stream(*_: Any, max_tokens: int, **__: Any) -> Iterator[str]:
        budgets.append(max_tokens)
        if len(budgets) == 1:
            yield "Dear Priya, thank"
            raise llm.LLMError("length", "stopped", partial="Dear Priya, thank")
        yield PRIYA_THANK_YOU

    monkeypatch.setattr(llm, "stream_chat", stream)
    at = write(application)
    assert budgets[1] == 2 * budgets[0]  # no thinking seen: twice the room
    assert store.get_draft(application.id, "priya", "thank_you").text == PRIYA_THANK_YOU
    assert any(
        f"used all {budgets[0]:,} tokens" in text and f"room for {budgets[1]:,}" in text
        for text in said(at)
    )


def test_a_second_length_stop_offers_the_fragment_and_keeps_the_draft(
    store: Store, application: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both answers stop at the limit: the fragment is offered to keep or discard, as after a
    cut, and the saved draft is untouched."""

    def stream(*_: Any, max_tokens: int, **__: Any) -> Iterator[str]:
        yield "Dear Priya, thank"
        raise llm.LLMError("length", length_stop(max_tokens, "x").message, "Dear Priya, thank")

    monkeypatch.setattr(llm, "stream_chat", stream)
    at = write(application)
    assert store.get_draft(application.id, "priya", "thank_you") is None
    assert [text.value for text in at.text] == ["Dear Priya, thank"]
    assert any("stopped before the end" in text for text in said(at))


def test_a_thinking_model_is_shown_thinking_and_its_thoughts_never_reach_the_draft(
    store: Store, application: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model thinks for a while (reported through on_thinking and the report), then writes:
    the draft is the note alone and the page says how long it thought."""
    seen: list[float] = []

    def stream(*_: Any, report: llm.CallReport, on_thinking: Any, **__: Any) -> Iterator[str]:
        for seconds in (0.0, 1.0, 2.0, 3.2):
            on_thinking(seconds)
            seen.append(seconds)
        report.thinking_seconds = 3.2
        yield PRIYA_THANK_YOU

    monkeypatch.setattr(llm, "stream_chat", stream)
    at = write(application)
    assert seen == [0.0, 1.0, 2.0, 3.2]
    assert store.get_draft(application.id, "priya", "thank_you").text == PRIYA_THANK_YOU
    assert any("thought for 3 s before it wrote" in text for text in said(at))


def test_a_server_too_small_for_the_prompt_is_named_before_anything_is_sent(
    store: Store, application: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server reads 512 tokens at once: no request is made, the message names the size and
    how to raise it, and the offline composer is still there."""
    monkeypatch.setattr(ui_draft_writer, "model_context", lambda _settings: 512)
    monkeypatch.setattr(llm, "stream_chat", lambda *_, **__: pytest.fail("nothing is sent"))
    at = write(application)
    assert any("context of 512 tokens" in text and "-c 8192" in text for text in said(at))
    assert store.get_draft(application.id, "priya", "thank_you") is None
    assert at.button(key=f"{DRAFT.format(app=application.id)}_offline")


def test_the_allowance_counts_the_servers_own_tokens_when_it_reports_them(
    application: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server reports 1,234 prompt and 210 answer tokens: the session's use is exactly
    that, one call (the note is clean, so no revision)."""

    def stream(*_: Any, report: llm.CallReport, **__: Any) -> Iterator[str]:
        report.prompt_tokens, report.completion_tokens = 1234, 210
        yield PRIYA_THANK_YOU

    monkeypatch.setattr(llm, "stream_chat", stream)
    at = write(application)
    assert at.session_state[DEMO_USAGE_KEY] == (1, 1444)


def test_a_finding_repeated_in_the_draft_is_listed_once_with_its_count(
    application: Application,
) -> None:
    """Three '[Name]' gaps are one line, "(3 times)", and the count above still says how many
    errors there are in all."""
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    draft = DRAFT.format(app=application.id)
    gaps = PRIYA_THANK_YOU.replace("Thank you", "Thank you [Name], [Name] and [Name]", 1)
    at.text_area(key=draft).set_value(gaps).run()
    lines = [text for text in said(at) if "'[Name]' is a template gap" in text]
    assert len(lines) == 1
    assert lines[0].endswith("(3 times)")
    assert "**3 errors, no warnings** (errors must be fixed; warnings are advice)" in said(at)


def test_a_broken_off_answer_that_repeats_the_prompt_is_not_offered_to_keep(
    store: Store, application: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small model echoes the prompt's fenced notes until its limit: the page says the answer
    was not a note, offers nothing to keep, and the draft is untouched."""
    echo = "What they asked:\n<data-6bae3fcbe7>\nI'm a bit of a nerd\n</data-6bae3fcbe7>\n"

    def stream(*_: Any, **__: Any) -> Iterator[str]:
        yield echo
        raise llm.LLMError("length", "stopped", partial=echo)

    monkeypatch.setattr(llm, "stream_chat", stream)
    at = write(application)
    assert not at.text
    assert any(
        "stopped at its token limit" in text and "repeated the prompt's notes" in text
        for text in said(at)
    )
    assert store.get_draft(application.id, "priya", "thank_you") is None
