"""Every failure of an LLM call as one ``LLMError`` that says what went wrong and what to do.

``translate`` turns whatever the SDK raised into an ``LLMError``; the other builders describe
what the client itself notices: an answer cut off, one that ran out of time, one that stopped at
the token limit, one that is not an OpenAI-compatible reply. A server's own words are quoted
only after the key (and anything like a key) is scrubbed out, and only so much of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import openai

from lib.llm_base import (
    DETAIL_CHARS,
    OFFLINE,
    OPENAI_BASE_URL,
    Clock,
    LLMError,
    LLMSettings,
    display_url,
    scrub,
    where,
)


def _after_retries(count: int) -> str:
    """Say how many retries were already made, if any."""
    if count <= 0:
        return ""
    return f", even after {count} {'retry' if count == 1 else 'retries'}"


def seconds(value: float) -> str:
    """Return a duration as words: "1 second", "0.5 seconds"."""
    return f"{value:g} second" + ("" if value == 1 else "s")


def server_detail(error: openai.APIStatusError, api_key: str) -> str:
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
    detail = server_detail(error, settings.api_key)
    said = f"{code}: {detail.rstrip('.')}" if detail else str(code)
    if isinstance(error, openai.AuthenticationError):
        return LLMError(
            "auth",
            f"The API key was refused by {where(settings)} ({said}). Check it in Settings, "
            f"{OFFLINE}.",
        )
    if isinstance(error, openai.PermissionDeniedError):
        return LLMError(
            "auth",
            f"{where(settings, start=True)} refused access to {settings.model} ({said}). Check "
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
                f"{where(settings, start=True)} says the account has no credit left ({said}). "
                f"Add credit or use another key in Settings, {OFFLINE}.",
            )
        return LLMError(
            "rate_limit",
            f"{where(settings, start=True)} is limiting requests (429)"
            f"{_after_retries(retries)}. Wait a minute and try again, {OFFLINE}.",
        )
    if code >= 500:
        return LLMError(
            "server",
            f"{where(settings, start=True)} had a server error ({code})"
            f"{_after_retries(retries)}. Try again in a minute, {OFFLINE}.",
        )
    if (overflow := context_overflow(error)) is not None:
        return too_long_for_context(settings, *overflow)
    return LLMError(
        "bad_request",
        f"{where(settings, start=True)} refused the request ({said}). Check the model name "
        f"in Settings, {OFFLINE}.",
    )


LARGER_CONTEXT = 8192  # the context suggested, doubled until it is more than the request

# How servers say a request does not fit: llama.cpp ("request (5024 tokens) exceeds the
# available context size (4096 tokens)"), OpenAI and vLLM ("This model's maximum context length
# is 4096 tokens. However, you requested 5000 tokens"), LM Studio ("Trying to keep the first
# 5000 tokens ... loaded with context length of only 4096 tokens").
_CONTEXT_SIZE = re.compile(
    r"(?:context (?:size|length|window)|maximum context length)\D{0,20}?(\d[\d,]*) tokens", re.I
)
_REQUEST_SIZE = re.compile(
    r"(?:request \(|resulted in |requested |keep the first |has )(\d[\d,]*)(?: input)? tokens",
    re.I,
)
_OVERFLOW_WORDS = re.compile(r"exceed|maximum context|too (?:long|large)|not enough|overflow", re.I)


def context_overflow(error: openai.APIStatusError) -> tuple[int | None, int | None] | None:
    """Return (context size, tokens asked for) when a 400 says the request does not fit, else
    None; either number is None when the server did not give it."""
    body = error.body if isinstance(error.body, Mapping) else {}
    message = str(body.get("message") or "") if body else str(error.body or "")
    kinds = {str(body.get("type") or ""), str(error.code or "")}
    said_so = bool(kinds & {"exceed_context_size_error", "context_length_exceeded"})
    if not said_so and not (_CONTEXT_SIZE.search(message) and _OVERFLOW_WORDS.search(message)):
        return None

    def number(key: str, pattern: re.Pattern[str]) -> int | None:
        value = body.get(key)
        if isinstance(value, int) and value > 0:
            return value
        found = pattern.search(message)
        return int(found.group(1).replace(",", "")) if found else None

    return number("n_ctx", _CONTEXT_SIZE), number("n_prompt_tokens", _REQUEST_SIZE)


def too_long_for_context(
    settings: LLMSettings,
    context: int | None,
    prompt_tokens: int | None = None,
    answer_tokens: int | None = None,
) -> LLMError:
    """Describe a request the model cannot read whole (``prompt_tokens`` for the prompt alone,
    ``answer_tokens`` for the room kept for the answer, when known), and how to make room."""
    needed = (prompt_tokens or 0) + (answer_tokens or 0)
    larger = LARGER_CONTEXT
    while larger <= max(needed, context or 0):
        larger *= 2
    if prompt_tokens and answer_tokens:
        what = (
            f"The prompt (about {prompt_tokens:,} tokens) and the room for the answer "
            f"({answer_tokens:,})"
        )
    elif prompt_tokens:
        what = f"The prompt (about {prompt_tokens:,} tokens) and the room for the answer"
    else:
        what = "The prompt and the room for the answer"
    size = f" of {context:,} tokens" if context else ""
    return LLMError(
        "context",
        f"{what} do not fit the model's context{size} at "
        f"{display_url(settings.base_url or OPENAI_BASE_URL)}. Start the server with a larger "
        f"context (llama.cpp: -c {larger}; Ollama: num_ctx {larger}; LM Studio: the context "
        f"length when loading the model), or shorten the notes, {OFFLINE}.",
    )


def length_stop(max_tokens: int, partial: str, thought: bool = False) -> LLMError:
    """Describe an answer that reached its token limit before the end (finish_reason "length")."""
    spent = " Most of them went on thinking." if thought else ""
    then = (
        "Keep the text so far and finish it by hand, try again" if partial.strip() else "Try again"
    )
    return LLMError(
        "length",
        f"The model stopped before the end: it used all {max_tokens:,} tokens it was allowed."
        f"{spent} {then}, {OFFLINE}.",
        partial,
    )


def cut(partial: str) -> LLMError:
    """Describe a stream that stopped partway."""
    return LLMError(
        "cut",
        "The answer stopped partway. Keep the text so far and finish it by hand, try again, "
        f"{OFFLINE}.",
        partial,
    )


def garbled(settings: LLMSettings, partial: str = "") -> LLMError:
    """Describe an answer that is not an OpenAI-compatible reply."""
    return LLMError(
        "garbled",
        f"The answer from {where(settings)} could not be read: it is not an OpenAI-compatible "
        f"reply. Check the base URL in Settings (it usually ends in /v1), {OFFLINE}.",
        partial,
    )


def refused(said: str, settings: LLMSettings) -> LLMError:
    """Describe a model that declined to answer in the shape asked for, quoting it briefly."""
    said = " ".join(scrub(said, settings.api_key).split())
    if len(said) > DETAIL_CHARS:
        said = said[: DETAIL_CHARS - 1].rstrip() + "…"
    return LLMError("refused", f"The model declined: “{said}” Try again, {OFFLINE}.")


def empty() -> LLMError:
    """Describe an answer without any text."""
    return LLMError("empty", f"The model answered with no text. Try again, {OFFLINE}.")


def timed_out(settings: LLMSettings, clock: Clock) -> LLMError:
    """Describe a call that ran out of time, with the time really waited (measured)."""
    retries = f", after {clock.retries} {'retry' if clock.retries == 1 else 'retries'}"
    return LLMError(
        "timeout",
        f"{where(settings, start=True)} did not answer within {seconds(settings.timeout)} "
        f"(waited {clock.waited():.1f} s{retries if clock.retries else ''}). Try again, allow "
        f"more time in Settings, {OFFLINE}.",
    )


def ran_long(settings: LLMSettings, clock: Clock, partial: str) -> LLMError:
    """Describe a stream still coming when the call's time ran out."""
    return LLMError(
        "cut",
        f"The answer was still coming when the time allowed ({seconds(settings.timeout)}) ran "
        f"out (waited {clock.waited():.1f} s), so it stopped partway. Keep the text so far and "
        f"finish it by hand, try again, allow more time in Settings, {OFFLINE}.",
        partial,
    )


def translate(error: Exception, settings: LLMSettings, clock: Clock, partial: str = "") -> LLMError:
    """Turn any failure of the SDK into one LLMError; after some streamed text it is a cut."""
    if isinstance(error, openai.APITimeoutError):  # before APIConnectionError: a subclass
        return cut(partial) if partial else timed_out(settings, clock)
    if isinstance(error, openai.APIConnectionError):
        if partial:
            return cut(partial)
        if settings.base_url is None:
            advice = "Check the internet connection and try again"
        else:
            advice = "Check that the server is running and that the base URL in Settings is right"
        address = display_url(settings.base_url or OPENAI_BASE_URL)
        return LLMError("connection", f"Could not connect to {address}. {advice}, {OFFLINE}.")
    if isinstance(error, openai.APIStatusError):
        return _status_error(error, settings, clock.retries)
    if isinstance(error, openai.APIResponseValidationError | ValueError):
        return garbled(settings, partial)  # ValueError: json.JSONDecodeError and friends
    if partial:  # e.g. an error event in the middle of a stream
        return cut(partial)
    return LLMError(
        "server",
        f"{where(settings, start=True)} reported an error: "
        f"{scrub(str(error), settings.api_key)[:DETAIL_CHARS]}. Try again, {OFFLINE}.",
    )
