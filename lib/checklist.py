"""The checklist of one application: every rule of the playbook, ticked from the data.

Also the single next action in plain words ("Send Priya Raghunathan's thank-you by 20:00
tonight"), which the home page and the checklist put on top.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from lib.guidance import CHANNEL_LABELS, CULTURES, RULES, Rule
from lib.model import OPEN_STATUS, Application
from lib.schedule import (
    END_OF_DAY,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    follow_up_budget,
    follow_up_windows,
    next_step,
    plan,
    thank_you_moments,
)
from lib.text import plural

ItemState = Literal["done", "todo", "missed", "warning", "guide"]


@dataclass(frozen=True)
class ChecklistItem:
    """One rule as it applies to one application now."""

    rule: Rule
    state: ItemState
    detail: str


@dataclass(frozen=True)
class NextAction:
    """The one thing to do next for an application, in plain words.

    ``kind`` is the kind of step it is about (None once nothing is pending), so a page can link
    straight to the page that does it.
    """

    text: str
    rule: str | None
    urgency: MilestoneStatus | None
    kind: MilestoneKind | None = None


def when(moment: datetime, now: datetime) -> str:
    """Say a moment relative to now, in the moment's timezone: "20:00 tonight", "the end of Tue"."""
    local_now = now.astimezone(moment.tzinfo)
    days = (moment.date() - local_now.date()).days
    end_of_day = moment.timetz().replace(tzinfo=None) == END_OF_DAY
    if days == 0:
        day = "tonight" if moment.hour >= 18 and not end_of_day else "today"
    elif days == 1:
        day = "tomorrow"
    elif days == -1:
        day = "yesterday"
    elif 1 < days < 7:
        day = f"{moment:%A}"
    else:
        day = f"{moment:%a} {moment.day} {moment:%b}"
    if end_of_day:
        return f"the end of {day}"
    if day in ("tonight", "today", "tomorrow", "yesterday"):
        return f"{moment:%H:%M} {day}"
    return f"{moment:%H:%M} on {day}"


def time_left(moment: datetime, now: datetime) -> str:
    """Say how far away a moment is: "in 3 h 20 min", "in 2 days", "5 h ago"."""
    seconds = (moment - now).total_seconds()
    minutes = round(abs(seconds) / 60)
    if minutes < 60:
        span = f"{minutes} min"
    elif minutes < 48 * 60:
        hours, rest = divmod(minutes, 60)
        span = f"{hours} h" + (f" {rest} min" if rest and hours < 10 else "")
    else:
        span = f"{round(minutes / 1440)} days"
    return f"in {span}" if seconds >= 0 else f"{span} ago"


def thank_you_timing(
    app: Application, now: datetime, zone: ZoneInfo | None = None
) -> tuple[MilestoneStatus, str]:
    """Say when the thank-you notes are ideal, due and late (T2), in the user's timezone."""
    moments = [m.astimezone(zone or app.zone) for m in thank_you_moments(app)]
    ideal, due, late = moments
    parts = []
    if now < ideal:
        parts.append(f"Ideal: {when(ideal, now)} ({time_left(ideal, now)})")
    parts.append(f"due {when(due, now)} ({time_left(due, now)})")
    parts.append(f"late after {when(late, now)}")
    status: MilestoneStatus = (
        "upcoming" if now < app.interview_at else "due" if now <= due else "overdue"
    )
    text = " · ".join(parts)
    return status, text[0].upper() + text[1:]


def names(people: list[str]) -> str:
    """Join names in plain English: "A", "A and B", "A, B and C"."""
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + " and " + people[-1]


def next_action(
    app: Application,
    now: datetime,
    milestones: list[Milestone] | None = None,
    zone: ZoneInfo | None = None,
) -> NextAction:
    """Return the most pressing thing to do for an application, in plain words.

    ``milestones`` (its plan at ``now``) saves planning it again. Times are said in ``zone``
    (the viewer's, as the counts and the thank-you page count them), else in the application's.
    """
    milestones = plan(app, now) if milestones is None else milestones
    if zone is not None:
        milestones = [_in_zone(milestone, zone) for milestone in milestones]
    step = next_step(milestones)
    if step is None:
        return NextAction(_closing_words(app), "F6" if app.status == "rejected" else None, None)
    return NextAction(_action_words(app, step, milestones, now), step.rule, step.status, step.kind)


def _in_zone(milestone: Milestone, zone: ZoneInfo) -> Milestone:
    """Return a milestone with its moments said in ``zone`` (the same instants)."""
    moments = ("start", "due", "late", "ideal", "done_at")
    return replace(
        milestone,
        **{
            name: value.astimezone(zone)
            for name in moments
            if (value := getattr(milestone, name)) is not None
        },
    )


def _action_words(
    app: Application, step: Milestone, milestones: list[Milestone], now: datetime
) -> str:
    """Describe what to do about one milestone."""
    if step.kind == "thank_you":
        return _thank_you_words(app, step, milestones, now)
    if step.kind == "references":
        return f"Tell your references that {app.company} may call them soon"
    if step.kind == "follow_up":
        if step.status == "upcoming":
            return (
                f"Wait for {app.company}; follow up from {when(step.start, now)}, "
                f"by {when(step.due, now)}"
            )
        people = names(
            [
                app.interviewer(m.interviewer_id).name
                for m in milestones
                if m.kind == "follow_up"
                and m.number == step.number
                and m.status != "done"
                and m.interviewer_id is not None
            ]
        )
        if step.status == "due":
            return f"Follow up with {people} ({app.company}) by {when(step.due, now)}"
        return f"Follow up with {people} ({app.company}) now; it was due {when(step.due, now)}"
    if step.status == "upcoming":
        return f"Wait for {app.company}'s answer; with no reply by {when(step.due, now)}, move on"
    return f"No reply from {app.company}: time to move on, and keep the people in your network"


def _thank_you_words(
    app: Application, step: Milestone, milestones: list[Milestone], now: datetime
) -> str:
    """Describe the thank-you notes still to send, naming everyone who is waiting for one."""
    waiting = [
        app.interviewer(m.interviewer_id).name
        for m in milestones
        if m.kind == "thank_you" and m.status == step.status and m.interviewer_id is not None
    ]
    whose = (
        f"{waiting[0]}'s thank-you" if len(waiting) == 1 else f"thank-you notes to {names(waiting)}"
    )
    if step.status == "upcoming":
        return f"After the interview ({when(step.start, now)}), send {whose}"
    if step.status == "due":
        target = step.ideal if step.ideal is not None and now < step.ideal else step.due
        return f"Send {whose} by {when(target, now)}"
    if step.late is not None and now <= step.late:
        return (
            f"Send {whose} now: it was due {when(step.due, now)}, "
            f"and after {when(step.late, now)} it looks late"
        )
    return f"Send {whose} anyway: it is late, but a late thank-you beats none"


def _closing_words(app: Application) -> str:
    """What is left to do once nothing is pending."""
    if app.status == "offer":
        return f"Congratulations on the offer from {app.company}"
    if app.status == "rejected":
        return f"Keep the people you met at {app.company} in your network; ask about referrals"
    if app.status in ("withdrawn", "moved_on"):
        return f"{app.company} is closed; your contacts there stay in your network"
    return "Nothing to do right now"


def checklist(app: Application, now: datetime, zone: ZoneInfo | None = None) -> list[ChecklistItem]:
    """Return every rule of the playbook as it applies to this application now, its times said
    in ``zone`` when given (else the application's)."""
    milestones = plan(app, now)
    if zone is not None:
        milestones = [_in_zone(milestone, zone) for milestone in milestones]
    return [ChecklistItem(rule, *_assess(rule.id, app, milestones, now)) for rule in RULES.values()]


def _assess(
    rule_id: str, app: Application, milestones: list[Milestone], now: datetime
) -> tuple[ItemState, str]:
    """Return the state and the plain-words detail of one rule for one application."""
    thank_you = [m for m in milestones if m.kind == "thank_you"]
    unthanked = [  # from the contact log: a closed application's plan keeps only what was done
        person.name
        for person in app.interviewers
        if not any(c.kind == "thank_you" for c in app.contacts_with(person.id))
    ]
    match rule_id:
        case "S1":
            untitled = [p.name for p in app.interviewers if not p.title]
            if not app.interviewers:
                return "todo", "Add the people you met."
            if untitled:
                return "todo", f"Add the exact title of {names(untitled)}."
            return "done", f"Names and titles noted for all {len(app.interviewers)} people."
        case "S2":
            if app.decision_date is not None:
                return "done", f"They expect to decide by {app.decision_date:%a %d %b %Y}."
            if app.decision_date_not_given:
                return "missed", (
                    "They did not say when they will decide. Next time, ask before you leave: "
                    "the answer sets your follow-up date. Until then the plan uses 7 to 10 days."
                )
            return "todo", (
                "Did they say when they expect to decide? Add the date, or note that they did "
                "not say."
            )
        case "N1":
            missing = [p.name for p in app.interviewers if not p.has_notes()]
            overall = any((app.went_well, app.went_badly, app.stood_out))
            if missing:
                return "todo", f"Write down what you discussed with {names(missing)}."
            if not overall:
                return "todo", "Note what went well, what went badly and what stood out."
            return "done", "Notes written for every person and for the interview as a whole."
        case "N2":
            if app.references_notified:
                return "done", "Your references know a call may come."
            return "todo", "Tell your references they may be contacted."
        case "T1":
            if app.interviewers and not unthanked:
                return "done", "Every person has been thanked."
            return "todo", "Send a thank-you even if it went badly or you have lost interest."
        case "T2":
            if app.status != OPEN_STATUS and unthanked:
                return "guide", "The application is closed; there is no deadline any more."
            return _timing(thank_you, now)
        case "T3":
            if not unthanked:
                if len(app.interviewers) == 1:
                    return "done", f"A thank-you is logged for {app.interviewers[0].name}."
                return (
                    "done",
                    f"A thank-you is logged for each of the {len(app.interviewers)} people.",
                )
            return "todo", f"Still to thank: {names(unthanked)}."
        case "T12":
            culture = CULTURES[app.culture]
            return "guide", f"{culture.label} office: write in a {culture.register} tone."
        case "T13":
            return "guide", f"Channel: {CHANNEL_LABELS[app.channel].lower()}."
        case "T14":
            if app.interviewers and all(p.is_recruiter for p in app.interviewers):
                return "warning", (
                    "Everyone on this list is a recruiter. Thank the people at the employer "
                    "directly, unless the recruiter insists on passing it on."
                )
            return "done", "Your thanks go to the employer's own people."
        case "T15":
            return "guide", "One thank-you per person; a second one is refused."
        case "F1":
            if app.status != OPEN_STATUS:
                return "guide", "The application is closed; no follow-up is planned."
            return _follow_up_timing(milestones, now)
        case "F3":
            return _budget(app)
        case "F4":
            return "guide", "Keep applying and interviewing elsewhere while you wait."
        case "F6":
            if app.status == "rejected":
                return "todo", (
                    "Connect with the people you met and ask whether they know of other openings."
                )
            return "guide", "If there is no offer, keep the people in your network."
        case _:
            return "guide", ""  # nothing in the data to tick: the rule's explanation says it all


def _timing(thank_you: list[Milestone], now: datetime) -> tuple[ItemState, str]:
    """T2: time left to the ideal, due and late moments of the thank-you notes."""
    pending = [m for m in thank_you if m.status != "done"]
    if not thank_you or not pending:
        return "done", "Every thank-you was sent."
    step = pending[0]
    moments = []
    if step.ideal is not None and now < step.ideal:
        moments.append(f"ideal {when(step.ideal, now)}")
    moments.append(f"due {when(step.due, now)}")
    if step.late is not None:
        moments.append(f"late after {when(step.late, now)}")
    state: ItemState = "warning" if step.status == "overdue" else "todo"
    return state, "Thank-you notes: " + ", ".join(moments) + "."


def _follow_up_timing(milestones: list[Milestone], now: datetime) -> tuple[ItemState, str]:
    """F1: when the follow-ups are planned."""
    follow_ups = [m for m in milestones if m.kind == "follow_up"]
    if not follow_ups:
        return "guide", "No follow-up is planned for this profile."
    pending = [m for m in follow_ups if m.status != "done"]
    if not pending:
        return "done", "Every planned follow-up was made."
    step = pending[0]
    window = f"from {when(step.start, now)} to {when(step.due, now)}"
    state: ItemState = "warning" if step.status == "overdue" else "todo"
    return state, f"Follow-up {step.number}: {window}."


def _budget(app: Application) -> tuple[ItemState, str]:
    """F3: follow-up contacts used against the profile's budget, per person."""
    budgets = {person.name: follow_up_budget(app, person.id) for person in app.interviewers}
    planned = len(follow_up_windows(app))
    over = [name for name, (used, allowed) in budgets.items() if used > allowed]
    spent = max((used for used, _ in budgets.values()), default=0)
    summary = (
        f"{app.profile.capitalize()} profile: {plural(planned, 'follow-up')} per person after "
        f"the thank-you; most used so far: {spent}."
    )
    if over:
        return "warning", summary + f" Over the limit with {names(over)}: time to move on."
    if app.status != OPEN_STATUS or (spent >= planned > 0):
        return "done", summary
    return "guide", summary
