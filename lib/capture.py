"""Filling the notes form from what the user already has: a calendar invitation and a debrief.

``with_invitation`` puts an invitation's company, role, moment, timezone and people into a form
and says which fields it filled, so the page can mark them. ``proposals`` turns a debrief
(split offline or by the LLM) into one proposed value per field beside the current one, and
``accept`` puts the accepted ones into the form. Nothing here stores anything: the form is
saved only by the page's Save.

A field path names a form field the way ``lib.notes_form.field_key`` does: an application
field ("company", "went_well", "interview_date", "decision_date") or a person's
("person:<id>:asked").
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from lib.debrief import APPLICATION_FIELDS, PERSON_FIELDS, Debrief
from lib.invite import Invitation, InvitedPerson
from lib.model import MAX_INTERVIEWERS, new_id
from lib.notes_form import NotesForm, blank_person
from lib.timezones import is_known

PERSON_NOTE_LABELS = {
    "asked": "What they asked",
    "concerns": "Their concerns about you",
    "discussed": "What you discussed",
    "personal_touch": "A personal moment (a story, a joke, a shared interest)",
}
APPLICATION_NOTE_LABELS = {
    "went_well": "What went well",
    "went_badly": "What went badly",
    "stood_out": "What stood out",
    "fit_points": "Why you fit this role (your strongest points for them)",
}
DECISION_PATH = "decision_date"
JOIN = "; "  # between a field's current notes and what the debrief adds


def person_path(person_id: str, name: str) -> str:
    """Return the path of one person's field."""
    return f"person:{person_id}:{name}"


@dataclass(frozen=True)
class Filled:
    """A form with an invitation in it: which fields it filled, and what to tell the user."""

    form: NotesForm
    fields: dict[str, Any]  # path -> the value the invitation put there
    notes: tuple[str, ...] = ()


def with_invitation(form: NotesForm, invitation: Invitation) -> Filled:
    """Return ``form`` with ``invitation`` in it; what the user typed is never overwritten.

    Company and role fill empty fields; the moment and the timezone replace the form's (a new
    form holds only today's guess). Each invited person fills the person with the same email or
    name, else an empty person, else is added, up to the panel's limit.
    """
    filled = copy.deepcopy(form)
    fields: dict[str, Any] = {}
    notes: list[str] = []
    for name in ("company", "role"):
        value = getattr(invitation, name)
        if value and not (filled.values.get(name) or "").strip():
            filled.values[name] = fields[name] = value
    if invitation.interview_at is None:
        notes.append("The invitation gives no start time: set the date and time yourself.")
    else:
        # the invitation's own zone; without one, the same instant in the form's zone
        zone_name = invitation.timezone if is_known(invitation.timezone) else None
        if zone_name is not None:
            filled.values["timezone"] = fields["timezone"] = zone_name
        zone = ZoneInfo(filled.values.get("timezone") or "UTC")
        local = invitation.interview_at.astimezone(zone)
        filled.interview_date = fields["interview_date"] = local.date()
        filled.interview_time = fields["interview_time"] = local.time().replace(
            second=0, microsecond=0, tzinfo=None
        )
    if not invitation.people:
        notes.append("The invitation names no one you met: add each person below.")
    left_out = 0
    for person in invitation.people:
        person_id = _place_for(filled, person)
        if person_id is None:
            left_out += 1
            continue
        values = filled.people[person_id]
        for name in ("name", "title", "email"):
            value = getattr(person, name)
            if value and not (values.get(name) or "").strip():
                values[name] = fields[person_path(person_id, name)] = value
    if left_out:
        notes.append(
            f"The panel holds at most {MAX_INTERVIEWERS} people: {left_out} more in the "
            "invitation were left out."
        )
    return Filled(filled, fields, tuple(notes))


def _place_for(form: NotesForm, person: InvitedPerson) -> str | None:
    """Return the id of the form's person ``person`` belongs to, adding one if needed; None when
    the panel is full."""
    for person_id, values in form.people.items():
        same_email = person.email and (values.get("email") or "").lower() == person.email.lower()
        same_name = (values.get("name") or "").strip().casefold() == person.name.casefold()
        if same_email or same_name:
            return person_id
    for person_id, values in form.people.items():
        if values == blank_person():
            return person_id
    if len(form.people) >= MAX_INTERVIEWERS:
        return None
    person_id = new_id()
    form.people[person_id] = blank_person()
    return person_id


@dataclass(frozen=True)
class Proposal:
    """One field the debrief would change: what it holds now and what it would hold."""

    path: str
    label: str
    current: str
    proposed: str


@dataclass(frozen=True)
class Review:
    """What a debrief proposes for a form, field by field, and the names it did not know."""

    proposals: tuple[Proposal, ...]
    decision: date | None = None  # a decision date to propose, when it differs from the form's
    unknown_names: tuple[str, ...] = ()
    people_missing: tuple[str, ...] = field(default=())  # ids the debrief named, since removed


def proposals(form: NotesForm, debrief: Debrief) -> Review:
    """Return what ``debrief`` would change in ``form``, one proposal per field.

    A proposal keeps the field's current notes and adds what is new after them, so accepting it
    loses nothing; text the field already holds is not proposed again.
    """
    found: list[Proposal] = []
    missing: list[str] = []
    for person_id, notes in debrief.people.items():
        values = form.people.get(person_id)
        if values is None:
            missing.append(person_id)
            continue
        who = (values.get("name") or "").strip() or "This person"
        for name in PERSON_FIELDS:
            proposal = _proposal(
                person_path(person_id, name),
                f"{who} · {PERSON_NOTE_LABELS[name]}",
                values.get(name) or "",
                notes.get(name, ""),
            )
            if proposal is not None:
                found.append(proposal)
    for name in APPLICATION_FIELDS:
        proposal = _proposal(
            name,
            APPLICATION_NOTE_LABELS[name],
            form.values.get(name) or "",
            debrief.application.get(name, ""),
        )
        if proposal is not None:
            found.append(proposal)
    same_date = form.decision == "date" and form.decision_date == debrief.decision_date
    decision = None if same_date else debrief.decision_date
    return Review(tuple(found), decision, debrief.unknown_names, tuple(missing))


def _proposal(path: str, label: str, current: str, new: str) -> Proposal | None:
    """Return the proposal for one field, or None when the debrief adds nothing to it."""
    new = " ".join(new.split())
    if not new or new.casefold() in " ".join(current.split()).casefold():
        return None
    proposed = f"{current.rstrip().rstrip(';')}{JOIN}{new}" if current.strip() else new
    return Proposal(path, label, current, proposed)


def accept(form: NotesForm, accepted: dict[str, str], decision: date | None = None) -> NotesForm:
    """Return ``form`` with the accepted proposals (path -> the text to keep) and, when given,
    the decision date the debrief found."""
    changed = copy.deepcopy(form)
    for path, text in accepted.items():
        if path.startswith("person:"):
            _, person_id, name = path.split(":", 2)
            if person_id in changed.people:
                changed.people[person_id][name] = text
        else:
            changed.values[path] = text
    if decision is not None:
        changed.decision = "date"
        changed.decision_date = decision
    return changed


def with_new_person(form: NotesForm, name: str) -> tuple[NotesForm, str]:
    """Return ``form`` with a person called ``name`` added (a name the debrief did not know),
    and the new person's id."""
    changed = copy.deepcopy(form)
    person_id = new_id()
    changed.people[person_id] = {**blank_person(), "name": name}
    return changed, person_id
