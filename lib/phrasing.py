"""The user's hurried notes, read for what a note someone receives may not contain.

Notes are written in a rush: shorthand ("abt", "w/", ">5"), symbols for words ("+", "&") and
shouting ("HOW WOULD YOU TEACH P-VALUES??"). The composer turns them into plain words
(``tidy``); the checker points at any left in a draft (``shorthand_spans``,
``shouting_spans``). Both read the same table, ``data/shorthand.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

from lemminflect import getAllLemmas, getInflection

SHORTHAND_FILE = Path(__file__).parent / "data" / "shorthand.tsv"


@lru_cache(maxsize=16_384)
def lemmas(word: str) -> Mapping[str, tuple[str, ...]]:
    """Return a word's lemmas by part of speech ({"VERB": ("row",)}), read-only and cached."""
    return MappingProxyType(getAllLemmas(word))


@lru_cache(maxsize=16_384)
def inflections(lemma: str, tag: str) -> tuple[str, ...]:
    """Return the forms of a lemma for a Penn tag ("VBD": "handled"), cached."""
    return tuple(getInflection(lemma, tag))


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
_EMPHASIS = _PLAIN_CAPS | frozenset("NOT NEVER VERY REALLY ALWAYS ALL HUGE MUST ONLY".split())
_COMPARISONS = {">": "more than", "<": "fewer than", "~": "about", "≈": "about"}
_COMPARISON = re.compile(r"(?<![\w>=<])([<>~≈])\s?(\d+(?:[.,]\d+)?)(\s?%|\+)?(?![\w.]\d)")
_SYMBOL_WORD = re.compile(r"(?<=[\w?!])\s+([+&])\s+(?=\w)|(?<=[a-z])([+&])(?=[a-z])")
_CAPS_WORD = r"[A-Z][A-Z'’-]*[A-Z]"
_CAPS_RUN = re.compile(rf"\b{_CAPS_WORD}(?:[\s,]+{_CAPS_WORD}|\s+I)+\b")
_REPEATED_MARKS = re.compile(r"[?!]{2,}")
_LOWER_I = re.compile(r"(?<![\w'’.-])i(?![\w.-])")


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
    for start, end in reversed(shouting_spans(text)):  # first: "WHAT WOULD U" is one shout
        run = text[start:end]
        calmed = run[0] if set(run) <= set("?!") else _calm(run, at_start=not start)
        text = text[:start] + calmed + text[end:]
    for start, end, words in reversed(shorthand_spans(text)):
        text = text[:start] + words + text[end:]
    text = re.sub(r"\b[A-Z]{2,}\b", lambda m: _emphasis(m.group()), text)
    text = _LOWER_I.sub("I", text)  # hurried notes write "i"
    text = re.sub(r"(?<!\w)(\*\*?|__?)(\S(?:.*?\S)?)\1(?!\w)", r"\2", text)  # **bold**, _stress_
    return re.sub(r"\s{2,}", " ", text).strip()


def _emphasis(word: str) -> str:
    """Lower a single word written in capitals for emphasis ("NOT"); keep acronyms."""
    return word.lower() if word in _EMPHASIS and word != "I" else word


def _calm(run: str, at_start: bool) -> str:
    """Lower a shouted run, keeping "I", and a capital only where the note starts."""
    lowered = re.sub(r"\bi\b", "I", run.lower())
    return lowered[:1].upper() + lowered[1:] if at_start else lowered


# --- notes as clauses -----------------------------------------------------------------------

MAX_CLAUSE_WORDS = 16  # a clause longer than this is shortened at a boundary, or left out
# Pay, salary and notice periods: never in a thank-you (the composer leaves such notes out, the
# checker warns). An amount counts when it reads as pay ("185-200k", "95k base"); "$14M store"
# and "200k users" do not.
_AMOUNT = r"[$£€]?\d+(?:[.,]\d+)?\s?[kK]?"
PAY = re.compile(
    r"\b(salary|salaries|compensation|remuneration|notice periods?|benefits package|"
    r"pay (?:band|range|scale|rise|raise|package|expectations?)|(?:the|my|your|base) pay\b|"
    r"base salary|OTE|day rate|hourly rate|"
    r"bonus(?:es)? (?:structure|scheme|plan)|(?:signing|sign-on|annual|performance) bonus|"
    r"equity (?:package|stake|grant)|stock options)\b"
    rf"|{_AMOUNT}\s?-\s?{_AMOUNT}[kK]\b"
    rf"|{_AMOUNT}\s+(?:base|a year|per year|per annum|p\.a\.|an hour|per hour)\b",
    re.IGNORECASE,
)
# Words that cannot end a sentence: the clause was cut in the middle of a phrase.
DANGLING = frozenset(
    "a an the my your our their its of and or but nor because than from to with for at by "
    "into onto as if that which who whose very".split()
)
# A "?" or "!" before a word in lower case goes on ("WHY?? to first years" is one question).
_CLAUSE_BREAK = re.compile(
    r"(?<=[.;…])\s+|(?<=[!?])\s+(?![a-z])|\n+|\s[-–—]\s|;\s*|,\s+|:\s+|\.\s*$|…"
)
_LABEL = re.compile(r"^([^\W\d][\w &/'-]{0,24}):\s+(?=\S)")
_SOFT_BREAK = re.compile(
    r"\s(?=(?:and|but|because|which|who|while|so|after|before|since|although|then)\s)"
)
_ADVERBS = frozenset("also just still really actually even once already always never often".split())
_THIRD_TO_SECOND = {
    "he": "you",
    "she": "you",
    "him": "you",
    "hers": "yours",
    "himself": "yourself",
    "herself": "yourself",
    "they": "you",
    "them": "you",
    "their": "your",
    "theirs": "yours",
    "themselves": "yourselves",
    "he's": "you're",
    "she's": "you're",
    "they're": "you're",
    "he'd": "you'd",
    "she'd": "you'd",
    "they'd": "you'd",
    "they've": "you've",
    "he'll": "you'll",
    "she'll": "you'll",
    "they'll": "you'll",
}
_SINGULAR_SUBJECTS = frozenset({"he", "she", "he's", "she's"})
_AGREEMENT = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
}
_HER_AS_OBJECT = frozenset(
    "the a an to and at in on for about that with up out back over off this".split()
)
_SECOND_TO_FIRST = {
    "you": "I",
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "you're": "I am",
    "you've": "I have",
    "you'd": "I would",
    "you'll": "I will",
}
_WH = "how|what|why|when|where|which|who"
_BEFORE_A_SUBJECT = frozenset(
    "how what why when where which who whether if that would could can will should might must "
    "do did does have has had are were and but or so because while time".split()
)
_AUX = "would|could|can|will|should|might|must|do|does|did|have|has|had|are|is|was|were|am"
_INVERTED = re.compile(rf"^((?:{_WH})(?:\s+\w+)?)\s+({_AUX})\s+(I|we)\b\s*(.*)$", re.IGNORECASE)
_YES_NO = re.compile(rf"^({_AUX})\s+(I|we)\b\s*(.*)$", re.IGNORECASE)
_IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:tell me about|talk me through|walk me through|take me through|"
    r"give (?:me )?an example of|share|(?:explain|describe)(?=\s+(?:a|an|the|your|my|how|what|"
    r"why|when)\b))\s+",
    re.IGNORECASE,
)
_WHAT_IS = re.compile(r"^(?:what|which)\s+(?:is|are|was|were)\s+(?=(?:the|your|my|a|an)\b)", re.I)


def clauses(note: str) -> list[str]:
    """Return the clauses of a note, tidied: "a; b - c, d" gives a, b, c and d."""
    found = []
    for piece in _CLAUSE_BREAK.split(tidy(note)):
        piece = piece.strip(" \"'“”‘’[].,;:!?-–—…")
        piece = re.sub(r"[!?]+\s+(?=[a-z])", " ", piece)  # the mark inside a question that goes on
        if piece.count("(") != piece.count(")"):  # an aside cut in two: leave both halves out
            piece = re.sub(r"\s*\([^)]*$|^[^(]*\)\s*", "", piece).strip(" ,;:-")
        if piece:
            found.append(re.sub(r"\bI'd\b(?=\s+[a-z])", "I would", piece))
    return found


def strip_label(note: str) -> str:
    """Drop a leading label such as "case:" or "technical:" from a note; a label that is a
    question itself ("what I'd supervise:") stays."""
    label = _LABEL.match(note.strip())
    if label and label.group(1).split()[0].casefold() not in (*_WH.split("|"), "whether"):
        return note.strip()[label.end() :]
    return note.strip()


def shorten(clause: str, limit: int = MAX_CLAUSE_WORDS) -> str | None:
    """Return the clause, or its longest head that ends at a boundary within ``limit`` words.

    None when no such head exists: a quote is never cut in the middle of a phrase.
    """
    if len(clause.split()) <= limit and not _dangles(clause):
        return clause
    heads = [clause[: match.start()] for match in _SOFT_BREAK.finditer(clause)]
    for head in sorted(heads, key=len, reverse=True):
        if 2 <= len(head.split()) <= limit and not _dangles(head):
            return head.rstrip(" ,")
    return None


_PREPOSITION = re.compile(r"\s(?=(?:for|in|on|at|with|from|to|by|during|across)\s)")


def brief(clause: str) -> str:
    """Return the head of a clause, up to its first preposition, when that leaves two words."""
    for match in _PREPOSITION.finditer(clause):
        head = clause[: match.start()]
        if len(head.split()) >= 2 and not _dangles(head):
            return head
    return clause


def _dangles(clause: str) -> bool:
    """Whether a clause ends on a word that cannot end a sentence."""
    last = re.findall(r"[\w'’-]+", clause)
    return not last or last[-1].casefold() in DANGLING


def about_the_reader(clause: str) -> str:
    """Write a note about the reader in the second person: "she rowed" -> "you rowed"."""
    words = clause.split()
    for index, word in enumerate(words):
        lead, core, tail = _split_edges(word)
        lower = core.casefold().replace("’", "'")
        replacement = _THIRD_TO_SECOND.get(lower)
        if lower == "his":
            replacement = "yours" if tail or index == len(words) - 1 else "your"
        elif lower == "her":
            following = words[index + 1].casefold() if index + 1 < len(words) else ""
            replacement = "you" if tail or following in _HER_AS_OBJECT or not following else "your"
        if replacement is None:
            continue
        words[index] = lead + _like(core, replacement) + tail
        if lower in _SINGULAR_SUBJECTS:
            _agree(words, index + 1)
    return " ".join(words)


def _split_tail(word: str) -> tuple[str, str]:
    """Split a word from the punctuation that follows it: "it," -> ("it", ",")."""
    core = word.rstrip(".,;:!?)")
    return core, word[len(core) :]


def _split_edges(word: str) -> tuple[str, str, str]:
    """Split a word from the punctuation around it: "(they" -> ("(", "they", "")."""
    core, tail = _split_tail(word)
    bare = core.lstrip("(\"'“‘")
    return core[: len(core) - len(bare)], bare, tail


def _like(original: str, replacement: str) -> str:
    """Give a replacement the capital of the word it replaces ("She" -> "You")."""
    if original[:1].isupper() and replacement != "I":
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _agree(words: list[str], start: int) -> None:
    """Make the verb after a new "you" agree: "you has" -> "you have", "you plays" -> "play"."""
    for index in range(start, min(start + 3, len(words))):
        core, tail = _split_tail(words[index])
        lower = core.casefold()
        if lower in _ADVERBS:
            continue
        if lower in _AGREEMENT:
            words[index] = _AGREEMENT[lower] + tail
        elif lower.endswith("s") and (base := _present_base(lower)):
            words[index] = base + tail
        return


def _present_base(word: str) -> str | None:
    """Return the base form of a third-person present verb ("plays" -> "play"), or None."""
    for lemma in lemmas(word).get("VERB", ()):
        if word in inflections(lemma, "VBZ"):
            return lemma
    return None


def past_tense(word: str) -> str:
    """Return the past tense of a verb ("handle" -> "handled")."""
    forms = inflections(word, "VBD")
    return forms[0] if forms else word


def gerund(word: str) -> str | None:
    """Return the -ing form of a verb ("talked" -> "talking"), or None for a non-verb."""
    verbs = lemmas(word.casefold()).get("VERB")
    if not verbs:
        return None
    forms = inflections(verbs[0], "VBG")
    return forms[0] if forms else None


def is_past_verb(word: str) -> bool:
    """Whether a word is the past tense of a verb ("led", "reduced", "grew")."""
    lower = word.casefold()
    return any(lower in inflections(lemma, "VBD") for lemma in lemmas(lower).get("VERB", ()))


def is_third_person_verb(word: str) -> bool:
    """Whether a word is a verb as "she ..." would use it ("has", "plays", "is")."""
    lower = word.casefold()
    return lower in _AGREEMENT or _present_base(lower) is not None


def only_adjective(word: str) -> bool:
    """Whether a word can only be an adjective ("comfortable", "fluent")."""
    return set(lemmas(word.casefold())) == {"ADJ"}


def from_the_candidate(question: str) -> str:
    """Write a question put to the candidate as the candidate tells it.

    "how would you teach p-values" -> "how I would teach p-values"; "have you faced an audit"
    -> "whether I have faced an audit"; "tell me about a time you pushed back" -> "a time I
    pushed back".
    """
    text = _IMPERATIVE.sub("", question.strip())
    words: list[str] = []
    for word in text.split():
        core, tail = _split_tail(word)
        mapped = _SECOND_TO_FIRST.get(core.casefold().replace("’", "'"))
        if mapped == "I" and words and words[-1].casefold() not in _BEFORE_A_SUBJECT:
            mapped = "me"  # "if the regulator asked you" -> "asked me"
        words.append((mapped or core) + tail)
    text = re.sub(r"\bI are\b", "I am", " ".join(words))
    text = _WHAT_IS.sub("", text)  # "what is the last building that moved me" -> the building
    if match := _INVERTED.match(text):
        wh, aux, subject, rest = match.groups()
        return f"{wh.lower()} {_uninvert(aux, subject, rest)}"
    if match := _YES_NO.match(text):
        aux, subject, rest = match.groups()
        return f"whether {_uninvert(aux, subject, rest)}"
    return text


def _uninvert(aux: str, subject: str, rest: str) -> str:
    """Put the subject before its verb: ("did", "I", "handle it") -> "I handled it"."""
    aux = aux.casefold()
    if aux in ("do", "does"):
        return f"{subject} {rest}".strip()
    if aux == "did":
        verb, _, after = rest.partition(" ")
        return f"{subject} {past_tense(verb)} {after}".strip()
    aux = {"are": "am", "were": "was"}.get(aux, aux) if subject == "I" else aux
    return f"{subject} {aux} {rest}".strip()


def lower_start(clause: str, keep: frozenset[str] = frozenset()) -> str:
    """Start a clause that continues a sentence in lower case, unless it starts with a name."""
    first = clause.split(" ", 1)[0]
    if (
        first[:1].isupper()
        and first[1:].islower()
        and first.casefold() not in keep
        and (lemmas(first.casefold()) or first.casefold() in NUMBER_WORDS)
        and first not in ("I", "I'm", "I've", "I'd")
    ):
        return first[:1].lower() + clause[1:]
    return clause


# In the user's own notes, shorter words give pay away too ("my current 98k and 8% bonus"); a
# note that says them is left out of a note rather than risk it. "200k users" is not pay.
_NOTES_PAY = re.compile(
    r"\b(bonus(?:es)?|pay|paid|comp)\b|\b\d+(?:[.,]\d+)?[kK]\b(?!\s+(?!and\b)[a-z])",
    re.IGNORECASE,
)


def mentions_pay(text: str) -> bool:
    """Whether a user's note is about pay, salary or notice period (never in a thank-you)."""
    return PAY.search(text) is not None or _NOTES_PAY.search(text) is not None


def article(phrase: str) -> str:
    """Return "a" or "an" for a phrase ("an IB examiner", "a charge nurse")."""
    first = phrase.split(" ", 1)[0]
    vowel_sound = first[:1].casefold() in "aeio" or (
        first.isupper() and first[:1] in "AEFHILMNORSX"
    )
    return "an" if vowel_sound else "a"
