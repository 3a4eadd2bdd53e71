"""Insights from how applications end: outcomes (F3, F4), the follow-up budget (F3) and the
people kept (T3, F6), as defined in lib/insights.py. Pure: no Streamlit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

import pandas as pd

from lib.guidance import PROFILES, ProfileName
from lib.insight_contacts import STYLE_LABELS, first_thank_yous
from lib.model import OPEN_STATUS, Application, Status
from lib.overview import STATUS_NAMES
from lib.schedule import FOLLOW_UP_KINDS, follow_up_windows, latest_news

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
        thanked += len(first_thank_yous(app).keys() & {p.id for p in app.interviewers})
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
