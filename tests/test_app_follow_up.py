"""Following up as a user does it: the plan, the budget, drafts, the contact log, the outcome.

The page file runs on its own, as a deep link (``/follow_up?app=<id>``) opens it. Every story
starts eight days after an interview with Priya and Seán, so the standard follow-up window is
open, and with Priya's thank-you logged.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Node, Subheader, Widget

from lib import llm
from lib.checklist import when
from lib.model import Contact, Sender
from lib.schedule import plan
from lib.store import Store
from tests.conftest import ApplicationFactory, links, shown

ROOT = Path(__file__).resolve().parent.parent
FOLLOW_UP = str(ROOT / "pages" / "follow_up.py")
PRIYA = "Priya Raghunathan"
SEAN = "Seán O'Donnell"
THANK_YOU = (
    "Dear Priya,\n\n"
    "Thank you for taking the time to meet me on Monday about the Data Engineer role. I "
    "enjoyed our conversation about moving the nightly batch jobs to streaming, and hearing how "
    "your team is moving from Airflow to Dagster. Having led a Kafka migration over five years "
    "of building data pipelines, I would love to help with that work at Northwind Analytics.\n\n"
    "Best regards,\nAlex Morgan"
)
STREAMED = (
    "Dear Priya,\n\n",
    "I hope your week is going well. Thank you again for our talk about streaming the ",
    "nightly batch jobs. I remain keen on the Data Engineer role at Northwind Analytics ",
    "and would be glad to hear where the decision stands.\n\n",
    "Kind regards,\nAlex Morgan",
)

# --- helpers ----------------------------------------------------------------------------------


def open_page(app_id: str | None = None) -> AppTest:
    """Open the follow-up page, for one application when its id is given (``?app=<id>``)."""
    at = AppTest.from_file(FOLLOW_UP, default_timeout=30)
    if app_id is not None:
        at.query_params["app"] = app_id
    at.run()
    assert not at.exception, at.exception
    return at


def click(at: AppTest, key: str) -> AppTest:
    """Click the button with this key, and check the page did not fail."""
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def nodes(node: Node) -> Iterator[Node]:
    """Every element under a node, in page order."""
    yield node
    if isinstance(node, Block):
        for child in node.children.values():
            yield from nodes(child)


def said(node: Node) -> str:
    """Return everything shown as text under a node, as the user reads it (not typed values)."""
    texts = []
    for element in nodes(node):
        value = getattr(element, "value", None)
        if isinstance(value, str) and not isinstance(element, Widget):
            texts.append(shown(value).replace("**", ""))
    return "\n".join(texts)


def box(at: AppTest, name: str) -> Block:
    """Return the bordered box of one person (the block headed by their name)."""
    for node in nodes(at.main):
        if isinstance(node, Block) and any(
            isinstance(child, Subheader) and shown(child.value).startswith(name)
            for child in node.children.values()
        ):
            return node
    raise AssertionError(f"no box for {name}")


def draft(app_id: str, person_id: str = "priya") -> str:
    """Key of one person's follow-up draft (and the prefix of its buttons' keys)."""
    return f"draft_follow_up_{app_id}_{person_id}"


def saved(store: Store, app_id: str, person_id: str = "priya") -> str | None:
    """Return the follow-up draft saved for one person, or None."""
    found = store.get_draft(app_id, person_id, "follow_up")
    return found.text if found else None


def contacts(store: Store, app_id: str, person_id: str = "priya") -> list[str]:
    """Return the kinds of the contacts logged with one person, sorted (one minute may hold two)."""
    return sorted(contact.kind for contact in store.get(app_id).contacts_with(person_id))


def log(
    at: AppTest, app_id: str, kind: str, channel: str, note: str, direction: str = "mine"
) -> AppTest:
    """Fill in and submit the form that logs a contact with Priya, from the user or from her."""
    key = f"followup_log_{app_id}_priya"
    if at.segmented_control(key=f"{key}_direction").value != direction:
        at.segmented_control(key=f"{key}_direction").set_value(direction).run()
    at.radio(key=f"{key}_kind_{direction}").set_value(kind)
    at.selectbox(key=f"{key}_channel").set_value(channel)
    at.text_area(key=f"{key}_note").input(note)
    return click(at, f"{key}_submit")


@pytest.fixture
def eight_days_ago(store: Store, make_application: ApplicationFactory) -> str:
    """An interview with Priya and Seán eight days ago, Priya thanked that evening; its id."""
    interview = datetime.now(UTC) - timedelta(days=8)
    app = store.create(make_application(interview_at=interview))
    thanks = Contact(
        interviewer_id="priya", kind="thank_you", at=interview + timedelta(hours=8), body=THANK_YOU
    )
    store.log_contact(app.id, thanks)
    store.save_sender(Sender(name="Alex Morgan", email="alex@example.com"))
    return app.id


# --- the plan and the budget ------------------------------------------------------------------


def test_the_plan_shows_the_window_the_move_on_moment_and_the_budget(
    store: Store, eight_days_ago: str
) -> None:
    """The user sees when to follow up, when to move on, how, to whom, and 0 of 1 used."""
    at = open_page(eight_days_ago)
    page = said(at.main)
    moment = datetime.now(UTC)
    steps = {step.kind: step for step in plan(store.get(eight_days_ago), moment)}
    window = (
        f"from {when(steps['follow_up'].start, moment)} to {when(steps['follow_up'].due, moment)}"
    )
    assert f"Follow-up 1: {window}" in page, page
    assert f"{PRIYA} :orange-badge[Open now], {SEAN} :orange-badge[Open now]" in page, page
    assert f"Move on: with no reply by {when(steps['move_on'].due, moment)}" in page, page
    assert "Standard profile" in page, page
    assert "How (F2):" in page, page
    assert f"To whom: each person on the panel, separately: {PRIYA} and {SEAN}." in page, page

    priya, sean = said(box(at, PRIYA)), said(box(at, SEAN))
    assert "0 of 1 follow-ups used" in priya, priya
    assert "My thank-you · Email" in priya, priya
    assert "Thank you for taking the time" in priya, priya
    assert "No thank-you" not in priya, priya
    assert f"No thank-you to {SEAN} is logged yet" in sean, sean
    assert ("Write the thank-you", f"/thank_you?app={eight_days_ago}") in links(at)


def test_a_recruiter_only_panel_gets_the_t14_note(
    store: Store, make_application: ApplicationFactory
) -> None:
    """When everyone on the panel is a recruiter, the plan says to reach the employer (T14)."""
    interview = datetime.now(UTC) - timedelta(days=8)
    panel = [{"id": "rita", "name": "Rita Recruiter", "is_recruiter": True}]
    app = store.create(make_application(interview_at=interview, interviewers=panel))
    at = open_page(app.id)
    assert any(shown(w.value).startswith("**T14**") for w in at.warning), at.warning


# --- drafting ---------------------------------------------------------------------------------


def test_an_offline_follow_up_is_saved_and_checked_against_the_thank_you(
    store: Store, eight_days_ago: str
) -> None:
    """Written offline, the follow-up is saved; Priya's thank-you pasted in is a T4 error."""
    at = open_page(eight_days_ago)
    assert at.button(key=f"{draft(eight_days_ago)}_write").label == "Write a draft"
    click(at, f"{draft(eight_days_ago)}_write")
    text = at.text_area(key=draft(eight_days_ago)).value
    assert "Priya" in text, text
    assert saved(store, eight_days_ago) == text
    assert "**T4**" not in said(box(at, PRIYA))

    at.text_area(key=draft(eight_days_ago)).input(THANK_YOU).run()
    assert not at.exception, at.exception
    findings = [m.value for m in box(at, PRIYA).markdown if "**T4**" in m.value]
    assert findings, said(box(at, PRIYA))
    assert findings[0].startswith(":material/error:"), findings
    assert saved(store, eight_days_ago) == THANK_YOU


@pytest.fixture
def an_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    """Configure an LLM through the environment (a local server that is never called)."""
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")


def test_the_llm_streams_the_follow_up_into_the_draft(
    store: Store, eight_days_ago: str, an_llm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an LLM, the streamed text lands in Priya's draft; her thank-you is in the prompt."""
    prompts: list[str] = []

    def stream(settings: llm.LLMSettings, messages: list[dict[str, str]], **_: Any):
        prompts.append("\n".join(message["content"] for message in messages))
        yield from STREAMED

    monkeypatch.setattr(llm, "stream_chat", stream)
    monkeypatch.setattr(llm, "complete", lambda *_, **__: "".join(STREAMED))
    at = open_page(eight_days_ago)
    assert at.button(key=f"{draft(eight_days_ago)}_write").label == "Write with the LLM"
    assert at.button(key=f"{draft(eight_days_ago)}_offline").label == "Write offline instead"

    click(at, f"{draft(eight_days_ago)}_write")
    assert at.text_area(key=draft(eight_days_ago)).value == "".join(STREAMED)
    assert saved(store, eight_days_ago) == "".join(STREAMED)
    assert len(prompts) == 1
    assert "nightly batch jobs to streaming, and hearing how" in prompts[0]


def test_an_llm_failure_is_explained_and_offers_the_partial_text(
    store: Store, eight_days_ago: str, an_llm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stream cut mid-way is explained; the follow-up typed so far stays in the editor and
    saved, what arrived is offered to keep, and offline is still offered."""
    message = "The answer stopped partway. Try again, or use the offline composer."

    def stream(*_: Any, **__: Any):
        yield "Dear Priya, "
        raise llm.LLMError("cut", message, partial="Dear Priya, ")

    monkeypatch.setattr(llm, "stream_chat", stream)
    at = open_page(eight_days_ago)
    at.text_area(key=draft(eight_days_ago)).input("Dear Priya, my own follow-up.").run()
    click(at, f"{draft(eight_days_ago)}_write")
    errors = [shown(error.value) for error in box(at, PRIYA).error]
    assert any(message in error for error in errors), errors
    assert at.text_area(key=draft(eight_days_ago)).value == "Dear Priya, my own follow-up."
    assert saved(store, eight_days_ago) == "Dear Priya, my own follow-up."
    assert [text.value.strip() for text in box(at, PRIYA).text] == ["Dear Priya,"]

    click(at, f"{draft(eight_days_ago)}_keep_partial")
    assert at.text_area(key=draft(eight_days_ago)).value == "Dear Priya, "
    assert saved(store, eight_days_ago) == "Dear Priya, "
    assert at.button(key=f"{draft(eight_days_ago)}_offline").label == "Write offline instead"


# --- the contact log --------------------------------------------------------------------------


def test_a_second_follow_up_is_refused_until_confirmed(store: Store, eight_days_ago: str) -> None:
    """Mark as sent logs the follow-up; a second one is refused (F3) until "Log it anyway"."""
    at = click(open_page(eight_days_ago), f"{draft(eight_days_ago)}_write")
    click(at, f"{draft(eight_days_ago)}_sent")
    assert contacts(store, eight_days_ago) == ["follow_up", "thank_you"]
    assert "1 of 1 follow-ups used" in said(box(at, PRIYA))

    click(at, f"{draft(eight_days_ago)}_sent")
    (refusal,) = [shown(w.value) for w in box(at, PRIYA).warning if "**F3**" in w.value]
    assert "move on" in refusal, refusal
    assert contacts(store, eight_days_ago) == ["follow_up", "thank_you"]

    click(at, f"{draft(eight_days_ago)}_anyway")
    assert contacts(store, eight_days_ago) == ["follow_up", "follow_up", "thank_you"]
    assert "2 of 1 follow-ups used" in said(box(at, PRIYA))


def test_a_call_counts_against_the_budget_and_her_reply_restarts_the_plan(
    store: Store, eight_days_ago: str
) -> None:
    """A call the user made uses Priya's follow-up. Her reply with a decision date is news: it
    uses nothing, the budget counts afresh from it and the plan follows her date. Calling again
    at once is "too early" (F1): the form keeps the typed note while it asks, and "Log it
    anyway" logs it; a mistaken entry can be removed."""
    at = log(open_page(eight_days_ago), eight_days_ago, "call", "phone", "Asked about the timeline")
    assert contacts(store, eight_days_ago) == ["call", "thank_you"]
    priya = said(box(at, PRIYA))
    assert "1 of 1 follow-ups used" in priya, priya
    assert "A call I made · Phone" in priya, priya

    key = f"followup_log_{eight_days_ago}_priya"
    decide_by = (datetime.now(UTC) + timedelta(days=14)).date()
    at.segmented_control(key=f"{key}_direction").set_value("theirs").run()
    at.date_input(key=f"{key}_date_given").set_value(decide_by)
    log(at, eight_days_ago, "reply", "email", "She wrote back: a decision soon", "theirs")
    assert contacts(store, eight_days_ago) == ["call", "reply", "thank_you"]
    priya = said(box(at, PRIYA))
    assert "0 of 1 follow-ups used since their latest news" in priya, priya
    assert "Their reply or email · Email" in priya, priya
    assert f"They gave a date: {decide_by:%a %d %b %Y}" in said(at.main)

    log(at, eight_days_ago, "call", "phone", "Called again")
    (refusal,) = [shown(w.value) for w in box(at, PRIYA).warning if "**F1**" in w.value]
    assert "Too early" in refusal, refusal
    assert "What you typed is still in the form" in refusal, refusal
    assert at.text_area(key=f"{key}_note").value == "Called again"
    assert contacts(store, eight_days_ago) == ["call", "reply", "thank_you"]
    click(at, f"{key}_anyway")
    assert contacts(store, eight_days_ago) == ["call", "call", "reply", "thank_you"]
    assert at.text_area(key=f"{key}_note").value == ""

    (mistaken,) = [c for c in store.get(eight_days_ago).contacts if c.body == "Called again"]
    click(at, f"followup_remove_{mistaken.id}")
    assert contacts(store, eight_days_ago) == ["call", "reply", "thank_you"]
    assert "0 of 1 follow-ups used since their latest news" in said(box(at, PRIYA))


# --- the outcome ------------------------------------------------------------------------------


def test_not_selected_keeps_the_people_for_networking(store: Store, eight_days_ago: str) -> None:
    """Not selected closes the application and shows the F6 advice with each person's email."""
    at = click(open_page(eight_days_ago), f"followup_rejected_{eight_days_ago}")
    assert store.get(eight_days_ago).status == "rejected"
    page = said(at.main)
    assert "F6" in page, page
    assert "ask about referrals" in page, page
    assert f"{PRIYA}, Head of Data Platform · priya@northwind.example" in page, page
    assert f"{SEAN}, Senior Engineer · sean@northwind.example" in page, page
    assert "No open applications to follow up on." in page, page
    assert not at.text_area, "a closed application offers no drafting"


def test_another_offer_shows_the_f5_hint(store: Store, eight_days_ago: str) -> None:
    """Recording another offer is saved and brings the F5 hint; taking it back removes it."""
    at = open_page(eight_days_ago)
    assert "F5" not in said(at.main)
    at.toggle(key=f"followup_other_offer_{eight_days_ago}").set_value(True).run()
    assert not at.exception, at.exception
    assert store.get(eight_days_ago).has_other_offer is True
    (hint,) = [shown(i.value) for i in at.info if i.value.startswith("**F5**")]
    assert "quicker decision" in hint, hint

    at.toggle(key=f"followup_other_offer_{eight_days_ago}").set_value(False).run()
    assert not at.exception, at.exception
    assert store.get(eight_days_ago).has_other_offer is False
    assert "F5" not in said(at.main)


def test_moving_on_closes_the_application(
    store: Store, eight_days_ago: str, make_application: ApplicationFactory
) -> None:
    """Move on sets moved_on; the application leaves the picker and waits under keep in touch."""
    other = store.create(
        make_application(company="Contoso", interview_at=datetime.now(UTC) - timedelta(days=2))
    )
    at = click(open_page(eight_days_ago), f"followup_moved_on_{eight_days_ago}")
    assert store.get(eight_days_ago).status == "moved_on"
    assert at.selectbox(key="followup_app").options == [
        f"Contoso: Data Engineer ({other.interview_at:%d %b %Y})"
    ]
    assert "Northwind Analytics: Data Engineer · moved on" in said(at.main)

    click(at, "followup_closed_done")
    assert [shown(e.label) for e in at.expander if "moved on" in e.label] == [
        "Northwind Analytics: Data Engineer · moved on"
    ]


def test_without_any_application_the_page_points_to_the_notes() -> None:
    """A new user is told there is nothing to follow up on yet, and can go to the notes."""
    at = open_page()
    assert [shown(info.value) for info in at.info] == ["No open applications to follow up on."]
    assert ("Write your interview notes", "/notes") in links(at)
    assert not at.button
