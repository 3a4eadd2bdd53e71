"""The hosted demo: each visitor works in their own tab's memory, on sample interviews."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lib import llm
from lib.demo import sample_applications
from lib.deployment import MEANINGS
from lib.insights import TOO_FEW, insights
from lib.schedule import plan
from lib.ui_support import DEMO_STORE_KEY, PAGES
from tests.conftest import shown

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch, isolated_data: Path) -> Path:
    """Run the app as the public demo; return where a local database would have been."""
    monkeypatch.setenv("COACH_DEMO", "1")
    return isolated_data


def visit(page: str = "pages/home.py") -> AppTest:
    """A new visitor opens the demo at one page."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    if page != "pages/home.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def companies(at: AppTest) -> set[str]:
    """The companies the visitor's own store holds."""
    return {app.company for app in at.session_state[DEMO_STORE_KEY].list_applications()}


def test_the_samples_are_dated_relative_to_today() -> None:
    """Every open sample has something to do now: nothing is stale, whatever today is."""
    now = datetime.now(UTC)
    samples = [app for app in sample_applications(now) if app.status == "open"]
    assert len(samples) == 3
    for app in samples:
        assert any(m.status != "done" for m in plan(app, now)), app.company


def test_the_samples_fill_the_insights_page() -> None:
    """The demo has enough for Insights to read: at least 5 applications, replies, an offer, a
    "no" whose people were kept, and a move on after silence."""
    now = datetime.now(UTC)
    found = insights(sample_applications(now), now)
    assert found.applications >= TOO_FEW
    assert found.replies.replied >= 2
    assert found.outcomes.count("decided") == 3
    assert found.outcomes.count("decided", "rejected") == 1
    assert found.outcomes.count("decided", "moved_on") == 1
    assert found.people.kept >= 1


def test_a_visitor_sees_the_banner_and_the_samples(demo: Path) -> None:
    """The demo says the data stays in this tab, and every page has something to show."""
    at = visit()
    assert any("stays in this browser tab" in shown(info.value) for info in at.info)
    assert [caption.value for caption in at.sidebar.caption] == [MEANINGS["demo"]]
    assert companies(at) == {
        "Northwind Analytics",
        "Whitcombe & Hale LLP",
        "Lumen Health",
        "Contoso",  # closed: an offer
        "Tailspin Toys",  # closed: not selected, people kept
        "Fabrikam",  # closed: moved on
    }
    for path, _, _ in PAGES:
        at.switch_page(path).run()
        assert not at.exception, (path, at.exception)


def test_the_banner_warns_that_a_refresh_clears_and_offers_the_export(
    demo: Path, downloads: dict[str, Callable[[], Any]]
) -> None:
    """The demo says a refresh clears the tab's data, and its button exports what is there now."""
    at = visit("pages/notes.py")
    (banner,) = [shown(info.value) for info in at.info if "demo" in info.value]
    assert "refreshing the page or closing the tab clears it" in banner, banner
    assert "Export" in banner, banner
    assert at.get("download_button")[0].proto.label == "Export my data"
    name = f"follow-up-coach-{datetime.now(UTC):%Y-%m-%d}.json"
    assert set(downloads) == {name}

    people = at.session_state["notes_people"]
    at.text_input(key="notes_company").set_value("Only Mine Ltd")
    at.text_input(key="notes_role").set_value("Analyst")
    at.text_input(key=f"notes_person_{people[0]}_name").set_value("Kim Park")
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception, at.exception
    exported = json.loads(downloads[name]())  # built when clicked: what the tab holds then
    assert {app["company"] for app in exported["applications"]} == companies(at)
    assert "Only Mine Ltd" in companies(at)


def test_a_local_install_has_no_demo_banner_or_its_export(isolated_data: Path) -> None:
    """On a computer of one's own the data is kept on disk: no warning, no extra export button."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception, at.exception
    assert [caption.value for caption in at.sidebar.caption] == [MEANINGS["local"]]
    assert not [info for info in at.info if "demo" in info.value]
    assert not [b for b in at.get("download_button") if b.proto.label == "Export my data"]


def test_two_visitors_never_see_each_others_data(demo: Path) -> None:
    """What one visitor saves is not in another visitor's tab, and nothing reaches the disk."""
    first, second = visit("pages/notes.py"), visit()
    people = first.session_state["notes_people"]
    first.text_input(key="notes_company").set_value("Only Mine Ltd")
    first.text_input(key="notes_role").set_value("Analyst")
    first.text_input(key=f"notes_person_{people[0]}_name").set_value("Kim Park")
    next(b for b in first.button if b.label == "Save").click().run()
    assert "Only Mine Ltd" in companies(first)
    second.run()
    assert "Only Mine Ltd" not in companies(second)
    assert not demo.exists()


def test_an_unwritable_data_folder_means_the_demo(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On a read-only host the app falls back to the demo instead of failing."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("COACH_DB", str(blocker / "coach.db"))
    at = visit()
    assert any("stays in this browser tab" in shown(info.value) for info in at.info)
    assert [caption.value for caption in at.sidebar.caption] == [MEANINGS["demo"]]


def test_past_the_llm_allowance_the_offline_composer_writes(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the demo's LLM calls are spent, drafts come from the offline composer, with a note."""
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("COACH_DEMO_LLM_CALLS", "1")

    def stream(*_: object, **__: object) -> Iterator[str]:
        yield "Subject: Thanks\n\nDear Priya,\n\nThank you for the talk about Dagster."

    monkeypatch.setattr(llm, "stream_chat", stream)
    monkeypatch.setattr(llm, "complete", lambda *_, **__: "Dear Priya, thank you.")
    at = visit("pages/thank_you.py")
    draft = "draft_thank_you_demo-northwind_priya"
    at.button(key=f"{draft}_write").click().run()
    assert not at.exception, at.exception
    assert "Dagster" in at.text_area(key=draft).value  # the one allowed LLM draft
    at.run()
    assert any("allowance for this tab is used up" in shown(info.value) for info in at.info)
    at.button(key=f"{draft}_write").click().run()
    assert "nightly batch jobs" in at.text_area(key=draft).value
