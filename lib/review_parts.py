"""What the draft checker reads a draft with: its parts, its words and its vocabularies.

``split_draft`` cuts a draft into subject line, greeting, body and closing; ``Finding`` is what
every check returns. Here too are the word patterns, the folding that compares words the way a
reader does, the word lists (common words, the spellchecker with the project's known words) and
the vocabulary of an application (its names, and everything the user wrote). ``lib.review``,
``lib.review_names`` and ``lib.review_writing`` build on this module; ``lib.review`` re-exports
the names other modules use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from spellchecker import SpellChecker

from lib.model import Application, Interviewer
from lib.names import PARTICLES, address_as

Severity = Literal["error", "warning"]
DATA = Path(__file__).parent / "data"
KNOWN_WORDS_FILE = DATA / "known_words.txt"  # technical words the dictionary lacks
COMMON_WORDS_FILE = DATA / "common_words.txt"  # words too common to make a note specific


@dataclass(frozen=True)
class Finding:
    """One problem in a draft: the rule it breaks, how bad, what to fix, and where."""

    rule: str
    severity: Severity
    message: str
    span: tuple[int, int] | None = None  # character offsets in the draft, when it applies
    code: str = ""  # what kind of problem, for the modules that act on it ("cut_off", "pay")


# --- reading a draft ----------------------------------------------------------------------------

_LETTER = r"[^\W\d_][\u0300-\u036f]*"  # a letter, with any accents typed as combining marks
_WORD = re.compile(rf"(?:{_LETTER})+(?:['’](?:{_LETTER})+)*")
_ANY_WORD = re.compile(r"[\w'’-]+")
_URL_OR_EMAIL = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:[\w-]+\.)+[a-z]{2,}/\S*"
)
_GREETING = re.compile(
    r"^(dear|hi|hello|hey|good (morning|afternoon|evening)|greetings)\b", re.IGNORECASE
)
_PLACEHOLDER = re.compile(
    r"\[[^\]\n]{1,40}\]|\{[^}\n]{1,40}\}|<[^>\n]{1,40}>|\bX{3,}\b|\bTBD\b|\bTODO\b|_{3,}"
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_LOWER_I = re.compile(r"(?<![\w'’.])i(?!\.e\.)(?=$|[\s,.;:!?]|['’](m|ve|d|ll)\b)")
_NOTE_BREAK = re.compile(r"(?<=[.!?;])\s+|\n+")
_QUOTE_TRIM = ".;!?:,-–— "
SIGN_OFFS = frozenset(
    {
        "all the best",
        "best",
        "best regards",
        "best wishes",
        "cheers",
        "kind regards",
        "many thanks",
        "regards",
        "respectfully",
        "sincerely",
        "thank you",
        "thanks",
        "thanks again",
        "warm regards",
        "warm wishes",
        "warmly",
        "with appreciation",
        "with gratitude",
        "with thanks",
        "yours faithfully",
        "yours sincerely",
        "yours truly",
    }
)


@dataclass(frozen=True)
class DraftParts:
    """A draft cut into its subject line, greeting, body and closing (sign-off and signature)."""

    subject: tuple[int, int] | None
    greeting: tuple[int, int] | None
    body: tuple[int, int]
    closing: tuple[int, int] | None


def _lines(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of each line, without its newline."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def split_draft(text: str) -> DraftParts:
    """Find the subject line, the greeting, the body and the closing of a draft."""
    lines = [(a, b) for a, b in _lines(text) if text[a:b].strip()]
    subject = greeting = closing = None
    if lines and text[lines[0][0] : lines[0][1]].strip().lower().startswith("subject:"):
        subject = lines.pop(0)
    if lines:
        first = text[lines[0][0] : lines[0][1]].strip()
        if _GREETING.match(first) and len(first) <= 80:
            greeting = lines.pop(0)
    for index in range(len(lines) - 1, max(len(lines) - 7, -1), -1):
        line = text[lines[index][0] : lines[index][1]].strip().lower().rstrip(",.!")
        if line in SIGN_OFFS and index > 0:
            closing = (lines[index][0], lines[-1][1])
            lines = lines[:index]
            break
    body = (lines[0][0], lines[-1][1]) if lines else (len(text), len(text))
    return DraftParts(subject=subject, greeting=greeting, body=body, closing=closing)


def body_words(text: str) -> int:
    """Count the words of a draft's body (without subject, greeting and closing)."""
    start, end = split_draft(text).body
    return len(_ANY_WORD.findall(text[start:end]))


def _fold(word: str) -> str:
    """Compare words the way a reader does: any apostrophe, any case."""
    return unicodedata.normalize("NFC", word).replace("’", "'").casefold()


def _loose(word: str) -> str:
    """Fold a word and drop its accents, to recognise a name however it was typed."""
    decomposed = unicodedata.normalize("NFD", _fold(word))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _name_tokens(name: str) -> list[str]:
    """Return the words of a name that identify the person (particles such as "van" set aside)."""
    return [t for t in _WORD.findall(name) if _fold(t) not in PARTICLES]


def note_sentences(text: str) -> list[str]:
    """Split a note into its sentences, leaving out any that hold a template gap."""
    pieces = (piece.strip().strip(_QUOTE_TRIM).strip() for piece in _NOTE_BREAK.split(text))
    return [piece for piece in pieces if piece and not has_placeholder(piece)]


def has_placeholder(text: str) -> bool:
    """Whether text contains a template gap such as [Name], {company}, <role> or XXX."""
    return _PLACEHOLDER.search(text) is not None


# --- vocabularies -------------------------------------------------------------------------------


def _word_list(path: Path) -> list[str]:
    """Read a word list: words separated by white space, lines starting with # ignored."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [word for line in lines if not line.startswith("#") for word in line.split()]


@cache
def _common_words() -> frozenset[str]:
    """Return the words too common to count as something specific."""
    return frozenset(_word_list(COMMON_WORDS_FILE))


@cache
def _spellchecker() -> SpellChecker:
    """Return the English spellchecker with the project's known technical words loaded.

    Built once and never changed afterwards; per-draft known words are checked separately.
    """
    checker = SpellChecker(distance=1)  # suggestions one edit away: quick, and usually right
    checker.word_frequency.load_words(_word_list(KNOWN_WORDS_FILE))
    return checker


def _stem(word: str) -> str:
    """Reduce a word to a crude stem so that "migrating" matches "migration"."""
    word = _fold(word).removesuffix("'s")
    for suffix in ("ations", "ation", "ating", "ated", "ates", "ate", "ing", "ed", "es", "s", "ly"):
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def keywords(text: str, exclude: Iterable[str] = ()) -> set[str]:
    """Return the stems of the telling words of a text (no stop words, names or generic words)."""
    excluded = {_fold(word) for word in exclude} | _common_words()
    return {
        _stem(word)
        for word in _WORD.findall(text)
        if len(word) >= 4 and _fold(word) not in excluded
    }


def _entities(app: Application, sender_name: str = "") -> list[str]:
    """Return the proper names of an application: people, titles, company, role, the sender."""
    return [
        *(p.name for p in app.interviewers),
        *(address_as(p.name, p.address_as) for p in app.interviewers),  # "민준" of 김민준
        *(p.title for p in app.interviewers if p.title),
        app.company,
        app.role,
        *([sender_name] if sender_name else []),
    ]


def entity_words(app: Application) -> list[str]:
    """Return the words of an application's names, which never make a note specific (T7)."""
    return [word for entity in _entities(app) for word in _WORD.findall(entity)]


def _person_notes(person: Interviewer) -> str:
    """Return everything written about one person's conversation."""
    return "\n".join((person.asked, person.concerns, person.discussed, person.personal_touch))


def known_vocabulary(app: Application, person: Interviewer, sender_name: str = "") -> set[str]:
    """Return the words that count as correctly spelt in a note to ``person``.

    The names, titles, company, role, sender, that person's notes and the application's own
    notes: whatever the user wrote is taken as they wrote it.
    """
    texts = [
        *_entities(app, sender_name),
        _person_notes(person),
        app.fit_points,
        app.went_well,
        app.went_badly,
        app.stood_out,
    ]
    words = {_fold(word) for text in texts for word in _WORD.findall(text)}
    return words | {re.sub(r"'s$", "", word) for word in words}  # "Sainsbury's" -> "sainsbury"


# --- spans and masks ----------------------------------------------------------------------------


def _readable(text: str, parts: DraftParts) -> tuple[int, int]:
    """The span a reader reads as the note: from the subject (or start) to the closing."""
    end = parts.closing[0] if parts.closing else len(text)
    return 0, end


def _blank(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    """Replace what the patterns match with spaces (same length, same offsets)."""
    for pattern in patterns:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _mask(text: str, app: Application, sender_name: str, fill: str = " ") -> str:
    """Blank out the application's own names, URLs and emails (same length, same offsets);
    ``fill`` "x" keeps each name a word ("join the xxxx." is no sentence cut after "the")."""
    masked = text
    for entity in sorted(_entities(app, sender_name), key=len, reverse=True):
        if entity:  # whole words only: the address "H" must not blank the H of "Hi"
            pattern = rf"(?<!\w){re.escape(entity)}(?!\w)"
            masked = re.sub(pattern, lambda m: re.sub(r"\S", fill, m.group()), masked)
    return _URL_OR_EMAIL.sub(lambda m: " " * len(m.group()), masked)
