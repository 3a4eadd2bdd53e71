"""One plan, one truth: whatever contacts were logged, in either direction, the counts, the next
actions, the checklist's next step, the follow-up budgets and the calendar all read the same
plan (lib/schedule.py), so no page can say a step is done while another says it is pending."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from lib.calendar_export import event_uid, pending_events
from lib.checklist import next_action
from lib.model import KINDS_BY_DIRECTION, Application, Contact
from lib.overview import end_of_day, next_actions, summary, to_do_by
from lib.schedule import follow_up_budget, next_step, plan

NEW_YORK = ZoneInfo("America/New_York")
INTERVIEW = datetime(2026, 11, 16, 10, 0, tzinfo=NEW_YORK)
PEOPLE = [
    {"id": "priya", "name": "Priya Raghunathan"},
    {"id": "sean", "name": "Seán O'Donnell"},
    {"id": "jose", "name": "José Martín", "is_recruiter": True},
]


@st.composite
def contact_logs(draw: st.DrawFn) -> tuple[Application, datetime]:
    """An application with a random panel, profile and contact log, and a moment to look at."""
    people = PEOPLE[: draw(st.integers(1, 3))]
    contacts = []
    for _ in range(draw(st.integers(0, 8))):
        direction = draw(st.sampled_from(["mine", "theirs"]))
        kind = draw(st.sampled_from(KINDS_BY_DIRECTION[direction]))
        gives = direction == "theirs" and draw(st.booleans())
        contacts.append(
            Contact(
                interviewer_id=draw(st.sampled_from([p["id"] for p in people])),
                kind=kind,
                direction=direction,
                at=INTERVIEW + timedelta(hours=draw(st.integers(1, 24 * 30))),
                date_given=date(2026, 11, 16) + timedelta(days=draw(st.integers(1, 40)))
                if gives
                else None,
            )
        )
    app = Application(
        id="app",
        company="Northwind Analytics",
        role="Data Engineer",
        interview_at=INTERVIEW,
        timezone="America/New_York",
        profile=draw(st.sampled_from(["cautious", "standard", "eager"])),
        interviewers=people,
        contacts=contacts,
        references_notified=draw(st.booleans()),
    )
    now = INTERVIEW + timedelta(hours=draw(st.integers(0, 24 * 45)))
    return app, now


@given(contact_logs())
def test_every_view_reads_the_same_plan(case: tuple[Application, datetime]) -> None:
    """The next actions, the counts, the checklist's next step, the budgets and the calendar
    agree with the plan, step for step."""
    app, now = case
    steps = plan(app, now)
    pending = [m for m in steps if m.status != "done"]

    rows = next_actions([app], now, NEW_YORK)
    assert sorted((r.kind, r.due, r.status) for r in rows) == sorted(
        (m.kind, m.due, m.status) for m in pending
    )

    counts = summary([app], now, NEW_YORK)
    midnight = end_of_day(now, NEW_YORK)
    assert counts.to_do_today == sum(to_do_by(m, midnight) for m in pending)
    assert counts.overdue == sum(r.status == "overdue" for r in rows)
    assert counts.overdue <= counts.to_do_today

    step = next_step(steps)
    action = next_action(app, now, steps)
    assert (action.kind, action.urgency) == ((step.kind, step.status) if step else (None, None))

    for person in app.interviewers:
        used, planned = follow_up_budget(app, person.id)
        mine = [m for m in steps if m.kind == "follow_up" and m.interviewer_id == person.id]
        assert planned == len(mine)
        assert sum(m.status == "done" for m in mine) == min(used, planned)

    events = pending_events([app], now)
    assert sorted(str(event.uid) for event in events) == sorted(event_uid(app, m) for m in pending)
    assert len({str(event.uid) for event in events}) == len(events) == len(pending)


def test_a_reply_is_never_counted_as_the_users_follow_up() -> None:
    """A reply from Priya the day after the window opens: her follow-up stays to do, and the
    count of things sent this week does not include it."""
    replied = datetime(2026, 11, 24, 10, 0, tzinfo=NEW_YORK)
    app = Application(
        company="Northwind Analytics",
        role="Data Engineer",
        interview_at=INTERVIEW,
        timezone="America/New_York",
        interviewers=PEOPLE[:1],
        contacts=[Contact(interviewer_id="priya", kind="reply", direction="theirs", at=replied)],
    )
    now = replied.astimezone(UTC) + timedelta(hours=1)
    assert follow_up_budget(app, "priya") == (0, 1)
    assert summary([app], now, NEW_YORK).sent_this_week == 0
