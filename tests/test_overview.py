"""The summary on top of the home and timeline pages, the next-actions rows and the filters.

Everything is computed for one known set of applications at one fixed moment: Tuesday
17 November 2026, 12:00 in New York (Thanksgiving, Thursday 26 November, moves a follow-up).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from lib.charts import chart_height, first_rows, timeline_data
from lib.model import Application
from lib.overview import (
    Summary,
    by_application,
    done_fields,
    matches,
    next_actions,
    plans,
    summary,
)
from tests.conftest import ApplicationFactory

NEW_YORK = ZoneInfo("America/New_York")
DUBAI = ZoneInfo("Asia/Dubai")
NOW = datetime(2026, 11, 17, 12, 0, tzinfo=NEW_YORK)


def known_applications(make_application: ApplicationFactory) -> list[Application]:
    """Three applications at NOW: two open, one closed.

    - Northwind (interview Mon 16 Nov 10:00, Priya and Seán, standard profile): Priya was
      thanked on Monday evening; Seán's thank-you and the references were due today at 10:00.
    - Contoso (interview Mon 16 Nov 15:00, Lee Chen, cautious profile, references told): Lee's
      thank-you is due today at 15:00; moving on comes a week later.
    - Fabrikam (rejected): a follow-up three days ago counts as sent this week; a thank-you
      eight days ago and a networking message do not.
    """
    northwind = make_application(
        id="northwind",
        contacts=[
            {
                "interviewer_id": "priya",
                "kind": "thank_you",
                "at": datetime(2026, 11, 16, 19, 0, tzinfo=NEW_YORK),
            }
        ],
    )
    contoso = make_application(
        id="contoso",
        company="Contoso",
        role="Product Analyst",
        interview_at=datetime(2026, 11, 16, 15, 0, tzinfo=NEW_YORK),
        profile="cautious",
        references_notified=True,
        interviewers=[{"id": "lee", "name": "Lee Chen"}],
    )
    fabrikam = make_application(
        id="fabrikam",
        company="Fabrikam",
        role="Analytics Engineer",
        interview_at=datetime(2026, 11, 5, 10, 0, tzinfo=NEW_YORK),
        status="rejected",
        interviewers=[{"id": "ana", "name": "Ana Souza"}],
        contacts=[
            {
                "interviewer_id": "ana",
                "kind": "thank_you",
                "at": datetime(2026, 11, 9, 9, 0, tzinfo=NEW_YORK),
            },
            {
                "interviewer_id": "ana",
                "kind": "follow_up",
                "at": datetime(2026, 11, 14, 9, 0, tzinfo=NEW_YORK),
            },
            {
                "interviewer_id": "ana",
                "kind": "other",
                "at": datetime(2026, 11, 16, 9, 0, tzinfo=NEW_YORK),
            },
        ],
    )
    return [northwind, contoso, fabrikam]


@pytest.fixture
def applications(make_application: ApplicationFactory) -> list[Application]:
    """The known set."""
    return known_applications(make_application)


def test_summary_counts_the_known_set(applications: list[Application]) -> None:
    """Two open; three steps to do today: Lee's thank-you, due today, and Seán's and the
    references, overdue; two sent."""
    assert summary(applications, NOW, NEW_YORK) == Summary(
        open_applications=2, to_do_today=3, overdue=2, sent_this_week=2
    )


def test_to_do_today_is_today_in_the_viewers_timezone(
    make_application: ApplicationFactory,
) -> None:
    """Interviewed at 10:00 in New York today: the thank-yous are best sent by 20:00 there,
    which is already tomorrow in Dubai (05:00), so a viewer in Dubai has nothing to do today."""
    app = make_application(interview_at=NOW.replace(hour=10))
    assert summary([app], NOW, NEW_YORK).to_do_today == 2
    assert summary([app], NOW, DUBAI).to_do_today == 0


def test_an_overdue_step_is_among_those_to_do_today(
    make_application: ApplicationFactory,
) -> None:
    """Thank-yous due at 10:00 today are overdue at noon: still to do today, and overdue."""
    app = make_application()  # Monday 10:00, nobody thanked, references not told
    counts = summary([app], NOW, NEW_YORK)
    assert (counts.to_do_today, counts.overdue) == (3, 3)


def test_a_step_best_done_tonight_is_to_do_today_though_due_tomorrow(
    make_application: ApplicationFactory,
) -> None:
    """Interviewed at 10:00 today: the two thank-yous are due at 10:00 tomorrow but best sent by
    20:00 tonight, so they are to do today, as their cards say; telling the references (due
    tomorrow, no better moment) is not."""
    app = make_application(interview_at=NOW.replace(hour=10))
    counts = summary([app], NOW.replace(hour=11), NEW_YORK)
    assert (counts.to_do_today, counts.overdue) == (2, 0)


def test_summary_reuses_the_plans_it_is_given(applications: list[Application]) -> None:
    """Plans computed once by the page give the same counts."""
    planned = plans(applications, NOW)
    assert summary(applications, NOW, NEW_YORK, planned) == summary(applications, NOW, NEW_YORK)


def test_metrics_are_labelled_in_order(applications: list[Application]) -> None:
    """The pages show the four counts in this order."""
    metrics = summary(applications, NOW, NEW_YORK).metrics()
    assert [(label, value) for label, value, _ in metrics] == [
        ("To do today", 3),
        ("Overdue", 2),
        ("Open applications", 2),
        ("Sent this week", 2),
    ]


def test_next_actions_of_the_known_set(applications: list[Application]) -> None:
    """One row per pending step of the open applications, soonest first, each with its page."""
    rows = next_actions(applications, NOW, NEW_YORK)
    assert [
        (
            row.application_id,
            row.step,
            row.person,
            row.due_text,
            row.time_left,
            row.status,
            row.rule,
            row.page,
        )
        for row in rows
    ] == [
        (
            "northwind",
            "Thank-you",
            "Seán O'Donnell",
            "10:00 today",
            "2 h ago",
            "overdue",
            "T2",
            "pages/thank_you.py",
        ),
        (
            "northwind",
            "Tell references",
            "",
            "10:00 today",
            "2 h ago",
            "overdue",
            "N2",
            "pages/checklist.py",
        ),
        (
            "contoso",
            "Thank-you",
            "Lee Chen",
            "15:00 today",
            "in 3 h",
            "due",
            "T2",
            "pages/thank_you.py",
        ),
        (
            "contoso",
            "Move on",
            "",
            "15:00 on Tue 24 Nov",
            "in 7 days",
            "upcoming",
            "F3",
            "pages/follow_up.py",
        ),
        (
            "northwind",
            "Follow-up",
            "Priya Raghunathan",
            "the end of Fri 27 Nov",  # the window ends on Thanksgiving: the next business day
            "in 10 days",
            "upcoming",
            "F1",
            "pages/follow_up.py",
        ),
        (
            "northwind",
            "Follow-up",
            "Seán O'Donnell",
            "the end of Fri 27 Nov",
            "in 10 days",
            "upcoming",
            "F1",
            "pages/follow_up.py",
        ),
        (
            "northwind",
            "Move on",
            "",
            "the end of Fri 4 Dec",
            "in 18 days",
            "upcoming",
            "F3",
            "pages/follow_up.py",
        ),
    ]
    assert [row.company for row in rows[:3]] == ["Northwind Analytics"] * 2 + ["Contoso"]
    assert rows[0].role == "Data Engineer"
    assert [row.due for row in rows] == sorted(row.due for row in rows)


def test_due_text_is_in_the_viewers_timezone(applications: list[Application]) -> None:
    """In Dubai, Seán's thank-you was due at 19:00 today, Lee's at 00:00 tomorrow."""
    rows = next_actions(applications, NOW, DUBAI)
    assert [row.due_text for row in rows[:3]] == [
        "19:00 tonight",
        "19:00 tonight",
        "00:00 tomorrow",
    ]


def test_each_person_has_a_thank_you_row(make_application: ApplicationFactory) -> None:
    """Nobody thanked yet: a row per person, in the panel's order."""
    rows = next_actions([make_application()], NOW, NEW_YORK)
    assert [(row.step, row.person) for row in rows[:2]] == [
        ("Thank-you", "Priya Raghunathan"),
        ("Thank-you", "Seán O'Donnell"),
    ]


def test_eager_follow_ups_are_numbered(make_application: ApplicationFactory) -> None:
    """Two follow-ups planned with each person (a call, then the follow-up): the rows say which
    is which, and to whom."""
    rows = next_actions([make_application(profile="eager")], NOW, NEW_YORK)
    assert [(row.step, row.person) for row in rows if row.kind == "follow_up"] == [
        ("Follow-up 1", "Priya Raghunathan"),
        ("Follow-up 1", "Seán O'Donnell"),
        ("Follow-up 2", "Priya Raghunathan"),
        ("Follow-up 2", "Seán O'Donnell"),
    ]


def test_quick_actions_fit_the_step(applications: list[Application]) -> None:
    """Notes are drafted on their pages; references are marked done; moving on only when due."""
    rows = {
        (row.application_id, row.kind): row for row in next_actions(applications, NOW, NEW_YORK)
    }
    assert rows["northwind", "thank_you"].drafted
    assert not rows["northwind", "thank_you"].can_mark_done
    assert rows["northwind", "follow_up"].drafted
    assert not rows["northwind", "follow_up"].can_mark_done
    assert rows["northwind", "references"].can_mark_done
    assert not rows["northwind", "references"].drafted
    assert not rows["contoso", "move_on"].can_mark_done  # upcoming: not yet the moment
    later = next_actions(applications, NOW + timedelta(days=8), NEW_YORK)
    (move_on,) = [row for row in later if (row.application_id, row.kind) == ("contoso", "move_on")]
    assert (move_on.status, move_on.can_mark_done) == ("due", True)


def test_rows_group_by_application_soonest_first(applications: list[Application]) -> None:
    """Northwind's first step is due first, so its group comes first, with its five steps."""
    grouped = by_application(next_actions(applications, NOW, NEW_YORK))
    assert list(grouped) == ["northwind", "contoso"]
    assert [row.kind for row in grouped["northwind"]] == [
        "thank_you",
        "references",
        "follow_up",
        "follow_up",
        "move_on",
    ]


def test_done_fields_record_references_and_moving_on() -> None:
    """One click records the references or moves on; contacts are logged on their own pages."""
    assert done_fields("references") == {"references_notified": True}
    assert done_fields("move_on") == {"status": "moved_on"}
    with pytest.raises(ValueError, match="logging it on its page"):
        done_fields("thank_you")


@pytest.mark.parametrize(
    ("statuses", "search", "expected"),
    [
        (["open"], "", ["northwind", "contoso"]),
        (["open", "rejected"], "", ["northwind", "contoso", "fabrikam"]),
        (["rejected"], "", ["fabrikam"]),
        ([], "", []),
        (["open", "rejected"], "NORTH", ["northwind"]),
        (["open", "rejected"], "  analyst ", ["contoso"]),  # the role, trimmed, any case
        (["open", "rejected"], "engineer", ["northwind", "fabrikam"]),
        (["open"], "engineer", ["northwind"]),
        (["open"], "nobody", []),
    ],
)
def test_filters(
    applications: list[Application], statuses: list[str], search: str, expected: list[str]
) -> None:
    """An application shows when its status is chosen and its company or role has the text."""
    assert [app.id for app in applications if matches(app, statuses, search)] == expected


def test_first_rows_keep_the_most_pressing(make_application: ApplicationFactory) -> None:
    """Only the first rows of the chart are kept, with their bars and points."""
    apps = [
        make_application(company=f"Company {day}", interview_at=NOW - timedelta(days=day))
        for day in range(5)
    ]
    data = timeline_data(apps, NOW, NEW_YORK)
    kept = first_rows(data, 2)
    assert kept.rows == data.rows[:2]
    assert {item["row"] for item in [*kept.windows, *kept.moments]} == set(data.rows[:2])
    assert kept.moments == [m for m in data.moments if m["row"] in data.rows[:2]]
    assert first_rows(data, 5) is data


def test_chart_height_leaves_room_for_every_row(make_application: ApplicationFactory) -> None:
    """Twenty rows of 26 px, plus the legends and the axis; one row keeps room for three."""
    apps = [
        make_application(company=f"Company {n}", interview_at=NOW - timedelta(days=n))
        for n in range(20)
    ]
    assert chart_height(timeline_data(apps, NOW, NEW_YORK)) == 20 * 26 + 230
    assert chart_height(timeline_data(apps[:1], NOW, NEW_YORK)) == 3 * 26 + 230


def test_a_count_of_one_reads_in_the_singular() -> None:
    """The badges say "1 open application" and "2 open applications"; the other counts read
    the same for any number."""
    one = Summary(open_applications=1, to_do_today=1, overdue=0, sent_this_week=1)
    assert [text for text, _, _ in one.said()] == [
        "1 to do today",
        "0 overdue",
        "1 open application",
        "1 sent this week",
    ]
    two = Summary(open_applications=2, to_do_today=3, overdue=2, sent_this_week=0)
    assert [text for text, _, _ in two.said()][2] == "2 open applications"
