"""What can be said from a person's notes: each clause read, turned and sorted by kind.

A ``Mention`` is one clause of the user's shorthand made fit to stand inside a note: tidied
(``lib.phrasing``), turned to speak to the reader, and sorted by what it is: a question they
asked, a task they set, something they did, a statement, or a topic. Fit points become clauses
about the candidate ("led two PPAP submissions" -> "I led two PPAP submissions").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from lib import phrasing
from lib.model import Application, DraftKind, Interviewer
from lib.review import entity_words, has_placeholder, keywords, note_sentences

FIELDS = ("asked", "discussed", "concerns", "personal_touch")
Form = Literal["question", "task", "done", "statement", "topic"]

_SUBJECT_PRONOUNS = frozenset(
    "i we you they he she it both everyone i'm we're you're they're i've we've you've it's".split()
)
_TALKED = re.compile(
    r"^we (?:both )?(?:talked|chatted|spoke|compared notes|discussed)(?: about| on)?\s+"
)
_TOPIC_HEADS = frozenset("time moment case situation project example day week".split())
_CREDENTIALS = frozenset(
    "belt certificate certification licence license degree diploma mba llb llm bsc msc ba ma "
    "phd cpa cfa acca pmp cissp".split()
)
_FINITE = frozenset(
    "is are was were has have had will would can could does do did 's 're am".split()
)
_BLOCKERS = frozenset("i we you they he she who that which the a an my your our their".split())
_COMMON_VERBS_S = frozenset(
    "wants needs thinks plans hopes expects uses seems looks feels says knows likes loves "
    "prefers struggles relies lacks spends takes gets makes sees believes means runs asks shows "
    "works goes comes sits breaks fails lets gives keeps starts ends covers includes requires "
    "involves depends happens matters changes grows drops loses wins".split()
)
_WORRIED = re.compile(r"^(?:(?:she|he|they|you)\s+)?(?:(?:is|was|are|were|'s|'re)\s+)?"
                      r"(?:worried|worries|worry|concerned|unsure)"
                      r"(?:\s+(?:that|about|whether))?\s+", re.IGNORECASE)  # fmt: skip
_REPORTED = re.compile(
    r"^(?:you|she|he|they|we)\s+(?:said|mentioned|told me|explained|noted|pointed out)"
    r"(?:\s+that)?\s+",
    re.IGNORECASE,
)
_RELATIVE_STARTS = frozenset("that who whom whose".split())
_WH_WORDS = frozenset("how what why when where which who whether if".split())
_LEADING_ADJECTIVES = frozenset("next first final last new current main whole".split())
_FRAGMENT_STARTS = frozenset("not and but or also then so plus to for with from at by of".split())
_DETERMINERS = frozenset("a an the my your our their one this that some".split())
_PERSON_NOUNS = frozenset(
    "fan fans runner cyclist climber surfer golfer swimmer rower parent mum mom dad alum "
    "alumnus alumna graduate native supporter lover enthusiast collector reader player "
    "musician holder".split()
)
_ROLE_NOUNS = frozenset(
    "nurse teller analyst engineer manager lead director teacher officer coordinator "
    "consultant intern associate supervisor designer developer head examiner maintainer "
    "scientist architect administrator accountant lawyer solicitor paralegal assistant "
    "specialist producer editor researcher trainer instructor tutor coach".split()
)
_LANGUAGE_LEVELS = frozenset("fluent conversational intermediate basic native".split())


@dataclass(frozen=True)
class Mention:
    """A clause from the notes, turned to read inside a note, and what kind of clause it is."""

    field: str  # the notes field it came from: asked, discussed, concerns, personal_touch
    form: Form
    text: str
    position: int = 0  # which clause of its field: the first one says the most


# --- reading the notes ----------------------------------------------------------------------


def mentions(app: Application, person: Interviewer, kind: DraftKind) -> list[Mention]:
    """Return what can be said from a person's notes, in the order the notes give it."""
    names = tuple(entity_words(app))
    return [m for field in FIELDS for m in _read(field, getattr(person, field), names, kind)]


@lru_cache(maxsize=4096)
def _read(field: str, note: str, names: tuple[str, ...], kind: DraftKind) -> tuple[Mention, ...]:
    """Return the mentions of one notes field (cached: a panel's notes are read many times)."""
    keep = frozenset(word.casefold() for word in names)
    sentences = re.split(r"(?<=[.!?;])\s+(?![a-z])|\n+", note)  # "??" before "to ..." goes on
    usable = "\n".join(part for part in sentences if not has_placeholder(part))  # no gaps
    found = []
    for position, raw in enumerate(phrasing.clauses(phrasing.strip_label(usable))):
        mention = _mention(field, raw, names, keep, kind)
        if mention is not None:
            found.append(replace(mention, position=position))
    return tuple(found)


def _mention(
    field: str, raw: str, names: Sequence[str], keep: frozenset[str], kind: DraftKind
) -> Mention | None:
    """Turn one clause of the notes into a Mention, or None when it cannot be said well."""
    if phrasing.mentions_pay(raw) or has_placeholder(raw):
        return None
    if field == "concerns":
        raw = _WORRIED.sub("", raw)  # "worried I haven't run Kafka" -> the worry itself
    text = phrasing.from_the_candidate(raw) if field in ("asked", "concerns") else raw
    text = _REPORTED.sub("", phrasing.about_the_reader(text))  # "she said nights have ..."
    text = text.rstrip("?!. ")
    text = phrasing.shorten(text) or phrasing.shorten(phrasing.brief(text))
    if text is None or not keywords(text, names):
        return None
    as_written = text
    text = _fill_in(phrasing.lower_start(text, keep), field)
    if talked := _TALKED.match(text):
        text = text[talked.end() :]
        return Mention(field, "topic", text) if keywords(text, names) else None
    words = text.split()
    first = words[0].casefold()
    if first in _FRAGMENT_STARTS or first in _RELATIVE_STARTS or _relative_which(words):
        return None  # the tail of a sentence split at a comma
    if first in _DETERMINERS and len(words) > 1 and words[1].casefold() in _TOPIC_HEADS:
        return Mention(field, "topic", text)  # "a time a client rejected my recommendation"
    if first == "both":
        text = f"we {'both' if _verb_like(words[1:2]) else 'are both'} {' '.join(words[1:])}"
        return Mention(field, "statement", text.strip())
    if first == "no":
        return Mention(field, "statement", f"I have {text}")
    if first in ("how", "what", "why", "when", "where", "which", "who", "whether"):
        return Mention(field, "question", text)
    if phrasing.is_past_verb(first) and field != "concerns":
        if field == "personal_touch":
            return Mention(field, "statement", f"you {text}")
        verb = phrasing.gerund(first)
        return Mention(field, "done", f"{verb} {' '.join(words[1:])}") if verb else None
    if phrasing.is_third_person_verb(first) and field == "personal_touch":
        return Mention(field, "statement", phrasing.about_the_reader(f"she {text}"))
    if first in _SUBJECT_PRONOUNS or _has_finite_verb(words):
        if field == "asked":  # a question, not something they said ("I'd like students ...")
            return None if first in _SUBJECT_PRONOUNS else Mention(field, "topic", text)
        return Mention(field, "statement", text)
    if field == "asked" and _imperative(words):
        return Mention(field, "task", text)
    if field == "personal_touch" and words[-1].casefold() in _PERSON_NOUNS:
        return Mention(field, "statement", f"you are {phrasing.article(text)} {as_written}")
    return Mention(field, "topic", text)


def _fill_in(text: str, field: str) -> str:
    """Add the words hurried notes leave out: "next round" -> "the next round", "why leaving
    current job" -> "why I am leaving my current job" (in a question they asked)."""
    words = text.split()
    if field == "asked":
        words = [
            "my current" if w.casefold() == "current" and (i == 0 or words[i - 1].casefold()
            not in _DETERMINERS) else w
            for i, w in enumerate(words)
        ]  # fmt: skip
        if len(words) > 1 and words[0].casefold() in _WH_WORDS and words[1].endswith("ing"):
            words[1:1] = ["I", "am"]
        if words and words[0].casefold() == "if":  # "if the regulator asked me tomorrow"
            words[0:1] = ["what", "I", "would", "do", "if"]
    if len(words) > 2 and words[1].casefold() in _COMMON_VERBS_S and _countable(words[0]):
        words.insert(0, "the")  # "department wants a new MSc" -> "the department wants ..."
    elif len(words) > 2 and words[1].casefold() == "of" and _countable(words[0]):
        words.insert(0, "the")  # "team of 12 analysts" -> "the team of 12 analysts"
    if words and words[0].casefold() in _LEADING_ADJECTIVES and len(words) > 1:
        words.insert(0, "the")
    return " ".join(words)


def _relative_which(words: Sequence[str]) -> bool:
    """Whether a clause is "which nobody can explain" (a tail), not "which project ..."."""
    if words[0].casefold() != "which" or len(words) < 2:
        return False
    second = words[1].casefold()
    return second in _SUBJECT_PRONOUNS or second in _DETERMINERS or second.startswith(
        ("nobody", "everyone", "someone", "no one")) or phrasing.is_past_verb(second)  # fmt: skip


def _countable(word: str) -> bool:
    """Whether a word is a singular noun that needs an article ("team", not "Kafka")."""
    lemmas = phrasing.lemmas(word)
    return word.islower() and word in lemmas.get("NOUN", ()) and not word.endswith("s")


def _verb_like(words: Sequence[str]) -> bool:
    """Whether the first of ``words`` reads as a verb ("both surf" but not "both from")."""
    return bool(words) and (
        phrasing.is_past_verb(words[0]) or phrasing.gerund(words[0]) is not None
    )


def _has_finite_verb(words: Sequence[str]) -> bool:
    """Whether a clause states something: a verb after a subject that is not a pronoun.

    "turnover on 4 West is 28%" states; "a time I had to brief a councillor" and "the
    programme you set up" are noun phrases with a relative clause.
    """
    for index in range(1, len(words)):
        word = words[index].casefold().strip(",")
        before = words[index - 1].casefold()
        if word in _WH_WORDS:  # "X and how charge nurses will be superusers" names a topic
            return False
        if before in _BLOCKERS or (before.endswith("'s") and index == 1):
            continue
        if word in _FINITE or (phrasing.is_past_verb(word) and not word.endswith("ing")):
            return True
        if before.endswith("s") and _plain_verb(word):  # "merchants complain ..."
            return True
        if word in _COMMON_VERBS_S:  # "the bank wants someone by April"
            return True
    return False


def _plain_verb(word: str) -> bool:
    """Whether a word can only be a verb in its base form ("complain", not "design")."""
    lemmas = phrasing.lemmas(word)
    return set(lemmas) == {"VERB"} and word in lemmas["VERB"]


_TASK_VERBS = frozenset(
    "explain describe estimate design build sketch present pitch solve write draw redesign "
    "critique prioritise prioritize outline model size".split()
)


def _imperative(words: Sequence[str]) -> bool:
    """Whether a clause is a task set to the candidate ("estimate the market for ...")."""
    first = words[0].casefold()
    if len(words) < 2:
        return False
    lemmas = phrasing.lemmas(first).get("VERB", ())
    return first in _TASK_VERBS or (first in lemmas and words[1].casefold() in _DETERMINERS)


def fit_clause(item: str, keep: frozenset[str] = frozenset()) -> str | None:
    """Turn one fit point ("led two PPAP submissions") into a clause ("I led two PPAP ...")."""
    text = phrasing.shorten(_and_between(phrasing.tidy(item)).rstrip(". "))
    if text is None or has_placeholder(text) or not re.search(r"[^\W\d_]", text):
        return None
    text = phrasing.lower_start(text, keep)
    words = text.split()
    if words[-1].casefold() == "passed" and len(words) > 1:
        return f"I passed {' '.join(words[:-1])}"
    first = words[0].casefold()
    second = words[1].casefold() if len(words) > 1 else ""
    if first in ("i", "i'm", "i've"):
        return text if len(words) > 1 else None
    if first == "my":
        return f"I bring {text}"
    verb = first in phrasing.lemmas(first).get("VERB", ())
    if phrasing.is_past_verb(first) or (verb and not _noun_first(first)):
        return f"I {text}"
    if verb and (second in _DETERMINERS or second.isdigit() or second in phrasing.NUMBER_WORDS):
        return f"I {text}"  # "mentor 3 juniors"
    if (first.isdigit() or first in phrasing.NUMBER_WORDS) and second in ("years", "year"):
        third = words[2].casefold() if len(words) > 2 else ""
        if third == "of":
            return f"I have {text}"
        if third in ("at", "in", "as", "on", "with", "for", "across") or third.endswith("ing"):
            return f"I spent {text}"
        rest = " ".join(words[2:])
        if not rest:
            return None
        if any(word.casefold() in _ROLE_NOUNS for word in words[2:5]):
            return f"I spent {first} {second} as {phrasing.article(rest)} {rest}"
        return f"I spent {first} {second} in {rest}"
    if first.isdigit() or first in phrasing.NUMBER_WORDS:
        return f"I have {text}"  # "5 papers on mixed models"
    if first in _LANGUAGE_LEVELS:
        return f"I speak {text}"
    if first == "bilingual":
        return f"I am bilingual in {' '.join(words[1:])}" if second else None
    if phrasing.only_adjective(first):
        return f"I am {text}"
    if any(word.casefold().strip(",()") in _CREDENTIALS for word in words[:4]):
        return f"I hold {phrasing.article(text)} {text}"
    if any(word.casefold().strip(",") in _ROLE_NOUNS for word in words[:3]):
        return f"I worked as {phrasing.article(text)} {text}"
    return f"I bring {text}"


def _and_between(item: str) -> str:
    """Join two things done with "and": "on-call lead, cut pages" -> "... lead and cut pages"."""
    head, comma, tail = item.partition(", ")
    if comma and tail and phrasing.is_past_verb(tail.split()[0]) and ", " not in tail:
        return f"{head} and {tail}"
    return item


def _noun_first(word: str) -> bool:
    """Whether a word reads first as a noun ("design", "grant") rather than a verb ("speak")."""
    return "NOUN" in phrasing.lemmas(word)


def fit_items(app: Application) -> list[str]:
    """Return the candidate's fit points as clauses that start with "I"."""
    return list(_fit_items(app.fit_points, frozenset(w.casefold() for w in entity_words(app))))


@lru_cache(maxsize=1024)
def _fit_items(fit_points: str, keep: frozenset[str]) -> tuple[str, ...]:
    """Return fit points as clauses (cached, like ``_read``)."""
    pieces = re.split(r"[;\n…]|[.!?]\s", fit_points)
    return tuple(c for piece in pieces if piece.strip() and (c := fit_clause(piece, keep)))


def brief_mention(mention: Mention) -> Mention:
    """Return a topic cut to its head ("shader graph vs HLSL" of "... for the water")."""
    return (
        replace(mention, text=phrasing.brief(mention.text)) if mention.form == "topic" else mention
    )


def telling_word(app: Application, person: Interviewer, text: str | None = None) -> str:
    """Return the telling word that heads ``text`` (else a person's notes), for notes no
    clause of which reads well: a note still names what the conversation was about (T7)."""
    names = entity_words(app)
    texts = [getattr(person, field) for field in FIELDS] if text is None else [text]
    for usable in (" ".join(note_sentences(text)) for text in texts):
        telling = [
            word
            for word in re.findall(r"[^\W\d_][\w'’-]*", usable)
            if len(word) >= 4 and keywords(word, names) and not phrasing.mentions_pay(word)
        ]
        nouns = [w for w in telling if "NOUN" in phrasing.lemmas(w.casefold())]
        if telling:  # the last noun: the head of a phrase ("greyhound" of "a rescue greyhound")
            word = (nouns or telling)[-1]
            return word if not word.isupper() else word.lower()
    return ""
