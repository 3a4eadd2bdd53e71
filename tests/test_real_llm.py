"""The LLM client against a real llama.cpp server on 127.0.0.1: plumbing, not quality.

The model is the base Gemma 3 270M (``make local-llm``), which writes junk and answers to any
model name; these tests check what the client makes of a real server's streams, token counts,
stops, refusals and timing. Every call asks for a few tokens at temperature 0, so the file
takes seconds, not minutes. Without a server binary or the model the tests skip; with
COACH_REQUIRE_LLM_SERVER set (as .ci/run does when it finds a binary) they fail instead.
"""

from __future__ import annotations

import os
import random
import string
from collections.abc import Iterator

import pytest

from lib.llm import CallReport, LLMError, LLMSettings, complete, stream_chat
from lib.llm_server import check_connection, probe_server
from tests.fake_openai import drain
from tests.llama_server import (
    CONTEXT,
    STOP_SECONDS,
    LlamaServer,
    LlamaServerError,
    missing,
    running_server,
)

pytestmark = pytest.mark.real_llm

MESSAGES = [
    {"role": "system", "content": "You help a job seeker write thank-you notes."},
    {"role": "user", "content": "Draft a thank-you note to Priya about the streaming migration."},
]
UNLISTED_MODEL = "gpt-4o-mini"  # llama.cpp answers to it, but does not list it


def serve(
    tmp_path_factory: pytest.TempPathFactory, name: str, stop_seconds: float = STOP_SECONDS
) -> Iterator[LlamaServer]:
    """Run a llama-server for a fixture, its log in a temp folder; skip (fail where
    COACH_REQUIRE_LLM_SERVER is set) when there is no binary or no model."""
    if (reason := missing()) is not None:
        if os.environ.get("COACH_REQUIRE_LLM_SERVER"):
            pytest.fail(
                f"real-LLM tests are required here (COACH_REQUIRE_LLM_SERVER), but {reason}"
            )
        pytest.skip(reason)
    try:
        folder = tmp_path_factory.mktemp(name)
        with running_server(folder, stop_seconds=stop_seconds) as server:
            yield server
    except LlamaServerError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    """One llama-server for the whole session."""
    yield from serve(tmp_path_factory, "llama-server")


@pytest.fixture
def settings(llama: LlamaServer) -> Iterator[LLMSettings]:
    """Settings for the real server, patient enough for a busy machine; after the test the
    server has finished its work, so the next test starts on an idle server."""
    yield LLMSettings(model=UNLISTED_MODEL, base_url=llama.base_url, timeout=60.0, max_retries=0)
    llama.wait_until_idle()


@pytest.fixture(scope="module")
def spare_llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    """A second server for the deadline tests: this llama.cpp goes on with a call the client
    gave up on (a whole answer to its last token, a stream until its next one), so that work is
    left on a server killed afterwards (no wait for the batch in hand), and the session's server
    stays idle."""
    yield from serve(tmp_path_factory, "llama-server-spare", stop_seconds=0)


@pytest.fixture
def hasty(spare_llama: LlamaServer) -> LLMSettings:
    """Settings that allow a call one second in all."""
    return LLMSettings(model=UNLISTED_MODEL, base_url=spare_llama.base_url, timeout=1.0)


def ask(
    settings: LLMSettings, messages: list[dict[str, str]], *, streamed: bool, max_tokens: int
) -> tuple[str, LLMError | None]:
    """Make one call, streamed or whole, at temperature 0; return the text and the error."""
    if streamed:
        chunks, error = drain(stream_chat(settings, messages, max_tokens=max_tokens, temperature=0))
        if error is not None:
            assert error.partial == "".join(chunks), "the partial is the text already shown"
        return "".join(chunks), error
    try:
        return complete(settings, messages, max_tokens=max_tokens, temperature=0), None
    except LLMError as error:
        return "", error


def made_up_words(characters: int) -> list[dict[str, str]]:
    """Return a request whose notes are that many characters of made-up lowercase words (about
    two characters a token for Gemma's tokenizer, so 40,000 characters is ~18,000 tokens)."""
    rng = random.Random(12)
    words = (
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 7)))
        for _ in range(characters // 3)
    )
    notes = " ".join(words)[:characters]
    return [MESSAGES[0], {"role": "user", "content": f"Draft a note from these notes: {notes}"}]


STREAMED = pytest.mark.parametrize("streamed", [True, False], ids=["stream", "complete"])


def test_a_streamed_draft_arrives_in_chunks_with_the_servers_own_token_counts(
    settings: LLMSettings,
) -> None:
    """A user asks for a draft: the text arrives chunk by chunk, and the report carries the
    server's own usage, which llama.cpp streams only because the client asks for it."""
    report = CallReport()
    chunks, error = drain(
        stream_chat(settings, MESSAGES, max_tokens=24, temperature=0, report=report)
    )

    assert len(chunks) > 1
    assert "".join(chunks).strip()
    assert error is None or error.kind == "length", error
    assert report.finish_reason == ("length" if error else "stop")
    assert report.prompt_tokens is not None
    assert report.prompt_tokens > 0
    assert report.completion_tokens is not None
    assert 0 < report.completion_tokens <= 24
    if error is not None:
        assert report.completion_tokens == 24
    assert not report.thought, "a base model that does not think was taken for thinking"


def test_a_whole_answer_is_its_text_or_a_length_stop_that_keeps_it(settings: LLMSettings) -> None:
    """complete() returns the answer, or says the limit was reached and keeps the text so far;
    either way the report has the server's counts."""
    report = CallReport()
    error: LLMError | None = None
    try:
        text = complete(settings, MESSAGES, max_tokens=24, temperature=0, report=report)
    except LLMError as stopped:
        text, error = stopped.partial, stopped

    assert error is None or error.kind == "length", error
    assert text.strip()
    assert report.prompt_tokens is not None
    assert report.prompt_tokens > 0
    assert report.completion_tokens is not None
    assert 0 < report.completion_tokens <= 24


@STREAMED
def test_twenty_tokens_is_a_length_stop_with_the_text_so_far_never_a_finished_note(
    settings: LLMSettings, streamed: bool
) -> None:
    """An answer cut at max_tokens is reported as cut at the limit, with its fragment kept for
    the user to finish, and is never handed back as if it were a whole note."""
    text, error = ask(settings, MESSAGES, streamed=streamed, max_tokens=20)

    assert error is not None, f"a 20-token answer came back as a finished note: {text!r}"
    assert error.kind == "length", error
    assert error.partial.strip()
    assert "20 tokens" in error.message


@STREAMED
def test_notes_larger_than_the_context_say_its_size_and_how_to_raise_it(
    settings: LLMSettings, streamed: bool
) -> None:
    """Notes of 40,000 characters do not fit the server's 8,192 tokens: llama.cpp refuses them,
    and the message names the size and llama.cpp's -c flag instead of a bare 400."""
    text, error = ask(settings, made_up_words(40_000), streamed=streamed, max_tokens=20)

    assert error is not None, f"a prompt larger than the context was answered: {text!r}"
    assert error.kind == "context", error
    assert f"{CONTEXT:,}" in error.message
    assert "-c" in error.message
    assert error.partial == ""


def test_the_connection_check_names_llama_cpp_its_context_and_an_unlisted_model(
    settings: LLMSettings,
) -> None:
    """The Settings check says llama.cpp answered and how much it reads, and warns that the
    model name means nothing to it; with the id the server lists, there is no such warning."""
    check = check_connection(settings)

    assert check.server.kind == "llama.cpp"
    assert "llama.cpp" in check.message
    assert check.server.context == CONTEXT
    assert f"{CONTEXT:,}" in check.message
    assert any(f'"{UNLISTED_MODEL}"' in warning for warning in check.warnings), check.warnings
    assert check.server.models

    listed = LLMSettings(model=check.server.models[0], base_url=settings.base_url)
    recheck = check_connection(listed)

    assert recheck.server.lists(listed.model)
    assert not any("does not list" in warning for warning in recheck.warnings), recheck.warnings
    assert f"answered as {listed.model}" in recheck.message


@pytest.mark.parametrize("suffix", ["/v1", ""], ids=["v1", "root"])
def test_the_probe_reads_the_context_from_the_server(llama: LlamaServer, suffix: str) -> None:
    """probe_server finds a llama.cpp server and its context size (from /props), whether the
    base URL ends in /v1 or not."""
    info = probe_server(LLMSettings(model=UNLISTED_MODEL, base_url=llama.url + suffix))

    assert info.kind == "llama.cpp"
    assert info.context == CONTEXT
    assert info.models


@STREAMED
def test_a_one_second_timeout_stops_a_long_answer_in_time(
    hasty: LLMSettings, streamed: bool
) -> None:
    """With one second allowed, a 400-token answer (about ten seconds here) stops at the
    deadline: a timeout, or for a stream already under way a cut that keeps its text."""
    text, error = ask(hasty, MESSAGES, streamed=streamed, max_tokens=400)

    assert error is not None, f"a 400-token answer finished within 1 s: {text!r}"
    assert error.kind in ("timeout", "cut"), error
    assert (error.kind == "cut") == bool(error.partial)  # without a deadline: "length", at 400


def test_a_stream_still_on_its_prompt_at_the_deadline_times_out(hasty: LLMSettings) -> None:
    """llama.cpp sends a stream's headers before it reads the prompt, so the deadline must
    also hold while no token has come yet: notes of ~5,600 tokens (seconds to read even on a
    fast machine) time out in about a second, with nothing to keep."""
    text, error = ask(hasty, made_up_words(12_000), streamed=True, max_tokens=20)

    assert error is not None, f"the answer finished within 1 s: {text!r}"
    assert error.kind == "timeout", error  # without a deadline: a 20-token "length" stop
    assert error.partial == ""
