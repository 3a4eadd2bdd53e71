"""The notes form: a new form, a stored application in the form and back, and where errors show."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

import holidays
import pytest

from lib.notes_form import (
    Conflict,
    NotesForm,
    Side,
    address_after_rename,
    blank_person,
    build_application,
    chosen_address,
    country_names,
    date_question,
    field_key,
    form_from_application,
    length_note,
    merge_forms,
    new_form,
    shown_address,
)
from tests.conftest import ApplicationFactory


def edited(
    form: NotesForm,
    values: dict[str, Any] | None = None,
    people: dict[str, dict[str, Any]] | None = None,
    **fields: Any,
) -> NotesForm:
    """Return a copy of the form with some values, some people's values and some fields changed."""
    changed = {
        pid: {**person, **(people or {}).get(pid, {})} for pid, person in form.people.items()
    }
    return replace(form, values={**form.values, **(values or {})}, people=changed, **fields)


# --- a new form -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "timezone", "day", "clock"),
    [
        pytest.param(
            datetime(2026, 11, 16, 15, 30, 45, tzinfo=UTC),
            "America/New_York",
            date(2026, 11, 16),
            time(10, 30),
            id="new-york-afternoon",
        ),
        pytest.param(  # 03:15 UTC on Tuesday is still Monday evening in New York
            datetime(2026, 11, 17, 3, 15, 59, tzinfo=UTC),
            "America/New_York",
            date(2026, 11, 16),
            time(22, 15),
            id="new-york-utc-is-a-day-ahead",
        ),
        pytest.param(
            datetime(2026, 11, 16, 20, 0, 5, tzinfo=UTC),
            "Asia/Kolkata",
            date(2026, 11, 17),
            time(1, 30),
            id="kolkata-half-hour-offset",
        ),
    ],
)
def test_new_form_is_dated_now_on_the_users_wall_clock(
    now: datetime, timezone: str, day: date, clock: time
) -> None:
    """A new form starts at the user's local date and minute, in their timezone."""
    form = new_form(now, timezone)
    assert (form.interview_date, form.interview_time) == (day, clock)
    assert form.values["timezone"] == timezone


def test_new_form_starts_blank_with_the_defaults() -> None:
    """A new form has one blank person, the standard culture, email, profile and the US."""
    form = new_form(datetime(2026, 11, 16, 15, 30, tzinfo=UTC), "America/New_York")
    assert form.values == {
        "company": "",
        "role": "",
        "timezone": "America/New_York",
        "country": "US",
        "culture": "standard",
        "channel": "email",
        "profile": "standard",
        "went_well": "",
        "went_badly": "",
        "stood_out": "",
        "fit_points": "",
    }
    ((person_id, person),) = form.people.items()
    assert person_id
    assert person == blank_person()
    assert person == {
        "name": "",
        "address_as": "",
        "title": "",
        "email": "",
        "channel": None,
        "is_recruiter": False,
        "asked": "",
        "concerns": "",
        "discussed": "",
        "personal_touch": "",
    }
    assert (form.decision, form.decision_date, form.references_notified, form.status) == (
        None,
        None,
        False,
        "open",
    )


# --- an application in the form and back ------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "decision"),
    [
        pytest.param({"decision_date": date(2026, 11, 20)}, "date", id="decision-date"),
        pytest.param({"decision_date_not_given": True}, "not_given", id="decision-not-given"),
        pytest.param({}, None, id="decision-not-answered"),
        pytest.param(
            {
                "decision_date": date(2026, 11, 16),
                "interview_at": datetime(2026, 11, 16, 14, 35, tzinfo=UTC),
                "timezone": "Europe/London",
                "country": "GB",
                "culture": "formal",
                "channel": "handwritten",
                "profile": "eager",
                "status": "rejected",
                "references_notified": True,
                "went_well": "The case study",
                "went_badly": "The SQL question",
                "stood_out": "A team of five",
            },
            "date",
            id="everything-filled-in",
        ),
    ],
)
def test_form_round_trip_gives_back_the_application(
    make_application: ApplicationFactory, overrides: dict[str, Any], decision: str | None
) -> None:
    """Opening a stored application in the form and saving it unchanged changes nothing."""
    thanked = {
        "interviewer_id": "priya",
        "kind": "thank_you",
        "at": datetime(2026, 11, 16, 18, 0, tzinfo=UTC),
    }
    app = make_application(contacts=[thanked], **overrides)
    form = form_from_application(app)
    assert form.decision == decision
    result = build_application(form, app)
    assert result.errors == {}
    assert result.application is not None
    assert result.application.model_dump(exclude={"contacts"}) == app.model_dump(
        exclude={"contacts"}
    )


def test_saving_the_form_keeps_what_the_form_does_not_show(
    make_application: ApplicationFactory,
) -> None:
    """Another offer, recorded on the follow-up page, survives an edit of the notes."""
    app = make_application(has_other_offer=True)
    form = edited(form_from_application(app), {"role": "Staff Data Engineer"})
    built = build_application(form, app).application
    assert built is not None
    assert (built.role, built.has_other_offer) == ("Staff Data Engineer", True)


def test_form_shows_the_interview_on_the_applications_wall_clock(
    make_application: ApplicationFactory,
) -> None:
    """The form shows the interview's local date and time, whatever offset it was stored with."""
    app = make_application(interview_at=datetime(2026, 11, 17, 3, 0, tzinfo=UTC))
    form = form_from_application(app)
    assert (form.interview_date, form.interview_time) == (date(2026, 11, 16), time(22, 0))


def test_new_application_from_the_form_gets_its_own_id(
    make_application: ApplicationFactory,
) -> None:
    """Saving a new interview creates a fresh application, not a copy of another's id."""
    app = make_application()
    built = build_application(form_from_application(app), None).application
    assert built is not None
    assert built.id
    assert built.id != app.id


# --- errors, keyed by the field that shows them -----------------------------------------------

LONG_NOTE = "x" * 4_001
TOO_LONG = "is too long: 4,001 characters, the limit is 4,000. Shorten it to the essentials."


@pytest.mark.parametrize(
    ("values", "people", "fields", "errors"),
    [
        pytest.param(
            {"company": ""}, {}, {}, {"company": ["Company is required"]}, id="empty-company"
        ),
        pytest.param(
            {"company": "   "}, {}, {}, {"company": ["Company is required"]}, id="blank-company"
        ),
        pytest.param(
            {},
            {"sean": {"email": "sean-at-northwind"}},
            {},
            {
                "person:sean:email": [
                    "Person 2: Email is not an email address ('sean-at-northwind'); it "
                    "should look like name@example.com"
                ]
            },
            id="bad-email-of-the-second-person",
        ),
        pytest.param(
            {},
            {},
            {"decision": "date", "decision_date": date(2026, 11, 13)},
            {
                "decision_date": [
                    "Decision date is before the interview day (16 Nov 2026); enter the date "
                    "they said they would decide, or leave it empty"
                ]
            },
            id="decision-before-the-interview",
        ),
        pytest.param(
            {},
            {},
            {"decision": "date", "decision_date": None},
            {"decision_date": ["Pick the decision date they gave you."]},
            id="decision-date-not-picked",
        ),
        pytest.param(
            {},
            {"sean": {"name": "priya raghunathan"}},
            {},
            {
                "people": [
                    "Interviewers list priya raghunathan twice; remove the duplicate or tell the "
                    "two apart"
                ]
            },
            id="duplicate-names",
        ),
        pytest.param(
            {"timezone": "Mars/Olympus_Mons"},
            {},
            {},
            {
                "timezone": [
                    "Timezone 'Mars/Olympus_Mons' is not a known timezone; use a name such as "
                    "America/New_York or Europe/London"
                ]
            },
            id="unknown-timezone",
        ),
        pytest.param(
            {"went_well": LONG_NOTE},
            {},
            {},
            {"went_well": [f"What went well {TOO_LONG}"]},
            id="long-overall-note",
        ),
        pytest.param(
            {},
            {"sean": {"discussed": LONG_NOTE}},
            {},
            {"person:sean:discussed": [f"Person 2: What you discussed {TOO_LONG}"]},
            id="long-note-about-a-person",
        ),
    ],
)
def test_build_application_keys_each_problem_by_its_field(
    make_application: ApplicationFactory,
    values: dict[str, Any],
    people: dict[str, dict[str, Any]],
    fields: dict[str, Any],
    errors: dict[str, list[str]],
) -> None:
    """Each problem is a sentence shown right under the field the user has to fix."""
    form = edited(form_from_application(make_application()), values, people, **fields)
    result = build_application(form, make_application())
    assert result.application is None
    assert result.errors == errors


def test_build_application_asks_for_at_least_one_person(
    make_application: ApplicationFactory,
) -> None:
    """A form with nobody on the panel is refused, asking the user to add a person."""
    form = replace(form_from_application(make_application()), people={})
    result = build_application(form, make_application())
    assert (result.application, result.errors) == (
        None,
        {"people": ["Add at least one person you met."]},
    )


def test_build_application_reports_every_problem_at_once(
    make_application: ApplicationFactory,
) -> None:
    """A missing decision date does not hide the other problems: the user fixes all in one go."""
    form = edited(
        form_from_application(make_application()),
        {"company": ""},
        decision="date",
        decision_date=None,
    )
    result = build_application(form, make_application())
    assert result.errors == {
        "company": ["Company is required"],
        "decision_date": ["Pick the decision date they gave you."],
    }


def test_decision_on_the_interview_day_is_accepted(make_application: ApplicationFactory) -> None:
    """A decision promised for the same day is not "before the interview"."""
    form = edited(
        form_from_application(make_application()), decision="date", decision_date=date(2026, 11, 16)
    )
    result = build_application(form, make_application())
    assert result.errors == {}
    assert result.application is not None
    assert result.application.decision_date == date(2026, 11, 16)


@pytest.mark.parametrize(
    ("location", "key"),
    [
        ((), "general"),
        (("company",), "company"),
        (("went_well",), "went_well"),
        (("interviewers", 1, "email"), "person:sean:email"),
        (("interviewers", 0, "name"), "person:priya:name"),
        (("interviewers", 5, "email"), "people"),
        (("interviewers",), "people"),
        (("interview_at",), "interview_date"),
        (("decision_date",), "decision_date"),
        (("decision_date_not_given",), "decision_date"),
        (("contacts", 0, "at"), "general"),
        (("foo",), "general"),
    ],
)
def test_field_key_maps_model_locations_to_form_fields(
    location: tuple[str | int, ...], key: str
) -> None:
    """Every model problem lands under a field of the form, or in the general box."""
    assert field_key(location, ["priya", "sean"]) == key


# --- countries --------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "name"), [("US", "United States"), ("GB", "United Kingdom")])
def test_country_names_reads_in_english(code: str, name: str) -> None:
    """The country list shows names people recognise, not class names or codes."""
    assert country_names()[code] == name


def test_country_names_are_sorted_by_name() -> None:
    """The country list is in alphabetical order, so a country is easy to find."""
    shown = list(country_names().values())
    assert len(shown) > 100
    assert shown == sorted(shown)


def test_every_listed_country_has_a_holiday_calendar() -> None:
    """Every country offered can be saved: its code has public holidays in the package."""
    supported = set(holidays.list_supported_countries())
    codes = list(country_names())
    assert all(len(code) == 2 and code.isupper() for code in codes)
    assert set(codes) <= supported


# --- two tabs: combining this tab's edit with one saved elsewhere -----------------------------


@pytest.fixture
def opened(make_application: ApplicationFactory) -> NotesForm:
    """The form as a tab opened it: the sample application."""
    return form_from_application(make_application())


def test_changes_to_different_fields_are_all_kept(opened: NotesForm) -> None:
    """This tab changed the role and Seán's title; the other changed the notes and the status."""
    mine = edited(opened, {"role": "Staff Data Engineer"}, {"sean": {"title": "Staff Engineer"}})
    theirs = edited(
        opened, {"went_well": "The whiteboard round"}, {"priya": {"asked": "Batch jobs"}},
        status="moved_on",
    )  # fmt: skip

    merged = merge_forms(opened, mine, theirs, prefer="mine")

    assert merged.conflicts == ()
    assert merged.form == edited(
        opened,
        {"role": "Staff Data Engineer", "went_well": "The whiteboard round"},
        {"sean": {"title": "Staff Engineer"}, "priya": {"asked": "Batch jobs"}},
        status="moved_on",
    )
    assert merged.taken == ("What went well", "Status", "Priya Raghunathan: What they asked")


def test_the_same_change_on_both_sides_is_no_conflict(opened: NotesForm) -> None:
    """Both tabs made the same correction: it is simply kept."""
    both = edited(opened, {"role": "Staff Data Engineer"})
    merged = merge_forms(opened, both, both, prefer="theirs")
    assert (merged.form, merged.conflicts, merged.taken) == (both, (), ())


@pytest.mark.parametrize(("prefer", "role"), [("mine", "Staff"), ("theirs", "Principal")])
def test_a_field_changed_on_both_sides_is_a_conflict_settled_by_the_choice(
    opened: NotesForm, prefer: Side, role: str
) -> None:
    """Both changed the role differently: the conflict is listed and the choice decides it."""
    mine = edited(opened, {"role": "Staff", "went_badly": "Ran out of time"})
    theirs = edited(opened, {"role": "Principal"}, interview_time=time(11, 30))

    merged = merge_forms(opened, mine, theirs, prefer=prefer)

    assert merged.conflicts == (Conflict("Role", "Staff", "Principal"),)
    assert merged.form.values["role"] == role
    assert merged.form.values["went_badly"] == "Ran out of time"
    assert merged.form.interview_time == time(11, 30)


def test_people_added_on_either_side_are_both_kept(opened: NotesForm) -> None:
    """Each tab added a different person: the panel has both, this tab's first."""
    mine = replace(opened, people={**opened.people, "ana": {**blank_person(), "name": "Ana"}})
    theirs = replace(opened, people={**opened.people, "bo": {**blank_person(), "name": "Bo"}})

    merged = merge_forms(opened, mine, theirs, prefer="mine")

    assert list(merged.form.people) == ["priya", "sean", "ana", "bo"]
    assert (merged.conflicts, merged.taken) == ((), ("Bo (added)",))


@pytest.mark.parametrize("removed_here", [True, False])
def test_a_person_removed_on_one_side_and_untouched_on_the_other_goes(
    opened: NotesForm, removed_here: bool
) -> None:
    """Removing Seán in either tab removes him, when the other tab left him as he was."""
    without_sean = replace(opened, people={"priya": opened.people["priya"]})
    mine, theirs = (without_sean, opened) if removed_here else (opened, without_sean)

    merged = merge_forms(opened, mine, theirs, prefer="mine")

    assert list(merged.form.people) == ["priya"]
    assert merged.conflicts == ()
    assert merged.taken == (() if removed_here else ("Seán O'Donnell (removed)",))


@pytest.mark.parametrize(
    ("removed_here", "prefer", "kept"),
    [
        (True, "mine", False),
        (True, "theirs", True),
        (False, "mine", True),
        (False, "theirs", False),
    ],
)
def test_a_person_removed_on_one_side_and_changed_on_the_other_is_a_conflict(
    opened: NotesForm, removed_here: bool, prefer: Side, kept: bool
) -> None:
    """Seán removed in one tab while his notes were edited in the other: the user decides."""
    without_sean = replace(opened, people={"priya": opened.people["priya"]})
    changed_sean = edited(opened, people={"sean": {"concerns": "Kafka at scale"}})
    mine, theirs = (without_sean, changed_sean) if removed_here else (changed_sean, without_sean)

    merged = merge_forms(opened, mine, theirs, prefer=prefer)

    mine_did, theirs_did = ("removed", "changed") if removed_here else ("changed", "removed")
    assert merged.conflicts == (Conflict("Seán O'Donnell", mine_did, theirs_did),)
    assert ("sean" in merged.form.people) is kept
    if kept:
        assert merged.form.people["sean"]["concerns"] == "Kafka at scale"


def test_conflicting_values_are_shown_short_and_readable(opened: NotesForm) -> None:
    """Long notes are cut, empty values are spelt out, times are hours and minutes."""
    opened = edited(opened, {"went_well": "The system design round"})
    mine = edited(
        opened, {"went_well": "word " * 40}, {"sean": {"title": ""}}, interview_time=time(9, 5)
    )
    theirs = edited(
        opened, {"went_well": ""}, {"sean": {"title": "Lead"}}, interview_time=time(14, 0)
    )

    conflicts = {c.label: c for c in merge_forms(opened, mine, theirs, "mine").conflicts}

    assert conflicts == {
        "What went well": Conflict("What went well", ("word " * 40)[:59] + "…", "(empty)"),
        "Start time": Conflict("Start time", "09:05", "14:00"),
        "Seán O'Donnell: Title": Conflict("Seán O'Donnell: Title", "(empty)", "Lead"),
    }


# --- how to address each person, and how their notes are sent ---------------------------------


def khai_and_sean(make_application: ApplicationFactory) -> NotesForm:
    """The sample form with Priya replaced by Nguyễn Minh Khai, addressed as "Khai", by card."""
    app = make_application()
    khai = app.interviewers[0].model_dump() | {
        "name": "Nguyễn Minh Khai",
        "address_as": "Khai",
        "channel": "handwritten",
    }
    return form_from_application(
        make_application(interviewers=[khai, app.interviewers[1].model_dump()])
    )


@pytest.mark.parametrize(
    ("name", "stored", "shown"),
    [
        ("Dr. Kwame Mensah", "", "Kwame"),
        ("Jean-Luc Picard", "", "Jean-Luc"),
        ("María José Fernández", "", "María José"),
        ("Nguyễn Minh Khai", "Khai", "Khai"),
        ("", "", ""),
    ],
)
def test_address_as_shows_the_guess_until_the_user_sets_one(
    name: str, stored: str, shown: str
) -> None:
    """The field shows how the note will greet the person: their choice, else the guess."""
    assert shown_address(name, stored) == shown
    assert chosen_address(name, shown) == stored  # and what is shown is stored back as it was


def test_address_as_equal_to_the_guess_is_stored_empty() -> None:
    """Typing the guess (or leaving it) stores nothing, so a corrected name corrects the
    greeting; anything else is stored as typed, with its spaces tidied."""
    assert chosen_address("Jean-Luc Picard", "Jean-Luc") == ""
    assert chosen_address("Jean-Luc Picard", "  Jean-Luc ") == ""
    assert chosen_address("Jean-Luc Picard", "Jean") == "Jean"
    assert chosen_address("Nguyễn Minh Khai", "Khai") == "Khai"
    assert chosen_address("Nguyễn Minh Khai", "") == ""


def test_a_renamed_person_gets_the_new_guess_unless_their_address_was_set() -> None:
    """Correcting "Jon Smith" to "John Smith" corrects "Jon" too; a chosen "Khai" stays."""
    assert address_after_rename("Jon", "Jon Smith", "John Smith") == "John"
    assert address_after_rename("", "", "Dr. Kwame Mensah") == "Kwame"
    assert address_after_rename("Khai", "Nguyen Minh Khai", "Nguyễn Minh Khai") == "Khai"


def test_address_and_channel_round_trip_through_the_form(
    make_application: ApplicationFactory,
) -> None:
    """A person addressed as "Khai" who gets a card, and one who follows the interview's
    channel, come back from the form exactly."""
    form = khai_and_sean(make_application)
    assert (form.people["priya"]["address_as"], form.people["priya"]["channel"]) == (
        "Khai",
        "handwritten",
    )
    assert (form.people["sean"]["address_as"], form.people["sean"]["channel"]) == ("", None)

    result = build_application(form, None)

    assert result.errors == {}
    assert result.application is not None
    khai, sean = result.application.interviewers
    assert (khai.address_as, khai.channel, sean.address_as, sean.channel) == (
        "Khai",
        "handwritten",
        "",
        None,
    )
    assert result.application.channel_for(khai) == "handwritten"
    assert result.application.channel_for(sean) == "email"


def test_a_typed_guess_is_saved_as_no_choice(make_application: ApplicationFactory) -> None:
    """Whatever shows the guess in the form is saved as "": the name decides later."""
    form = edited(
        form_from_application(make_application()), people={"sean": {"address_as": "Seán"}}
    )
    result = build_application(form, None)
    assert result.application is not None
    assert result.application.interviewers[1].address_as == ""


def test_a_too_long_address_is_refused_under_its_own_field(
    make_application: ApplicationFactory,
) -> None:
    """An "Address as" over the short-text limit is explained beside that person's field."""
    form = edited(
        form_from_application(make_application()), people={"sean": {"address_as": "S" * 201}}
    )
    result = build_application(form, None)
    assert result.application is None
    (messages,) = result.errors.values()
    assert list(result.errors) == ["person:sean:address_as"]
    assert "Address as is too long" in messages[0]


def test_address_and_channel_merge_field_by_field(make_application: ApplicationFactory) -> None:
    """This tab addressed Seán as "Sean" while the other sent Khai's note by email: both kept."""
    opened = khai_and_sean(make_application)
    mine = edited(opened, people={"sean": {"address_as": "Sean"}})
    theirs = edited(
        opened, people={"priya": {"channel": "email"}, "sean": {"channel": "handwritten"}}
    )

    merged = merge_forms(opened, mine, theirs, prefer="mine")

    assert merged.conflicts == ()
    assert merged.form.people["sean"] == {
        **opened.people["sean"],
        "address_as": "Sean",
        "channel": "handwritten",
    }
    assert merged.form.people["priya"]["channel"] == "email"
    assert merged.taken == ("Nguyễn Minh Khai: Send as", "Seán O'Donnell: Send as")


@pytest.mark.parametrize(("prefer", "kept"), [("mine", "Minh"), ("theirs", "Khai Nguyen")])
def test_an_address_changed_in_both_tabs_is_a_conflict(
    make_application: ApplicationFactory, prefer: Side, kept: str
) -> None:
    """Both tabs corrected how to greet Khai, differently: the user sees both and chooses."""
    opened = khai_and_sean(make_application)
    mine = edited(opened, people={"priya": {"address_as": "Minh"}})
    theirs = edited(opened, people={"priya": {"address_as": "Khai Nguyen", "channel": None}})

    merged = merge_forms(opened, mine, theirs, prefer=prefer)

    assert merged.conflicts == (Conflict("Nguyễn Minh Khai: Address as", "Minh", "Khai Nguyen"),)
    assert merged.form.people["priya"]["address_as"] == kept
    assert merged.form.people["priya"]["channel"] is None  # changed on their side only


def test_a_channel_changed_in_both_tabs_is_shown_in_words(
    make_application: ApplicationFactory,
) -> None:
    """One tab sends Khai's note by email, the other as the interview does: the conflict says
    "Email" and "Same as the interview", not a code or "(empty)"."""
    opened = khai_and_sean(make_application)
    mine = edited(opened, people={"priya": {"channel": "email"}})
    theirs = edited(opened, people={"priya": {"channel": None}})

    merged = merge_forms(opened, mine, theirs, prefer="mine")

    assert merged.conflicts == (
        Conflict("Nguyễn Minh Khai: Send as", "Email", "Same as the interview"),
    )
    assert merged.form.people["priya"]["channel"] == "email"


# --- a far date, a long note ------------------------------------------------------------------

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 10:00 in New York


@pytest.mark.parametrize(
    ("day", "asked"),
    [
        pytest.param(date(2026, 12, 31), None, id="30-days-ahead"),
        pytest.param(date(2027, 1, 1), "31 days from today", id="31-days-ahead"),
        pytest.param(date(2026, 10, 2), None, id="60-days-back"),
        pytest.param(date(2026, 10, 1), "61 days ago", id="61-days-back"),
    ],
)
def test_a_date_past_30_days_ahead_or_60_back_is_asked_about(day: date, asked: str | None) -> None:
    """An interview date more than 30 days ahead or 60 days back is asked about, naming the day."""
    opened = new_form(NOW, "America/New_York")
    question = date_question(edited(opened, interview_date=day), opened, NOW)
    if asked is None:
        assert question is None
    else:
        assert question is not None
        assert asked in question
        assert f"{day:%B} {day.day}" not in question  # day before month, as elsewhere in the app
        assert f"{day.day} {day:%B %Y}" in question


def test_today_is_counted_in_the_interviews_timezone() -> None:
    """At 02:00 UTC it is still yesterday in New York: the 30 days count from New York's today."""
    late = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)  # 21:00 on 1 December in New York
    opened = new_form(late, "America/New_York")
    far = edited(opened, interview_date=date(2027, 1, 1))
    assert "31 days from today" in (date_question(far, opened, late) or "")
    in_tokyo = edited(far, values={"timezone": "Asia/Tokyo"})  # already 2 December there
    assert date_question(in_tokyo, opened, late) is None


def test_an_old_interview_on_record_saves_again_without_a_question(
    make_application: ApplicationFactory,
) -> None:
    """Editing an interview from months ago asks nothing unless its date is changed."""
    opened = form_from_application(make_application())  # 16 November 2026
    months_later = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
    assert date_question(edited(opened, values={"role": "Staff"}), opened, months_later) is None
    moved = edited(opened, interview_date=date(2026, 11, 17))
    assert "days ago" in (date_question(moved, opened, months_later) or "")


@pytest.mark.parametrize(
    ("length", "note"),
    [
        (3_199, None),
        (3_200, "3,200 of 4,000 characters"),
        (4_000, "4,000 of 4,000 characters"),
        (4_120, "4,120 of 4,000 characters: 120 too many to save"),
    ],
)
def test_a_long_note_shows_its_length_from_80_percent_of_the_limit(
    length: int, note: str | None
) -> None:
    """A note shows "3,200 of 4,000 characters" from 80% of its limit, and how many are too many."""
    assert length_note("x" * length) == note


def test_the_length_counts_what_is_saved() -> None:
    """Blank lines around a note are not counted: the save trims them too."""
    assert length_note("\n\n" + "x" * 3_199 + "   \n") is None
    assert length_note(None) is None
