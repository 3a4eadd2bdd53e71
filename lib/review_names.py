"""The checker's name checks: the right person, called right, titled right, and a signed note.

A misspelt name or a wrong title undoes the goodwill of a note (T5); an unsigned one leaves the
reader guessing who wrote it (T12). These checks read the greeting, every honorific before the
person's name, the job titles the note gives them and the closing lines. ``lib.review`` calls
``check_names`` and ``check_signature``; everything here errs on the side of silence when a
careful writer could have meant it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lemminflect import getAllLemmas
from rapidfuzz.distance import OSA
from spellchecker import SpellChecker

from lib import names
from lib.model import Application, Interviewer
from lib.review_parts import (
    _LETTER,
    _WORD,
    PARTICLES,
    DraftParts,
    Finding,
    _fold,
    _loose,
    _readable,
    _spellchecker,
    known_vocabulary,
)

_NAME_WORD = re.compile(rf"(?:{_LETTER})+(?:[-'’‐](?:{_LETTER})+)*")  # "Jean-Luc", "O'Brien"
_OPENER = re.compile(
    r"^\s*(?:dear|hi|hello|hey|greetings|good\s+(?:morning|afternoon|evening))\b[\s,]*",
    re.IGNORECASE,
)
_OPENER_WORDS = frozenset({"dear", "hi", "hello", "hey", "greetings", "good", "morning"})
_OPENER_WORDS |= {"afternoon", "evening"}
# Words a greeting uses when it names no one: the existing "never names" check covers them.
_GENERIC_ADDRESSEES = frozenset(
    (
        "all everyone everybody team hiring manager managers committee panel colleagues friends "
        "folks there sir madam sirs recruitment talent people members and or to whom it may "
        "concern interviewers interview recruiting"
    ).split()
)
_PLAIN_HONORIFICS = frozenset({"Mr.", "Ms.", "Mrs.", "Miss", "Mx."})
_WOMEN = frozenset({"Ms.", "Mrs.", "Miss"})
_HONORIFIC_NAME = re.compile(
    rf"\b(Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor)\b\.?\s+"
    rf"((?:(?:{'|'.join(sorted(PARTICLES))})\s+)*)((?:{_LETTER})+(?:[-'’](?:{_LETTER})+)*)"
)
_TITLE_HEADS = frozenset(
    (
        "head director manager vp svp evp vice president chief officer lead partner principal "
        "engineer recruiter coordinator specialist analyst associate counsel nurse professor "
        "scientist designer architect consultant executive administrator supervisor dean chair "
        "chairman chairwoman chairperson editor producer developer founder co-founder cofounder "
        "ceo cto cfo coo cio ciso cmo owner attorney lawyer solicitor barrister adviser advisor "
        "strategist controller treasurer secretary researcher lecturer"
    ).split()
)
_SENIORITY = frozenset(
    "senior junior staff deputy assistant acting interim global regional managing general".split()
)
_TITLE_GLUE = frozenset({"of", "and", "&", "for", "the", "in"})
_RUN_TRIM = frozenset(
    "as the your our my a an and of for in with to dear hi hello i thank thanks you".split()
)
_ROLE_NOUNS = re.compile(
    r"^\s*(?:role|roles|position|positions|job|jobs|opening|openings|vacancy|vacancies|hire|"
    r"hires|hiring|team|teams|opportunity|post|search|candidates?|interviews?|"
    r"(?:you|we)(?:'re|’re| are)? (?:hiring|recruiting|looking|need|hire))\b",
    re.IGNORECASE,
)
_SOMEONE = re.compile(r"\b(?:a|an|another|new|our|my|their)\s*$", re.IGNORECASE)
_TITLE_PHRASE = re.compile(r"\b(?:your\s+role\s+as|role\s+as|as\s+the|as\s+an?|as)\s*$", re.I)
_TOKEN = re.compile(r"[\w'’&-]+")


# --- the person's own name ----------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """Return the words of a name, particles and honorifics set aside."""
    return [
        word
        for word in _WORD.findall(text)
        if _fold(word) not in PARTICLES and not names.as_honorific(word)
    ]


def name_words(person: Interviewer) -> list[str]:
    """Return the words that name this person: their name and how they are addressed."""
    parsed = names.parse_name(person.name)
    found: list[str] = []
    for word in _words(f"{parsed.full} {person.address_as}"):
        if word not in found:
            found.append(word)
    return found


def _same_name(word: str, token: str) -> bool:
    """Whether a word of the draft is this name word, capitalised where the name is."""
    return _fold(word) == _fold(token) and (not token[:1].isupper() or word[:1].isupper())


def _mentions(note: str, phrase: str) -> bool:
    """Whether a note contains a phrase as whole words, in any case."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", note, re.IGNORECASE) is not None


def _key(text: str) -> str:
    """Compare names the way a reader does: any case, accents, dots and apostrophes."""
    return " ".join(_loose(text).replace(".", " ").replace("‐", "-").split())


@lru_cache(maxsize=512)
def _accepted_forms(name: str, chosen: str) -> frozenset[str]:
    """Return every right way to name the person in a greeting (as ``_key`` forms)."""
    parsed = names.parse_name(name)
    forms = {
        names.address_as(name, chosen),
        chosen,
        name,
        parsed.full,
        parsed.given,
        parsed.family,
        *(names.salutation(name, chosen, culture) for culture in ("casual", "standard", "formal")),
    }
    forms = {_key(form) for form in forms if form.strip()}
    honorifics = {_key(h) for h in names.HONORIFICS.values()}
    return frozenset(forms | {f"{h} {form}" for h in honorifics for form in forms})


# The words of grammar, which a lemmatizer has no entry for ("The" is no misspelt "Th").
_GRAMMAR_WORDS = frozenset(
    "the a an this that these those my your our their his her its we you they he she it me us "
    "them and or but nor so yet for of to in on at by with from as than then there here when "
    "what who how why where which while if not no all any each some such very".split()
)


def _plain_word(word: str) -> bool:
    """Whether a word is an ordinary English word ("Data", "Grace") rather than only a name."""
    return word.lower() in _GRAMMAR_WORDS or bool(getAllLemmas(word.lower()))


def _near(word: str, token: str) -> bool:
    """Whether a word is one or two edits from a name word (two for names over five letters)."""
    limit = 1 if len(token) <= 5 else 2
    return 0 < OSA.distance(_fold(word), _fold(token)) <= limit


def check_names(
    text: str, parts: DraftParts, app: Application, person: Interviewer, sender_name: str = ""
) -> list[Finding]:
    """T5: the person is named, spelt exactly, called right, titled right; nobody else instead."""
    start, end = _readable(text, parts)
    note = text[start:end]
    mine = name_words(person)
    others = [p for p in app.interviewers if p.id != person.id]
    findings = _misspelt_names(text, start, end, parts, app, person, mine, sender_name)
    forms = {names.salutation(person.name, person.address_as, c) for c in ("casual", "formal")}
    named = any(  # as written, capitals included: "Will" is a name, "will" is not
        re.search(rf"(?<!\w){re.escape(form)}(?!\w)", note) for form in {person.name, *forms}
    ) or any(_same_name(m.group(), token) for m in _WORD.finditer(note) for token in mine)
    greeting = parts.greeting or (-1, -1)
    misspelt_greeting = any(f.span and greeting[0] <= f.span[0] < greeting[1] for f in findings)
    called = [] if misspelt_greeting else _check_greeting(text, parts, app, person)
    if not named and not findings and not called:
        findings.append(
            Finding("T5", "error", f"The note never names {person.name}; address them by name.")
        )
    if parts.greeting is not None:
        words = {_loose(w) for w in _WORD.findall(text[slice(*parts.greeting)])}
        addressed = [p.name for p in others if words & {_loose(t) for t in _words(p.name)}]
        if addressed and not words & {_loose(t) for t in mine}:
            called = []  # the greeting is wrong for a plainer reason
            findings.append(
                Finding(
                    "T5",
                    "error",
                    f"The greeting addresses {addressed[0]}, but this note is for {person.name}.",
                    parts.greeting,
                )
            )
    findings += called
    findings += _check_honorifics(note, start, person)
    findings += _check_titles(note, start, app, person)
    if person.title and not _mentions(note, person.title):
        wrong = [p.title for p in others if len(p.title.split()) >= 2 and _mentions(note, p.title)]
        if wrong:
            findings.append(
                Finding(
                    "T5",
                    "warning",
                    f"The title '{wrong[0]}' belongs to someone else; {person.name} is "
                    f"{person.title}.",
                )
            )
    return findings


def _misspelt_names(
    text: str,
    start: int,
    end: int,
    parts: DraftParts,
    app: Application,
    person: Interviewer,
    mine: list[str],
    sender_name: str,
) -> list[Finding]:
    """T5: words that are near misses of the person's name: a misspelling or another name.

    In the greeting any near miss is wrong ("Dear Meghan," to Megan). In the body a capitalised
    near miss is wrong unless it is a plain English word that opens a sentence ("Data" near
    Dana) or sits in a run of capitalised words ("the Data Platform team").
    """
    taken = known_vocabulary(app, person, sender_name) - {_fold(t) for t in mine}
    dictionary = _spellchecker()
    greeting = parts.greeting or (-1, -1)
    findings = []
    for match in _WORD.finditer(text, start, end):
        word = re.sub(r"['’]s$", "", match.group())  # "Raghunathan's" is her name
        folded = _fold(word)
        if len(word) < 3 or not word[0].isupper() or word.isupper() or folded in taken:
            continue
        if any(folded == _fold(token) for token in mine):  # spelt exactly
            continue
        in_greeting = greeting[0] <= match.start() < greeting[1]
        if in_greeting and folded in _OPENER_WORDS | _GENERIC_ADDRESSEES:
            continue
        span = (match.start(), match.start() + len(word))
        for token in mine:
            if _loose(word) == _loose(token):
                findings.append(
                    Finding("T5", "error", f"Write '{word}' as {token}, with its accents.", span)
                )
                break
            if not _near(word, token):
                continue
            if not in_greeting and _excused(text, match, folded, dictionary):
                continue
            findings.append(
                Finding(
                    "T5",
                    "error",
                    f"'{word}' looks like a misspelling of {token}; their name is {person.name}.",
                    span,
                    code="different_name",
                )
            )
            break
    return findings


def _excused(text: str, match: re.Match[str], folded: str, dictionary: SpellChecker) -> bool:
    """Whether a capitalised near miss in the body is an ordinary word, not a name."""
    if not _plain_word(folded):
        return False  # "Meghan", "Marcos": names, wherever they stand
    before = text[: match.start()]
    if re.search(r"(^|[.!?:]\s+|\n\s*|^subject:\s*)$", before, re.IGNORECASE):
        return folded in dictionary
    neighbours = (
        re.findall(r"(\S+)\s+$", before)[-1:] + re.findall(r"^\s+(\S+)", text[match.end() :])[:1]
    )
    return any(n[:1].isupper() and n not in {"I", "I'm"} for n in neighbours)


# --- the greeting -------------------------------------------------------------------------------


def _greeting_name(line: str) -> tuple[str, int]:
    """Return the words a greeting line calls the person, and where they start in the line."""
    opener = _OPENER.match(line)
    begin = opener.end() if opener else 0
    rest = line[begin:]
    cut = re.search(r"[,:;!?—–]|\s-\s", rest)
    name = rest[: cut.start()] if cut else rest
    stripped = name.rstrip(" .")
    return stripped.strip(), begin + (len(name) - len(name.lstrip()))


def _check_greeting(
    text: str, parts: DraftParts, app: Application, person: Interviewer
) -> list[Finding]:
    """T5: the greeting calls the person by a right form of their name, not half of it."""
    if parts.greeting is None:
        return []
    line = text[slice(*parts.greeting)]
    called, offset = _greeting_name(line)
    if not called or _key(called) in _accepted_forms(person.name, person.address_as):
        return []
    span = (parts.greeting[0] + offset, parts.greeting[0] + offset + len(called))
    right = names.greeting(person.name, person.address_as, app.culture)
    words = _NAME_WORD.findall(called)
    rest = [w for w in words if not names.as_honorific(w) and _fold(w) not in PARTICLES]
    if words and not rest:
        return [
            Finding(
                "T5",
                "error",
                f"'{called}' is a title without a name; write '{right}'.",
                span,
                code="greeting",
            )
        ]
    for compound in _NAME_WORD.findall(f"{person.name} {person.address_as}"):
        pieces = [_loose(p) for p in re.split(r"[-‐]", compound)]
        if len(pieces) < 2 or _loose(compound) in {_loose(w) for w in rest}:
            continue
        half = next((w for w in rest if _loose(w) in pieces), None)
        if half:
            return [
                Finding(
                    "T5",
                    "error",
                    f"'{half}' is only half of {compound}; write '{right}'.",
                    span,
                    code="greeting",
                )
            ]
    mine = {_loose(t) for t in name_words(person)}
    panel = {_loose(t) for p in app.interviewers for t in _words(p.name)}
    known = known_vocabulary(app, person)
    strangers = [
        w
        for w in rest
        if _loose(w) not in mine | panel
        and _fold(w) not in _GENERIC_ADDRESSEES | known
        and len(w) > 1
        and w[:1].isupper()
        and not w.isupper()
        and not _plain_word(w)
        and not any(_near(w, token) for token in mine)
    ]
    if not strangers:
        return []
    return [
        Finding(
            "T5",
            "error",
            f"The greeting calls them '{called}', but this note is for {person.name}; "
            f"write '{right}'.",
            span,
            code="greeting",
        )
    ]


# --- honorifics and titles ----------------------------------------------------------------------


def _recorded_honorific(person: Interviewer) -> str:
    """Return the honorific the user recorded for the person ("Dr." for a PhD), or ""."""
    return names.honorific_of(person.address_as) or names.parse_name(person.name).honorific


def _check_honorifics(note: str, offset: int, person: Interviewer) -> list[Finding]:
    """T5: no Mr./Ms. for a doctor or professor, and no Mr. for a Ms. (or the other way)."""
    recorded = _recorded_honorific(person)
    if not recorded:
        return []
    mine = {_loose(t) for t in name_words(person)}
    family = names.parse_name(person.name).family
    findings = []
    for match in _HONORIFIC_NAME.finditer(note):
        if _loose(match.group(3)) not in mine:
            continue
        used = names.as_honorific(match.group(1))
        wrong = (
            (recorded in names.EARNED and used in _PLAIN_HONORIFICS)
            or (recorded == "Mr." and used in _WOMEN)
            or (recorded in _WOMEN and used == "Mr.")
        )
        if wrong:
            written = note[match.start() : match.end()]
            findings.append(
                Finding(
                    "T5",
                    "error",
                    f"Write '{recorded} {family}' instead of '{written}': that is how "
                    f"{person.name} is recorded.",
                    (offset + match.start(), offset + match.end()),
                    code="honorific",
                )
            )
    return findings


def _title_words(title: str) -> list[str]:
    """Return the words of a job title, lower case, in order."""
    return [_fold(word) for word in _TOKEN.findall(title)]


def _capitalised_runs(note: str) -> Iterable[tuple[int, int, list[str]]]:
    """Yield runs of capitalised words, with "of", "and", "&" between them ("Head of Data")."""
    runs: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    for match in _TOKEN.finditer(note):
        token = match.group()
        adjacent = bool(run) and not note[run[-1].end() : match.start()].strip()
        if adjacent and (token[:1].isupper() or token in _TITLE_GLUE):
            run.append(match)
            continue
        runs.append(run)
        run = [match] if token[:1].isupper() else []
    runs.append(run)
    for run in runs:
        while run and run[-1].group() in _TITLE_GLUE:
            run.pop()
        while run and _fold(run[0].group()) in _RUN_TRIM:
            run.pop(0)
        if run:
            words = [re.sub(r"'s$", "", _fold(m.group())) for m in run]  # "Director's"
            end = run[-1].start() + len(re.sub(r"['’]s$", "", run[-1].group()))
            yield run[0].start(), end, words


def _check_titles(note: str, offset: int, app: Application, person: Interviewer) -> list[Finding]:
    """T5: a job title the note gives the reader is their own ("Head", not "Director", of X)."""
    if not person.title:
        return []
    masked = note
    for entity in sorted(
        {app.company, app.role, *(p.name for p in app.interviewers)}, key=len, reverse=True
    ):
        masked = re.sub(re.escape(entity), lambda m: " " * len(m.group()), masked, flags=re.I)
    theirs = _title_words(person.title)
    others = {tuple(_title_words(p.title)) for p in app.interviewers if p.title}
    generic = _TITLE_HEADS | _SENIORITY | _TITLE_GLUE
    findings = []
    for start, end, words in _capitalised_runs(masked):
        heads = {w for w in words if w in _TITLE_HEADS}
        if not heads or words == theirs or tuple(words) in others:
            continue
        if _ROLE_NOUNS.match(masked[end:]):
            continue  # "the Compliance Officer role": a job, not the reader's title
        introduced = _TITLE_PHRASE.search(masked[:start]) is not None
        if _SOMEONE.search(masked[:start]) and not introduced:
            continue  # "a new Compliance Officer": somebody, not the reader
        shared = (set(words) - generic) & (set(theirs) - generic)
        if not shared and not introduced:
            continue
        if set(words) <= set(theirs) and heads <= set(theirs):
            continue  # "Head of Compliance" for the Head of Regulatory Compliance: shortened
        written = note[start:end]
        findings.append(
            Finding(
                "T5",
                "error",
                f"'{written}' is not {person.name}'s title; they are {person.title}. Use that, "
                "or leave the title out.",
                (offset + start, offset + end),
                code="wrong_title",
            )
        )
    return findings


# --- the signature ------------------------------------------------------------------------------


def check_signature(text: str, parts: DraftParts, sender_name: str) -> list[Finding]:
    """T12: the note is signed with the sender's name, which must be known."""
    if not sender_name.strip():
        return [
            Finding(
                "T12",
                "warning",
                "Your name is not set: add it in Settings so the note is signed.",
                code="sender_unknown",
            )
        ]
    lines = [line for line in text.split("\n") if line.strip()]
    tail = text[parts.closing[0] :] if parts.closing else "\n".join(lines[-3:])
    signed = {_loose(word) for word in _WORD.findall(tail)}
    parsed = names.parse_name(sender_name)
    mine = [_loose(word) for word in _words(f"{parsed.given} {parsed.family}")]
    if _key(sender_name) in _key(tail) or set(mine) & signed:
        return []
    given = _loose(parsed.given.split()[0]) if parsed.given.split() else ""
    if any(len(word) >= 3 and given.startswith(word) for word in signed):
        return []  # "Alex" for Alexander
    return [
        Finding(
            "T12",
            "error",
            f"Sign the note: write your name, {sender_name}, under the sign-off.",
            parts.closing,
            code="no_signature",
        )
    ]
