"""In real browsers: two visitors of one demo server never see each other's data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ServedApp, screenshot, serve, wait_until_rendered


@pytest.fixture
def demo_server(tmp_path: Path, chromium_executable: str) -> Iterator[ServedApp]:
    """The app served as the public demo."""
    yield from serve(tmp_path / "never-written.db", {"COACH_DEMO": "1"})


def save_interview(page: Page, url: str, company: str) -> None:
    """Record a new interview with one person on the notes page."""
    page.goto(f"{url}/notes")
    wait_until_rendered(page)
    page.get_by_label("Company", exact=True).fill(company)
    page.get_by_label("Role", exact=True).fill("Analyst")
    page.get_by_label("Name", exact=True).fill("Kim Park")
    page.get_by_role("button", name="Save").click()
    wait_until_rendered(page)
    expect(page.get_by_text("Saved. Your checklist and deadlines are ready.")).to_be_visible()


def test_two_visitors_keep_their_own_data(browser: Browser, demo_server: ServedApp) -> None:
    """Alice's interview appears in her tab only; Bob still sees the samples alone."""
    alice = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    bob = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    save_interview(alice, demo_server.url, "Alice Only Ltd")
    alice.locator('[data-testid="stTopNav"] a', has_text="Home").click()  # same session
    wait_until_rendered(alice)
    expect(alice.get_by_text("Alice Only Ltd: Analyst")).to_be_visible()

    bob.goto(demo_server.url)
    wait_until_rendered(bob)
    expect(bob.get_by_text("What you enter stays in this browser tab")).to_be_visible()
    expect(bob.get_by_text("Northwind Analytics: Data Engineer")).to_be_visible()
    expect(bob.get_by_text("Alice Only Ltd")).to_have_count(0)
    screenshot(bob, "demo-second-visitor")
    assert not demo_server.db_path.exists()
