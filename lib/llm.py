"""The OpenAI-compatible client: settings, streaming, and every failure as one clear LLMError.

Pages resolve an ``LLMSettings`` from session, secrets and environment
(``lib.llm_settings.resolve_settings``), then call ``stream_chat`` (for ``st.write_stream``),
``complete`` or ``check_connection``. Any failure, from a refused key to a
stream cut halfway, comes back as an ``LLMError`` whose message a person can act on; the
offline composer is always the way out. A client is built per call, so no connection, key or
state outlives the call, and the API key never appears in a message or repr.

``LLMSettings.timeout`` bounds a whole call, retries and streaming included: the call has a
deadline, each request gets the time left as its timeout, retries happen here (never in the
SDK, whose own retries would each get the full timeout again) and only while time is left,
and a stream is stopped between chunks once the deadline has passed.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, cast
from urllib.parse import urlsplit

import openai
from openai.types.chat import ChatCompletion

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionMessageParam

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT = 30.0  # seconds without an answer from OpenAI itself
DEFAULT_RETRIES = 2
INITIAL_BACKOFF = 0.5  # seconds before the first retry, doubling, unless the server says
MAX_BACKOFF = 8.0
RETRY_AFTER_LIMIT = 60.0  # a server's retry-after beyond this is ignored

OPENAI_BASE_URL = "https://api.openai.com/v1"
PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key, but the SDK insists on one
CHECK_MAX_TOKENS = 5
DETAIL_CHARS = 200  # the most of a server's own error text quoted in a message
OFFLINE = "or use the offline composer"

ErrorKind = Literal[
    "no_key",
    "auth",
    "not_found",
    "rate_limit",
    "timeout",
    "connection",
    "server",
    "bad_request",
    "empty",
    "garbled",
    "cut",
    "not_a_note",  # raised by lib.drafting for an answer that cannot be a note
]

# Things that look like credentials in text a server sends back: OpenAI-style keys (even
# masked ones such as sk-proj-****1234) and bearer tokens.
_KEY_LIKE = re.compile(r"\bsk-[\w*.\-]{4,}|(?i:bearer)\s+\S+")


@dataclass(frozen=True)
class LLMSettings:
    """Which model to ask, where, and how patiently; the key stays out of every repr."""

    model: str
    base_url: str | None = None  # None: OpenAI itself
    api_key: str = field(default="", repr=False)
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_RETRIES

    def describe(self) -> str:
        """Return the model and where it runs, e.g. "gpt-4o-mini on OpenAI" (never the key)."""
        if self.base_url is None:
            return f"{self.model} on OpenAI"
        return f"{self.model} at {display_url(self.base_url)}"


class LLMError(Exception):
    """A failed LLM call, described for a person: what went wrong and what to do next."""

    def __init__(self, kind: ErrorKind, message: str, partial: str = "") -> None:
        """Keep the kind, the message (also the exception's text) and any partial text."""
        super().__init__(message)
        self.kind: ErrorKind = kind
        self.message = message
        self.partial = partial  # text yielded before a stream failed ("" otherwise)

    def __repr__(self) -> str:
        """Show the kind and message, and only the length of any partial text."""
        return f"LLMError({self.kind!r}, {self.message!r}, partial={len(self.partial)} chars)"


def display_url(url: str) -> str:
    """Return a URL as safe to show: scheme, host, port and path, without user info or query."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"  # IPv6
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return f"{parts.scheme}://{host}{port}{parts.path}".rstrip("/")


def scrub(text: str, api_key: str) -> str:
    """Remove the API key, and anything that looks like a key or bearer token, from text."""
    if api_key:
        text = text.replace(api_key, "[hidden]")
    return _KEY_LIKE.sub("[hidden]", text)


class _Clock:
    """One call's deadline, the time it has waited, and the retries it has made."""

    def __init__(self, settings: LLMSettings) -> None:
        """Start the clock: the call may take ``settings.timeout`` seconds in all."""
        self.timeout = settings.timeout
        self.started = time.monotonic()
        self.deadline = self.started + settings.timeout
        self.retries = 0

    def remaining(self) -> float:
        """Return the seconds left before the deadline (negative once it has passed)."""
        return self.deadline - time.monotonic()

    def waited(self) -> float:
        """Return the seconds since the call started, measured."""
        return time.monotonic() - self.started


# -- settings ------------------------------------------------------------------------------


def _no_key_message(model: str) -> str:
    """Explain that OpenAI needs a key."""
    return (
        f"No API key is set, so {model} on OpenAI cannot be used. Add OPENAI_API_KEY in "
        f"Settings (or a base URL for a local server such as Ollama), {OFFLINE}."
    )


# -- errors --------------------------------------------------------------------------------


def _where(settings: LLMSettings, *, start: bool = False) -> str:
    """Name the server for a message: "OpenAI" or "the server at <url>" ("The" to start one)."""
    if settings.base_url is None:
        return "OpenAI"
    return f"{'The' if start else 'the'} server at {display_url(settings.base_url)}"


def _after_retries(count: int) -> str:
    """Say how many retries were already made, if any."""
    if count <= 0:
        return ""
    return f", even after {count} {'retry' if count == 1 else 'retries'}"


def _seconds(value: float) -> str:
    """Return a duration as words: "1 second", "0.5 seconds"."""
    return f"{value:g} second" + ("" if value == 1 else "s")


def _detail(error: openai.APIStatusError, api_key: str) -> str:
    """Return the server's own explanation, scrubbed of keys and shortened, or ""."""
    body = error.body
    text = body.get("message") if isinstance(body, Mapping) else body
    if not isinstance(text, str):
        return ""
    text = " ".join(scrub(text, api_key).split())
    if len(text) > DETAIL_CHARS:
        text = text[: DETAIL_CHARS - 1].rstrip() + "…"
    return text


def _status_error(error: openai.APIStatusError, settings: LLMSettings, retries: int) -> LLMError:
    """Translate an HTTP error answer into an LLMError."""
    code = error.status_code
    detail = _detail(error, settings.api_key)
    said = f"{code}: {detail.rstrip('.')}" if detail else str(code)
    if isinstance(error, openai.AuthenticationError):
        return LLMError(
            "auth",
            f"The API key was refused by {_where(settings)} ({said}). Check it in Settings, "
            f"{OFFLINE}.",
        )
    if isinstance(error, openai.PermissionDeniedError):
        return LLMError(
            "auth",
            f"{_where(settings, start=True)} refused access to {settings.model} ({said}). Check "
            f"the key and the model in Settings, {OFFLINE}.",
        )
    if isinstance(error, openai.NotFoundError):
        place = "on OpenAI" if settings.base_url is None else f"at {display_url(settings.base_url)}"
        return LLMError(
            "not_found",
            f'The model "{settings.model}" was not found {place} ({said}). Check the model name '
            f"and the base URL in Settings, {OFFLINE}.",
        )
    if isinstance(error, openai.RateLimitError):
        if error.code == "insufficient_quota":
            return LLMError(
                "rate_limit",
                f"{_where(settings, start=True)} says the account has no credit left ({said}). "
                f"Add credit or use another key in Settings, {OFFLINE}.",
            )
        return LLMError(
            "rate_limit",
            f"{_where(settings, start=True)} is limiting requests (429)"
            f"{_after_retries(retries)}. Wait a minute and try again, {OFFLINE}.",
        )
    if code >= 500:
        return LLMError(
            "server",
            f"{_where(settings, start=True)} had a server error ({code})"
            f"{_after_retries(retries)}. Try again in a minute, {OFFLINE}.",
        )
    return LLMError(
        "bad_request",
        f"{_where(settings, start=True)} refused the request ({said}). Check the model name "
        f"in Settings, {OFFLINE}.",
    )


def _cut(partial: str) -> LLMError:
    """Describe a stream that stopped partway."""
    return LLMError(
        "cut",
        "The answer stopped partway. Keep the text so far and finish it by hand, try again, "
        f"{OFFLINE}.",
        partial,
    )


def _garbled(settings: LLMSettings, partial: str = "") -> LLMError:
    """Describe an answer that is not an OpenAI-compatible reply."""
    return LLMError(
        "garbled",
        f"The answer from {_where(settings)} could not be read: it is not an OpenAI-compatible "
        f"reply. Check the base URL in Settings (it usually ends in /v1), {OFFLINE}.",
        partial,
    )


def _empty() -> LLMError:
    """Describe an answer without any text."""
    return LLMError("empty", f"The model answered with no text. Try again, {OFFLINE}.")


def _timed_out(settings: LLMSettings, clock: _Clock) -> LLMError:
    """Describe a call that ran out of time, with the time really waited (measured)."""
    retries = f", after {clock.retries} {'retry' if clock.retries == 1 else 'retries'}"
    return LLMError(
        "timeout",
        f"{_where(settings, start=True)} did not answer within {_seconds(settings.timeout)} "
        f"(waited {clock.waited():.1f} s{retries if clock.retries else ''}). Try again, allow "
        f"more time in Settings, {OFFLINE}.",
    )


def _ran_long(settings: LLMSettings, clock: _Clock, partial: str) -> LLMError:
    """Describe a stream still coming when the call's time ran out."""
    return LLMError(
        "cut",
        f"The answer was still coming when the time allowed ({_seconds(settings.timeout)}) ran "
        f"out (waited {clock.waited():.1f} s), so it stopped partway. Keep the text so far and "
        f"finish it by hand, try again, allow more time in Settings, {OFFLINE}.",
        partial,
    )


def _translate(
    error: Exception, settings: LLMSettings, clock: _Clock, partial: str = ""
) -> LLMError:
    """Turn any failure of the SDK into one LLMError; after some streamed text it is a cut."""
    if isinstance(error, openai.APITimeoutError):  # before APIConnectionError: a subclass
        return _cut(partial) if partial else _timed_out(settings, clock)
    if isinstance(error, openai.APIConnectionError):
        if partial:
            return _cut(partial)
        if settings.base_url is None:
            advice = "Check the internet connection and try again"
        else:
            advice = "Check that the server is running and that the base URL in Settings is right"
        address = display_url(settings.base_url or OPENAI_BASE_URL)
        return LLMError("connection", f"Could not connect to {address}. {advice}, {OFFLINE}.")
    if isinstance(error, openai.APIStatusError):
        return _status_error(error, settings, clock.retries)
    if isinstance(error, openai.APIResponseValidationError | ValueError):
        return _garbled(settings, partial)  # ValueError: json.JSONDecodeError and friends
    if partial:  # e.g. an error event in the middle of a stream
        return _cut(partial)
    return LLMError(
        "server",
        f"{_where(settings, start=True)} reported an error: "
        f"{scrub(str(error), settings.api_key)[:DETAIL_CHARS]}. Try again, {OFFLINE}.",
    )


# -- calls ---------------------------------------------------------------------------------


def _client(settings: LLMSettings) -> openai.OpenAI:
    """Build a client for one call, with every setting explicit (none read from environment).

    The SDK makes no retry of its own: ``_create`` retries within the call's deadline.
    """
    if settings.base_url is None and not settings.api_key:
        raise LLMError("no_key", _no_key_message(settings.model))
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
    client: openai.OpenAI, settings: LLMSettings, clock: _Clock, **request: object
) -> object:
    """Send one chat request, retried up to ``settings.max_retries`` times within the deadline.

    Each attempt may take only the time left; a retry whose wait would pass the deadline is
    not made, and the last failure is reported.
    """
    while True:
        remaining = clock.remaining()
        if remaining <= 0:
            raise _timed_out(settings, clock)
        try:
            return client.chat.completions.create(timeout=remaining, **request)  # type: ignore[call-overload]
        except (openai.OpenAIError, ValueError) as error:
            if _retryable(error) and clock.retries < settings.max_retries:
                pause = _backoff(error, clock.retries)
                if pause < clock.remaining():
                    time.sleep(pause)
                    clock.retries += 1
                    continue
            raise _translate(error, settings, clock) from None


def _message_text(result: object, settings: LLMSettings) -> str:
    """Return the content of a completion; raise "garbled" when it is not a completion."""
    # The SDK hands back the raw text when a 200 answer is not JSON.
    choices = getattr(result, "choices", None) if isinstance(result, ChatCompletion) else None
    if not isinstance(choices, list) or not choices:
        raise _garbled(settings)
    message = getattr(choices[0], "message", None)
    content = getattr(message, "content", None)
    return content if isinstance(content, str) else ""


def _read_chunk(chunk: object) -> tuple[str, str | None]:
    """Return the text and the finish_reason carried by one stream chunk."""
    choices = getattr(chunk, "choices", None)
    if not isinstance(choices, list):
        raise ValueError("a stream chunk without choices")
    if not choices:
        return "", None  # e.g. a usage-only chunk
    content = getattr(getattr(choices[0], "delta", None), "content", None)
    finish = getattr(choices[0], "finish_reason", None)
    return (content if isinstance(content, str) else ""), finish


def stream_chat(
    settings: LLMSettings,
    messages: list[dict[str, str]],
    *,
    temperature: float = 0.7,
    max_tokens: int = 700,
) -> Iterator[str]:
    """Yield the answer's text chunks as they arrive; any failure raises one LLMError.

    A stream that ends without any finish_reason, or breaks after some text, raises "cut" with
    ``partial`` holding all the text yielded before; one without any text raises "empty".
    """
    parts: list[str] = []
    finished = False
    clock = _Clock(settings)
    with _client(settings) as client:
        stream = cast(
            "openai.Stream[object]",
            _create(
                client,
                settings,
                clock,
                model=settings.model,
                messages=cast("list[ChatCompletionMessageParam]", messages),
                temperature=temperature,
                max_tokens=max_tokens,
                stream=True,
            ),
        )
        with stream:
            try:
                for chunk in stream:
                    text, finish = _read_chunk(chunk)
                    finished = finished or finish is not None
                    if text:
                        parts.append(text)
                        yield text
                    if not finished and clock.remaining() <= 0:
                        partial = "".join(parts)
                        raise (
                            _ran_long(settings, clock, partial)
                            if partial
                            else _timed_out(settings, clock)
                        )
            except (openai.OpenAIError, ValueError) as error:
                raise _translate(error, settings, clock, "".join(parts)) from None
        content_type = stream.response.headers.get("content-type", "")
    partial = "".join(parts)
    if not partial.strip():
        if not finished and "event-stream" not in content_type:
            raise _garbled(settings)  # a 200 that was not a stream at all
        raise _empty()
    if not finished:
        raise _cut(partial)


def complete(
    settings: LLMSettings,
    messages: list[dict[str, str]],
    *,
    temperature: float = 0.7,
    max_tokens: int = 700,
) -> str:
    """Return the whole answer at once; any failure (an empty answer too) raises an LLMError."""
    with _client(settings) as client:
        result = _create(
            client,
            settings,
            _Clock(settings),
            model=settings.model,
            messages=cast("list[ChatCompletionMessageParam]", messages),
            temperature=temperature,
            max_tokens=max_tokens,
        )
    text = _message_text(result, settings)
    if not text.strip():
        raise _empty()
    return text


def check_connection(settings: LLMSettings) -> str:
    """Send a tiny request that proves key, URL and model work; return a sentence saying so.

    Any well-formed completion counts, even an empty one: a reasoning model may spend the few
    tokens allowed on thinking.
    """
    with _client(settings) as client:
        result = _create(
            client,
            settings,
            _Clock(settings),
            model=settings.model,
            messages=[{"role": "user", "content": "Reply with the single word OK."}],
            temperature=0,
            max_tokens=CHECK_MAX_TOKENS,
        )
    _message_text(result, settings)
    return f"Connected: {settings.describe()} answered."
