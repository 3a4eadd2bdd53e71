"""When each step is due: thank-you notes (T2), references (N2), follow-ups (F1) and moving on (F3).

All moments are timezone-aware and computed in the application's own timezone. Business days
skip weekends and the public holidays of the application's country (the ``holidays`` package).

Contacts go both ways. Only the user's own follow-ups and calls count against the follow-up
budget (F3). News from the employer (a reply, a call, an invitation to a next round, a
decision) restarts the plan from that moment: a decision date it gives becomes the plan's
(F1), the next round's day becomes the anchor, the budget counts afresh from it, and the
"move on" clock restarts. Every page, the counts and the calendar read this one plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

from lib.guidance import FOLLOW_UP_TIMING, PROFILES, THANK_YOU_TIMING
from lib.model import OPEN_STATUS, Application, Contact, ContactKind, Direction
from lib.text import plural

MilestoneKind = Literal["thank_you", "references", "follow_up", "move_on"]
MilestoneStatus = Literal["done", "upcoming", "due", "overdue"]

KIND_ORDER: tuple[MilestoneKind, ...] = ("thank_you", "references", "follow_up", "move_on")
END_OF_DAY = time(23, 59, 59)
FOLLOW_UP_KINDS: frozenset[ContactKind] = frozenset({"follow_up", "call"})  # the user's own


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


def latest_news(app: Application) -> Contact | None:
    """Return the employer's latest contact (a reply, a call, an invitation, a decision)."""
    return max((c for c in app.contacts if not c.from_me), key=lambda c: c.at, default=None)


def decision_day(app: Application) -> date | None:
    """Return the decision date the plan follows: the latest one the employer gave in a
    contact, else the one noted at the interview."""
    given = [c for c in app.contacts if not c.from_me and c.date_given and c.kind != "invitation"]
    latest = max(given, key=lambda c: c.at, default=None)
    return latest.date_given if latest is not None else app.decision_date


def follow_up_windows(app: Application) -> list[tuple[datetime, datetime]]:
    """Return the (start, due) window of each planned follow-up (F1), in order.

    Before any news: the profile's windows after the interview. After news from the employer:
    one follow-up (none in the cautious profile, none after a decision), after the decision
    date when one stands after the news, else 7 to 10 days after the news (or the next round).
    """
    zone = app.zone
    timing = FOLLOW_UP_TIMING
    profile = PROFILES[app.profile]
    news = latest_news(app)
    anchor = app.interview_at.astimezone(zone).date()
    if news is not None:
        anchor = news.at.astimezone(zone).date()
        if news.kind == "invitation" and news.date_given is not None:
            anchor = max(anchor, news.date_given)
    opens = time(timing.start_hour)

    def window(first: date, last: date) -> tuple[datetime, datetime]:
        return _at(first, opens, zone), _at(roll_forward(last, app.country), END_OF_DAY, zone)

    decision = decision_day(app)
    if decision is not None and decision >= anchor:
        day = add_business_days(decision, timing.after_decision_business_days, app.country)
        standard = window(day, day)
    else:
        standard = window(
            anchor + timedelta(days=timing.window_start_day),
            anchor + timedelta(days=timing.window_end_day),
        )
    if news is not None:
        return [] if news.kind == "decision" else [standard][: min(1, profile.follow_ups)]
    windows = [standard]
    if profile.early_call_days is not None:
        first, last = (anchor + timedelta(days=n) for n in profile.early_call_days)
        call_day = _last_business_day(first, last, app.country) or roll_forward(last, app.country)
        early = _at(first, opens, zone), _at(call_day, END_OF_DAY, zone)
        if early[1] < standard[0]:  # a decision due sooner makes the early call redundant
            windows.insert(0, early)
    return windows[: profile.follow_ups]


def follow_ups_made(app: Application, interviewer_id: str) -> list[datetime]:
    """Return when the user followed up with one person since the employer's latest news."""
    return _follow_ups_since(app, interviewer_id, latest_news(app))


def _follow_ups_since(
    app: Application, interviewer_id: str, news: Contact | None
) -> list[datetime]:
    """Return when the user followed up with one person after ``news`` (ever, when None)."""
    return [
        c.at
        for c in app.contacts_with(interviewer_id)
        if c.from_me and c.kind in FOLLOW_UP_KINDS and (news is None or c.at > news.at)
    ]


def _last_business_day(first: date, last: date, country: str) -> date | None:
    """Return the last business day from ``first`` to ``last`` inclusive, if there is one."""
    day = last
    while day >= first:
        if is_business_day(day, country):
            return day
        day -= timedelta(days=1)
    return None


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
    news = latest_news(app)  # once for the panel, not once per person
    for person in app.interviewers:
        made = _follow_ups_since(app, person.id, news)
        for number, (start, window_due) in enumerate(windows, start=1):
            done_at = made[number - 1] if len(made) >= number else None
            milestones.append(
                Milestone(
                    kind="follow_up",
                    interviewer_id=person.id,
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
    """Return when to move on: a week after the last planned contact with no reply (F3), or
    after the employer's latest news when no follow-up is planned after it."""
    if windows:
        anchor = windows[-1][1]
    else:
        anchor = thank_you_due
        if (decision := decision_day(app)) is not None:
            anchor = max(anchor, _at(decision, END_OF_DAY, app.zone))
        if (news := latest_news(app)) is not None:
            anchor = max(anchor, news.at)
    return anchor + timedelta(days=FOLLOW_UP_TIMING.move_on_after_days)


def check_contact(
    app: Application,
    interviewer_id: str,
    kind: ContactKind,
    now: datetime,
    direction: Direction = "mine",
) -> ContactCheck:
    """Say whether logging a new contact of ``kind`` with this person fits the plan now.

    News from the employer is always welcome and restarts the plan (F1). A second thank-you
    is refused (T15); the user's follow-ups and calls are counted against the profile's
    budget and the follow-up window (F3, F1). Networking is always allowed.
    """
    try:
        person = app.interviewer(interviewer_id)
    except KeyError:
        return ContactCheck(False, "That person is not on this application's panel.", "S1")
    past = app.contacts_with(person.id)
    if direction == "theirs":
        return ContactCheck(
            True, "News from them: the plan starts again from it, and nothing is used up.", "F1"
        )
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
    return _check_follow_up(app, person.id, person.name, past, now)


def follow_up_budget(app: Application, interviewer_id: str) -> tuple[int, int]:
    """Return (the user's follow-ups and calls since the employer's latest news, follow-ups
    planned) with one person (F3)."""
    return len(follow_ups_made(app, interviewer_id)), len(follow_up_windows(app))


def _check_follow_up(
    app: Application, person_id: str, name: str, past: list[Contact], now: datetime
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
    used = len(follow_ups_made(app, person_id))
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
    if milestone.kind == "follow_up" and milestone.interviewer_id is not None:
        number = f" {milestone.number}" if milestone.number > 1 else ""
        return f"Follow-up{number} to {app.interviewer(milestone.interviewer_id).name}"
    return f"Move on from {app.company} if there is no reply"
