"""Reading an interview from its calendar invitation: what each client sends is read exactly,
and what is not one invitation is refused with a message that says what to do instead."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.invite import (
    MAX_EVENTS,
    Invitation,
    InvitedPerson,
    company_from_domain,
    read_invite,
)
from lib.invite_people import Listed, display_name, listed_people

INVITES = Path(__file__).resolve().parent / "data" / "invites"
ME = "jane.doe@example.com"

DANA = InvitedPerson("Dana Whitfield", "dana.whitfield@acme-robotics.example", "")
ACME_PANEL = (
    InvitedPerson("Priya Raghunathan", "", "Staff Data Engineer"),
    InvitedPerson("Marcus Lee", "", "Engineering Manager"),
)

# What each good fixture says: the instant is in UTC; the zone is the IANA name of the event's.
EXPECTED = {
    "google.ics": Invitation(
        company="Acme Robotics",
        role="Data Engineer",
        interview_at=datetime(2026, 11, 17, 15, 0, tzinfo=UTC),
        timezone="America/New_York",
        people=(
            DANA,  # organiser and attendee: one person
            # Google gives the address as the name when the guest has none
            InvitedPerson("Priya Raghunathan", "priya.raghunathan@acme-robotics.example", ""),
        ),
    ),
    "outlook.ics": Invitation(
        company="Acme Robotics",
        role="Data Engineer",
        interview_at=datetime(2026, 11, 18, 19, 0, tzinfo=UTC),
        timezone="America/New_York",  # TZID "Eastern Standard Time"
        people=(
            InvitedPerson("Marcus Lee", "marcus.lee@acme-robotics.example", ""),
            InvitedPerson("Priya Raghunathan", "Priya.Raghunathan@acme-robotics.example", ""),
        ),
    ),
    "outlook_no_vtimezone.ics": Invitation(
        company="Nordlicht Energie AG",
        role="",
        interview_at=datetime(2026, 11, 19, 8, 30, tzinfo=UTC),
        timezone="Europe/Berlin",  # TZID "W. Europe Standard Time", no VTIMEZONE
        people=(
            InvitedPerson("Katrin Schneider", "katrin.schneider@nordlicht-energie.example", ""),
            InvitedPerson("Felix Bauer", "felix.bauer@nordlicht-energie.example", ""),
        ),
    ),
    "apple.ics": Invitation(
        company="Lumen Health",
        role="Product Designer",
        interview_at=datetime(2026, 11, 23, 11, 0, tzinfo=UTC),
        timezone="Europe/London",
        people=(
            InvitedPerson("Tom Hughes", "tom.hughes@lumen-health.example", ""),
            InvitedPerson("Aisha Rahman", "aisha.rahman@lumen-health.example", ""),
        ),
    ),
    "zoom.ics": Invitation(
        company="Brightwater Analytics",
        role="Data Analyst",
        interview_at=datetime(2026, 11, 18, 18, 0, tzinfo=UTC),
        timezone="America/Los_Angeles",  # a UTC time; the zone from the file's VTIMEZONE
        people=(InvitedPerson("Marcus Lee", "marcus.lee@brightwater-analytics.example", ""),),
    ),
    "teams.ics": Invitation(
        company="Fabrikam Finance",
        role="Risk Analyst",
        interview_at=datetime(2026, 11, 24, 17, 0, tzinfo=UTC),
        timezone="America/Los_Angeles",
        people=(
            InvitedPerson("Amara Okafor", "amara.okafor@fabrikam-finance.example", ""),
            InvitedPerson("Minh Khai Nguyen", "minhkhai.nguyen@fabrikam-finance.example", ""),
        ),
    ),
    "greenhouse.ics": Invitation(
        company="Acme Robotics",
        role="Senior Data Engineer",
        interview_at=datetime(2026, 12, 1, 15, 0, tzinfo=UTC),
        timezone="America/New_York",
        people=(
            *ACME_PANEL,
            InvitedPerson("Dr. Amara Okafor", "", "Director of Data Platform"),
        ),
    ),
    "lever.ics": Invitation(
        company="Northwind Analytics",
        role="Senior Data Engineer",
        interview_at=datetime(2026, 12, 3, 18, 0, tzinfo=UTC),
        timezone="America/Los_Angeles",
        people=(  # the schedule's names and titles, the attendees' addresses
            InvitedPerson(
                "Priya Raghunathan",
                "priya.raghunathan@northwind-analytics.example",
                "Staff Data Engineer",
            ),
            InvitedPerson("Marcus Lee", "", "Engineering Manager"),
            InvitedPerson(
                "Seán O'Donnell", "sean.odonnell@northwind-analytics.example", "Principal Engineer"
            ),
        ),
    ),
    "ashby.ics": Invitation(
        company="Meridian Labs",
        role="Machine Learning Engineer",
        interview_at=datetime(2026, 12, 9, 19, 0, tzinfo=UTC),
        timezone="UTC",  # a UTC time and no other zone in the file
        people=(
            InvitedPerson(
                "Priya Raghunathan", "priya@meridian-labs.example", "Staff Data Engineer"
            ),
            InvitedPerson("Marcus Lee", "", "Engineering Manager"),
        ),
    ),
    "goodtime.ics": Invitation(
        company="Acme Robotics",  # not "Jane Doe", the candidate
        role="",
        interview_at=datetime(2026, 12, 10, 15, 0, tzinfo=UTC),
        timezone="America/Chicago",  # from X-WR-TIMEZONE
        people=(*ACME_PANEL, InvitedPerson("Zoë Müller", "", "Director of Engineering")),
    ),
    "onsite_loop.ics": Invitation(
        company="Acme Robotics",
        role="Data Engineer",
        interview_at=datetime(2026, 12, 2, 9, 0, tzinfo=UTC),  # the welcome, second in the file
        timezone="Europe/Dublin",
        people=(
            DANA,
            InvitedPerson("Marcus Lee", "marcus.lee@acme-robotics.example", ""),
            InvitedPerson("Priya Raghunathan", "priya.raghunathan@acme-robotics.example", ""),
            InvitedPerson("Seán O'Donnell", "sean.odonnell@acme-robotics.example", ""),
        ),
    ),
    "folded_escaped_unicode.ics": Invitation(
        company="Café Lumière",
        role="Data Scientist",
        interview_at=datetime(2026, 11, 30, 13, 0, tzinfo=UTC),
        timezone="Europe/Paris",
        people=(
            InvitedPerson(
                "Seán O'Donnell",
                "sean.odonnell@cafe-lumiere.example",
                "Head of Data Science, Paris",
            ),
            InvitedPerson("José Álvarez", "", "Lead Data Scientist"),
            InvitedPerson(
                "山田 花子", "hanako.yamada@cafe-lumiere.example", "Staff Data Scientist"
            ),
            InvitedPerson("Zoë Müller", "zoe.mueller@cafe-lumiere.example", ""),
        ),
    ),
    "google_invitation.eml": Invitation(
        company="Northwind Analytics",
        role="Analytics Engineer",
        interview_at=datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
        timezone="Asia/Kolkata",
        people=(
            InvitedPerson("Ravi Menon", "ravi.menon@northwind-analytics.example", ""),
            InvitedPerson("Anjali Deshpande", "anjali.deshpande@northwind-analytics.example", ""),
        ),
    ),
    "outlook_invitation_qp.eml": Invitation(
        company="Sakura Mobility",
        role="Backend Engineer",
        interview_at=datetime(2026, 11, 26, 1, 0, tzinfo=UTC),
        timezone="Asia/Tokyo",  # TZID "Tokyo Standard Time"
        people=(
            InvitedPerson("José Álvarez", "jose.alvarez@sakura-mobility.example", ""),
            InvitedPerson("山田 花子", "hanako.yamada@sakura-mobility.example", ""),
        ),
    ),
    "forwarded_ics_attachment.eml": Invitation(
        company="Harbor Logistics",
        role="Operations Analyst",
        interview_at=datetime(2026, 11, 27, 18, 30, tzinfo=UTC),
        timezone="America/Toronto",
        people=(InvitedPerson("Chloé Tremblay", "chloe.tremblay@harbor-logistics.example", ""),),
    ),
    "no_time.ics": Invitation(
        company="Acme Robotics",
        role="",
        interview_at=None,  # an all-day event
        timezone=None,
        people=(DANA,),
    ),
    "no_people.ics": Invitation(
        company="Acme Robotics",
        role="",
        interview_at=datetime(2026, 11, 16, 20, 0, tzinfo=UTC),
        timezone="America/New_York",
        people=(),
    ),
}
REFUSED = {
    "cancelled.ics": "upload the newer invitation",
    "photo_renamed.ics": "Upload the .ics file attached to the invitation e-mail",
    "no_calendar.eml": "Upload the invitation e-mail itself, or the .ics file attached to it",
}


def read(name: str, me: str | None = ME) -> Invitation:
    """Read a fixture as the user with ``me`` as their address."""
    return read_invite((INVITES / name).read_bytes(), me)


def calendar(*events: str, head: str = "") -> bytes:
    """Return a small calendar file holding ``events`` (VEVENT bodies), as clients write it."""
    blocks = "".join(f"BEGIN:VEVENT\n{body.strip()}\nEND:VEVENT\n" for body in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Example//Test//EN\n{head}{blocks}"
    return (text + "END:VCALENDAR\n").replace("\n", "\r\n").encode()


def event(uid: str = "1", start: str = "DTSTART:20261117T150000Z", extra: str = "") -> str:
    """Return the body of an event titled "Interview with Acme Robotics"."""
    return f"UID:{uid}\n{start}\nSUMMARY:Interview with Acme Robotics\n{extra}"


def sentences(message: str) -> int:
    """Count the sentences of a message."""
    return len(re.findall(r"[.!?](?=\s|$)", message))


def test_every_fixture_is_checked() -> None:
    """Each file in the fixtures folder is read exactly or refused by a test below."""
    on_disk = {path.name for path in INVITES.iterdir()}
    assert on_disk == set(EXPECTED) | set(REFUSED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_client_s_invitation_is_read_exactly(name: str) -> None:
    """Company, role, the instant, the zone and every person (name, e-mail, title) are read
    from what Google, Outlook, Apple, Zoom, Teams and the scheduling tools send."""
    invitation = read(name)
    assert invitation == EXPECTED[name]
    if invitation.interview_at is not None:  # shown in the event's own zone
        assert getattr(invitation.interview_at.tzinfo, "key", None) == invitation.timezone


@pytest.mark.parametrize(("name", "fragment"), sorted(REFUSED.items()))
def test_a_file_that_is_not_an_invitation_is_refused_with_what_to_do(
    name: str, fragment: str
) -> None:
    """A cancellation, a picture renamed .ics and an e-mail without a calendar are refused
    with a message of one or two sentences that says what to upload instead."""
    with pytest.raises(ValueError, match=re.escape(fragment)) as refused:
        read(name)
    assert sentences(str(refused.value)) <= 2


def test_without_me_the_candidate_is_a_person_but_not_the_company() -> None:
    """Without the user's address the candidate is listed like any guest, and their name in
    the summary ("Jane Doe <> Acme Robotics") is still not taken for the company."""
    google = read("google.ics", me=None)
    assert google.people == (*EXPECTED["google.ics"].people, InvitedPerson("Jane Doe", ME, ""))
    goodtime = read("goodtime.ics", me=None)
    assert goodtime.company == "Acme Robotics"
    assert InvitedPerson("Jane Doe", ME, "") in goodtime.people


@pytest.mark.parametrize(
    "me",
    ["PRIYA.RAGHUNATHAN@acme-robotics.example", "mailto:priya.raghunathan@ACME-robotics.example"],
)
def test_me_is_left_out_whatever_the_case(me: str) -> None:
    """The user is compared with the addresses ignoring case (Outlook writes
    Priya.Raghunathan@...), with or without "mailto:"."""
    people = read("outlook.ics", me=me).people
    assert [person.name for person in people] == ["Marcus Lee", "Jane Doe"]


@pytest.mark.parametrize(
    "line",
    [
        "ATTENDEE;CUTYPE=ROOM;CN=Boardroom:mailto:boardroom@acme-robotics.example",
        "ATTENDEE;CUTYPE=RESOURCE;CN=Projector 2:mailto:projector2@acme-robotics.example",
        "ATTENDEE;CUTYPE=GROUP;CN=Data Platform:mailto:data-platform@acme-robotics.example",
        "ATTENDEE;CN=NYC-12 4B:mailto:c_18f2b3c4d5e6@resource.calendar.google.com",
        "ATTENDEE;CN=Conf Room 4B:mailto:nyc12-4b@acme-robotics.example",
        "ATTENDEE;CN=Acme Recruiting:mailto:recruiting@acme-robotics.example",
        "ATTENDEE;CN=Acme Talent:mailto:talent@acme-robotics.example",
        "ATTENDEE;CN=Careers:mailto:careers@acme-robotics.example",
        "ATTENDEE;CN=Interviews:mailto:interviews@acme-robotics.example",
        "ORGANIZER;CN=Acme Robotics:mailto:noreply@acme-robotics.example",
        "ORGANIZER;CN=Google Calendar:mailto:calendar-notification@google.com",
        "ORGANIZER;CN=Acme Robotics:mailto:scheduler@acme.greenhouse.io",
        "ORGANIZER;CN=Acme Robotics:mailto:interviews@hire.lever.co",
        "ORGANIZER;CN=Acme Robotics:mailto:candidates@ashbyhq.com",
        "ORGANIZER;CN=Acme Robotics:mailto:scheduling@goodtime.io",
        f"ATTENDEE;CN=Jane Doe:mailto:{ME}",
    ],
)
def test_rooms_resources_and_shared_mailboxes_are_not_people(line: str) -> None:
    """Rooms, resources, groups, team mailboxes, scheduling tools and the user are left out."""
    data = calendar(event(extra=f"{line}\nATTENDEE;CN=Marcus Lee:mailto:marcus@acme.example"))
    assert read_invite(data, ME).people == (InvitedPerson("Marcus Lee", "marcus@acme.example", ""),)


def test_an_organiser_counts_unless_the_description_lists_a_panel_without_them() -> None:
    """The person who sends an invitation is met, unless the description lists the panel and
    they are neither on it nor invited: a coordinator who sends a loop's invitation."""
    organiser = "ORGANIZER;CN=Dana Whitfield:mailto:dana@acme.example"
    panel = "DESCRIPTION:Interviewers:\\n• Marcus Lee – Engineering Manager"
    alone = read_invite(calendar(event(extra=organiser)), ME).people
    assert alone == (InvitedPerson("Dana Whitfield", "dana@acme.example", ""),)
    coordinator = read_invite(calendar(event(extra=f"{organiser}\n{panel}")), ME).people
    assert coordinator == (InvitedPerson("Marcus Lee", "", "Engineering Manager"),)
    on_panel = read_invite(
        calendar(event(extra=f"{organiser}\n{panel}\\n• Dana Whitfield – Recruiter")), ME
    ).people
    assert on_panel == (
        InvitedPerson("Marcus Lee", "", "Engineering Manager"),
        InvitedPerson("Dana Whitfield", "dana@acme.example", "Recruiter"),
    )


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        (
            "Interviewers:\n• Priya Raghunathan – Staff Data Engineer\n- Marcus Lee, Engineering"
            " Manager\n• 山田花子 – Staff Data Scientist\nDana Whitfield\nRecruiting Coordinator",
            [
                Listed("Priya Raghunathan", "Staff Data Engineer"),
                Listed("Marcus Lee", "Engineering Manager"),
                Listed(
                    "山田花子", "Staff Data Scientist"
                ),  # one word, in a script without capitals
            ],
        ),
        (
            "You'll be meeting with:\n\nPriya Raghunathan (Staff Data Engineer)\nMarcus Lee\n\n"
            "Best,\nDana Whitfield\nRecruiting Coordinator",
            [Listed("Priya Raghunathan", "Staff Data Engineer"), Listed("Marcus Lee", "")],
        ),
        (
            "Interviewer(s): Priya Raghunathan, Staff Data Engineer; Marcus Lee, Engineering "
            "Manager",
            [
                Listed("Priya Raghunathan", "Staff Data Engineer"),
                Listed("Marcus Lee", "Engineering Manager"),
            ],
        ),
        (
            "Interviewers: Priya Raghunathan, Marcus Lee",
            [Listed("Priya Raghunathan", ""), Listed("Marcus Lee", "")],
        ),
        (
            "10:00 AM - 10:45 AM  Priya Raghunathan (Staff Data Engineer)\n"
            "10:45 AM - 11:30 AM  Lunch with the team\n"
            "11:30am – 12:15pm PT | System Design | Marcus Lee - Engineering Manager\n"
            "12:15 PM - 1:00 PM | Office Tour\n"
            "1:00 PM - 1:15 PM  Recap",
            [
                Listed("Priya Raghunathan", "Staff Data Engineer"),
                Listed("Marcus Lee", "Engineering Manager"),
            ],
        ),
        (
            "Marcus Lee is inviting you to a scheduled Zoom meeting.\n\nJoin Zoom Meeting\n"
            "https://acme.zoom.us/j/86123456789\n\nMeeting ID: 861 2345 6789\nDial by your "
            "location\n• +1 669 900 6833 US (San Jose)\nTime: Nov 18, 2026 10:00 AM Pacific Time",
            [],
        ),
    ],
)
def test_description_layouts_of_scheduling_tools(description: str, expected: list[Listed]) -> None:
    """The panel is read from a heading's list, an inline list and a schedule table; prose,
    join links, dial-ins, breaks and signatures are not people."""
    assert listed_people(description) == expected


@pytest.mark.parametrize(
    ("shown", "name"),
    [
        ("Raghunathan, Priya", "Priya Raghunathan"),
        ('"Lee, Marcus (He/Him)"', "Marcus Lee"),
        ("Müller, Zoë", "Zoë Müller"),
        ("Priya Raghunathan [External]", "Priya Raghunathan"),
        ("Amara Okafor, PhD", "Amara Okafor, PhD"),  # a suffix, not a given name
        ("Marcus Lee, Jr.", "Marcus Lee, Jr."),
        ("山田 花子", "山田 花子"),
    ],
)
def test_display_names_become_names(shown: str, name: str) -> None:
    """Outlook's "Last, First" is turned round; quotes and pronouns in brackets go."""
    assert display_name(shown) == name


@pytest.mark.parametrize(
    ("summary", "company", "role"),
    [
        ("Interview with Acme Robotics", "Acme Robotics", ""),
        ("Acme Robotics – Data Engineer Interview", "Acme Robotics", "Data Engineer"),
        ("Data Engineer interview at Acme Robotics", "Acme Robotics", "Data Engineer"),
        ("Acme Robotics | Data Engineer | Onsite", "Acme Robotics", "Data Engineer"),
        ("Onsite Interview: Jane Doe <> Acme Robotics", "Acme Robotics", ""),
        ("Acme Robotics <> Jane Doe", "Acme Robotics", ""),
        ("Final Round (Virtual) - Head of Data - Acme Robotics", "Acme Robotics", "Head of Data"),
        ("Microsoft Teams Meeting", "Harbor Logistics", ""),  # a product: the domain instead
        ("Phone screen", "Harbor Logistics", ""),
        ("Lunch at Luigi's", "Harbor Logistics", ""),  # "at" after no meeting or job
    ],
)
def test_company_and_role_are_guessed_from_the_summary_else_the_domain(
    summary: str, company: str, role: str
) -> None:
    """The summary's usual shapes name the company and the role; the user's own name is not a
    company; without a company in the summary, the organiser's domain gives it."""
    extra = (
        "ORGANIZER;CN=Chloé Tremblay:mailto:chloe@mail.harbor-logistics.co.uk\n"
        f"ATTENDEE;CN=Jane Doe:mailto:{ME}"
    )
    data = calendar(f"UID:1\nDTSTART:20261117T150000Z\nSUMMARY:{summary}\n{extra}")
    invitation = read_invite(data, ME)
    assert (invitation.company, invitation.role) == (company, role)


@pytest.mark.parametrize(
    ("address", "company"),
    [
        ("priya@acme-robotics.example", "Acme Robotics"),
        ("chloe@mail.harbor-logistics.co.uk", "Harbor Logistics"),
        ("jane.doe@gmail.com", ""),
        ("c_18f2b3c4@resource.calendar.google.com", ""),
        ("noreply@zoom.us", ""),
        ("noreply@teams.microsoft.com", ""),
        ("no-reply@greenhouse.io", ""),
        ("no-reply@hire.lever.co", ""),
    ],
)
def test_a_domain_names_a_company_unless_it_is_a_provider_s(address: str, company: str) -> None:
    """A company's domain gives its name; mail, meeting and scheduling providers' do not."""
    assert company_from_domain(address) == company


def test_the_organiser_s_domain_comes_first_and_the_user_s_never() -> None:
    """With only domains to go by, the organiser's counts before an attendee's (an agency's),
    and the user's own domain is never taken for the company."""
    agency = "ATTENDEE;CN=Sam Ortiz:mailto:sam@talentbridge.example\n"
    organiser = "ORGANIZER;CN=Ravi Menon:mailto:ravi@northwind-analytics.example\n"
    user = "ATTENDEE;CN=Jane Doe:mailto:jane@doe-consulting.example\n"
    both = calendar(f"UID:1\nDTSTART:20261117T150000Z\nSUMMARY:Chat\n{agency}{organiser}")
    assert read_invite(both, ME).company == "Northwind Analytics"
    alone = calendar(f"UID:1\nDTSTART:20261117T150000Z\nSUMMARY:Chat\n{user}")
    assert read_invite(alone, "jane@doe-consulting.example").company == ""
    assert read_invite(alone, None).company == "Doe Consulting"


def test_a_utc_calendar_default_does_not_hide_the_zone_the_file_defines() -> None:
    """A UTC time is shown in a zone other than UTC that the file names: the VTIMEZONE's Los
    Angeles, even after the X-WR-TIMEZONE of a calendar set to UTC."""
    zoom = (INVITES / "zoom.ics").read_bytes()
    without_event_zone = zoom.replace(
        b"\r\nTZID:America/Los_Angeles\r\nDESCRIPTION:", b"\r\nDESCRIPTION:"
    )
    utc_default = without_event_zone.replace(
        b"BEGIN:VTIMEZONE", b"X-WR-TIMEZONE:UTC\r\nBEGIN:VTIMEZONE", 1
    )
    assert utc_default.count(b"America/Los_Angeles") == 2  # only the VTIMEZONE's lines
    assert read_invite(utc_default, ME) == EXPECTED["zoom.ics"]


def test_an_e_mail_s_declared_charset_is_used() -> None:
    """A calendar part in the charset its e-mail declares (ISO-8859-2 from a Czech Outlook)
    keeps its names: Antonín Dvořák, not a Windows-1252 guess."""
    text = calendar(
        event(extra='ORGANIZER;CN="Dvořák, Antonín":mailto:antonin.dvorak@acme.example')
    ).decode()
    message = EmailMessage()
    message["Subject"] = "Interview with Acme Robotics"
    message.set_content(text, subtype="calendar", charset="iso-8859-2", cte="quoted-printable")
    people = read_invite(message.as_bytes(policy=SMTP), ME).people
    assert people == (InvitedPerson("Antonín Dvořák", "antonin.dvorak@acme.example", ""),)


def test_a_floating_time_is_placed_only_in_a_zone_the_file_names() -> None:
    """A time without a zone is read in the calendar's X-WR-TIMEZONE; with no zone anywhere
    it cannot be placed, so there is no time rather than a guess."""
    floating = event(start="DTSTART:20261117T100000")
    unplaced = read_invite(calendar(floating), ME)
    assert (unplaced.interview_at, unplaced.timezone) == (None, None)
    placed = read_invite(calendar(floating, head="X-WR-TIMEZONE:Europe/Berlin\n"), ME)
    assert placed.interview_at == datetime(2026, 11, 17, 9, 0, tzinfo=UTC)
    assert placed.timezone == "Europe/Berlin"


CUSTOM_ZONE = (  # Outlook's "Customized Time Zone": New York's rules under a name of its own
    "BEGIN:VTIMEZONE\nTZID:Customized Time Zone\nBEGIN:STANDARD\nDTSTART:16010101T020000\n"
    "TZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\n"
    "END:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:-0500\n"
    "TZOFFSETTO:-0400\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE\n"
)


@pytest.mark.parametrize(
    ("calendar_zone", "zone"),
    [
        ("", None),
        ("X-WR-TIMEZONE:America/Toronto\n", "America/Toronto"),
        ("X-WR-TIMEZONE:Europe/Berlin\n", None),
    ],
)
def test_a_zone_only_the_file_defines_keeps_the_instant(
    calendar_zone: str, zone: str | None
) -> None:
    """A zone the file defines under a name of its own is read through its VTIMEZONE: the
    right instant, named by a zone the file names elsewhere when that zone agrees at that
    moment (Toronto), else in UTC with no zone name (the user picks one)."""
    start = "DTSTART;TZID=Customized Time Zone:20261117T100000"
    data = calendar(event(start=start), head=calendar_zone + CUSTOM_ZONE)
    invitation = read_invite(data, ME)
    assert invitation.interview_at == datetime(2026, 11, 17, 15, 0, tzinfo=UTC)
    assert invitation.timezone == zone
    shown_in = invitation.interview_at.tzinfo
    assert (shown_in is UTC) if zone is None else (getattr(shown_in, "key", None) == zone)


def test_a_name_given_anywhere_beats_one_guessed_from_the_address() -> None:
    """When one event of a loop gives only Seán's address and a later one his name, his name
    is the one given, with its accent and apostrophe."""
    address = "mailto:sean.odonnell@acme-robotics.example"
    first = event(uid="a", extra=f"ATTENDEE;CUTYPE=INDIVIDUAL:{address}")
    later = event(
        uid="b", start="DTSTART:20261117T160000Z", extra=f'ATTENDEE;CN="O\'Donnell, Seán":{address}'
    )
    people = read_invite(calendar(first, later), ME).people
    assert people == (InvitedPerson("Seán O'Donnell", "sean.odonnell@acme-robotics.example", ""),)


def test_an_unreadable_start_is_no_time() -> None:
    """A start that cannot be read leaves the time to the user; the rest is still read."""
    invitation = read_invite(calendar(event(start="DTSTART:tomorrow at ten")), ME)
    assert (invitation.company, invitation.interview_at) == ("Acme Robotics", None)


def test_line_endings_and_old_encodings_read_the_same() -> None:
    """A file saved with bare LF line ends, or in Windows-1252 by an old client, reads the
    same as the original."""
    original = (INVITES / "goodtime.ics").read_bytes()
    assert read_invite(original.replace(b"\r\n", b"\n"), ME) == EXPECTED["goodtime.ics"]
    windows = original.decode("utf-8").encode("cp1252")
    assert read_invite(windows, ME) == EXPECTED["goodtime.ics"]


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("google.ics", b"STATUS:CONFIRMED", b"STATUS:CANCELLED"),  # the event's status alone
        ("cancelled.ics", b"STATUS:CANCELLED\r\n", b""),  # the calendar's METHOD:CANCEL alone
    ],
)
def test_either_mark_of_a_cancellation_is_enough(name: str, old: bytes, new: bytes) -> None:
    """STATUS:CANCELLED on the event and METHOD:CANCEL on the calendar each mean cancelled."""
    data = (INVITES / name).read_bytes()
    assert old in data
    with pytest.raises(ValueError, match=r"cancelled.*upload the newer invitation"):
        read_invite(data.replace(old, new), ME)


def test_a_cancelled_session_of_a_loop_leaves_the_others() -> None:
    """When one event of a loop is cancelled, the interview starts with the first that is not."""
    loop = (INVITES / "onsite_loop.ics").read_bytes()
    welcome = loop.index(b"UID:5tq1loop01welcome")
    status = loop.index(b"STATUS:CONFIRMED", welcome)
    loop = loop[:status] + loop[status:].replace(b"CONFIRMED", b"CANCELLED", 1)
    assert read_invite(loop, ME).interview_at == datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def _export(events: int, notes: int = 0) -> bytes:
    """Return a calendar export: ``events`` events a week apart, each with ``notes`` lines."""
    first = date(2026, 1, 1)
    return calendar(
        *(
            event(
                uid=f"export-{number}",
                start=f"DTSTART:{first + timedelta(weeks=number):%Y%m%d}T150000Z",
                extra="DESCRIPTION:" + "Weekly sync notes. " * notes,
            )
            for number in range(events)
        )
    )


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "The file is empty"),
        (b" \r\n\r\n", "The file is empty"),
        (b"Notes from my call with Acme: ask about the team.", "Upload the .ics file"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "Export just the interview"),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:1\r\nSUMMARY:Send thanks\r\nEND:VTODO\r\n"
            b"END:VCALENDAR\r\n",
            "holds no event",
        ),
        (calendar(event(extra="X-NOTE;VALUE=TEXT,URI:see")), "Upload the .ics file"),
        (_export(MAX_EVENTS + 28), "40 events, a whole calendar rather than one invitation"),
        (_export(2), "from 01 Jan 2026 to 08 Jan 2026, more than one interview"),
        (_export(40, notes=4_000), "This file is 2.9 MB, too large to be one invitation"),
    ],
    ids=["empty", "blank", "text", "no events", "to-do", "broken", "many", "apart", "3 MB"],
)
def test_what_is_not_one_invitation_is_refused_with_what_to_do(data: bytes, fragment: str) -> None:
    """An empty file, plain text, a calendar without events and a calendar export (too large,
    too many events, or days apart) are refused; each message says what to upload instead."""
    with pytest.raises(ValueError, match=re.escape(fragment)) as refused:
        read_invite(data, ME)
    message = str(refused.value)
    assert "upload" in message.lower()
    assert sentences(message) <= 2


_TOKENS = [b";", b":", b"\r\n", b"\r\n ", b"=", b'"', b",", b"\\", b"Z", b"TZID=", b"VALUE=DATE"]
_TOKENS += [b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n", b"BEGIN:VTIMEZONE\r\n", b"\xc3", b"\x00"]


@given(
    name=st.sampled_from(sorted(EXPECTED)),
    cut=st.floats(0, 1),
    removed=st.integers(0, 60),
    inserted=st.lists(st.sampled_from(_TOKENS) | st.binary(max_size=6), max_size=4),
)
def test_a_mangled_invitation_is_read_or_refused_with_a_message(
    name: str, cut: float, removed: int, inserted: list[bytes]
) -> None:
    """Whatever a damaged file holds, reading it gives an invitation or a message that says
    what to upload, never another error."""
    original = (INVITES / name).read_bytes()
    at = int(cut * len(original))
    outcome = _outcome(original[:at] + b"".join(inserted) + original[at + removed :])
    if isinstance(outcome, str):
        assert "upload" in outcome.lower()
    else:
        assert outcome.interview_at is None or outcome.interview_at.tzinfo is not None


def _outcome(data: bytes) -> Invitation | str:
    """Return what reading a file gives: the invitation, or the message it is refused with."""
    try:
        return read_invite(data, ME)
    except ValueError as refused:
        return str(refused)
