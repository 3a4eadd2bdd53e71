"""The follow-up playbook as data: every rule, its sources and the numbers the app works with.

This module is the single source of truth for the guidance. The schedule, the checker, the
prompts, the checklist and the playbook page all read their rules and parameters from here.
The explanations paraphrase the source documents in ``shared/seeds`` (cited by file name).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from types import MappingProxyType
from typing import Literal

Stage = Literal["S", "N", "T", "F"]
ProfileName = Literal["cautious", "standard", "eager"]
CultureName = Literal["casual", "standard", "formal"]
ChannelName = Literal["email", "handwritten"]

STAGES: dict[Stage, str] = {
    "S": "Before you leave the interview",
    "N": "Right after the interview",
    "T": "The thank-you notes",
    "F": "After the thank-you",
}

SOURCES: dict[str, str] = {
    "000_7b4a91aad937e02f.txt": "Following Up After The Job Interview",
    "001_d55c7ac154e56337.txt": "Don't Be A Pest: How to Follow Up After A Job Interview",
    "002_0411568a4e44fe4a.txt": "How to Follow Up an Interview",
    "003_99e048242a0f46ea.txt": "Interview Follow Up Dos and Don'ts",
    "004_5e4fded903e1e3ef.txt": "How to Follow Up After a Job Interview",
}


def _source(prefix: str) -> str:
    """Return the seed file name whose number is ``prefix`` (e.g. "003")."""
    (name,) = (name for name in SOURCES if name.startswith(prefix + "_"))
    return name


@dataclass(frozen=True)
class ThankYouTiming:
    """T2: when a thank-you note is ideal, due and late."""

    ideal_hour: int = 20  # local hour on the interview day: it waits in the inbox next morning
    due_after_hours: int = 24
    late_after_business_days: int = 2  # the note is late after the end of this business day


@dataclass(frozen=True)
class FollowUpTiming:
    """F1 and F3: when to follow up when no decision date was given, and when to move on."""

    window_start_day: int = 7
    window_end_day: int = 10
    after_decision_business_days: int = 1
    start_hour: int = 9  # a follow-up window opens at this local hour
    move_on_after_days: int = 7


@dataclass(frozen=True)
class NoteLength:
    """T10: how long the body of a thank-you note should be, in words."""

    target_min_words: int = 60
    target_max_words: int = 180
    hard_max_words: int = 250
    card_max_words: int = 120  # T13: a handwritten card has less room


@dataclass(frozen=True)
class Distinctness:
    """T4: how alike two notes of one panel may be.

    Each note's body, with every name masked, becomes the set of its runs of ``phrase_words``
    consecutive words. Two notes are too alike when the runs they share make up more than
    ``max_shared_phrases`` of the shorter note's runs (containment, robust to one note being
    longer). A sentence of at least ``shared_sentence_words`` words found word for word in both
    is a warning on its own.
    """

    phrase_words: int = 3
    max_shared_phrases: float = 0.5
    shared_sentence_words: int = 6


@dataclass(frozen=True)
class Profile:
    """A follow-up style the user picks: how many follow-ups after the thank-you, and when."""

    name: ProfileName
    follow_ups: int
    early_call_days: tuple[int, int] | None
    summary: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class OfficeCulture:
    """T12 and T13: the register a note is written in, and the channel that suits the office."""

    name: CultureName
    label: str
    typical: str  # the kinds of workplace that usually have this culture
    register: str
    channel: ChannelName


CULTURES: dict[CultureName, OfficeCulture] = {
    "casual": OfficeCulture(
        "casual", "Casual", "tech, software, start-ups", "relaxed, warm and direct", "email"
    ),
    "standard": OfficeCulture(
        "standard", "Standard", "most offices", "friendly and professional", "email"
    ),
    "formal": OfficeCulture(
        "formal",
        "Formal",
        "law, banking, finance, traditional firms",
        "formal and precise",
        "handwritten",
    ),
}
CHANNEL_LABELS: dict[ChannelName, str] = {"email": "Email", "handwritten": "Handwritten card"}

THANK_YOU_TIMING = ThankYouTiming()
FOLLOW_UP_TIMING = FollowUpTiming()
NOTE_LENGTH = NoteLength()
DISTINCTNESS = Distinctness()
_EAGER_CALL_DAYS = (3, 5)

PROFILES: dict[ProfileName, Profile] = {
    "cautious": Profile(
        name="cautious",
        follow_ups=0,
        early_call_days=None,
        summary="The thank-you is the only message; then wait and keep searching.",
        sources=(_source("001"),),
    ),
    "standard": Profile(
        name="standard",
        follow_ups=1,
        early_call_days=None,
        summary=(
            "One follow-up: the business day after the decision date they gave, or "
            f"{FOLLOW_UP_TIMING.window_start_day} to {FOLLOW_UP_TIMING.window_end_day} days "
            "after the interview when they gave none."
        ),
        sources=(_source("003"), _source("004")),
    ),
    "eager": Profile(
        name="eager",
        follow_ups=2,
        early_call_days=_EAGER_CALL_DAYS,
        summary=(
            f"A short call {_EAGER_CALL_DAYS[0]} to {_EAGER_CALL_DAYS[1]} days after the "
            "interview, then one follow-up as in the standard profile."
        ),
        sources=(_source("000"), _source("003")),
    ),
}
DEFAULT_PROFILE: ProfileName = "standard"


@dataclass(frozen=True)
class Rule:
    """One rule of the playbook."""

    id: str
    stage: Stage
    title: str
    explanation: str
    sources: tuple[str, ...]
    enforcement: str
    params: MappingProxyType[str, object] = field(default_factory=lambda: MappingProxyType({}))


def _rule(
    rule_id: str,
    title: str,
    explanation: str,
    sources: str,
    enforcement: str,
    params: object | None = None,
) -> Rule:
    """Build a rule; ``sources`` lists seed numbers ("003 004"), ``params`` a parameter object."""
    return Rule(
        id=rule_id,
        stage=rule_id[0],  # type: ignore[arg-type]  # ids start with their stage letter
        title=title,
        explanation=explanation,
        sources=tuple(_source(number) for number in sources.split()),
        enforcement=enforcement,
        params=MappingProxyType(asdict(params) if params is not None else {}),  # type: ignore[call-overload]
    )


_RULES: tuple[Rule, ...] = (
    _rule(
        "S1",
        "Collect every interviewer's name and exact title",
        "Before you leave, ask each person for a business card, or note their name and job "
        "title as they say it. Every later note depends on getting these exactly right.",
        "003 004",
        "Checklist: every person on the panel has a name and a title.",
    ),
    _rule(
        "S2",
        "Ask when they expect to decide",
        "Ask the interviewer when a hiring decision is likely. The answer sets the date of "
        "your follow-up, so you neither chase too early nor wait too long.",
        "000 003",
        "Checklist: a decision date, or a note that they did not give one (a missed step, "
        "with advice for next time).",
    ),
    _rule(
        "N1",
        "Write your notes the same day",
        "While it is fresh, record what went well, what went badly and what stood out, and "
        "for each interviewer the questions they asked, the worries they raised and the "
        "topics you covered. These notes are what make each thank-you specific.",
        "004",
        "Checklist: notes for every person; the notes page asks for each item.",
    ),
    _rule(
        "N2",
        "Warn your references",
        "Let your references know that this employer may call them soon, so they are ready "
        "and can speak to the role.",
        "003",
        "Checklist toggle and a milestone on the schedule.",
    ),
    _rule(
        "T1",
        "Always send a thank-you",
        "Thank them after every interview, even one that went badly or for a job you no "
        "longer want. Staying courteous keeps doors open: interviewers remember people, and "
        "other roles appear.",
        "000 003",
        "Checklist item per application; losing interest does not remove it.",
    ),
    _rule(
        "T2",
        "Send it promptly",
        "The best moment is the evening of the interview, so the note is waiting the next "
        "morning. Aim for within a day; two business days is the outer limit, after which it "
        "looks like an afterthought.",
        "000 001 003 002",
        f"Schedule: ideal at {THANK_YOU_TIMING.ideal_hour}:00 on the interview day, due "
        f"{THANK_YOU_TIMING.due_after_hours} hours after the interview, late after the end of "
        f"business day {THANK_YOU_TIMING.late_after_business_days} after the interview day "
        "(weekends and the country's public holidays do not count).",
        THANK_YOU_TIMING,
    ),
    _rule(
        "T3",
        "One note for each person",
        "Write to every person you met, separately. A single note to the whole panel reads "
        "like a box being ticked.",
        "002 003 004",
        "One draft per interviewer; the missing ones are listed.",
    ),
    _rule(
        "T4",
        "Make every note different",
        "Colleagues compare notes. Each message should be its own, not a template with the "
        "name swapped.",
        "001 003 004",
        "Checker: an error when two notes of one application share more than "
        f"{DISTINCTNESS.max_shared_phrases:.0%} of their {DISTINCTNESS.phrase_words}-word phrases "
        "(names set aside), a warning on a sentence they share word for word.",
        DISTINCTNESS,
    ),
    _rule(
        "T5",
        "Spell the name and title right",
        "Use the person's name exactly as they spell it, and their correct title. A misspelt "
        "name undoes the goodwill of the whole note.",
        "000 003",
        "Checker: an error on a missing or misspelt name, or another panelist's name; a "
        "warning on a wrong title.",
    ),
    _rule(
        "T6",
        "Thank them",
        "Say thank you for their time, for the opportunity to interview and for their "
        "interest in you.",
        "000 002 003",
        "Checker: an error when no thanks is expressed.",
    ),
    _rule(
        "T7",
        "Mention something specific",
        "Refer to one or two things from your conversation with this person: a question they "
        "asked, a need they described, a story or a joke they shared.",
        "001 002",
        "Checker: an error when nothing from that person's notes appears.",
    ),
    _rule(
        "T8",
        "Show why you fit",
        "Connect your skills and experience to the need they described, and remind them why "
        "you are a good match.",
        "000 001 003 004",
        "Checker: a warning when the note makes no case for fit.",
    ),
    _rule(
        "T9",
        "Restate your interest, lightly",
        "Say again that you want the role. Keep it a soft sell: enthusiastic, never pleading.",
        "000 003 004",
        "Checker: a warning when interest is not restated, and on pleading phrases.",
    ),
    _rule(
        "T10",
        "Keep it short",
        "The thanks and one or two more sentences are enough. Interviewers get a lot of mail; "
        "a short note gets read.",
        "001 002",
        f"Checker: a body of {NOTE_LENGTH.target_min_words} to {NOTE_LENGTH.target_max_words} "
        f"words ({NOTE_LENGTH.card_max_words} at most on a card); a warning outside that range, "
        f"an error over {NOTE_LENGTH.hard_max_words}.",
        NOTE_LENGTH,
    ),
    _rule(
        "T11",
        "Proofread",
        "Check spelling, grammar and flow, read it aloud or ask a friend, and make sure no "
        "template gaps remain. One typo can cancel the good the note does.",
        "001 002 003",
        "Checker: spelling (names, company, role and the words of your notes are known "
        "words) and an error on placeholders such as [Name], {company}, <role> or XXX.",
    ),
    _rule(
        "T12",
        "Match the office culture",
        "Software and tech teams expect a relaxed tone; law, banking and finance expect a "
        "formal one. Write for the office you visited.",
        "002",
        "Prompts and the offline composer pick greeting, register and sign-off from the "
        "application's office culture.",
    ),
    _rule(
        "T13",
        "Choose the channel that reaches them",
        "Email is the default: busy people prefer it, and tech teams expect it. A handwritten "
        "card can suit a formal, traditional office. Use whatever will actually arrive.",
        "001 002 003 004",
        "Set per application; a handwritten card is drafted without a subject line and shown "
        "with the date to post it by.",
    ),
    _rule(
        "T14",
        "Write to the employer, not the recruiter",
        "Send your thanks straight to the people who interviewed you, unless your recruiter "
        "insists on passing it on; notes routed through agencies arrive late or not at all.",
        "001",
        "Checklist and checker: a warning when the only recipient is a recruiter.",
    ),
    _rule(
        "T15",
        "One thank-you per person",
        "Each person gets one thank-you. Notes, calls and emails all count as contact; more "
        "than the plan allows makes you a pest.",
        "001",
        "Contact log: a second thank-you to the same person is refused, with the reason.",
    ),
    _rule(
        "F1",
        "Follow up at the right moment",
        "If they named a decision date, follow up the business day after it passes with no "
        "news. With no date, wait about seven to ten days. An early call after three to five "
        "days suits the eager style, or a process they said would move fast.",
        "000 003 004",
        "Schedule: a window and a due date per follow-up profile.",
        FOLLOW_UP_TIMING,
    ),
    _rule(
        "F2",
        "Follow up personally, never by resending",
        "Make a short call or write a fresh email to each person: thank them again, confirm "
        "you are still interested and ask politely where the process stands. Do not just "
        "forward the thank-you again.",
        "003 004",
        "Follow-up drafts are written per person and checked against that person's "
        "thank-you for distinctness.",
    ),
    _rule(
        "F3",
        "Know when to stop",
        "After the thank-you and one follow-up with no answer, let it go and move on. Keep in "
        "touch beyond that only if they asked you to.",
        "004 001 003",
        "A contact budget per profile; the app warns before a contact over budget and "
        f"proposes moving on {FOLLOW_UP_TIMING.move_on_after_days} days after the last "
        "follow-up.",
    ),
    _rule(
        "F4",
        "Keep your search going",
        "Do not pause your search while you wait: keep applying and interviewing elsewhere.",
        "001 003",
        "Checklist reminder.",
    ),
    _rule(
        "F5",
        "Another offer can speed things up",
        "If another employer makes you an offer, you may mention it to ask for a quicker decision.",
        "003",
        "Checklist hint, shown only when you record another offer.",
    ),
    _rule(
        "F6",
        "Keep the people, even without an offer",
        "A rejection need not end the relationship. Add the interviewers to your network; "
        "they may point you to other openings or refer you.",
        "000 003",
        "A closed application keeps its people, with a networking step.",
    ),
    _rule(
        "F7",
        "Be persistent, never desperate",
        "Stay positive and confident in every message. Enthusiasm helps; pleading hurts.",
        "003 001",
        "Tone constraint in the prompts; the checker warns on pleading phrases.",
    ),
)

RULES: MappingProxyType[str, Rule] = MappingProxyType({rule.id: rule for rule in _RULES})


def rules_in_stage(stage: Stage) -> list[Rule]:
    """Return the rules of one stage, in playbook order."""
    return [rule for rule in _RULES if rule.stage == stage]


@dataclass(frozen=True)
class Disagreement:
    """A question on which the source documents differ, and the app's answer."""

    question: str
    positions: tuple[tuple[str, str], ...]  # (seed file name, what it says)
    app_default: str


DISAGREEMENTS: tuple[Disagreement, ...] = (
    Disagreement(
        question="How soon to send the thank-you",
        positions=(
            (_source("000"), "the same evening"),
            (_source("001"), "within 24 hours"),
            (_source("003"), "within two business days"),
            (_source("002"), "do not wait too long"),
        ),
        app_default="Three moments: ideal, due and late (T2).",
    ),
    Disagreement(
        question="Whether to follow up at all",
        positions=(
            (_source("001"), "one message only, then wait"),
            (_source("000"), "a call 3 to 5 days later"),
            (_source("003"), "a call 7 to 10 days after the note"),
            (_source("004"), "one follow-up after the stated date or around day 10, then stop"),
        ),
        app_default="A follow-up profile you choose; standard by default.",
    ),
    Disagreement(
        question="Email or handwritten card",
        positions=(
            (_source("001"), "email"),
            (_source("004"), "email for technology jobs, a card for traditional offices"),
            (_source("002"), "a card can be better in a formal office"),
        ),
        app_default="Follows the application's office culture (T13).",
    ),
)
