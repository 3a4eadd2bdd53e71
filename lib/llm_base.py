"""What every part of the LLM client shares: the settings, the one error type, and a deadline.

``lib.llm`` makes the calls, ``lib.llm_errors`` turns any failure into an ``LLMError`` a person
can act on, ``lib.llm_server`` finds out what kind of server answers and how much it can read.
The API key never appears in a message or a repr.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_TRANSCRIPTION_MODEL = "whisper-1"  # speech to text (lib.speech); OpenAI's name
DEFAULT_TIMEOUT = 30.0  # seconds without an answer from OpenAI itself
DEFAULT_RETRIES = 2
OPENAI_BASE_URL = "https://api.openai.com/v1"
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
    "context",  # the prompt and the room for the answer do not fit the model's context
    "length",  # the answer reached the token limit before its end
    "empty",
    "refused",  # the model declined to answer in the shape asked for (structured outputs)
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
    transcription_model: str = DEFAULT_TRANSCRIPTION_MODEL

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
        self.partial = partial  # text received before the call failed ("" otherwise)

    def __repr__(self) -> str:
        """Show the kind and message, and only the length of any partial text."""
        return f"LLMError({self.kind!r}, {self.message!r}, partial={len(self.partial)} chars)"


@dataclass
class CallReport:
    """What a call learnt beside its text: the server's token counts and the time it thought.

    The counts stay None when the server does not report usage; the page then estimates.
    """

    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    thinking_seconds: float = 0.0
    thought: bool = False  # whether the model thought before (or instead of) writing
    finish_reason: str | None = None

    @property
    def tokens(self) -> int | None:
        """Return the tokens the server counted for the call, or None when it did not say."""
        if self.prompt_tokens is None and self.completion_tokens is None:
            return None
        return (self.prompt_tokens or 0) + (self.completion_tokens or 0)


class Clock:
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


def no_key_message(model: str) -> str:
    """Explain that OpenAI needs a key."""
    return (
        f"No API key is set, so {model} on OpenAI cannot be used. Add OPENAI_API_KEY in "
        f"Settings (or a base URL for a local server such as Ollama), {OFFLINE}."
    )


def where(settings: LLMSettings, *, start: bool = False) -> str:
    """Name the server for a message: "OpenAI" or "the server at <url>" ("The" to start one)."""
    if settings.base_url is None:
        return "OpenAI"
    return f"{'The' if start else 'the'} server at {display_url(settings.base_url)}"
