"""The checker's writing checks: what a model or a hurry leaves behind in a note.

A sentence cut off, stray control characters, the prompt's tags, rule ids and notes headings,
"she" for the reader, shorthand and shouting, a capitalised fragment after a colon, pay talk in
a thank-you, and a concern the person raised left unanswered. ``lib.review`` calls each check;
``WRITING_WARNINGS`` are the codes of the warnings here, which a draft the app offers must not
have.
"""

from __future__ import annotations

import re

from lemminflect import getAllLemmas

from lib.guidance import RULES
from lib.model import Application, Interviewer
from lib.model_errors import FIELD_LABELS
from lib.phrasing import PAY, shorthand_spans, shouting_spans
from lib.review_parts import (
    _SENTENCE,
    _WORD,
    DraftParts,
    Finding,
    _blank,
    _fold,
    _loose,
    _mask,
    entity_words,
    keywords,
    note_sentences,
)

# Warnings about the writing itself: a draft the app offers has none of these.
WRITING_WARNINGS = frozenset(
    {"third_person", "shorthand", "shouting", "colon_fragment", "pay", "concern"}
)


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
DATA_TAG = re.compile(r"</?data-[0-9a-f]{4,}>")
_RULE_IDS = "|".join(sorted(RULES, key=len, reverse=True))
_RULE_ID = re.compile(
    rf"[(\[]\s*(?:{_RULE_IDS})(?:\s*,\s*(?:error|warning))?\s*[)\]]|\b(?:{_RULE_IDS}):"
)
_NOTES_FIELDS = (
    "asked concerns discussed personal_touch fit_points went_well went_badly stood_out".split()
)
_LABELS = "|".join(re.escape(FIELD_LABELS[field]) for field in _NOTES_FIELDS)
_HEADING = re.compile(rf"(?m)(?:^[ \t>*•-]*(?i:{_LABELS})|(?<!\w)(?:{_LABELS})):")
# "He" or "he", never "HE" (higher education) or "HER" (an acronym): capitals are not a pronoun
_THIRD_PERSON = re.compile(r"\b([Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|[Hh]ers|[Hh]imself|[Hh]erself)\b")
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


def check_cut_off(text: str, parts: DraftParts, app: Application) -> list[Finding]:
    """T11: no sentence stops on a word that cannot end one ("…a background from my.").

    A name of the application ending a sentence ("… at Studio a.") is a name, not a cut.
    """
    start, end = parts.body
    body = _mask(text, app, "", fill="x")[start:end]
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


def check_control_chars(text: str) -> list[Finding]:
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


def check_prompt_leak(text: str) -> list[Finding]:
    """T11: nothing of the prompt is left in the note: data tags, rule ids, notes headings."""
    kinds = (
        (DATA_TAG, "the prompt's data tags"),
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


def check_shorthand(
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


def check_colon_fragments(
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


def check_third_person(
    text: str, parts: DraftParts, app: Application, person: Interviewer
) -> list[Finding]:
    """T7: the note speaks to the reader, not about them ("she also has a greyhound")."""
    start, end = parts.body
    body = _mask(text, app, "")[start:end]  # "He" in a company called "A He" is a name
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


def check_pay(text: str, parts: DraftParts) -> list[Finding]:
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


def check_concern(
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
