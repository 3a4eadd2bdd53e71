"""In a real browser: stream, check and send (with a real OpenAI-compatible server on
127.0.0.1), and bring back an edit that a new draft replaced."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib.model import Sender
from lib.store import open_store
from tests.conftest import ApplicationFactory
from tests.e2e.conftest import (
    ServedApp,
    screenshot,
    serve,
    wait_until_rendered,
)
from tests.fake_openai import FakeOpenAI, cut_after, reply
from tests.test_app_thank_you import LLM_NOTE


@pytest.fixture
def app_with_llm(
    tmp_path: Path, chromium_executable: str, fake_openai: FakeOpenAI
) -> Iterator[ServedApp]:
    """The app served with the loopback LLM server configured through the environment."""
    yield from serve(
        tmp_path / "served.db",
        {"OPENAI_BASE_URL": fake_openai.base_url, "COACH_MODEL": "loopback-model"},
    )


def test_streamed_draft_is_checked_edited_and_sent(
    page: Page,
    app_with_llm: ServedApp,
    fake_openai: FakeOpenAI,
    make_application: ApplicationFactory,
) -> None:
    """The LLM's note streams in, is repaired once, re-checked on an edit, and marked as sent."""
    store = open_store(app_with_llm.db_path)
    store.save_sender(Sender(name="Alex Morgan", email="alex@example.com"))
    app = store.create(make_application(interview_at=datetime.now(UTC) - timedelta(hours=2)))
    fake_openai.enqueue(reply(LLM_NOTE.replace("experience", "experiense")), reply(LLM_NOTE))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{app_with_llm.url}/thank_you?app={app.id}")
    wait_until_rendered(page)
    expect(page.get_by_text("loopback-model at http://127.0.0.1")).to_be_visible()

    page.get_by_role("button", name="Write with the LLM").first.click()
    wait_until_rendered(page)
    draft = page.get_by_label("Draft").first
    expect(draft).to_have_value(LLM_NOTE)
    expect(page.get_by_text("The first draft had errors; the revision fixed them.")).to_be_visible()
    expect(page.get_by_text("No problems found: it follows every rule.")).to_be_visible()
    assert [request.streamed for request in fake_openai.requests] == [True, False]
    screenshot(page, "thank-you-streamed")

    draft.fill(LLM_NOTE.replace("Dear Priya", "Dear Pryia"))
    draft.press("Control+Enter")
    wait_until_rendered(page)
    expect(page.get_by_text("'Pryia' looks like a misspelling of Priya")).to_be_visible()
    screenshot(page, "thank-you-finding")

    draft.fill(LLM_NOTE)
    draft.press("Control+Enter")
    wait_until_rendered(page)
    page.get_by_role("button", name="Mark as sent").first.click()
    wait_until_rendered(page)
    expect(page.get_by_text("One thank-you per person (T15)")).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "thank-you-sent")
    (contact,) = open_store(app_with_llm.db_path).get(app.id).contacts
    assert (contact.interviewer_id, contact.body) == ("priya", LLM_NOTE)


PS = "P.S. Good luck with the move to Dagster."
SAVE_SECONDS = 15


def saved_text_becomes(served: ServedApp, app_id: str, text: str) -> None:
    """Wait until Priya's saved draft is ``text`` (a keypress returns before its run ends)."""
    deadline = time.monotonic() + SAVE_SECONDS
    while (saved := open_store(served.db_path).get_draft(app_id, "priya", "thank_you")) is None or (
        saved.text != text
    ):
        assert time.monotonic() < deadline, f"the saved draft is still {saved!r}"
        time.sleep(0.1)


def test_an_edit_replaced_by_a_new_draft_comes_back_from_earlier_versions(
    page: Page, served_app: ServedApp, make_application: ApplicationFactory
) -> None:
    """The user adds a P.S. to the composer's draft, writes a new draft over it, then opens
    Earlier versions and restores the edited one: the P.S. is back in the text area and in
    the database, and the replaced draft is still among the versions."""
    store = open_store(served_app.db_path)
    store.save_sender(Sender(name="Alex Morgan", email="alex@example.com"))
    app = store.create(make_application(interview_at=datetime.now(UTC) - timedelta(hours=2)))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{served_app.url}/thank_you?app={app.id}")
    wait_until_rendered(page)

    page.get_by_role("button", name="Write a draft").first.click()
    wait_until_rendered(page)
    draft = page.get_by_label("Draft").first
    expect(draft).to_have_value(re.compile(r"^Subject: "))  # the click's run has finished
    composed = draft.input_value()
    draft.fill(f"{composed}\n\n{PS}")
    draft.press("Control+Enter")
    wait_until_rendered(page)
    saved_text_becomes(served_app, app.id, f"{composed}\n\n{PS}")

    page.get_by_role("button", name="Write a draft").first.click()
    wait_until_rendered(page)
    expect(draft).to_have_value(composed)
    expect(
        page.get_by_text(
            "Your edited draft is kept under Earlier versions: restore it in one click."
        )
    ).to_be_visible()

    versions = page.locator('[data-testid="stExpander"]').filter(has_text="Earlier versions").first
    versions.get_by_text("Earlier versions").click()
    expect(versions.get_by_text("typed by you")).to_be_visible()
    expect(versions.get_by_text(PS)).to_be_visible()  # each version shows its last words too
    screenshot(page, "thank-you-earlier-versions")
    versions.get_by_role("button", name="Restore").click()
    wait_until_rendered(page)

    expect(draft).to_have_value(f"{composed}\n\n{PS}")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "thank-you-restored")
    saved_text_becomes(served_app, app.id, f"{composed}\n\n{PS}")
    stored = open_store(served_app.db_path)
    sources = [v.source for v in stored.draft_versions(app.id, "priya", "thank_you")]
    assert sources == ["restored", "offline", "typed", "offline"]


def test_a_cut_stream_leaves_the_draft_and_its_partial_text_can_be_kept(
    page: Page,
    app_with_llm: ServedApp,
    fake_openai: FakeOpenAI,
    make_application: ApplicationFactory,
) -> None:
    """The loopback server drops the connection after a few words: the user's own draft stays
    in the text area and the database, the words that arrived are shown apart, and "Keep this
    partial text" makes them the draft."""
    store = open_store(app_with_llm.db_path)
    store.save_sender(Sender(name="Alex Morgan", email="alex@example.com"))
    app = store.create(make_application(interview_at=datetime.now(UTC) - timedelta(hours=2)))
    fake_openai.enqueue(cut_after(["Dear Priya, ", "thank you ", "for the"]))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{app_with_llm.url}/thank_you?app={app.id}")
    wait_until_rendered(page)
    mine = "Dear Priya, my own words so far."
    draft = page.get_by_label("Draft").first
    draft.fill(mine)
    draft.press("Control+Enter")
    wait_until_rendered(page)
    saved_text_becomes(app_with_llm, app.id, mine)

    page.get_by_role("button", name="Write with the LLM").first.click()
    keep = page.get_by_role("button", name="Keep this partial text")
    expect(keep).to_be_visible()
    expect(draft).to_have_value(mine)
    expect(page.get_by_text("Dear Priya, thank you for the", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Discard it")).to_be_visible()
    screenshot(page, "thank-you-cut-stream")
    assert open_store(app_with_llm.db_path).get_draft(app.id, "priya", "thank_you").text == mine

    keep.click()
    expect(draft).to_have_value("Dear Priya, thank you for the")
    saved_text_becomes(app_with_llm, app.id, "Dear Priya, thank you for the")
    expect(keep).to_have_count(0)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
