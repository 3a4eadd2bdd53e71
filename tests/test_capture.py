"""Filling the notes form from an invitation and from a debrief: what is filled, what is kept,
and what is proposed before anything changes (lib/capture.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from lib.capture import (
    accept,
    person_path,
    proposals,
    with_invitation,
    with_new_person,
)
from lib.debrief import Debrief
from lib.invite import Invitation, InvitedPerson
from lib.model import MAX_INTERVIEWERS
from lib.notes_form import NotesForm, blank_person, new_form

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
PRIYA = InvitedPerson("Priya Raghunathan", "priya@acme-robotics.example", "Staff Data Engineer")
MARCUS = InvitedPerson("Marcus Lee", "marcus@acme-robotics.example", "")
INVITATION = Invitation(
    company="Acme Robotics",
    role="Data Engineer",
    interview_at=datetime(2026, 12, 3, 10, 30, tzinfo=ZoneInfo("America/Chicago")),
    timezone="America/Chicago",
    people=(PRIYA, MARCUS),
)


def fresh() -> NotesForm:
    """A new form as the page opens it in London, with its one empty person."""
    return new_form(NOW, "Europe/London")


def only_person(form: NotesForm) -> str:
    """The id of the form's first person."""
    return next(iter(form.people))


def test_an_invitation_fills_a_new_form_and_names_every_field_it_filled() -> None:
    """Company, role, the local date and time in the invitation's zone, and both people; the
    empty person of a new form takes the first of them."""
    form = fresh()
    first = only_person(form)

    filled = with_invitation(form, INVITATION)

    assert filled.form.values["company"] == "Acme Robotics"
    assert filled.form.values["role"] == "Data Engineer"
    assert filled.form.values["timezone"] == "America/Chicago"
    assert (filled.form.interview_date, filled.form.interview_time) == (
        date(2026, 12, 3),
        time(10, 30),
    )
    people = list(filled.form.people.values())
    assert [(p["name"], p["email"], p["title"]) for p in people] == [
        ("Priya Raghunathan", "priya@acme-robotics.example", "Staff Data Engineer"),
        ("Marcus Lee", "marcus@acme-robotics.example", ""),
    ]
    assert list(filled.form.people)[0] == first  # noqa: RUF015 (the order is the point)
    second = list(filled.form.people)[1]
    assert filled.fields == {
        "company": "Acme Robotics",
        "role": "Data Engineer",
        "timezone": "America/Chicago",
        "interview_date": date(2026, 12, 3),
        "interview_time": time(10, 30),
        person_path(first, "name"): "Priya Raghunathan",
        person_path(first, "email"): "priya@acme-robotics.example",
        person_path(first, "title"): "Staff Data Engineer",
        person_path(second, "name"): "Marcus Lee",
        person_path(second, "email"): "marcus@acme-robotics.example",
    }
    assert filled.notes == ()
    assert form.values["company"] == ""  # the form given is left as it was


def test_what_the_user_typed_stays_and_a_known_person_gets_the_rest() -> None:
    """A typed company stays; Priya, typed by name only, gets her email and title, no copy."""
    form = fresh()
    first = only_person(form)
    form.values["company"] = "ACME (typed)"
    form.people[first] |= {"name": "priya raghunathan", "asked": "streaming"}

    filled = with_invitation(form, INVITATION)

    assert filled.form.values["company"] == "ACME (typed)"
    assert "company" not in filled.fields
    priya = filled.form.people[first]
    assert priya["name"] == "priya raghunathan"
    assert priya["email"] == "priya@acme-robotics.example"
    assert priya["asked"] == "streaming"
    assert len(filled.form.people) == 2


def test_an_invitation_without_a_zone_keeps_the_instant_in_the_forms_zone() -> None:
    """A UTC-only time lands at the same instant in the form's own timezone."""
    invitation = Invitation(
        "Acme", "", datetime(2026, 12, 3, 16, 30, tzinfo=UTC), None, (PRIYA,)
    )  # fmt: skip

    filled = with_invitation(fresh(), invitation)

    assert filled.form.values["timezone"] == "Europe/London"
    assert filled.form.interview_time == time(16, 30)
    assert "timezone" not in filled.fields


def test_no_time_and_no_people_are_said_and_nothing_is_guessed() -> None:
    """An all-day invitation with nobody on it: today's date stays, and the user is told."""
    form = fresh()

    filled = with_invitation(form, Invitation("Acme", "Analyst", None, None, ()))

    assert filled.form.interview_date == form.interview_date
    assert filled.notes == (
        "The invitation gives no start time: set the date and time yourself.",
        "The invitation names no one you met: add each person below.",
    )
    assert set(filled.fields) == {"company", "role"}


def test_a_full_panel_leaves_the_rest_out_and_says_how_many() -> None:
    """More people than the panel holds: the first fill it, the others are counted."""
    crowd = tuple(InvitedPerson(f"Person {n:02}", "", "") for n in range(MAX_INTERVIEWERS + 3))

    filled = with_invitation(fresh(), Invitation("Acme", "", None, None, crowd))

    assert len(filled.form.people) == MAX_INTERVIEWERS
    assert f"at most {MAX_INTERVIEWERS} people: 3 more" in filled.notes[-1]


def panel_form() -> tuple[NotesForm, str, str]:
    """A form with Priya (already asked about streaming) and Marcus."""
    form = fresh()
    priya = only_person(form)
    form.people[priya] |= {"name": "Priya Raghunathan", "asked": "streaming"}
    form, marcus = with_new_person(form, "Marcus Lee")
    return form, priya, marcus


def test_a_debrief_is_proposed_field_by_field_keeping_what_is_there() -> None:
    """New notes come after the current ones; notes already there are not proposed again."""
    form, priya, marcus = panel_form()
    debrief = Debrief(
        people={
            priya: {"asked": "how I'd move batch jobs to streaming", "concerns": "no Kafka"},
            marcus: {"discussed": "Streaming"},  # not in his notes yet
            "gone": {"asked": "someone removed since"},
        },
        application={"went_well": "the dbt story landed"},
        decision_date=date(2026, 12, 12),
        unknown_names=("Dana",),
    )
    form.people[marcus]["discussed"] = "schema drift"

    review = proposals(form, debrief)

    assert [(p.path, p.current, p.proposed) for p in review.proposals] == [
        (
            person_path(priya, "asked"),
            "streaming",
            "streaming; how I'd move batch jobs to streaming",
        ),
        (person_path(priya, "concerns"), "", "no Kafka"),
        (person_path(marcus, "discussed"), "schema drift", "schema drift; Streaming"),
        ("went_well", "", "the dbt story landed"),
    ]
    assert review.proposals[0].label == "Priya Raghunathan · What they asked"
    assert review.decision == date(2026, 12, 12)
    assert review.unknown_names == ("Dana",)
    assert review.people_missing == ("gone",)


def test_text_a_field_holds_already_is_not_proposed() -> None:
    """The same words (any case or spacing) in the field already: no proposal."""
    form, priya, _ = panel_form()
    debrief = Debrief({priya: {"asked": "  STREAMING "}}, {}, None, ())

    assert proposals(form, debrief).proposals == ()


def test_the_same_decision_date_is_not_proposed_again() -> None:
    """A date the form already holds is no news."""
    form, _, _ = panel_form()
    form.decision, form.decision_date = "date", date(2026, 12, 12)

    assert proposals(form, Debrief({}, {}, date(2026, 12, 12), ())).decision is None


def test_accepting_changes_only_the_accepted_fields_and_sets_the_decision() -> None:
    """The accepted text (as edited) goes in; everything else stays; the date is set."""
    form, priya, marcus = panel_form()

    changed = accept(
        form,
        {person_path(priya, "concerns"): "no Kafka in production", "went_well": "dbt story"},
        date(2026, 12, 12),
    )

    assert changed.people[priya]["concerns"] == "no Kafka in production"
    assert changed.people[priya]["asked"] == "streaming"
    assert changed.people[marcus] == {**blank_person(), "name": "Marcus Lee"}
    assert changed.values["went_well"] == "dbt story"
    assert (changed.decision, changed.decision_date) == ("date", date(2026, 12, 12))
    assert form.people[priya]["concerns"] == ""  # the form given is left as it was
