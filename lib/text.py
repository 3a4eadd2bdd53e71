"""Helpers for showing the user's own text safely inside Streamlit's markdown."""

from __future__ import annotations

import re

# CommonMark's escapable punctuation, plus ":" (Streamlit's :color[...] syntax) and "$" (LaTeX).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&@])")  # "@": no e-mail autolinks
# Streamlit turns ":name:" and ":material/name:" into icons before escapes apply; a zero-width
# space after the first colon keeps the text as typed without forming a shortcode.
_SHORTCODE = re.compile(r":(?=[\w/+-]+:)")
_ZERO_WIDTH_SPACE = "\u200b"


def escape_markdown(text: str) -> str:
    """Return ``text`` so that markdown shows it literally: no formatting, icons, links or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _SHORTCODE.sub(":" + _ZERO_WIDTH_SPACE, text))


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """Return "1 follow-up", "2 follow-ups", "no follow-ups" ("nouns" for irregular plurals)."""
    many = nouns or f"{noun}s"
    if count == 0:
        return f"no {many}"
    return f"{count} {noun if count == 1 else many}"
