"""Drafting a note with an LLM: the prompt fits the model, the draft is checked, and repaired
once when it has errors.

``prompt_for`` builds the prompt and the answer's token budget; when the server's context is
known and the panel's earlier notes would not fit, they go as their opening words, then not at
all (``Prompt.note`` says so), and a prompt that cannot fit raises ``LLMError("context")``
before anything is sent. The pages stream the first draft themselves (``stream_chat``) and then
call ``repair``; the evaluation calls ``draft_with_llm``, which does both without streaming. An
answer that stops at its token limit is asked for once more with a larger budget when the
context has room. A failure of the revision request never loses the first draft, and an answer
that is not a note at all (``not_a_note``: control characters, broken characters, nothing but
markup) never replaces one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from lib import llm
from lib.guidance import NOTE_LENGTH
from lib.llm_errors import too_long_for_context
from lib.model import Application, DraftKind, Interviewer, Sender
from lib.prompts import (
    Message,
    follow_up_max_words,
    follow_up_messages,
    revision_messages,
    thank_you_messages,
)
from lib.review import Finding, errors, review
from lib.review_writing import DATA_TAG
from lib.text import plural

CHARS_PER_TOKEN = 3.0  # fewer than most tokenizers need for English: the estimate errs long
MESSAGE_TOKENS = 8  # a chat template's markers around each message
ANSWER_OVERHEAD_TOKENS = 120  # the greeting, the sign-off and the signature
RETRY_FACTOR = 2  # a retry after a length stop gets this many times the budget,
THINKING_RETRY_FACTOR = 4  # or this many when the model spent it thinking

_TAGS = re.compile(r"<[^<>]*>")  # HTML-like tags, which carry no words of a note


def not_a_note(text: str) -> str | None:
    """Say why a model's answer cannot be a note ("it held control characters"), or None.

    Refused: NUL bytes, other control characters (line feeds and tabs aside; a CRLF line end
    counts as one line feed), U+FFFD (text that was broken on the way), and an answer with no
    letter or digit once HTML-like tags are removed ("```\n```", "<div></div>", "***", "# ").
    Whether a real note is a good one is the checker's business, not this.
    """
    if "\x00" in text:
        return "it held NUL bytes"
    if "\ufffd" in text:
        return "it held broken characters (U+FFFD)"
    plain = text.replace("\r\n", "\n")
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in plain):
        return "it held control characters"
    if not any(character.isalnum() for character in _TAGS.sub("", plain)):
        return "it was empty" if not text.strip() else "it held only markup or punctuation"
    return None


def not_worth_keeping(partial: str) -> str | None:
    """Say why the text of an answer that broke off is not offered to keep, or None: it is not
    a note (``not_a_note``), or it repeats the prompt's fenced notes instead of writing one."""
    if reason := not_a_note(partial):
        return reason
    if DATA_TAG.search(partial):
        return "it repeated the prompt's notes instead of writing one"
    return None


def refusal(reason: str) -> str:
    """Return the message for an answer refused as not a note, ``reason`` from not_a_note."""
    return (
        f"The model's answer was not a note ({reason}). The previous draft is kept; try again, "
        "or use the offline composer."
    )


@dataclass(frozen=True)
class CheckedDraft:
    """A draft with its findings, whether it is the automatic revision, and any revision error.

    ``summary`` tells the user, in one sentence, what the automatic revision did ("" when none
    was needed); ``revision_asked`` whether one was requested (a second LLM call).
    """

    text: str
    findings: list[Finding] = field(default_factory=list)
    revised: bool = False
    revision_error: str = ""  # why the revision could not be made; the draft above is kept
    summary: str = ""
    revision_asked: bool = False


FIXED = "The first draft had errors; the revision fixed them."
NOT_FIXED = "The automatic revision did not fix the errors; the first draft is kept."


def _remaining(count: int) -> str:
    """Say how many problems a revision left: "Revised once; 2 problems remain (see below)"."""
    verb = "remains" if count == 1 else "remain"
    return f"Revised once; {plural(count, 'problem')} {verb} (see below)."


def messages_for(
    app: Application,
    person: Interviewer,
    sender: Sender,
    others: Sequence[str],
    kind: DraftKind = "thank_you",
    thank_you: str = "",
    *,
    summarised: bool = False,
) -> list[Message]:
    """Return the prompt for a thank-you, or for a follow-up after ``thank_you``."""
    if kind == "follow_up":
        return follow_up_messages(app, person, sender, thank_you, others, summarised=summarised)
    return thank_you_messages(app, person, sender, others, summarised=summarised)


def estimate_tokens(messages: Sequence[Message]) -> int:
    """Return about how many tokens the messages take, erring long."""
    return sum(
        math.ceil(len(message["content"]) / CHARS_PER_TOKEN) + MESSAGE_TOKENS
        for message in messages
    )


def answer_budget(app: Application, person: Interviewer, kind: DraftKind, thank_you: str) -> int:
    """Return the tokens to allow the answer: room for the longest note the rules allow."""
    if kind == "follow_up":
        words = follow_up_max_words(thank_you)
    elif app.channel_for(person) == "handwritten":
        words = NOTE_LENGTH.card_max_words
    else:
        words = NOTE_LENGTH.hard_max_words
    return 2 * words + ANSWER_OVERHEAD_TOKENS


@dataclass(frozen=True)
class Prompt:
    """The messages to send, the answer's budget, and the smaller forms kept for a revision."""

    messages: list[Message]
    max_tokens: int
    context: int | None = None  # the server's context in tokens, when known
    smaller: tuple[list[Message], ...] = ()  # the same prompt with less of the panel's notes
    note: str = ""  # what was left out of the prompt to fit the context ("" when nothing)

    def fits(self, messages: Sequence[Message], max_tokens: int | None = None) -> bool:
        """Whether the messages and the answer's budget fit the context (always, when unknown)."""
        budget = self.max_tokens if max_tokens is None else max_tokens
        return self.context is None or estimate_tokens(messages) + budget <= self.context

    def retry_tokens(
        self, messages: Sequence[Message] | None = None, thought: bool = False
    ) -> int | None:
        """Return a larger budget for one retry after a length stop (more when the model spent
        the first one thinking), or None when the context has no room for it."""
        larger = self.max_tokens * (THINKING_RETRY_FACTOR if thought else RETRY_FACTOR)
        if self.context is None:
            return larger
        room = self.context - estimate_tokens(messages or self.messages)
        return min(larger, room) if room > self.max_tokens else None


def prompt_for(
    settings: llm.LLMSettings,
    context: int | None,
    app: Application,
    person: Interviewer,
    sender: Sender,
    others: Sequence[str],
    kind: DraftKind = "thank_you",
    thank_you: str = "",
) -> Prompt:
    """Return the fullest prompt that fits ``context`` tokens with room for the answer.

    The panel's earlier notes go whole, else as their opening words, else not at all; a prompt
    that does not fit even then raises LLMError("context") naming the server's context.
    """
    budget = answer_budget(app, person, kind, thank_you)
    present = [text for text in others if text.strip()]
    forms = [messages_for(app, person, sender, others, kind, thank_you)]
    if present:
        forms.append(messages_for(app, person, sender, others, kind, thank_you, summarised=True))
        forms.append(messages_for(app, person, sender, (), kind, thank_you))
    plan = Prompt(forms[0], budget, context)
    fitting = [form for form in forms if plan.fits(form)]
    if not fitting:
        raise too_long_for_context(settings, context, estimate_tokens(forms[-1]), budget)
    left_out = forms.index(fitting[0])
    notes = plural(len(present), "earlier note")
    note = (
        ""
        if not left_out or context is None
        else f"The {notes} to this panel went to the model as their opening words, so the "
        f"prompt fits its context of {context:,} tokens."
        if left_out == 1
        else f"The {notes} to this panel were left out of the prompt to fit the model's "
        f"context of {context:,} tokens; the checker still compares the draft with them."
    )
    return Prompt(fitting[0], budget, context, tuple(fitting[1:]), note)


def complete_note(
    settings: llm.LLMSettings,
    prompt: Prompt,
    messages: list[Message] | None = None,
    reports: list[llm.CallReport] | None = None,
) -> str:
    """Ask for a whole answer (not streamed); after a length stop, once more with a larger
    budget when the context has room. Every call's report is appended to ``reports``."""
    messages = messages or prompt.messages
    first = _new_report(reports)
    try:
        return llm.complete(settings, messages, max_tokens=prompt.max_tokens, report=first)
    except llm.LLMError as error:
        larger = prompt.retry_tokens(messages, first.thought)
        if error.kind != "length" or larger is None:
            raise
    return llm.complete(settings, messages, max_tokens=larger, report=_new_report(reports))


def _new_report(reports: list[llm.CallReport] | None) -> llm.CallReport:
    """Return a fresh report for one call, kept in ``reports`` when given."""
    report = llm.CallReport()
    if reports is not None:
        reports.append(report)
    return report


def repair(
    settings: llm.LLMSettings,
    prompt: Prompt,
    text: str,
    app: Application,
    person: Interviewer,
    others: Sequence[str],
    sender: Sender,
    kind: DraftKind = "thank_you",
    reports: list[llm.CallReport] | None = None,
) -> CheckedDraft:
    """Check a draft; when it has errors, ask once for a revision carrying the findings.

    The revision carries each finding once and the fullest form of the prompt that fits the
    context. It is kept only when it has fewer errors than the draft; one that is not a note
    (``not_a_note``), fails, does not fit or is no better leaves the first draft, and
    ``summary`` says which.
    """
    first = review(text, app, person, others, sender.name, kind)
    if not errors(first):
        return CheckedDraft(text, first)
    kept = {"text": text, "findings": first, "revision_asked": True}
    requests = [revision_messages(form, text, first) for form in (prompt.messages, *prompt.smaller)]
    request = next((messages for messages in requests if prompt.fits(messages)), None)
    try:
        if request is None:
            assert prompt.context is not None  # without a known context every request fits
            raise too_long_for_context(
                settings, prompt.context, estimate_tokens(requests[-1]), prompt.max_tokens
            )
        revised_text = complete_note(settings, prompt, request, reports)
    except llm.LLMError as error:
        summary = f"The automatic revision failed: {error.message} The first draft is kept."
        return CheckedDraft(**kept, revision_error=error.message, summary=summary)
    if reason := not_a_note(revised_text):
        why = f"the revision was not a note ({reason})"
        summary = f"The automatic revision was not a note ({reason}); the first draft is kept."
        return CheckedDraft(**kept, revision_error=why, summary=summary)
    second = review(revised_text, app, person, others, sender.name, kind)
    left = len(errors(second))
    if left >= len(errors(first)):
        return CheckedDraft(**kept, summary=NOT_FIXED)
    summary = _remaining(left) if left else FIXED
    return CheckedDraft(revised_text, second, revised=True, summary=summary, revision_asked=True)


def draft_with_llm(
    settings: llm.LLMSettings,
    app: Application,
    person: Interviewer,
    sender: Sender,
    others: Sequence[str] = (),
    kind: DraftKind = "thank_you",
    thank_you: str = "",
    *,
    context: int | None = None,
) -> CheckedDraft:
    """Write a note with the LLM (not streamed), check it and repair it once if needed.

    ``context`` is the server's context size, when known (``lib.llm_server.probe_server``).
    An answer that is not a note raises llm.LLMError("not_a_note") with ``refusal``'s message.
    """
    prompt = prompt_for(settings, context, app, person, sender, others, kind, thank_you)
    text = complete_note(settings, prompt)
    if reason := not_a_note(text):
        raise llm.LLMError("not_a_note", refusal(reason))
    compared = [*others, thank_you] if thank_you else list(others)
    return repair(settings, prompt, text, app, person, compared, sender, kind)
