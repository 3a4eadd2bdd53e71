"""Insights: what the job search is teaching, over every application, open and closed.

Pure: no Streamlit. One function per figure, each taking the applications and returning a
small frozen result whose ``table()`` is the data behind its chart (and its CSV download).

The definitions, exactly:

- **Thank-yous on time (T2).** Per person met, the first thank-you the user sent them
  (direction mine, kind thank_you) is compared with the application's ``thank_you_moments``:
  *ideal* when sent at or before the ideal moment (20:00 on the interview day), *due* when at or
  before the due moment (24 hours after the interview), *late* after it. A person never thanked
  is *not sent*, counted apart. The month is the interview's month in the application's own
  timezone. "On time" means ideal or due.
- **Replies (F1-F3).** Per application: the user's first contact is its earliest thank-you,
  follow-up or call from the user; the *reply* is the employer's first contact (direction
  theirs) after it, and *days to a reply* run from the user's contact to that reply. An
  application without a contact from the user has nothing to reply to and is left out of the
  rates. Rates are grouped by the channel of the user's first contact, by the application's
  follow-up style, and by whether the user followed up (a follow-up or call) before the reply
  (before now, when none came).
- **Outcomes (F3, F4).** Three stages, each split by status: *interviewed* (every
  application), *heard back* (a contact from them, or an offer or a "no", which they must have
  sent), *decided* (no longer open: offer, not selected, withdrawn, moved on). Moving on after
  silence is a decision without hearing back, so the third stage is not always inside the
  second.
- **Follow-up budget (F3).** Per person: the user's follow-ups and calls since the employer's
  latest news, against the follow-ups the application's plan allows (``follow_up_windows``):
  *under the limit*, *stopped at the limit* (equal, zero for the cautious style included) or
  *past the limit*.
- **People (T3, F6).** People met, people thanked (at least one thank-you), people of the
  applications that ended in a "no" (status rejected), and of those the ones kept: with a
  networking contact ("other", either side) after the employer's latest decision contact, or at
  any time when no decision contact was logged.

Filters (``select``) keep the applications interviewed from ``start`` to ``end`` inclusive
(dates in each application's own timezone) in the chosen office cultures.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

import pandas as pd

from lib.guidance import CULTURES, PROFILES, RULES, THANK_YOU_TIMING, CultureName, ProfileName
from lib.model import OPEN_STATUS, Application, Contact, ContactChannel, Status
from lib.overview import STATUS_NAMES
from lib.schedule import FOLLOW_UP_KINDS, follow_up_windows, latest_news, thank_you_moments

TOO_FEW = 5  # fewer applications than this: the numbers are too few to read
SECONDS_PER_DAY = 86_400

FigureKey = Literal["thank_yous", "replies", "outcomes", "budget", "people"]


@dataclass(frozen=True)
class Figure:
    """What one figure is called, what it means in one line, and the rules it relates to."""

    key: FigureKey
    title: str
    meaning: str
    rules: tuple[str, ...]

    def rules_said(self) -> str:
        """Name the rules with their titles from the playbook: "Rule T2: Send it promptly"."""
        said = "; ".join(f"{rule}: {RULES[rule].title}" for rule in self.rules)
        return f"Rule{'s' if len(self.rules) > 1 else ''} {said}"


FIGURES: dict[FigureKey, Figure] = {
    "thank_yous": Figure(
        "thank_yous",
        "Thank-yous on time",
        f"Each person's first thank-you: ideal by {THANK_YOU_TIMING.ideal_hour}:00 on the "
        f"interview day, due within {THANK_YOU_TIMING.due_after_hours} hours, late after that; "
        "by the month of the interview.",
        ("T2",),
    ),
    "replies": Figure(
        "replies",
        "Replies",
        "How often they answered after your first note, and how many days it took, by how you "
        "wrote, your follow-up style, and whether you followed up.",
        ("F1", "F2", "F3"),
    ),
    "outcomes": Figure(
        "outcomes",
        "Outcomes",
        "From interview to decision: how many interviews you heard back from, and how each "
        "ended (moving on after silence is a decision too).",
        ("F3", "F4"),
    ),
    "budget": Figure(
        "budget",
        "Follow-up budget",
        "Per person, your follow-ups since their latest news against what your style allows: "
        "under it, stopped at it, or past it.",
        ("F3",),
    ),
    "people": Figure(
        "people",
        "People",
        "Everyone you met, everyone you thanked, and the people you kept in touch with after a no.",
        ("T3", "F6"),
    ),
}

# --- thank-yous on time (T2) ---------------------------------------------------------------

Tier = Literal["ideal", "due", "late", "not_sent"]
TIERS: tuple[Tier, ...] = get_args(Tier)
TIER_LABELS: dict[Tier, str] = {
    "ideal": "Ideal",
    "due": "Due",
    "late": "Late",
    "not_sent": "Not sent",
}
ON_TIME: tuple[Tier, ...] = ("ideal", "due")


@dataclass(frozen=True)
class ThankYouTimes:
    """People met per interview month ("2026-11") and thank-you tier."""

    by_month: dict[str, dict[Tier, int]]

    def total(self, *tiers: Tier) -> int:
        """Return how many people fall in any of ``tiers`` (all people when none is named)."""
        wanted = tiers or TIERS
        return sum(counts[tier] for counts in self.by_month.values() for tier in wanted)

    @property
    def sent(self) -> int:
        """People who were thanked."""
        return self.total("ideal", "due", "late")

    @property
    def on_time(self) -> int:
        """People thanked by the due moment (ideal or due)."""
        return self.total(*ON_TIME)

    def table(self) -> pd.DataFrame:
        """One row per month and tier: month, tier, people (zeros included)."""
        return pd.DataFrame(
            [
                {"month": month, "tier": TIER_LABELS[tier], "people": counts[tier]}
                for month, counts in sorted(self.by_month.items())
                for tier in TIERS
            ],
            columns=["month", "tier", "people"],
        )


def tier_of(sent: datetime | None, ideal: datetime, due: datetime) -> Tier:
    """Place a first thank-you sent at ``sent`` (None: never) against its moments (T2)."""
    if sent is None:
        return "not_sent"
    if sent <= ideal:
        return "ideal"
    if sent <= due:
        return "due"
    return "late"


def _first_thank_yous(app: Application) -> dict[str, datetime]:
    """Return when each person got their first thank-you from the user, by person id."""
    first: dict[str, datetime] = {}
    for contact in app.contacts:
        if contact.from_me and contact.kind == "thank_you":
            known = first.get(contact.interviewer_id)
            if known is None or contact.at < known:
                first[contact.interviewer_id] = contact.at
    return first


def thank_you_times(applications: Sequence[Application]) -> ThankYouTimes:
    """Count each person met by the tier of their first thank-you, per interview month."""
    by_month: dict[str, dict[Tier, int]] = {}
    for app in applications:
        ideal, due, _ = thank_you_moments(app)
        month = app.interview_at.astimezone(app.zone).strftime("%Y-%m")
        counts = by_month.setdefault(month, dict.fromkeys(TIERS, 0))
        first = _first_thank_yous(app)
        for person in app.interviewers:
            counts[tier_of(first.get(person.id), ideal, due)] += 1
    return ThankYouTimes(by_month)


# --- replies (F1-F3) -------------------------------------------------------------------------

Dimension = Literal["channel", "style", "followed_up"]
DIMENSION_LABELS: dict[Dimension, str] = {
    "channel": "Channel",
    "style": "Follow-up style",
    "followed_up": "Follow-up",
}
CHANNEL_LABELS: dict[ContactChannel, str] = {
    "email": "Email",
    "handwritten": "Handwritten card",
    "phone": "Phone",
    "video": "Video call",
    "in_person": "In person",
    "other": "Other channel",
}
STYLE_LABELS: dict[ProfileName, str] = {name: f"{name.capitalize()} style" for name in PROFILES}
FOLLOWED_UP_LABELS: dict[bool, str] = {True: "Followed up", False: "No follow-up"}
FIRST_CONTACT_KINDS = frozenset({"thank_you", *FOLLOW_UP_KINDS})


@dataclass(frozen=True)
class Exchange:
    """One application's first contact from the user and the employer's reply, if any."""

    channel: ContactChannel
    style: ProfileName
    followed_up: bool
    days: float | None  # days from the user's contact to the reply; None: no reply


@dataclass(frozen=True)
class ReplyGroup:
    """The reply rate and median days to a reply of one group of applications."""

    dimension: Dimension
    group: str
    contacted: int
    replied: int
    median_days: float | None

    @property
    def rate(self) -> float:
        """The share of the contacted applications that had a reply (0 to 1)."""
        return self.replied / self.contacted if self.contacted else 0.0


@dataclass(frozen=True)
class Replies:
    """Replies over every application the user wrote to, and by group."""

    exchanges: tuple[Exchange, ...]
    not_contacted: int  # applications without a contact from the user
    groups: tuple[ReplyGroup, ...]

    @property
    def contacted(self) -> int:
        """Applications the user got in touch with."""
        return len(self.exchanges)

    @property
    def replied(self) -> int:
        """Of those, the ones with a reply."""
        return sum(e.days is not None for e in self.exchanges)

    @property
    def rate(self) -> float:
        """The share of contacted applications with a reply (0 to 1)."""
        return self.replied / self.contacted if self.contacted else 0.0

    @property
    def median_days(self) -> float | None:
        """The median days to a reply, or None without any reply."""
        return _median([e.days for e in self.exchanges if e.days is not None])

    def table(self) -> pd.DataFrame:
        """One row per group: dimension, group, contacted, replied, reply_rate, median_days."""
        return pd.DataFrame(
            [
                {
                    "dimension": DIMENSION_LABELS[g.dimension],
                    "group": g.group,
                    "contacted": g.contacted,
                    "replied": g.replied,
                    "reply_rate": round(g.rate, 3),
                    "median_days": g.median_days,
                }
                for g in self.groups
            ],
            columns=["dimension", "group", "contacted", "replied", "reply_rate", "median_days"],
        )


def _median(days: Sequence[float]) -> float | None:
    """Return the median of some day counts to one decimal, or None for none."""
    return round(statistics.median(days), 1) if days else None


def exchange(app: Application) -> Exchange | None:
    """Return the application's first contact from the user and its reply (None: no contact)."""
    ordered = sorted(app.contacts, key=lambda c: c.at)
    first: Contact | None = next(
        (c for c in ordered if c.from_me and c.kind in FIRST_CONTACT_KINDS), None
    )
    if first is None:
        return None
    reply = next((c for c in ordered if not c.from_me and c.at > first.at), None)
    until = reply.at if reply is not None else None
    followed_up = any(
        c.from_me and c.kind in FOLLOW_UP_KINDS and (until is None or c.at < until) for c in ordered
    )
    days = None if reply is None else (reply.at - first.at).total_seconds() / SECONDS_PER_DAY
    return Exchange(first.channel, app.profile, followed_up, days)


def replies(applications: Sequence[Application]) -> Replies:
    """Work out the reply rate and days to a reply, overall and per group (F1-F3)."""
    exchanges = [found for app in applications if (found := exchange(app)) is not None]
    keys: list[tuple[Dimension, list[tuple[object, str]]]] = [
        ("channel", list(CHANNEL_LABELS.items())),
        ("style", list(STYLE_LABELS.items())),
        ("followed_up", list(FOLLOWED_UP_LABELS.items())),
    ]
    groups = []
    for dimension, labelled in keys:
        for value, label in labelled:
            members = [e for e in exchanges if _value(e, dimension) == value]
            if members:
                days = [e.days for e in members if e.days is not None]
                groups.append(ReplyGroup(dimension, label, len(members), len(days), _median(days)))
    return Replies(tuple(exchanges), len(applications) - len(exchanges), tuple(groups))


def _value(found: Exchange, dimension: Dimension) -> object:
    """Return an exchange's value along one dimension."""
    if dimension == "channel":
        return found.channel
    if dimension == "style":
        return found.style
    return found.followed_up


# --- outcomes (F3, F4) -----------------------------------------------------------------------

Stage = Literal["interviewed", "heard_back", "decided"]
STAGES: tuple[Stage, ...] = get_args(Stage)
STAGE_LABELS: dict[Stage, str] = {
    "interviewed": "Interviewed",
    "heard_back": "Heard back",
    "decided": "Decided",
}
STATUSES: tuple[Status, ...] = ("offer", "rejected", "withdrawn", "moved_on", "open")
OUTCOME_LABELS: dict[Status, str] = {**STATUS_NAMES, "open": "Still open"}
THEIR_DECISIONS: frozenset[Status] = frozenset({"offer", "rejected"})


@dataclass(frozen=True)
class Outcomes:
    """Applications per stage and status."""

    by_stage: dict[Stage, dict[Status, int]]

    def count(self, stage: Stage, status: Status | None = None) -> int:
        """Return the applications at ``stage`` (with ``status``, when named)."""
        counts = self.by_stage[stage]
        return counts[status] if status is not None else sum(counts.values())

    def table(self) -> pd.DataFrame:
        """One row per stage and status: stage, status, applications (zeros included; no open
        row at the decided stage)."""
        return pd.DataFrame(
            [
                {
                    "stage": STAGE_LABELS[stage],
                    "status": OUTCOME_LABELS[status],
                    "applications": self.by_stage[stage][status],
                }
                for stage in STAGES
                for status in STATUSES
                if not (stage == "decided" and status == OPEN_STATUS)  # never: a decision closes
            ],
            columns=["stage", "status", "applications"],
        )


def outcomes(applications: Sequence[Application]) -> Outcomes:
    """Count the applications at each stage from interview to decision, by status."""
    by_stage: dict[Stage, dict[Status, int]] = {s: dict.fromkeys(STATUSES, 0) for s in STAGES}
    for app in applications:
        by_stage["interviewed"][app.status] += 1
        if app.status in THEIR_DECISIONS or any(not c.from_me for c in app.contacts):
            by_stage["heard_back"][app.status] += 1
        if app.status != OPEN_STATUS:
            by_stage["decided"][app.status] += 1
    return Outcomes(by_stage)


# --- the follow-up budget (F3) ---------------------------------------------------------------

Use = Literal["under", "at_limit", "past"]
USES: tuple[Use, ...] = get_args(Use)
USE_LABELS: dict[Use, str] = {
    "under": "Under the limit",
    "at_limit": "Stopped at the limit",
    "past": "Past the limit",
}


@dataclass(frozen=True)
class BudgetUse:
    """People per follow-up style and use of the follow-up budget."""

    by_style: dict[ProfileName, dict[Use, int]]

    def total(self, use: Use | None = None) -> int:
        """Return the people with this use of the budget (everyone when None)."""
        return sum(
            count
            for counts in self.by_style.values()
            for key, count in counts.items()
            if use is None or key == use
        )

    def table(self) -> pd.DataFrame:
        """One row per style and use: style, use, people (zeros included)."""
        return pd.DataFrame(
            [
                {"style": STYLE_LABELS[style], "use": USE_LABELS[use], "people": counts[use]}
                for style, counts in self.by_style.items()
                for use in USES
            ],
            columns=["style", "use", "people"],
        )


def use_of(made: int, allowed: int) -> Use:
    """Compare follow-ups made with the follow-ups allowed."""
    if made > allowed:
        return "past"
    return "at_limit" if made == allowed else "under"


def budget_use(applications: Sequence[Application]) -> BudgetUse:
    """Place each person's follow-ups since the latest news against the plan's limit (F3)."""
    by_style: dict[ProfileName, dict[Use, int]] = {p: dict.fromkeys(USES, 0) for p in PROFILES}
    for app in applications:
        allowed = len(follow_up_windows(app))  # once per application, not per person
        news = latest_news(app)
        made = Counter(
            c.interviewer_id
            for c in app.contacts
            if c.from_me and c.kind in FOLLOW_UP_KINDS and (news is None or c.at > news.at)
        )
        for person in app.interviewers:
            by_style[app.profile][use_of(made[person.id], allowed)] += 1
    return BudgetUse(by_style)


# --- people (T3, F6) -------------------------------------------------------------------------

PeopleKey = Literal["met", "thanked", "in_a_no", "kept"]
PEOPLE_KEYS: tuple[PeopleKey, ...] = get_args(PeopleKey)
PEOPLE_LABELS: dict[PeopleKey, str] = {
    "met": "Met",
    "thanked": "Thanked",
    "in_a_no": "Met in a no",
    "kept": "Kept after a no",
}
NO: Status = "rejected"


@dataclass(frozen=True)
class People:
    """How many people were met, thanked, part of a "no", and kept after one."""

    met: int
    thanked: int
    in_a_no: int
    kept: int

    def table(self) -> pd.DataFrame:
        """One row per count: people, count."""
        return pd.DataFrame(
            [{"people": PEOPLE_LABELS[key], "count": getattr(self, key)} for key in PEOPLE_KEYS],
            columns=["people", "count"],
        )


def people(applications: Sequence[Application]) -> People:
    """Count the people met, thanked, met in an application that was a no, and kept (F6)."""
    met = thanked = in_a_no = kept = 0
    for app in applications:
        met += len(app.interviewers)
        thanked += len(_first_thank_yous(app).keys() & {p.id for p in app.interviewers})
        if app.status != NO:
            continue
        in_a_no += len(app.interviewers)
        decisions = [c.at for c in app.contacts if not c.from_me and c.kind == "decision"]
        no_at = max(decisions, default=None)
        kept_ids = {
            c.interviewer_id
            for c in app.contacts
            if c.kind == "other" and (no_at is None or c.at > no_at)
        }
        kept += len(kept_ids & {p.id for p in app.interviewers})
    return People(met, thanked, in_a_no, kept)


# --- all of them, the filters, and home's line ---------------------------------------------


@dataclass(frozen=True)
class Insights:
    """Every figure over one selection of applications."""

    applications: int
    thank_yous: ThankYouTimes
    replies: Replies
    outcomes: Outcomes
    budget: BudgetUse
    people: People

    @property
    def too_few(self) -> bool:
        """Whether there are too few applications for the numbers to mean much."""
        return self.applications < TOO_FEW

    def table(self, key: FigureKey) -> pd.DataFrame:
        """Return the table behind one figure."""
        return getattr(self, key).table()


def insights(applications: Sequence[Application]) -> Insights:
    """Work out every figure over ``applications``."""
    return Insights(
        applications=len(applications),
        thank_yous=thank_you_times(applications),
        replies=replies(applications),
        outcomes=outcomes(applications),
        budget=budget_use(applications),
        people=people(applications),
    )


def interview_day(app: Application) -> date:
    """Return the interview's date in the application's own timezone."""
    return app.interview_at.astimezone(app.zone).date()


def select(
    applications: Sequence[Application],
    start: date | None = None,
    end: date | None = None,
    cultures: Collection[CultureName] | None = None,
) -> list[Application]:
    """Keep the applications interviewed from ``start`` to ``end`` (inclusive; None: open
    ended) in one of ``cultures`` (None: every culture)."""
    return [
        app
        for app in applications
        if (start is None or interview_day(app) >= start)
        and (end is None or interview_day(app) <= end)
        and (cultures is None or app.culture in cultures)
    ]


def date_range(picked: object) -> tuple[date | None, date | None]:
    """Return (start, end) from a date input's value: a pair, one day of a pair being picked,
    one day, or nothing (None: open ended)."""
    days = list(picked) if isinstance(picked, tuple | list) else [picked]
    found = [day if isinstance(day, date) else None for day in days[:2]]
    start, end, *_ = [*found, None, None]
    return start, end


CULTURE_LABELS: dict[CultureName, str] = {name: c.label for name, c in CULTURES.items()}


def headline(found: Insights) -> str:
    """Say the two figures home shows in one line: "3 of 4 people thanked on time · replies
    from 2 of 5 applications you wrote to"; "" when nobody was met yet."""
    times = found.thank_yous
    if not times.total():
        return ""
    parts = [f"{times.on_time} of {times.total()} people thanked on time"]
    if found.replies.contacted:
        parts.append(
            f"replies from {found.replies.replied} of {found.replies.contacted} "
            f"application{'s' if found.replies.contacted != 1 else ''} you wrote to"
        )
    return " · ".join(parts)
