"""The OpenAI-compatible client: streaming and whole answers, each failure one clear LLMError.

Pages resolve an ``LLMSettings`` from session, secrets and environment
(``lib.llm_settings.resolve_settings``), then call ``stream_chat`` (for ``st.write_stream``) or
``complete``; ``lib.llm_server`` checks a connection and reads what the server can take. Any
failure, from a refused key to a stream cut halfway, comes back as an ``LLMError`` whose
message a person can act on (``lib.llm_errors``); the offline composer is always the way out.
A client is built per call, so no connection, key or state outlives the call.

An answer that stops at its token limit (finish_reason "length") is never passed off as
finished: it raises ``LLMError("length")`` with the text so far. A model's thinking, in
``<think>`` tags or a ``reasoning_content`` field, is left out of the streamed chunks and of a
whole answer (``lib.llm_thinking``); when a chat template opened the tag itself, only its
closing tag arrives, so the streamed text is cleaned with ``strip_thinking`` once it is whole.

``LLMSettings.timeout`` bounds a whole call, retries and streaming included: the call has a
deadline, each request gets the time left as its timeout, retries happen here (never in the
SDK, whose own retries would each get the full timeout again) and only while time is left,
and a stream is stopped between chunks once the deadline has passed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, cast

import openai
from openai.types.chat import ChatCompletion

from lib.llm_base import (
    DEFAULT_MODEL,
    DEFAULT_TIMEOUT,
    OFFLINE,
    OPENAI_BASE_URL,
    CallReport,
    Clock,
    ErrorKind,
    LLMError,
    LLMSettings,
    display_url,
    no_key_message,
    scrub,
)
from lib.llm_errors import (
    cut,
    empty,
    garbled,
    length_stop,
    ran_long,
    refused,
    timed_out,
    translate,
)
from lib.llm_thinking import THINKING_FIELDS, ThinkingFilter, strip_thinking

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionMessageParam

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_TIMEOUT",
    "OFFLINE",
    "OPENAI_BASE_URL",
    "CallReport",
    "ErrorKind",
    "LLMError",
    "LLMSettings",
    "complete",
    "display_url",
    "open_client",
    "ping",
    "scrub",
    "stream_chat",
    "with_retries",
]

INITIAL_BACKOFF = 0.5  # seconds before the first retry, doubling, unless the server says
MAX_BACKOFF = 8.0
RETRY_AFTER_LIMIT = 60.0  # a server's retry-after beyond this is ignored
PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key, but the SDK insists on one
DEFAULT_MAX_TOKENS = 700
PING_MAX_TOKENS = 5
Messages = list[dict[str, str]]


def open_client(settings: LLMSettings) -> openai.OpenAI:
    """Build a client for one call, with every setting explicit (none read from environment).

    The SDK makes no retry of its own: ``_create`` retries within the call's deadline.
    """
    if settings.base_url is None and not settings.api_key:
        raise LLMError("no_key", no_key_message(settings.model))
    return openai.OpenAI(
        api_key=settings.api_key or PLACEHOLDER_KEY,
        base_url=settings.base_url or OPENAI_BASE_URL,
        timeout=settings.timeout,
        max_retries=0,
    )


def _retryable(error: Exception) -> bool:
    """Whether trying again may help: a refused connection, 408, 409, 429 (not for an empty
    account) or a server error. A timeout is not: it spent the time there was."""
    if isinstance(error, openai.APITimeoutError):
        return False
    if isinstance(error, openai.APIConnectionError):
        return True
    if isinstance(error, openai.APIStatusError):
        if error.code == "insufficient_quota":
            return False
        return error.status_code in (408, 409, 429) or error.status_code >= 500
    return False


def _backoff(error: Exception, retry: int) -> float:
    """Return the seconds to wait before a retry: the server's retry-after, else doubling."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None) or {}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            seconds = float(headers.get(name)) * scale
        except (TypeError, ValueError):
            continue
        if 0 <= seconds <= RETRY_AFTER_LIMIT:
            return seconds
    return min(INITIAL_BACKOFF * 2**retry, MAX_BACKOFF)


def _create(
    client: openai.OpenAI, settings: LLMSettings, clock: Clock, **request: object
) -> object:
    """Send one chat request, retried within the deadline (see ``with_retries``)."""
    return with_retries(
        settings,
        clock,
        lambda remaining: client.chat.completions.create(timeout=remaining, **request),  # type: ignore[call-overload]
    )


def with_retries(
    settings: LLMSettings,
    clock: Clock,
    send: Callable[[float], object],
    final: Callable[[Exception], LLMError | None] | None = None,
) -> object:
    """Call ``send(seconds left)``, retried up to ``settings.max_retries`` times within the
    deadline; any failure raises an LLMError.

    Each attempt may take only the time left; a retry whose wait would pass the deadline is
    not made, and the last failure is reported. ``final`` may turn a failure into an LLMError
    raised at once, never retried (a server without the endpoint asked for, say).
    """
    while True:
        remaining = clock.remaining()
        if remaining <= 0:
            raise timed_out(settings, clock)
        try:
            return send(remaining)
        except (openai.OpenAIError, ValueError) as error:
            if final is not None and (stop := final(error)) is not None:
                raise stop from None
            if _retryable(error) and clock.retries < settings.max_retries:
                pause = _backoff(error, clock.retries)
                if pause < clock.remaining():
                    time.sleep(pause)
                    clock.retries += 1
                    continue
            raise translate(error, settings, clock) from None


def _message(result: object, settings: LLMSettings) -> tuple[str, str | None]:
    """Return the content and finish_reason of a completion; raise "garbled" when it is none."""
    # The SDK hands back the raw text when a 200 answer is not JSON.
    choices = getattr(result, "choices", None) if isinstance(result, ChatCompletion) else None
    if not isinstance(choices, list) or not choices:
        raise garbled(settings)
    message = getattr(choices[0], "message", None)
    content = getattr(message, "content", None)
    return (content if isinstance(content, str) else ""), choices[0].finish_reason


def _refusal(result: object) -> str:
    """Return what a model said when it refused a structured answer (its ``refusal``), or ""."""
    message = getattr(getattr(result, "choices", [None])[0], "message", None)
    said = getattr(message, "refusal", None)
    return said.strip() if isinstance(said, str) else ""


def _thinking_field(result: object) -> str:
    """Return the thinking a whole answer carried in a field of its own, or ""."""
    message = getattr(getattr(result, "choices", [None])[0], "message", None)
    extra = getattr(message, "model_extra", None) or {}
    return next((str(extra[name]) for name in THINKING_FIELDS if extra.get(name)), "")


def _record_usage(report: CallReport | None, usage: object) -> None:
    """Copy the server's token counts into the report, when it sent any."""
    if report is None or usage is None:
        return
    for name in ("prompt_tokens", "completion_tokens"):
        value = getattr(usage, name, None)
        if isinstance(value, int):
            setattr(report, name, value)


def _read_chunk(chunk: object) -> tuple[str, str, str | None]:
    """Return the text, the thinking text and the finish_reason carried by one stream chunk."""
    choices = getattr(chunk, "choices", None)
    if not isinstance(choices, list):
        raise ValueError("a stream chunk without choices")
    if not choices:
        return "", "", None  # e.g. the usage chunk at the end
    delta = getattr(choices[0], "delta", None)
    content = getattr(delta, "content", None)
    extra = getattr(delta, "model_extra", None) or {}
    thinking = next((extra[name] for name in THINKING_FIELDS if extra.get(name)), "")
    finish = getattr(choices[0], "finish_reason", None)
    return (
        (content if isinstance(content, str) else ""),
        (thinking if isinstance(thinking, str) else ""),
        finish,
    )


def _open_stream(
    client: openai.OpenAI, settings: LLMSettings, clock: Clock, request: dict[str, object]
) -> openai.Stream[object]:
    """Start a stream that also reports usage; without it when the server refuses the option."""
    try:
        opened = _create(client, settings, clock, **request, stream_options={"include_usage": True})
    except LLMError as error:
        if error.kind != "bad_request" or "stream_options" not in error.message:
            raise
        opened = _create(client, settings, clock, **request)
    return cast("openai.Stream[object]", opened)


def stream_chat(
    settings: LLMSettings,
    messages: Messages,
    *,
    temperature: float = 0.7,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    report: CallReport | None = None,
    on_thinking: Callable[[float], None] | None = None,
) -> Iterator[str]:
    """Yield the note's text chunks as they arrive; any failure raises one LLMError.

    Thinking is kept out of the chunks and reported to ``on_thinking`` (seconds so far). An
    answer that reached ``max_tokens`` raises "length"; one that ends without any
    finish_reason, or breaks after some text, raises "cut"; either carries the text yielded
    before in ``partial``. One without any text raises "empty". ``report`` receives the
    server's token counts (when it sends them), the finish_reason and the thinking time.
    """
    parts: list[str] = []
    finish: str | None = None
    clock = Clock(settings)
    thinking = ThinkingFilter(on_thinking)
    request: dict[str, object] = {
        "model": settings.model,
        "messages": cast("list[ChatCompletionMessageParam]", messages),
        "temperature": temperature,
        "max_tokens": max_tokens,
        "stream": True,
    }
    with open_client(settings) as client:
        stream = _open_stream(client, settings, clock, request)
        with stream:
            try:
                for chunk in stream:
                    _record_usage(report, getattr(chunk, "usage", None))
                    content, thought, finished = _read_chunk(chunk)
                    finish = finish or finished
                    thinking.reasoning(thought)
                    if text := thinking.content(content):
                        parts.append(text)
                        yield text
                    if finish is None and clock.remaining() <= 0:
                        partial = "".join(parts)
                        raise (
                            ran_long(settings, clock, partial)
                            if partial
                            else timed_out(settings, clock)
                        )
            except (openai.OpenAIError, ValueError) as error:
                raise translate(error, settings, clock, "".join(parts)) from None
        content_type = stream.response.headers.get("content-type", "")
    if held := thinking.finish():
        parts.append(held)
        yield held
    if report is not None:
        report.finish_reason = finish
        report.thinking_seconds = thinking.thinking_seconds
        report.thought = thinking.thought()
    partial = "".join(parts)
    if finish == "length":
        raise length_stop(max_tokens, strip_thinking(partial), thinking.thought())
    if not partial.strip():
        if finish is None and "event-stream" not in content_type:
            raise garbled(settings)  # a 200 that was not a stream at all
        raise empty()
    if finish is None:
        raise cut(partial)


def complete(
    settings: LLMSettings,
    messages: Messages,
    *,
    temperature: float = 0.7,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    report: CallReport | None = None,
    response_format: Mapping[str, object] | None = None,
) -> str:
    """Return the whole answer at once, without any thinking; any failure raises an LLMError.

    An empty answer raises "empty", one that reached ``max_tokens`` "length" (with the text
    so far in ``partial``), a model's refusal (structured outputs) "refused" with its words.
    ``response_format`` is sent as it is (a JSON schema, or JSON mode) when given.
    """
    clock = Clock(settings)
    shape = {} if response_format is None else {"response_format": response_format}
    with open_client(settings) as client:
        result = _create(
            client,
            settings,
            clock,
            model=settings.model,
            messages=cast("list[ChatCompletionMessageParam]", messages),
            temperature=temperature,
            max_tokens=max_tokens,
            **shape,
        )
    raw, finish = _message(result, settings)
    if said := _refusal(result):
        raise refused(said, settings)
    _record_usage(report, getattr(result, "usage", None))
    if report is not None:
        report.finish_reason = finish
    text = strip_thinking(raw)
    if report is not None:
        report.thought = text != raw or bool(_thinking_field(result))
    if finish == "length":
        raise length_stop(max_tokens, text, thought=text != raw)
    if not text.strip():
        raise empty()
    return text


def ping(settings: LLMSettings) -> None:
    """Send a one-word request that proves key, URL and model work; failures raise LLMError.

    Any well-formed completion counts, even an empty one or one cut at the limit: a reasoning
    model may spend the few tokens allowed on thinking.
    """
    with open_client(settings) as client:
        result = _create(
            client,
            settings,
            Clock(settings),
            model=settings.model,
            messages=[{"role": "user", "content": "Reply with the single word OK."}],
            temperature=0,
            max_tokens=PING_MAX_TOKENS,
        )
    _message(result, settings)
