"""The calendar export: every pending step of the open applications as events in an .ics file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event
from icalendar.enums import TRANSP

from lib.calendar_export import calendar_file, file_name
from lib.guidance import RULES
from lib.model import Application
from lib.schedule import Milestone, plan
from tests.conftest import ROOT, ApplicationFactory

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 16, 12, 0, tzinfo=NEW_YORK)  # two hours after the interview
LATER = datetime(2026, 11, 17, 9, 0, tzinfo=NEW_YORK)  # the next morning

NORTHWIND_UIDS = {
    "northwind-thank_you-priya@follow-up-coach",
    "northwind-thank_you-sean@follow-up-coach",
    "northwind-references-1@follow-up-coach",
    "northwind-follow_up-1-priya@follow-up-coach",
    "northwind-follow_up-1-sean@follow-up-coach",
    "northwind-move_on-1@follow-up-coach",
}


def parse(data: bytes) -> Calendar:
    """Read an exported file back the way a calendar app would."""
    return Calendar.from_ical(data)


def events(data: bytes) -> dict[str, Event]:
    """Return the events of an exported file by UID, checking that no UID repeats."""
    found = parse(data).events
    uids = [str(event.uid) for event in found]
    assert len(uids) == len(set(uids)), f"duplicate UIDs: {uids}"
    return dict(zip(uids, found, strict=True))


@pytest.fixture
def northwind(make_application: ApplicationFactory) -> Application:
    """The default application (New York, Priya and Seán on the panel), with a readable id."""
    return make_application(id="northwind")


@pytest.fixture
def london(make_application: ApplicationFactory) -> Application:
    """An application in London: interview Mon 16 Nov 2026 at 14:00 London time."""
    return make_application(
        id="london",
        company="Thames Data",
        interview_at=datetime(2026, 11, 16, 14, 0, tzinfo=LONDON),
        timezone="Europe/London",
        country="GB",
    )


def test_one_event_per_pending_step(northwind: Application) -> None:
    """Right after the interview, every step of the plan is waiting: one event for each."""
    pending = [m for m in plan(northwind, NOW) if m.status != "done"]
    found = events(calendar_file([northwind], NOW))
    assert set(found) == NORTHWIND_UIDS
    assert len(found) == len(pending) == 6


def test_summaries_name_the_action_the_company_once_and_the_deadline(
    northwind: Application,
) -> None:
    """Each event says what to do, for which company (named once) and by when, in its title."""
    found = events(calendar_file([northwind], NOW))
    summaries = {uid.split("-", 1)[1]: str(event["SUMMARY"]) for uid, event in found.items()}
    assert summaries == {
        "thank_you-priya@follow-up-coach": (
            "Thank-you to Priya Raghunathan · Northwind Analytics · by Tue 17 Nov, 10:00"
        ),
        "thank_you-sean@follow-up-coach": (
            "Thank-you to Seán O'Donnell · Northwind Analytics · by Tue 17 Nov, 10:00"
        ),
        "references-1@follow-up-coach": (
            "Tell your references they may be called · Northwind Analytics · by Tue 17 Nov, 10:00"
        ),
        "follow_up-1-priya@follow-up-coach": (
            "Follow-up to Priya Raghunathan · Northwind Analytics · by Fri 27 Nov, 23:59"
        ),
        "follow_up-1-sean@follow-up-coach": (
            "Follow-up to Seán O'Donnell · Northwind Analytics · by Fri 27 Nov, 23:59"
        ),
        "move_on-1@follow-up-coach": (
            "Move on from Northwind Analytics if there is no reply · by Fri 4 Dec, 23:59"
        ),
    }


def test_times_are_the_moments_to_act_in_new_york(northwind: Application) -> None:
    """Each step is a quarter of an hour at the moment to act, in New York time, not a window."""
    found = events(calendar_file([northwind], NOW))
    quarter = timedelta(minutes=15)
    expected = {
        # the thank-you sits at its ideal moment (20:00), not across the night until it is due
        "thank_you-priya": datetime(2026, 11, 16, 20, 0, tzinfo=NEW_YORK),
        # no ideal moment and a window that opens at the interview: at the moment it is due
        "references-1": datetime(2026, 11, 17, 10, 0, tzinfo=NEW_YORK),
        # the follow-up window opens on day 7 at 09:00: that is when to send it, not day 10
        "follow_up-1-sean": datetime(2026, 11, 23, 9, 0, tzinfo=NEW_YORK),
        # a moment, not a window
        "move_on-1": datetime(2026, 12, 4, 23, 59, 59, tzinfo=NEW_YORK),
    }
    expected = {key: (start, start + quarter) for key, start in expected.items()}
    for key, (start, end) in expected.items():
        event = found[f"northwind-{key}@follow-up-coach"]
        assert (event.start, event.end) == (start, end), key
        assert event.start.tzinfo.key == event.end.tzinfo.key == "America/New_York", key


def moment_to_act(app: Application, milestone: Milestone) -> datetime:
    """The moment a person acts on a step: its ideal, when its window opens, else its due."""
    if milestone.ideal is not None:
        return milestone.ideal
    opens_later = app.interview_at < milestone.start < milestone.due
    return milestone.start if opens_later else milestone.due


def uid_of(app: Application, milestone: Milestone) -> str:
    """The UID a step's event keeps: by person, by number, or both for a follow-up to a person."""
    who = milestone.interviewer_id or milestone.number
    if milestone.kind == "follow_up" and milestone.interviewer_id is not None:
        who = f"{milestone.number}-{milestone.interviewer_id}"
    return f"{app.id}-{milestone.kind}-{who}@follow-up-coach"


def test_every_event_matches_its_milestone(northwind: Application) -> None:
    """Each event starts at the moment to act on its step and lasts a quarter of an hour."""
    found = events(calendar_file([northwind], NOW))
    for milestone in plan(northwind, NOW):
        event = found[uid_of(northwind, milestone)]
        assert event.start == moment_to_act(northwind, milestone)
        assert event.end == event.start + timedelta(minutes=15)
        assert [str(c) for c in event.categories] == [milestone.kind]
        assert event["SEQUENCE"] == 0
        assert event.stamp == NOW.astimezone(UTC)  # the export's now, not the wall clock


def test_london_application_keeps_london_time(london: Application) -> None:
    """An interview in London gives events in London time, with the London VTIMEZONE."""
    data = calendar_file([london], NOW)
    cal = parse(data)
    thank_you = events(data)["london-thank_you-priya@follow-up-coach"]
    assert thank_you.start == datetime(2026, 11, 16, 20, 0, tzinfo=LONDON)
    assert thank_you.end == datetime(2026, 11, 16, 20, 15, tzinfo=LONDON)
    assert str(thank_you["SUMMARY"]).endswith(" · by Tue 17 Nov, 14:00")
    for event in cal.events:
        assert event.start.tzinfo.key == event.end.tzinfo.key == "Europe/London"
    assert b"DTSTART;TZID=Europe/London:20261116T200000" in data
    assert [tz.tz_name for tz in cal.timezones] == ["Europe/London"]
    assert cal.get_missing_tzids() == set()


def test_calendar_carries_the_timezones_it_uses(
    northwind: Application, london: Application
) -> None:
    """A calendar app needs each zone's VTIMEZONE; the file carries them, in a fixed order."""
    cal = parse(calendar_file([northwind, london], NOW))
    assert [tz.tz_name for tz in cal.timezones] == ["America/New_York", "Europe/London"]
    assert cal.get_missing_tzids() == set()
    # the New York definition knows November's change back to standard time
    new_york = cal.timezones[0]
    assert new_york.to_tz().utcoffset(datetime(2026, 11, 16, 20, 0)) == timedelta(hours=-5)


def test_each_event_reminds_an_hour_before(northwind: Application) -> None:
    """Every event pops up a reminder an hour before the moment to act: time to write the note."""
    for event in parse(calendar_file([northwind], NOW)).events:
        (alarm,) = event.subcomponents
        assert alarm.name == "VALARM"
        assert alarm["ACTION"] == "DISPLAY"
        assert alarm["TRIGGER"].dt == timedelta(hours=-1)
        assert str(alarm["DESCRIPTION"]) == f"In 1 hour: {event['SUMMARY']}"
        (when,) = event.alarms.times
        assert when.trigger == event.start - timedelta(hours=1)


@pytest.mark.parametrize("profile", ["cautious", "standard", "eager"])
def test_every_event_is_short_free_reminded_and_names_its_deadline(
    make_application: ApplicationFactory, london: Application, profile: str
) -> None:
    """Read back, no step blocks a day: each is short, free, has its alarm and says its deadline."""
    apps = [
        make_application(id="ny", profile=profile),
        make_application(id="decided", profile=profile, decision_date=date(2026, 11, 20)),
        london,
    ]
    data = calendar_file(apps, NOW)
    found = events(data)
    assert found
    steps = {uid_of(app, m): (app, m) for app in apps for m in plan(app, NOW)}
    for uid, event in found.items():
        app, milestone = steps[uid]
        summary, description = str(event["SUMMARY"]), str(event["DESCRIPTION"])
        assert timedelta(0) < event.end - event.start <= timedelta(minutes=15), summary
        assert event["TRANSP"] == "TRANSPARENT", summary
        assert event.transparency == TRANSP.TRANSPARENT
        (alarm,) = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY"
        assert timedelta(0) < -alarm["TRIGGER"].dt <= timedelta(hours=1), summary
        # the deadline, in the application's zone, in the title and the notes
        due = milestone.due.astimezone(app.zone)
        assert summary.endswith(f" · by {due:%a} {due.day} {due:%b}, {due:%H:%M}"), summary
        assert f"Due: {due:%a %d %b %Y, %H:%M} ({app.timezone})" in description
        assert description.splitlines()[0].startswith("Due: ")
    assert b"TRANSP:TRANSPARENT" in data
    assert data.count(b"TRANSP:TRANSPARENT") == data.count(b"BEGIN:VEVENT")


def test_description_explains_the_rule_and_the_deadlines(northwind: Application) -> None:
    """The event's notes say which rule it follows, why, when it is due and when it is late."""
    found = events(calendar_file([northwind], NOW))
    thank_you = str(found["northwind-thank_you-sean@follow-up-coach"]["DESCRIPTION"])
    rule = RULES["T2"]
    assert thank_you == (
        "Due: Tue 17 Nov 2026, 10:00 (America/New_York)\n"
        "Late after: Wed 18 Nov 2026, 23:59 (America/New_York)\n\n"
        f"{rule.title} (T2)\n{rule.explanation}"
    )
    follow_up = str(found["northwind-follow_up-1-priya@follow-up-coach"]["DESCRIPTION"])
    assert follow_up.startswith("Due: Fri 27 Nov 2026, 23:59 (America/New_York)\n\n")
    assert follow_up.endswith(f"{RULES['F1'].title} (F1)\n{RULES['F1'].explanation}")
    assert "Late after" not in follow_up


def test_each_follow_up_to_each_person_has_its_own_uid(
    make_application: ApplicationFactory,
) -> None:
    """With two follow-ups planned per person, every one is its own event: none replaces another."""
    app = make_application(id="northwind", profile="eager")
    follow_ups = [m for m in plan(app, NOW) if m.kind == "follow_up"]
    assert len(follow_ups) == 4, "two people, two follow-ups each"
    found = events(calendar_file([app], NOW))
    assert {uid for uid in found if "-follow_up-" in uid} == {
        f"northwind-follow_up-{number}-{person}@follow-up-coach"
        for number in (1, 2)
        for person in ("priya", "sean")
    }


def test_same_now_gives_identical_bytes(northwind: Application, london: Application) -> None:
    """Exporting twice at the same moment gives the same file, byte for byte."""
    first = calendar_file([northwind, london], NOW)
    assert calendar_file([northwind, london], NOW) == first
    assert calendar_file([northwind, london], NOW + timedelta(seconds=1)) != first


def test_same_bytes_in_any_process() -> None:
    """The file does not depend on Python's per-process hash seed (the order of VTIMEZONEs)."""
    script = (
        "import sys\n"
        "from datetime import datetime\n"
        "from zoneinfo import ZoneInfo\n"
        "from lib.calendar_export import calendar_file\n"
        "from lib.model import Application\n"
        "apps = [Application(id=zone.split('/')[1], company='Acme', role='Engineer',\n"
        "    interview_at=datetime(2026, 11, 16, 10, tzinfo=ZoneInfo(zone)), timezone=zone,\n"
        "    country=country) for zone, country in\n"
        "    [('America/New_York', 'US'), ('Europe/London', 'GB'), ('Asia/Tokyo', 'JP')]]\n"
        "now = datetime(2026, 11, 16, tzinfo=ZoneInfo('UTC'))\n"
        "sys.stdout.buffer.write(calendar_file(apps, now))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    (data,) = outputs
    tz_names = [tz.tz_name for tz in parse(data).timezones]
    assert tz_names == ["America/New_York", "Asia/Tokyo", "Europe/London"]


def test_uids_survive_a_step_being_done(
    make_application: ApplicationFactory, northwind: Application
) -> None:
    """After thanking Priya, a new export drops her event and keeps every other UID as it was."""
    before = events(calendar_file([northwind], NOW))
    thanked = make_application(
        id="northwind",
        contacts=[
            {
                "interviewer_id": "priya",
                "kind": "thank_you",
                "at": datetime(2026, 11, 16, 21, 0, tzinfo=NEW_YORK),
            }
        ],
    )
    after = events(calendar_file([thanked], LATER))
    assert set(after) == set(before) - {"northwind-thank_you-priya@follow-up-coach"}
    for uid, event in after.items():
        assert (event.start, event.end) == (before[uid].start, before[uid].end)
    assert set(events(calendar_file([northwind], LATER))) == set(before)


def test_done_steps_make_no_events(make_application: ApplicationFactory) -> None:
    """A thank-you already logged and references already told do not clutter the calendar."""
    app = make_application(
        id="northwind",
        references_notified=True,
        contacts=[
            {
                "interviewer_id": "sean",
                "kind": "thank_you",
                "at": datetime(2026, 11, 16, 11, 30, tzinfo=NEW_YORK),
            }
        ],
    )
    assert set(events(calendar_file([app], NOW))) == NORTHWIND_UIDS - {
        "northwind-thank_you-sean@follow-up-coach",
        "northwind-references-1@follow-up-coach",
    }


def test_closed_applications_make_no_events(
    make_application: ApplicationFactory, northwind: Application
) -> None:
    """An application that ended in an offer (or was rejected) adds nothing to the calendar."""
    offer = make_application(id="offer", company="Contoso", status="offer")
    rejected = make_application(id="rejected", company="Fabrikam", status="rejected")
    assert parse(calendar_file([offer, rejected], NOW)).events == []
    assert set(events(calendar_file([offer, northwind, rejected], NOW))) == NORTHWIND_UIDS


@pytest.mark.parametrize("case", ["no applications", "moved on"])
def test_nothing_pending_gives_an_empty_calendar(
    make_application: ApplicationFactory, case: str
) -> None:
    """With nothing to do, the file is still a calendar a calendar app can read: just empty."""
    applications = []
    if case == "moved on":
        applications = [
            make_application(
                status="moved_on",
                contacts=[
                    {"interviewer_id": person, "kind": "thank_you", "at": NOW}
                    for person in ("priya", "sean")
                ],
            )
        ]
        assert plan(applications[0], NOW), "the plan keeps the done steps"
    data = calendar_file(applications, NOW, name="My jobs")
    cal = parse(data)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    assert str(cal["X-WR-CALNAME"]) == "My jobs"
    assert cal.events == []
    assert cal.timezones == []


def test_several_applications_in_one_file(northwind: Application, london: Application) -> None:
    """Two applications share one file, their events ordered by start time, then UID."""
    data = calendar_file([northwind, london], NOW)
    cal = parse(data)
    uids = [str(event.uid) for event in cal.events]
    assert set(uids) == NORTHWIND_UIDS | {
        uid.replace("northwind", "london") for uid in NORTHWIND_UIDS
    }
    order = [(event.start, str(event.uid)) for event in cal.events]
    assert order == sorted(order)
    # 20:00 in London (20:00 UTC) comes before 20:00 in New York (01:00 UTC), then by UID
    assert uids[:4] == [
        "london-thank_you-priya@follow-up-coach",
        "london-thank_you-sean@follow-up-coach",
        "northwind-thank_you-priya@follow-up-coach",
        "northwind-thank_you-sean@follow-up-coach",
    ]
    assert str(cal["X-WR-CALNAME"]) == "Follow-Up Coach"


def test_file_name_for_one_and_for_several(
    northwind: Application, london: Application, make_application: ApplicationFactory
) -> None:
    """One application's file is named after its company; several share a general name."""
    assert file_name([northwind]) == "follow-up-northwind-analytics.ics"
    assert file_name([northwind, london]) == "follow-up-coach.ics"
    assert file_name([]) == "follow-up-coach.ics"
    accented = make_application(company="Crème Brûlée, Bistro; Café")
    assert file_name([accented]) == "follow-up-creme-brulee-bistro-cafe.ics"


def test_accents_commas_and_semicolons_round_trip(make_application: ApplicationFactory) -> None:
    """Names with accents, commas and semicolons come back exactly, escaped as RFC 5545 asks."""
    app = make_application(
        id="bistro",
        company="Crème Brûlée, Bistro; Café",
        interviewers=[{"id": "zoe", "name": "Zoë Ångström, PhD; Jr."}],
    )
    name = "Zoë's jobs, 2026; all\\none"
    data = calendar_file([app], NOW, name=name)
    found = events(data)
    assert str(found["bistro-thank_you-zoe@follow-up-coach"]["SUMMARY"]) == (
        "Thank-you to Zoë Ångström, PhD; Jr. · Crème Brûlée, Bistro; Café · by Tue 17 Nov, 10:00"
    )
    assert str(found["bistro-follow_up-1-zoe@follow-up-coach"]["SUMMARY"]) == (
        "Follow-up to Zoë Ångström, PhD; Jr. · Crème Brûlée, Bistro; Café · by Fri 27 Nov, 23:59"
    )
    assert str(parse(data)["X-WR-CALNAME"]) == name
    assert "SUMMARY:Thank-you to Zoë Ångström\\, PhD\\; Jr. · Crème".encode() in data.replace(
        b"\r\n ", b""
    )


def test_naive_now_is_refused(northwind: Application) -> None:
    """A moment without a timezone cannot stamp a calendar: the caller hears so at once."""
    with pytest.raises(ValueError, match="timezone-aware"):
        calendar_file([northwind], datetime(2026, 11, 16, 12, 0))
