"""Read an interview from its calendar invitation: the .ics file, or the e-mail that carries it.

What real clients send is read: Google Calendar, Outlook and Exchange (Windows zone names such
as "Eastern Standard Time", "Last, First" display names), Apple Calendar, Zoom and Teams, and
the scheduling tools that list the panel in the description (see ``lib.invite_people``). An
onsite loop sent as several events is one interview: the first start, every person once.

Decisions:
- Time: the first start, in the event's own zone. A UTC time ("Z") is shown in the zone the
  file names elsewhere (another TZID, X-WR-TIMEZONE, a VTIMEZONE), else in UTC. A floating time
  (no zone) is read in such a zone when the file names one; otherwise it cannot be placed, so
  ``interview_at`` is None rather than a guess that would move every deadline. A zone that only
  the file defines (an unnamed VTIMEZONE) keeps the right instant, in UTC, with no zone name.
  An all-day event has no time: ``interview_at`` and ``timezone`` are None.
- People: see ``lib.invite_people`` (the user, rooms and shared mailboxes are left out).
- Size: a file over ``MAX_BYTES``, or holding more than ``MAX_EVENTS`` events or events more than
  ``MAX_LOOP_SPAN`` apart, is a calendar export rather than one invitation, and is refused.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from lib.invite_people import (
    SCHEDULING_TOOL_DOMAINS,
    Address,
    InvitedPerson,
    addresses,
    has_role_word,
    invited_people,
    name_key,
    names_in,
    under_domain,
)
from lib.model import known_timezones
from lib.timezones import is_utc

MAX_BYTES = 2 * 1024 * 1024  # an invitation is a few kilobytes; its e-mail rarely 100 KB
MAX_EVENTS = 12  # an onsite loop is a handful of interviews; more is a calendar
MAX_LOOP_SPAN = timedelta(days=2)  # an onsite loop fits in a day or two
NOT_AN_INVITATION = (
    "This file is not a calendar invitation. Upload the .ics file attached to the invitation "
    "e-mail, or the e-mail itself saved as an .eml file."
)
_EXPORT_ONE = "Export just the interview's invitation from your calendar and upload that."
_CALENDAR_TYPES = frozenset({"text/calendar", "application/ics", "text/x-vcalendar"})
_FOLD = re.compile(rb"\r?\n[ \t]")  # unfolded as bytes: a fold may split a UTF-8 character
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:")
# Mail and meeting providers: their domain says nothing about the employer.
GENERIC_DOMAINS = SCHEDULING_TOOL_DOMAINS | frozenset(
    "gmail.com googlemail.com google.com outlook.com hotmail.com live.com msn.com microsoft.com "
    "office365.com yahoo.com ymail.com icloud.com me.com mac.com aol.com proton.me "
    "protonmail.com gmx.com gmx.de web.de mail.com zoho.com fastmail.com hey.com zoom.us "
    "zoomgov.com webex.com".split()
)
_SECOND_LEVEL = frozenset("co com org net ac gov edu ne or".split())  # acme.co.uk -> acme
_PRODUCTS = frozenset(
    "zoom microsoft teams google meet webex skype gmail outlook greenhouse lever ashby goodtime "
    "calendly".split()
)
_COMPANY_CONNECTORS = frozenset("& and of the for de du des la le y und für".split())
_SUMMARY_SPLIT = re.compile(r"\s+(?:[|–—•·/x]|-|<>)\s+|:\s+")
_AT_OR_WITH = re.compile(r"(?i)^(?P<before>.*?)\s*\b(?:at|with)\s+(?P<after>\S.*)$")
_BRACKETS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_STAGE = re.compile(
    r"(?i)\b(?:(?:virtual|video|zoom|teams|phone|technical|tech|final|first|second|third|next|"
    r"updated|new|\d+(?:st|nd|rd|th)|hiring\s+manager|recruiter|panel|onsite|on-site|in-person|"
    r"behaviou?ral|coding|system\s+design|case\s+study|culture|values|intro(?:ductory)?)\s+)*"
    r"(?:interviews?|onsite|on-site|screen(?:ing)?|call|chat|loop|round(?:\s+\d+)?|panel|"
    r"conversation|meeting|invitation)\b"
)


@dataclass(frozen=True)
class Invitation:
    """What an invitation says about the interview."""

    company: str  # "" when unknown
    role: str  # "" when unknown
    interview_at: datetime | None  # aware; None when the invitation has no time
    timezone: str | None  # IANA name, or None
    people: tuple[InvitedPerson, ...]


def read_invite(data: bytes, me: str | None = None) -> Invitation:
    """Read the interview an invitation describes, from an .ics file or an .eml e-mail.

    ``me`` is the user's e-mail address, left out of the people. Raises ValueError, with what
    to do instead, for a file that is not one invitation or one that was cancelled.
    """
    calendars = _calendars(_calendar_text(data))
    events = _interview_events(calendars)
    mine = (me or "").strip().casefold().removeprefix("mailto:")
    people = names_in(events)
    summaries = [str(event.get("SUMMARY", "")) for event in events]
    interview_at, zone = _interview_time(events, _zone_hints(calendars, events))
    return Invitation(
        company=_first(_summary_companies(summary, people) for summary in summaries)
        or _company_from_addresses([a for event in events for a in addresses(event)], mine),
        role=_first(_summary_roles(summary, people) for summary in summaries),
        interview_at=interview_at,
        timezone=zone,
        people=invited_people(events, mine),
    )


def _calendar_text(data: bytes) -> str:
    """Return the calendar text of an .ics file or of the e-mail that carries it."""
    if len(data) > MAX_BYTES:
        raise ValueError(
            f"This file is {len(data) / 1024 / 1024:.1f} MB, too large to be one invitation "
            f"(the limit is {MAX_BYTES // 1024 // 1024} MB). {_EXPORT_ONE}"
        )
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise ValueError("The file is empty. Upload the invitation's .ics file or its e-mail.")
    if head[:15].upper() == b"BEGIN:VCALENDAR":
        return _decode(head, None)
    if _HEADER_LINE.match(head):
        return _decode(*_calendar_part(head))
    raise ValueError(NOT_AN_INVITATION)


def _calendar_part(message_bytes: bytes) -> tuple[bytes, str | None]:
    """Return the calendar part of an e-mail (inline or attached) and its declared charset."""
    message = email.message_from_bytes(message_bytes, policy=email.policy.default)
    for part in message.walk():
        filename = (part.get_filename() or "").casefold()
        if part.get_content_type() in _CALENDAR_TYPES or filename.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload, part.get_content_charset()
    raise ValueError(
        "This e-mail holds no calendar invitation. Upload the invitation e-mail itself, or the "
        ".ics file attached to it."
    )


def _decode(raw: bytes, charset: str | None) -> str:
    """Unfold calendar bytes and decode them: UTF-8, else the declared charset, else cp1252."""
    unfolded = _FOLD.sub(b"", raw)
    for encoding in ("utf-8-sig", charset or "utf-8"):
        try:
            return unfolded.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return unfolded.decode("cp1252", errors="replace")


def _calendars(text: str) -> list[Component]:
    """Parse calendar text into its VCALENDARs."""
    if "BEGIN:VCALENDAR" not in text.upper():
        raise ValueError(NOT_AN_INVITATION)
    try:
        return Calendar.from_ical(text, multiple=True)
    except (ValueError, AttributeError, TypeError) as error:  # all seen on mangled files
        raise ValueError(NOT_AN_INVITATION) from error


def _interview_events(calendars: list[Component]) -> list[Component]:
    """Return the events of the interview, first start first, refusing a cancelled invitation
    and a file that holds a calendar rather than one invitation."""
    events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    if not events:
        raise ValueError(f"This calendar file holds no event. {_EXPORT_ONE}")
    uids = {str(event.get("UID", index)) for index, event in enumerate(events)}
    if len(uids) > MAX_EVENTS:
        raise ValueError(
            f"This file holds {len(uids)} events, a whole calendar rather than one invitation. "
            f"{_EXPORT_ONE}"
        )
    cancelled = any(str(c.get("METHOD", "")).upper() == "CANCEL" for c in calendars)
    events = [e for e in events if str(e.get("STATUS", "")).upper() != "CANCELLED"]
    if cancelled or not events:
        raise ValueError(
            "This invitation was cancelled, so there is no interview to read. If the interview "
            "was moved, upload the newer invitation."
        )
    events.sort(key=_sort_moment)
    moments = [_sort_moment(event) for event in events if _start_value(event) is not None]
    if moments and moments[-1] - moments[0] > MAX_LOOP_SPAN:
        raise ValueError(
            f"This file holds events from {moments[0]:%d %b %Y} to {moments[-1]:%d %b %Y}, "
            f"more than one interview. {_EXPORT_ONE}"
        )
    return events


def _start_value(event: Component) -> date | None:
    """Return an event's DTSTART as read (a date, or a datetime with or without a zone); None
    when it has none or it cannot be read."""
    try:
        value = getattr(event.get("DTSTART"), "dt", None)
    except ValueError:  # icalendar keeps an unreadable value and refuses to give its date
        return None
    return value if isinstance(value, date) else None


def _sort_moment(event: Component) -> datetime:
    """Return when an event starts, near enough to order events (undated ones last)."""
    value = _start_value(event)
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if value is not None:
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return datetime.max.replace(tzinfo=UTC)


def _iana_name(tzid: str) -> str | None:
    """Return the IANA name a TZID stands for: itself, or a Windows zone's ("Eastern Standard
    Time" -> America/New_York); None for a name of the file's own."""
    name = tzid.strip().strip('"')
    if name in known_timezones():
        return name
    mapped = WINDOWS_TO_OLSON.get(name)
    return mapped if mapped in known_timezones() else None


def _zone_hints(calendars: list[Component], events: list[Component]) -> list[str]:
    """Return the zones other than UTC the file names, most telling first: the events' TZIDs,
    then the calendar's X-WR-TIMEZONE, then its VTIMEZONE blocks."""
    tzids = [
        str(prop.params.get("TZID", ""))
        for event in events
        for prop in (event.get("DTSTART"), event.get("DTEND"))
        if hasattr(prop, "params")
    ]
    tzids += [str(event.get("TZID", "")) for event in events]  # Zoom writes one per event
    tzids += [str(calendar.get("X-WR-TIMEZONE", "")) for calendar in calendars]
    tzids += [str(zone.get("TZID", "")) for c in calendars for zone in c.walk("VTIMEZONE")]
    names = [_iana_name(tzid) for tzid in tzids if tzid]
    return list(dict.fromkeys(name for name in names if name and not is_utc(name)))


def _interview_time(
    events: list[Component], hints: list[str]
) -> tuple[datetime | None, str | None]:
    """Return the first start of the interview, aware, and its zone's IANA name."""
    for event in events:  # in start order: the first with a time
        value = _start_value(event)
        if isinstance(value, datetime):
            return _placed(value, hints)
    return None, None


def _placed(value: datetime, hints: list[str]) -> tuple[datetime | None, str | None]:
    """Return a start in its zone and the zone's name, reading a floating time in the zone the
    file names elsewhere (see the module's decisions)."""
    if value.tzinfo is None:
        if not hints:
            return None, None
        return value.replace(tzinfo=ZoneInfo(hints[0])), hints[0]
    name = _zone_key(value.tzinfo)
    if name and not is_utc(name):
        return value, name
    if name is None:  # a zone only the file defines: a zone named elsewhere, if it agrees
        hints = [zone for zone in hints if _offset(zone, value) == value.utcoffset()]
    zone = hints[0] if hints else name
    return value.astimezone(ZoneInfo(zone) if zone else UTC), zone


def _zone_key(zone: tzinfo) -> str | None:
    """Return the IANA name of a zone, or None for a zone the file defines under a name of
    its own."""
    key = getattr(zone, "key", None)
    return _iana_name(key) if isinstance(key, str) else None


def _offset(zone: str, value: datetime) -> timedelta | None:
    """Return a zone's offset from UTC at ``value``."""
    return value.astimezone(ZoneInfo(zone)).utcoffset()


def _first(candidates: Iterable[Iterable[str]]) -> str:
    """Return the first non-empty text of lists of candidates, or ""."""
    return next((text for texts in candidates for text in texts if text), "")


def _strip_stage(text: str) -> str:
    """Remove the words naming a kind of meeting ("Technical Screen", "Onsite Interview")."""
    return " ".join(_STAGE.sub(" ", text).split()).strip(" -–—,:&")


def _summary_segments(summary: str) -> list[str]:
    """Split a summary at its separators ("|", " – ", ":", "<>"), without bracketed asides."""
    return [_BRACKETS.sub("", part).strip() for part in _SUMMARY_SPLIT.split(summary)]


def _split_at_or_with(segment: str) -> tuple[str, str] | None:
    """Split "Data Engineer interview at Acme" and "Interview with Acme" into what comes
    before and after "at"/"with", when what comes before names a meeting or a job."""
    match = _AT_OR_WITH.match(segment)
    if match and (_STAGE.search(match["before"]) or has_role_word(match["before"])):
        return match["before"], match["after"].strip()
    return None


def _summary_companies(summary: str, people: set[str]) -> list[str]:
    """Return the companies a summary may name, most likely first: the one after "at"/"with",
    then each part that is neither a role, a kind of meeting nor a person in the invitation."""
    after_at_or_with, others = [], []
    for segment in _summary_segments(summary):
        split = _split_at_or_with(segment)
        if split:
            after_at_or_with.append(split[1])
        else:
            others.append(_strip_stage(segment))
    return [
        text
        for text in after_at_or_with + others
        if _looks_like_company(text) and name_key(text) not in people and not has_role_word(text)
    ]


def _summary_roles(summary: str, people: set[str]) -> list[str]:
    """Return the job titles a summary names ("Senior Data Engineer"), first first."""
    parts = [split[0] if (split := _split_at_or_with(s)) else s for s in _summary_segments(summary)]
    roles = [_strip_stage(part) for part in parts]
    return [role for role in roles if has_role_word(role) and name_key(role) not in people]


def _looks_like_company(text: str) -> bool:
    """Whether a text can be a company's name: one to six capitalised words, not a meeting
    product ("Zoom", "Microsoft Teams")."""
    words = text.split()
    if not 1 <= len(words) <= 6 or "@" in text:
        return False
    return all(
        word.casefold() in _COMPANY_CONNECTORS or not word[0].islower() for word in words
    ) and not all(word.casefold() in _PRODUCTS for word in words)


def company_from_domain(address: str) -> str:
    """Guess a company from an e-mail address's domain ("acme-robotics.example" -> "Acme
    Robotics"); "" for a mail or meeting provider's domain."""
    domain = address.casefold().rpartition("@")[2]
    labels = domain.split(".")
    if under_domain(domain, GENERIC_DOMAINS) or len(labels) < 2:
        return ""
    if len(labels) > 2 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-1]
    return labels[-2].replace("-", " ").title()


def _company_from_addresses(addresses: list[Address], me: str) -> str:
    """Guess the company from the organiser's, then the attendees', e-mail domain, other
    than the user's own."""
    mine = me.rpartition("@")[2]
    guesses = (
        company_from_domain(address.email)
        for address in addresses
        if address.email and address.email.casefold().rpartition("@")[2] != mine
    )
    return next((guess for guess in guesses if guess), "")
