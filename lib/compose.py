"""The offline composer: a thank-you or follow-up note a person would send, with no LLM at all.

The user's notes are shorthand, written in a hurry. The composer never pastes them: each note is
read clause by clause (``lib.phrasing``), turned around to speak to the reader ("she rowed" ->
"you rowed", "how would you teach it" -> "how I would teach it"), and set into a sentence made
for its kind: a question they asked, a topic you discussed, a concern they raised (answered with
the fit point closest to it, T8) or a personal moment. Pay and notice periods stay out of a
thank-you. Every part of a note has several wordings, and the people of one panel get different
ones; a note that would still share a run of ``SHARED_RUN_WORDS`` words with another note of the
panel (names aside) takes the next wording (T4). A handwritten card says less (T13).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from lib import phrasing
from lib.model import Application, DraftKind, Interviewer, Sender
from lib.names import greeting
from lib.review import entity_words, has_placeholder, keywords, note_sentences, split_draft

SHARED_RUN_WORDS = 8  # no two notes of a panel share this many words in a row (T4)
FIELDS = ("asked", "discussed", "concerns", "personal_touch")
Form = Literal["question", "task", "done", "statement", "topic"]

SIGN_OFFS = {"casual": "Best,", "standard": "Best regards,", "formal": "Kind regards,"}
SUBJECTS = (
    "Thank you for today",
    "Thank you for your time",
    "Our conversation about the {role} role",
    "Thank you for the interview",
    "Grateful for the conversation about the {role} role",
    "Thanks for meeting with me",
    "After our interview at {company}",
)
OPENINGS = (
    "Thank you for taking the time to meet with me about the {role} role.",
    "Thank you for speaking with me about the {role} position at {company}.",
    "I am grateful for the time you gave me during my interview at {company}.",
    "Many thanks for our conversation about joining {company}.",
    "Thank you for the interview and for your time.",
    "I appreciated the chance to talk with you about the {role} role.",
    "Thank you for meeting with me; I enjoyed our conversation.",
)
ASKED = (  # the words around {x} differ from one wording to the next (T4)
    "Your question about {x} has stayed with me since.",
    "I have kept thinking about your question on {x}.",
    "I enjoyed working through {x} together.",
    "Thank you for the question regarding {x}; it was a good one to reflect on.",
    "I have been mulling over {x} since our conversation.",
    "Your question on {x} made me think.",
    "I was glad you asked me about {x}, and I enjoyed answering.",
)
TASKS = (
    "I enjoyed it when you asked me to {x}.",
    "Thank you for asking me to {x}; it was a good challenge.",
    "Being asked to {x} was the most interesting part of my day.",
    "I appreciated the chance to {x} with you.",
    "It was fun to be asked to {x}.",
    "Thank you for the exercise: you asked me to {x}, and I enjoyed it.",
    "I liked being asked to {x}.",
)
DONE = (
    "Thank you for {x}.",
    "I appreciated you {x}.",
    "It was helpful of you to spend time {x}.",
    "Thank you as well for {x}.",
    "I valued you {x}.",
    "I am grateful for you {x}.",
    "Many thanks for {x}.",
)
DISCUSSED = (
    "I enjoyed our conversation about {x}.",
    "Talking with you about {x} was a highlight for me.",
    "It was good to hear your view on {x}.",
    "Our discussion of {x} gave me a clear picture of the work.",
    "I especially valued our exchange over {x}.",
    "I keep thinking about what you said regarding {x}.",
    "It was useful to talk through {x} with you.",
)
HEARD = (
    "It was useful to hear that {x}.",
    "I found it helpful to learn that {x}.",
    "Thank you for explaining that {x}.",
    "I appreciated you telling me that {x}.",
    "It helped me to understand that {x}.",
    "I was interested to learn that {x}.",
    "It was good to hear from you that {x}.",
)
PERSONAL_HEARD = (
    "It was fun to find out that {x}.",
    "I also enjoyed hearing that {x}.",
    "I smiled when I learned that {x}.",
    "It was a nice surprise to hear that {x}.",
    "I was delighted to find out that {x}.",
    "It made my day to hear that {x}.",
    "I enjoyed discovering that {x}.",
)
PERSONAL_TOPIC = (
    "I also enjoyed our chat about {x}.",
    "It was fun to talk about {x} with you.",
    "Our few minutes on {x} were a highlight.",
    "I enjoyed our detour into {x}.",
    "I smiled again later, thinking of our chat about {x}.",
    "It was a pleasure to connect over {x}.",
    "I will remember our conversation about {x}.",
)
CONCERN_STATED = (
    "You were right to point out that {x}.",
    "You were fair to note that {x}.",
    "I understand why you noted that {x}.",
    "Thank you for being direct that {x}.",
    "I appreciated your candour in noting that {x}.",
    "It was fair of you to raise that {x}.",
    "You rightly noted that {x}.",
)
CONCERN_TOPIC = (
    "Thank you for being candid about {x}.",
    "I appreciated your frankness about {x}.",
    "I have thought more about {x}, which you rightly raised.",
    "Thank you for raising {x} so openly.",
    "I was glad you were open with me about {x}.",
    "You were right to bring up {x}.",
    "I understand your question about {x}.",
)
CONCERN_ANSWERS = (
    "That said, {s}.",
    "What I can point to is that {s}.",
    "I would add that {s}.",
    "For what it is worth, {s}.",
    "On that point, {s}.",
    "I hope it helps to know that {s}.",
    "Still, {s}.",
)
FITS = (
    "{S}, and I would bring that experience to {company}.",
    "As for what I would bring, {s}.",
    "I think my background fits here: {s}.",
    "Relevant to this role, {s}.",
    "It may help to know that {s}.",
    "On the question of fit, {s}.",
    "My experience speaks to this: {s}.",
)
FITS_GENERIC = (
    "I believe my background fits what you described.",
    "I would bring directly relevant experience to the team.",
    "My experience matches the needs you described well.",
    "My strengths line up well with what the role asks for.",
    "I am confident my skills suit the work you outlined.",
    "I think my experience is a good match for this work.",
    "I believe I would be a strong fit for the team.",
)
INTERESTS = (
    "I am excited about the chance to join {company}.",
    "I am keen on the {role} role; it is the work I want to do next.",
    "I remain very interested in the {role} role.",
    "Our conversation made me even more eager to join your team.",
    "I would love to contribute to the team at {company}.",
    "I am enthusiastic about what I could do in this role.",
    "I would be glad to bring my experience to {company}.",
)
FAREWELLS = (
    "I look forward to hearing from you.",
    "Please let me know if I can send anything else.",
    "I hope to speak with you again soon.",
    "Thank you again for your time.",
    "Have a good rest of the week.",
    "I would be happy to answer any further questions.",
    "Wishing you a good week.",
)
RECRUITER_THANKS = (
    "Thank you also for explaining the process and the next steps.",
    "I appreciated your clear overview of the process.",
    "Thank you for walking me through how the process works.",
    "It was helpful to hear how the next steps will go.",
    "Thanks as well for taking me through the hiring process.",
    "Your outline of the process was very helpful.",
    "I appreciated hearing how the hiring process works.",
)
SPECIFIC_NONE = (
    "I enjoyed hearing how you see the {role} role.",
    "Hearing about your part of {company} gave me a clear picture of the work.",
    "Your view of the team's priorities was genuinely useful.",
    "I valued how openly you described the challenges ahead.",
    "Our conversation helped me picture the work day to day.",
    "I learned a lot about the team from you.",
    "Your account of the work ahead was very helpful.",
)
FOLLOW_UP_SUBJECTS = (
    "Checking in on the {role} role",
    "Following up on the {role} position",
    "A quick follow-up",
    "Still very interested in the {role} role",
    "Checking in",
    "Following up from {company}",
    "The {role} role: a short follow-up",
)
FOLLOW_UP_OPENINGS = (
    "I hope your week is going well.",
    "I hope all is well with you and the team.",
    "I wanted to check in briefly.",
    "I hope things are going well at {company}.",
    "I am writing with a short follow-up.",
    "I hope you are having a good week.",
    "A quick note to follow up.",
)
FOLLOW_UP_RECALLS = (
    "Thanks again for speaking with me on {day}.",
    "I am still grateful for our conversation on {day}.",
    "Thank you again for our talk on {day}.",
    "I appreciated the time you gave me on {day}.",
    "Our conversation on {day} stayed with me; thank you again.",
    "Thank you once more for meeting me on {day}.",
    "I remain thankful for the interview on {day}.",
)
FOLLOW_UP_REMINDERS = (
    "I have kept thinking about {x}.",
    "Since we spoke, {x} has stayed on my mind.",
    "I have thought more since about {x}.",
    "I keep coming back to {x}.",
    "{X} has stayed with me.",
    "I have reflected further on {x}.",
    "I am still thinking about {x}.",
)
FOLLOW_UP_CONCERNS = (
    "I have also thought more about {x}.",
    "{X} has been on my mind as well.",
    "I have reflected on {x} too.",
    "Since then I have considered {x} further.",
    "I took {x} to heart.",
    "I also keep returning to {x}.",
    "{X} is something I have thought through since.",
)
FOLLOW_UP_CONCERN_ANSWERS = (
    "As for {x}, {s}.",
    "On {x}, {s}.",
    "Regarding {x}, {s}.",
    "With {x} in mind, {s}.",
    "To answer {x}, {s}.",
    "Thinking again about {x}, {s}.",
    "Coming back to {x}, {s}.",
)
FOLLOW_UP_INTERESTS = (
    "I remain very interested in joining {company}.",
    "My enthusiasm for the role has only grown.",
    "I am still keen to contribute to your team.",
    "The role remains my first choice, and I am excited about it.",
    "I would love the chance to bring my experience to {company}.",
    "I am as eager as ever about the {role} role.",
    "I am still very interested in the position.",
)
FOLLOW_UP_ASKS = (
    "Could you share where the process stands and what the next steps might be?",
    "Is there any news on the timeline, or anything more I can send you?",
    "I would be glad to hear how the decision is coming along.",
    "When convenient, could you let me know the expected timing?",
    "If helpful, I am happy to provide anything else you need.",
    "Might you have an update on the timing?",
    "I would welcome any news on the next steps.",
)
FOLLOW_UP_DECISION_ASKS = (
    "You mentioned a decision around {day}; could you share where things stand?",
    "Since you hoped to decide by {day}, I wanted to ask about the timing.",
    "As {day} has passed, is there any news on the decision?",
    "You had planned to decide around {day}; I would be glad of an update.",
    "I remember that {day} was the target date; how is the decision coming along?",
    "Could you let me know whether the {day} timeline still holds?",
    "I know a decision was planned for {day}; any update would be welcome.",
)
VARIANTS = len(OPENINGS)

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
_FRAGMENT_STARTS = frozenset("not and but or also then so plus".split())
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
    names = entity_words(app)
    keep = frozenset(word.casefold() for word in names)
    found = []
    for field in FIELDS:
        usable = "\n".join(note_sentences(getattr(person, field)))  # no template gaps
        raws = phrasing.clauses(phrasing.strip_label(usable))
        for position, raw in enumerate(raws):
            mention = _mention(field, raw, names, keep, kind)
            if mention is not None:
                found.append(replace(mention, position=position))
    return found


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
        return Mention(field, "topic" if field == "asked" else "statement", text)
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
    lemmas = phrasing.getAllLemmas(word)
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
    lemmas = phrasing.getAllLemmas(word)
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
    lemmas = phrasing.getAllLemmas(first).get("VERB", ())
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
        return text
    if first == "my":
        return f"I bring {text}"
    verb = first in phrasing.getAllLemmas(first).get("VERB", ())
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
    return "NOUN" in phrasing.getAllLemmas(word)


def _fit_items(app: Application) -> list[str]:
    """Return the candidate's fit points as clauses that start with "I"."""
    keep = frozenset(word.casefold() for word in entity_words(app))
    pieces = re.split(r"[;\n…]|[.!?]\s", app.fit_points)
    return [clause for piece in pieces if piece.strip() and (clause := fit_clause(piece, keep))]


# --- writing the note -----------------------------------------------------------------------


def _pick(options: Sequence[str], code: int, **values: str) -> str:
    """Return wording ``code`` of a part, filled in, starting with a capital."""
    text = options[code % len(options)].format(**values)
    return text[:1].upper() + text[1:]


def _sentence_for(mention: Mention, code: int) -> str:
    """Return the sentence that says a mention, in the wording for its kind."""
    if mention.form == "task":
        return _pick(TASKS, code, x=mention.text)
    if mention.form == "done":
        return _pick(DONE, code, x=mention.text)
    if mention.field == "personal_touch":
        options = PERSONAL_HEARD if mention.form == "statement" else PERSONAL_TOPIC
        return _pick(options, code, x=mention.text)
    if mention.form == "statement":
        return _pick(HEARD, code, x=mention.text)
    options = ASKED if mention.field == "asked" else DISCUSSED
    return _pick(options, code, x=mention.text)


def _closest_fit(items: Sequence[str], concern: str, index: int, names: Sequence[str]) -> str:
    """Return the fit point that shares the most telling words with a concern."""
    wanted = keywords(concern, names)
    ranked = sorted(
        range(len(items)),
        key=lambda i: (-len(keywords(items[i], names) & wanted), (i - index) % len(items)),
    )
    return items[ranked[0]]


def _concern_sentences(
    concern: Mention, fit: str | None, code: int, values: dict[str, str]
) -> list[str]:
    """Speak to a concern they raised, with the fit point closest to it (T8)."""
    options = CONCERN_STATED if concern.form == "statement" else CONCERN_TOPIC
    said = [_pick(options, code, x=concern.text)]
    if fit:
        said.append(_pick(CONCERN_ANSWERS, code, s=fit, **values))
    return said


def _body(
    app: Application, person: Interviewer, kind: DraftKind, code: int, card: bool, plain: bool
) -> list[str]:
    """Return the paragraphs of a note to one person in wording ``code``.

    ``plain`` says less of the notes (their heads only) and makes the case for fit in general
    words: for a note whose full wording would repeat another note of the panel.
    """
    values = {"role": app.role, "company": app.company}
    names = entity_words(app)
    said = mentions(app, person, kind)
    if plain:
        said = [_brief(m) for m in said]
    concern = next((m for m in said if m.field == "concerns"), None)
    talk = [m for m in said if m.field in ("asked", "discussed")]
    personal = next((m for m in said if m.field == "personal_touch"), None)
    items = [] if plain else _fit_items(app)
    index = _index(app, person)
    specific: list[str] = []
    word = "" if said else _telling_word(app, person)
    if talk:
        specific.append(_sentence_for(talk[0], code + 1))
    elif person.is_recruiter:
        specific.append(_pick(RECRUITER_THANKS, code))
    elif not concern and not personal and not word:
        specific.append(_pick(SPECIFIC_NONE, code, **values))
    if word:  # notes none of whose clauses read well still name the subject (T7)
        specific.append(_pick(DISCUSSED, code + 1, x=word))
    if personal and (not card or not talk):
        specific.append(_sentence_for(personal, code + 2))
    fit_paragraph: list[str] = []
    if concern:
        fit = _closest_fit(items, concern.text, index, names) if items else None
        fit_paragraph += _concern_sentences(concern, fit, code + 3, values)
        if not fit:
            fit_paragraph.append(_pick(FITS_GENERIC, code))
    elif items:
        fit = items[index % len(items)]
        fit_paragraph.append(_pick(FITS, code + 4, S=_capital(fit), s=fit, **values))
    else:
        fit_paragraph.append(_pick(FITS_GENERIC, code))
    fit_paragraph.append(_pick(INTERESTS, code + 5, **values))
    opening = _pick(OPENINGS, code, **values)
    paragraphs = [" ".join([opening, *specific]), " ".join(fit_paragraph)]
    if not card:
        paragraphs.append(_pick(FAREWELLS, code + 6))
    return paragraphs


def _brief(mention: Mention) -> Mention:
    """Return a topic cut to its head ("shader graph vs HLSL" of "... for the water")."""
    return (
        replace(mention, text=phrasing.brief(mention.text)) if mention.form == "topic" else mention
    )


def _telling_word(app: Application, person: Interviewer, text: str = "") -> str:
    """Return the first telling word of ``text`` (else of a person's notes), for notes no
    clause of which reads well: a note still names what the conversation was about (T7)."""
    names = entity_words(app)
    for usable in (
        [text] if text else (" ".join(note_sentences(getattr(person, field))) for field in FIELDS)
    ):
        telling = [
            word
            for word in re.findall(r"[^\W\d_][\w'’-]*", usable)
            if len(word) >= 4 and keywords(word, names) and not phrasing.mentions_pay(word)
        ]
        nouns = [w for w in telling if "NOUN" in phrasing.getAllLemmas(w.casefold())]
        if telling:  # the last noun: the head of a phrase ("greyhound" of "a rescue greyhound")
            word = (nouns or telling)[-1]
            return word if not word.isupper() else word.lower()
    return ""


def _capital(text: str) -> str:
    """Return text starting with a capital letter."""
    return text[:1].upper() + text[1:]


def _follow_up_body(
    app: Application, person: Interviewer, code: int, used: str, plain: bool
) -> list[str]:
    """Return the paragraphs of a follow-up in wording ``code``, avoiding what ``used`` says."""
    values = {"role": app.role, "company": app.company, "day": _day(app.interview_at.date())}
    said = mentions(app, person, "follow_up")
    if plain:
        said = [_brief(m) for m in said]
    order = ("discussed", "asked", "personal_touch")
    talk = [m for m in said if m.field in order]
    preferred = sorted(
        talk,
        key=lambda m: (
            m.text in used and len(m.text.split()) >= SHARED_RUN_WORDS - 1,  # said at length
            m.position > 0,
            order.index(m.field),
            m.position,
        ),
    )
    reminder = ""
    if not said and (word := _telling_word(app, person)):
        reminder = _pick(
            FOLLOW_UP_REMINDERS, code + 2, x=f"our talk about {word}", X=f"Our talk about {word}"
        )
    if preferred:
        mention = preferred[0]
        phrase = _again(app, person, mention, code, used, plain)
        reminder = _pick(FOLLOW_UP_REMINDERS, code + 2, x=phrase, X=_capital(phrase))
    concern = next((m for m in said if m.field == "concerns"), None)
    extra = ""
    if concern and concern is not (preferred[0] if preferred else None):
        items = [] if plain else [item for item in _fit_items(app) if item not in used]
        phrase = _again(app, person, concern, code + 1, used, plain)
        if items:
            fit = _closest_fit(items, concern.text, _index(app, person), entity_words(app))
            extra = _pick(FOLLOW_UP_CONCERN_ANSWERS, code + 5, x=phrase, X=_capital(phrase), s=fit)
        else:
            extra = _pick(FOLLOW_UP_CONCERNS, code + 5, x=phrase, X=_capital(phrase))
    if app.decision_date is not None:
        ask = _pick(FOLLOW_UP_DECISION_ASKS, code + 4, day=_day(app.decision_date))
    else:
        ask = _pick(FOLLOW_UP_ASKS, code + 4)
    opening = _pick(FOLLOW_UP_OPENINGS, code, **values)
    recall = _pick(FOLLOW_UP_RECALLS, code + 1, **values)
    middle = [s for s in (reminder, extra, _pick(FOLLOW_UP_INTERESTS, code + 3, **values)) if s]
    return [f"{opening} {recall}", " ".join(middle), ask]


REMINDER_PHRASES = {  # a mention as a noun phrase in a follow-up, by kind; wordings as above
    "task": ("the exercise where you asked me to {x}", "being asked to {x}",
             "your request that I {x}", "the task you set me, to {x}"),
    "done": ("the time you spent {x}", "you {x}", "your kindness in {x}"),
    "personal": ("finding out that {x}", "learning that {x}", "hearing that {x}"),
    "personal_topic": ("our chat about {x}", "our talk of {x}", "our detour into {x}"),
    "concern_statement": ("your point that {x}", "your remark that {x}", "your note that {x}"),
    "statement": ("the news that {x}", "hearing that {x}", "learning that {x}",
                  "what you told me, that {x}"),
    "asked": ("your question about {x}", "your question on {x}", "the question of {x}",
              "your question regarding {x}", "being asked over {x}"),
    "concerns": ("your point about {x}", "your concern over {x}", "your question regarding {x}"),
    "discussed": ("our talk about {x}", "our discussion of {x}", "what you said on {x}",
                  "our exchange over {x}", "the subject of {x}"),
}  # fmt: skip


def _again(
    app: Application, person: Interviewer, mention: Mention, code: int, used: str, plain: bool
) -> str:
    """Return how a follow-up recalls a mention the thank-you may already have made.

    A mention the thank-you made at length is recalled by its head; ``plain``, by its first
    telling word alone ("our talk about Kafka"), so that the two notes share no long run.
    """
    phrase = _reminder_phrase(mention, code, brief=mention.text in used)
    if plain and mention.text in used and len(mention.text.split()) >= SHARED_RUN_WORDS - 2:
        phrase = f"our talk about {_telling_word(app, person, mention.text)}"
    return phrase


def _reminder_phrase(mention: Mention, code: int = 0, brief: bool = False) -> str:
    """Return a mention as a noun phrase for a follow-up: "your question about X".

    ``brief`` keeps only the head of a topic ("shader graph vs hand-written HLSL" of "... for
    the water effects"), for a mention the thank-you already made at length.
    """
    if brief:
        mention = _brief(mention)
    if mention.form in ("task", "done"):
        kind = mention.form
    elif mention.field == "personal_touch":
        kind = "personal" if mention.form == "statement" else "personal_topic"
    elif mention.form == "statement":
        kind = "concern_statement" if mention.field == "concerns" else "statement"
    else:
        kind = mention.field
    options = REMINDER_PHRASES[kind]
    return options[code % len(options)].format(x=mention.text)


def _index(app: Application, person: Interviewer) -> int:
    """Return the person's position on the panel."""
    return next(i for i, p in enumerate(app.interviewers) if p.id == person.id)


def _assemble(
    app: Application, person: Interviewer, subject: str, paragraphs: Sequence[str], sender: Sender
) -> str:
    """Put a note together: subject (email only), greeting, paragraphs, signature."""
    email = app.channel_for(person) == "email"
    head = [f"Subject: {subject}", ""] if email else []
    body = [greeting(person.name, person.address_as, app.culture), ""]
    body += [line for paragraph in paragraphs if paragraph for line in (paragraph, "")]
    signature = [SIGN_OFFS[app.culture], *([sender.name] if sender.name else [])]
    if email:
        signature += [detail for detail in (sender.email, sender.phone, sender.link) if detail]
    return "\n".join([*head, *body, *signature])


def _write(
    app: Application,
    person: Interviewer,
    sender: Sender,
    kind: DraftKind,
    code: int,
    used: str,
    plain: bool,
) -> str:
    """Write one note in wording ``code`` (``plain``: see ``_body``)."""
    values = {"role": app.role, "company": app.company}
    if kind == "follow_up":
        paragraphs = _follow_up_body(app, person, code, used, plain)
        subject = _pick(FOLLOW_UP_SUBJECTS, code, **values)
    else:
        card = app.channel_for(person) == "handwritten"
        paragraphs = _body(app, person, kind, code, card, plain)
        subject = _pick(SUBJECTS, code, **values)
    return _assemble(app, person, subject, paragraphs, sender)


def _runs(text: str, app: Application, sender: Sender) -> set[tuple[str, ...]]:
    """Return the runs of SHARED_RUN_WORDS words of a note's body, every name as one token."""
    names = {w.casefold() for p in app.interviewers for w in re.findall(r"\w+", p.name)}
    names |= {w.casefold() for w in re.findall(r"\w+", sender.name)}
    start, end = split_draft(text).body
    words = [
        "<name>" if w.casefold() in names else w.casefold()
        for w in re.findall(r"\w+", text[start:end])
    ]
    size = SHARED_RUN_WORDS
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _distinct(
    app: Application,
    person: Interviewer,
    sender: Sender,
    kind: DraftKind,
    avoid: Sequence[str],
    used: str = "",
) -> str:
    """Write the note in the first wording that shares no long run with the notes to avoid."""
    start = _index(app, person)
    taken = set().union(*(_runs(other, app, sender) for other in avoid if other.strip()))
    best, best_shared = "", None
    for plain, step in ((plain, step) for plain in (False, True) for step in range(VARIANTS)):
        text = _write(app, person, sender, kind, start + step, used, plain)
        shared = len(_runs(text, app, sender) & taken)
        if not shared:
            return text
        if best_shared is None or shared < best_shared:
            best, best_shared = text, shared
    return best


def panel_thank_yous(app: Application, sender: Sender) -> dict[str, str]:
    """Write every person's thank-you in panel order, each distinct from those before it."""
    notes: dict[str, str] = {}
    for person in app.interviewers:
        notes[person.id] = _distinct(app, person, sender, "thank_you", list(notes.values()))
    return notes


def compose_thank_you(
    app: Application, person: Interviewer, sender: Sender, others: Sequence[str] = ()
) -> str:
    """Write a thank-you note to one person, distinct from ``others`` and the panel's notes."""
    panel = panel_thank_yous(app, sender)
    earlier = [panel[p.id] for p in app.interviewers[: _index(app, person)]]
    return _distinct(app, person, sender, "thank_you", [*earlier, *others])


def compose_follow_up(
    app: Application,
    person: Interviewer,
    sender: Sender,
    others: Sequence[str] = (),
    thank_you: str = "",
) -> str:
    """Write a short follow-up (F2): thanks again, interest, a gentle question on the timing.

    It differs from that person's ``thank_you`` (the composer's own when none is given) and
    from ``others``, and from the follow-ups the composer writes to the rest of the panel.
    """
    thank_yous = panel_thank_yous(app, sender)
    follow_ups: list[str] = []
    for member in app.interviewers[: _index(app, person)]:
        sent = thank_yous[member.id]
        follow_ups.append(
            _distinct(app, member, sender, "follow_up", [sent, *follow_ups], used=sent)
        )
    sent = thank_you or thank_yous[person.id]
    return _distinct(app, person, sender, "follow_up", [sent, *follow_ups, *others], used=sent)


def _day(day: date) -> str:
    """Write a date as a person would in a note: "Monday 16 November"."""
    return f"{day:%A} {day.day} {day:%B}"


def compose_note(
    app: Application,
    person: Interviewer,
    sender: Sender,
    kind: DraftKind = "thank_you",
    others: Sequence[str] = (),
    thank_you: str = "",
) -> str:
    """Write a thank-you or a follow-up, distinct from ``others`` (the panel's real drafts)."""
    if kind == "follow_up":
        return compose_follow_up(app, person, sender, others, thank_you)
    return compose_thank_you(app, person, sender, others)
