"""In a real browser: the timeline of 20 applications, at laptop and phone widths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from playwright.sync_api import Page, expect

from lib.model import Contact
from lib.store import open_store
from tests.conftest import ApplicationFactory
from tests.e2e.conftest import ServedApp, screenshot, wait_until_rendered

COMPANIES = (
    ("Northwind Analytics", "Data Engineer"),
    ("Contoso", "Product Analyst"),
    ("Fabrikam", "Analytics Engineer"),
    ("Tailspin Toys", "Backend Developer"),
    ("Wide World Importers", "Supply Chain Analyst"),
    ("Adventure Works", "Marketing Data Scientist"),
    ("Litware", "Platform Engineer"),
    ("Proseware", "Machine Learning Engineer"),
    ("Woodgrove Bank", "Risk Analyst"),
    ("Alpine Ski House", "Operations Lead"),
    ("Coho Winery", "BI Developer"),
    ("Fourth Coffee", "Data Analyst"),
    ("Blue Yonder Airlines", "Revenue Management Analyst"),
    ("Graphic Design Institute", "Research Engineer"),
    ("Lucerne Publishing", "Analytics Manager"),
    ("Margie's Travel", "Senior Data Engineer"),
    ("Trey Research", "Staff Software Engineer, Data Infrastructure"),
    ("VanArsdel", "Product Data Scientist"),
    ("Wingtip Toys", "Data Platform Engineer"),
    ("Humongous Insurance", "Actuarial Analyst"),
)
PEOPLE = ("Priya Raghunathan", "Seán O'Donnell", "Mei Tanaka", "Jonas Berg")
PROFILES = ("standard", "eager", "cautious")


def seed(served: ServedApp, make_application: ApplicationFactory) -> None:
    """Store 20 open applications, from two weeks ago to tomorrow, some with notes sent."""
    store = open_store(served.db_path)
    now = datetime.now(UTC)
    for number, (company, role) in enumerate(COMPANIES):
        people = [
            {"id": f"p{index}", "name": name} for index, name in enumerate(PEOPLE[: 1 + number % 4])
        ]
        app = store.create(
            make_application(
                company=company,
                role=role,
                interview_at=now - timedelta(hours=18 * number - 20),
                profile=PROFILES[number % 3],
                references_notified=number % 2 == 0,
                interviewers=people,
            )
        )
        if number % 3 == 1:  # the first person was thanked an hour after the interview
            at = app.interview_at + timedelta(hours=1)
            if at < now:
                store.log_contact(app.id, Contact(interviewer_id="p0", kind="thank_you", at=at))


def open_timeline(page: Page, served: ServedApp, width: int) -> None:
    """Open /timeline at one width and wait until the chart is drawn."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{served.url}/timeline")
    wait_until_rendered(page)
    chart = page.locator('[data-testid="stVegaLiteChart"]')
    expect(chart).to_have_count(1)
    expect(chart.locator("svg, canvas").first).to_be_visible(timeout=15_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_timeline_of_twenty_applications(
    page: Page, served_app: ServedApp, make_application: ApplicationFactory
) -> None:
    """A user with 20 applications sees the counts, the chart, the next actions, at both widths,
    and downloads the calendar of every pending step."""
    seed(served_app, make_application)
    open_timeline(page, served_app, 1366)
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    expect(page.get_by_text("Open applications")).to_be_visible()
    box = page.locator('[data-testid="stVegaLiteChart"]').bounding_box()
    assert box is not None
    assert 300 < box["height"] < 900, box  # 20 rows: readable, and not a wall
    screenshot(page, "timeline-20")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download calendar (.ics)").click()
    assert download.value.suggested_filename == "follow-up-coach.ics"
    calendar = Calendar.from_ical(download.value.path().read_bytes())
    assert len(calendar.events) > 20

    # only the open application draws its steps; opening another draws its steps too
    own_calendars = page.get_by_role("button", name="Download its calendar (.ics)")
    expect(own_calendars).to_have_count(1)
    page.locator('[data-testid="stExpander"] summary').nth(1).click()
    expect(own_calendars).to_have_count(2)
    screenshot(page, "timeline-20-second-open")

    open_timeline(page, served_app, 390)
    screenshot(page, "timeline-20-phone")
