"""The draft checker: every rule a thank-you or follow-up note can break, as findings.

``review(text, app, interviewer, others)`` reads a draft the way a careful friend would: is the
name right, is there a thank-you, something specific, a reason you fit, restated interest, the
right length, no typos or template gaps, nothing pleading, and is it different enough from the
notes to the other people of the panel. The name, greeting, honorific, title and signature
checks live in ``lib.review_names``; the writing checks (a sentence cut off, stray control
characters, the prompt's tags and headings, shorthand and shouting, pay talk in a thank-you, an
unanswered concern) in ``lib.review_writing``; what they all read a draft with (``Finding``,
``split_draft``, the word lists) in ``lib.review_parts``. What other modules use of them
(``Finding``, ``split_draft``, ``keywords``, ``WRITING_WARNINGS`` ...) is importable from here
(``__all__``). Every new finding carries a ``code``. Every number comes from the rulebook.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from spellchecker import SpellChecker

from lib.guidance import DISTINCTNESS, NOTE_LENGTH, RULES
from lib.model import Application, DraftKind, Interviewer
from lib.phrasing import tidy
from lib.review_names import check_names, check_signature
from lib.review_parts import (
    _ANY_WORD,
    _LOWER_I,
    _PLACEHOLDER,
    _SENTENCE,
    _URL_OR_EMAIL,
    _WORD,
    DraftParts,
    Finding,
    _blank,
    _fold,
    _mask,
    _person_notes,
    _readable,
    _spellchecker,
    body_words,
    entity_words,
    has_placeholder,
    keywords,
    known_vocabulary,
    note_sentences,
    split_draft,
)
from lib.review_writing import (
    _RULE_ID,
    DATA_TAG,
    WRITING_WARNINGS,
    check_colon_fragments,
    check_concern,
    check_control_chars,
    check_cut_off,
    check_pay,
    check_prompt_leak,
    check_shorthand,
    check_third_person,
)

# What other modules import from the checker, whichever of its modules defines it.
__all__ = [
    "WRITING_WARNINGS",
    "Finding",
    "body_words",
    "entity_words",
    "errors",
    "grouped",
    "has_placeholder",
    "keywords",
    "note_sentences",
    "review",
    "split_draft",
]

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
_CASUAL_IN_FORMAL = re.compile(r"^(hi|hey)\b|\bcheers\b", re.IGNORECASE | re.MULTILINE)


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
    follow_up = kind == "follow_up"
    parts = split_draft(text)
    name_findings = check_names(text, parts, app, interviewer, sender_name)
    findings = [
        *name_findings,
        *_check_thanks(text, parts),
        *_check_specific(text, parts, app, interviewer),
        *check_third_person(text, parts, app, interviewer),
        *([] if follow_up else _check_fit(text, parts, app)),
        *([] if follow_up else check_concern(text, parts, app, interviewer)),
        *_check_interest(text, parts),
        *([] if follow_up else check_pay(text, parts)),
        *_check_length(text, parts, app.channel_for(interviewer), minimum=0 if follow_up else None),
        *_check_spelling(text, app, interviewer, sender_name, reported=name_findings),
        *_check_placeholders(text, app, sender_name),
        *check_prompt_leak(text),
        *check_control_chars(text),
        *check_cut_off(text, parts, app),
        *check_shorthand(text, parts, app, sender_name),
        *check_colon_fragments(text, parts, app, interviewer, sender_name),
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
    notes = " ".join(note_sentences(_person_notes(person)))
    # "engs" in the notes is "engineers" in a note: the shorthand spelt out counts too
    wanted = keywords(f"{notes} {tidy(notes)}", exclude=entity_words(app))
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
    masked = _blank(text, (_URL_OR_EMAIL, DATA_TAG, _RULE_ID))  # a leaked tag is no typo
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


def _check_placeholders(text: str, app: Application, sender_name: str) -> list[Finding]:
    """T11: no template gaps such as [Name], {company}, <role> or XXX are left."""
    masked = _blank(_mask(text, app, sender_name), (DATA_TAG, _RULE_ID))  # reported as leaks
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


def errors(findings: Iterable[Finding]) -> list[Finding]:
    """Return only the findings that must be fixed."""
    return [finding for finding in findings if finding.severity == "error"]


def grouped(findings: Iterable[Finding]) -> list[tuple[Finding, int]]:
    """Return each distinct finding once (same rule, severity and message), with its count,
    errors first and otherwise in the order found."""
    counts: dict[tuple[str, str, str], list] = {}
    for finding in findings:
        key = (finding.rule, finding.severity, finding.message)
        counts.setdefault(key, [finding, 0])[1] += 1
    order = sorted(counts.values(), key=lambda pair: pair[0].severity != "error")
    return [(finding, count) for finding, count in order]
