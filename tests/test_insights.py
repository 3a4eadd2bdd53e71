"""Insights over a known contact log, worked out by hand, and properties over generated ones.

The known log (``known_log``), all in New York (EST, UTC-5, no clock change in between):

- A, Northwind (standard style, casual, open): interview Mon 16 Nov 2026 10:00, so the
  thank-yous are ideal by Mon 16 Nov 20:00 and due by Tue 17 Nov 10:00. Priya thanked Mon 18:00
  (ideal), Seán Tue 09:00 (due). Follow-up to Priya Mon 23 Nov 10:00; Priya replies Wed 25 Nov
  10:00: 8 days 16 hours after the first thank-you = 8.7 days. After that reply the plan allows
  one follow-up and none was made: both people under the limit.
- B, Contoso (eager, formal, not selected): interview Tue 1 Dec 14:00; ideal Tue 1 Dec 20:00,
  due Wed 2 Dec 14:00. Mei thanked by card Thu 3 Dec 09:00 (late); Jonas never thanked. A call
  to Mei Fri 4 Dec; their decision Thu 10 Dec 09:00, 7.0 days after the card. After a decision
  no follow-up is planned and none was made: both at the limit. Jonas kept in touch Fri 11 Dec
  (networking, after the no): kept.
- C, Fabrikam (cautious, standard culture, moved on): interview Mon 16 Nov 10:00. Kim thanked at
  20:00 exactly (ideal: at the moment counts); a follow-up Tue 24 Nov, never answered. The
  cautious style allows none: past the limit.
- D, Litware (standard, casual, offer): interview Mon 16 Nov 10:00. Ana thanked Tue 17 Nov 10:00
  exactly (due); invited to a next round Thu 19 Nov 10:00: 2.0 days; offer Mon 30 Nov. No
  follow-up; after the decision none allowed: at the limit.
- E, Tailspin (standard, formal, open): interview Mon 16 Nov 10:00; Zoe never contacted: not
  sent, and under the limit (one follow-up allowed).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.guidance import RULES
from lib.insight_contacts import TIERS, replies, thank_you_times, tier_of
from lib.insight_outcomes import (
    PEOPLE_KEYS,
    STAGES,
    USES,
    People,
    budget_use,
    outcomes,
    people,
    use_of,
)
from lib.insights import FIGURES, TOO_FEW, date_range, headline, insights, select
from lib.model import Application, Contact
from tests.conftest import NEW_YORK, ApplicationFactory

LATER = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)  # after every moment of the logs here


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A moment of 2026 in New York."""
    return datetime(2026, month, day, hour, minute, tzinfo=NEW_YORK)


def mine(person: str, kind: str, when: datetime, channel: str = "email") -> dict[str, Any]:
    """A contact from the user."""
    return {"interviewer_id": person, "kind": kind, "at": when, "channel": channel}


def theirs(person: str, kind: str, when: datetime) -> dict[str, Any]:
    """A contact from the employer."""
    return {"interviewer_id": person, "kind": kind, "at": when, "direction": "theirs"}


def known_log(make_application: ApplicationFactory) -> list[Application]:
    """The five applications of the module's docstring."""
    one = [{"id": "p", "name": "Kim Park"}]
    return [
        make_application(
            id="a",
            culture="casual",
            contacts=[
                mine("priya", "thank_you", at(16, 18)),
                mine("sean", "thank_you", at(17, 9)),
                mine("priya", "follow_up", at(23, 10)),
                theirs("priya", "reply", at(25, 10)),
            ],
        ),
        make_application(
            id="b",
            company="Contoso",
            interview_at=at(1, 14, month=12),
            profile="eager",
            culture="formal",
            channel="handwritten",
            status="rejected",
            interviewers=[{"id": "mei", "name": "Mei Tanaka"}, {"id": "jonas", "name": "Jonas B"}],
            contacts=[
                mine("mei", "thank_you", at(3, 9, month=12), channel="handwritten"),
                mine("mei", "call", at(4, 10, month=12), channel="phone"),
                theirs("mei", "decision", at(10, 9, month=12)),
                mine("jonas", "other", at(11, 12, month=12)),
            ],
        ),
        make_application(
            id="c",
            company="Fabrikam",
            profile="cautious",
            status="moved_on",
            interviewers=one,
            contacts=[mine("p", "thank_you", at(16, 20)), mine("p", "follow_up", at(24, 10))],
        ),
        make_application(
            id="d",
            company="Litware",
            culture="casual",
            status="offer",
            interviewers=one,
            contacts=[
                mine("p", "thank_you", at(17, 10)),
                theirs("p", "invitation", at(19, 10)),
                theirs("p", "decision", at(30, 10)),
            ],
        ),
        make_application(
            id="e", company="Tailspin", culture="formal", interviewers=one, contacts=[]
        ),
    ]


@pytest.fixture
def log(make_application: ApplicationFactory) -> list[Application]:
    """The known log."""
    return known_log(make_application)


def test_thank_yous_by_month_and_tier(log: list[Application]) -> None:
    """As a user I see each person's first thank-you placed ideal, due, late or not sent."""
    times = thank_you_times(log, LATER)
    assert times.by_month == {
        "2026-11": {"ideal": 2, "due": 2, "late": 0, "not_sent": 1, "not_yet": 0},
        "2026-12": {"ideal": 0, "due": 0, "late": 1, "not_sent": 1, "not_yet": 0},
    }
    assert (times.on_time, times.sent, times.total()) == (4, 5, 7)
    assert times.table().to_dict("records")[:4] == [
        {"month": "2026-11", "tier": "Ideal", "people": 2},
        {"month": "2026-11", "tier": "Due", "people": 2},
        {"month": "2026-11", "tier": "Late", "people": 0},
        {"month": "2026-11", "tier": "Not sent", "people": 1},
    ]


def test_the_tiers_at_their_boundaries() -> None:
    """At the ideal moment is ideal, a second later is due; at the due moment is due."""
    ideal, due = at(16, 20), at(17, 10)
    assert tier_of(None, ideal, due, LATER) == "not_sent"
    assert tier_of(None, ideal, due, due) == "not_yet"  # it may still go on time
    assert tier_of(None, ideal, due, due + timedelta(seconds=1)) == "not_sent"
    assert tier_of(ideal, ideal, due, LATER) == "ideal"
    assert tier_of(ideal + timedelta(seconds=1), ideal, due, LATER) == "due"
    assert tier_of(due, ideal, due, LATER) == "due"
    assert tier_of(due + timedelta(seconds=1), ideal, due, LATER) == "late"


def test_the_month_is_the_interviews_in_its_own_timezone(
    make_application: ApplicationFactory,
) -> None:
    """An interview on 1 Dec 08:00 in Tokyo is a December interview, though it is still
    30 November in New York and in UTC."""
    tokyo = ZoneInfo("Asia/Tokyo")
    app = make_application(
        interview_at=datetime(2026, 12, 1, 8, 0, tzinfo=tokyo), timezone="Asia/Tokyo", country="JP"
    )
    assert list(thank_you_times([app], LATER).by_month) == ["2026-12"]
    assert select([app], start=date(2026, 12, 1), end=date(2026, 12, 1)) == [app]
    assert select([app], end=date(2026, 11, 30)) == []


def test_a_thank_you_not_due_yet_counts_neither_way(make_application: ApplicationFactory) -> None:
    """The evening of the interview nobody is late yet: home says nothing of thank-yous until
    one is sent or past due; sent by the ideal moment, it is 1 of 1 on time."""
    app = make_application(interviewers=[{"id": "p", "name": "Kim Park"}])
    evening = at(16, 19)
    found = insights([app], evening)
    assert found.thank_yous.by_month["2026-11"]["not_yet"] == 1
    assert (found.thank_yous.settled, found.thank_yous.on_time) == (0, 0)
    assert headline(found) == ""
    assert headline(insights([app], LATER)) == "0 of 1 people thanked on time"
    sent = app.model_copy(update={"contacts": [Contact(**mine("p", "thank_you", evening))]})
    assert headline(insights([sent], evening)).startswith("1 of 1 people thanked on time ·")


def test_a_second_thank_you_does_not_change_the_tier(make_application: ApplicationFactory) -> None:
    """Only the first thank-you to a person counts (an import could hold two)."""
    app = make_application(
        interviewers=[{"id": "p", "name": "Kim Park"}],
        contacts=[mine("p", "thank_you", at(18, 9)), mine("p", "thank_you", at(16, 19))],
    )
    assert thank_you_times([app], LATER).by_month["2026-11"]["ideal"] == 1


def test_replies_overall_and_by_group(log: list[Application]) -> None:
    """As a user I see how often they answered and how fast, by channel, style and follow-up."""
    found = replies(log)
    assert (found.contacted, found.replied, found.not_contacted) == (4, 3, 1)
    assert found.rate == 0.75
    assert found.median_days == 7.0  # of 8.7, 7.0 and 2.0
    assert records(found.table()) == [
        row("Channel", "Email", 3, 2, 0.667, 5.3),  # a, c, d: median of 8.7 and 2.0
        row("Channel", "Handwritten card", 1, 1, 1.0, 7.0),  # b
        row("Follow-up style", "Cautious style", 1, 0, 0.0, None),  # c
        row("Follow-up style", "Standard style", 2, 2, 1.0, 5.3),  # a, d
        row("Follow-up style", "Eager style", 1, 1, 1.0, 7.0),  # b
        row("Follow-up", "Followed up", 3, 2, 0.667, 7.8),  # a, b, c: median of 8.7 and 7.0
        row("Follow-up", "No follow-up", 1, 1, 1.0, 2.0),  # d
    ]


def records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows, with an empty cell as None."""
    return [
        {key: None if pd.isna(value) else value for key, value in record.items()}
        for record in table.to_dict("records")
    ]


def row(dimension: str, group: str, contacted: int, replied: int, rate: float, days: Any) -> dict:
    """A row of the replies table."""
    return {
        "dimension": dimension,
        "group": group,
        "contacted": contacted,
        "replied": replied,
        "reply_rate": rate,
        "median_days": days,
    }


def test_a_follow_up_after_the_reply_does_not_count(make_application: ApplicationFactory) -> None:
    """A follow-up sent after they replied did not bring the reply: "no follow-up"."""
    app = make_application(
        contacts=[
            mine("priya", "thank_you", at(16, 18)),
            theirs("priya", "reply", at(18, 18)),
            mine("priya", "follow_up", at(27, 10)),
        ]
    )
    found = replies([app])
    assert [(g.group, g.replied, g.median_days) for g in found.groups][-1:] == [
        ("No follow-up", 1, 2.0)
    ]


def test_news_before_the_first_note_is_not_a_reply(make_application: ApplicationFactory) -> None:
    """A contact from them before the user wrote is not a reply to the user."""
    app = make_application(
        contacts=[theirs("priya", "reply", at(16, 15)), mine("priya", "thank_you", at(16, 18))]
    )
    found = replies([app])
    assert (found.contacted, found.replied, found.median_days) == (1, 0, None)


def test_outcomes_from_interview_to_decision(log: list[Application]) -> None:
    """As a user I see how many interviews I heard back from, and how each ended."""
    found = outcomes(log)
    assert found.by_stage == {
        "interviewed": {"offer": 1, "rejected": 1, "withdrawn": 0, "moved_on": 1, "open": 2},
        "heard_back": {"offer": 1, "rejected": 1, "withdrawn": 0, "moved_on": 0, "open": 1},
        "decided": {"offer": 1, "rejected": 1, "withdrawn": 0, "moved_on": 1, "open": 0},
    }
    assert [found.count(stage) for stage in STAGES] == [5, 3, 3]
    table = found.table()
    assert len(table) == 14  # no "still open" row at the decided stage
    assert table[table["stage"] == "Interviewed"]["applications"].sum() == 5


def test_follow_up_budget_use(log: list[Application]) -> None:
    """As a user I see who I stopped for at the limit, and who I followed up past it (F3)."""
    found = budget_use(log)
    assert found.by_style == {
        "cautious": {"under": 0, "at_limit": 0, "past": 1},  # Kim (c)
        "standard": {"under": 3, "at_limit": 1, "past": 0},  # Priya, Seán, Zoe; Ana
        "eager": {"under": 0, "at_limit": 2, "past": 0},  # Mei, Jonas (b)
    }
    assert [found.total(use) for use in USES] == [3, 3, 1]
    assert (use_of(0, 1), use_of(1, 1), use_of(2, 1), use_of(0, 0)) == (
        "under",
        "at_limit",
        "past",
        "at_limit",
    )


def test_people_met_thanked_and_kept(log: list[Application]) -> None:
    """As a user I see everyone I met and thanked, and who I kept after a no (F6)."""
    assert people(log) == People(met=7, thanked=5, in_a_no=2, kept=1)
    assert people(log).table().to_dict("records") == [
        {"people": "Met", "count": 7},
        {"people": "Thanked", "count": 5},
        {"people": "Met in a no", "count": 2},
        {"people": "Kept after a no", "count": 1},
    ]


def test_networking_before_the_no_is_not_keeping(make_application: ApplicationFactory) -> None:
    """A chat before their decision does not keep the person after it; one with no decision
    logged does."""
    before = [mine("priya", "other", at(18, 10)), theirs("priya", "decision", at(20, 10))]
    assert people([make_application(status="rejected", contacts=before)]).kept == 0
    undated = [mine("priya", "other", at(18, 10))]
    assert people([make_application(status="rejected", contacts=undated)]).kept == 1


def test_home_line_and_too_few(log: list[Application]) -> None:
    """Home says two figures in one line; 5 applications are enough, 4 are too few."""
    found = insights(log, LATER)
    assert headline(found) == (
        "4 of 7 people thanked on time · replies from 3 of 4 applications you wrote to"
    )
    assert not found.too_few
    assert insights(log[:4], LATER).too_few
    assert TOO_FEW == 5
    assert headline(insights([], LATER)) == ""


def test_filters_by_dates_and_culture(log: list[Application]) -> None:
    """The dates and cultures keep what they name, inclusive, and nothing else."""
    ids = lambda apps: [app.id for app in apps]  # noqa: E731
    assert ids(select(log)) == ["a", "b", "c", "d", "e"]
    assert ids(select(log, start=date(2026, 12, 1))) == ["b"]
    assert ids(select(log, end=date(2026, 11, 16))) == ["a", "c", "d", "e"]
    assert ids(select(log, cultures=["casual"])) == ["a", "d"]
    assert ids(select(log, date(2026, 11, 17), date(2026, 11, 30))) == []
    assert ids(select(log, cultures=[])) == []
    assert date_range((date(2026, 1, 1),)) == (date(2026, 1, 1), None)
    assert date_range(()) == (None, None)


def test_every_figure_names_real_rules_with_their_titles() -> None:
    """Each figure's caption names playbook rules that exist, with the playbook's own titles."""
    assert set(FIGURES) == {"thank_yous", "replies", "outcomes", "budget", "people"}
    assert FIGURES["thank_yous"].rules == ("T2",)
    assert FIGURES["thank_yous"].rules_said() == f"Rule T2: {RULES['T2'].title}"
    for figure in FIGURES.values():
        assert figure.rules
        assert all(rule in RULES for rule in figure.rules)
        assert figure.meaning.endswith(".")
        assert "\n" not in figure.meaning


# --- properties over generated logs ----------------------------------------------------------

KINDS = [("mine", "thank_you"), ("mine", "follow_up"), ("mine", "call"), ("mine", "other")] + [
    ("theirs", kind) for kind in ("reply", "call", "invitation", "decision", "other")
]


@st.composite
def applications(draw: st.DrawFn) -> list[Application]:
    """Draw up to 8 applications with up to 3 people and up to 6 contacts each."""
    apps = []
    for number in range(draw(st.integers(0, 8))):
        size = draw(st.integers(0, 3))
        panel = [{"id": f"p{n}", "name": f"Person {n}"} for n in range(size)]
        interview = datetime(2026, 1, 5, 9, tzinfo=NEW_YORK) + timedelta(
            hours=draw(st.integers(0, 24 * 300))
        )
        contacts = []
        for _ in range(draw(st.integers(0, 6)) if size else 0):
            direction, kind = draw(st.sampled_from(KINDS))
            contacts.append(
                {
                    "interviewer_id": f"p{draw(st.integers(0, size - 1))}",
                    "kind": kind,
                    "direction": direction,
                    "at": interview + timedelta(hours=draw(st.integers(-5, 24 * 40))),
                    "channel": draw(st.sampled_from(["email", "handwritten", "phone"])),
                }
            )
        apps.append(
            Application.model_validate(
                {
                    "id": f"g{number}",
                    "company": "Company",
                    "role": "Role",
                    "interview_at": interview,
                    "timezone": "America/New_York",
                    "culture": draw(st.sampled_from(["casual", "standard", "formal"])),
                    "profile": draw(st.sampled_from(["cautious", "standard", "eager"])),
                    "status": draw(
                        st.sampled_from(["open", "offer", "rejected", "withdrawn", "moved_on"])
                    ),
                    "interviewers": panel,
                    "contacts": contacts,
                }
            )
        )
    return apps


PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(applications())
def test_rates_are_shares_and_counts_add_up(apps: list[Application]) -> None:
    """Every rate is between 0 and 1; the counts add up to the applications and the people."""
    found = insights(apps, LATER)
    met = sum(len(app.interviewers) for app in apps)
    assert found.applications == len(apps)
    assert found.thank_yous.total() == met == found.budget.total() == found.people.met
    assert sum(found.thank_yous.total(tier) for tier in TIERS) == met
    assert found.thank_yous.table()["people"].sum() == met
    assert found.outcomes.count("interviewed") == len(apps)
    assert found.outcomes.count("heard_back") <= len(apps)
    assert found.outcomes.count("decided") == sum(app.status != "open" for app in apps)
    assert found.replies.contacted + found.replies.not_contacted == len(apps)
    assert 0 <= found.replies.rate <= 1
    for group in found.replies.groups:
        assert 0 <= group.rate <= 1
        assert 0 <= group.replied <= group.contacted
        assert group.median_days is None or group.median_days >= 0
    for dimension in ("channel", "style", "followed_up"):
        members = [g for g in found.replies.groups if g.dimension == dimension]
        assert sum(g.contacted for g in members) == found.replies.contacted
        assert sum(g.replied for g in members) == found.replies.replied
    assert sum(found.budget.total(use) for use in USES) == met
    counts = [getattr(found.people, key) for key in PEOPLE_KEYS]
    assert counts[0] >= counts[1] >= 0
    assert counts[0] >= counts[2] >= counts[3] >= 0
    assert found.too_few == (len(apps) < TOO_FEW)


@PROPERTY_SETTINGS
@given(applications())
def test_the_cultures_split_the_applications(apps: list[Application]) -> None:
    """Each application is in exactly one culture's selection, and no filter means all."""
    assert select(apps) == apps
    parts = [select(apps, cultures=[culture]) for culture in ("casual", "standard", "formal")]
    assert sorted(app.id for part in parts for app in part) == sorted(app.id for app in apps)
