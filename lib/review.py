"""The draft checker: every rule a thank-you or follow-up note can break, as findings.

``review(text, app, interviewer, others)`` reads a draft the way a careful friend would: is the
name right, is there a thank-you, something specific, a reason you fit, restated interest, the
right length, no typos or template gaps, nothing pleading, and is it different enough from the
notes to the other people of the panel. It also catches what a model or a hurry leaves behind:
a sentence cut off, stray control characters, the prompt's tags and headings, shorthand and
shouting, pay talk in a thank-you, and a note that is unsigned. The name, greeting, honorific,
title and signature checks live in ``lib.review_names``. Every new finding carries a ``code``;
``WRITING_WARNINGS`` are the codes a draft the app offers must not have. Every number comes from
the rulebook.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from lemminflect import getAllLemmas
from spellchecker import SpellChecker

from lib.guidance import DISTINCTNESS, NOTE_LENGTH, RULES
from lib.model import FIELD_LABELS, Application, DraftKind, Interviewer
from lib.names import address_as
from lib.phrasing import PAY, shorthand_spans, shouting_spans

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


# Warnings about the writing itself: a draft the app offers has none of these.
WRITING_WARNINGS = frozenset(
    {"third_person", "shorthand", "shouting", "colon_fragment", "pay", "concern"}
)


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
PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "der", "di", "du", "el", "la", "le", "van", "von"}
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


def name_to_address(name: str, culture: str) -> str:
    """Return how a note greets someone: the full name in a formal office, else the first name."""
    tokens = _name_tokens(name)
    if culture == "formal" or not tokens:
        return name
    return tokens[0]


def note_sentences(text: str) -> list[str]:
    """Split a note into its sentences, leaving out any that hold a template gap."""
    pieces = (piece.strip().strip(_QUOTE_TRIM).strip() for piece in _NOTE_BREAK.split(text))
    return [piece for piece in pieces if piece and not has_placeholder(piece)]


def capitalise_i(text: str) -> str:
    """Return text with every stand-alone lower-case "i" (and "i'm", "i've") capitalised."""
    return _LOWER_I.sub("I", text)


def has_placeholder(text: str) -> bool:
    """Whether text contains a template gap such as [Name], {company}, <role> or XXX."""
    return _PLACEHOLDER.search(text) is not None


# --- vocabularies -------------------------------------------------------------------------------

_THANKS = re.compile(
    r"\b(thank|thanks|thankful|grateful|gratitude|appreciate[sd]?|appreciation|appreciative)\b",
    re.IGNORECASE,
)
_FIT = re.compile(
    r"\b(my (experience|background|skills?|work|time)|i have (led|built|worked|spent|managed|"
    r"designed|delivered|run|shipped|grown)|i've (led|built|worked|spent|managed|designed|"
    r"delivered|run|shipped)|years? of|i bring|bring|fit|match(es|ed)?|aligns?|qualif\w*|"
    r"well placed|suited|strengths?)\b",
    re.IGNORECASE,
)
_INTEREST = re.compile(
    r"\b(excit\w*|enthusias\w*|interested|interest in|eager\w*|keen|look(ing)? forward|"
    r"would love|"
    r"thrilled|motivated|passionate|want to join|hope to join|glad to|contribut\w*|"
    r"energi[sz]ed|inspir\w*)\b",
    re.IGNORECASE,
)
_PLEADING = re.compile(
    r"\b(please (hire|pick|choose|consider) me|i (really |desperately |truly )?need (this|the) "
    r"(job|role|position)|desperate\w*|i beg|begging|i'?ll do anything|any chance at all|"
    r"(please )?give me a chance|it would mean the world|my last hope|i can'?t afford)\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(
    r"\[[^\]\n]{1,40}\]|\{[^}\n]{1,40}\}|<[^>\n]{1,40}>|\bX{3,}\b|\bTBD\b|\bTODO\b|_{3,}"
)
_CASUAL_IN_FORMAL = re.compile(r"^(hi|hey)\b|\bcheers\b", re.IGNORECASE | re.MULTILINE)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_LOWER_I = re.compile(r"(?<![\w'’.])i(?!\.e\.)(?=$|[\s,.;:!?]|['’](m|ve|d|ll)\b)")
_NOTE_BREAK = re.compile(r"(?<=[.!?;])\s+|\n+")
_QUOTE_TRIM = ".;!?:,-–— "


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


def is_common_word(word: str) -> bool:
    """Whether a word is too common to say anything specific ("the", "how", "interview")."""
    return _fold(word) in _common_words()


_BRITISH_TO_AMERICAN = (
    (re.compile(r"our(s|ed|ing|ite|ites|able|ably|less)?$"), r"or\1"),
    (re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"([^aeiou])re(s|d)?$"), r"\1er\2"),
    (re.compile(r"tred$"), r"tered"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
    (re.compile(r"mme(s)?$"), r"m\1"),
    (re.compile(r"que(s)?$"), r"ck\1"),
    (re.compile(r"gement(s)?$"), r"gment\1"),
    (re.compile(r"lment(s)?$"), r"llment\1"),
)


_DERIVATIONS = ("al", "ally", "ful", "ly", "ness")


def _american_forms(word: str) -> set[str]:
    """Return the American spellings a British word may correspond to ("candour" -> "candor").

    Derived words are tried through their base: "organisational" via "organisation".
    """
    bases = {word} | {word.removesuffix(ending) for ending in _DERIVATIONS if word.endswith(ending)}
    return {
        pattern.sub(replacement, base)
        for base in bases
        for pattern, replacement in _BRITISH_TO_AMERICAN
    } - bases


def _inflected_known(word: str, dictionary: SpellChecker) -> bool:
    """Whether a word is a plain inflection of a known word ("refactored", "onboarded")."""
    for ending, base_endings in (("ed", ("", "e")), ("ing", ("", "e")), ("s", ("",))):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            if dictionary.known([stem + tail for tail in base_endings]):
                return True
    return False


@lru_cache(maxsize=2048)
def _suggestion(word: str) -> str | None:
    """Return the likeliest correction of a misspelt word (one edit away), if any."""
    return _spellchecker().correction(word)


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


# --- the checks ---------------------------------------------------------------------------------


def review(
    text: str,
    app: Application,
    interviewer: Interviewer,
    others: Sequence[str] = (),
    sender_name: str = "",
    kind: DraftKind = "thank_you",
) -> list[Finding]:
    """Check a draft to ``interviewer`` against every rule; return the findings, errors first.

    ``others`` are the texts it must differ from: the notes to the other people of the panel,
    or, for a follow-up, that person's thank-you too. A follow-up (F2) thanks them again and
    restates interest, but needs no case for fit and may be as short as the user likes.
    """
    from lib.review_names import check_names, check_signature  # it builds on this module

    follow_up = kind == "follow_up"
    parts = split_draft(text)
    name_findings = check_names(text, parts, app, interviewer, sender_name)
    findings = [
        *name_findings,
        *_check_thanks(text, parts),
        *_check_specific(text, parts, app, interviewer),
        *_check_third_person(text, parts, app, interviewer),
        *([] if follow_up else _check_fit(text, parts, app)),
        *([] if follow_up else _check_concern(text, parts, app, interviewer)),
        *_check_interest(text, parts),
        *([] if follow_up else _check_pay(text, parts)),
        *_check_length(text, parts, app.channel_for(interviewer), minimum=0 if follow_up else None),
        *_check_spelling(text, app, interviewer, sender_name, reported=name_findings),
        *_check_placeholders(text, app, sender_name),
        *_check_prompt_leak(text),
        *_check_control_chars(text),
        *_check_cut_off(text, parts),
        *_check_shorthand(text, parts, app, sender_name),
        *_check_colon_fragments(text, parts, app, interviewer, sender_name),
        *_check_distinct(text, parts, app, others, sender_name),
        *_check_tone(text, parts, app),
        *check_signature(text, parts, sender_name),
        *_check_channel(parts, app.channel_for(interviewer)),
        *_check_pleading(text),
        *_check_recipient(app, interviewer),
    ]
    order = list(RULES)
    return sorted(
        findings,
        key=lambda f: (f.severity != "error", order.index(f.rule), f.span or (len(text), 0)),
    )


def _readable(text: str, parts: DraftParts) -> tuple[int, int]:
    """The span a reader reads as the note: from the subject (or start) to the closing."""
    end = parts.closing[0] if parts.closing else len(text)
    return 0, end


def _same_name(word: str, token: str) -> bool:
    """Whether a word of the draft is this name word, capitalised where the name is."""
    return _fold(word) == _fold(token) and (not token[:1].isupper() or word[:1].isupper())


def _mentions(note: str, phrase: str) -> bool:
    """Whether a note contains a phrase as whole words, in any case."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", note, re.IGNORECASE) is not None


def _check_thanks(text: str, parts: DraftParts) -> list[Finding]:
    """T6: the note thanks them (a "Thanks," sign-off alone does not count)."""
    start, end = _readable(text, parts)
    if _THANKS.search(text[start:end]):
        return []
    return [Finding("T6", "error", "Thank them for their time and the chance to interview.")]


def _check_specific(
    text: str, parts: DraftParts, app: Application, person: Interviewer
) -> list[Finding]:
    """T7: something from that person's own conversation is mentioned."""
    wanted = keywords(" ".join(note_sentences(_person_notes(person))), exclude=entity_words(app))
    if not wanted:
        return [
            Finding(
                "T7",
                "warning",
                f"There are no notes about your conversation with {person.name}; add what they "
                "asked or what you discussed, so the note can mention it.",
            )
        ]
    start, end = parts.body
    if keywords(text[start:end]) & wanted:
        return []
    return [
        Finding(
            "T7",
            "error",
            f"Mention something specific from your conversation with {person.name}: a question "
            "they asked, a topic you discussed or a moment you shared.",
        )
    ]


def _check_fit(text: str, parts: DraftParts, app: Application) -> list[Finding]:
    """T8: the note says why the candidate fits."""
    start, end = parts.body
    body = text[start:end]
    names = entity_words(app)
    if _FIT.search(body) or keywords(body, names) & keywords(app.fit_points, names):
        return []
    return [Finding("T8", "warning", "Add a sentence on why your skills fit what they need.")]


def _check_interest(text: str, parts: DraftParts) -> list[Finding]:
    """T9: the note restates interest in the role."""
    start, end = _readable(text, parts)
    if _INTEREST.search(text[start:end]):
        return []
    return [Finding("T9", "warning", "Say again, lightly, that you want the role.")]


def _check_length(
    text: str, parts: DraftParts, channel: str, minimum: int | None = None
) -> list[Finding]:
    """T10: the body is short, and shorter still on a card (``minimum`` overrides the target)."""
    floor = NOTE_LENGTH.target_min_words if minimum is None else minimum
    start, end = parts.body
    count = len(_ANY_WORD.findall(text[start:end]))
    limit = NOTE_LENGTH.card_max_words if channel == "handwritten" else None
    target_max = limit or NOTE_LENGTH.target_max_words
    if count > NOTE_LENGTH.hard_max_words:
        return [
            Finding(
                "T10",
                "error",
                f"The body has {count} words; keep it under {NOTE_LENGTH.hard_max_words} "
                f"(ideally {NOTE_LENGTH.target_min_words} to {target_max}).",
            )
        ]
    if count > target_max:
        where = "for a card" if limit else "for a thank-you"
        return [
            Finding(
                "T10",
                "warning",
                f"The body has {count} words; {target_max} is plenty {where}. Trim it.",
            )
        ]
    if count < floor:
        return [
            Finding(
                "T10",
                "warning",
                f"The body has {count} words; {floor} to {target_max} lets you add a specific "
                "point and why you fit.",
            )
        ]
    return []


def _check_spelling(
    text: str,
    app: Application,
    person: Interviewer,
    sender_name: str,
    reported: Sequence[Finding] = (),
) -> list[Finding]:
    """T11: no misspelt words (the user's own names and notes are taken as written).

    Words already ``reported`` (a misspelt name, under T5) are not reported twice.
    """
    taken = {finding.span for finding in reported if finding.span}
    masked = _blank(text, (_URL_OR_EMAIL, _FENCE, _RULE_ID))  # a leaked tag is no typo
    known = known_vocabulary(app, person, sender_name)
    dictionary = _spellchecker()
    candidates = []
    for match in _WORD.finditer(masked):
        word = match.group()
        base = re.sub(r"['’]s$", "", word)
        if len(base) < 2 or any(c.isupper() for c in base[1:]) or _fold(base) in known:
            continue
        candidates.append((match, base))
    unknown = {
        word
        for word in dictionary.unknown({_fold(base) for _, base in candidates})
        if not dictionary.known(_american_forms(word))  # British spelling is spelling too
        and not _inflected_known(word, dictionary)
    }
    findings = [
        Finding("T11", "error", "Write 'I' as a capital letter.", match.span())
        for match in _LOWER_I.finditer(_mask(text, app, sender_name))
    ]
    for match, base in candidates:
        folded = _fold(base)
        if folded not in unknown or (match.start(), match.start() + len(base)) in taken:
            continue
        before = masked[: match.start()]
        at_sentence_start = re.search(r"(^|[.!?]\s+|\n\s*|^subject:\s*)$", before, re.I) is not None
        span = (match.start(), match.start() + len(base))
        if base[0].isupper() and not at_sentence_start:
            findings.append(Finding("T11", "warning", f"Check the spelling of '{base}'.", span))
        else:
            suggestion = _suggestion(folded)
            hint = f" Did you mean '{suggestion}'?" if suggestion and suggestion != folded else ""
            findings.append(Finding("T11", "error", f"'{base}' is misspelt.{hint}", span))
    return findings


def _mask(text: str, app: Application, sender_name: str) -> str:
    """Blank out the application's own names, URLs and emails (same length, same offsets)."""
    masked = text
    for entity in sorted(_entities(app, sender_name), key=len, reverse=True):
        if entity:
            masked = masked.replace(entity, " " * len(entity))
    return _URL_OR_EMAIL.sub(lambda m: " " * len(m.group()), masked)


def _check_placeholders(text: str, app: Application, sender_name: str) -> list[Finding]:
    """T11: no template gaps such as [Name], {company}, <role> or XXX are left."""
    masked = _blank(_mask(text, app, sender_name), (_FENCE, _RULE_ID))  # reported as leaks
    return [
        Finding(
            "T11",
            "error",
            f"'{text[slice(*match.span())]}' is a template gap; write the real words instead.",
            match.span(),
        )
        for match in _PLACEHOLDER.finditer(masked)
        if match.group().strip("[]{}<> _")  # a gap whose inside was a name or an address is not
        or set(match.group()) <= {"_"}
    ]


def _comparable_words(text: str, app: Application, sender_name: str) -> list[str]:
    """Return a draft body's words, lower case, with every name replaced by the same token."""
    start, end = split_draft(text).body
    names = {_fold(w) for p in app.interviewers for w in _WORD.findall(p.name)}
    names |= {_fold(w) for w in _WORD.findall(sender_name)}
    return ["<name>" if _fold(w) in names else _fold(w) for w in _WORD.findall(text[start:end])]


def _phrases(words: list[str]) -> set[tuple[str, ...]]:
    """Return the runs of consecutive words that T4 compares."""
    size = DISTINCTNESS.phrase_words
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def similarity(text: str, other: str, app: Application, sender_name: str = "") -> float:
    """Share of the shorter note's phrases that the other note also has (0 to 1)."""
    mine = _phrases(_comparable_words(text, app, sender_name))
    theirs = _phrases(_comparable_words(other, app, sender_name))
    if not mine or not theirs:
        return 0.0
    return len(mine & theirs) / min(len(mine), len(theirs))


def _check_distinct(
    text: str, parts: DraftParts, app: Application, others: Sequence[str], sender_name: str
) -> list[Finding]:
    """T4: not a template of another note; no long sentence shared word for word."""
    others = [other for other in others if other.strip()]
    if not others:
        return []
    worst = max(similarity(text, other, app, sender_name) for other in others)
    if worst > DISTINCTNESS.max_shared_phrases:
        return [
            Finding(
                "T4",
                "error",
                f"This note shares {worst:.0%} of its phrases with another note of this panel; "
                "people compare notes, so rewrite it in its own words.",
            )
        ]
    names = {_fold(w) for p in app.interviewers for w in _WORD.findall(p.name)}

    def sentence_key(sentence: str) -> tuple[str, ...]:
        return tuple("<name>" if _fold(w) in names else _fold(w) for w in _WORD.findall(sentence))

    theirs = {
        sentence_key(m.group())
        for other in others
        for m in _SENTENCE.finditer(other[slice(*split_draft(other).body)])
    }
    start, end = parts.body
    return [
        Finding(
            "T4",
            "warning",
            "This sentence also appears in another note.",
            (start + match.start(), start + match.end()),
        )
        for match in _SENTENCE.finditer(text[start:end])
        if len(key := sentence_key(match.group())) >= DISTINCTNESS.shared_sentence_words
        and key in theirs
    ]


def _check_tone(text: str, parts: DraftParts, app: Application) -> list[Finding]:
    """T12: no casual greeting or sign-off in a formal office."""
    if app.culture != "formal":
        return []
    edges = [span for span in (parts.greeting, parts.closing) if span is not None]
    for start, end in edges:
        match = _CASUAL_IN_FORMAL.search(text[start:end])
        if match:
            return [
                Finding(
                    "T12",
                    "warning",
                    f"'{match.group()}' is casual for a formal office; try 'Dear' and 'Kind "
                    "regards'.",
                    (start + match.start(), start + match.end()),
                )
            ]
    return []


def _check_channel(parts: DraftParts, channel: str) -> list[Finding]:
    """T13: an email has a subject line; a handwritten card has none."""
    if channel == "email" and parts.subject is None:
        return [Finding("T13", "warning", "Start the email with a 'Subject:' line.")]
    if channel == "handwritten" and parts.subject is not None:
        return [Finding("T13", "warning", "A handwritten card has no subject line.", parts.subject)]
    return []


def _check_pleading(text: str) -> list[Finding]:
    """F7: confident, never desperate."""
    return [
        Finding(
            "F7",
            "warning",
            f"'{match.group()}' sounds desperate; show enthusiasm without pleading.",
            match.span(),
        )
        for match in _PLEADING.finditer(text)
    ]


def _check_recipient(app: Application, person: Interviewer) -> list[Finding]:
    """T14: thanks go to the employer, not only to a recruiter."""
    if person.is_recruiter and all(p.is_recruiter for p in app.interviewers):
        return [
            Finding(
                "T14",
                "warning",
                f"{person.name} is a recruiter and nobody from the employer is on your list; "
                "send your thanks to the people who interviewed you, unless the recruiter "
                "insists on passing it on.",
            )
        ]
    return []


# --- the writing itself -------------------------------------------------------------------------

_CUT_OFF_WORDS = frozenset(
    "a an the my your our their its of and or but nor because than from".split()
)
_STRANDED = {  # words after which "of" or "from" ends a sentence well: "a team I'd be proud of."
    "of": frozenset(
        "part proud fond aware capable afraid sure think thought dreamed dreamt heard made "
        "speak spoke spoken ashamed tired conscious short".split()
    ),
    "from": frozenset(
        "come comes came coming learn learned learnt learning choose benefit hail apart".split()
    ),
}
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?!\s*\n))+")
_STOP = re.compile(r"[.!?…]+(?=[\"'’”)\]]*(?:\s|$))")
_LAST_WORDS = re.compile(r"(?:([\w'’]+)\s+)?([\w'’]+)[\"'’”)\]]*\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]|\r(?!\n)")
_FENCE = re.compile(r"</?data-[0-9a-f]{4,}>")
_RULE_IDS = "|".join(sorted(RULES, key=len, reverse=True))
_RULE_ID = re.compile(
    rf"[(\[]\s*(?:{_RULE_IDS})(?:\s*,\s*(?:error|warning))?\s*[)\]]|\b(?:{_RULE_IDS}):"
)
_NOTES_FIELDS = (
    "asked concerns discussed personal_touch fit_points went_well went_badly stood_out".split()
)
_LABELS = "|".join(re.escape(FIELD_LABELS[field]) for field in _NOTES_FIELDS)
_HEADING = re.compile(rf"(?m)(?:^[ \t>*•-]*(?i:{_LABELS})|(?<!\w)(?:{_LABELS})):")
_THIRD_PERSON = re.compile(r"\b(he|she|him|his|her|hers|himself|herself)\b", re.IGNORECASE)
_OTHER_PEOPLE = frozenset(
    (
        "daughter son wife husband partner colleague manager team mother father mom mum dad "
        "parent friend boss child children kid dog cat sister brother grandmother grandfather "
        "grandma grandpa aunt uncle niece nephew cousin baby family spouse girlfriend boyfriend "
        "fiancé fiancée fiance fiancee mentor predecessor successor ceo cto cfo founder recruiter "
        "candidate director engineer report hire intern student author speaker coach teammate "
        "lady man woman person someone somebody guy girl boy neighbour neighbor horse puppy "
        "kitten pet people men women"
    ).split()
)
_COLON_WORD = re.compile(r":[ \t]+([A-Z][\w'’-]*)")
_SENTENCE_OPENERS = frozenset(
    "the this that these those we you your it its my our they he she there what how why when "
    "where which who a an if as i one two three".split()
)
_ACRONYM_AMP = re.compile(r"\b[A-Z]+&[A-Z]+\b")  # "Q&A", "R&D", "M&A"


def _blank(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    """Replace what the patterns match with spaces (same length, same offsets)."""
    for pattern in patterns:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _check_cut_off(text: str, parts: DraftParts) -> list[Finding]:
    """T11: no sentence stops on a word that cannot end one ("…a background from my.")."""
    start, end = parts.body
    body = text[start:end]
    findings = []
    paragraphs = list(_PARAGRAPH.finditer(body))
    for number, paragraph in enumerate(paragraphs):
        stops = [m.start() for m in _STOP.finditer(paragraph.group())]
        last = paragraph.group().rstrip()
        unfinished = not re.search(r"[.!?…:;)\"'’”\]]$", last)
        for stop in [*stops, len(last)] if unfinished else stops:
            words = _LAST_WORDS.search(paragraph.group()[:stop])
            if not words:
                continue
            before, word = _fold(words.group(1) or ""), words.group(2)
            if word != word.lower() or word not in _CUT_OFF_WORDS:
                continue
            if before in _STRANDED.get(word, ()):
                continue
            at = start + paragraph.start() + words.start(2)
            findings.append(
                Finding(
                    "T11",
                    "error",
                    f"A sentence stops at '{word}': it was cut off. Finish it or take it out.",
                    (at, at + len(word)),
                    code="cut_off",
                )
            )
        final = number == len(paragraphs) - 1 and parts.closing is not None
        ended = re.search(r"[.!?…][\"'’”)\]]*$|\)$", last) is not None
        if final and not ended and (stops or len(last.split()) >= 10) and not findings:
            tail = " ".join(last.split()[-6:])
            findings.append(
                Finding(
                    "T11",
                    "error",
                    f"The note stops mid-sentence ('…{tail}'); finish the sentence before the "
                    "sign-off.",
                    (start + paragraph.start() + len(last) - len(tail), start + paragraph.end()),
                    code="cut_off",
                )
            )
    return findings


def _check_control_chars(text: str) -> list[Finding]:
    """T11: no control characters or '\ufffd' marks, which show as boxes or nothing at all."""
    found = [m for m in _CONTROL.finditer(text)]
    if not found:
        return []
    shown = sorted({f"U+{ord(m.group()[0]):04X}" for m in found})
    return [
        Finding(
            "T11",
            "error",
            f"The note has {len(found)} stray character(s) ({', '.join(shown)}) that show as "
            "boxes, question marks or nothing at all; delete them and retype the words around "
            "them.",
            found[0].span(),
            code="control_chars",
        )
    ]


def _check_prompt_leak(text: str) -> list[Finding]:
    """T11: nothing of the prompt is left in the note: data tags, rule ids, notes headings."""
    kinds = (
        (_FENCE, "the prompt's data tags"),
        (_RULE_ID, "rule references"),
        (_HEADING, "headings from your notes"),
    )
    findings = []
    for pattern, what in kinds:
        leaked = list(pattern.finditer(text))
        if leaked:
            shown = ", ".join(dict.fromkeys(m.group().strip() for m in leaked))
            findings.append(
                Finding(
                    "T11",
                    "error",
                    f"Delete {what} left in the note ({shown}); the reader must see only your "
                    "own sentences.",
                    leaked[0].span(),
                    code="prompt_leak",
                )
            )
    return findings


def _check_shorthand(
    text: str, parts: DraftParts, app: Application, sender_name: str
) -> list[Finding]:
    """T11: no shorthand, symbol for a word or shouting left over from hurried notes."""
    start, end = parts.body
    body = _blank(_mask(text, app, sender_name)[start:end], (_ACRONYM_AMP,))
    findings = []
    for a, b, words in shorthand_spans(body):
        written = body[a:b].strip()
        if written.isalpha() and written.isupper():
            continue  # an acronym ("BC", "ENG"), not shorthand
        findings.append(
            Finding(
                "T11",
                "warning",
                f"Write '{words.strip()}' instead of '{written}'.",
                (start + a, start + b),
                code="shorthand",
            )
        )
    for a, b in shouting_spans(body):
        written = body[a:b]
        advice = (
            f"Use a single '{written[0]}', not '{written}'."
            if set(written) <= set("?!")
            else f"'{written}' reads as shouting; write it in normal case."
        )
        findings.append(Finding("T11", "warning", advice, (start + a, start + b), code="shouting"))
    return findings


def _check_colon_fragments(
    text: str, parts: DraftParts, app: Application, person: Interviewer, sender_name: str
) -> list[Finding]:
    """T11: no capitalised fragment after a colon (": Salary expectations, notice period")."""
    start, end = parts.body
    names = {_fold(w) for w in entity_words(app)} | {_fold(w) for w in _WORD.findall(sender_name)}
    findings = []
    for match in _COLON_WORD.finditer(text, start, end):
        word = match.group(1)
        folded = _fold(word)
        if word == "I" or word.isupper() or any(c.isupper() for c in word[1:]):
            continue
        if folded in names or folded in _SENTENCE_OPENERS or not getAllLemmas(folded):
            continue
        findings.append(
            Finding(
                "T11",
                "warning",
                f"After a colon, '{word}' starts a fragment; write a full sentence, or carry on "
                f"in lower case ('{folded}').",
                match.span(1),
                code="colon_fragment",
            )
        )
    return findings


def _check_third_person(
    text: str, parts: DraftParts, app: Application, person: Interviewer
) -> list[Finding]:
    """T7: the note speaks to the reader, not about them ("she also has a greyhound")."""
    start, end = parts.body
    body = text[start:end]
    own = {_loose(w) for w in _WORD.findall(f"{person.name} {person.address_as}")}
    sentences = list(_SENTENCE.finditer(body))
    findings = []
    for number, sentence in enumerate(sentences):
        pronoun = _THIRD_PERSON.search(sentence.group())
        if not pronoun:
            continue
        earlier = sentence.group()[: pronoun.start()]
        context = (sentences[number - 1].group() if number else "") + " " + earlier
        if _mentions_someone(context, own):
            continue
        findings.append(
            Finding(
                "T7",
                "warning",
                f"'{pronoun.group()}' reads as if {person.name} were someone else; the note "
                "speaks to them, so write 'you' or 'your'.",
                (
                    start + sentence.start() + pronoun.start(),
                    start + sentence.start() + pronoun.end(),
                ),
                code="third_person",
            )
        )
    return findings


def _mentions_someone(text: str, own: set[str]) -> bool:
    """Whether a text names a person or a relation a he/she could stand for (not the reader)."""
    for match in _WORD.finditer(text):
        word = match.group()
        folded = _fold(re.sub(r"['’]s$", "", word))
        if folded in _OTHER_PEOPLE or folded.removesuffix("s") in _OTHER_PEOPLE:
            return True
        opens = re.search(r"(^|[.!?]\s+)\W*$", text[: match.start()]) is not None
        if not word[:1].isupper() or word == "I" or _loose(folded) in own:
            continue
        if not opens or not getAllLemmas(folded):
            return True  # another name: "Seán mentioned his Kafka work"
    return False


def _check_pay(text: str, parts: DraftParts) -> list[Finding]:
    """T9: a thank-you keeps pay and notice periods for the offer conversation."""
    start, end = parts.body
    match = PAY.search(text, start, end)
    if not match:
        return []
    return [
        Finding(
            "T9",
            "warning",
            "Leave pay and notice periods out of a thank-you; they belong to the offer "
            "conversation.",
            match.span(),
            code="pay",
        )
    ]


def _check_concern(
    text: str, parts: DraftParts, app: Application, person: Interviewer
) -> list[Finding]:
    """T8: a concern the person raised is answered, briefly, with the closest fit point."""
    wanted = keywords(" ".join(note_sentences(person.concerns)), exclude=entity_words(app))
    start, end = parts.body
    if not wanted or keywords(text[start:end]) & wanted:
        return []
    words = person.concerns.split()
    quote = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    return [
        Finding(
            "T8",
            "warning",
            f"{person.name} raised a concern ('{quote}'); speak to it briefly with the fit "
            "point closest to it.",
            code="concern",
        )
    ]


def errors(findings: Iterable[Finding]) -> list[Finding]:
    """Return only the findings that must be fixed."""
    return [finding for finding in findings if finding.severity == "error"]
