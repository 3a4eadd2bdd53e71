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
from datetime import date

from lib import phrasing
from lib.guidance import NOTE_LENGTH
from lib.mentions import Mention, brief_mention, fit_items, mentions, telling_word
from lib.model import Application, DraftKind, Interviewer, Sender
from lib.names import greeting
from lib.review import entity_words, keywords, split_draft
from lib.wordings import (
    ASKED,
    CONCERN_ANSWERS,
    CONCERN_STATED,
    CONCERN_TOPIC,
    CONCERNS_RECALLED,
    DISCUSSED,
    DONE,
    FAREWELLS,
    FITS,
    FITS_GENERIC,
    FITS_MORE,
    FOLLOW_UP_ASKS,
    FOLLOW_UP_CONCERN_ANSWERS,
    FOLLOW_UP_CONCERNS,
    FOLLOW_UP_DECISION_ASKS,
    FOLLOW_UP_INTERESTS,
    FOLLOW_UP_OPENINGS,
    FOLLOW_UP_RECALLS,
    FOLLOW_UP_REMINDERS,
    FOLLOW_UP_SUBJECTS,
    HEARD,
    INTERESTS,
    OPENINGS,
    PERSONAL_HEARD,
    PERSONAL_TOPIC,
    RECRUITER_THANKS,
    REMINDER_PHRASES,
    SIGN_OFFS,
    SPECIFIC_NONE,
    SUBJECTS,
    TASKS,
    VARIANTS,
)

SHARED_RUN_WORDS = 8  # no two notes of a panel share this many words in a row (T4)


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


def _roots(text: str, names: Sequence[str]) -> set[str]:
    """Return the telling words of a text as their dictionary forms ("taught" -> "teach")."""
    roots = set(keywords(text, names))
    for word in re.findall(r"[^\W\d_]{4,}", text.casefold()):
        roots.update(lemma for forms in phrasing.lemmas(word).values() for lemma in forms)
    return roots - {word.casefold() for word in names}


def _fit_plan(app: Application) -> dict[str, str]:
    """Choose each person's fit point: for a concern the one closest to it (T8), for the rest
    the points no concern took, one each while they last, so that the notes of a panel differ
    (the same point in two notes would be the same sentence)."""
    items = fit_items(app)
    if not items:
        return {}
    names = entity_words(app)
    plan: dict[str, str] = {}
    for person in app.interviewers:
        concern = next((m.text for m in mentions(app, person, "thank_you")
                        if m.field == "concerns"), person.concerns)  # fmt: skip
        if _roots(concern, names):
            wanted = _roots(concern, names)
            free = [item for item in items if item not in plan.values()] or items
            plan[person.id] = max(free, key=lambda item: len(_roots(item, names) & wanted))
    rest = [item for item in items if item not in plan.values()]
    others = [person for person in app.interviewers if person.id not in plan]
    plan |= dict(zip((person.id for person in others), rest, strict=False))
    return plan  # a person left without a point of their own gets the case for fit in words


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
    said = mentions(app, person, kind)
    if plain:
        said = [_plainly(app, person, m) for m in said]
    concern = next((m for m in said if m.field == "concerns"), None)
    if concern is None and (worry := telling_word(app, person, person.concerns)):
        concern = Mention("concerns", "topic", worry)  # no clause of it reads well (T8)
    talk = [m for m in said if m.field in ("asked", "discussed")]
    personal = next((m for m in said if m.field == "personal_touch"), None)
    items = [] if plain else fit_items(app)
    specific: list[str] = []
    word = "" if said else telling_word(app, person)
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
    plan = _fit_plan(app) if items else {}
    fit_paragraph: list[str] = []
    if concern:
        fit = plan.get(person.id)
        fit_paragraph += _concern_sentences(concern, fit, code + 3, values)
        if not fit:
            fit_paragraph.append(_pick(FITS_GENERIC, code))
    elif fit := plan.get(person.id):
        fit_paragraph.append(_pick(FITS, code + 4, S=_capital(fit), s=fit, **values))
    else:
        fit_paragraph.append(_pick(FITS_GENERIC, code))
    fit_paragraph.append(_pick(INTERESTS, code + 5, **values))
    opening = _pick(OPENINGS, code, **values)
    short = _length(" ".join([opening, *specific, *fit_paragraph])) < NOTE_LENGTH.target_min_words
    if short and len(talk) > 1:  # room for a second point from the conversation (T7, T10)
        specific.append(_sentence_for(talk[1], code + 3))
    elif short and card and personal and talk:  # a card left its personal moment out for room
        specific.append(_sentence_for(personal, code + 2))
    if _length(" ".join([opening, *specific, *fit_paragraph])) < NOTE_LENGTH.target_min_words:
        more = [item for item in items if item not in plan.values()]
        if more:  # a second reason to hire, rather than a short note (T8, T10)
            fit_paragraph.insert(-1, _pick(FITS_MORE, code + 6, s=more[0]))
    paragraphs = [" ".join([opening, *specific]), " ".join(fit_paragraph)]
    if not card or _length(" ".join(paragraphs)) < NOTE_LENGTH.target_min_words:
        paragraphs.append(_pick(FAREWELLS, code + 6))
    return paragraphs


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
        said = [_plainly(app, person, m) for m in said]
    order = ("discussed", "asked", "personal_touch")
    talk = [m for m in said if m.field in order]
    preferred = sorted(
        talk,
        key=lambda m: (
            m.text in used and _words(m.text) >= SHARED_RUN_WORDS - 1,  # said at length
            m.position > 0,
            order.index(m.field),
            m.position,
        ),
    )
    reminder = ""
    if not said and (word := telling_word(app, person)):
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
        items = [] if plain else [item for item in fit_items(app) if item not in used]
        phrase = _again(app, person, concern, code + 1, used, plain, alone=not reminder)
        if items:
            names = entity_words(app)
            wanted = _roots(concern.text, names)
            fit = max(items, key=lambda item: len(_roots(item, names) & wanted))
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


def _length(text: str) -> int:
    """Count words as the length rule does ("p-values" is one word, T10)."""
    return len(re.findall(r"[\w'’-]+", text))


def _words(text: str) -> int:
    """Count words as the panel comparison does ("O'Brien's" is three)."""
    return len(re.findall(r"\w+", text))


def _plainly(app: Application, person: Interviewer, mention: Mention) -> Mention:
    """Say a mention briefly: a topic by its head, anything still long by its telling word."""
    mention = brief_mention(mention)
    if _words(mention.text) < SHARED_RUN_WORDS - 2:
        return mention
    head = telling_word(app, person, mention.text)
    return Mention(mention.field, "topic", head) if head else mention


def _again(
    app: Application,
    person: Interviewer,
    mention: Mention,
    code: int,
    used: str,
    plain: bool,
    alone: bool = False,
) -> str:
    """Return how a follow-up recalls a mention the thank-you may already have made.

    A mention the thank-you made at length is recalled by its head ("shader graph vs HLSL" of
    "... for the water effects"); ``plain``, by its telling word alone ("our talk about
    Kafka"), so that the two notes share no long run. ``alone``: nothing else in the follow-up
    names the conversation.
    """
    said_at_length = mention.text in used and _words(mention.text) >= SHARED_RUN_WORDS - 2
    if said_at_length and mention.field == "concerns" and mention.form != "topic":
        if not alone:  # the thank-you answered it, and the follow-up names something else
            return CONCERNS_RECALLED[code % len(CONCERNS_RECALLED)]
        return f"your point about {telling_word(app, person, mention.text)}"  # (T7)
    shorter = brief_mention(mention)
    if mention.text in used and keywords(shorter.text, entity_words(app)):
        mention = shorter  # its head, when the head still says something specific (T7)
    phrase = _reminder_phrase(mention, code)
    if plain and said_at_length:
        phrase = f"our talk about {telling_word(app, person, mention.text)}"
    return phrase


def _reminder_phrase(mention: Mention, code: int = 0) -> str:
    """Return a mention as a noun phrase for a follow-up: "your question about X"."""
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
    """Write the note in the first wording that shares no long run with the notes to avoid.

    A person's own wording comes first, then the wordings nobody on the panel has (the people
    of a panel of up to ``VARIANTS`` never share one), then the rest, then each more plainly.
    """
    start = _index(app, person)
    size = len(app.interviewers)
    codes = [start, *range(size, VARIANTS), *(c for c in range(min(size, VARIANTS)) if c != start)]
    taken = set().union(*(_runs(other, app, sender) for other in avoid if other.strip()))
    best, best_shared = "", None
    for plain, code in ((plain, code) for plain in (False, True) for code in codes):
        text = _write(app, person, sender, kind, code, used, plain)
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
