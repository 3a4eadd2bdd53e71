"""In a real browser, with a real OpenAI-compatible server on 127.0.0.1: stream, check, send."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lib.model import Sender
from lib.store import open_store
from tests.conftest import ApplicationFactory
from tests.e2e.conftest import ServedApp, screenshot, serve, wait_until_rendered
from tests.fake_openai import FakeOpenAI, reply
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
    expect(page.get_by_text("it was revised once to fix them")).to_be_visible()
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
