"""The notes form as plain values: from an application to the form, and back with its errors.

The page keeps one value per field (``FIELDS``) and per person (``PERSON_FIELDS``); this
module turns them into an ``Application`` and says under which field each problem belongs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
import holidays.registry
from pydantic import ValidationError

from lib.guidance import CHANNEL_LABELS, CULTURES
from lib.model import NOTE_LIMIT, Application, Defaults, new_id
from lib.model_errors import FIELD_LABELS, field_errors
from lib.names import guess_address
from lib.text import plural

DecisionAnswer = Literal["date", "not_given"]
_WORD_START = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")  # "DRCongo" -> "DR Congo"
_SMALL_WORDS = re.compile(r"(?<= )(And|Of|The)(?= )")

# Application fields edited as they are (text, choices and flags), in form order.
FIELDS: tuple[str, ...] = (
    "company",
    "role",
    "timezone",
    "country",
    "culture",
    "channel",
    "profile",
    "went_well",
    "went_badly",
    "stood_out",
    "fit_points",
)
PERSON_FIELDS: tuple[str, ...] = (
    "name",
    "address_as",
    "title",
    "email",
    "channel",
    "is_recruiter",
    "asked",
    "concerns",
    "discussed",
    "personal_touch",
)
COUNT_FROM = 0.8  # the share of its limit from which a long field shows its length
# An interview date further from today than this is asked about before saving (a typo, often).
DAYS_AHEAD, DAYS_BACK = 30, 60
# Where problems with composite or derived fields are shown.
INTERVIEW_FIELD = "interview_date"
DECISION_FIELD = "decision_date"
PEOPLE_FIELD = "people"
GENERAL_FIELD = "general"


@dataclass
class NotesForm:
    """Every value of the notes form, as the widgets hold them."""

    values: dict[str, Any]
    people: dict[str, dict[str, Any]]  # person id -> that person's values, in display order
    interview_date: date
    interview_time: time
    decision: DecisionAnswer | None = None
    decision_date: date | None = None
    references_notified: bool = False
    status: str = "open"


ADDRESS_HELP = (
    "How the notes greet them: the given name for most offices; a formal office uses the "
    "honorific and family name when the name has one, e.g. Dr. Whitcombe"
)
SAME_CHANNEL = ""  # "Send as" left blank: the interview's channel (Interviewer.channel None)
SAME_CHANNEL_LABEL = "Same as the interview"
_BLANK_PERSON: dict[str, Any] = {"is_recruiter": False, "channel": None}
# How a person's field is named in a conflict, where the model's label would be unclear.
_PERSON_LABELS = {"channel": "Send as"}


def blank_person() -> dict[str, Any]:
    """Return the values of a person not filled in yet."""
    return {name: _BLANK_PERSON.get(name, "") for name in PERSON_FIELDS}


def shown_address(name: str, address_as: str) -> str:
    """Return what the "Address as" field shows: the stored choice, else the guess from the name."""
    return address_as or guess_address(name)


def chosen_address(name: str, shown: str) -> str:
    """Return what to store from the "Address as" field: "" when it is the guess from the name.

    Storing "" rather than the guess lets a later correction of the name correct the greeting.
    """
    shown = " ".join((shown or "").split())
    return "" if shown == guess_address(name or "") else shown


def address_after_rename(shown: str, old_name: str, new_name: str) -> str:
    """Return what "Address as" shows once the name changed: the new guess, unless it was set."""
    if not (shown or "").strip() or shown == guess_address(old_name or ""):
        return guess_address(new_name or "")
    return shown


def new_form(now: datetime, browser_timezone: str, defaults: Defaults | None = None) -> NotesForm:
    """Return the form for a new interview, dated now, with the user's defaults and one person.

    The timezone is the user's saved default, else the one the browser reports.
    """
    defaults = defaults or Defaults()
    timezone = defaults.timezone or browser_timezone
    local = now.astimezone(ZoneInfo(timezone))
    values: dict[str, Any] = dict.fromkeys(FIELDS, "")
    values.update(
        timezone=timezone,
        country=defaults.country,
        culture="standard",
        channel=CULTURES["standard"].channel,
        profile=defaults.profile,
    )
    return NotesForm(
        values=values,
        people={new_id(): blank_person()},
        interview_date=local.date(),
        interview_time=local.time().replace(second=0, microsecond=0),
    )


def form_from_application(app: Application) -> NotesForm:
    """Return the form filled with a stored application."""
    local = app.interview_at.astimezone(app.zone)
    decision: DecisionAnswer | None = None
    if app.decision_date is not None:
        decision = "date"
    elif app.decision_date_not_given:
        decision = "not_given"
    return NotesForm(
        values={name: getattr(app, name) for name in FIELDS},
        people={p.id: {name: getattr(p, name) for name in PERSON_FIELDS} for p in app.interviewers},
        interview_date=local.date(),
        interview_time=local.time().replace(second=0, microsecond=0),
        decision=decision,
        decision_date=app.decision_date,
        references_notified=app.references_notified,
        status=app.status,
    )


def length_note(text: str | None, limit: int = NOTE_LIMIT) -> str | None:
    """Say how long a text is against its limit ("3,250 of 4,000 characters"), once it nears it.

    None below ``COUNT_FROM`` of the limit. Past the limit it says by how much, so the user can
    shorten it before saving; nothing typed is cut.
    """
    length = len((text or "").strip())
    if length < COUNT_FROM * limit:
        return None
    counted = f"{length:,} of {limit:,} characters"
    if length > limit:
        return f"{counted}: {length - limit:,} too many to save"
    return counted


def date_question(form: NotesForm, opened: NotesForm, now: datetime) -> str | None:
    """Return what to ask before saving an interview date far from today, else None.

    "Far" is more than ``DAYS_AHEAD`` days ahead or ``DAYS_BACK`` days back, in the interview's
    timezone. Only a date set in this form is asked about: an interview on record from months
    ago saves again without a question.
    """
    if form.interview_date == opened.interview_date:
        return None
    try:
        zone = ZoneInfo(form.values.get("timezone") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):  # the save refuses it with its own message
        zone = ZoneInfo("UTC")
    days = (form.interview_date - now.astimezone(zone).date()).days
    day = form.interview_date
    shown = f"{day:%A} {day.day} {day:%B %Y}"
    if days > DAYS_AHEAD:
        return f"The interview date is {shown}, {plural(days, 'day')} from today. Is that right?"
    if -days > DAYS_BACK:
        return f"The interview date is {shown}, {plural(-days, 'day')} ago. Is that right?"
    return None


@dataclass(frozen=True)
class FormResult:
    """An application built from the form, or the problems to show beside each field."""

    application: Application | None
    errors: dict[str, list[str]]  # form field (see field_key) -> sentences


def field_key(location: tuple[str | int, ...], person_ids: list[str]) -> str:
    """Map a model error location to the form field that shows it.

    Person fields map to ``"person:<id>:<field>"``; problems of the application as a whole
    to ``GENERAL_FIELD``.
    """
    if not location:
        return GENERAL_FIELD
    head = location[0]
    if head == "interviewers":
        if len(location) >= 3 and isinstance(location[1], int) and location[1] < len(person_ids):
            return f"person:{person_ids[location[1]]}:{location[2]}"
        return PEOPLE_FIELD
    if head == "interview_at":
        return INTERVIEW_FIELD
    if head in ("decision_date", "decision_date_not_given"):
        return DECISION_FIELD
    return str(head) if head in FIELDS else GENERAL_FIELD


def build_application(form: NotesForm, stored: Application | None) -> FormResult:
    """Validate the form into an application: a new one, or ``stored`` with the form's values.

    Whatever the form does not show (another offer, say) is kept from ``stored``.
    """
    person_ids = list(form.people)
    if not person_ids:
        return FormResult(None, {PEOPLE_FIELD: ["Add at least one person you met."]})
    zone = form.values.get("timezone") or "UTC"
    try:
        interview_at = datetime.combine(form.interview_date, form.interview_time, ZoneInfo(zone))
    except (ValueError, KeyError):  # an unknown zone is reported by the model below
        interview_at = datetime.combine(form.interview_date, form.interview_time, ZoneInfo("UTC"))
    data: dict[str, Any] = {
        **(stored.model_dump(exclude={"contacts"}) if stored else {}),
        **{name: form.values.get(name) for name in FIELDS},
        "interview_at": interview_at,
        "decision_date": form.decision_date if form.decision == "date" else None,
        "decision_date_not_given": form.decision == "not_given",
        "references_notified": form.references_notified,
        "status": form.status,
        "interviewers": [
            {"id": pid, **values, "address_as": _address_to_store(values)}
            for pid, values in form.people.items()
        ],
    }
    grouped: dict[str, list[str]] = {}
    if form.decision == "date" and form.decision_date is None:
        grouped[DECISION_FIELD] = ["Pick the decision date they gave you."]
    try:
        application = Application.model_validate(data)
    except ValidationError as error:
        for location, sentences in field_errors(error).items():
            grouped.setdefault(field_key(location, person_ids), []).extend(sentences)
        return FormResult(None, grouped)
    return FormResult(None if grouped else application, grouped)


def _address_to_store(person: dict[str, Any]) -> Any:
    """Return a person's "Address as" to store: "" when it is only the guess from the name."""
    name, chosen = person.get("name"), person.get("address_as", "")
    if not isinstance(name, str) or not isinstance(chosen, str):
        return chosen  # the model explains what is wrong with it
    return chosen_address(name, chosen)


# The form's own fields, beside FIELDS and the people, with the labels a conflict is shown with.
_OWN_FIELDS: dict[str, str] = {
    "interview_date": "Interview date",
    "interview_time": "Start time",
    "decision": "Decision",
    "decision_date": "Decision date",
    "references_notified": "References told",
    "status": "Status",
}
Side = Literal["mine", "theirs"]


@dataclass(frozen=True)
class Conflict:
    """A field changed both here and elsewhere, to different values."""

    label: str  # "Role", or "Priya Raghunathan: Exact title"
    mine: str
    theirs: str


@dataclass(frozen=True)
class MergedForm:
    """This tab's edits combined with a version saved elsewhere since the form was opened."""

    form: NotesForm
    conflicts: tuple[Conflict, ...]  # settled by ``prefer`` in ``form``
    taken: tuple[str, ...]  # labels of the fields taken from the other version


def merge_forms(base: NotesForm, mine: NotesForm, theirs: NotesForm, prefer: Side) -> MergedForm:
    """Combine two edits of the form opened as ``base``: this tab's and one saved elsewhere.

    A field changed on one side only takes that side's value; a field both sides changed to
    different values is a conflict, settled by ``prefer``. A person added on either side is kept;
    a person removed on one side goes, unless the other side changed them (a conflict).
    """
    conflicts: list[Conflict] = []
    taken: list[str] = []

    def pick(label: str, old: Any, here: Any, there: Any, show: Callable = _shown) -> Any:
        if here == there or there == old:
            return here
        if here == old:
            taken.append(label)
            return there
        conflicts.append(Conflict(label, show(here), show(there)))
        return here if prefer == "mine" else there

    values = {
        name: pick(FIELD_LABELS[name], base.values.get(name), mine.values.get(name), value)
        for name, value in theirs.values.items()
    }
    own = {
        name: pick(label, getattr(base, name), getattr(mine, name), getattr(theirs, name))
        for name, label in _OWN_FIELDS.items()
    }
    people: dict[str, dict[str, Any]] = {}
    for pid in [*mine.people, *(pid for pid in theirs.people if pid not in mine.people)]:
        here, there, old = mine.people.get(pid), theirs.people.get(pid), base.people.get(pid)
        who = (here or there or {}).get("name") or "A person"
        if here is not None and there is not None:
            before = old or {}
            people[pid] = {
                name: pick(
                    f"{who}: {_person_label(name)}",
                    before.get(name),
                    value,
                    there.get(name),
                    _shown_channel if name == "channel" else _shown,
                )
                for name, value in here.items()
            }
        elif old is None:  # added on one side
            people[pid] = here or there or {}
            if here is None:
                taken.append(f"{who} (added)")
        elif (here or there) == old:  # removed on one side, untouched on the other
            if here is not None:
                taken.append(f"{who} (removed)")
        else:  # removed on one side, changed on the other
            mine_did, theirs_did = ("changed", "removed") if here else ("removed", "changed")
            conflicts.append(Conflict(who, mine_did, theirs_did))
            if (here if prefer == "mine" else there) is not None:
                people[pid] = here or there or {}
    merged = NotesForm(values=values, people=people, **own)
    return MergedForm(merged, tuple(conflicts), tuple(taken))


def _person_label(name: str) -> str:
    """Return how a person's field is named in a conflict."""
    return _PERSON_LABELS.get(name) or FIELD_LABELS[name]


def _shown_channel(value: Any) -> str:
    """Show a person's "Send as" in a sentence about a conflict."""
    return CHANNEL_LABELS.get(value, SAME_CHANNEL_LABEL) if value else SAME_CHANNEL_LABEL


def _shown(value: Any) -> str:
    """Show a form value in a sentence about a conflict."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


@cache
def country_names() -> dict[str, str]:
    """Return the countries with a holiday calendar, code -> English name, sorted by name."""
    found: dict[str, str] = {}
    for class_name, code, *_ in holidays.registry.COUNTRIES.values():
        spaced = _WORD_START.sub(" ", class_name)
        found[code] = _SMALL_WORDS.sub(lambda m: m.group(0).lower(), spaced).replace("Mc ", "Mc")
    supported = set(holidays.list_supported_countries())
    return dict(sorted(((c, n) for c, n in found.items() if c in supported), key=lambda x: x[1]))
