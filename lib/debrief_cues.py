"""The words the debrief splitter reads: cue words, who-words, fillers, and the patterns of them.

A cue says which note a clause is: "asked" a question, "worried" a concern, "talked about" a
topic, "her dog" a personal moment, "nailed" and "blanked" how the interview went. A head cue,
at the start of a clause after its subject ("Priya asked about ..."), is dropped from the note
with the subject when a clean object follows; a marker only says the field. Cue patterns are
regexes written with plain spaces (any white space in the text) and whole words: their words,
with the fillers, pronouns and date words, are ``DROPPED_WORDS``, all a note may leave out of
what the user said besides names. In the patterns, "\\x00" stands for a panel name (``masked``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lib.debrief_dates import DATE_WORDS
from lib.debrief_names import fold

_HEAD_CUE_SOURCES = {
    "asked": (
        "(?:had|made|asked) me (?:to )?(?:walk|talk|take) (?:them |her |him |us )?through",
        "(?:quizzed|grilled|pressed|probed|drilled)(?: me| us)?(?: hard)?(?: on| about| into)",
        "wanted to know(?: more)?(?: about)?",
        "asked(?: me| us)?(?: a lot| lots)?(?: about| on| regarding| around| re| to)?",
        "(?:had |asked |raised )?(?:a |some |a few |lots of |a lot of |many |several |tough "
        "|follow-up )?questions? (?:about|on|around)",
        "(?:first |main |last )?question was(?: about)?",
    ),
    "concerns": (
        "(?:(?:was|is|were|not|wasn't|isn't|weren't) )?(?:sure|convinced)(?: about)?",
        "(?:unsure|doubtful|uncertain)(?: about)?",
        "(?:a bit |a little |slightly |quite |really |very )?(?:worried|worries|worry|concerned"
        "|concerns|concern|hesitant|hesitation|reservations|doubts|doubt|pushback|pushed back"
        "|push back|skeptical|sceptical)(?: about| that| with| on| over| around| re| by)?",
    ),
    "discussed": (
        "(?:talked|talk|chatted|spoke|discussed|went over|went through|covered|got into|dug into"
        "|spent (?:some |a lot of |a bit of |most of the |lots of )?time(?: on| talking about"
        "| discussing| going over)?)(?: me| us)?(?: a lot| at length| mostly| a bit| briefly"
        "| mainly)?(?: about| through| over| on| re| around)?",
    ),
}
_MARKER_SOURCES = {  # cue words anywhere in a clause: the first one decides the field
    "asked": "asked|wanted to know|quizzed|grilled|pressed|probed|drilled|questions?"
    "|walk (?:me |them |her |him |us )?through",
    "concerns": "worried|worries|worry|concerned|concerns?|hesitant|hesitation|reservations"
    "|doubts?|doubtful|unsure|uncertain|not sure|wasn't sure|not convinced|pushed back"
    "|push back|pushback|skeptical|sceptical|red flags?|gaps?|flagged",
    "discussed": "talked|chatted|spoke|discussed|went over|went through|covered|got into"
    "|dug into|spent (?:\\w+ ){0,3}time",
    "personal_touch": "(?:we|and I) both|both of us|we share|also from|grew up|hometown"
    "|same (?:school|university|uni|college|town|city|club|team)|alma mater|alumn\\w+"
    "|dogs?|cats?|pets?|puppy|kids?|children|sons?|daughters?|twins|baby|wedding|honeymoon"
    "|hobby|hobbies|hiking|climbing|climbers?|bouldering|marathon|runners?|cycling|cyclists?"
    "|surfing|surfers?|skiing|sailing|travel\\w*|trip|vacation|holiday|sabbatical|recommended"
    "|book|podcast|novel|football|soccer|cricket|rugby|basketball|baseball|fan of|sourdough"
    "|cooking|baking|gardening|guitar|piano|choir|chess|weekend",
    "went_well": "went (?:really |very |pretty )?well|went great|nailed|landed|seemed to "
    "(?:like|love|enjoy)|liked|loved|enjoyed|(?:good|great) rapport|clicked|impressed",
    "went_badly": "stumbled|blanked|fumbled|went (?:badly|poorly)|didn't go well|rambled"
    "|should(?:'ve| have)|forgot|messed up|froze|ran out of time|couldn't answer",
    "stood_out": "stood out|surprised|surprising|struck me|interesting that|interestingly"
    "|notable|unexpected",
}
YIELDING = ("concerns", "personal_touch")  # talking about a worry or a dog is that, not a topic
_FILLERS = (
    "so and but then also oh um uh erm well plus anyway basically okay ok yeah overall honestly "
    "actually"
).split()
_CONJUNCTIONS = ("and then", "and so", "after that", "although", "though", "while", "whereas")
_PRONOUNS = ("i", "she", "he", "they", "we")
_BOTH_WORDS = ("they both", "them both", "both of them", "the two of them", "both")
_EVERYONE_WORDS = (
    "everyone",
    "everybody",
    "all of them",
    "each of them",
    "the whole panel",
    "the panel",
)
_AUX = (  # the little words between who and the cue: "she was also a bit worried"
    *"also really then definitely clearly mostly mainly still very pretty quite".split(),
    *"seemed seems is was were are has have got raised expressed voiced".split(),
    *("a bit", "a little", "kind of", "sort of", "had(?! me)"),
)
_REPORTING = (
    "(?:said|says|mentioned|noted|explained|shared|pointed out|told (?:me|us)|thinks|thought"
    "|felt|feels|believes)(?: that| about)?"
)
DECISION = re.compile(
    r"\b(?:decid\w*|decisions?|hear(?:d)? back|hear|get back|let (?:me|us) know|next steps?"
    r"|answer|update|outcome|results?|respond|reply|feedback|offer|come back|timeline)\b",
    re.IGNORECASE,
)
_DECISION_TALK = frozenset(  # how people say when they decide, besides the date
    "they they'll they'd they've will would should said say says told me us i i'll i'd we we'll "
    "hear heard back get getting let know decide decides deciding decided decision decisions "
    "make making a an the by on before until for of no later than expect expects expected "
    "expecting to from them hope hoping hopefully aim aiming plan planning is be due are "
    "promised answer update outcome steps step feedback reply respond come final probably "
    "maybe around about sometime at latest soon it that email e-mail mail phone call".split()
)


def _words_of(*patterns: str) -> set[str]:
    """Return the words cue patterns and phrases are written with."""
    return {fold(w) for p in patterns for w in re.findall(r"[^\W\d_]+(?:'[a-z]+)?", p)}


EMPTY_WORDS = frozenset(
    _words_of(*_FILLERS, *_CONJUNCTIONS, *_PRONOUNS, *_BOTH_WORDS, *_EVERYONE_WORDS)
)
DECISION_WORDS = _DECISION_TALK | EMPTY_WORDS  # a clause made of these only gives the date
DROPPED_WORDS = frozenset(  # the words a note may leave out of what the user said, besides names
    _words_of(*(p for cues in _HEAD_CUE_SOURCES.values() for p in cues), _REPORTING, *_AUX)
    | DECISION_WORDS
    | DATE_WORDS
)


def _alternation(phrases: Sequence[str]) -> str:
    """Return phrases as one regex alternative, longest first, any white space between words."""
    return "|".join(p.replace(" ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


_I = re.IGNORECASE
HEAD_CUES = {f: re.compile(rf"(?:{_alternation(c)})\b", _I) for f, c in _HEAD_CUE_SOURCES.items()}
MARKERS = {f: re.compile(rf"\b(?:{_alternation([m])})\b", _I) for f, m in _MARKER_SOURCES.items()}
_LEAD = rf"(?:(?:{_alternation([*_FILLERS, *_CONJUNCTIONS])})\b[\s,]*)*"
_SUBJECT = rf"(?:\x00+|{_alternation([*_BOTH_WORDS, *_EVERYONE_WORDS, *_PRONOUNS])})(?:['’][a-z]+)?"
_AUXES = rf"(?:(?:{_alternation(_AUX)})\s+)*"
HEAD = re.compile(  # fillers, who, and the little words before a cue: "so Marcus and I also"
    rf"{_LEAD}(?:{_SUBJECT}(?:\s*(?:,|and|&)\s*{_SUBJECT})*\s*:?\s+(?:(?:both|all)\s+)?)?{_AUXES}",
    _I,
)
FILLER_HEAD = re.compile(_LEAD, _I)
I_HEAD = re.compile(rf"{_LEAD}i\s+{_AUXES}", _I)
ONE_SUBJECT = re.compile(
    rf"{_LEAD}(?:\x00+|she|he|they(?P<are>['’]re)?|(?:she|he)(?P<is>['’]s))\s+", _I
)
PRONOUN_SUBJECT = re.compile(rf"{_LEAD}(?:she|he)(?=\s|['’]s\b)", _I)  # not "they'd"
LABEL = re.compile(rf"{_LEAD}\x00+\s*:\s*", _I)  # "Priya: Kafka, streaming"
POSSESSIVE_HEAD = re.compile(rf"{_LEAD}\x00+['’]s\s+", _I)
REPORTED = re.compile(rf"(?:{_REPORTING})\s+", _I)
BOTH = re.compile(rf"\b(?:{_alternation(_BOTH_WORDS[:-1])}|(?<!\bwe )(?<!\bus )both)\b", _I)
EVERYONE = re.compile(rf"\b(?:{_alternation(_EVERYONE_WORDS)})\b", _I)
PRONOUN = re.compile(rf"\b(?:she|he|her|him|his|hers)\b|^{_LEAD}(?:they|we)\b", _I)
CLAUSE_START = re.compile(
    rf"(?:{_alternation([*_PRONOUNS, *_BOTH_WORDS, *_EVERYONE_WORDS])})\b", _I
)
SENTENCE_END = re.compile(
    r"(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bprof)(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)"
    r"[.!?…]+(?=[\s\"'”’)]|$)|[;\n]+",
    _I,
)
BOUNDARY = re.compile(  # where a clause may end: ", she ...", " and then Marcus ...", " - and ..."
    rf"(?:,\s*|\s+[-–—]\s+)(?:(?:{_alternation([*_FILLERS, *_CONJUNCTIONS])})\s+)?"
    rf"|\s+(?:{_alternation(['and', 'but', 'then', *_CONJUNCTIONS])})\s+",
    _I,
)
EDGES = " \t\"'“”‘’()[],;:-–—…"
BAD_STARTS = frozenset("and or but of to with for by from than as".split())
FIRST_PERSON = frozenset("i i'm i'd i've i'll".split())
WH_WORDS = frozenset("how what why when where which who whom whose whether".split())
