"""Smoke tests: every registered page renders through app.py, and each page file on its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.store import Store, StoreError
from lib.ui_support import PAGES
from tests.conftest import ApplicationFactory, shown

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE_PATHS = [path for path, _, _ in PAGES]


@pytest.fixture
def one_application(store: Store, make_application: ApplicationFactory) -> str:
    """An open application interviewed yesterday, so every page has something to show."""
    yesterday = datetime.now(UTC) - timedelta(days=1)
    app = store.create(make_application(interview_at=yesterday, timezone="America/New_York"))
    return app.company


def test_every_page_file_is_registered() -> None:
    """Every file in pages/ is in the navigation, so none is unreachable or stale."""
    on_disk = sorted(f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py"))
    assert on_disk == sorted(PAGE_PATHS)


def test_home_shows_how_to_start_when_empty() -> None:
    """A new user with no data sees how to start instead of an empty table."""
    at = AppTest.from_file(APP).run()
    assert not at.exception
    assert "No open applications yet" in at.info[0].value


@pytest.mark.parametrize("page", PAGE_PATHS)
def test_every_registered_page_renders_through_the_app(page: str, one_application: str) -> None:
    """Switching to each page in a running session renders it with stored data, no exception."""
    at = AppTest.from_file(APP).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title, f"{page} shows no title"


@pytest.mark.parametrize("page", PAGE_PATHS)
def test_each_page_renders_on_its_own(page: str, one_application: str) -> None:
    """A deep link right after a restart runs the page file without app.py; it still works."""
    at = AppTest.from_file(str(ROOT / page)).run()
    assert not at.exception, at.exception
    assert at.title, f"{page} shows no title"


def test_home_lists_the_open_application_with_its_next_step(one_application: str) -> None:
    """The home page names the company and the next thing to do for it."""
    at = AppTest.from_file(APP).run()
    assert [header.value for header in at.subheader] == [f"{one_application}: Data Engineer"]
    assert any("Send thank-you notes to" in shown(text.value) for text in at.markdown)


@pytest.mark.parametrize("page", ["pages/home.py", "pages/timeline.py", "pages/insights.py"])
def test_a_database_that_cannot_be_read_is_said_not_thrown(
    page: str, one_application: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database goes away after the page opened (a server restart, a locked file): the
    overview pages say so in place of their figures, rather than showing a traceback."""
    at = AppTest.from_file(APP).run()
    at.switch_page(page).run()
    gone = StoreError("The database could not be used (the server closed the connection).")

    def unreadable(_store: Store) -> int:
        raise gone

    monkeypatch.setattr(Store, "change_count", unreadable)
    at.run()
    assert not at.exception, at.exception
    assert [shown(error.value) for error in at.error] == [str(gone)]
