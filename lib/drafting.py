"""Drafting a note with an LLM: the draft is checked, and repaired once when it has errors.

The pages stream the first draft themselves (``stream_chat``) and then call ``repair``; the
evaluation calls ``draft_with_llm``, which does both without streaming. A failure of the
revision request never loses the first draft.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lib import llm
from lib.model import Application, DraftKind, Interviewer, Sender
from lib.prompts import Message, follow_up_messages, revision_messages, thank_you_messages
from lib.review import Finding, errors, review


@dataclass(frozen=True)
class CheckedDraft:
    """A draft with its findings, whether it is the automatic revision, and any revision error."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    revised: bool = False
    revision_error: str = ""  # why the revision could not be made; the draft above is kept


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

    Of the draft and its revision, the one with fewer errors is kept (the revision on a tie).
    """
    first = review(text, app, person, others, sender.name, kind)
    if not errors(first):
        return CheckedDraft(text, first)
    try:
        revised_text = llm.complete(settings, revision_messages(messages, text, first))
    except llm.LLMError as error:
        return CheckedDraft(text, first, revision_error=error.message)
    second = review(revised_text, app, person, others, sender.name, kind)
    if len(errors(second)) > len(errors(first)):
        return CheckedDraft(text, first)
    return CheckedDraft(revised_text, second, revised=True)


def draft_with_llm(
    settings: llm.LLMSettings,
    app: Application,
    person: Interviewer,
    sender: Sender,
    others: Sequence[str] = (),
    kind: DraftKind = "thank_you",
    thank_you: str = "",
) -> CheckedDraft:
    """Write a note with the LLM (not streamed), check it and repair it once if needed."""
    messages = messages_for(app, person, sender, others, kind, thank_you)
    text = llm.complete(settings, messages)
    compared = [*others, thank_you] if thank_you else list(others)
    return repair(settings, messages, text, app, person, compared, sender, kind)
