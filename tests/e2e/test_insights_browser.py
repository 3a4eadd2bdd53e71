"""In a real browser: the Insights page of the demo's sample data, at laptop and phone widths."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ServedApp, screenshot, serve, wait_until_rendered

FIGURES = ["Thank-yous on time", "Replies", "Outcomes", "Follow-up budget", "People"]


@pytest.fixture
def demo_app(tmp_path: Path, chromium_executable: str) -> Iterator[ServedApp]:
    """The app served as the public demo: every visitor starts on the sample applications."""
    yield from serve(tmp_path / "demo.db", {"COACH_DEMO": "1"})


def open_insights(page: Page, served: ServedApp, width: int) -> None:
    """Open /insights at one width and wait until its five charts are drawn."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{served.url}/insights")
    wait_until_rendered(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Insights")
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(5, timeout=15_000)
    for index in range(5):
        expect(charts.nth(index).locator("svg, canvas").first).to_be_visible(timeout=15_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_insights_of_the_demo_at_both_widths(page: Page, demo_app: ServedApp) -> None:
    """A demo visitor sees every figure with its meaning and rules, downloads one table, and
    reads the page on a phone without a chart running off the screen."""
    open_insights(page, demo_app, 1366)
    for title in FIGURES:
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_text("Rule T2: Send it promptly", exact=False)).to_be_visible()
    expect(page.get_by_text("6 applications", exact=False)).to_be_visible()
    screenshot(page, "insights-demo")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the table (CSV)").last.click()
    assert download.value.suggested_filename == "insights-people.csv"
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert [row["people"] for row in rows] == [
        "Met",
        "Thanked",
        "Met in a no",
        "Kept after a no",
    ]
    assert rows[0]["count"] == "9"  # the six sample panels: 2 + 2 + 1 + 1 + 2 + 1

    open_insights(page, demo_app, 390)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    for index in range(5):
        box = charts.nth(index).bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390, (index, box)  # nothing runs off a phone
    screenshot(page, "insights-demo-phone")
