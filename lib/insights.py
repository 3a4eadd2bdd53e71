"""Insights: what the job search is teaching, over every application, open and closed.

Pure: no Streamlit. One function per figure, each taking the applications and returning a
small frozen result whose ``table()`` is the data behind its chart (and its CSV download).

The definitions, exactly:

- **Thank-yous on time (T2).** Per person met, the first thank-you the user sent them (direction
  mine, kind thank_you) is compared with the application's ``thank_you_moments``: *ideal* when
  sent at or before the ideal moment (20:00 on the interview day), *due* when at or before the
  due moment (24 hours after the interview), *late* after it. A person not thanked is *not sent*
  once the due moment has passed, and *not due yet* before it; "on time" is out of everyone but
  the not-due-yet, so a thank-you that may still go today counts neither way. The month is the
  interview's month in the application's own timezone. "On time" means ideal or due.
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

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import pandas as pd

from lib.guidance import CULTURES, RULES, THANK_YOU_TIMING, CultureName
from lib.insight_contacts import Replies, ThankYouTimes, replies, thank_you_times
from lib.insight_outcomes import BudgetUse, Outcomes, People, budget_use, outcomes, people
from lib.model import Application

TOO_FEW = 5  # fewer applications than this: the numbers are too few to read

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
        f"interview day, due within {THANK_YOU_TIMING.due_after_hours} hours, late after that "
        "(one not due yet counts neither way); by the month of the interview.",
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


def insights(applications: Sequence[Application], now: datetime) -> Insights:
    """Work out every figure over ``applications``, as they stand at ``now``."""
    return Insights(
        applications=len(applications),
        thank_yous=thank_you_times(applications, now),
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
    from 2 of 5 applications you wrote to"; "" while there is neither (nobody met, or every
    thank-you still to come)."""
    times = found.thank_yous
    parts = []
    if times.settled:  # a thank-you that may still go on time today is not counted against
        parts.append(f"{times.on_time} of {times.settled} people thanked on time")
    if found.replies.contacted:
        parts.append(
            f"replies from {found.replies.replied} of {found.replies.contacted} "
            f"application{'s' if found.replies.contacted != 1 else ''} you wrote to"
        )
    return " · ".join(parts)
