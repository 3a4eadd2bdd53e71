"""The plan as a calendar file (.ics): one event per pending step of every open application.

Each step is a short event at the moment to act, marked free so it never blocks a day, with the
deadline in its title and notes and a reminder an hour before. Each event is zoned in its
application's own timezone and carries the VTIMEZONE it needs. Calendars match events on UID,
which is built from the application, the kind of step and the person (or the follow-up's number),
so importing a newer file updates the events already there instead of adding copies. SEQUENCE
stays 0 and DTSTAMP is the ``now`` of the export: the same plan exported at the same ``now`` gives
the same bytes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import TRANSP, Alarm, Calendar, Event

from lib.guidance import RULES
from lib.model import OPEN_STATUS, Application
from lib.schedule import Milestone, describe, plan

PRODID = "-//Follow-Up Coach//Follow-Up Coach//EN"
UID_DOMAIN = "follow-up-coach"
EVENT_LENGTH = timedelta(minutes=15)  # a reminder to act, not a block of busy time
ALARM_BEFORE = timedelta(hours=1)  # time to write the note before the moment to send it
SEVERAL_FILE_NAME = "follow-up-coach.ics"


def event_uid(app: Application, milestone: Milestone) -> str:
    """Return the stable UID of a milestone's event, e.g. "a1-thank_you-priya@follow-up-coach".

    A step for one person is named by the person, a step for the whole application by its
    number; a follow-up to one person by both ("a1-follow_up-2-priya"), since each person can
    have several.
    """
    who = milestone.interviewer_id or milestone.number
    if milestone.kind == "follow_up" and milestone.interviewer_id is not None:
        who = f"{milestone.number}-{milestone.interviewer_id}"
    return f"{app.id}-{milestone.kind}-{who}@{UID_DOMAIN}"


def action_moment(app: Application, milestone: Milestone) -> datetime:
    """Return when to act on a milestone: its ideal moment, the opening of a window that opens
    after the interview (a follow-up is sent when its window opens, not at midnight on its last
    day), else the moment it is due."""
    if milestone.ideal is not None:
        return milestone.ideal
    if app.interview_at < milestone.start < milestone.due:
        return milestone.start
    return milestone.due


def event_window(app: Application, milestone: Milestone) -> tuple[datetime, datetime]:
    """Return (start, end) of a milestone's short event, zoned in the application's timezone."""
    zone = app.zone
    start = action_moment(app, milestone).astimezone(zone)
    # in real (UTC) time, so a daylight-saving change within the event is counted right
    end = (start.astimezone(UTC) + EVENT_LENGTH).astimezone(zone)
    return start, end


def _deadline(value: datetime, app: Application) -> str:
    """Format a deadline briefly in the application's zone, e.g. "Tue 17 Nov, 10:00"."""
    local = value.astimezone(app.zone)
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"


def event_summary(app: Application, milestone: Milestone) -> str:
    """Return the event's title: the action, the company when the action does not name it, and
    the deadline, e.g. "Thank-you to Priya Raghunathan · Northwind Analytics · by Tue 17 Nov,
    10:00"."""
    action = describe(app, milestone)
    if app.company not in action:
        action = f"{action} · {app.company}"
    return f"{action} · by {_deadline(milestone.due, app)}"


def _moment(value: datetime, app: Application) -> str:
    """Format a moment in the application's zone, e.g. "Tue 17 Nov 2026, 10:00 (Europe/London)"."""
    return f"{value.astimezone(app.zone):%a %d %b %Y, %H:%M} ({app.timezone})"


def event_description(app: Application, milestone: Milestone) -> str:
    """Return the event's notes: the deadline (and any late moment) first, then the rule."""
    rule = RULES[milestone.rule]
    lines = [f"Due: {_moment(milestone.due, app)}"]
    if milestone.kind == "thank_you" and milestone.late is not None:
        lines.append(f"Late after: {_moment(milestone.late, app)}")
    lines += ["", f"{rule.title} ({rule.id})", rule.explanation]
    return "\n".join(lines)


def milestone_event(app: Application, milestone: Milestone, now: datetime) -> Event:
    """Build the short, free VEVENT (with a display alarm before it) for one pending milestone."""
    start, end = event_window(app, milestone)
    summary = event_summary(app, milestone)
    event = Event.new(
        uid=event_uid(app, milestone),
        stamp=now.astimezone(UTC),
        sequence=0,
        summary=summary,
        start=start,
        end=end,
        description=event_description(app, milestone),
        categories=[milestone.kind],
        transparency=TRANSP.TRANSPARENT,  # free time: a reminder never blocks the day
    )
    event.add_component(
        Alarm.new_display(description=f"In 1 hour: {summary}", trigger=-ALARM_BEFORE)
    )
    return event


def pending_events(applications: Sequence[Application], now: datetime) -> list[Event]:
    """Return the events of every pending milestone of the open applications, by start then UID."""
    events = [
        milestone_event(app, milestone, now)
        for app in applications
        if app.status == OPEN_STATUS
        for milestone in plan(app, now)
        if milestone.status != "done"
    ]
    return sorted(events, key=lambda event: (event.start, str(event.uid)))


def calendar_file(
    applications: Sequence[Application], now: datetime, name: str = "Follow-Up Coach"
) -> bytes:
    """Return an iCalendar file with one event per pending step of the open applications."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    calendar = Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    calendar.calscale = "GREGORIAN"
    calendar.calendar_name = name  # NAME (RFC 7986) and X-WR-CALNAME
    events = pending_events(applications, now)
    for event in events:
        calendar.add_component(event)
    if events:
        first = min(event.start for event in events)
        last = max(event.end for event in events)
        calendar.add_missing_timezones(
            first_date=date((first - ALARM_BEFORE).year, 1, 1), last_date=date(last.year + 1, 1, 1)
        )
        # add_missing_timezones works through a set: fix the order so the bytes are repeatable
        calendar.subcomponents.sort(
            key=lambda part: (0, str(part["TZID"])) if part.name == "VTIMEZONE" else (1, "")
        )
    return calendar.to_ical()


def _slug(text: str) -> str:
    """Return ``text`` as lowercase ASCII words joined by hyphens, e.g. "creme-brulee-co"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_name(applications: Sequence[Application]) -> str:
    """Return the download name: one per company for a single application, else a shared one."""
    if len(applications) == 1 and (slug := _slug(applications[0].company)):
        return f"follow-up-{slug}.ics"
    return SEVERAL_FILE_NAME
