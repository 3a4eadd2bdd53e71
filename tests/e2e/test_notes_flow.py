"""In a real browser: a new user records an interview with two people and gets the checklist."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from lib.store import open_store
from tests.e2e.conftest import ServedApp, screenshot, wait_until_rendered


def test_new_user_records_two_interviewers_and_sees_the_thank_you_deadline(
    page: Page, served_app: ServedApp
) -> None:
    """Notes for two people, saved, lead to a checklist that says when the thank-yous are due."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{served_app.url}/notes")  # a deep link as the server's very first request
    wait_until_rendered(page)
    navigation = page.locator('[data-testid="stSidebarNav"]')
    expect(navigation).to_contain_text("Interview notes")  # app.py's frame, not the legacy list

    page.get_by_label("Company", exact=True).fill("Northwind Analytics")
    page.get_by_label("Role", exact=True).fill("Data Engineer")
    page.get_by_label("Name", exact=True).fill("Priya Raghunathan")
    page.get_by_label("Exact title", exact=True).fill("Head of Data Platform")
    page.get_by_label("What they asked", exact=True).fill(
        "How I would move nightly batches to streaming"
    )
    page.get_by_role("button", name="Add another person").click()
    wait_until_rendered(page)
    page.get_by_label("Name", exact=True).nth(1).fill("Seán O'Donnell")
    page.get_by_label("Exact title", exact=True).nth(1).fill("Senior Engineer")
    page.get_by_label("Their concerns about you", exact=True).nth(1).fill("Kafka in production")
    page.get_by_text("No, they didn't say").click()
    wait_until_rendered(page)
    screenshot(page, "notes-filled")

    page.get_by_role("button", name="Save").click()
    wait_until_rendered(page)
    expect(page.get_by_text("Saved. Your checklist and deadlines are ready.")).to_be_visible()
    page.get_by_role("link", name="Open the checklist").click()
    wait_until_rendered(page)

    next_step = page.get_by_text(re.compile(r"Next: Send thank-you notes to Priya Raghunathan"))
    expect(next_step).to_be_visible()
    expect(next_step).to_contain_text("Seán O'Donnell")
    expect(page.get_by_text(re.compile(r"Thank-you notes: .*due .*late after"))).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "checklist-after-notes")

    (stored,) = open_store(served_app.db_path).list_applications()
    assert [person.name for person in stored.interviewers] == [
        "Priya Raghunathan",
        "Seán O'Donnell",
    ]
    assert stored.decision_date_not_given
