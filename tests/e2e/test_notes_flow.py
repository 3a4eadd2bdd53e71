"""In a real browser: a new user records an interview with two people and gets the checklist."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from lib.store import Store, open_store
from tests.e2e.conftest import ServedApp, screenshot, wait_until_rendered

SAVE_SECONDS = 20  # the longest a save may take to reach the database on a busy machine


def test_new_user_records_two_interviewers_and_sees_the_thank_you_deadline(
    page: Page, served_app: ServedApp
) -> None:
    """Notes for two people, saved, lead to a checklist that says when the thank-yous are due."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{served_app.url}/notes")  # a deep link as the server's very first request
    wait_until_rendered(page)
    navigation = page.locator('[data-testid="stTopNav"]')  # the menu at the top
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


def stored_role_becomes(store: Store, role: str) -> None:
    """Wait until a save clicked in a tab has reached the database (a click returns at once)."""
    deadline = time.monotonic() + SAVE_SECONDS
    while (stored := store.get("northwind").role) != role:
        assert time.monotonic() < deadline, f"the role is still {stored!r}, not {role!r}"
        time.sleep(0.05)


def test_two_tabs_editing_one_interview_keep_both_changes_and_ask_on_a_clash(
    page: Page, served_app: ServedApp, make_application
) -> None:
    """Two tabs of one local app edit the same interview: changes to different fields are all
    stored; when both change the same field, the second save shows both values and asks."""
    store = open_store(served_app.db_path)
    store.create(make_application(id="northwind"))
    tab_b = page.context.new_page()
    for tab in (page, tab_b):
        tab.set_viewport_size({"width": 1366, "height": 900})
        tab.goto(f"{served_app.url}/notes?app=northwind")
        wait_until_rendered(tab)
        expect(tab.get_by_label("Role", exact=True)).to_have_value("Data Engineer")

    tab_b.get_by_label("Role", exact=True).fill("Staff Data Engineer")
    tab_b.get_by_role("button", name="Save", exact=True).click()
    wait_until_rendered(tab_b)
    expect(tab_b.get_by_text("Saved. Your checklist and deadlines are ready.")).to_be_visible()
    page.get_by_label("What went well", exact=True).fill("The system design round")
    page.get_by_role("button", name="Save", exact=True).click()
    wait_until_rendered(page)
    expect(page.get_by_text("Kept from the other version: Role.")).to_be_visible()
    stored = store.get("northwind")
    assert (stored.role, stored.went_well) == ("Staff Data Engineer", "The system design round")

    tab_b.get_by_label("Role", exact=True).fill("Principal Data Engineer")
    tab_b.get_by_role("button", name="Save", exact=True).click()
    stored_role_becomes(store, "Principal Data Engineer")
    page.get_by_label("Role", exact=True).fill("Lead Data Engineer")
    page.get_by_role("button", name="Save", exact=True).click()
    wait_until_rendered(page)
    expect(page.get_by_text("changed in both places")).to_be_visible()
    expect(page.locator('[data-testid="stTable"]')).to_contain_text("Principal Data Engineer")
    screenshot(page, "notes-two-tabs-clash")
    assert store.get("northwind").role == "Principal Data Engineer"

    page.get_by_role("button", name="Save, keeping yours").click()
    stored_role_becomes(store, "Lead Data Engineer")
    wait_until_rendered(page)
    expect(page.get_by_label("Role", exact=True)).to_have_value("Lead Data Engineer")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


PHONE = {"width": 390, "height": 844}  # an iPhone-sized viewport


def test_on_a_phone_the_user_corrects_how_to_address_someone_and_sends_them_a_card(
    page: Page, served_app: ServedApp
) -> None:
    """On a 390 px phone screen, the user types "Nguyễn Minh Khai", sees the note would greet
    "Nguyễn", corrects it to "Khai" and sends him a card; every field stays full width and
    nothing runs off the side of the screen."""
    page.set_viewport_size(PHONE)
    page.goto(f"{served_app.url}/notes")
    wait_until_rendered(page)
    page.get_by_label("Company", exact=True).fill("Loopline")
    page.get_by_label("Role", exact=True).fill("Senior Frontend Engineer")
    page.get_by_label("Name", exact=True).fill("Nguyễn Minh Khai")
    page.get_by_label("Name", exact=True).press("Tab")
    wait_until_rendered(page)
    address = page.get_by_label("Address as", exact=True)
    expect(address).to_have_value("Nguyễn")  # the guess, shown so it can be corrected
    address.fill("Khai")
    address.press("Tab")
    wait_until_rendered(page)
    send_as = page.get_by_role("combobox", name="Send as", exact=True)
    send_as.click()
    page.get_by_role("option", name="Handwritten card").click()
    expect(send_as).to_have_value("Handwritten card")
    wait_until_rendered(page)
    expect(address).to_have_value("Khai")
    page.get_by_text("No, they didn't say").click()
    wait_until_rendered(page)

    fields = [
        page.get_by_role("textbox", name=label, exact=True)
        for label in ("Name", "Address as", "Exact title", "Email")
    ]
    for label, field in zip(
        ("Name", "Address as", "Exact title", "Email", "Send as"),
        [*fields, page.get_by_label("Send as", exact=True)],
        strict=True,
    ):
        box = field.bounding_box()
        assert box is not None, label
        assert box["x"] >= 0, label
        assert box["x"] + box["width"] <= PHONE["width"], label
        assert box["width"] >= PHONE["width"] / 2, f"{label} is squeezed to {box['width']} px"
    overflow = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert overflow <= PHONE["width"]
    screenshot(page, "notes-phone-address-as")

    page.get_by_role("button", name="Save", exact=True).click()
    wait_until_rendered(page)
    saved = page.get_by_text("Saved. Your checklist and deadlines are ready.")
    expect(saved).to_be_visible(timeout=SAVE_SECONDS * 1000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    (stored,) = open_store(served_app.db_path).list_applications()
    (khai,) = stored.interviewers
    assert (khai.name, khai.address_as, khai.channel) == ("Nguyễn Minh Khai", "Khai", "handwritten")
