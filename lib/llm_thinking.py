"""Keeping a model's thinking out of the note: ``<think>…</think>`` and ``reasoning_content``.

Reasoning models either send their thoughts in a separate field of each chunk
(``reasoning_content`` from llama.cpp, vLLM and DeepSeek; ``reasoning`` from Ollama and
OpenRouter) or write them into the answer inside ``<think>…</think>`` (DeepSeek-R1 and Qwen3
served plainly). ``ThinkingFilter`` passes on only the note as chunks arrive and times the
thinking; ``strip_thinking`` cleans a whole answer, including one whose opening tag was in the
prompt's template, so only its closing tag arrives.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

THINKING_FIELDS = ("reasoning_content", "reasoning")
_TAG_NAMES = ("think", "thinking")
_OPENING = tuple(f"<{name}>" for name in _TAG_NAMES)
_WHOLE = re.compile(r"^\s*<(think|thinking)>.*?</\1>\s*", re.S | re.I)
_UNOPENED = re.compile(r"^(?:(?!<think).)*?</(?:think|thinking)>\s*", re.S | re.I)
_UNCLOSED = re.compile(r"^\s*<(?:think|thinking)>", re.I)


def strip_thinking(text: str) -> str:
    """Return an answer without its thinking; an answer that is all thinking becomes ""."""
    if _UNCLOSED.match(text) and not _WHOLE.match(text):
        return ""  # thoughts that never ended: nothing of the note was written
    return _UNOPENED.sub("", _WHOLE.sub("", text, count=1), count=1)


class ThinkingFilter:
    """Turn a stream of answer chunks into the note's chunks, timing and reporting the thinking.

    ``on_thinking(seconds)`` is called when thinking starts and then once a second while it
    goes on, so a page can say "thinking… 12 s".
    """

    def __init__(self, on_thinking: Callable[[float], None] | None = None) -> None:
        """Start before the first chunk, not knowing yet whether the answer thinks aloud."""
        self._on_thinking = on_thinking
        self._state = "start"  # "start" → "tagged" (inside <think>) → "text"
        self._held = ""  # text not passed on yet: a possible tag, or thoughts
        self._closing = ""
        self._started: float | None = None
        self._reported = -1
        self.thinking_seconds = 0.0

    def thought(self) -> bool:
        """Whether any thinking was seen."""
        return self._started is not None

    def reasoning(self, text: str) -> None:
        """Take a chunk of a separate thinking field (``reasoning_content``)."""
        if text:
            self._tick()

    def content(self, text: str) -> str:
        """Take a chunk of the answer; return the part of it that belongs to the note."""
        if self._state == "text":
            return text
        if self._state == "after":  # the blank lines between the thoughts and the note
            text = text.lstrip()
            self._state = "text" if text else "after"
            return text
        self._held += text
        if self._state == "start":
            lead = self._held.lstrip()
            lowered = lead.lower()
            opening = next((tag for tag in _OPENING if lowered.startswith(tag)), None)
            if opening is None:
                if any(tag.startswith(lowered) for tag in _OPENING):
                    return ""  # could still become a tag: wait for more
                self._state = "text"
                held, self._held = self._held, ""
                return held
            self._state = "tagged"
            self._closing = "</" + opening[1:]
            self._held = lead[len(opening) :]
        self._tick()
        found = self._held.lower().find(self._closing)
        if found < 0:
            self._held = self._held[-len(self._closing) :]  # a closing tag may come split
            return ""
        rest = self._held[found + len(self._closing) :]
        self._state, self._held = "after", ""
        return self.content(rest)

    def finish(self) -> str:
        """Return what is still held when the answer ends (only ever the start of a note)."""
        held, self._held = self._held, ""
        return held if self._state == "start" else ""

    def _tick(self) -> None:
        """Note thinking now; report whole seconds to ``on_thinking``."""
        now = time.monotonic()
        if self._started is None:
            self._started = now
        self.thinking_seconds = now - self._started
        if self._on_thinking and int(self.thinking_seconds) != self._reported:
            self._reported = int(self.thinking_seconds)
            self._on_thinking(self.thinking_seconds)
