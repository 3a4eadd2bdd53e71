"""The user's hurried notes, read for what a note someone receives may not contain.

Notes are written in a rush: shorthand ("abt", "w/", ">5"), symbols for words ("+", "&") and
shouting ("HOW WOULD YOU TEACH P-VALUES??"). The composer turns them into plain words
(``tidy``); the checker points at any left in a draft (``shorthand_spans``,
``shouting_spans``). Both read the same table, ``data/shorthand.tsv``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SHORTHAND_FILE = Path(__file__).parent / "data" / "shorthand.tsv"
NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
# Words that make a run of capitals shouting rather than a row of acronyms ("AWS SQS").
_PLAIN_CAPS = frozenset(
    (
        "A AN AND ARE AS AT BE BUT CAN DID DO DOES FOR HOW I IF IN IS IT ME MY NOT OF ON OR OUR "
        "SO THAT THE THEY THIS TO WAS WE WHAT WHEN WHERE WHICH WHO WHY WILL WITH WOULD YOU YOUR"
    ).split()
)
_COMPARISONS = {">": "more than", "<": "fewer than", "~": "about", "≈": "about"}
_COMPARISON = re.compile(r"(?<![\w>=<])([<>~≈])\s?(\d+(?:[.,]\d+)?)(\s?%|\+)?(?![\w.]\d)")
_SYMBOL_WORD = re.compile(r"(?<=\w)\s+([+&])\s+(?=\w)|(?<=[a-z])([+&])(?=[a-z])")
_CAPS_WORD = r"[A-Z][A-Z'’-]*[A-Z]"
_CAPS_RUN = re.compile(rf"\b{_CAPS_WORD}(?:[\s,]+{_CAPS_WORD}|\s+I)+\b")
_REPEATED_MARKS = re.compile(r"[?!]{2,}")


@cache
def shorthand_table() -> dict[str, str]:
    """Return the shorthand and its plain words, keyed by the shorthand in lower case."""
    table = {}
    for line in SHORTHAND_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            short, words = line.split("\t")
            table[short.strip().casefold()] = words.strip()
    return table


@cache
def _shorthand_pattern() -> re.Pattern[str]:
    """Return a pattern matching any shorthand of the table as a whole word."""
    terms = sorted(shorthand_table(), key=len, reverse=True)
    alternatives = "|".join(re.escape(term) for term in terms)
    return re.compile(rf"(?<![\w/-])(?:{alternatives})(?![\w-])(?!/\w)", re.IGNORECASE)


def number_words(value: str) -> str:
    """Write a small whole number as a word ("5" -> "five"); leave anything else as it is."""
    return NUMBER_WORDS[int(value)] if value.isdigit() and int(value) < len(NUMBER_WORDS) else value


def shorthand_spans(text: str) -> list[tuple[int, int, str]]:
    """Return where a text uses shorthand or a symbol for a word, with the plain words."""
    spans = [
        (m.start(), m.end(), shorthand_table()[m.group().casefold()])
        for m in _shorthand_pattern().finditer(text)
    ]
    for match in _COMPARISON.finditer(text):
        spans.append((match.start(), match.end(), _comparison_words(match)))
    for match in _SYMBOL_WORD.finditer(text):
        symbol = match.group(1) or match.group(2)
        spans.append((match.start(), match.end(), " and " if symbol else ""))
    return sorted(spans)


def _comparison_words(match: re.Match[str]) -> str:
    """Return ">5" as "more than five", "~20%" as "about 20%"."""
    symbol, number, unit = match.group(1), match.group(2), (match.group(3) or "").strip()
    words = _COMPARISONS[symbol]
    if unit == "+":
        unit = ""
    return f"{words} {number_words(number) if not unit else number}{unit}"


def shouting_spans(text: str) -> list[tuple[int, int]]:
    """Return the runs of capitals that shout, and any "??" or "!!"."""
    spans = [
        match.span()
        for match in _CAPS_RUN.finditer(text)
        if len(words := re.findall(r"[A-Z'’-]+", match.group())) >= 4
        or any(word in _PLAIN_CAPS for word in words)
    ]
    spans += [match.span() for match in _REPEATED_MARKS.finditer(text)]
    return sorted(spans)


def tidy(text: str) -> str:
    """Turn hurried notes into plain words: shorthand spelt out, shouting calmed, marks single."""
    for start, end, words in reversed(shorthand_spans(text)):
        text = text[:start] + words + text[end:]
    for start, end in reversed(shouting_spans(text)):
        run = text[start:end]
        calmed = run[0] if set(run) <= set("?!") else _calm(run)
        text = text[:start] + calmed + text[end:]
    return re.sub(r"\s{2,}", " ", text).strip()


def _calm(run: str) -> str:
    """Lower a shouted run, keeping "I" and the first letter of the run as they are."""
    lowered = re.sub(r"\bi\b", "I", run.lower())
    return run[0] + lowered[1:]
