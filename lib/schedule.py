"""When each step is due: thank-you notes (T2), references (N2), follow-ups (F1) and moving on (F3).

All moments are timezone-aware and computed in the application's own timezone. Business days
skip weekends and the public holidays of the application's country (the ``holidays`` package).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

from lib.guidance import FOLLOW_UP_TIMING, PROFILES, THANK_YOU_TIMING
from lib.model import OPEN_STATUS, Application, Contact, ContactKind
from lib.text import plural

MilestoneKind = Literal["thank_you", "references", "follow_up", "move_on"]
MilestoneStatus = Literal["done", "upcoming", "due", "overdue"]

KIND_ORDER: tuple[MilestoneKind, ...] = ("thank_you", "references", "follow_up", "move_on")
END_OF_DAY = time(23, 59, 59)
FOLLOW_UP_KINDS: frozenset[ContactKind] = frozenset({"follow_up", "call"})


@dataclass(frozen=True)
class Milestone:
    """One step of an application's plan, with its window and where it stands now.

    ``start`` opens the window, ``due`` is the target and ``late`` (when set) the moment after
    which it looks careless. ``ideal`` is the best moment, where the rule names one.
    """

    kind: MilestoneKind
    interviewer_id: str | None
    start: datetime
    due: datetime
    late: datetime | None
    status: MilestoneStatus
    rule: str
    ideal: datetime | None = None
    number: int = 1  # the follow-up's place in the sequence (1, 2, ...)
    done_at: datetime | None = None


@dataclass(frozen=True)
class ContactCheck:
    """Whether a new contact with a person is advisable now, and why (not)."""

    allowed: bool
    reason: str
    rule: str


@lru_cache(maxsize=128)
def _holidays(country: str, year: int) -> frozenset[date]:
    """Return the public holidays of one country in one year."""
    return frozenset(holidays.country_holidays(country, years=year))


def is_business_day(day: date, country: str) -> bool:
    """Whether ``day`` is neither a weekend nor a public holiday in ``country``."""
    return day.weekday() < 5 and day not in _holidays(country, day.year)


def roll_forward(day: date, country: str) -> date:
    """Return ``day`` itself when it is a business day, else the next business day."""
    while not is_business_day(day, country):
        day += timedelta(days=1)
    return day


def add_business_days(day: date, count: int, country: str) -> date:
    """Return the ``count``-th business day after ``day`` (``day`` itself does not count)."""
    for _ in range(count):
        day = roll_forward(day + timedelta(days=1), country)
    return day


def _at(day: date, moment: time, zone: ZoneInfo) -> datetime:
    """Return the local moment on ``day`` in ``zone``."""
    return datetime.combine(day, moment, tzinfo=zone)


def _status(
    now: datetime, start: datetime, due: datetime, done: bool, can_be_overdue: bool = True
) -> MilestoneStatus:
    """Classify a milestone at ``now``."""
    if done:
        return "done"
    if now < start:
        return "upcoming"
    if now <= due or not can_be_overdue:
        return "due"
    return "overdue"


def thank_you_moments(app: Application) -> tuple[datetime, datetime, datetime]:
    """Return the ideal, due and late moments of the thank-you notes (T2)."""
    zone = app.zone
    interview = app.interview_at.astimezone(zone)
    ideal = max(_at(interview.date(), time(THANK_YOU_TIMING.ideal_hour), zone), interview)
    # 24 real hours, so a daylight-saving change in between is counted correctly
    due = (
        interview.astimezone(UTC) + timedelta(hours=THANK_YOU_TIMING.due_after_hours)
    ).astimezone(zone)
    late_day = add_business_days(
        interview.date(), THANK_YOU_TIMING.late_after_business_days, app.country
    )
    return ideal, due, _at(late_day, END_OF_DAY, zone)


def follow_up_windows(app: Application) -> list[tuple[datetime, datetime]]:
    """Return the (start, due) window of each planned follow-up (F1), in order."""
    zone = app.zone
    timing = FOLLOW_UP_TIMING
    profile = PROFILES[app.profile]
    interview_day = app.interview_at.astimezone(zone).date()
    opens = time(timing.start_hour)

    def window(first: date, last: date) -> tuple[datetime, datetime]:
        return _at(first, opens, zone), _at(roll_forward(last, app.country), END_OF_DAY, zone)

    if app.decision_date is not None:
        day = add_business_days(app.decision_date, timing.after_decision_business_days, app.country)
        standard = window(day, day)
    else:
        standard = window(
            interview_day + timedelta(days=timing.window_start_day),
            interview_day + timedelta(days=timing.window_end_day),
        )
    windows = [standard]
    if profile.early_call_days is not None:
        first, last = (interview_day + timedelta(days=n) for n in profile.early_call_days)
        call_day = _last_business_day(first, last, app.country) or roll_forward(last, app.country)
        early = _at(first, opens, zone), _at(call_day, END_OF_DAY, zone)
        if early[1] < standard[0]:  # a decision due sooner makes the early call redundant
            windows.insert(0, early)
    return windows[: profile.follow_ups]


def _last_business_day(first: date, last: date, country: str) -> date | None:
    """Return the last business day from ``first`` to ``last`` inclusive, if there is one."""
    day = last
    while day >= first:
        if is_business_day(day, country):
            return day
        day -= timedelta(days=1)
    return None


def _follow_up_rounds(app: Application) -> list[datetime]:
    """Return the first moment of each day on which the user followed up with anyone."""
    firsts: dict[date, datetime] = {}
    for contact in sorted(app.contacts, key=lambda c: c.at):
        if contact.kind in FOLLOW_UP_KINDS:
            firsts.setdefault(contact.at.astimezone(app.zone).date(), contact.at)
    return list(firsts.values())


def plan(app: Application, now: datetime) -> list[Milestone]:
    """Return every milestone of an application with its status at ``now``.

    Applications that are no longer open keep only what was done (and, when the user moved
    on, the move-on step itself); nothing of theirs is pending.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    ideal, due, late = thank_you_moments(app)
    interview = app.interview_at
    milestones: list[Milestone] = []
    for person in app.interviewers:
        sent = [c.at for c in app.contacts_with(person.id) if c.kind == "thank_you"]
        milestones.append(
            Milestone(
                kind="thank_you",
                interviewer_id=person.id,
                start=interview,
                due=due,
                late=late,
                status=_status(now, interview, due, bool(sent)),
                rule="T2",
                ideal=ideal,
                done_at=sent[0] if sent else None,
            )
        )
    milestones.append(
        Milestone(
            kind="references",
            interviewer_id=None,
            start=interview,
            due=due,
            late=None,
            status=_status(now, interview, due, app.references_notified),
            rule="N2",
        )
    )
    windows = follow_up_windows(app)
    rounds = _follow_up_rounds(app)
    for number, (start, window_due) in enumerate(windows, start=1):
        done_at = rounds[number - 1] if len(rounds) >= number else None
        milestones.append(
            Milestone(
                kind="follow_up",
                interviewer_id=None,
                start=start,
                due=window_due,
                late=None,
                status=_status(now, start, window_due, done_at is not None),
                rule="F1",
                number=number,
                done_at=done_at,
            )
        )
    move_on = _move_on_moment(app, due, windows)
    moved_on = app.status == "moved_on"
    milestones.append(
        Milestone(
            kind="move_on",
            interviewer_id=None,
            start=move_on,
            due=move_on,
            late=None,
            status=_status(now, move_on, move_on, moved_on, can_be_overdue=False),
            rule="F3",
        )
    )
    if app.status != OPEN_STATUS:
        milestones = [m for m in milestones if m.status == "done"]
    return sorted(milestones, key=lambda m: (m.due, KIND_ORDER.index(m.kind), m.number))


def _move_on_moment(
    app: Application, thank_you_due: datetime, windows: list[tuple[datetime, datetime]]
) -> datetime:
    """Return when to move on: a week after the last planned contact with no reply (F3)."""
    if windows:
        anchor = windows[-1][1]
    else:
        anchor = thank_you_due
        if app.decision_date is not None:
            anchor = max(anchor, _at(app.decision_date, END_OF_DAY, app.zone))
    return anchor + timedelta(days=FOLLOW_UP_TIMING.move_on_after_days)


def check_contact(
    app: Application, interviewer_id: str, kind: ContactKind, now: datetime
) -> ContactCheck:
    """Say whether logging a new contact of ``kind`` with this person fits the plan now.

    A second thank-you is refused (T15); follow-ups and calls are counted against the
    profile's budget and the follow-up window (F3, F1). Other contacts (a reply to their
    request, networking) are always allowed.
    """
    try:
        person = app.interviewer(interviewer_id)
    except KeyError:
        return ContactCheck(False, "That person is not on this application's panel.", "S1")
    past = app.contacts_with(person.id)
    if kind == "other":
        return ContactCheck(True, "Not counted against the follow-up budget.", "F3")
    if kind == "thank_you":
        thanked = [c for c in past if c.kind == "thank_you"]
        if thanked:
            return ContactCheck(
                False,
                f"You already thanked {person.name} on {thanked[0].at:%d %b %Y}. One thank-you "
                "per person: a second one reads as pestering.",
                "T15",
            )
        if now < app.interview_at:
            return ContactCheck(
                False,
                f"The interview is on {app.interview_at:%d %b %Y at %H:%M}; thank them after it.",
                "T2",
            )
        return ContactCheck(True, f"Thank {person.name} once.", "T15")
    return _check_follow_up(app, person.name, past, now)


def follow_up_budget(app: Application, interviewer_id: str) -> tuple[int, int]:
    """Return (follow-ups and calls made, follow-ups planned) with one person (F3)."""
    used = sum(c.kind in FOLLOW_UP_KINDS for c in app.contacts_with(interviewer_id))
    return used, len(follow_up_windows(app))


def _check_follow_up(
    app: Application, name: str, past: list[Contact], now: datetime
) -> ContactCheck:
    """Apply the follow-up budget (F3) and window (F1) to one more follow-up with a person."""
    if app.status != OPEN_STATUS:
        return ContactCheck(
            False,
            f"This application is closed ({app.status.replace('_', ' ')}); keep in touch as "
            "networking instead (log it as 'other').",
            "F6",
        )
    if not any(c.kind == "thank_you" for c in past):
        return ContactCheck(
            False, f"Send {name} the thank-you first; the follow-up comes after it.", "F2"
        )
    windows = follow_up_windows(app)
    used = sum(1 for c in past if c.kind in FOLLOW_UP_KINDS)
    if used >= len(windows):
        return ContactCheck(
            False,
            f"You have followed up with {name} {plural(used, 'time')}; the {app.profile} "
            f"profile plans {plural(len(windows), 'follow-up')} here. Unless they asked you to "
            "keep in touch, it is time to move on.",
            "F3",
        )
    start, _ = windows[used]
    if now < start:
        return ContactCheck(
            False,
            f"Too early: follow-up {used + 1} opens on {start:%a %d %b %Y}. Give them time "
            "to decide.",
            "F1",
        )
    return ContactCheck(True, f"Follow-up {used + 1} of {len(windows)} with {name}.", "F3")


def next_step(milestones: list[Milestone]) -> Milestone | None:
    """Return the most pressing milestone that is not done: overdue, then due, then upcoming."""
    urgency: dict[MilestoneStatus, int] = {"overdue": 0, "due": 1, "upcoming": 2}
    pending = [m for m in milestones if m.status != "done"]
    return min(pending, key=lambda m: (urgency[m.status], m.due), default=None)


def describe(app: Application, milestone: Milestone) -> str:
    """Name a milestone's action in plain words, e.g. "Thank-you to Priya Raghunathan"."""
    if milestone.kind == "thank_you" and milestone.interviewer_id is not None:
        return f"Thank-you to {app.interviewer(milestone.interviewer_id).name}"
    if milestone.kind == "references":
        return "Tell your references they may be called"
    if milestone.kind == "follow_up":
        return f"Follow-up {milestone.number} with {app.company}"
    return f"Move on from {app.company} if there is no reply"
