"""Helpers for showing the user's own text safely inside Streamlit's markdown."""

from __future__ import annotations

import re

# CommonMark's escapable punctuation, plus ":" (Streamlit's :color[...] syntax) and "$" (LaTeX).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&@])")  # "@": no e-mail autolinks
# Streamlit turns ":name:" and ":material/name:" into icons before escapes apply; a zero-width
# space after the first colon keeps the text as typed without forming a shortcode.
_SHORTCODE = re.compile(r":(?=[\w/+-]+:)")
_ZERO_WIDTH_SPACE = "\u200b"
# Streamlit's markdown turns web and e-mail addresses into links after it has resolved escapes
# (GFM's autolink literals are found in whole text nodes), so "https\://x\.io" still becomes a
# link. An empty ":small[]" directive renders as an empty <span>: it splits the text there, so no
# address forms, while what the user reads and copies stays exactly what they typed.
_LINK_BREAK = ":small[]"
_AUTOLINK_START = re.compile(r"(?i)(https?|www)(?=\\[:.])")  # "https\:", "www\." (escaped)
_AUTOLINK_AT = re.compile(r"(?=\\@)")  # before "\@": no e-mail address forms


def escape_markdown(text: str) -> str:
    """Return ``text`` so that markdown shows it literally: no formatting, icons, links or HTML."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", _SHORTCODE.sub(":" + _ZERO_WIDTH_SPACE, text))
    escaped = _AUTOLINK_START.sub(lambda match: match.group(1) + _LINK_BREAK, escaped)
    return _AUTOLINK_AT.sub(_LINK_BREAK, escaped)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """Return "1 follow-up", "2 follow-ups", "no follow-ups" ("nouns" for irregular plurals)."""
    many = nouns or f"{noun}s"
    if count == 0:
        return f"no {many}"
    return f"{count} {noun if count == 1 else many}"
