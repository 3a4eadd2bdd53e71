"""People's names: how to address each interviewer, in the register of the office (T5, T12).

A name is parsed with ``nameparser`` (honorifics such as Dr. and Prof., suffixes such as PhD,
particles such as "van"), then read for what a note needs: the given name for "Hi Jean-Luc,"
and "Dear Siobhán,", and the honorific with the family name for "Dear Dr. Whitcombe,". The
guess is only a start: the user can set how to address someone (``Interviewer.address_as``),
which is how a family-name-first name such as Nguyễn Minh Khai gets greeted right.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from nameparser import HumanName

from lib.guidance import CultureName

# Honorifics as a note writes them, by their bare lower-case form.
HONORIFICS = {
    "dr": "Dr.",
    "doctor": "Dr.",
    "prof": "Prof.",
    "professor": "Prof.",
    "mr": "Mr.",
    "mister": "Mr.",
    "ms": "Ms.",
    "mrs": "Mrs.",
    "miss": "Miss",
    "mx": "Mx.",
    "sir": "Sir",
    "dame": "Dame",
    "rev": "Rev.",
    "judge": "Judge",
}
EARNED = frozenset({"Dr.", "Prof."})  # an honorific a person earned: Mr./Ms./Mrs. is wrong for them
DOCTORAL_SUFFIXES = frozenset({"phd", "md", "dphil", "edd", "dds", "dvm", "psyd", "dsc"})
# Given names that commonly pair with a second one into a single given name ("María José",
# "Jean Paul", "Anna Maria"): both parts must be listed for the pair to be kept together.
_COMPOUND_FIRST = frozenset(
    "maría maria josé jose juan ana anna jean marie mary luis josep joão joao".split()
)
_COMPOUND_SECOND = frozenset(
    (
        "josé jose maría maria luis carlos pablo paul pierre luc claude marie kate ann anne jo "
        "lou beth teresa fernanda elena isabel antonio manuel miguel ángel angel carmen lucía "
        "lucia laura louise françois francois baptiste philippe michel jacques rosa eugenia "
        "elisa victoria"
    ).split()
)
# Words that join a family name and never stand for it alone ("van", "al", "de la").
PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "der", "di", "du", "el", "la", "le", "van", "von"}
)
_HONORIFIC_START = re.compile(r"^\s*([^\W\d_]+)\.?(?=\s)", re.UNICODE)


@dataclass(frozen=True)
class PersonName:
    """A name in its parts: the honorific, the given and family names, and the full name."""

    honorific: str  # "Dr.", "Ms." or "" (as a note writes it)
    given: str  # "Jean-Luc", "María José"
    family: str  # "Wright-Patel", "van Beethoven"
    full: str  # the name without honorific or suffix: "Olivia Wright-Patel"


def _bare(word: str) -> str:
    """Return a word lower-cased without dots or accents, to look it up in a table."""
    decomposed = unicodedata.normalize("NFD", word.casefold().replace(".", ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def as_honorific(word: str) -> str:
    """Return a word as a note writes it if it is an honorific ("dr" -> "Dr."), else ""."""
    return HONORIFICS.get(_bare(word), "")


def honorific_of(text: str) -> str:
    """Return the honorific a text starts with, as a note writes it ("Dr."), or ""."""
    match = _HONORIFIC_START.match(text)
    return as_honorific(match.group(1)) if match else ""


@lru_cache(maxsize=1024)
def parse_name(name: str) -> PersonName:
    """Split a name into honorific, given name, family name and full name."""
    parsed = HumanName(" ".join(name.split()))
    titles = [HONORIFICS[_bare(t)] for t in parsed.title.split() if _bare(t) in HONORIFICS]
    honorific = titles[0] if titles else ""
    suffixes = {_bare(s) for s in re.split(r"[\s,]+", parsed.suffix) if s}
    if not honorific and suffixes & DOCTORAL_SUFFIXES:
        honorific = "Dr."
    given, middle, family = parsed.first, parsed.middle.split(), parsed.last
    if middle and _bare(given) in _COMPOUND_FIRST and _bare(middle[0]) in _COMPOUND_SECOND:
        given = f"{given} {middle[0]}"
    full = " ".join(part for part in (parsed.first, parsed.middle, parsed.last) if part)
    if honorific and full and " " not in full:  # "Mr. Bashir": one word is the family name
        return PersonName(honorific, "", full, full)
    if not given:  # a single word that the parser took for a title or a family name
        given = family or full or name.strip()
    return PersonName(honorific, given, family or given, full or name.strip())


def guess_address(name: str) -> str:
    """Return how a note would call someone by default: their whole given name, or the
    honorific and family name when only those are known ("Mr. Bashir")."""
    parts = parse_name(name)
    return parts.given or " ".join(part for part in (parts.honorific, parts.family) if part)


def address_as(name: str, chosen: str = "") -> str:
    """Return how to address someone: what the user chose, else the guess from the name."""
    return " ".join(chosen.split()) or guess_address(name)


def salutation(name: str, chosen: str, culture: CultureName) -> str:
    """Return the name a greeting uses in this office's register.

    Casual and standard offices use how the person is addressed ("Jean-Luc"); a formal one the
    honorific and the family name ("Dr. Whitcombe"), or the full name when no honorific is
    known. Whatever the user chose that starts with an honorific is used as it is.
    """
    addressed = address_as(name, chosen)
    if culture != "formal" or honorific_of(addressed):
        return addressed
    parts = parse_name(name)
    family = _family(parts, addressed)
    if not parts.honorific or all(_bare(word) in PARTICLES for word in family.split()):
        return parts.full
    return f"{parts.honorific} {family}"


def _family(parts: PersonName, addressed: str) -> str:
    """Return the family name, reading a family-name-first order from how they are addressed.

    When the user addresses Nguyễn Minh Khai as "Khai", the last word is the given name, so the
    first one is the family name.
    """
    words = parts.full.split()
    if len(words) > 1 and _bare(addressed) == _bare(words[-1]) != _bare(parts.given):
        return words[0]
    return parts.family


def greeting(name: str, chosen: str, culture: CultureName) -> str:
    """Return the greeting line of a note: "Hi Jean-Luc,", "Dear Siobhán,", "Dear Dr. Mensah,"."""
    opener = "Hi" if culture == "casual" else "Dear"
    return f"{opener} {salutation(name, chosen, culture)},"
