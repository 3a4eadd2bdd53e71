"""The LLM client against a real loopback OpenAI-compatible server: answers, failures, settings.

No test mocks the SDK: every call goes over HTTP to ``FakeOpenAI`` on 127.0.0.1, which answers
as the real API would (or fails as the real API can). Nothing reaches the internet.
"""

from __future__ import annotations

import re
import socket

import pytest

from lib import llm, llm_thinking
from lib.llm import (
    DEFAULT_MODEL,
    CallReport,
    LLMError,
    LLMSettings,
    complete,
    stream_chat,
)
from lib.llm_settings import resolve_settings
from tests.fake_openai import (
    CONTEXT_OVERFLOWS,
    STREAM_USAGE,
    FakeOpenAI,
    SteppingClock,
    chunks,
    context_overflow,
    cut_after,
    delay,
    drain,
    empty,
    garbled,
    refuse_stream_options,
    reply,
    status,
    thinking_then,
    trickle,
)

SECRET = "sk-test-SECRET-123"
MESSAGES = [
    {"role": "system", "content": "You help a job seeker write thank-you notes."},
    {"role": "user", "content": "Draft a note to Priya about the streaming migration."},
]
NOTE = "Dear Priya, thank you for the conversation about moving the nightly jobs to streaming."


def settings_for(
    server: FakeOpenAI,
    *,
    model: str = "gpt-4o-mini",
    api_key: str = SECRET,
    timeout: float = 2.0,
    max_retries: int = 0,
) -> LLMSettings:
    """Return settings that talk to the fake server, with a planted key and short waits."""
    return LLMSettings(
        model=model,
        base_url=server.base_url,
        api_key=api_key,
        timeout=timeout,
        max_retries=max_retries,
    )


def free_port() -> int:
    """Return a loopback port that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- answers -------------------------------------------------------------------------------


def test_complete_returns_the_answer_and_sends_model_messages_and_key(
    fake_openai: FakeOpenAI,
) -> None:
    """A user asks for a draft: the whole note comes back, asked of the right model with the
    conversation and the user's key."""
    fake_openai.enqueue(reply(NOTE))

    answer = complete(settings_for(fake_openai), MESSAGES, temperature=0.3, max_tokens=321)

    assert answer == NOTE
    [request] = fake_openai.requests
    assert request.path == "/v1/chat/completions"
    assert request.body["model"] == "gpt-4o-mini"
    assert request.body["messages"] == MESSAGES
    assert request.body["temperature"] == 0.3
    assert request.body["max_tokens"] == 321
    assert not request.streamed
    assert request.headers["authorization"] == f"Bearer {SECRET}"


def test_stream_chat_yields_several_chunks_that_join_to_the_answer(
    fake_openai: FakeOpenAI,
) -> None:
    """A user watches the draft appear: several non-empty chunks arrive that join to the note."""
    fake_openai.enqueue(reply(NOTE))

    chunks, error = drain(stream_chat(settings_for(fake_openai), MESSAGES))

    assert error is None
    assert len(chunks) > 3
    assert all(chunks), "the opening role chunk carries empty content and must be skipped"
    assert "".join(chunks) == NOTE
    [request] = fake_openai.requests
    assert request.streamed
    assert request.body["model"] == "gpt-4o-mini"
    assert request.body["messages"] == MESSAGES
    assert request.headers["authorization"] == f"Bearer {SECRET}"


def test_a_local_server_without_a_key_gets_a_placeholder_not_the_environment_key(
    fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user running Ollama sets only a base URL: the call works, and the SDK is not allowed to
    pick up a key from the environment and send it to that server."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-the-environment")
    fake_openai.enqueue(reply("Hello from a local model."))

    answer = complete(settings_for(fake_openai, api_key="", model="llama3.1"), MESSAGES)

    assert answer == "Hello from a local model."
    [request] = fake_openai.requests
    assert request.headers["authorization"] == f"Bearer {llm.PLACEHOLDER_KEY}"
    assert request.body["model"] == "llama3.1"


def test_a_client_for_openai_ignores_a_base_url_in_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Settings say OpenAI itself: an OPENAI_BASE_URL left in the environment must not redirect
    the user's key elsewhere (checked on the client, without any request)."""
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")

    with llm.open_client(LLMSettings(model="gpt-4o-mini", api_key=SECRET)) as client:
        assert str(client.base_url).startswith("https://api.openai.com/v1")
        assert client.api_key == SECRET


# -- the key never leaks -------------------------------------------------------------------


def test_a_refused_key_says_what_to_do_and_never_shows_the_key(fake_openai: FakeOpenAI) -> None:
    """A user's key is wrong: they are told to check it in Settings or compose offline, and the
    key appears nowhere, even when the server echoes it back."""
    fake_openai.enqueue(status(401, f"Incorrect API key provided: {SECRET}. Try another."))
    settings = settings_for(fake_openai)

    with pytest.raises(LLMError) as caught:
        complete(settings, MESSAGES)

    error = caught.value
    assert error.kind == "auth"
    assert "401" in error.message
    assert "Settings" in error.message
    assert "offline composer" in error.message
    shown = [error.message, str(error), repr(error), repr(settings), str(settings)]
    shown += [settings.describe(), str(error.args)]
    for text in shown:
        assert SECRET not in text
        assert "SECRET" not in text


def test_a_refused_key_while_streaming_is_auth_too(fake_openai: FakeOpenAI) -> None:
    """The same refusal on a streamed draft: one auth error, no text, no key."""
    fake_openai.enqueue(status(401, f"Incorrect API key provided: {SECRET}"))

    chunks, error = drain(stream_chat(settings_for(fake_openai), MESSAGES))

    assert chunks == []
    assert error is not None
    assert error.kind == "auth"
    assert SECRET not in repr(error)


# -- retries -------------------------------------------------------------------------------


def test_one_rate_limit_is_retried_and_the_draft_still_arrives(fake_openai: FakeOpenAI) -> None:
    """OpenAI says "slow down" once: the bounded retry gets the draft on the second request."""
    fake_openai.enqueue(status(429, "Rate limit reached for requests"), reply(NOTE))

    answer = complete(settings_for(fake_openai, max_retries=2), MESSAGES)

    assert answer == NOTE
    assert len(fake_openai.requests) == 2


def test_a_rate_limit_that_lasts_is_reported_after_the_retries(fake_openai: FakeOpenAI) -> None:
    """The limit does not lift: after one retry the user is told to wait or compose offline."""
    fake_openai.default = status(429, "Rate limit reached for requests")

    with pytest.raises(LLMError) as caught:
        complete(settings_for(fake_openai, max_retries=1), MESSAGES)

    assert caught.value.kind == "rate_limit"
    assert "Wait" in caught.value.message
    assert "offline composer" in caught.value.message
    assert len(fake_openai.requests) == 2


def test_an_exhausted_quota_says_so(fake_openai: FakeOpenAI) -> None:
    """The account has no credit: waiting will not help, and the message says what will."""
    fake_openai.enqueue(
        status(429, "You exceeded your current quota.", error_code="insufficient_quota")
    )

    with pytest.raises(LLMError) as caught:
        complete(settings_for(fake_openai), MESSAGES)

    assert caught.value.kind == "rate_limit"
    assert "credit" in caught.value.message


def test_a_server_error_that_lasts_is_server(fake_openai: FakeOpenAI) -> None:
    """OpenAI keeps failing with 500: the user hears it is the server's fault, after retries."""
    fake_openai.default = status(500)

    with pytest.raises(LLMError) as caught:
        complete(settings_for(fake_openai, max_retries=1), MESSAGES)

    assert caught.value.kind == "server"
    assert "500" in caught.value.message
    assert len(fake_openai.requests) == 2


def test_one_server_error_is_retried_and_the_draft_still_arrives(
    fake_openai: FakeOpenAI,
) -> None:
    """A single 500 is survived by the retry, streaming included."""
    fake_openai.enqueue(status(500), reply(NOTE))

    chunks, error = drain(stream_chat(settings_for(fake_openai, max_retries=1), MESSAGES))

    assert error is None
    assert "".join(chunks) == NOTE
    assert len(fake_openai.requests) == 2


class RecordedSleeps:
    """Stands in for ``time`` in lib.llm: records each wait before a retry instead of waiting."""

    def __init__(self) -> None:
        """Start with no wait."""
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        """Record the wait."""
        self.waits.append(seconds)


def test_retries_wait_the_servers_retry_after_and_stay_bounded(
    fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Retries follow the server's retry-after-ms and stop at max_retries (no endless loop)."""
    fake_openai.default = status(503, retry_after_ms=150)
    sleeps = RecordedSleeps()
    monkeypatch.setattr(llm, "time", sleeps)

    with pytest.raises(LLMError) as caught:
        complete(settings_for(fake_openai, max_retries=2), MESSAGES)

    assert caught.value.kind == "server"
    assert "even after 2 retries" in caught.value.message
    assert len(fake_openai.requests) == 3
    assert sleeps.waits == [0.15, 0.15]  # the server's 150 ms before each of the two retries


# -- waiting and connecting ----------------------------------------------------------------


def test_a_server_that_does_not_answer_in_time_is_a_timeout(fake_openai: FakeOpenAI) -> None:
    """The server hangs: the user hears so within the configured half second, not minutes."""
    fake_openai.enqueue(delay(3.0, then=reply(NOTE)))
    settings = settings_for(fake_openai, timeout=0.5, max_retries=0)

    with pytest.raises(LLMError) as caught:
        complete(settings, MESSAGES)

    assert caught.value.kind == "timeout"
    assert "within 0.5 seconds (waited " in caught.value.message
    assert waited(caught.value) >= 0.5
    assert len(fake_openai.requests) == 1


def test_a_stream_that_does_not_start_in_time_is_a_timeout(fake_openai: FakeOpenAI) -> None:
    """A streamed draft from a hanging server fails as a timeout, not as a cut."""
    fake_openai.enqueue(delay(3.0))

    chunks, error = drain(stream_chat(settings_for(fake_openai, timeout=0.5), MESSAGES))

    assert chunks == []
    assert error is not None
    assert error.kind == "timeout"


def waited(error: LLMError) -> float:
    """Return the seconds the message says were waited ("waited 5.1 s")."""
    found = re.search(r"waited (\d+(?:\.\d+)?) s", error.message)
    assert found, error.message
    return float(found[1])


@pytest.mark.parametrize("streamed", [False, True], ids=["complete", "stream"])
def test_the_timeout_bounds_the_whole_call_not_each_retry(
    fake_openai: FakeOpenAI, streamed: bool
) -> None:
    """A server that never answers, with two retries allowed: the user hears after one request
    (the SDK used to send three, each given the full timeout: 3 s meant 10.5 s), and the message
    gives the time waited as measured, never less than the timeout it names."""
    fake_openai.default = delay(5.0)
    settings = settings_for(fake_openai, timeout=1.0, max_retries=2)

    if streamed:
        _, error = drain(stream_chat(settings, MESSAGES))
    else:
        with pytest.raises(LLMError) as caught:
            complete(settings, MESSAGES)
        error = caught.value

    assert error is not None
    assert error.kind == "timeout"
    assert "did not answer within 1 second (waited " in error.message
    assert waited(error) >= 1.0
    assert len(fake_openai.requests) == 1


def test_a_retry_gets_only_the_time_left(fake_openai: FakeOpenAI) -> None:
    """A 500, then a server that hangs: the retry is made within the same deadline, and when it
    runs out no third request follows; the message counts the retry and the real wait."""
    fake_openai.enqueue(status(500, retry_after_ms=100))
    fake_openai.default = delay(5.0)

    with pytest.raises(LLMError) as caught:
        complete(settings_for(fake_openai, timeout=1.0, max_retries=2), MESSAGES)

    assert caught.value.kind == "timeout"
    assert "after 1 retry" in caught.value.message
    assert waited(caught.value) >= 1.0
    assert len(fake_openai.requests) == 2


def test_a_retry_that_would_pass_the_deadline_is_not_made(fake_openai: FakeOpenAI) -> None:
    """The server asks to wait 5 s before a retry, but only 1 s is allowed: the user hears about
    the server error at once, with no second request and no claim of retries."""
    fake_openai.default = status(503, retry_after_ms=5000)

    with pytest.raises(LLMError) as caught:
        complete(settings_for(fake_openai, timeout=1.0, max_retries=2), MESSAGES)

    assert caught.value.kind == "server"
    assert "retr" not in caught.value.message
    assert len(fake_openai.requests) == 1


def test_a_slow_stream_is_stopped_at_the_deadline_and_keeps_its_text(
    fake_openai: FakeOpenAI,
) -> None:
    """A model that never stalls but would need ten seconds is stopped between chunks once
    the one second allowed has passed: what arrived is the partial text, and the message says
    the time ran out and how long was waited."""
    pieces = [f"word{number} " for number in range(20)]
    fake_openai.enqueue(trickle(pieces, 0.5))

    chunks, error = drain(stream_chat(settings_for(fake_openai, timeout=1.0), MESSAGES))

    assert error is not None
    assert error.kind == "cut"
    assert chunks
    assert error.partial == "".join(chunks)
    assert "".join(pieces).startswith(error.partial)
    assert len(chunks) < len(pieces)
    assert "time allowed (1 second) ran out" in error.message
    assert waited(error) >= 1.0


def test_nothing_listening_is_a_connection_error_naming_the_address() -> None:
    """The local server is not running: the user is told which address could not be reached."""
    base_url = f"http://127.0.0.1:{free_port()}/v1"
    settings = LLMSettings(model="llama3.1", base_url=base_url, timeout=2.0, max_retries=0)

    with pytest.raises(LLMError) as caught:
        complete(settings, MESSAGES)

    assert caught.value.kind == "connection"  # refused at once: not waited out as a timeout
    assert base_url in caught.value.message
    assert "running" in caught.value.message
    assert "waited" not in caught.value.message


# -- broken answers ------------------------------------------------------------------------


@pytest.mark.parametrize("clean_end", [False, True], ids=["socket-dropped", "no-finish-reason"])
def test_a_stream_cut_halfway_keeps_the_text_so_far(
    fake_openai: FakeOpenAI, clean_end: bool
) -> None:
    """The connection drops mid-draft (or the stream ends without a finish): the user keeps
    exactly the text already shown, and hears it is incomplete."""
    fake_openai.enqueue(cut_after(["Dear Priya, ", "thank you ", "for the"], clean_end=clean_end))

    chunks, error = drain(stream_chat(settings_for(fake_openai), MESSAGES))

    assert chunks == ["Dear Priya, ", "thank you ", "for the"]
    assert error is not None
    assert error.kind == "cut"
    assert error.partial == "".join(chunks)
    assert "stopped partway" in error.message


@pytest.mark.parametrize("streamed", [False, True], ids=["plain", "streamed"])
def test_an_answer_without_text_is_empty(fake_openai: FakeOpenAI, streamed: bool) -> None:
    """The model answers with nothing: "empty", never an empty draft passed off as success."""
    fake_openai.enqueue(empty())
    settings = settings_for(fake_openai)

    if streamed:
        chunks, error = drain(stream_chat(settings, MESSAGES))
        assert chunks == []
    else:
        with pytest.raises(LLMError) as caught:
            complete(settings, MESSAGES)
        error = caught.value

    assert error is not None
    assert error.kind == "empty"
    assert error.partial == ""


def test_a_whitespace_answer_is_empty(fake_openai: FakeOpenAI) -> None:
    """Blank lines are no draft either."""
    fake_openai.enqueue(reply("  \n\n "))

    with pytest.raises(LLMError) as caught:
        complete(settings_for(fake_openai), MESSAGES)

    assert caught.value.kind == "empty"


@pytest.mark.parametrize(
    ("streamed", "content_type"),
    [(False, "text/html"), (False, "application/json"), (True, "text/html")],
    ids=["plain-html", "plain-bad-json", "streamed"],
)
def test_an_answer_that_is_not_json_is_garbled(
    fake_openai: FakeOpenAI, streamed: bool, content_type: str
) -> None:
    """The base URL points at something that is not an OpenAI-compatible API: "garbled", with
    a hint to check the base URL."""
    fake_openai.enqueue(garbled(content_type))
    settings = settings_for(fake_openai)

    if streamed:
        chunks, error = drain(stream_chat(settings, MESSAGES))
        assert chunks == []
    else:
        with pytest.raises(LLMError) as caught:
            complete(settings, MESSAGES)
        error = caught.value

    assert error is not None
    assert error.kind == "garbled"
    assert "base URL" in error.message


def test_an_unknown_model_is_not_found_and_named(fake_openai: FakeOpenAI) -> None:
    """A typo in the model name: the user sees which model was not found, and where."""
    fake_openai.enqueue(status(404, "The model `gpt-4o-mnii` does not exist."))
    settings = settings_for(fake_openai, model="gpt-4o-mnii")

    with pytest.raises(LLMError) as caught:
        complete(settings, MESSAGES)

    assert caught.value.kind == "not_found"
    assert '"gpt-4o-mnii"' in caught.value.message
    assert fake_openai.base_url in caught.value.message


@pytest.mark.parametrize(
    ("code", "kind"),
    [(400, "bad_request"), (403, "auth"), (422, "bad_request"), (503, "server")],
)
def test_other_error_statuses_map_to_their_kind(
    fake_openai: FakeOpenAI, code: int, kind: str
) -> None:
    """Each HTTP failure becomes one kind the page can react to, with the server's reason."""
    fake_openai.enqueue(status(code, "Because of reasons."))

    with pytest.raises(LLMError) as caught:
        complete(settings_for(fake_openai), MESSAGES)

    assert caught.value.kind == kind
    assert str(code) in caught.value.message
    assert "offline composer" in caught.value.message


def test_openai_without_a_key_fails_before_any_request(
    fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings built by hand for OpenAI without a key: "no_key" at once, nothing is sent (the
    OpenAI address points at the fake here, so a request would be caught, not sent out)."""
    monkeypatch.setattr(llm, "OPENAI_BASE_URL", fake_openai.base_url)
    settings = LLMSettings(model="gpt-4o-mini")

    with pytest.raises(LLMError) as caught:
        complete(settings, MESSAGES)
    _, stream_error = drain(stream_chat(settings, MESSAGES))

    assert caught.value.kind == "no_key"
    assert stream_error is not None
    assert stream_error.kind == "no_key"
    assert fake_openai.requests == []


# -- the token limit and the context ------------------------------------------------------


@pytest.mark.parametrize("streamed", [False, True], ids=["plain", "streamed"])
def test_an_answer_stopped_at_the_token_limit_is_length_never_a_finished_note(
    fake_openai: FakeOpenAI, streamed: bool
) -> None:
    """The model runs out of tokens mid-sentence: the user is told it stopped before the end at
    the limit it was given, and keeps the text so far, never passed off as a finished note."""
    so_far = "Dear Priya, thank you for the conversation about moving the nightly"
    fake_openai.enqueue(reply(so_far, "length"))
    settings = settings_for(fake_openai)
    report = CallReport()

    if streamed:
        received, error = drain(stream_chat(settings, MESSAGES, max_tokens=1200, report=report))
        assert "".join(received) == so_far
    else:
        with pytest.raises(LLMError) as caught:
            complete(settings, MESSAGES, max_tokens=1200, report=report)
        error = caught.value

    assert error is not None
    assert error.kind == "length"
    assert error.partial == so_far
    assert "stopped before the end" in error.message
    assert "1,200 tokens" in error.message
    assert "thinking" not in error.message
    assert report.finish_reason == "length"


def overflow_size(server: str) -> int:
    """Return the context size the server's own overflow message names."""
    return 128_000 if server == "OpenAI" else 4096


@pytest.mark.parametrize("server", list(CONTEXT_OVERFLOWS))
def test_a_request_too_long_for_the_context_says_how_to_make_room(
    fake_openai: FakeOpenAI, server: str
) -> None:
    """The notes do not fit a local model's context: whatever the server's wording, the user
    hears the context size and how to raise it (-c, num_ctx), not to check the model name."""
    fake_openai.enqueue(context_overflow(server))

    with pytest.raises(LLMError) as caught:
        complete(settings_for(fake_openai, max_retries=2), MESSAGES)

    error = caught.value
    assert error.kind == "context", error.message
    assert f"{overflow_size(server):,} tokens" in error.message
    assert "-c " in error.message
    assert "num_ctx" in error.message
    assert "Check the model name" not in error.message
    assert len(fake_openai.requests) == 1  # a refusal of the length is not retried


def test_a_streamed_request_too_long_for_the_context_is_context_too(
    fake_openai: FakeOpenAI,
) -> None:
    """The same overflow on a streamed draft: one context error, no text, and the request is
    not sent again without stream_options (the refusal is not about them)."""
    fake_openai.enqueue(context_overflow("llama.cpp"))

    received, error = drain(stream_chat(settings_for(fake_openai), MESSAGES))

    assert received == []
    assert error is not None
    assert error.kind == "context"
    assert "4,096 tokens" in error.message
    assert "about 5,024 tokens" in error.message
    assert len(fake_openai.requests) == 1


# -- thinking ------------------------------------------------------------------------------


@pytest.mark.parametrize("field_name", ["reasoning_content", "reasoning"])
def test_thoughts_in_a_separate_field_stay_out_of_the_note_and_are_timed(
    fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, field_name: str
) -> None:
    """A reasoning model thinks first (llama.cpp's reasoning_content, Ollama's reasoning): the
    user watches "thinking… N s" count up, the note holds none of the thoughts, and the report
    says how long the model thought."""
    monkeypatch.setattr(llm_thinking, "time", SteppingClock(0.4))
    thoughts = [
        "The user wants ",
        "a thank-you note. ",
        "Mention the ",
        "streaming ",
        "move. ",
        "OK.",
    ]
    fake_openai.enqueue(thinking_then(thoughts, NOTE, field_name=field_name))
    seconds: list[float] = []
    report = CallReport()

    received, error = drain(
        stream_chat(settings_for(fake_openai), MESSAGES, report=report, on_thinking=seconds.append)
    )

    assert error is None
    assert "".join(received) == NOTE
    assert seconds[0] == 0.0
    assert len(seconds) >= 3
    assert seconds == sorted(set(seconds)), "each report is later than the one before"
    assert report.thinking_seconds == pytest.approx(2.0)
    assert report.thinking_seconds >= seconds[-1]


def test_a_plain_answer_keeps_its_separate_thoughts_out_of_the_note(
    fake_openai: FakeOpenAI,
) -> None:
    """A whole answer whose message carries reasoning_content beside the content: only the
    content is the note."""
    fake_openai.enqueue(thinking_then(["The user wants a note."], NOTE))

    assert complete(settings_for(fake_openai), MESSAGES) == NOTE


# Thoughts written into the answer, cut into chunks at awkward places.
THINK_PIECES = [
    "<thi",
    "nk>",
    "The user wants a short note",
    " to Priya.</th",
    "ink>\n\nDear",
    " Priya, thank you for the conversation",
    " about moving the nightly jobs to streaming.",
]


def test_think_tags_split_across_chunks_never_reach_the_streamed_note(
    fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model that thinks aloud inside <think>…</think>, its tags cut across chunks: the user
    sees only the note, from "Dear" on, and the thinking is timed."""
    monkeypatch.setattr(llm_thinking, "time", SteppingClock(0.5))
    fake_openai.enqueue(chunks(THINK_PIECES))
    seconds: list[float] = []
    report = CallReport()

    received, error = drain(
        stream_chat(settings_for(fake_openai), MESSAGES, report=report, on_thinking=seconds.append)
    )

    assert error is None
    assert "".join(received) == NOTE
    assert all(received), "no empty chunk is yielded while the thoughts are held back"
    assert seconds
    assert seconds[0] == 0.0
    assert report.thinking_seconds > 0


def test_think_tags_are_stripped_from_a_whole_answer(fake_openai: FakeOpenAI) -> None:
    """The same answer asked for at once: the note comes back without the thoughts."""
    fake_openai.enqueue(chunks(THINK_PIECES))

    assert complete(settings_for(fake_openai), MESSAGES) == NOTE


@pytest.mark.parametrize("streamed", [False, True], ids=["plain", "streamed"])
def test_an_answer_that_only_thought_until_the_limit_is_length_with_nothing_kept(
    fake_openai: FakeOpenAI, streamed: bool
) -> None:
    """The model spends every token thinking and never closes </think>: "length" with no text
    to keep, and the message says the tokens went on thinking."""
    fake_openai.enqueue(chunks(["<think>", "The user wants ", "a note, so first"], "length"))
    settings = settings_for(fake_openai)

    if streamed:
        received, error = drain(stream_chat(settings, MESSAGES, max_tokens=300))
        assert received == []
    else:
        with pytest.raises(LLMError) as caught:
            complete(settings, MESSAGES, max_tokens=300)
        error = caught.value

    assert error is not None
    assert error.kind == "length"
    assert error.partial == ""
    assert "300 tokens" in error.message
    assert "thinking" in error.message
    assert "The user wants" not in error.message


# -- usage ---------------------------------------------------------------------------------


def test_a_stream_asks_for_usage_and_reports_the_servers_counts(fake_openai: FakeOpenAI) -> None:
    """The page shows real token counts: the stream asks for a usage chunk, and the report
    carries the server's numbers, the finish reason, and no thinking time."""
    fake_openai.enqueue(reply(NOTE))
    report = CallReport()

    received, error = drain(stream_chat(settings_for(fake_openai), MESSAGES, report=report))

    assert error is None
    assert "".join(received) == NOTE
    [request] = fake_openai.requests
    assert request.body["stream_options"] == {"include_usage": True}
    assert report.prompt_tokens == STREAM_USAGE["prompt_tokens"]
    assert report.completion_tokens == STREAM_USAGE["completion_tokens"]
    assert report.tokens == STREAM_USAGE["total_tokens"]
    assert report.finish_reason == "stop"
    assert report.thinking_seconds == 0.0


def test_a_stream_without_a_usage_chunk_leaves_the_counts_unknown(
    fake_openai: FakeOpenAI,
) -> None:
    """A server that ignores stream_options sends no usage: the counts stay None (the page then
    estimates) rather than zero."""
    fake_openai.enqueue(reply(NOTE, usage=False))
    report = CallReport()

    received, error = drain(stream_chat(settings_for(fake_openai), MESSAGES, report=report))

    assert error is None
    assert "".join(received) == NOTE
    assert report.prompt_tokens is None
    assert report.completion_tokens is None
    assert report.tokens is None


def test_a_whole_answer_reports_the_servers_counts(fake_openai: FakeOpenAI) -> None:
    """A plain answer carries its usage in the body: the report has it."""
    fake_openai.enqueue(reply(NOTE))
    report = CallReport()

    complete(settings_for(fake_openai), MESSAGES, report=report)

    assert (report.prompt_tokens, report.completion_tokens) == (10, 5)
    assert report.finish_reason == "stop"


def test_a_server_that_refuses_stream_options_still_streams(fake_openai: FakeOpenAI) -> None:
    """A server answers 400 to stream_options: the draft is asked for again without them and
    streams as usual, with the counts left unknown."""
    fake_openai.default = refuse_stream_options(reply(NOTE))
    report = CallReport()

    received, error = drain(stream_chat(settings_for(fake_openai), MESSAGES, report=report))

    assert error is None
    assert "".join(received) == NOTE
    first, second = fake_openai.requests
    assert first.body["stream_options"] == {"include_usage": True}
    assert "stream_options" not in second.body
    assert second.streamed
    assert second.body["messages"] == MESSAGES
    assert report.tokens is None


def test_a_bad_request_that_is_not_about_stream_options_is_sent_once(
    fake_openai: FakeOpenAI,
) -> None:
    """Any other 400 on a stream is reported at once, not retried without stream_options."""
    fake_openai.enqueue(status(400, "Invalid value for 'temperature'."), reply(NOTE))

    received, error = drain(stream_chat(settings_for(fake_openai), MESSAGES))

    assert received == []
    assert error is not None
    assert error.kind == "bad_request"
    assert len(fake_openai.requests) == 1


# -- settings ------------------------------------------------------------------------------


def test_each_setting_comes_from_the_first_source_that_has_it() -> None:
    """Session beats secrets beats environment, name by name; blank values do not count."""
    session = {"COACH_MODEL": "  gpt-4.1-mini  ", "OPENAI_API_KEY": "   "}
    secrets = {"OPENAI_API_KEY": "sk-from-secrets", "COACH_MODEL": "from-secrets"}
    environment = {
        "OPENAI_API_KEY": "sk-from-environment",
        "OPENAI_BASE_URL": "http://localhost:11434/v1/",
        "COACH_MODEL": "from-environment",
        "COACH_LLM_TIMEOUT": " 45 ",
    }

    settings = resolve_settings(session, secrets, environment)

    assert settings == LLMSettings(
        model="gpt-4.1-mini",
        base_url="http://localhost:11434/v1",
        api_key="sk-from-secrets",
        timeout=45.0,
    )


@pytest.mark.parametrize(
    ("source", "seconds"),
    [
        pytest.param({"OPENAI_API_KEY": "sk-test"}, 30.0, id="openai"),
        pytest.param({"OPENAI_BASE_URL": "http://localhost:11434/v1"}, 120.0, id="local-server"),
        pytest.param({"OPENAI_API_KEY": "sk-test", "COACH_LLM_TIMEOUT": "2.5"}, 2.5, id="set"),
    ],
)
def test_a_server_at_a_base_url_is_given_longer_to_answer(
    source: dict[str, str], seconds: float
) -> None:
    """A model on a local CPU can take a minute to start; OpenAI answers in seconds."""
    settings = resolve_settings(source)
    assert settings is not None
    assert settings.timeout == seconds


@pytest.mark.parametrize("timeout", ["soon", "0", "-5", "601", "nan", "inf"])
def test_a_timeout_that_is_not_a_sensible_number_of_seconds_is_refused(timeout: str) -> None:
    """The message names the setting, quotes the value and gives the range."""
    with pytest.raises(LLMError, match="COACH_LLM_TIMEOUT") as refused:
        resolve_settings({"OPENAI_API_KEY": "sk-test", "COACH_LLM_TIMEOUT": timeout})
    assert refused.value.kind == "bad_request"
    assert f'"{timeout}"' in refused.value.message
    assert "from 1 to 600" in refused.value.message


def test_nothing_configured_means_no_llm() -> None:
    """No key and no base URL anywhere: None, and the pages offer the offline composer."""
    assert resolve_settings({}, {"OPENAI_API_KEY": ""}, {"OTHER": "x"}) is None
    assert resolve_settings() is None


def test_a_base_url_without_a_key_is_enough() -> None:
    """Ollama, LM Studio and vLLM need no key: a base URL alone configures the LLM."""
    settings = resolve_settings({"OPENAI_BASE_URL": "http://localhost:11434/v1"})

    assert settings is not None
    assert settings.api_key == ""
    assert settings.model == DEFAULT_MODEL
    assert settings.describe() == f"{DEFAULT_MODEL} at http://localhost:11434/v1"


def test_a_key_alone_means_openai_with_the_default_model() -> None:
    """Only a key: OpenAI itself, with the default model and timeouts."""
    settings = resolve_settings({}, {"OPENAI_API_KEY": SECRET})

    assert settings == LLMSettings(model=DEFAULT_MODEL, api_key=SECRET)
    assert settings.describe() == "gpt-4o-mini on OpenAI"
    assert SECRET not in repr(settings)


def test_a_model_without_key_or_base_url_is_no_key() -> None:
    """A model is named but neither key nor base URL is set: the user meant to use OpenAI, so
    the error says the key is missing (rather than silently going offline)."""
    with pytest.raises(LLMError) as caught:
        resolve_settings({"COACH_MODEL": "gpt-4o"}, {})

    assert caught.value.kind == "no_key"
    assert "OPENAI_API_KEY" in caught.value.message


class _MissingSecrets(dict[str, object]):
    """Behaves like st.secrets without a secrets.toml: any read raises FileNotFoundError."""

    def get(self, key: str, default: object = None) -> object:
        """Raise as Streamlit does when there is no secrets file."""
        raise FileNotFoundError("No secrets found.")


def test_missing_secrets_file_is_skipped() -> None:
    """Streamlit raises when no secrets.toml exists: the environment still counts."""
    settings = resolve_settings({}, _MissingSecrets(), {"OPENAI_API_KEY": SECRET})

    assert settings is not None
    assert settings.api_key == SECRET


@pytest.mark.parametrize(
    "base_url",
    ["localhost:11434/v1", "ftp://example.com/v1", "http://", "http://local host/v1", "http:8080"],
)
def test_an_invalid_base_url_is_refused_clearly(base_url: str) -> None:
    """A base URL that is not an http(s) address is refused with an example of a good one."""
    with pytest.raises(LLMError) as caught:
        resolve_settings({"OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": SECRET})

    assert caught.value.kind == "bad_request"
    assert "http://localhost:11434/v1" in caught.value.message
    assert SECRET not in caught.value.message


def test_a_key_pasted_into_the_base_url_is_not_shown() -> None:
    """A user pastes the key into the wrong field: the refusal does not repeat it."""
    with pytest.raises(LLMError) as caught:
        resolve_settings({"OPENAI_BASE_URL": SECRET, "OPENAI_API_KEY": SECRET})

    assert SECRET not in caught.value.message


def test_describe_hides_credentials_in_the_base_url() -> None:
    """A base URL with user info or a query string is shown without them."""
    settings = LLMSettings(model="llama3.1", base_url="https://bob:hunter2@llm.example:8443/v1?k=z")

    assert settings.describe() == "llama3.1 at https://llm.example:8443/v1"
