"""The domain model: what an application accepts, what it refuses, and how it explains refusals."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from lib.model import EXPORT_VERSION, NOTE_LIMIT, Application, ExportFile
from lib.model_errors import describe_errors

NEW_YORK = ZoneInfo("America/New_York")


def valid_data(**overrides: Any) -> dict[str, Any]:
    """Return a valid application as JSON would carry it: ISO strings, plain dicts."""
    data: dict[str, Any] = {
        "id": "app1",
        "company": "Northwind Analytics",
        "role": "Data Engineer",
        "interview_at": "2026-11-16T10:00:00-05:00",
        "timezone": "America/New_York",
        "country": "US",
        "decision_date": "2026-11-27",
        "interviewers": [
            {"id": "priya", "name": "Priya Raghunathan", "email": "priya@northwind.example"},
            {"id": "sean", "name": "Seán O'Donnell", "is_recruiter": True},
        ],
        "contacts": [
            {
                "id": "c1",
                "interviewer_id": "priya",
                "kind": "thank_you",
                "at": "2026-11-16T18:30:00-05:00",
                "body": "Thank you for your time today.",
            }
        ],
    }
    data.update(overrides)
    return data


def refusal(data: dict[str, Any]) -> str:
    """Validate ``data``, expect a refusal, and return the person-facing message as one string."""
    with pytest.raises(ValidationError) as caught:
        Application.model_validate(data)
    messages = describe_errors(caught.value)
    assert messages, "a refusal must come with at least one message"
    return " | ".join(messages)


def interviewer(person_id: str, name: str, **extra: Any) -> dict[str, Any]:
    """Return one interviewer entry."""
    return {"id": person_id, "name": name, **extra}


# -- accepted ---------------------------------------------------------------------------------


def test_valid_application_from_json_round_trips() -> None:
    """An application read from JSON is kept whole and survives being saved and read back."""
    app = Application.model_validate(valid_data())

    assert app.company == "Northwind Analytics"
    assert [p.name for p in app.interviewers] == ["Priya Raghunathan", "Seán O'Donnell"]
    assert app.contacts[0].interviewer_id == "priya"
    assert app.decision_date.isoformat() == "2026-11-27"
    again = Application.model_validate_json(app.model_dump_json())
    assert again == app
    assert again.model_dump() == app.model_dump()


@pytest.mark.parametrize(
    "name", ["Seán O'Donnell", "Jean-Luc Núñez", "Anna van der Berg", "Zoë 🌟 Kim", "李小龙"]
)
def test_real_names_are_accepted_unchanged(name: str) -> None:
    """People's real names (accents, apostrophes, hyphens, particles, emoji) are kept exactly."""
    app = Application.model_validate(valid_data(interviewers=[interviewer("p", name)], contacts=[]))

    assert app.interviewers[0].name == name
    assert Application.model_validate_json(app.model_dump_json()).interviewers[0].name == name


def test_markup_in_a_note_is_stored_as_plain_text() -> None:
    """HTML or script typed into a note is kept verbatim as text, neither stripped nor run."""
    note = '<script>alert("hi")</script> <b>bold</b> &amp; done'
    app = Application.model_validate(valid_data(went_well=note))

    assert app.went_well == note
    assert Application.model_validate_json(app.model_dump_json()).went_well == note


def test_email_with_plus_addressing_is_accepted() -> None:
    """An email such as name+jobs@example.com is a valid address to write to."""
    people = [interviewer("p", "Priya", email="priya+jobs@northwind.example")]
    app = Application.model_validate(valid_data(interviewers=people, contacts=[]))

    assert app.interviewers[0].email == "priya+jobs@northwind.example"


def test_country_code_in_lower_case_is_normalised() -> None:
    """Typing "gb" for the country is understood as the United Kingdom's code "GB"."""
    assert Application.model_validate(valid_data(country="gb")).country == "GB"


def test_whitespace_around_company_is_trimmed() -> None:
    """Stray spaces around the company name are removed rather than stored."""
    assert Application.model_validate(valid_data(company="  Northwind \t")).company == "Northwind"


@pytest.mark.parametrize(
    ("typed", "one_line", "note"),
    [
        pytest.param("Acme\u202etxt.exe", "Acmetxt.exe", "Acmetxt.exe", id="override"),
        pytest.param("\u2067Acme\u2069 Ltd", "Acme Ltd", "Acme Ltd", id="isolates"),
        pytest.param("\ufeff\u200bAcme\u200e", "Acme", "Acme", id="zero-width-edges"),
        pytest.param("An\u200dn\u200fa", "An\u200dn\u200fa", "An\u200dn\u200fa", id="inner-kept"),
        pytest.param("Ac\x00me\x1b[0m", "Acme[0m", "Acme[0m", id="controls"),
        pytest.param("Ann\tLee", "Ann Lee", "Ann\tLee", id="tab"),
        pytest.param("one\r\ntwo\u2028three", "one two three", "one\ntwo\nthree", id="breaks"),
    ],
)
def test_invisible_and_control_characters_are_cleaned(typed: str, one_line: str, note: str) -> None:
    """Characters that can turn a line around in an email, or that nobody types on purpose, are
    dropped; zero-width marks inside a word (joiners in some scripts) are kept."""
    app = Application.model_validate(valid_data(company=typed, went_well=typed))
    assert (app.company, app.went_well) == (one_line, note)


@pytest.mark.parametrize("typed", ["\u200b", "\u202e\u200f", "\ufeff \u00ad", "\x00\x07"], ids=repr)
def test_a_name_with_nothing_visible_is_required(typed: str) -> None:
    """Invisible characters alone do not fill in a required field."""
    with pytest.raises(ValidationError) as refused:
        Application.model_validate(valid_data(company=typed))
    assert describe_errors(refused.value) == ["Company is required"]


def test_interview_time_is_shown_in_the_application_timezone() -> None:
    """An interview time entered in UTC is shown at its New York wall time, the same instant."""
    app = Application.model_validate(valid_data(interview_at="2026-11-16T15:00:00Z"))

    assert app.interview_at == datetime(2026, 11, 16, 15, 0, tzinfo=UTC)
    assert app.interview_at.tzinfo == NEW_YORK
    assert (app.interview_at.hour, app.interview_at.minute) == (10, 0)


@pytest.mark.parametrize(
    ("timezone", "decision", "accepted"),
    [
        ("America/New_York", "2026-11-15", True),  # 02:00Z on the 16th is 21:00 on the 15th there
        ("America/New_York", "2026-11-14", False),
        ("Europe/London", "2026-11-15", False),  # in London it is already the 16th
        ("Europe/London", "2026-11-16", True),
    ],
)
def test_decision_date_is_compared_with_the_local_interview_day(
    timezone: str, decision: str, accepted: bool
) -> None:
    """A decision date is refused only when it is before the interview day where it took place."""
    data = valid_data(
        interview_at="2026-11-16T02:00:00Z", timezone=timezone, decision_date=decision, contacts=[]
    )
    if accepted:
        assert Application.model_validate(data).decision_date.isoformat() == decision
    else:
        message = refusal(data)
        assert "decision date" in message.lower()
        assert "before the interview day" in message


# -- refused ----------------------------------------------------------------------------------

LONG_NOTE = "x" * 20_000

REFUSALS = [
    pytest.param({"company": ""}, ["Company", "required"], id="empty-company"),
    pytest.param({"company": "   \t "}, ["Company", "required"], id="blank-company"),
    pytest.param({"role": ""}, ["Role", "required"], id="empty-role"),
    pytest.param(
        {"interview_at": "2026-11-16T10:00:00"},
        ["Interview date and time", "needs a timezone"],
        id="naive-datetime",
    ),
    pytest.param(
        {"interviewers": [interviewer("p", "Priya"), interviewer("p", "Sean")], "contacts": []},
        ["Interviewers", "share the id 'p'"],
        id="duplicate-interviewer-id",
    ),
    pytest.param(
        {
            "interviewers": [
                interviewer("a", "Priya Raghunathan"),
                interviewer("b", "PRIYA raghunathan"),
            ]
        },
        ["Interviewers list PRIYA raghunathan twice"],
        id="same-name-twice-any-case",
    ),
    pytest.param(
        {"culture": "chaotic"}, ["Office culture", "must be one of", "'formal'"], id="culture"
    ),
    pytest.param(
        {"channel": "pigeon"}, ["Channel", "must be one of", "'handwritten'"], id="channel"
    ),
    pytest.param(
        {"profile": "pushy"}, ["Follow-up profile", "must be one of", "'eager'"], id="profile"
    ),
    pytest.param({"status": "ghosted"}, ["Status", "must be one of", "'moved_on'"], id="status"),
    pytest.param(
        {
            "contacts": [
                {"interviewer_id": "priya", "kind": "carrier", "at": "2026-11-17T09:00:00Z"}
            ]
        },
        ["Contact 1:", "Kind", "must be one of", "'thank_you'"],
        id="contact-kind",
    ),
    pytest.param({"country": "XX"}, ["Country", "'XX'", "two-letter"], id="unknown-country"),
    pytest.param(
        {"timezone": "Mars/Olympus"},
        ["Timezone", "'Mars/Olympus'", "America/New_York"],
        id="unknown-timezone",
    ),
    pytest.param(
        {"went_well": LONG_NOTE},
        ["What went well", "too long", "20,000", f"{NOTE_LIMIT:,}"],
        id="note-over-limit",
    ),
    pytest.param(
        {"interviewers": [interviewer("p", "N" * 201)], "contacts": []},
        ["Person 1:", "Name", "too long", "201", "200"],
        id="name-over-limit",
    ),
    pytest.param(
        {"favourite_colour": "blue"},
        ["favourite_colour", "not a field this app knows"],
        id="unknown-field",
    ),
    pytest.param(
        {"contacts": [{"interviewer_id": "ghost", "kind": "call", "at": "2026-11-17T09:00:00Z"}]},
        ["'ghost'", "not on", "panel"],
        id="contact-with-stranger",
    ),
    pytest.param(
        {"interviewers": [interviewer("p", "  ")], "contacts": []},
        ["Person 1:", "Name", "required"],
        id="empty-interviewer-name",
    ),
]


@pytest.mark.parametrize(("overrides", "words"), REFUSALS)
def test_invalid_application_is_refused_with_an_actionable_message(
    overrides: dict[str, Any], words: list[str]
) -> None:
    """Each kind of mistake is refused, and the message names the field and what is wrong."""
    message = refusal(valid_data(**overrides))

    for word in words:
        assert word in message


@pytest.mark.parametrize("email", ["nope", "a@b", "x@y.z", "priya raghu@northwind.example"])
def test_malformed_email_is_refused(email: str) -> None:
    """An address that cannot receive mail is refused, quoting it and showing the right shape."""
    people = [interviewer("p", "Priya", email=email)]
    message = refusal(valid_data(interviewers=people, contacts=[]))

    assert "Person 1: Email" in message
    assert f"is not an email address ('{email}')" in message
    assert "name@example.com" in message


def test_refusal_describes_every_problem_at_once() -> None:
    """Several mistakes are all reported together, so a person can fix them in one go."""
    messages = describe_errors(_errors(valid_data(company="", role="", status="ghosted")))

    assert len(messages) == 3
    assert messages[0].startswith("Company")
    assert messages[1].startswith("Role")
    assert messages[2].startswith("Status")


def _errors(data: dict[str, Any]) -> ValidationError:
    """Return the validation error raised for ``data``."""
    with pytest.raises(ValidationError) as caught:
        Application.model_validate(data)
    return caught.value


# -- the export file --------------------------------------------------------------------------


def test_export_file_from_a_newer_app_asks_to_update() -> None:
    """An export written by a newer app version is refused with advice to update the app."""
    with pytest.raises(ValidationError) as caught:
        ExportFile.model_validate(
            {"version": EXPORT_VERSION + 1, "exported_at": "2026-11-20T12:00:00Z"}
        )
    message = " ".join(describe_errors(caught.value))

    assert "Format version" in message
    assert "newer" in message
    assert "Update the app" in message


def test_export_file_version_zero_is_refused() -> None:
    """Version 0 is not a format this app ever wrote, so the file is refused."""
    with pytest.raises(ValidationError) as caught:
        ExportFile.model_validate({"version": 0, "exported_at": "2026-11-20T12:00:00Z"})

    assert "not a valid format version" in " ".join(describe_errors(caught.value))


def test_export_file_at_current_version_is_accepted() -> None:
    """An export in the current format is read back with its applications."""
    bundle = ExportFile.model_validate(
        {
            "version": EXPORT_VERSION,
            "exported_at": "2026-11-20T12:00:00Z",
            "applications": [valid_data()],
        }
    )

    assert [app.id for app in bundle.applications] == ["app1"]
