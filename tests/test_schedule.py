"""The schedule: when each thank-you, follow-up and move-on step is due, and which contacts fit.

Calendar facts used below (checked against the ``holidays`` package for 2026):
US: Veterans Day Wed 11 Nov, Thanksgiving Thu 26 Nov (Fri 27 Nov is a business day),
Christmas Fri 25 Dec, Labor Day Mon 7 Sep. GB: Christmas Fri 25 Dec, Boxing Day Sat 26 Dec
observed Mon 28 Dec; 26 Nov and 7 Sep are business days there. US daylight saving time ends
on Sun 1 Nov 2026 (EDT, UTC-4, becomes EST, UTC-5).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from lib.model import Application
from lib.schedule import (
    Milestone,
    add_business_days,
    check_contact,
    decision_day,
    describe,
    follow_up_budget,
    is_business_day,
    next_step,
    plan,
    roll_forward,
)
from tests.conftest import ApplicationFactory

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")

# The factory's interview: Monday 16 Nov 2026, 10:00 in New York.
INTERVIEW = datetime(2026, 11, 16, 10, 0, tzinfo=NY)
THANK_YOU_DUE = datetime(2026, 11, 17, 10, 0, tzinfo=NY)
FOLLOW_UP_OPENS = datetime(2026, 11, 23, 9, 0, tzinfo=NY)  # day 7
FOLLOW_UP_DUE = datetime(2026, 11, 27, 23, 59, 59, tzinfo=NY)  # day 10 is Thanksgiving
MOVE_ON = datetime(2026, 12, 4, 23, 59, 59, tzinfo=NY)


def contact(who: str, kind: str, at: datetime) -> dict[str, Any]:
    """Return a contact record for the application factory."""
    return {"interviewer_id": who, "kind": kind, "at": at, "channel": "email"}


def find(
    milestones: list[Milestone], kind: str, who: str | None = None, number: int = 1
) -> Milestone:
    """Return the one milestone of ``kind`` (for ``who``, with ``number``)."""
    (found,) = (
        m
        for m in milestones
        if m.kind == kind
        and m.interviewer_id == who
        and (kind != "follow_up" or m.number == number)
    )
    return found


def windows_of(milestones: list[Milestone]) -> list[tuple[int, datetime, datetime]]:
    """Return (number, start, due) of the follow-ups planned with the first person, in order
    (every person on the panel gets the same windows)."""
    follow_ups = [m for m in milestones if m.kind == "follow_up"]
    first = follow_ups[0].interviewer_id if follow_ups else None
    return [(m.number, m.start, m.due) for m in follow_ups if m.interviewer_id == first]


# --- thank-you notes (T2) ---------------------------------------------------------------------


def test_thank_you_moments_for_a_monday_interview(make_application: ApplicationFactory) -> None:
    """Each interviewer gets a thank-you: ideal that evening, due in 24 h, late after Wednesday."""
    milestones = plan(make_application(), datetime(2026, 11, 16, 12, 0, tzinfo=NY))
    for who in ("priya", "sean"):
        note = find(milestones, "thank_you", who)
        assert note.rule == "T2"
        assert note.start == INTERVIEW
        assert note.ideal == datetime(2026, 11, 16, 20, 0, tzinfo=NY)
        assert note.due == THANK_YOU_DUE
        assert note.late == datetime(2026, 11, 18, 23, 59, 59, tzinfo=NY)
        assert note.status == "due"
        assert note.done_at is None


def test_thank_you_ideal_is_the_interview_itself_after_8_pm(
    make_application: ApplicationFactory,
) -> None:
    """An evening interview that ends after 20:00 makes the ideal moment right after it."""
    evening = datetime(2026, 11, 16, 21, 30, tzinfo=NY)
    note = find(plan(make_application(interview_at=evening), evening), "thank_you", "priya")
    assert note.ideal == evening
    assert note.due == datetime(2026, 11, 17, 21, 30, tzinfo=NY)


@pytest.mark.parametrize(
    ("interview", "country", "late"),
    [
        pytest.param(  # Friday: the weekend does not count
            datetime(2026, 11, 20, 10, 0, tzinfo=NY),
            "US",
            datetime(2026, 11, 24, 23, 59, 59, tzinfo=NY),
            id="friday-interview-late-on-tuesday",
        ),
        pytest.param(  # Thanksgiving Thu 26 Nov is skipped, then the weekend
            datetime(2026, 11, 25, 10, 0, tzinfo=NY),
            "US",
            datetime(2026, 11, 30, 23, 59, 59, tzinfo=NY),
            id="us-thanksgiving-late-on-monday",
        ),
        pytest.param(  # Thanksgiving is an ordinary working day in Britain
            datetime(2026, 11, 25, 10, 0, tzinfo=LONDON),
            "GB",
            datetime(2026, 11, 27, 23, 59, 59, tzinfo=LONDON),
            id="gb-same-dates-late-on-friday",
        ),
        pytest.param(  # Christmas Fri 25 Dec, weekend; Mon 28 and Tue 29 count
            datetime(2026, 12, 24, 10, 0, tzinfo=NY),
            "US",
            datetime(2026, 12, 29, 23, 59, 59, tzinfo=NY),
            id="us-christmas-late-on-tuesday",
        ),
        pytest.param(  # Christmas, weekend and Boxing Day observed on Mon 28 Dec
            datetime(2026, 12, 24, 10, 0, tzinfo=LONDON),
            "GB",
            datetime(2026, 12, 30, 23, 59, 59, tzinfo=LONDON),
            id="gb-boxing-day-observed-late-on-wednesday",
        ),
    ],
)
def test_thank_you_late_skips_weekends_and_public_holidays(
    make_application: ApplicationFactory, interview: datetime, country: str, late: datetime
) -> None:
    """A thank-you is late only after the 2nd business day of the interviewer's country."""
    app = make_application(interview_at=interview, timezone=str(interview.tzinfo), country=country)
    note = find(plan(app, interview), "thank_you", "priya")
    assert note.late == late


def test_thank_you_due_is_24_real_hours_across_the_end_of_daylight_saving(
    make_application: ApplicationFactory,
) -> None:
    """Interviewed Sat 31 Oct 10:00 EDT, the note is due Sun 1 Nov 09:00 EST: a day, not a clock."""
    interview = datetime(2026, 10, 31, 10, 0, tzinfo=NY)
    note = find(plan(make_application(interview_at=interview), interview), "thank_you", "priya")
    assert (note.due.hour, note.due.minute) == (9, 0)
    assert note.due == datetime(2026, 11, 1, 9, 0, tzinfo=NY)
    assert note.due.astimezone(UTC) == datetime(2026, 11, 1, 14, 0, tzinfo=UTC)
    assert note.ideal == datetime(2026, 10, 31, 20, 0, tzinfo=NY)
    assert note.late == datetime(2026, 11, 3, 23, 59, 59, tzinfo=NY)


@pytest.mark.parametrize(
    ("now", "status"),
    [
        pytest.param(datetime(2026, 11, 16, 9, 59, tzinfo=NY), "upcoming", id="before-interview"),
        pytest.param(INTERVIEW, "due", id="at-the-interview"),
        pytest.param(THANK_YOU_DUE, "due", id="at-the-due-moment"),
        pytest.param(datetime(2026, 11, 17, 10, 0, 1, tzinfo=NY), "overdue", id="a-second-late"),
    ],
)
def test_thank_you_status_over_time(
    make_application: ApplicationFactory, now: datetime, status: str
) -> None:
    """An unsent thank-you is upcoming, then due until 24 h after, then overdue."""
    assert find(plan(make_application(), now), "thank_you", "priya").status == status


def test_logged_thank_you_is_done_for_that_person_only(
    make_application: ApplicationFactory,
) -> None:
    """Thanking Priya ticks off her note, with its time; Sean's is still overdue."""
    sent = datetime(2026, 11, 16, 19, 45, tzinfo=NY)
    app = make_application(contacts=[contact("priya", "thank_you", sent)])
    milestones = plan(app, datetime(2026, 11, 18, 12, 0, tzinfo=NY))
    priya = find(milestones, "thank_you", "priya")
    sean = find(milestones, "thank_you", "sean")
    assert (priya.status, priya.done_at) == ("done", sent)
    assert (sean.status, sean.done_at) == ("overdue", None)
    assert next_step(milestones) == sean


# --- references (N2) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notified", "now", "status"),
    [
        (False, datetime(2026, 11, 16, 12, 0, tzinfo=NY), "due"),
        (False, datetime(2026, 11, 17, 10, 0, 1, tzinfo=NY), "overdue"),
        (True, datetime(2026, 11, 17, 10, 0, 1, tzinfo=NY), "done"),
    ],
)
def test_references_are_due_within_a_day(
    make_application: ApplicationFactory, notified: bool, now: datetime, status: str
) -> None:
    """Telling references is due 24 h after the interview and done once they are notified."""
    step = find(plan(make_application(references_notified=notified), now), "references")
    assert (step.rule, step.start, step.due, step.late) == ("N2", INTERVIEW, THANK_YOU_DUE, None)
    assert step.status == status


# --- follow-ups (F1) --------------------------------------------------------------------------


def test_standard_plan_in_order(make_application: ApplicationFactory) -> None:
    """The default plan lists both notes, references, one follow-up to each person, then
    moving on."""
    milestones = plan(make_application(), INTERVIEW)
    assert [(m.kind, m.interviewer_id) for m in milestones] == [
        ("thank_you", "priya"),
        ("thank_you", "sean"),
        ("references", None),
        ("follow_up", "priya"),
        ("follow_up", "sean"),
        ("move_on", None),
    ]
    follow_up = find(milestones, "follow_up", "priya")
    assert (follow_up.rule, follow_up.number, follow_up.late) == ("F1", 1, None)


@pytest.mark.parametrize(
    ("interview", "country", "start", "due"),
    [
        pytest.param(  # day 10 is Thanksgiving Thu 26 Nov
            INTERVIEW, "US", FOLLOW_UP_OPENS, FOLLOW_UP_DUE, id="day-10-on-thanksgiving"
        ),
        pytest.param(  # day 10 is Saturday 28 Nov
            datetime(2026, 11, 18, 10, 0, tzinfo=NY),
            "US",
            datetime(2026, 11, 25, 9, 0, tzinfo=NY),
            datetime(2026, 11, 30, 23, 59, 59, tzinfo=NY),
            id="day-10-on-a-saturday",
        ),
        pytest.param(  # day 7 is Thanksgiving: the window still opens then (not rolled)
            datetime(2026, 11, 19, 10, 0, tzinfo=NY),
            "US",
            datetime(2026, 11, 26, 9, 0, tzinfo=NY),
            datetime(2026, 11, 30, 23, 59, 59, tzinfo=NY),
            id="day-7-on-thanksgiving-not-rolled",
        ),
        pytest.param(  # day 10 is Christmas Fri 25 Dec
            datetime(2026, 12, 15, 10, 0, tzinfo=NY),
            "US",
            datetime(2026, 12, 22, 9, 0, tzinfo=NY),
            datetime(2026, 12, 28, 23, 59, 59, tzinfo=NY),
            id="us-day-10-on-christmas",
        ),
        pytest.param(  # ... and in Britain Mon 28 Dec is Boxing Day observed
            datetime(2026, 12, 15, 10, 0, tzinfo=LONDON),
            "GB",
            datetime(2026, 12, 22, 9, 0, tzinfo=LONDON),
            datetime(2026, 12, 29, 23, 59, 59, tzinfo=LONDON),
            id="gb-day-10-on-christmas",
        ),
        pytest.param(  # the window opens at 09:00 local on the first day of standard time
            datetime(2026, 10, 26, 10, 0, tzinfo=NY),
            "US",
            datetime(2026, 11, 2, 9, 0, tzinfo=NY),
            datetime(2026, 11, 5, 23, 59, 59, tzinfo=NY),
            id="window-after-daylight-saving-ends",
        ),
    ],
)
def test_follow_up_window_without_a_decision_date(
    make_application: ApplicationFactory,
    interview: datetime,
    country: str,
    start: datetime,
    due: datetime,
) -> None:
    """With no decision date, follow up from day 7 (09:00) to day 10, rolled to a business day."""
    app = make_application(interview_at=interview, timezone=str(interview.tzinfo), country=country)
    milestones = plan(app, interview)
    assert windows_of(milestones) == [(1, start, due)]
    # same local clock and the same instant (the offset changes across daylight saving)
    assert find(milestones, "follow_up", "priya").start.utcoffset() == start.utcoffset()


@pytest.mark.parametrize(
    ("interview", "country", "decision", "day"),
    [
        pytest.param(INTERVIEW, "US", date(2026, 11, 20), date(2026, 11, 23), id="friday"),
        pytest.param(  # the day after is Thanksgiving
            INTERVIEW, "US", date(2026, 11, 25), date(2026, 11, 27), id="eve-of-thanksgiving"
        ),
        pytest.param(  # Friday before Labor Day Mon 7 Sep
            datetime(2026, 8, 31, 10, 0, tzinfo=NY),
            "US",
            date(2026, 9, 4),
            date(2026, 9, 8),
            id="us-friday-before-labor-day",
        ),
        pytest.param(  # no Labor Day in Britain
            datetime(2026, 8, 31, 10, 0, tzinfo=LONDON),
            "GB",
            date(2026, 9, 4),
            date(2026, 9, 7),
            id="gb-same-friday",
        ),
        pytest.param(
            datetime(2026, 12, 21, 10, 0, tzinfo=NY),
            "US",
            date(2026, 12, 24),
            date(2026, 12, 28),
            id="us-christmas-eve",
        ),
        pytest.param(
            datetime(2026, 12, 21, 10, 0, tzinfo=LONDON),
            "GB",
            date(2026, 12, 24),
            date(2026, 12, 29),
            id="gb-christmas-eve",
        ),
    ],
)
def test_follow_up_the_business_day_after_the_decision_date(
    make_application: ApplicationFactory,
    interview: datetime,
    country: str,
    decision: date,
    day: date,
) -> None:
    """With a decision date, the follow-up is the whole next business day after it."""
    zone = interview.tzinfo
    app = make_application(
        interview_at=interview, timezone=str(zone), country=country, decision_date=decision
    )
    start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=zone)
    due = datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=zone)
    assert windows_of(plan(app, interview)) == [(1, start, due)]


def test_eager_profile_adds_an_early_call_before_the_standard_follow_up(
    make_application: ApplicationFactory,
) -> None:
    """Eager, interviewed Tue 17 Nov: a call on day 3 (Fri 20; days 4-5 are a weekend)."""
    interview = datetime(2026, 11, 17, 10, 0, tzinfo=NY)
    app = make_application(interview_at=interview, profile="eager")
    milestones = plan(app, interview)
    assert windows_of(milestones) == [
        (1, datetime(2026, 11, 20, 9, 0, tzinfo=NY), datetime(2026, 11, 20, 23, 59, 59, tzinfo=NY)),
        (2, datetime(2026, 11, 24, 9, 0, tzinfo=NY), datetime(2026, 11, 27, 23, 59, 59, tzinfo=NY)),
    ]
    assert find(milestones, "move_on").due == MOVE_ON


def test_eager_early_call_is_kept_before_a_distant_decision_date(
    make_application: ApplicationFactory,
) -> None:
    """Eager with a decision on Fri 4 Dec: the early call, then Mon 7 Dec, then move on."""
    interview = datetime(2026, 11, 17, 10, 0, tzinfo=NY)
    app = make_application(interview_at=interview, profile="eager", decision_date=date(2026, 12, 4))
    milestones = plan(app, interview)
    assert windows_of(milestones) == [
        (1, datetime(2026, 11, 20, 9, 0, tzinfo=NY), datetime(2026, 11, 20, 23, 59, 59, tzinfo=NY)),
        (2, datetime(2026, 12, 7, 9, 0, tzinfo=NY), datetime(2026, 12, 7, 23, 59, 59, tzinfo=NY)),
    ]
    assert find(milestones, "move_on").due == datetime(2026, 12, 14, 23, 59, 59, tzinfo=NY)


@pytest.mark.parametrize(
    ("decision", "start", "due"),
    [
        pytest.param(  # decision Tue 17 Nov: follow up Wed 18 Nov, before any day-3 call
            date(2026, 11, 17),
            datetime(2026, 11, 18, 9, 0, tzinfo=NY),
            datetime(2026, 11, 18, 23, 59, 59, tzinfo=NY),
            id="decision-very-soon",
        ),
        pytest.param(  # decision Thu 19 Nov: follow up Fri 20 Nov, the call's own last day
            date(2026, 11, 19),
            datetime(2026, 11, 20, 9, 0, tzinfo=NY),
            datetime(2026, 11, 20, 23, 59, 59, tzinfo=NY),
            id="decision-on-day-3",
        ),
    ],
)
def test_eager_early_call_is_dropped_when_it_cannot_end_before_the_standard_window(
    make_application: ApplicationFactory, decision: date | None, start: datetime, due: datetime
) -> None:
    """An early call that would not finish before the standard follow-up opens is left out."""
    app = make_application(profile="eager", decision_date=decision)
    assert windows_of(plan(app, INTERVIEW)) == [(1, start, due)]


@pytest.mark.parametrize(
    ("interview_day", "call_day"),
    [
        pytest.param(date(2026, 11, 16), date(2026, 11, 20), id="monday-call-by-friday-day-4"),
        pytest.param(date(2026, 11, 18), date(2026, 11, 23), id="wednesday-call-by-monday-day-5"),
        pytest.param(  # days 3-5 are Christmas Day and a weekend: rolled to Mon 28 Dec, day 6
            date(2026, 12, 22), date(2026, 12, 28), id="christmas-rolls-forward"
        ),
    ],
)
def test_eager_early_call_is_due_on_a_business_day_of_days_3_to_5(
    make_application: ApplicationFactory, interview_day: date, call_day: date
) -> None:
    """The eager call stays inside days 3-5 on a business day, rolled forward only if none."""
    interview = datetime.combine(interview_day, datetime.min.time(), tzinfo=NY).replace(hour=10)
    windows = windows_of(plan(make_application(interview_at=interview, profile="eager"), interview))
    assert len(windows) == 2
    assert windows[0][2] == datetime.combine(call_day, datetime.max.time(), tzinfo=NY).replace(
        microsecond=0
    )


def test_cautious_profile_plans_no_follow_up(make_application: ApplicationFactory) -> None:
    """Cautious: the thank-you is the only message; move on a week after it was due."""
    milestones = plan(make_application(profile="cautious"), INTERVIEW)
    assert windows_of(milestones) == []
    assert find(milestones, "move_on").due == datetime(2026, 11, 24, 10, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("decision", "move_on"),
    [
        pytest.param(  # end of decision day (16 Nov 23:59:59) is before the note's due
            date(2026, 11, 16), datetime(2026, 11, 24, 10, 0, tzinfo=NY), id="decision-same-day"
        ),
        pytest.param(
            date(2026, 11, 20), datetime(2026, 11, 27, 23, 59, 59, tzinfo=NY), id="decision-friday"
        ),
    ],
)
def test_cautious_move_on_waits_for_the_decision_date(
    make_application: ApplicationFactory, decision: date, move_on: datetime
) -> None:
    """Cautious: move on 7 days after the later of the thank-you due and the decision day's end."""
    app = make_application(profile="cautious", decision_date=decision)
    assert find(plan(app, INTERVIEW), "move_on").due == move_on


@pytest.mark.parametrize(
    ("now", "status"),
    [
        pytest.param(datetime(2026, 11, 23, 8, 59, 59, tzinfo=NY), "upcoming", id="before-9am"),
        pytest.param(FOLLOW_UP_OPENS, "due", id="window-opens"),
        pytest.param(FOLLOW_UP_DUE, "due", id="last-second"),
        pytest.param(datetime(2026, 11, 28, 0, 0, tzinfo=NY), "overdue", id="day-after"),
    ],
)
def test_follow_up_status_over_time(
    make_application: ApplicationFactory, now: datetime, status: str
) -> None:
    """A follow-up is upcoming until 09:00 on day 7 and overdue after its due day ends."""
    assert find(plan(make_application(), now), "follow_up", "priya").status == status


def test_follow_up_is_done_by_a_follow_up_or_a_call(make_application: ApplicationFactory) -> None:
    """A call the user made counts as that person's follow-up, and only theirs; a contact of
    kind "other" does not count."""
    call = datetime(2026, 11, 23, 11, 0, tzinfo=NY)
    now = datetime(2026, 11, 24, 12, 0, tzinfo=NY)
    chat = make_application(contacts=[contact("sean", "other", call)])
    assert find(plan(chat, now), "follow_up", "sean").status == "due"
    called = plan(make_application(contacts=[contact("sean", "call", call)]), now)
    follow_up = find(called, "follow_up", "sean")
    assert (follow_up.status, follow_up.done_at) == ("done", call)
    assert find(called, "follow_up", "priya").status == "due"


def test_eager_follow_ups_are_counted_per_person(make_application: ApplicationFactory) -> None:
    """A call to Priya and an email to Seán on the same evening each do their own person's
    first follow-up; both second follow-ups are still pending."""
    interview = datetime(2026, 11, 17, 10, 0, tzinfo=NY)
    same_day = [
        contact("priya", "call", datetime(2026, 11, 20, 22, 0, tzinfo=NY)),
        # 04:30 UTC on Saturday is still Friday evening in New York
        contact("sean", "follow_up", datetime(2026, 11, 21, 4, 30, tzinfo=UTC)),
    ]
    now = datetime(2026, 11, 25, 12, 0, tzinfo=NY)
    app = make_application(interview_at=interview, profile="eager", contacts=same_day)
    milestones = plan(app, now)
    assert find(milestones, "follow_up", "priya").done_at == datetime(
        2026, 11, 20, 22, 0, tzinfo=NY
    )
    assert find(milestones, "follow_up", "sean").done_at == datetime(
        2026, 11, 21, 4, 30, tzinfo=UTC
    )
    for who in ("priya", "sean"):
        assert find(milestones, "follow_up", who, number=2).status == "due"

    later = datetime(2026, 11, 24, 15, 0, tzinfo=NY)
    app = make_application(
        interview_at=interview,
        profile="eager",
        contacts=[*same_day, contact("priya", "follow_up", later)],
    )
    second = find(plan(app, now), "follow_up", "priya", number=2)
    assert (second.status, second.done_at) == ("done", later)
    assert find(plan(app, now), "follow_up", "sean", number=2).status == "due"


# --- moving on (F3) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "status"),
    [
        pytest.param(datetime(2026, 12, 4, 23, 59, 58, tzinfo=NY), "upcoming", id="before"),
        pytest.param(MOVE_ON, "due", id="at-the-moment"),
        pytest.param(datetime(2027, 2, 1, 12, 0, tzinfo=NY), "due", id="weeks-later"),
    ],
)
def test_move_on_is_a_week_after_the_follow_up_and_never_overdue(
    make_application: ApplicationFactory, now: datetime, status: str
) -> None:
    """Moving on comes 7 days after the last follow-up's due and stays due, never overdue."""
    step = find(plan(make_application(), now), "move_on")
    assert (step.rule, step.start, step.due, step.late) == ("F3", MOVE_ON, MOVE_ON, None)
    assert step.status == status


# --- application status -----------------------------------------------------------------------


@pytest.mark.parametrize("status", ["offer", "rejected", "withdrawn"])
def test_closed_application_keeps_only_what_was_done(
    make_application: ApplicationFactory, status: str
) -> None:
    """Once there is an offer, a rejection or a withdrawal, nothing is pending any more."""
    sent = datetime(2026, 11, 16, 18, 0, tzinfo=NY)
    app = make_application(status=status, contacts=[contact("priya", "thank_you", sent)])
    milestones = plan(app, datetime(2026, 12, 20, 12, 0, tzinfo=NY))
    assert [(m.kind, m.interviewer_id, m.status) for m in milestones] == [
        ("thank_you", "priya", "done")
    ]
    assert next_step(milestones) is None


def test_moved_on_application_shows_move_on_as_done(make_application: ApplicationFactory) -> None:
    """Moving on early ticks off the move-on step and drops the pending ones."""
    sent = datetime(2026, 11, 16, 18, 0, tzinfo=NY)
    app = make_application(status="moved_on", contacts=[contact("priya", "thank_you", sent)])
    milestones = plan(app, datetime(2026, 11, 18, 12, 0, tzinfo=NY))
    assert [(m.kind, m.interviewer_id, m.status) for m in milestones] == [
        ("thank_you", "priya", "done"),
        ("move_on", None, "done"),
    ]


def test_open_application_keeps_its_pending_steps(make_application: ApplicationFactory) -> None:
    """An open application shows every step, pending ones included."""
    milestones = plan(make_application(status="open"), datetime(2026, 11, 18, 12, 0, tzinfo=NY))
    assert [m.status for m in milestones] == [
        "overdue",
        "overdue",
        "overdue",
        "upcoming",
        "upcoming",
        "upcoming",
    ]


def test_plan_refuses_a_naive_now(make_application: ApplicationFactory) -> None:
    """A moment without a timezone is a programming error, not a silent guess."""
    with pytest.raises(ValueError, match="timezone"):
        plan(make_application(), datetime(2026, 11, 16, 12, 0))


# --- business days ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "country", "expected"),
    [
        (date(2026, 11, 16), "US", True),  # an ordinary Monday
        (date(2026, 11, 21), "US", False),  # Saturday
        (date(2026, 11, 26), "US", False),  # Thanksgiving
        (date(2026, 11, 26), "GB", True),
        (date(2026, 12, 25), "US", False),  # Christmas
        (date(2026, 12, 25), "GB", False),
        (date(2026, 12, 28), "US", True),
        (date(2026, 12, 28), "GB", False),  # Boxing Day observed
    ],
)
def test_is_business_day(day: date, country: str, expected: bool) -> None:
    """Weekends and the country's own public holidays are not business days."""
    assert is_business_day(day, country) is expected


@pytest.mark.parametrize(
    ("day", "country", "expected"),
    [
        (date(2026, 11, 16), "US", date(2026, 11, 16)),  # already a business day
        (date(2026, 11, 26), "US", date(2026, 11, 27)),
        (date(2026, 12, 25), "US", date(2026, 12, 28)),
        (date(2026, 12, 25), "GB", date(2026, 12, 29)),
        (date(2026, 12, 26), "GB", date(2026, 12, 29)),
    ],
)
def test_roll_forward(day: date, country: str, expected: date) -> None:
    """A day off moves to the next business day; a business day stays put."""
    assert roll_forward(day, country) == expected


@pytest.mark.parametrize(
    ("day", "count", "country", "expected"),
    [
        (date(2026, 11, 16), 0, "US", date(2026, 11, 16)),
        (date(2026, 11, 20), 2, "US", date(2026, 11, 24)),
        (date(2026, 11, 25), 2, "US", date(2026, 11, 30)),
        (date(2026, 11, 25), 2, "GB", date(2026, 11, 27)),
        (date(2026, 12, 24), 1, "US", date(2026, 12, 28)),
        (date(2026, 12, 24), 1, "GB", date(2026, 12, 29)),
        (date(2026, 12, 30), 2, "US", date(2027, 1, 4)),  # New Year's Day 2027 is a Friday
    ],
)
def test_add_business_days(day: date, count: int, country: str, expected: date) -> None:
    """Counting business days skips weekends and holidays, across a year end too."""
    assert add_business_days(day, count, country) == expected


# --- next step and descriptions ---------------------------------------------------------------


def milestone(status: str, due: datetime, kind: str = "follow_up", number: int = 1) -> Milestone:
    """Return a bare milestone with a status and due moment."""
    return Milestone(
        kind=kind,  # type: ignore[arg-type]
        interviewer_id=None,
        start=due,
        due=due,
        late=None,
        status=status,  # type: ignore[arg-type]
        rule="F1",
        number=number,
    )


def test_next_step_prefers_overdue_then_due_then_upcoming() -> None:
    """The most pressing step is shown first: overdue beats due, due beats upcoming."""
    early = datetime(2026, 11, 17, 10, 0, tzinfo=NY)
    late = datetime(2026, 11, 30, 10, 0, tzinfo=NY)
    overdue = milestone("overdue", late, number=1)
    due = milestone("due", early, number=2)
    upcoming = milestone("upcoming", early, number=3)
    done = milestone("done", early, number=4)
    assert next_step([done, upcoming, due, overdue]) == overdue
    assert next_step([done, upcoming, due]) == due
    assert next_step([done, upcoming]) == upcoming


def test_next_step_takes_the_earliest_due_of_equal_urgency() -> None:
    """Among steps equally pressing, the one due first comes first."""
    first = milestone("due", datetime(2026, 11, 17, 10, 0, tzinfo=NY), number=1)
    second = milestone("due", datetime(2026, 11, 18, 10, 0, tzinfo=NY), number=2)
    assert next_step([second, first]) == first


@pytest.mark.parametrize("milestones", [[], [milestone("done", INTERVIEW)]])
def test_next_step_is_none_when_nothing_is_pending(milestones: list[Milestone]) -> None:
    """With everything done there is no next step to show."""
    assert next_step(milestones) is None


def test_describe_names_each_step_in_plain_words(make_application: ApplicationFactory) -> None:
    """Each step reads as an action with the person or company it concerns."""
    app = make_application()
    milestones = plan(app, INTERVIEW)
    assert [describe(app, m) for m in milestones] == [
        "Thank-you to Priya Raghunathan",
        "Thank-you to Seán O'Donnell",
        "Tell your references they may be called",
        "Follow-up to Priya Raghunathan",
        "Follow-up to Seán O'Donnell",
        "Move on from Northwind Analytics if there is no reply",
    ]


# --- checking a new contact -------------------------------------------------------------------

THANKED = datetime(2026, 11, 16, 18, 0, tzinfo=NY)
IN_WINDOW = datetime(2026, 11, 24, 10, 0, tzinfo=NY)


def thanked(make_application: ApplicationFactory, **overrides: Any) -> Application:
    """Return an application in which both interviewers were thanked on the interview day."""
    extra = overrides.pop("contacts", [])
    return make_application(
        contacts=[
            contact("priya", "thank_you", THANKED),
            contact("sean", "thank_you", THANKED),
            *extra,
        ],
        **overrides,
    )


def test_first_thank_you_after_the_interview_is_allowed(
    make_application: ApplicationFactory,
) -> None:
    """Thanking someone once, after the interview, is what the plan asks for."""
    check = check_contact(make_application(), "priya", "thank_you", THANKED)
    assert check.allowed is True
    assert check.reason


def test_second_thank_you_is_refused(make_application: ApplicationFactory) -> None:
    """A second thank-you to the same person is refused, saying who was already thanked."""
    check = check_contact(thanked(make_application), "priya", "thank_you", IN_WINDOW)
    assert (check.allowed, check.rule) == (False, "T15")
    assert "Priya Raghunathan" in check.reason


def test_thank_you_before_the_interview_is_refused(make_application: ApplicationFactory) -> None:
    """A thank-you cannot be sent for an interview that has not happened yet."""
    check = check_contact(
        make_application(), "priya", "thank_you", datetime(2026, 11, 16, 9, 0, tzinfo=NY)
    )
    assert (check.allowed, check.rule) == (False, "T2")
    assert check.reason


@pytest.mark.parametrize("kind", ["follow_up", "call"])
def test_follow_up_before_the_thank_you_is_refused(
    make_application: ApplicationFactory, kind: str
) -> None:
    """A follow-up or call comes after that person's thank-you, never instead of it."""
    check = check_contact(make_application(), "sean", kind, IN_WINDOW)
    assert (check.allowed, check.rule) == (False, "F2")
    assert "Seán O'Donnell" in check.reason


def test_follow_up_before_its_window_is_refused(make_application: ApplicationFactory) -> None:
    """Following up on day 4 with the standard profile is too early (the window opens day 7)."""
    check = check_contact(
        thanked(make_application), "priya", "follow_up", datetime(2026, 11, 20, 10, 0, tzinfo=NY)
    )
    assert (check.allowed, check.rule) == (False, "F1")
    assert check.reason


@pytest.mark.parametrize("now", [FOLLOW_UP_OPENS, IN_WINDOW])
def test_follow_up_in_its_window_is_allowed(
    make_application: ApplicationFactory, now: datetime
) -> None:
    """Once the window has opened, one follow-up per person is welcome."""
    check = check_contact(thanked(make_application), "priya", "follow_up", now)
    assert check.allowed is True
    assert "Priya Raghunathan" in check.reason


@pytest.mark.parametrize(
    ("profile", "earlier"),
    [
        ("cautious", []),
        ("standard", [datetime(2026, 11, 23, 10, 0, tzinfo=NY)]),
        ("eager", [datetime(2026, 11, 20, 10, 0, tzinfo=NY), IN_WINDOW]),
    ],
)
def test_follow_up_over_the_profile_budget_is_refused(
    make_application: ApplicationFactory, profile: str, earlier: list[datetime]
) -> None:
    """Cautious allows no follow-up, standard one, eager two; one more is refused (move on)."""
    interview = datetime(2026, 11, 17, 10, 0, tzinfo=NY)  # eager keeps its early call
    app = thanked(
        make_application,
        interview_at=interview,
        profile=profile,
        contacts=[contact("priya", "call", at) for at in earlier],
    )
    check = check_contact(app, "priya", "follow_up", datetime(2026, 11, 30, 10, 0, tzinfo=NY))
    assert (check.allowed, check.rule) == (False, "F3")
    assert "Priya Raghunathan" in check.reason


def test_follow_up_budget_is_per_person(make_application: ApplicationFactory) -> None:
    """Having followed up with Priya does not use up the follow-up with Sean."""
    app = thanked(make_application, contacts=[contact("priya", "follow_up", FOLLOW_UP_OPENS)])
    assert check_contact(app, "priya", "follow_up", IN_WINDOW).allowed is False
    assert check_contact(app, "sean", "follow_up", IN_WINDOW).allowed is True


@pytest.mark.parametrize(
    ("decision", "called", "now"),
    [
        pytest.param(  # decision Tue 17 Nov: the only follow-up is on Wed 18 Nov
            date(2026, 11, 17),
            datetime(2026, 11, 18, 10, 0, tzinfo=NY),
            datetime(2026, 11, 19, 10, 0, tzinfo=NY),
            id="decision-very-soon",
        ),
    ],
)
def test_eager_second_follow_up_when_only_one_window_is_planned(
    make_application: ApplicationFactory, decision: date | None, called: datetime, now: datetime
) -> None:
    """Eager with its early call dropped plans one follow-up; a second one is refused (move on)."""
    app = thanked(
        make_application,
        profile="eager",
        decision_date=decision,
        contacts=[contact("priya", "call", called)],
    )
    assert len(windows_of(plan(app, now))) == 1
    check = check_contact(app, "priya", "follow_up", now)
    assert (check.allowed, check.rule) == (False, "F3")
    assert "Priya Raghunathan" in check.reason


@pytest.mark.parametrize("status", ["offer", "rejected", "withdrawn", "moved_on"])
@pytest.mark.parametrize("kind", ["follow_up", "call"])
def test_follow_up_on_a_closed_application_is_refused(
    make_application: ApplicationFactory, status: str, kind: str
) -> None:
    """After the outcome, follow-ups stop; keeping in touch is logged as networking."""
    check = check_contact(thanked(make_application, status=status), "priya", kind, IN_WINDOW)
    assert (check.allowed, check.rule) == (False, "F6")
    assert check.reason


@pytest.mark.parametrize(
    ("overrides", "now"),
    [
        pytest.param({}, datetime(2026, 11, 16, 9, 0, tzinfo=NY), id="before-the-interview"),
        pytest.param({"profile": "cautious"}, IN_WINDOW, id="cautious-profile"),
        pytest.param({"status": "rejected"}, IN_WINDOW, id="closed-application"),
    ],
)
def test_other_contacts_are_always_allowed(
    make_application: ApplicationFactory, overrides: dict[str, Any], now: datetime
) -> None:
    """Networking or answering their request is never blocked by the follow-up rules."""
    check = check_contact(make_application(**overrides), "priya", "other", now)
    assert check.allowed is True
    assert check.reason


def test_contact_with_someone_not_on_the_panel_is_refused(
    make_application: ApplicationFactory,
) -> None:
    """A contact must be with one of the people the user met."""
    check = check_contact(make_application(), "nobody", "thank_you", IN_WINDOW)
    assert check.allowed is False
    assert check.reason


# --- news from the employer (F1, F3) ------------------------------------------------------------


def news(who: str, kind: str, at: datetime, given: date | None = None) -> dict[str, Any]:
    """Return a contact from the employer for the application factory."""
    return {**contact(who, kind, at), "direction": "theirs", "date_given": given}


BOTH_THANKED = [
    contact("priya", "thank_you", datetime(2026, 11, 16, 19, 0, tzinfo=NY)),
    contact("sean", "thank_you", datetime(2026, 11, 16, 19, 5, tzinfo=NY)),
]


def test_a_call_from_them_is_not_the_users_follow_up(make_application: ApplicationFactory) -> None:
    """José (here Seán) called the user: nobody's follow-up is done or used up, and logging it
    is welcome at any time rather than "too early"."""
    called = datetime(2026, 11, 18, 11, 0, tzinfo=NY)
    app = make_application(contacts=[*BOTH_THANKED, news("sean", "call", called)])
    now = datetime(2026, 11, 18, 12, 0, tzinfo=NY)
    assert follow_up_budget(app, "sean") == (0, 1)
    assert all(m.done_at is None for m in plan(app, now) if m.kind == "follow_up")
    check = check_contact(app, "sean", "call", called, direction="theirs")
    assert check.allowed


def test_a_reply_with_a_new_decision_date_becomes_the_plan(
    make_application: ApplicationFactory,
) -> None:
    """They wrote on the 20th that they will decide by Wed 2 Dec: every follow-up moves to the
    business day after it, and moving on comes a week after that."""
    replied = datetime(2026, 11, 20, 9, 0, tzinfo=NY)
    reply = news("priya", "reply", replied, date(2026, 12, 2))
    app = make_application(contacts=[*BOTH_THANKED, reply])
    milestones = plan(app, replied)
    start, due = (
        datetime(2026, 12, 3, 9, 0, tzinfo=NY),
        datetime(2026, 12, 3, 23, 59, 59, tzinfo=NY),
    )
    assert windows_of(milestones) == [(1, start, due)]
    assert find(milestones, "move_on").due == datetime(2026, 12, 10, 23, 59, 59, tzinfo=NY)
    assert decision_day(app) == date(2026, 12, 2)


def test_a_reply_restarts_the_budget_and_the_clock(make_application: ApplicationFactory) -> None:
    """Priya got her follow-up, then they replied with no date: a new follow-up is planned 7
    to 10 days after the reply, the budget counts from the reply, and moving on moves too."""
    followed = datetime(2026, 11, 24, 10, 0, tzinfo=NY)
    replied = datetime(2026, 11, 25, 15, 0, tzinfo=NY)
    app = make_application(
        contacts=[
            *BOTH_THANKED,
            contact("priya", "follow_up", followed),
            news("priya", "reply", replied),
        ]
    )
    assert follow_up_budget(app, "priya") == (0, 1)
    milestones = plan(app, replied)
    start = datetime(2026, 12, 2, 9, 0, tzinfo=NY)  # the reply's day + 7
    assert windows_of(milestones) == [(1, start, datetime(2026, 12, 7, 23, 59, 59, tzinfo=NY))]
    assert find(milestones, "follow_up", "priya").status == "upcoming"


def test_an_invitation_to_a_next_round_anchors_the_plan_on_that_day(
    make_application: ApplicationFactory,
) -> None:
    """Invited on the 19th to a next round on Mon 30 Nov: the follow-up window opens a week
    after the next round, not after the first interview."""
    invited = datetime(2026, 11, 19, 16, 0, tzinfo=NY)
    app = make_application(
        contacts=[*BOTH_THANKED, news("sean", "invitation", invited, date(2026, 11, 30))]
    )
    ((_, start, _),) = windows_of(plan(app, invited))
    assert start == datetime(2026, 12, 7, 9, 0, tzinfo=NY)


def test_after_their_decision_no_follow_up_is_planned(make_application: ApplicationFactory) -> None:
    """They told the user their decision: no follow-up is pending for anyone."""
    decided = datetime(2026, 11, 20, 10, 0, tzinfo=NY)
    app = make_application(contacts=[*BOTH_THANKED, news("priya", "decision", decided)])
    assert not [m for m in plan(app, decided) if m.kind == "follow_up"]
    assert follow_up_budget(app, "priya") == (0, 0)
