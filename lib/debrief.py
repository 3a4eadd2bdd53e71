"""The offline debrief splitter: what the user says after an interview, cut into notes.

"Priya asked how I'd move their batch jobs to streaming, she's worried I haven't run Kafka in
production; Marcus and I talked schema drift; both seemed to like the dbt story; they'll decide
by the 12th" becomes Priya's question ("how I'd move their batch jobs to streaming") and concern
("I haven't run Kafka in production"), Marcus's topic ("schema drift"), what went well ("both
seemed to like the dbt story") and the decision date. The text is cut into sentences and clauses;
each clause goes to the people it names (by name, possessive, or a pronoun after a name) and to
the field its cue words say. A cue at the head of a clause is dropped with the name when a clean
object is left; otherwise the clause is kept whole.

Decisions the notes page relies on:
- How the interview went is the application's: praise ("Priya seemed to like the dbt story"), a
  stumble, a surprise go to went_well, went_badly or stood_out, whole, with the names (a leading
  "she" becomes her name).
- "Both" means the last two people named (the whole panel when it has two); "everyone", "the
  panel", "all of them" the whole panel. Their questions, concerns and topics go to each of them;
  a "both" that cannot be told (a panel of four, one named) goes to stood_out.
- A clause about someone not on the panel ("Dana from HR asked about my notice period") goes to
  stood_out, whole; the name is in ``unknown_names``, and splitting again with Dana on the panel
  moves it to her. A first name two people share goes to the one of them named last, else to
  stood_out.
- Nothing said is lost: a clause with no cue goes to the person it is about as discussed (a
  clause with no name to the people of the clause before it in the sentence), and to stood_out
  when it is about nobody. "I asked Priya about on-call" is discussed with her (a question of
  the candidate's); "I was unsure about on-call" is stood_out. Only names, cue words and
  fillers ("so", "um"; ``debrief_cues.DROPPED_WORDS``), and a clause that only gives the
  decision date ("they'll decide by the 12th") are dropped.
- The decision date is the first date in a clause about the decision (decide, hear back, ...).
- Text past ``SPLIT_LIMIT`` characters (from the last sentence end before it) is not split: it
  goes to stood_out as it is. The notes page never sends that much: it asks for the debrief
  in parts.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from lib import debrief_cues as cues
from lib import debrief_names
from lib.debrief_dates import find_date
from lib.debrief_names import WORD, NameSpan, fold
from lib.model import Application, Interviewer
from lib.names import address_as
from lib.phrasing import lemmas

_TWO_WORDS = re.compile(r"\S+\s+\S")  # a subject and something it does
PERSON_FIELDS = ("asked", "concerns", "discussed", "personal_touch")
APPLICATION_FIELDS = ("went_well", "went_badly", "stood_out")
SPLIT_LIMIT = (
    8_000  # characters sorted at once (some ten minutes of speech); the page asks for parts
)


@dataclass(frozen=True)
class Debrief:
    """A debrief split into each person's notes, the application's notes and the dates."""

    people: dict[str, dict[str, str]]  # interviewer id -> {field: text}, only fields with text
    application: dict[str, str]  # {"went_well" | "went_badly" | "stood_out": text}
    decision_date: date | None
    unknown_names: tuple[str, ...]  # names not on the panel, in order of first mention


@dataclass
class _Notes:
    """What the clauses read so far add up to, and who a pronoun now stands for."""

    people: dict[str, dict[str, list[str]]]
    application: dict[str, list[str]] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)  # panel ids, the last named last
    last_is_stranger: bool = False  # the last person named is not on the panel
    decision_date: date | None = None

    def add(self, target: str | None, note_field: str, text: str) -> None:
        """Add one note to a person's field, or (``target`` None) to the application's."""
        notes = self.application if target is None else self.people[target]
        if text and text not in notes.setdefault(note_field, []):
            notes[note_field].append(text)


@dataclass(frozen=True)
class _Text:
    """The text being split, its panel names blanked out in ``masked``, and every name in it."""

    text: str
    masked: str
    names: list[NameSpan]
    name_starts: tuple[int, ...]  # where each of ``names`` starts, in order
    name_words: frozenset[str]  # folded, never lowered at the start of a note
    panel: Sequence[Interviewer]
    today: date


def split_debrief(text: str, app: Application, today: date) -> Debrief:
    """Split an application's debrief among its panel (its company is never a new name)."""
    return split_for_panel(text, app.interviewers, today, company=app.company)


def split_for_panel(
    text: str, panel: Sequence[Interviewer], today: date, *, company: str = ""
) -> Debrief:
    """Split a debrief among the people typed so far and the application's notes."""
    text = unicodedata.normalize("NFC", text).replace("\x00", " ")  # "\x00" marks a name
    cut = _cut(text)
    text, rest = text[:cut], text[cut:].strip()
    sentences = _sentences(text)
    found = debrief_names.panel_names(text, panel)
    masked = debrief_names.masked(text, found)
    known = {fold(w) for p in panel for w in WORD.findall(f"{p.name} {p.address_as} {company}")}
    never = known | cues.DROPPED_WORDS | debrief_names.never_names()
    strangers = debrief_names.new_names(text, masked, never)
    names = sorted([*found, *strangers], key=lambda name: name.start)
    starts = tuple(name.start for name in names)
    name_words = frozenset(fold(w) for name in names for w in WORD.findall(name.written))
    reading = _Text(text, masked, names, starts, name_words | known, panel, today)
    notes = _Notes(people={person.id: {} for person in panel})
    for start, end in sentences:
        before: tuple[str, ...] | None = None
        for clause in _clauses(reading, start, end):
            before = _read(reading, clause, notes, before)
    if rest:
        notes.add(None, "stood_out", rest)
    unknown: dict[str, str] = {}
    for name in strangers:
        unknown.setdefault(fold(name.written), name.written)
    people = {pid: _joined(fields, PERSON_FIELDS) for pid, fields in notes.people.items()}
    return Debrief(
        people={pid: fields for pid, fields in people.items() if fields},
        application=_joined(notes.application, APPLICATION_FIELDS),
        decision_date=notes.decision_date,
        unknown_names=tuple(unknown.values()),
    )


def _cut(text: str) -> int:
    """Return where splitting stops: the end of the text, else the last sentence end (or
    space) before ``SPLIT_LIMIT``, so that no sentence is cut in two."""
    if len(text) <= SPLIT_LIMIT:
        return len(text)
    end = max(text.rfind(mark, 0, SPLIT_LIMIT) for mark in ".!?;\n")
    end = end if end > SPLIT_LIMIT // 2 else text.rfind(" ", 0, SPLIT_LIMIT)
    return end + 1 if end > 0 else SPLIT_LIMIT


def _joined(notes: dict[str, list[str]], fields: Sequence[str]) -> dict[str, str]:
    """Return the notes of each field that has any, joined with "; "."""
    return {f: "; ".join(notes[f]) for f in fields if notes.get(f)}


# --- sentences and clauses ------------------------------------------------------------------


def _sentences(text: str) -> list[tuple[int, int]]:
    """Return the spans of the sentences (and of the lines, and the parts between ";")."""
    spans, start = [], 0
    for match in [*cues.SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[start:end].strip():
            spans.append(_trimmed(text, start, end))
        start = match.end() if match else end
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Return a span without the white space at its edges, or a bullet before it ("- ")."""
    piece = text[start:end]
    bare = piece.lstrip().lstrip("-*•–—").lstrip()
    return start + len(piece) - len(bare), end - len(piece) + len(piece.rstrip())


def _clauses(reading: _Text, start: int, end: int) -> list[tuple[int, int]]:
    """Return the clauses of a sentence: cut at a comma, "and", "but" or "then" only where
    what follows has its own subject and what comes before says something."""
    text, spans, begin = reading.text, [], start
    said, read_up_to = False, start  # whether the clause so far says something, read how far
    for match in cues.BOUNDARY.finditer(text, start, end):
        after = match.end()
        subject = _names_in(reading, after, after + 1) or cues.CLAUSE_START.match(text, after, end)
        subject = (
            subject
            or (  # "Priya: asked about Flink, worried about on-call"
                any(cue.match(text, after, end) for cue in cues.HEAD_CUES.values())
                and _field_of(reading.masked[begin : match.start()]) is not None
            )
        )  # but not "Priya, the hiring manager, asked ..."
        if not subject or not _TWO_WORDS.match(text, after, end):
            continue
        said = said or _says(reading, read_up_to, match.start())
        read_up_to = match.start()
        if said:
            spans.append((begin, match.start()))
            begin, said, read_up_to = after, False, after
    spans.append((begin, end))
    return spans


def _names_in(reading: _Text, start: int, end: int) -> list[NameSpan]:
    """Return the names that start between ``start`` and ``end``."""
    first, last = bisect_left(reading.name_starts, start), bisect_left(reading.name_starts, end)
    return reading.names[first:last]


def _says(reading: _Text, start: int, end: int) -> bool:
    """Whether a span says more than who: "Marcus" and "so Priya" do not, "Priya asked" does."""
    words = WORD.findall(reading.masked, start, end)
    return any(fold(word) not in cues.EMPTY_WORDS for word in words)


# --- reading a clause -----------------------------------------------------------------------


def _read(
    reading: _Text, span: tuple[int, int], notes: _Notes, before: tuple[str, ...] | None
) -> tuple[str, ...] | None:
    """Add one clause to the notes; return who it was about, for the clause after it."""
    start, end = span
    raw, mask = reading.text[start:end], reading.masked[start:end]
    names = _names_in(reading, start, end)
    pronoun_target = None if notes.last_is_stranger or not notes.recent else notes.recent[-1]
    named, unplaced = _who(names, notes)
    decision = _decision(raw, mask, reading.today)
    notes.decision_date = notes.decision_date or (decision[0] if decision else None)
    if not _says(reading, start, end) or (decision and decision[1]):
        return before
    note_field = _field_of(mask)
    people: tuple[str, ...]
    if named:
        people = named
    elif unplaced or decision:  # "they'll decide by the 12th, after the offsite": the employer
        people = ()
    elif cues.EVERYONE.search(mask):
        people = tuple(person.id for person in reading.panel)
    elif cues.BOTH.search(mask):
        people = _both(notes, reading.panel)
    elif cues.PRONOUN.search(mask):
        people = (pronoun_target,) if pronoun_target else _only_one(reading.panel, notes)
    elif before is not None:
        people = before
    else:
        people = _only_one(reading.panel, notes)
    own = _candidates_own(mask, note_field)
    if note_field == "concerns" and own:
        note_field = "stood_out"  # the candidate's own doubt
    if note_field in APPLICATION_FIELDS or not people:
        where = note_field if note_field in APPLICATION_FIELDS else "stood_out"
        notes.add(None, where, _whole(raw, mask, people, reading))
        return people
    for person in people:
        text = "" if own else _note(raw, mask, note_field)
        text = text or _whole(raw, mask, (), reading)
        notes.add(person, "discussed" if own else note_field or "discussed", text)
    return people


def _candidates_own(mask: str, note_field: str | None) -> bool:
    """Whether a question or doubt is the candidate's: "I asked Priya about ...", "I was
    unsure about ..." (not "I think she was unsure")."""
    head = cues.I_HEAD.match(mask)
    own_fields = ("asked", "concerns")
    return bool(
        head and note_field in own_fields and cues.MARKERS[note_field].match(mask, head.end())
    )


def _who(names: list[NameSpan], notes: _Notes) -> tuple[tuple[str, ...], bool]:
    """Return the panel members a clause names, and whether it names anyone it cannot place
    (someone not on the panel, a shared first name); the last person named is remembered."""
    named: list[str] = []
    unplaced = False
    for name in names:
        ids = name.ids
        if len(ids) > 1:  # a shared first name: the one of them named last
            ids = frozenset([i for i in notes.recent if i in ids][-1:])
        if not ids:
            unplaced = True
            notes.last_is_stranger = True
            continue
        person = next(iter(ids))
        named += [person] if person not in named else []
        notes.recent = [*(i for i in notes.recent if i != person), person]
        notes.last_is_stranger = False
    return tuple(named), unplaced


def _both(notes: _Notes, panel: Sequence[Interviewer]) -> tuple[str, ...]:
    """Return who "both" means: the last two named, or a panel of two; else no one."""
    if len(notes.recent) >= 2:
        return tuple(notes.recent[-2:])
    return tuple(person.id for person in panel) if len(panel) == 2 else ()


def _only_one(panel: Sequence[Interviewer], notes: _Notes) -> tuple[str, ...]:
    """Return the one person on a panel of one (a clause with no name is about them)."""
    return (panel[0].id,) if len(panel) == 1 and not notes.last_is_stranger else ()


def _decision(raw: str, mask: str, today: date) -> tuple[date, bool] | None:
    """Return the decision date a clause gives, and whether the clause says nothing else."""
    found = find_date(raw, today) if cues.DECISION.search(mask) else None
    if found is None:
        return None
    (start, end) = found[1]
    rest = WORD.findall(mask[:start] + " " + mask[end:])
    only = all(fold(word) in cues.DECISION_WORDS for word in rest)
    return found[0], only


def _field_of(mask: str) -> str | None:
    """Return the field a clause's first cue word says, or None when it has none."""
    hits = {f: m.start() for f, pattern in cues.MARKERS.items() if (m := pattern.search(mask))}
    if not hits:
        return None
    first = min(hits, key=lambda f: hits[f])
    if first == "discussed":
        return next((f for f in cues.YIELDING if f in hits), first)
    return first


# --- writing the note -----------------------------------------------------------------------


def _note(raw: str, mask: str, note_field: str) -> str:
    """Write one clause as a person's note: without the name and cue when a clean object is
    left ("Priya asked how I'd ..." -> "how I'd ..."); "" when the clause is best kept whole."""
    head = cues.HEAD.match(mask)
    position = head.end() if head else 0
    for cue_field in dict.fromkeys((note_field, "discussed")):
        cue = (
            cues.HEAD_CUES[cue_field].match(mask, position) if cue_field in cues.HEAD_CUES else None
        )
        if cue and (rest := _clean(raw[cue.end() :])):
            return _whether(cue.group(), rest, cue_field)
    reported = cues.REPORTED.match(mask, position)
    if reported and (rest := _clean(raw[reported.end() :])):
        return rest
    subject = cues.ONE_SUBJECT.match(mask)
    if note_field == "personal_touch" and subject and (rest := _predicate(raw, subject)):
        return rest  # "Priya has a rescue greyhound" -> "has a rescue greyhound"
    label = cues.LABEL.match(mask)
    if label and (rest := _clean(raw[label.end() :])):
        return rest
    possessive = cues.POSSESSIVE_HEAD.match(mask)
    if possessive and (rest := _clean(raw[possessive.end() :])):
        return f"their {rest}"  # "Priya's team runs Airflow" -> "their team runs Airflow"
    return ""


def _predicate(raw: str, subject: re.Match[str]) -> str:
    """Return what a personal moment says of its subject when it starts with a verb ("she's
    also from Leeds" -> "is also from Leeds", "Marcus also grew up in Leeds" -> "grew up ..."),
    else ""."""
    words = raw[subject.end() :].split()
    words[:0] = ["is"] if subject.group("is") else ["are"] if subject.group("are") else []
    if words and words[0].casefold() in ("also", "really", "still"):
        del words[0]
    verb = bool(words) and {"VERB", "AUX"} & set(lemmas(words[0].casefold()))
    return _clean(" ".join(words)) if verb else ""


def _clean(text: str) -> str:
    """Return a clause's object trimmed, or "" when it does not start cleanly ("to the ...")."""
    text = " ".join(text.strip(cues.EDGES).split())
    words = text.split()
    return (
        text if words and words[0].casefold() not in cues.BAD_STARTS and WORD.search(text) else ""
    )


def _whether(cue: str, rest: str, cue_field: str) -> str:
    """Turn "asked if I'd relocate" into "whether I'd relocate", "wasn't sure I'd ..." too."""
    first = rest.split()[0].casefold()
    if cue_field != "discussed" and first == "if":
        return "whether " + rest[3:]
    doubt = fold(cue.split()[-1]) in ("sure", "convinced", "unsure", "doubtful", "uncertain")
    return f"whether {rest}" if doubt and first not in cues.WH_WORDS else rest


def _whole(raw: str, mask: str, people: tuple[str, ...], reading: _Text) -> str:
    """Return a clause whole, without leading fillers; a leading "she" becomes her name when
    the clause is about one person (how it went is written about them, not to them)."""
    lead = cues.FILLER_HEAD.match(mask)
    start = lead.end() if lead else 0
    pronoun = cues.PRONOUN_SUBJECT.match(mask)
    text = raw[start:]
    if pronoun and len(people) == 1:
        person = next(p for p in reading.panel if p.id == people[0])
        text = address_as(person.name, person.address_as) + raw[pronoun.end() :]
    text = " ".join(text.strip(cues.EDGES).split())
    first = text.split(" ", 1)[0]
    word = fold(first)
    common = word in debrief_names.common_words() or lemmas(word)
    if first[1:].islower() and common and word not in reading.name_words | cues.FIRST_PERSON:
        return first[:1].lower() + text[1:]  # it continues the notes: "the office was lovely"
    return text
