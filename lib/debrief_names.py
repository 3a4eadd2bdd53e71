"""Who a debrief talks about: the panel's names however they are written, and new names.

A panel member is found by full name, given name, family name or how they are addressed, in any
case and with or without accents ("Seán", "sean"), and with an honorific before ("Dr.
Whitcombe"). A name spoken in lower case ("so priya asked") counts unless the word is also an
English word ("mark", "will"). A first name two people share names both of them; the splitter
tells them apart. A new name is a capitalised word used as a person's ("Dana from HR asked", "I
also met Tom"), not a month, a weekday, a tech word or a common word ("Nobody asked").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

from lib.debrief_dates import MONTHS, WEEKDAYS
from lib.model import Interviewer
from lib.names import HONORIFICS, PARTICLES, parse_name
from lib.phrasing import lemmas
from lib.review_parts import COMMON_WORDS_FILE, KNOWN_WORDS_FILE

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE_END = re.compile(r"['’]s$")
_HONORIFIC_BEFORE = re.compile(r"([^\W\d_]+)\.?\s+$")
# What makes a capitalised word a person: what they did ("Dana asked"), where they work ("Tom
# from Stripe", not "Rust from scratch"), or what the candidate did with them ("I also met Tom").
_PERSON_AFTER = re.compile(
    r"(?:['’]s\s+(?:worried|concerned))?,?\s+(?:also\s+|then\s+|really\s+)?(?:asked|said|says"
    r"|mentioned|told|wanted|seemed|grilled|quizzed|pressed|pushed|talked|chatted|explained"
    r"|thinks|thought|liked|loved|laughed|joined|introduced|interviewed|recommended|who\b"
    r"|and\s+I\b|had\s+me|is\s+worried|was\s+worried"
    r"|from\s+(?:the\s+)?[A-Z]|from\s+the\s+\w+(?:\s+\w+)?\s+team\b)"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:to|in|at|from|near|of|into|across|around|via|for|on|by|outside|inside)\s+$",
    re.IGNORECASE,
)
_PERSON_BEFORE = re.compile(
    r"(?:\bmet|\bmet\s+with|\bmeeting|\b(?:spoke|talked|chatted)\s+(?:to|with)|\bintroduced\s+"
    r"me\s+to|\b(?:lunch|coffee|call)\s+with|\binterviewed\s+by)\s+$",
    re.IGNORECASE,
)


_NOT_PEOPLE = (  # words that do what people do in a debrief ("Nobody asked ...")
    "nobody somebody anybody everybody noone management engineering manager candidate overall "
    "apparently honestly interestingly luckily unfortunately sadly later afterwards"
).split()


@dataclass(frozen=True)
class NameSpan:
    """A name in the text: where it is, and who on the panel it may be (none: a new name)."""

    start: int
    end: int  # before any possessive "'s"
    ids: frozenset[str]
    written: str


def fold(word: str) -> str:
    """Return a word as names are compared: any case, any accents, any apostrophe."""
    decomposed = unicodedata.normalize("NFD", word.casefold().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _bare(word: str) -> str:
    """Return a word without a possessive "'s"."""
    return _POSSESSIVE_END.sub("", word)


def _name_forms(panel: Sequence[Interviewer]) -> dict[tuple[str, ...], frozenset[str]]:
    """Return each way the panel's names may be written, as folded words, with who has it."""
    forms: dict[tuple[str, ...], set[str]] = {}
    for person in panel:
        parts = parse_name(person.name)
        for phrase in (person.name, parts.full, parts.given, parts.family, person.address_as):
            words = [fold(w) for w in WORD.findall(phrase) if fold(w) not in HONORIFICS]
            singles = ((w,) for w in words if w not in PARTICLES and len(w) > 1)  # not "Ó"
            for key in (tuple(words), *singles):
                if key:
                    forms.setdefault(key, set()).add(person.id)
    return {key: frozenset(ids) for key, ids in forms.items()}


def panel_names(text: str, panel: Sequence[Interviewer]) -> list[NameSpan]:
    """Return where the text names someone on the panel, each time the longest name."""
    forms = _name_forms(panel)
    longest = max((len(key) for key in forms), default=0)
    words = list(WORD.finditer(text))
    folded = [fold(_bare(match.group())) for match in words]
    found: list[NameSpan] = []
    index = 0
    while index < len(words):
        for size in range(min(longest, len(words) - index), 0, -1):
            run = [match.group() for match in words[index : index + size]]
            key = tuple(folded[index : index + size])
            if key in forms and _written_as_name(run, key):
                first, end = words[index].start(), words[index + size - 1].start()
                end += len(_bare(run[-1]))
                start = _with_honorific(text, first)
                found.append(NameSpan(start, end, forms[key], text[first:end]))
                index += size
                break
        else:
            index += 1
    return found


def _written_as_name(written: list[str], key: tuple[str, ...]) -> bool:
    """Whether words may be a name: capitalised, or in lower case and not also a word."""
    if any(word[:1].isupper() for word in written):
        return True
    return not any(lemmas(word) or word in common_words() for word in key)


def _with_honorific(text: str, start: int) -> int:
    """Move the start of a name back over an honorific right before it ("Dr. Whitcombe")."""
    before = _HONORIFIC_BEFORE.search(text, max(0, start - 12), start)
    return before.start() if before and fold(before.group(1)) in HONORIFICS else start


def new_names(text: str, masked: str, ignored: Collection[str]) -> list[NameSpan]:
    """Return the capitalised names the text uses as a person's, outside the masked ones;
    ``ignored`` holds folded words that are never a name here (the panel's, the company's)."""
    words = [m for m in WORD.finditer(text) if masked[m.start()] != "\x00"]
    found: list[NameSpan] = []
    index = 0
    while index < len(words):
        first = _bare(words[index].group())
        if not _may_name(first, ignored):
            index += 1
            continue
        end = index + 1
        while end < len(words) and _joined(text, words[end - 1], words[end], ignored):
            end += 1
        start = words[index].start()
        stop = words[end - 1].start() + len(_bare(words[end - 1].group()))
        before = text[max(0, start - 30) : start]
        place = _PLACE_BEFORE.search(before)  # "moved to Berlin from London": a place
        if (_PERSON_AFTER.match(text, stop) and not place) or _PERSON_BEFORE.search(before):
            found.append(NameSpan(start, stop, frozenset(), text[start:stop]))
        index = end
    return found


def _may_name(word: str, ignored: Collection[str]) -> bool:
    """Whether a word is written like a name ("Dana", not "HR") and is not an ignored word."""
    return word[:1].isupper() and not word.isupper() and fold(word) not in ignored


def _joined(
    text: str, previous: re.Match[str], word: re.Match[str], ignored: Collection[str]
) -> bool:
    """Whether a word goes on the name before it ("Dana Whitfield"): right after, like a name."""
    return not text[previous.end() : word.start()].strip() and _may_name(word.group(), ignored)


@cache
def common_words() -> frozenset[str]:
    """Return the words too common to be a name in lower case."""
    return frozenset(_read_words(COMMON_WORDS_FILE.read_text(encoding="utf-8")))


@cache
def never_names() -> frozenset[str]:
    """Return words that are never a new person: months, weekdays, tech and common words."""
    tech = _read_words(KNOWN_WORDS_FILE.read_text(encoding="utf-8"))
    return frozenset([*MONTHS, *WEEKDAYS, *tech, *HONORIFICS, *_NOT_PEOPLE]) | common_words()


def _read_words(listing: str) -> list[str]:
    """Return the words of a word list (lines starting with # are comments)."""
    return [w for line in listing.splitlines() if not line.startswith("#") for w in line.split()]


def masked(text: str, names: Sequence[NameSpan]) -> str:
    """Return the text with each name blanked out, so that patterns read it as one mark."""
    chars = list(text)
    for name in names:
        chars[name.start : name.end] = "\x00" * (name.end - name.start)
    return "".join(chars)
