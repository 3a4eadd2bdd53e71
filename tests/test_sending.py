"""Getting a note out: every email has a subject, the draft's own or a default by kind."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes
from urllib.parse import parse_qs, urlsplit

import pytest

from lib.model import DraftKind, Sender
from lib.sending import default_subject, eml_file, file_name, mailto_link
from tests.conftest import PRIYA_THANK_YOU, ApplicationFactory

WRITTEN = datetime(2026, 11, 16, 18, 0, tzinfo=UTC)
CARD = "Dear Priya,\n\nThank you for the conversation today.\n\nBest regards,\nAlex Morgan"


def subject_of_link(link: str) -> str:
    """Return the subject a mailto: link fills in."""
    return parse_qs(urlsplit(link).query)["subject"][0]


def test_the_drafts_own_subject_line_is_used(make_application: ApplicationFactory) -> None:
    """A draft that starts with "Subject:" keeps that subject, and it leaves the body."""
    app = make_application()
    priya = app.interviewers[0]
    default = default_subject(app, "thank_you")
    link = mailto_link(priya, PRIYA_THANK_YOU, default)
    message = message_from_bytes(eml_file(priya, Sender(name="Alex"), PRIYA_THANK_YOU, WRITTEN))
    assert subject_of_link(link) == "Thank you for today"
    assert message["Subject"] == "Thank you for today"
    assert "Subject:" not in parse_qs(urlsplit(link).query)["body"][0]


@pytest.mark.parametrize(
    ("kind", "subject"),
    [
        ("thank_you", "Thank you for the conversation about the Data Engineer role"),
        ("follow_up", "Following up on the Data Engineer role"),
    ],
)
def test_a_draft_without_a_subject_gets_the_default_for_its_kind(
    make_application: ApplicationFactory, kind: DraftKind, subject: str
) -> None:
    """A draft written as a card, then sent by email, still gets a subject, in the link and in
    the .eml alike."""
    app = make_application()
    priya = app.interviewers[0]
    default = default_subject(app, kind)
    assert default == subject
    assert subject_of_link(mailto_link(priya, CARD, default)) == subject
    message = message_from_bytes(eml_file(priya, Sender(name="Alex"), CARD, WRITTEN, default))
    assert message["Subject"] == subject
    assert message.get_payload(decode=True).decode().startswith("Dear Priya,")


def test_a_role_with_a_line_break_makes_a_one_line_subject(
    make_application: ApplicationFactory,
) -> None:
    """Mail headers cannot hold line breaks, whatever the role was typed as."""
    app = make_application().model_copy(update={"role": "Data\nEngineer"})
    assert default_subject(app, "follow_up") == "Following up on the Data Engineer role"


def test_file_names_say_what_kind_of_note_they_hold(make_application: ApplicationFactory) -> None:
    """A follow-up's .eml is not named as a thank-you."""
    app = make_application()
    priya = app.interviewers[0]
    assert file_name(app, priya, "eml") == "thank-you-priya-raghunathan-northwind-analytics.eml"
    assert file_name(app, priya, "eml", "follow_up").startswith("follow-up-priya-raghunathan")
