"""The domain model: applications, the people met, the contacts made, drafts and the sender.

The JSON of these models is also the export and import format (``ExportFile``). Validation
messages are written for a person: each says what is wrong and what to enter instead.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from functools import cache
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, available_timezones

import holidays
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from lib.guidance import DEFAULT_PROFILE, ChannelName, CultureName, ProfileName
from lib.names import as_honorific

EXPORT_VERSION = 1

SHORT_TEXT_LIMIT = 200  # names, titles, company, role
NOTE_LIMIT = 4_000  # one notes field
BODY_LIMIT = 10_000  # a message that was sent
MAX_INTERVIEWERS = 20
MAX_CONTACTS = 500

Culture = CultureName
Channel = ChannelName
Status = Literal["open", "offer", "rejected", "withdrawn", "moved_on"]
ContactKind = Literal["thank_you", "follow_up", "call", "other", "reply", "invitation", "decision"]
Direction = Literal["mine", "theirs"]  # who got in touch: the user, or the employer
# What each side can do: the user thanks, follows up, calls; the employer replies, calls,
# invites to a next round, decides. "other" (networking, a chat) can come from either.
KINDS_BY_DIRECTION: dict[Direction, tuple[ContactKind, ...]] = {
    "mine": ("thank_you", "follow_up", "call", "other"),
    "theirs": ("reply", "call", "invitation", "decision", "other"),
}
ContactChannel = Literal["email", "handwritten", "phone", "video", "in_person", "other"]
DraftKind = Literal["thank_you", "follow_up"]

OPEN_STATUS: Status = "open"
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[A-Za-z]{2,}$")


def new_id() -> str:
    """Return a new random identifier."""
    return uuid.uuid4().hex[:12]


_LINE_BREAKS = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
_ODD_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]")  # in notes: a plain \n
# Control characters nobody types on purpose (tab and line feed aside), and the bidi embeddings,
# overrides and isolates that turn the rest of a line around (in a note quoted into an email,
# say): these are dropped. Marks such as U+200F, which steer a single spot, are kept.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = "\u00ad\u061c\u200b-\u200f\u2060-\u2064\ufeff"  # zero-width marks and joiners
_EDGES = re.compile(rf"^[\s{_INVISIBLE}]+|[\s{_INVISIBLE}]+$")
_VISIBLE = re.compile(rf"[^\s{_INVISIBLE}]")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200  # dates outside this range are typing mistakes


def _strip(value: object) -> object:
    """Trim surrounding white space from strings; leave other values to the type check."""
    return value.strip() if isinstance(value, str) else value


def _one_line(value: object) -> object:
    """Clean a one-line value: line breaks and tabs become spaces, then as ``_note`` does."""
    if not isinstance(value, str):
        return value
    return _note(_LINE_BREAKS.sub(" ", value).replace("\t", " "))


def _note(value: object) -> object:
    """Clean typed text: one kind of line break, no stray controls, trimmed of blank edges."""
    if not isinstance(value, str):
        return value
    return _EDGES.sub("", _CONTROLS.sub("", _ODD_LINE_BREAKS.sub("\n", value)))


def _plausible_year(value: date) -> date:
    """Refuse a date outside the years a job search can have."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(
            f"is in the year {value.year}; enter a date between {EARLIEST_YEAR} and {LATEST_YEAR}"
        )
    return value


def _length_limit(limit: int):
    """Return a validator that refuses text longer than ``limit`` characters, saying by how much."""

    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(
                f"is too long: {len(value):,} characters, the limit is {limit:,}. "
                "Shorten it to the essentials."
            )
        return value

    return check


def _required(value: str) -> str:
    """Refuse an empty value, or one with nothing visible in it."""
    if not _VISIBLE.search(value):
        raise ValueError("is required")
    return value


def _email(value: str) -> str:
    """Accept an empty value or something shaped like name@example.com."""
    if value and (len(value) > 254 or not _EMAIL.match(value)):
        raise ValueError(
            f"is not an email address ('{value}'); it should look like name@example.com"
        )
    return value


def _aware(value: datetime) -> datetime:
    """Refuse a date and time without a timezone."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("needs a timezone (for example 2026-11-20T14:00:00-05:00)")
    return value


ShortText = Annotated[
    str, BeforeValidator(_one_line), AfterValidator(_length_limit(SHORT_TEXT_LIMIT))
]
RequiredText = Annotated[ShortText, AfterValidator(_required)]
NoteText = Annotated[str, BeforeValidator(_note), AfterValidator(_length_limit(NOTE_LIMIT))]
BodyText = Annotated[str, AfterValidator(_length_limit(BODY_LIMIT))]
Email = Annotated[ShortText, AfterValidator(_email)]
AwareDatetime = Annotated[datetime, AfterValidator(_aware), AfterValidator(_plausible_year)]
PlausibleDate = Annotated[date, AfterValidator(_plausible_year)]
Identifier = Annotated[
    str,
    BeforeValidator(_strip),
    AfterValidator(_required),
    AfterValidator(_length_limit(64)),
]


@cache
def known_timezones() -> frozenset[str]:
    """Return the IANA timezone names this machine knows (read from disk once)."""
    return frozenset(available_timezones())


@cache
def _known_countries() -> frozenset[str]:
    """Return the country codes the holidays package has calendars for."""
    return frozenset(holidays.list_supported_countries())


def _timezone_name(value: object) -> object:
    """Accept an IANA timezone name this machine knows."""
    if isinstance(value, str) and value.strip() not in known_timezones():
        raise ValueError(
            f"'{value}' is not a known timezone; use a name such as America/New_York or "
            "Europe/London"
        )
    return _strip(value)


def _country_code(value: object) -> object:
    """Accept a country code with a holiday calendar, in any case."""
    if isinstance(value, str):
        value = value.strip().upper()
        if value not in _known_countries():
            raise ValueError(
                f"'{value}' is not a country code with a holiday calendar; use a two-letter "
                "ISO code such as US, GB or DE"
            )
    return value


TimezoneName = Annotated[str, BeforeValidator(_timezone_name)]
CountryCode = Annotated[str, BeforeValidator(_country_code)]


class _Model(BaseModel):
    """Shared configuration: unknown fields are refused, assignments are validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def _more_than_a_title(value: str) -> str:
    """Refuse a name that is only an honorific ("Dr."): a note could not greet them."""
    if value and _only_honorifics(value):
        raise ValueError(f"'{value}' is only a title; add their name, for example Dr. Ada Osei")
    return value


def _only_honorifics(value: str) -> bool:
    """Whether every word of a name is an honorific ("Dr.", "Prof. Dr.")."""
    return all(as_honorific(word) for word in value.split())


class Interviewer(_Model):
    """A person met at the interview, with what the notes say about them."""

    id: Identifier = Field(default_factory=new_id)
    name: Annotated[RequiredText, AfterValidator(_more_than_a_title)]
    address_as: ShortText = ""  # how a note greets them ("Jean-Luc"); "": guessed from the name
    title: ShortText = ""
    email: Email = ""
    channel: Channel | None = None  # how their notes are sent; None: the application's channel
    is_recruiter: bool = False
    asked: NoteText = ""
    concerns: NoteText = ""
    discussed: NoteText = ""
    personal_touch: NoteText = ""

    def has_notes(self) -> bool:
        """Whether anything was written about this person's conversation (N1)."""
        return any((self.asked, self.concerns, self.discussed, self.personal_touch))


class Contact(_Model):
    """One message, call or meeting with a person after the interview, from either side.

    ``date_given`` is a date the employer gave in their contact: the new decision date of a
    reply, or the day of the next round they invite to.
    """

    id: Identifier = Field(default_factory=new_id)
    interviewer_id: Identifier
    kind: ContactKind
    at: AwareDatetime
    channel: ContactChannel = "email"
    body: BodyText = ""
    direction: Direction = "mine"
    date_given: date | None = None

    @model_validator(mode="after")
    def _kind_fits_direction(self) -> Contact:
        if self.kind not in KINDS_BY_DIRECTION[self.direction]:
            side = "you" if self.direction == "mine" else "the employer"
            raise ValueError(f"a {self.kind.replace('_', '-')} cannot come from {side}")
        if self.date_given is not None and self.direction == "mine":
            raise ValueError("only a contact from the employer can give a date")
        return self

    @property
    def from_me(self) -> bool:
        """Whether the user got in touch (not the employer)."""
        return self.direction == "mine"


class Application(_Model):
    """One job application after an interview: the facts, the people, the notes, the contacts."""

    id: Identifier = Field(default_factory=new_id)
    company: RequiredText
    role: RequiredText
    interview_at: AwareDatetime
    timezone: TimezoneName
    country: CountryCode = "US"
    culture: Culture = "standard"
    channel: Channel = "email"
    profile: ProfileName = DEFAULT_PROFILE
    decision_date: PlausibleDate | None = None
    decision_date_not_given: bool = False  # they were asked, or should have been, and gave none
    status: Status = OPEN_STATUS
    went_well: NoteText = ""
    went_badly: NoteText = ""
    stood_out: NoteText = ""
    fit_points: NoteText = ""
    references_notified: bool = False
    has_other_offer: bool = False  # F5: another employer made an offer
    interviewers: list[Interviewer] = Field(default_factory=list, max_length=MAX_INTERVIEWERS)
    contacts: list[Contact] = Field(default_factory=list, max_length=MAX_CONTACTS)

    @field_validator("decision_date")
    @classmethod
    def _decision_after_interview(cls, value: date | None, info: ValidationInfo) -> date | None:
        interview, zone = info.data.get("interview_at"), info.data.get("timezone")
        if value is None or interview is None or zone is None:
            return value
        interview_day = interview.astimezone(ZoneInfo(zone)).date()
        if value < interview_day:
            raise ValueError(
                f"is before the interview day ({interview_day:%d %b %Y}); enter the date they "
                "said they would decide, or leave it empty"
            )
        return value

    @field_validator("interviewers")
    @classmethod
    def _distinct_people(cls, people: list[Interviewer]) -> list[Interviewer]:
        seen_ids: set[str] = set()
        seen_names: set[str] = set()
        for person in people:
            if person.id in seen_ids:
                raise ValueError(f"share the id '{person.id}'; each person needs their own")
            if person.name.casefold() in seen_names:
                raise ValueError(
                    f"list {person.name} twice; remove the duplicate or tell the two apart"
                )
            seen_ids.add(person.id)
            seen_names.add(person.name.casefold())
        return people

    @field_validator("contacts")
    @classmethod
    def _contacts_with_panel(cls, contacts: list[Contact], info: ValidationInfo) -> list[Contact]:
        panel = {person.id for person in info.data.get("interviewers", [])}
        for contact in contacts:
            if contact.interviewer_id not in panel:
                raise ValueError(
                    f"refer to someone not on this application's panel ('{contact.interviewer_id}')"
                )
        return contacts

    @model_validator(mode="after")
    def _in_own_timezone(self) -> Application:
        """Show the interview moment in the application's own timezone (same instant)."""
        local = self.interview_at.astimezone(self.zone)
        if local.tzinfo is not self.interview_at.tzinfo:
            object.__setattr__(self, "interview_at", local)
        return self

    @property
    def zone(self) -> ZoneInfo:
        """The application's timezone as an object."""
        return ZoneInfo(self.timezone)

    def interviewer(self, interviewer_id: str) -> Interviewer:
        """Return the person with this id; raise KeyError when there is none."""
        for person in self.interviewers:
            if person.id == interviewer_id:
                return person
        raise KeyError(interviewer_id)

    def channel_for(self, person: Interviewer) -> Channel:
        """Return how notes to this person are sent: their own channel, else the application's."""
        return person.channel or self.channel

    def contacts_with(self, interviewer_id: str) -> list[Contact]:
        """Return the contacts with one person, oldest first."""
        return sorted(
            (c for c in self.contacts if c.interviewer_id == interviewer_id), key=lambda c: c.at
        )


class Draft(_Model):
    """The text being written to one person, saved as it changes."""

    application_id: Identifier
    interviewer_id: Identifier
    kind: DraftKind
    text: BodyText = ""
    updated_at: AwareDatetime


DraftSource = Literal["typed", "offline", "llm", "restored", "partial", "saved"]


class DraftVersion(_Model):
    """One earlier text of a draft: when it was saved and what wrote it.

    ``source``: typed by the user, the offline composer, the LLM, restored from an earlier
    version, the partial text of a cut LLM stream, or "saved" (a draft kept before versions
    were recorded).
    """

    id: Identifier = Field(default_factory=new_id)
    application_id: Identifier
    interviewer_id: Identifier
    kind: DraftKind
    text: BodyText = ""
    source: DraftSource
    at: AwareDatetime


class Sender(_Model):
    """The user's own name and contact details, which sign every draft."""

    name: ShortText = ""
    email: Email = ""
    phone: ShortText = ""
    link: ShortText = ""


class Defaults(_Model):
    """What a new interview starts with: the user's country, timezone and follow-up style."""

    country: CountryCode = "US"
    timezone: TimezoneName | None = None  # None: the timezone the browser reports
    profile: ProfileName = DEFAULT_PROFILE


class ExportFile(_Model):
    """Everything the app stores, as one JSON document that can be moved and imported."""

    version: int
    exported_at: AwareDatetime
    sender: Sender = Field(default_factory=Sender)
    defaults: Defaults = Field(default_factory=Defaults)
    applications: list[Application] = Field(default_factory=list)
    drafts: list[Draft] = Field(default_factory=list)
    draft_versions: list[DraftVersion] = Field(default_factory=list)  # absent in older exports

    @field_validator("version")
    @classmethod
    def _supported_version(cls, value: int) -> int:
        if value > EXPORT_VERSION:
            raise ValueError(
                f"is {value}: the file was made by a newer Follow-Up Coach, and this one reads "
                f"up to version {EXPORT_VERSION}. Update the app, then import again"
            )
        if value < 1:
            raise ValueError(f"{value} is not a valid format version")
        return value
