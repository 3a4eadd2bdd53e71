"""The offline composer: a specific, short thank-you or follow-up note with no LLM at all.

Each note is built from five parts: an opening thanks, something specific from that person's
notes, why the candidate fits, restated interest, and a farewell. Every part has
``VARIANTS`` wordings. The person at position ``i`` of the panel uses wording
``(a + b * part) % VARIANTS`` for each part, with ``b, a = divmod(i, VARIANTS)``: two such
lines agree on at most one part, so any two of up to 25 people differ in at least four of the
five (the first five in all of them), and each note quotes that person's own conversation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from lib.model import Application, Interviewer, Sender
from lib.review import (
    capitalise_i,
    entity_words,
    is_common_word,
    keywords,
    name_to_address,
    note_sentences,
)

VARIANTS = 5
SNIPPET_WORDS = 14  # at most this many words quoted from a note, to keep the note short

GREETINGS = {"casual": "Hi {name},", "standard": "Dear {name},", "formal": "Dear {name},"}
SIGN_OFFS = {"casual": "Best,", "standard": "Best regards,", "formal": "Kind regards,"}

SUBJECTS = (
    "Thank you for today",
    "Thank you for your time",
    "Following up on our conversation",
    "Thank you, and a quick note on the {role} role",
    "Grateful for the conversation about the {role} role",
)
OPENINGS = (
    "Thank you for taking the time to meet with me about the {role} role.",
    "I appreciated the chance to talk with you about the {role} position at {company}.",
    "Many thanks for our conversation about the {role} role; I am grateful for your time.",
    "Thank you for the thoughtful interview and for sharing how {company} works.",
    "I am grateful you made time to speak with me about joining {company}.",
)
SPECIFIC_ASKED = (
    "Your question stayed with me: {snippet}.",
    "I keep coming back to the question you asked: {snippet}.",
    "You asked me something I have been thinking about since: {snippet}.",
    "One question of yours was especially useful to me: {snippet}.",
    "I enjoyed working through your question with you: {snippet}.",
)
SPECIFIC_DISCUSSED = (
    "I especially enjoyed our discussion of this: {snippet}.",
    "The part of our talk I remember best: {snippet}.",
    "It was good to hear your view on this: {snippet}.",
    "Our exchange on this was a highlight for me: {snippet}.",
    "I found our conversation on this point valuable: {snippet}.",
)
SPECIFIC_CONCERNS = (
    "You raised a fair point, and I am glad we could discuss it: {snippet}.",
    "On the question you raised ({snippet}), I hope my answers helped.",
    "I appreciated your candour about this: {snippet}.",
    "Thank you for being open about your concern: {snippet}.",
    "I was glad you raised this with me: {snippet}.",
)
SPECIFIC_PERSONAL = (
    "I also enjoyed the lighter moment we shared: {snippet}.",
    "And it was a pleasure to find common ground: {snippet}.",
    "I smiled again later thinking of this: {snippet}.",
    "It was a nice surprise to connect over this: {snippet}.",
    "I will remember this from our chat: {snippet}.",
)
SPECIFIC_NONE = (
    "I enjoyed hearing how you see the {role} role.",
    "Hearing about your part of {company} gave me a clear picture of the work.",
    "Your view of the team's priorities was genuinely useful.",
    "I valued how openly you described the challenges ahead.",
    "Our conversation helped me picture the work day to day.",
)
FITS = (
    "I believe my background fits what you need: {fit}.",
    "I would bring directly relevant experience to the team: {fit}.",
    "That is where my experience matches your needs: {fit}.",
    "My strengths line up well with the role: {fit}.",
    "I am confident my skills suit this work: {fit}.",
)
FITS_GENERIC = (
    "I believe my background fits what you described.",
    "I would bring directly relevant experience to the team.",
    "My experience matches the needs you described well.",
    "My strengths line up well with what the role asks for.",
    "I am confident my skills suit the work you outlined.",
)
INTERESTS = (
    "I am excited about the opportunity to join {company}.",
    "The role is exactly the kind of work I want to do, and I am keen to contribute.",
    "I remain very interested in the {role} role and would love to be part of {company}.",
    "Our conversation made me even more enthusiastic about joining your team.",
    "I am eager to help {company} with the work ahead.",
)
FAREWELLS = (
    "I look forward to hearing from you.",
    "Please let me know if I can share anything else.",
    "I hope to speak with you again soon.",
    "Thank you again, and I look forward to the next steps.",
    "Wishing you a good rest of the week.",
)
FOLLOW_UP_SUBJECTS = (
    "Checking in on the {role} role",
    "Following up on the {role} position",
    "A quick follow-up",
    "Still very interested in the {role} role",
    "Checking in",
)
FOLLOW_UP_OPENINGS = (
    "I hope your week is going well.",
    "I hope all is well with you and the team.",
    "I wanted to check in briefly.",
    "I hope things are going well at {company}.",
    "I am writing with a short follow-up.",
)
FOLLOW_UP_RECALLS = (
    "Thanks again for speaking with me on {day} about the {role} role.",
    "I am still grateful for our conversation on {day}.",
    "Thank you again for our talk on {day}; I have kept thinking about the {role} role.",
    "Our talk on {day} left me with a clear picture of the team, thank you.",
    "I appreciated the time you gave me on {day}.",
)
FOLLOW_UP_REMINDERS = (
    "I am still thinking about our discussion of this: {snippet}.",
    "Our exchange on this has stayed with me: {snippet}.",
    "I have thought more since about this point: {snippet}.",
    "I keep returning to what we covered here: {snippet}.",
    "One part of our talk I value in particular: {snippet}.",
)
FOLLOW_UP_INTERESTS = (
    "I remain very interested in joining {company}.",
    "My enthusiasm for the role has only grown.",
    "I am still keen to contribute to your team.",
    "The role remains my first choice, and I am excited about it.",
    "I would love the chance to bring my experience to {company}.",
)
FOLLOW_UP_ASKS = (
    "Could you share where the process stands and what the next steps might be?",
    "Is there any news on the timeline, or anything more I can send you?",
    "I would be glad to hear how the decision is coming along.",
    "When convenient, could you let me know the expected timing?",
    "If helpful, I am happy to provide anything else you need.",
)


def _code(index: int, part: int) -> int:
    """Return which wording a person at ``index`` uses for ``part`` (see the module's doc)."""
    b, a = divmod(index, VARIANTS)
    return (a + b * part) % VARIANTS


def snippet(text: str, names: Sequence[str] = ()) -> str | None:
    """Return a short, quotable piece of a note that says something specific, or None.

    Prefers the first sentence with a telling word (never one of the application's ``names``,
    which say nothing specific); trims long sentences to ``SNIPPET_WORDS`` words around that
    word; skips sentences with template gaps.
    """
    for sentence in note_sentences(text):
        if not keywords(sentence, names):
            continue
        words = sentence.split()
        if len(words) > SNIPPET_WORDS:
            first_telling = next(i for i, w in enumerate(words) if keywords(w, names))
            start = max(0, min(first_telling - 3, len(words) - SNIPPET_WORDS))
            words = words[start : start + SNIPPET_WORDS]
        quoted = capitalise_i(" ".join(words).strip(".;!?:,-–— "))  # hurried notes write "i"
        if quoted and keywords(quoted, names):
            return _lowercase_start(quoted)
    return None


def _lowercase_start(quoted: str) -> str:
    """Lower the first letter when the quote starts with a plain word ("How I would…")."""
    first = quoted.split()[0]
    if is_common_word(first) and first != "I" and not first.startswith(("I'", "I’")):
        return quoted[0].lower() + quoted[1:]
    return quoted


def _fit_points(app: Application, index: int) -> str | None:
    """Return one of the candidate's fit points, a different one per person where possible."""
    items = [s for part in re.split(r"[;\n]|\.\s", app.fit_points) if (s := snippet(part))]
    return items[index % len(items)] if items else None


def _specific(app: Application, person: Interviewer, index: int) -> str:
    """Return the sentence that quotes that person's own conversation (T7)."""
    variant = _code(index, 1)
    names = entity_words(app)
    for text, templates in (
        (person.asked, SPECIFIC_ASKED),
        (person.discussed, SPECIFIC_DISCUSSED),
        (person.personal_touch, SPECIFIC_PERSONAL),
        (person.concerns, SPECIFIC_CONCERNS),
    ):
        quoted = snippet(text, names)
        if quoted:
            return templates[variant].format(snippet=quoted)
    return SPECIFIC_NONE[variant].format(role=app.role, company=app.company)


def _personal(app: Application, person: Interviewer, index: int, used: str) -> str | None:
    """Return a second specific sentence from the personal moment, unless already quoted."""
    quoted = snippet(person.personal_touch, entity_words(app))
    if quoted is None or quoted in used:
        return None
    return SPECIFIC_PERSONAL[_code(index, 2)].format(snippet=quoted)


def _signature(app: Application, sender: Sender) -> list[str]:
    """Return the sign-off and the sender's details (contact lines for email only)."""
    lines = [SIGN_OFFS[app.culture]]
    if sender.name:
        lines.append(sender.name)
    if app.channel == "email":
        lines += [detail for detail in (sender.email, sender.phone, sender.link) if detail]
    return lines


def _index(app: Application, person: Interviewer) -> int:
    """Return the person's position on the panel (their wording code)."""
    return next(i for i, p in enumerate(app.interviewers) if p.id == person.id)


def _assemble(
    app: Application, person: Interviewer, subject: str, paragraphs: Sequence[str], sender: Sender
) -> str:
    """Put a note together: subject (email only), greeting, paragraphs, signature."""
    greeting = GREETINGS[app.culture].format(name=name_to_address(person.name, app.culture))
    head = [f"Subject: {subject}", ""] if app.channel == "email" else []
    body = [greeting, "", *[p for paragraph in paragraphs for p in (paragraph, "")]]
    return "\n".join([*head, *body, *_signature(app, sender)])


def compose_thank_you(app: Application, person: Interviewer, sender: Sender) -> str:
    """Write a thank-you note to one person from the notes, in the office's register."""
    index = _index(app, person)
    values = {"role": app.role, "company": app.company}
    specific = _specific(app, person, index)
    fit_point = _fit_points(app, index)
    fit = (
        FITS[_code(index, 2)].format(fit=fit_point) if fit_point else FITS_GENERIC[_code(index, 2)]
    )
    opening = OPENINGS[_code(index, 0)].format(**values)
    interest = INTERESTS[_code(index, 3)].format(**values)
    farewell = FAREWELLS[_code(index, 4)]
    if app.channel == "handwritten":  # a card has room for less (T13)
        paragraphs = [f"{opening} {specific}", f"{fit} {interest}"]
    else:
        extra = _personal(app, person, index, specific)
        paragraphs = [
            " ".join(s for s in (opening, specific, extra) if s),
            f"{fit} {interest}",
            farewell,
        ]
    subject = SUBJECTS[_code(index, 0)].format(**values)
    return _assemble(app, person, subject, paragraphs, sender)


def compose_follow_up(app: Application, person: Interviewer, sender: Sender) -> str:
    """Write a short follow-up to one person (F2): thanks again, interest, a gentle question."""
    index = _index(app, person)
    values = {"role": app.role, "company": app.company, "day": _day(app.interview_at.date())}
    recall = FOLLOW_UP_RECALLS[_code(index, 1)].format(**values)
    notes = (person.discussed, person.asked, person.personal_touch, person.concerns)
    names = entity_words(app)
    quoted = next(filter(None, (snippet(note, names) for note in notes)), None)
    reminder = FOLLOW_UP_REMINDERS[_code(index, 2)].format(snippet=quoted) if quoted else ""
    interest = FOLLOW_UP_INTERESTS[_code(index, 3)].format(**values)
    ask = FOLLOW_UP_ASKS[_code(index, 4)]
    if app.decision_date is not None:
        ask = f"You mentioned a decision around {_day(app.decision_date)}; {_lowercase_start(ask)}"
    paragraphs = [
        " ".join(s for s in (FOLLOW_UP_OPENINGS[_code(index, 0)].format(**values), recall) if s),
        " ".join(s for s in (reminder, interest) if s),
        ask,
    ]
    subject = FOLLOW_UP_SUBJECTS[_code(index, 2)].format(**values)
    return _assemble(app, person, subject, paragraphs, sender)


def _day(day: date) -> str:
    """Write a date as a person would in a note: "Monday 16 November"."""
    return f"{day:%A} {day.day} {day:%B}"
