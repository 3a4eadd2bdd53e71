"""Writing a draft with the LLM on a page: a prompt that fits, a stream, a check, one revision.

``write_with_llm`` streams the draft into the page and returns what came of it as a
``Written``: the new text (or None), what to tell the user, and any text that arrived before
the answer broke off, for the editor (lib/ui_draft_editor.py) to offer. Nothing here replaces
the saved draft: the editor does, only with a finished note. While a reasoning model thinks, the
page says so with the seconds elapsed; its thinking never reaches the draft. An answer that
stops at its token limit is asked for once more with a larger budget when the server's context
has room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import streamlit as st

from lib import drafting, llm, llm_server
from lib.llm_thinking import strip_thinking
from lib.model import Application, DraftKind, Interviewer, Sender
from lib.ui_support import count_llm_use

PROBE_TTL = 300  # seconds a server's context size is remembered


@dataclass
class Written:
    """What one press of "Write with the LLM" produced."""

    text: str | None = None  # the new draft; None when no usable note came back
    notes: list[tuple[str, str]] = field(default_factory=list)  # (message, st function name)
    partial: tuple[str, str] | None = None  # (text so far, why it stopped), to keep or discard


class _UnknownContextError(Exception):
    """The server said nothing about its context: not remembered, asked again next time."""


@st.cache_data(ttl=PROBE_TTL, show_spinner=False)
def _server_context(base_url: str, model: str, _settings: llm.LLMSettings) -> int | None:
    """Return the server's context size (cached per server and model; failures are not)."""
    context = llm_server.probe_server(_settings).context
    if context is None:
        raise _UnknownContextError
    return context


def model_context(settings: llm.LLMSettings) -> int | None:
    """Return the context size of the server at the base URL, or None when it is unknown."""
    if settings.base_url is None:
        return None  # OpenAI's models read far more than any prompt here
    try:
        return _server_context(settings.base_url, settings.model, settings)
    except _UnknownContextError:
        return None


def write_with_llm(
    settings: llm.LLMSettings,
    app: Application,
    person: Interviewer,
    sender: Sender,
    kind: DraftKind,
    others: Sequence[str],
    thank_you: str,
) -> Written:
    """Stream a draft, check it, revise it once when it has errors; say what happened."""
    written = Written()
    try:
        prompt = drafting.prompt_for(
            settings, model_context(settings), app, person, sender, others, kind, thank_you
        )
    except llm.LLMError as error:
        written.notes.append((error.message, "error"))
        return written
    if prompt.note:
        written.notes.append((prompt.note, "info"))
    reports: list[llm.CallReport] = []
    text = _stream(settings, prompt, reports, written)
    if text is not None and (reason := drafting.not_a_note(text)):
        written.notes.append((drafting.refusal(reason), "error"))
        text = None
    if text is None:
        _count(prompt, reports, written.partial[0] if written.partial else "")
        return written
    compared = [*others, thank_you] if thank_you else list(others)
    with st.spinner("Checking the draft against the playbook…"):
        checked = drafting.repair(
            settings, prompt, text, app, person, compared, sender, kind, reports
        )
    _count(prompt, reports, checked.text)
    written.text = checked.text
    if checked.summary:
        show = "info" if checked.summary == drafting.FIXED else "warning"
        written.notes.append((checked.summary, show))
    return written


def _stream(
    settings: llm.LLMSettings,
    prompt: drafting.Prompt,
    reports: list[llm.CallReport],
    written: Written,
) -> str | None:
    """Stream the answer into the page; after a length stop, once more with a larger budget.

    Returns the note, or None with the reason in ``written`` (and any text so far offered).
    """
    budget = prompt.max_tokens
    while True:
        report = llm.CallReport()
        reports.append(report)
        try:
            text = _stream_once(settings, prompt, budget, report)
        except llm.LLMError as error:
            larger = prompt.retry_tokens(thought=report.thought)
            if error.kind == "length" and budget == prompt.max_tokens and larger is not None:
                written.notes.append(
                    (
                        f"The model used all {budget:,} tokens it was allowed before the note "
                        f"ended; it was asked once more with room for {larger:,}.",
                        "info",
                    )
                )
                budget = larger
                continue
            _failed(error, written)
            return None
        if report.thinking_seconds >= 1:
            written.notes.append(
                (
                    f"The model thought for {report.thinking_seconds:.0f} s before it wrote; "
                    "its thinking is not part of the draft.",
                    "info",
                )
            )
        return text


def _stream_once(
    settings: llm.LLMSettings, prompt: drafting.Prompt, budget: int, report: llm.CallReport
) -> str:
    """Show one streamed answer while it arrives, under a line saying what the model is doing;
    return it without any thinking (a template may have opened the thinking itself)."""
    shown = st.empty()
    try:
        with shown.container(border=True):
            status = st.empty()
            status.caption(
                f":material/hourglass_top: Asking {settings.describe()}. A model on your own "
                "computer can take a minute before its first words."
            )

            def say_thinking(seconds: float) -> None:
                status.caption(f":material/psychology: The model is thinking… {seconds:.0f} s")

            streamed = st.write_stream(
                llm.stream_chat(
                    settings,
                    prompt.messages,
                    max_tokens=budget,
                    report=report,
                    on_thinking=say_thinking,
                )
            )
    finally:
        shown.empty()
    text = streamed if isinstance(streamed, str) else "".join(map(str, streamed))
    return strip_thinking(text)


def _failed(error: llm.LLMError, written: Written) -> None:
    """Record a failed stream: its text so far to offer when it could be a note, else why not."""
    refused = drafting.not_worth_keeping(error.partial) if error.partial.strip() else None
    if refused:
        stopped = "stopped at its token limit" if error.kind == "length" else "broke off"
        written.notes.append(
            (
                f"The model's answer {stopped}, and what it wrote was not a note ({refused}). "
                "Your draft is unchanged; try again, or use the offline composer.",
                "error",
            )
        )
    elif error.partial.strip():
        written.partial = (error.partial, error.message)
    else:
        written.notes.append((error.message, "error"))


def _count(prompt: drafting.Prompt, reports: Sequence[llm.CallReport], text: str) -> None:
    """Count the calls and tokens against the allowance on the server's key, if any: the
    server's counts when it gave them for every call, else an estimate."""
    counted = [report.tokens for report in reports]
    if counted and all(tokens is not None for tokens in counted):
        tokens = sum(tokens for tokens in counted if tokens is not None)
    else:
        tokens = drafting.estimate_tokens(prompt.messages) * len(reports) + len(text) // 4
    count_llm_use(calls=len(reports), tokens=tokens)
