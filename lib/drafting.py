"""Drafting a note with an LLM: the draft is checked, and repaired once when it has errors.

The pages stream the first draft themselves (``stream_chat``) and then call ``repair``; the
evaluation calls ``draft_with_llm``, which does both without streaming. A failure of the
revision request never loses the first draft, and an answer that is not a note at all
(``not_a_note``: control characters, broken characters, nothing but markup) never replaces one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from lib import llm
from lib.model import Application, DraftKind, Interviewer, Sender
from lib.prompts import Message, follow_up_messages, revision_messages, thank_you_messages
from lib.review import Finding, errors, review
from lib.text import plural

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
) -> list[Message]:
    """Return the prompt for a thank-you, or for a follow-up after ``thank_you``."""
    if kind == "follow_up":
        return follow_up_messages(app, person, sender, thank_you, others)
    return thank_you_messages(app, person, sender, others)


def repair(
    settings: llm.LLMSettings,
    messages: list[Message],
    text: str,
    app: Application,
    person: Interviewer,
    others: Sequence[str],
    sender: Sender,
    kind: DraftKind = "thank_you",
) -> CheckedDraft:
    """Check a draft; when it has errors, ask once for a revision carrying the findings.

    The revision is kept only when it has fewer errors than the draft; one that is not a note
    (``not_a_note``), fails, or is no better leaves the first draft, and ``summary`` says which.
    """
    first = review(text, app, person, others, sender.name, kind)
    if not errors(first):
        return CheckedDraft(text, first)
    kept = {"text": text, "findings": first, "revision_asked": True}
    try:
        revised_text = llm.complete(settings, revision_messages(messages, text, first))
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
) -> CheckedDraft:
    """Write a note with the LLM (not streamed), check it and repair it once if needed.

    An answer that is not a note raises llm.LLMError("not_a_note") with ``refusal``'s message.
    """
    messages = messages_for(app, person, sender, others, kind, thank_you)
    text = llm.complete(settings, messages)
    if reason := not_a_note(text):
        raise llm.LLMError("not_a_note", refusal(reason))
    compared = [*others, thank_you] if thank_you else list(others)
    return repair(settings, messages, text, app, person, compared, sender, kind)
