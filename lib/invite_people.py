"""The people an invitation names: its organiser and attendees who are people, and the
interviewers a scheduling tool lists in its description, each person once.

Left out: the user, rooms and resources (CUTYPE=ROOM or RESOURCE, Google's resource calendars,
names such as "Conf Room 4B"), groups, and shared mailboxes (recruiting@, noreply@, a
scheduling tool's address). When the description lists the interviewers, the organiser counts
only as one of them or as an attendee: a coordinator who sends a loop's invitation is not met.
A person both listed and invited is one person: the e-mail from the attendee line, the title
from the description.

Greenhouse, Lever, Ashby and GoodTime often invite only the candidate and write the panel into
the description: under a heading ("Interviewers:", "Interviewer(s): A, Title; B, Title", "You'll
be meeting with:") or as a schedule, one row per slot ("10:00 AM - 10:45 AM  Priya Raghunathan
(Staff Data Engineer)"). Only those two shapes are read: prose, join links, dial-in numbers and
signatures are not, so a Zoom or Teams description never turns into a person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from icalendar import Component

from lib.names import DOCTORAL_SUFFIXES, PARTICLES, as_honorific

SCHEDULING_TOOL_DOMAINS = frozenset(
    "greenhouse.io lever.co ashbyhq.com goodtime.io calendly.com gem.com modernloop.io "
    "myworkday.com smartrecruiters.com icims.com jobvite.com".split()
)
_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE", "GROUP"})  # kinds of attendee (CUTYPE)
_ROOM = re.compile(
    r"(?i)\b(?:conf(?:erence)?\.?\s+room|meeting\s+room|board\s?room|room\s+\w+|huddle|"
    r"phone\s+booth|focus\s+room)\b"
)
_SHARED_MAILBOX = re.compile(
    r"(?i)^(?:recruit(?:ing|ment|ers)|talent(?:[-_.]?acquisition)?|careers?|jobs|hiring|hr|"
    r"interviews?|interviewing|scheduling|calendar(?:-notification)?|notifications?|"
    r"no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon)(?:[+._-].*)?$"
)
_NAME_SUFFIXES = DOCTORAL_SUFFIXES | {"jr", "sr", "ii", "iii", "iv"}
_NAME_PUNCTUATION = frozenset("'’-.")
# Head nouns of job titles: a text holding one is read as a title, not as a name or a company.
_ROLE_WORDS = frozenset(
    (
        "engineer developer programmer scientist analyst manager designer director lead head "
        "architect intern consultant specialist associate researcher administrator coordinator "
        "recruiter accountant counsel attorney lawyer paralegal nurse teacher officer executive "
        "representative assistant technician writer editor marketer strategist owner partner "
        "advisor economist statistician physician pharmacist president vp cto ceo cfo sre"
    ).split()
)
# Words of a schedule's other rows ("Lunch with the team", "System Design") and of meeting
# links: a text holding one is not a person's name.
_NOT_NAME_WORDS = frozenset(
    (
        "break lunch coffee welcome wrap-up wrap intro introduction overview tour office session "
        "panel round chat debrief interview interviews meeting call join zoom teams microsoft "
        "google meet webex click here dial phone passcode password link location agenda "
        "schedule system design coding behavioral behavioural culture values presentation case "
        "study q&a team tbd tba candidate"
    ).split()
)
_HEADING = re.compile(
    r"^\s*(?:your\s+)?(?:interviewers?(?:\s*\(s\))?|interview(?:ing)?\s+(?:panel|team)|"
    r"panel(?:ists)?|(?:you(?:'|’)ll|you\s+will)\s+(?:be\s+)?meet(?:ing)?(?:\s+with)?|"
    r"meeting\s+with)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•·*▪◦‣●○\-–—]|\d{1,2}[.)])\s+")
_CLOCK = r"\d{1,2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
_SLOT = re.compile(  # "10:00 AM - 10:45 AM", "9:00 – 9:45 PT |", then the rest of the row
    rf"^\s*{_CLOCK}\s*(?:-|–|—|to)\s*{_CLOCK}(?:\s+[A-Z]{{2,5}}\b)?\s*[|:·•–—-]?\s*(?P<rest>\S.*)$"
)
_IN_BRACKETS = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<title>[^()]+)\)$")
_NAME_THEN_TITLE = re.compile(r"^(?P<name>.+?)\s+[-–—|]\s+(?P<title>.+)$")
_TRAILING_BRACKETS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]$")
_LAST_FIRST = re.compile(r"^(?P<family>[^,]+),\s*(?P<given>[^,]+)$")


@dataclass(frozen=True)
class InvitedPerson:
    """A person the invitation names: someone the user meets at the interview."""

    name: str
    email: str  # "" when unknown
    title: str  # "" when not given


@dataclass(frozen=True)
class Address:
    """An ORGANIZER or ATTENDEE line: the name shown, the e-mail and the kind (CUTYPE)."""

    name: str  # "" when the line gives none
    email: str  # "" when the line gives none
    kind: str


@dataclass(frozen=True)
class Listed:
    """A person a description lists, with their title when it gives one."""

    name: str
    title: str  # "" when not given


def display_name(text: str) -> str:
    """Return a display name as the person is called: "Raghunathan, Priya" -> "Priya
    Raghunathan", without quotes or a trailing "(He/Him)" or "[External]"."""
    name = " ".join(text.strip().strip("\"'").split())
    name = _TRAILING_BRACKETS.sub("", name)
    match = _LAST_FIRST.match(name)
    if match and _bare(match["given"]) not in _NAME_SUFFIXES:
        return f"{match['given']} {match['family']}"
    return name


def _bare(word: str) -> str:
    """Return a word lower-cased without dots, to look it up in a table."""
    return word.casefold().replace(".", "").strip()


def has_role_word(text: str) -> bool:
    """Whether a text names a job ("Staff Data Engineer", "Head of Data")."""
    return any(word in _ROLE_WORDS for word in re.findall(r"[^\W\d_]+", text.casefold()))


def _looks_like_name(text: str) -> bool:
    """Whether a text can be a person's name: two to five capitalised words ("Seán O'Donnell",
    "Dr. Amara Okafor", "Anne van der Berg"), or a name in a script without capitals (山田 花子,
    山田花子), and none of the words of a schedule or a meeting link."""
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 60:
        return False
    if any(_bare(word) in _NOT_NAME_WORDS for word in words):
        return False
    if not all(_name_word(word) for word in words):
        return False
    return len(words) > 1 or not _cased(words[0])


def _name_word(word: str) -> bool:
    """Whether a word can be part of a name: letters and ' - . only, capitalised unless it is a
    particle ("van", "de") or in a script without capitals."""
    if not word[0].isalpha() or not all(c.isalpha() or c in _NAME_PUNCTUATION for c in word):
        return False
    return word[0].isupper() or not _cased(word[0]) or word.casefold() in PARTICLES


def _cased(text: str) -> bool:
    """Whether a text is written in a script with capitals (Latin, Greek, Cyrillic)."""
    return text.upper() != text.lower()


def _looks_like_title(text: str) -> bool:
    """Whether a text can be a job title: a few words, no link, no address, no digits."""
    words = text.split()
    return (
        1 <= len(words) <= 10
        and len(text) <= 80
        and not any(c.isdigit() or c in "@/<>" for c in text)
    )


def _read_entry(entry: str) -> list[Listed]:
    """Read one entry of a list: "Name – Title", "Name (Title)", "Name, Title", "Name", or two
    names with a comma ("Priya Raghunathan, Marcus Lee"). Nothing when it is not a person."""
    text = " ".join(_BULLET.sub("", entry).split()).rstrip(".;")
    for pattern in (_IN_BRACKETS, _NAME_THEN_TITLE):
        match = pattern.match(text)
        if match and _looks_like_name(match["name"]) and _looks_like_title(match["title"]):
            return [Listed(match["name"], match["title"])]
    name, comma, rest = text.partition(", ")
    if comma and _looks_like_name(name):
        if has_role_word(rest) and _looks_like_title(rest):
            return [Listed(name, rest)]
        others = [Listed(part.strip(), "") for part in rest.split(", ")]
        if all(_looks_like_name(other.name) for other in others):
            return [Listed(name, ""), *others]
    return [Listed(text, "")] if _looks_like_name(text) else []


def _read_slot(rest: str) -> list[Listed]:
    """Read the part of a schedule row after its times: the last cell that is a person
    ("System Design | Priya Raghunathan, Staff Data Engineer")."""
    for cell in reversed(rest.split(" | ")):
        found = _read_entry(cell)
        if found:
            return found
    return []


def listed_people(description: str) -> list[Listed]:
    """Return the people a description lists as interviewers, in the order it lists them."""
    found: list[Listed] = []
    lines = description.splitlines()
    index = 0
    while index < len(lines):
        heading, slot = _HEADING.match(lines[index]), _SLOT.match(lines[index])
        index += 1
        if slot:
            found += _read_slot(slot["rest"])
        elif heading and heading["rest"].strip():
            for entry in heading["rest"].split(";"):
                found += _read_entry(entry)
        elif heading:
            section, index = _section(lines, index)
            found += section
    return found


def _section(lines: list[str], index: int) -> tuple[list[Listed], int]:
    """Read the entries under a heading, from ``index``: blank lines before the first are
    skipped; the section ends at a line that is not a person or a blank line after one, and
    when the first entry has a bullet, at the first line without one. Return the entries and
    the index of the line after the section."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    found: list[Listed] = []
    bulleted = index < len(lines) and bool(_BULLET.match(lines[index]))
    while index < len(lines) and bool(_BULLET.match(lines[index])) == bulleted:
        entry = _read_entry(lines[index])
        if not entry:
            break
        found += entry
        index += 1
    return found, index


@dataclass(frozen=True)
class _Found:
    """A person as one line of the invitation names them, before the lines are merged."""

    name: str
    email: str
    title: str
    named: bool  # False when the name is only guessed from the e-mail address


def _organiser(event: Component) -> Address | None:
    """Return an event's organiser, if it names one."""
    return _address_of(event["ORGANIZER"]) if "ORGANIZER" in event else None


def addresses(event: Component) -> list[Address]:
    """Return an event's organiser, if any, and its attendees."""
    sender = _organiser(event)
    return ([sender] if sender else []) + _attendees(event)


def _attendees(event: Component) -> list[Address]:
    """Return an event's attendees (icalendar gives one line alone, several as a list)."""
    lines: Any = event.get("ATTENDEE", [])
    return [_address_of(line) for line in (lines if isinstance(lines, list) else [lines])]


def _address_of(line: Any) -> Address:
    """Read an ORGANIZER or ATTENDEE line: "mailto:" value or EMAIL parameter (Apple), CN."""
    params = getattr(line, "params", {})
    value = str(line).strip()
    address = str(params.get("EMAIL", "")) or (value[7:] if value[:7].lower() == "mailto:" else "")
    address = address.strip().strip("<>")
    name = str(params.get("CN", ""))
    return Address(
        name="" if "@" in name else display_name(name),
        email=address if "@" in address else "",
        kind=str(params.get("CUTYPE", "INDIVIDUAL")).upper(),
    )


def _is_shared_mailbox(address: str) -> bool:
    """Whether an e-mail address is a team's or a tool's, not a person's (recruiting@,
    noreply@, calendar-notification@, anything at a scheduling tool's domain)."""
    local, _, domain = address.casefold().rpartition("@")
    return bool(_SHARED_MAILBOX.match(local)) or under_domain(domain, SCHEDULING_TOOL_DOMAINS)


def under_domain(domain: str, domains: frozenset[str]) -> bool:
    """Whether a domain is one of ``domains`` or under one (hire.lever.co under lever.co)."""
    return any(domain == known or domain.endswith("." + known) for known in domains)


def _is_person(address: Address, me: str) -> bool:
    """Whether an address is a person other than the user: not a room, a resource, a group or
    a shared mailbox."""
    if address.kind in _NOT_PEOPLE or not (address.name or address.email):
        return False
    if address.email and (address.email.casefold() == me or _is_shared_mailbox(address.email)):
        return False
    return not (_ROOM.search(address.name) or address.email.endswith(".calendar.google.com"))


def _found_in(address: Address) -> _Found:
    """Return the person an address names, guessing the name from the e-mail when none is
    given ("priya.raghunathan@" -> "Priya Raghunathan")."""
    if address.name:
        return _Found(address.name, address.email, "", named=True)
    local = address.email.partition("@")[0].partition("+")[0]
    parts = re.split(r"[._-]+", local)
    guess = " ".join(p.capitalize() for p in parts) if all(p.isalpha() for p in parts) else local
    return _Found(guess, address.email, "", named=False)


def invited_people(events: list[Component], me: str) -> tuple[InvitedPerson, ...]:
    """Return the people the events name, each once, in the order the events name them."""
    return _merge_people([person for event in events for person in _event_people(event, me)])


def names_in(events: list[Component]) -> set[str]:
    """Return every name the events give, the user's too, as ``name_key`` compares them."""
    given = [address.name for event in events for address in addresses(event)]
    given += [person.name for event in events for person in listed_people(_description(event))]
    return {name_key(name) for name in given if name}


def _event_people(event: Component, me: str) -> list[_Found]:
    """Return the people one event names: the interviewers its description lists, in the
    order of its schedule, then the organiser and the attendees (see the module's docstring
    for the organiser)."""
    listed = [_Found(p.name, "", p.title, named=True) for p in listed_people(_description(event))]
    invited = [_found_in(a) for a in _attendees(event) if _is_person(a, me)]
    sender = _organiser(event)
    if sender and _is_person(sender, me):
        boss = _found_in(sender)
        if not listed or any(_same(boss, other) for other in listed + invited):
            invited.insert(0, boss)
    return listed + invited


def _description(event: Component) -> str:
    """Return an event's description, "" when it has none."""
    return str(event.get("DESCRIPTION", ""))


def name_key(name: str) -> str:
    """Return a name as compared: no accents, case, honorifics or punctuation ("Dr. Seán
    O'Donnell" -> "sean odonnell")."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    words = ["".join(c for c in word if c.isalnum()) for word in plain.split()]
    return " ".join(word for word in words if word and not as_honorific(word))


def _same(one: _Found, other: _Found) -> bool:
    """Whether two lines name the same person: the same e-mail, or the same name and no
    e-mails that differ."""
    if one.email and other.email:
        return one.email.casefold() == other.email.casefold()
    return name_key(one.name) == name_key(other.name)


def _merge_people(found: list[_Found]) -> tuple[InvitedPerson, ...]:
    """Return each person once, in order: the name given rather than guessed, the e-mail of
    the attendee line, the title of the description."""
    merged: list[_Found] = []
    by_email: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}
    for person in found:
        key = name_key(person.name)
        index = by_email.get(person.email.casefold()) if person.email else None
        if index is None:
            index = next((i for i in by_name.get(key, []) if _same(merged[i], person)), None)
        if index is None:
            index = len(merged)
            merged.append(person)
        else:
            merged[index] = _combined(merged[index], person)
        if merged[index].email:
            by_email[merged[index].email.casefold()] = index
        for name in {key, name_key(merged[index].name)}:
            by_name.setdefault(name, []).append(index)
    return tuple(InvitedPerson(p.name, p.email, p.title) for p in merged)


def _combined(seen: _Found, person: _Found) -> _Found:
    """Return what two lines naming the same person say together."""
    return replace(
        seen,
        name=person.name if person.named and not seen.named else seen.name,
        email=seen.email or person.email,
        title=seen.title or person.title,
        named=seen.named or person.named,
    )
