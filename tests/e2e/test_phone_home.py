"""On a phone (390 px, a touch screen): home shows what to do now in the first screen, and the
menu closes once a page is picked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, Playwright, expect

from lib.store import open_store
from tests.conftest import ApplicationFactory
from tests.e2e.conftest import ServedApp, screenshot, wait_until_rendered

PHONE = {"width": 390, "height": 844}


def test_home_on_a_phone_puts_the_next_step_first_and_the_menu_closes(
    browser: Browser,
    playwright: Playwright,
    served_app: ServedApp,
    make_application: ApplicationFactory,
) -> None:
    """Two interviews, one this morning: the first screen names the most pressing one with its
    next step and the link that does it; the counts and the chart come after. Picking
    "Timeline" in the menu opens it and the menu folds away."""
    store = open_store(served_app.db_path)
    now = datetime.now(UTC)
    store.create(make_application(interview_at=now - timedelta(hours=3)))
    store.create(make_application(company="Contoso", interview_at=now - timedelta(days=9)))
    context = browser.new_context(**{**playwright.devices["Pixel 5"], "viewport": PHONE})
    page = context.new_page()
    page.goto(served_app.url)
    wait_until_rendered(page)

    first_link = page.get_by_role("link", name="Write the thank-you notes").first
    expect(first_link).to_be_visible()
    box = first_link.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE["height"], box
    counts = page.get_by_text("to do today").first.bounding_box()
    assert counts is not None
    assert counts["y"] > box["y"], (counts, box)
    screenshot(page, "home-phone")

    page.locator('[data-testid="stExpandSidebarButton"]').click()
    nav = page.locator('[data-testid="stSidebarNav"] a', has_text="Timeline")
    expect(nav).to_be_visible()
    nav.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    expect(nav).not_to_be_in_viewport()
    context.close()
