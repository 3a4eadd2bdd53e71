"""The Insights page as a user reads it: empty, with 3 applications, with 200, filtered, in the
demo; and the line on home that leads to it. The figures are those of the known log of
tests/test_insights.py (worked out by hand there)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from lib import ui_insights
from lib.guidance import RULES
from lib.insight_charts import drawn_charts
from lib.insights import Insights
from lib.model import Application
from lib.store import Store
from tests.conftest import NEW_YORK, ApplicationFactory, links, shown
from tests.test_insights import LATER, known_log

ROOT = Path(__file__).resolve().parent.parent
INSIGHTS = str(ROOT / "pages" / "insights.py")
APP = str(ROOT / "app.py")
TITLES = ["Thank-yous on time", "Replies", "Outcomes", "Follow-up budget", "People"]
CSV_FILES = {
    "insights-thank-yous.csv",
    "insights-replies.csv",
    "insights-outcomes.csv",
    "insights-budget.csv",
    "insights-people.csv",
}


@pytest.fixture(autouse=True)
def after_the_logs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages see the moment after every contact of the logs here: whether a thank-you is
    still due does not hang on the day the suite runs (the demo's samples are dated from
    today, so the demo keeps the real clock)."""
    if "demo" not in request.fixturenames:
        monkeypatch.setattr("lib.ui_support.now", lambda: LATER)


def open_page(path: str = INSIGHTS) -> AppTest:
    """Open the page as a browser in New York would."""
    at = AppTest.from_file(path, default_timeout=60)
    at.context["timezone"] = "America/New_York"
    at.run()
    assert not at.exception, at.exception
    return at


def rerun(at: AppTest) -> AppTest:
    """Run again after an interaction, failing on any exception."""
    at.run()
    assert not at.exception, at.exception
    return at


def stored(store: Store, apps: list[Application]) -> list[Application]:
    """Store the applications."""
    return [store.create(app) for app in apps]


def charts(at: AppTest) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each chart's title and the rows it embeds."""
    found = []
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        rows = [
            row
            for named in element.proto.datasets
            for row in pa.ipc.open_stream(named.data.data).read_all().to_pylist()
        ]
        found.append((spec["title"]["text"], rows))
    return found


def summary(at: AppTest) -> str:
    """The line under the filters: how many applications, and the two headline figures."""
    (line,) = [m.value for m in at.markdown if "application" in m.value and "**" in m.value]
    return shown(line).replace("**", "")


def test_no_application_teaches_what_to_log() -> None:
    """A new user learns what to log so the page fills, with a link to the notes."""
    at = open_page()
    (info,) = at.info
    assert "Nothing to learn from yet" in info.value
    for what in ("who you met", "thank-you as sent", "reply", "how it ended"):
        assert what in info.value
    assert ("Write your interview notes", "/notes") in links(at)
    assert not at.get("vega_lite_chart")
    assert not at.get("download_button")


def test_three_applications_are_too_few_to_read(
    store: Store,
    make_application: ApplicationFactory,
    downloads: dict[str, Callable[[], Any]],
) -> None:
    """With 3 applications the page says they are too few, and still shows what was logged:
    every figure with its meaning, its rules and its table as a CSV."""
    stored(store, known_log(make_application)[:3])
    at = open_page()
    (warning,) = at.warning
    assert "Only 3 applications: too few to read" in warning.value
    assert [s.value for s in at.subheader] == TITLES
    assert len(charts(at)) == 5
    captions = [c.value for c in at.caption]
    assert any(f"Rule T2: {RULES['T2'].title}" in c for c in captions)
    assert any(f"F6: {RULES['F6'].title}" in c for c in captions)
    assert [b.proto.label for b in at.get("download_button")] == ["Download the table (CSV)"] * 5
    assert set(downloads) == CSV_FILES
    people = pd.read_csv(io.StringIO(downloads["insights-people.csv"]()))
    assert people.to_dict("records") == [
        {"people": "Met", "count": 5},  # a: 2, b: 2, c: 1
        {"people": "Thanked", "count": 4},
        {"people": "Met in a no", "count": 2},
        {"people": "Kept after a no", "count": 1},
    ]
    assert summary(at) == (
        "3 applications · 3 of 5 people thanked on time · replies from 2 of 3 applications "
        "you wrote to"
    )


def test_five_applications_read_without_a_warning(
    store: Store, make_application: ApplicationFactory
) -> None:
    """With the 5 applications of the known log the page draws the hand-worked figures."""
    stored(store, known_log(make_application))
    at = open_page()
    assert not at.warning
    drawn = dict(charts(at))
    thank_yous = drawn["People met, by when their thank-you went"]
    assert {(r["month"], r["tier"], r["people"]) for r in thank_yous if r["people"]} == {
        ("2026-11", "Ideal", 2),
        ("2026-11", "Due", 2),
        ("2026-11", "Not sent", 1),
        ("2026-12", "Late", 1),
        ("2026-12", "Not sent", 1),
    }
    people = drawn["The people of your search"]
    assert [r["count"] for r in people] == [7, 5, 2, 1]


def test_two_hundred_applications(store: Store, make_application: ApplicationFactory) -> None:
    """With 200 applications every figure is drawn, and the counts add up to them."""
    start = datetime(2026, 3, 2, 10, 0, tzinfo=NEW_YORK)
    statuses = ("open", "offer", "rejected", "withdrawn", "moved_on")
    for number in range(200):
        interview = start + timedelta(days=number)
        contacts = []
        if number % 2:
            contacts.append(
                {
                    "interviewer_id": "priya",
                    "kind": "thank_you",
                    "at": interview + timedelta(hours=5),
                }
            )
        if number % 6 == 1:
            contacts.append(
                {
                    "interviewer_id": "priya",
                    "kind": "reply",
                    "direction": "theirs",
                    "at": interview + timedelta(days=4),
                }
            )
        store.create(
            make_application(
                company=f"Company {number}",
                interview_at=interview,
                status=statuses[number % 5],
                culture=("casual", "standard", "formal")[number % 3],
                contacts=contacts,
            )
        )
    at = open_page()
    assert not at.warning
    assert summary(at).startswith("200 applications · 100 of 400 people thanked on time")
    drawn = dict(charts(at))
    assert len(drawn) == 5
    outcomes = drawn["Applications at each stage, by how they stand"]
    assert sum(r["applications"] for r in outcomes if r["stage"] == "Interviewed") == 200
    assert sum(r["people"] for r in drawn["People met, by when their thank-you went"]) == 400


def test_filters_by_culture_and_dates(store: Store, make_application: ApplicationFactory) -> None:
    """Narrowing to casual offices, then to December, changes every figure; no culture at all
    asks for one."""
    stored(store, known_log(make_application))
    at = open_page()
    assert summary(at).startswith("5 applications")
    at.multiselect(key="insights_cultures").set_value(["casual"])
    rerun(at)
    assert summary(at) == (
        "2 applications · 3 of 3 people thanked on time · replies from 2 of 2 applications "
        "you wrote to"
    )  # a and d
    assert "Only 2 applications" in at.warning[0].value

    at.multiselect(key="insights_cultures").set_value(["casual", "standard", "formal"])
    at.date_input(key="insights_dates").set_value((date(2026, 12, 1), date(2026, 12, 31)))
    rerun(at)
    assert summary(at).startswith("1 application · 0 of 2 people thanked on time")  # b

    at.multiselect(key="insights_cultures").set_value([])
    rerun(at)
    assert "Choose at least one office culture" in at.info[0].value
    assert not at.get("vega_lite_chart")


def test_a_range_with_nothing_in_it_says_so(
    store: Store, make_application: ApplicationFactory
) -> None:
    """Dates without an interview say to widen them, rather than drawing empty charts."""
    stored(store, known_log(make_application))
    at = open_page()
    at.date_input(key="insights_dates").set_value((date(2026, 11, 17), date(2026, 11, 30)))
    rerun(at)
    assert "No interview in these dates and cultures" in at.info[0].value
    assert not at.get("vega_lite_chart")


def test_an_interview_added_since_is_inside_the_range(
    store: Store, make_application: ApplicationFactory
) -> None:
    """The range was narrowed; a later interview is added in another tab: the range starts
    over from every interview, so the new one is counted rather than silently left out."""
    stored(store, known_log(make_application))
    at = open_page()
    at.date_input(key="insights_dates").set_value((date(2026, 11, 1), date(2026, 11, 30)))
    rerun(at)
    narrowed = summary(at)
    later = datetime(2027, 1, 12, 10, 0, tzinfo=NEW_YORK)
    store.create(make_application(id="later", company="Later Co", interview_at=later))
    rerun(at)
    assert summary(at).startswith("6 applications"), (narrowed, summary(at))
    assert at.date_input(key="insights_dates").value == (date(2026, 11, 16), date(2027, 1, 12))


def test_no_contact_logged_says_what_to_log(
    store: Store, make_application: ApplicationFactory
) -> None:
    """Applications without any contact: the replies figure says what to log, no empty chart."""
    stored(store, [make_application(company=f"C{n}") for n in range(5)])
    at = open_page()
    assert any("No thank-you, follow-up or call logged yet" in i.value for i in at.info)
    assert len(charts(at)) == 4


def test_home_links_to_insights_with_its_line(
    store: Store, make_application: ApplicationFactory
) -> None:
    """Home says the two headline figures in one line that opens the Insights page."""
    stored(store, known_log(make_application))
    at = open_page(APP)
    line = "Insights: 4 of 7 people thanked on time · replies from 3 of 4 applications you wrote to"
    assert (line, "/insights") in links(at)
    at.switch_page("pages/insights.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Insights"


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the app as the public demo, on the sample data."""
    monkeypatch.setenv("COACH_DEMO", "1")


@pytest.mark.usefixtures("demo")
def test_the_demo_fills_every_figure() -> None:
    """A demo visitor sees every figure drawn from the sample applications, without a warning."""
    at = open_page(APP)
    at.switch_page("pages/insights.py").run()
    assert not at.exception, at.exception
    assert not at.warning
    assert len(charts(at)) == 5
    assert summary(at).startswith("6 applications")
    today = datetime.now(UTC).date()
    assert at.date_input(key="insights_dates").value[1] <= today


def test_a_rerun_that_changes_nothing_draws_the_same_charts(
    store: Store, make_application: ApplicationFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The five chart specs are built once for a set of figures, and again only when the
    figures change (here: a filter)."""
    built: list[int] = []

    def counted(found: Insights) -> dict[str, object]:
        built.append(found.applications)
        return drawn_charts(found)

    monkeypatch.setattr(ui_insights, "drawn_charts", counted)
    stored(store, known_log(make_application))
    at = open_page()
    rerun(rerun(at))
    assert built == [5]
    assert len(at.get("vega_lite_chart")) == 5  # drawn on every run, from the kept specs
    at.multiselect(key="insights_cultures").set_value(["casual"])
    rerun(at)
    assert built == [5, 2]


def test_coming_back_to_the_page_shows_every_interview_again(
    store: Store, make_application: ApplicationFactory
) -> None:
    """Leaving the page drops its date range; coming back starts from every interview, not
    from today."""
    stored(store, known_log(make_application))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/insights.py").run()
    whole = at.date_input(key="insights_dates").value
    at.switch_page("pages/home.py").run()
    at.switch_page("pages/insights.py").run()
    assert not at.exception, at.exception
    assert at.date_input(key="insights_dates").value == whole
    assert summary(at).startswith("5 applications")
