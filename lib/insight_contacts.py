"""Insights from the contact log's timing: thank-yous on time (T2) and replies (F1-F3), as
defined in lib/insights.py. Pure: no Streamlit."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

import pandas as pd

from lib.guidance import PROFILES, ProfileName
from lib.model import Application, Contact, ContactChannel
from lib.schedule import FOLLOW_UP_KINDS, thank_you_moments

SECONDS_PER_DAY = 86_400

# --- thank-yous on time (T2) ---------------------------------------------------------------

Tier = Literal["ideal", "due", "late", "not_sent", "not_yet"]
TIERS: tuple[Tier, ...] = get_args(Tier)
TIER_LABELS: dict[Tier, str] = {
    "ideal": "Ideal",
    "due": "Due",
    "late": "Late",
    "not_sent": "Not sent",
    "not_yet": "Not due yet",
}
ON_TIME: tuple[Tier, ...] = ("ideal", "due")
SETTLED: tuple[Tier, ...] = ("ideal", "due", "late", "not_sent")  # all but "not due yet"


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

    @property
    def settled(self) -> int:
        """People whose thank-you was sent or is past due: the ones "on time" is out of (a
        thank-you that may still go today is neither on time nor late yet)."""
        return self.total(*SETTLED)

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


def tier_of(sent: datetime | None, ideal: datetime, due: datetime, now: datetime) -> Tier:
    """Place a first thank-you sent at ``sent`` (None: not yet) against its moments (T2); one
    not sent by ``now`` is "not sent" once it is past due, else "not due yet"."""
    if sent is None:
        return "not_sent" if now > due else "not_yet"
    if sent <= ideal:
        return "ideal"
    if sent <= due:
        return "due"
    return "late"


def first_thank_yous(app: Application) -> dict[str, datetime]:
    """Return when each person got their first thank-you from the user, by person id."""
    first: dict[str, datetime] = {}
    for contact in app.contacts:
        if contact.from_me and contact.kind == "thank_you":
            known = first.get(contact.interviewer_id)
            if known is None or contact.at < known:
                first[contact.interviewer_id] = contact.at
    return first


def thank_you_times(applications: Sequence[Application], now: datetime) -> ThankYouTimes:
    """Count each person met by the tier of their first thank-you at ``now``, per interview
    month."""
    by_month: dict[str, dict[Tier, int]] = {}
    for app in applications:
        ideal, due, _ = thank_you_moments(app)
        month = app.interview_at.astimezone(app.zone).strftime("%Y-%m")
        counts = by_month.setdefault(month, dict.fromkeys(TIERS, 0))
        first = first_thank_yous(app)
        for person in app.interviewers:
            counts[tier_of(first.get(person.id), ideal, due, now)] += 1
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
