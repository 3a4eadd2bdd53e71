"""In a real browser: capture in two minutes. A calendar invitation fills the form, a typed
debrief is sorted offline into each person's notes, checked, put in and saved; the checklist
and the thank-you page then know both people. Also at a phone's width, and spoken into
chromium's fake microphone."""

from __future__ import annotations

import io
import re
import wave
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser, BrowserType, Page, Playwright, expect

from lib.model import Sender
from lib.store import open_store
from tests.conftest import Speak
from tests.e2e.conftest import ServedApp, screenshot, wait_until_rendered

INVITE = Path(__file__).resolve().parents[1] / "data" / "invites" / "google.ics"
ME = "jane.doe@example.com"  # an attendee of the invitation: the user, left out of the panel
PEOPLE = ("Dana Whitfield", "Priya Raghunathan")
DEBRIEF = (
    "Priya asked how I'd move their batch jobs to streaming, she's worried I haven't run Kafka "
    "in production. Dana and I talked about the on-call rotation. They'll decide by the 24th."
)
PRIYA_ASKED = "how I'd move their batch jobs to streaming"
FROM_INVITATION = "From the invitation: check it"
FROM_DEBRIEF = "From your debrief: check it"
SAVE_SECONDS = 20  # the longest a save may take on a busy machine
PHONE = {"width": 390, "height": 844}
OVERFLOW_SLACK = 4  # px: sub-pixel rounding, not a layout running off the screen
SAID = "Thank you for meeting with me today."
MICROPHONE_RATE = 48_000  # chromium's fake capture device plays a 22 050 Hz file as silence
RECORD_SECONDS = 4  # the file is 0.5 s of silence, about 2 s of speech, then silence


def open_notes(page: Page, served: ServedApp) -> None:
    """Open /notes as a user whose email is set (so the invitation leaves them out)."""
    open_store(served.db_path).save_sender(Sender(email=ME))
    page.goto(f"{served.url}/notes")
    wait_until_rendered(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Interview notes")


def upload_invitation(page: Page) -> None:
    """Open "Start from a calendar invitation" and upload google.ics; wait until it filled."""
    page.get_by_text("Start from a calendar invitation").click()
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Invitation file")
    expect(uploader).to_be_visible()
    uploader.locator('input[type="file"]').set_input_files(INVITE)
    filled = page.get_by_text(re.compile(r"^Filled \d+ fields from google\.ics, marked below"))
    expect(filled).to_be_visible(timeout=15_000)
    wait_until_rendered(page)
    expect(page.get_by_label("Company", exact=True)).to_have_value("Acme Robotics")
    expect(page.get_by_label("Role", exact=True)).to_have_value("Data Engineer")
    names = page.get_by_label("Name", exact=True)
    expect(names).to_have_count(2)
    for index, name in enumerate(PEOPLE):
        expect(names.nth(index)).to_have_value(name)


def sort_offline(page: Page, debrief: str) -> None:
    """Type the debrief, hand it to Streamlit (it reads a text area when it loses focus), and
    sort it offline; wait for the review box."""
    text = page.get_by_label("Or type it, in your own words", exact=True)
    text.fill(debrief)
    text.press("Tab")
    wait_until_rendered(page)
    page.get_by_role("button", name="Sort offline (no LLM)").click()
    expect(page.get_by_role("heading", name="Check where each part goes")).to_be_visible(
        timeout=15_000
    )
    wait_until_rendered(page)


def no_errors(page: Page) -> None:
    """No exception box anywhere on the page."""
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_an_invitation_and_a_typed_debrief_become_saved_notes(
    page: Page, served_app: ServedApp
) -> None:
    """google.ics fills the company, role, moment and both people, each marked; the typed
    debrief is sorted offline, checked and put in; Save stores it all, and the checklist and
    the thank-you page name both people."""
    page.set_viewport_size({"width": 1366, "height": 900})
    open_notes(page, served_app)
    upload_invitation(page)
    marks = page.get_by_text(FROM_INVITATION)
    assert marks.count() >= 5, f"only {marks.count()} fields marked as from the invitation"
    for index in range(marks.count()):
        expect(marks.nth(index)).to_be_visible()
    expect(page.get_by_text(ME)).to_have_count(0)  # the user is not on their own panel
    no_errors(page)
    screenshot(page, "capture-invitation")

    sort_offline(page, DEBRIEF)
    heading = page.get_by_role("heading", name="Check where each part goes")
    review = page.locator('[data-testid="stVerticalBlock"]').filter(has=heading).last  # its box
    priya_asked = review.get_by_role("checkbox", name="Priya Raghunathan · What they asked")
    expect(priya_asked).to_be_checked()
    expect(review.get_by_role("checkbox", name=re.compile(r"^The decision date: "))).to_be_checked()
    proposed = review.get_by_role(
        "textbox", name="New text for Priya Raghunathan · What they asked"
    )
    expect(proposed).to_have_value(PRIYA_ASKED)
    no_errors(page)
    screenshot(page, "capture-review")

    page.get_by_role("button", name="Put them in the form").click()
    expect(page.get_by_role("heading", name="Check where each part goes")).to_have_count(0)
    wait_until_rendered(page)
    asked = page.get_by_label("What they asked", exact=True)
    expect(asked).to_have_count(2)
    expect(asked.nth(1)).to_have_value(PRIYA_ASKED)
    expect(page.get_by_text(FROM_DEBRIEF).first).to_be_visible()
    screenshot(page, "capture-accepted")

    page.get_by_role("button", name="Save", exact=True).click()
    wait_until_rendered(page)
    confirm = page.get_by_role("button", name="Yes, save with this date")
    if confirm.count():  # a date far from today is asked about first
        confirm.click()
        wait_until_rendered(page)
    saved = page.get_by_text("Saved. Your checklist and deadlines are ready.")
    expect(saved).to_be_visible(timeout=SAVE_SECONDS * 1000)
    expect(page.get_by_role("link", name="Open the checklist")).to_be_visible()
    no_errors(page)

    (stored,) = open_store(served_app.db_path).list_applications()
    assert (stored.company, stored.role) == ("Acme Robotics", "Data Engineer")
    by_name = {person.name: person for person in stored.interviewers}
    assert sorted(by_name) == sorted(PEOPLE)
    assert PRIYA_ASKED in by_name["Priya Raghunathan"].asked
    assert "on-call rotation" in by_name["Dana Whitfield"].discussed

    for slug in ("checklist", "thank_you"):
        page.goto(f"{served_app.url}/{slug}?app={stored.id}")
        wait_until_rendered(page)
        for name in PEOPLE:
            expect(page.get_by_text(name).first).to_be_visible()
        no_errors(page)
        screenshot(page, f"capture-saved-{slug.replace('_', '-')}")


def test_capture_on_a_phone(
    browser: Browser, playwright: Playwright, served_app: ServedApp
) -> None:
    """On a 390 px touch screen the invitation fills the form with its marks in view, a short
    debrief sorts offline into the review, and nothing runs off the side of the screen."""
    context = browser.new_context(**{**playwright.devices["Pixel 5"], "viewport": PHONE})
    page = context.new_page()
    try:
        open_notes(page, served_app)
        upload_invitation(page)
        company = page.get_by_label("Company", exact=True)
        company.scroll_into_view_if_needed()
        expect(company).to_be_in_viewport()
        mark = page.get_by_text(FROM_INVITATION).first
        expect(mark).to_be_visible()
        box, under = company.bounding_box(), mark.bounding_box()
        assert box is not None
        assert under is not None
        assert under["y"] >= box["y"] + box["height"] - 1, (box, under)  # the mark is under it

        sort_offline(page, "Priya asked about streaming. Dana and I talked about on-call.")
        asked = page.get_by_role("checkbox", name="Priya Raghunathan · What they asked")
        expect(asked).to_be_checked()
        accept = page.get_by_role("button", name="Put them in the form")
        accept.scroll_into_view_if_needed()
        expect(accept).to_be_in_viewport()
        no_errors(page)

        widths = page.evaluate(
            """() => [document.documentElement.scrollWidth,
                      document.querySelector('[data-testid="stMain"]').scrollWidth]"""
        )
        assert max(widths) <= PHONE["width"] + OVERFLOW_SLACK, (
            f"the page scrolls sideways: {widths}"
        )
        screenshot(page, "capture-review-phone")
    finally:
        context.close()


@pytest.fixture
def fake_microphone(tmp_path: Path, speak: Speak) -> Path:
    """Return a 48 kHz WAV of espeak-ng saying ``SAID`` after half a second of silence, for
    chromium's fake microphone (skips without espeak-ng, like ``speak``)."""
    with wave.open(io.BytesIO(speak(SAID))) as spoken:
        rate = spoken.getframerate()
        samples = np.frombuffer(spoken.readframes(spoken.getnframes()), dtype="<i2")
    count = len(samples) * MICROPHONE_RATE // rate
    resampled = np.interp(
        np.arange(count) * rate / MICROPHONE_RATE, np.arange(len(samples)), samples
    )
    silence = np.zeros(MICROPHONE_RATE // 2)
    audio = np.concatenate([silence, resampled, silence, silence]).astype("<i2")
    path = tmp_path / "microphone.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(MICROPHONE_RATE)
        out.writeframes(audio.tobytes())
    return path


def test_a_spoken_debrief_is_written_down_offline(
    browser_type: BrowserType,
    browser_type_launch_args: dict,
    served_app: ServedApp,
    fake_microphone: Path,
) -> None:
    """The user types a line, records the rest with "Say it" (chromium's fake microphone
    plays espeak-ng's voice) and has it written down offline: the words come after the typed
    line, and the user is told how long the speech was."""
    browser = browser_type.launch(
        **{
            **browser_type_launch_args,
            "args": [
                *browser_type_launch_args.get("args", []),
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-audio-capture={fake_microphone}%noloop",
            ],
        }
    )
    try:
        context = browser.new_context(
            viewport={"width": 1366, "height": 900}, permissions=["microphone"]
        )
        page = context.new_page()
        open_notes(page, served_app)
        text = page.get_by_label("Or type it, in your own words", exact=True)
        text.fill("Typed first.")
        text.press("Tab")
        wait_until_rendered(page)

        recorder = page.locator('[data-testid="stAudioInput"]').filter(has_text="Say it")
        recorder.get_by_role("button", name="Record").click()
        stop = recorder.get_by_role("button", name="Stop recording")
        expect(stop).to_be_visible()
        page.wait_for_timeout(RECORD_SECONDS * 1000)
        stop.click()
        write_down = page.get_by_role("button", name="Write it down offline")
        expect(write_down).to_be_visible(timeout=15_000)
        wait_until_rendered(page)
        write_down.click()

        outcome = page.get_by_text(
            re.compile(r"^(Wrote down your \d+ s recording|Not written down)")
        )
        expect(outcome).to_be_visible(timeout=30_000)
        expect(outcome).to_have_text(
            re.compile(r"^Wrote down your \d+ s recording .*read it through")
        )
        wait_until_rendered(page)
        written = text.input_value()
        assert written.startswith("Typed first.\n\n"), written
        words = set(re.findall(r"[a-z]+", written.lower()))
        assert {"meeting", "today"} & words, f"PocketSphinx wrote {written!r}"
        no_errors(page)
        page.mouse.move(0, 0)  # the button's tooltip would cover the recorder in the shot
        page.evaluate("() => document.activeElement?.blur()")
        expect(page.locator('[data-testid="stTooltipContent"]')).to_have_count(0)
        screenshot(page, "capture-spoken")
    finally:
        browser.close()
