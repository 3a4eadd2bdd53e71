"""How the user's own text goes into a prompt: inside fenced blocks whose tag the text cannot
contain (so a note cannot close its block and speak as the app), and names kept to one line."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from lib.model_errors import FIELD_LABELS


def notes_section(heading: str, fields: list[tuple[str, str]], fence: str, *, empty: str) -> str:
    """Return a heading and one fenced block per non-empty notes field, labelled."""
    blocks = [f"{FIELD_LABELS[field]}:\n{block(fence, text)}" for field, text in fields if text]
    return heading + "\n" + ("\n".join(blocks) if blocks else empty)


def block(fence: str, text: str) -> str:
    """Return ``text`` inside the data fence."""
    return f"<{fence}>\n{text.strip()}\n</{fence}>"


def fence_for(texts: Sequence[str]) -> str:
    """Return a tag name derived from the data itself, which none of the data contains."""
    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()
    length = 10
    while any(f"data-{digest[:length]}" in text for text in texts):
        length += 1  # practically never: the text would have to contain its own hash
    return f"data-{digest[:length]}"


def present(texts: Sequence[str]) -> list[str]:
    """Return the non-blank texts, stripped, in order."""
    return [text.strip() for text in texts if text.strip()]


def inline(text: str) -> str:
    """Return a short text on one line (a name cannot start a new section of the prompt)."""
    return " ".join(text.split())
