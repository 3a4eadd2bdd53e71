"""Which LLM to use: settings resolved from session, secrets and environment, and checked.

``resolve_settings(*sources)`` reads each of SETTING_NAMES from the first source that has it
and returns an ``LLMSettings``, None when no LLM is configured, or raises an ``LLMError`` a
person can act on (a model without a key, a base URL that is not a web address, a timeout out
of range). It builds on ``lib.llm`` (the settings and error types it fills in).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from lib.llm_base import (
    DEFAULT_MODEL,
    DEFAULT_TIMEOUT,
    DEFAULT_TRANSCRIPTION_MODEL,
    DETAIL_CHARS,
    OFFLINE,
    LLMError,
    LLMSettings,
    no_key_message,
    scrub,
)

SETTING_NAMES = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "COACH_MODEL",
    "COACH_LLM_TIMEOUT",
    "COACH_TRANSCRIPTION_MODEL",  # speech to text on the same server; whisper-1 when not set
)
LOCAL_TIMEOUT = 120.0  # seconds for a server at a base URL: a model on a CPU can take a minute
TIMEOUT_RANGE = (1.0, 600.0)


def _first_value(sources: tuple[Mapping[str, object], ...], name: str) -> str:
    """Return the first non-empty (stripped) value of ``name`` among the sources, or ""."""
    for source in sources:
        try:
            value = source.get(name)
        except FileNotFoundError:  # st.secrets when there is no secrets.toml
            continue
        text = "" if value is None else str(value).strip()
        if text:
            return text
    return ""


def _checked_base_url(url: str, api_key: str) -> str:
    """Return the base URL without a trailing slash, or raise when it is not http(s)://host."""
    parts = urlsplit(url)
    try:
        valid_port = parts.port is None or parts.port > 0
    except ValueError:
        valid_port = False
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or not valid_port
        or any(character.isspace() for character in url)
    ):
        shown = scrub(url, api_key)[:DETAIL_CHARS]
        raise LLMError(
            "bad_request",
            f'The base URL "{shown}" is not a web address. Use the form http://host:port/v1 '
            "(for example http://localhost:11434/v1 for Ollama), or clear it to use OpenAI; "
            f"fix it in Settings, {OFFLINE}.",
        )
    return url.rstrip("/")


def resolve_settings(*sources: Mapping[str, object]) -> LLMSettings | None:
    """Build the LLM settings from sources in priority order (session, secrets, environment).

    Each of SETTING_NAMES is taken from the first source with a non-empty value. Returns None
    when no LLM is configured (no key and no base URL). A base URL without a key is fine (Ollama,
    LM Studio, vLLM). A model named without any key or base URL raises LLMError("no_key"): the
    user meant to use an LLM, so say what is missing rather than silently going offline. A base
    URL that is not http(s)://host..., or a timeout that is not a number of seconds in
    TIMEOUT_RANGE, raises LLMError("bad_request"). Without a timeout, OpenAI gets
    DEFAULT_TIMEOUT and a server at a base URL the longer LOCAL_TIMEOUT.
    """
    api_key, base_url, model, timeout, transcription_model = (
        _first_value(sources, name) for name in SETTING_NAMES
    )
    if not api_key and not base_url:
        if model:
            raise LLMError("no_key", no_key_message(model))
        return None
    default_timeout = LOCAL_TIMEOUT if base_url else DEFAULT_TIMEOUT
    return LLMSettings(
        model=model or DEFAULT_MODEL,
        base_url=_checked_base_url(base_url, api_key) if base_url else None,
        api_key=api_key,
        timeout=_checked_timeout(timeout) if timeout else default_timeout,
        transcription_model=transcription_model or DEFAULT_TRANSCRIPTION_MODEL,
    )


def _checked_timeout(text: str) -> float:
    """Return a timeout in seconds from its text, or say what is wrong with it."""
    low, high = TIMEOUT_RANGE
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not low <= seconds <= high:  # also refuses nan and inf
        raise LLMError(
            "bad_request",
            f'COACH_LLM_TIMEOUT is "{text[:40]}"; it should be a number of seconds from {low:g} '
            f"to {high:g}. Fix it where it is set, {OFFLINE}.",
        )
    return seconds
