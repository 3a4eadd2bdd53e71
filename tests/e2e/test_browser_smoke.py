"""In a real browser: every page of the served app renders, at laptop and phone widths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from lib.store import open_store
from lib.ui_support import PAGES
from tests.conftest import ApplicationFactory
from tests.e2e.conftest import ServedApp, screenshot, wait_until_rendered

VIEWPORTS = {"laptop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_every_page_renders_in_chromium(
    page: Page, served_app: ServedApp, make_application: ApplicationFactory, viewport: str
) -> None:
    """A user with one application opens each page from the navigation and sees no error."""
    yesterday = datetime.now(UTC) - timedelta(days=1)
    open_store(served_app.db_path).create(make_application(interview_at=yesterday))
    page.set_viewport_size(VIEWPORTS[viewport])
    for path, title, _ in PAGES:
        slug = path.removeprefix("pages/").removesuffix(".py")
        url = served_app.url if slug == "home" else f"{served_app.url}/{slug}"
        page.goto(url)
        wait_until_rendered(page)
        heading = "Follow-Up Coach" if slug == "home" else title
        expect(page.get_by_role("heading", level=1).first).to_have_text(heading)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        screenshot(page, f"{viewport}-{slug}")
