"""The timeline as a user reads it: the counts, the chart, the next actions, the calendar file.

The clock is fixed at Tuesday 17 November 2026, 12:00 in New York, and the browser reports
New York, so every count and due time below is exact (see tests/test_overview.py for the set).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from icalendar import Calendar
from streamlit.testing.v1 import AppTest

from lib import ui_support
from lib.model import Application
from lib.store import Store, open_store
from tests.conftest import ApplicationFactory, links, shown
from tests.test_overview import NOW, known_applications

ROOT = Path(__file__).resolve().parent.parent
TIMELINE = str(ROOT / "pages" / "timeline.py")
APP = str(ROOT / "app.py")
ROW = "{company} · {role}"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stop the clock at NOW for the pages (they read it through ui_support.now)."""
    monkeypatch.setattr(ui_support, "now", lambda: NOW)


@pytest.fixture
def known_set(store: Store, make_application: ApplicationFactory) -> list[Application]:
    """Northwind and Contoso (open) and Fabrikam (rejected), stored."""
    return [store.create(app) for app in known_applications(make_application)]


def open_page(path: str = TIMELINE) -> AppTest:
    """Open a page as a browser in New York would."""
    at = AppTest.from_file(path, default_timeout=60)
    at.context["timezone"] = "America/New_York"
    at.run()
    assert not at.exception, at.exception
    return at


def open_application(at: AppTest, app_id: str) -> AppTest:
    """Open one application's quick actions, as a click on its expander does."""
    at.session_state[f"timeline_open_{app_id}"] = True
    return rerun(at)


def rerun(at: AppTest) -> AppTest:
    """Run again after an interaction, failing on any exception."""
    at.run()
    assert not at.exception, at.exception
    return at


COUNT_LABELS = ("To do today", "Overdue", "Open applications", "Sent this week")


def metrics(at: AppTest) -> dict[str, str]:
    """Return the counts in their row of badges, as the user reads them: label to value."""
    (row,) = [m.value for m in at.markdown if "-badge[" in m.value and "to do today" in m.value]
    said = {name: value for value, name in re.findall(r"-badge\[(\d+) ([a-z ]+)\]", row)}
    singular = {"open applications": "open application"}
    return {
        label: said.get(label.lower()) or said[singular.get(label.lower(), label.lower())]
        for label in COUNT_LABELS
    }


def table(at: AppTest) -> list[dict[str, str]]:
    """Return the rows of the next-actions table."""
    (found,) = [frame for frame in at.dataframe if "Time left" in frame.value.columns]
    return found.value.to_dict("records")


def chart(at: AppTest) -> tuple[list[str], list[dict[str, Any]]]:
    """Return the chart's rows (top to bottom) and its points (the due moments)."""
    (element,) = at.get("vega_lite_chart")
    spec = json.loads(element.proto.spec)
    (rows,) = [param["value"] for param in spec["params"] if param["name"] == "row_labels"]
    tables = [pa.ipc.open_stream(named.data.data).read_all() for named in element.proto.datasets]
    (points,) = [t.to_pylist() for t in tables if "action" in t.column_names]
    return rows, [{**point, "row": rows[point["row"]]} for point in points]


def test_no_application_shows_how_to_start() -> None:
    """A new user sees what the timeline will hold and a link to write the first notes."""
    at = open_page()
    (info,) = at.info
    assert "No applications yet" in info.value
    assert ("Write your interview notes", "/notes") in links(at)
    assert not at.get("vega_lite_chart")
    assert not at.metric


def test_one_application_on_the_chart_in_the_counts_and_the_table(
    store: Store, make_application: ApplicationFactory
) -> None:
    """Northwind alone: one chart row with its steps (one point for the follow-up round), the
    counts, and the steps by due (a follow-up row for each person)."""
    northwind = store.create(known_applications(make_application)[0])
    at = open_page()
    assert metrics(at) == {
        "To do today": "2",
        "Overdue": "2",
        "Open applications": "1",
        "Sent this week": "1",
    }
    rows, points = chart(at)
    assert rows == [ROW.format(company=northwind.company, role=northwind.role)]
    assert [(p["step"], p["status"], p["when"]) for p in points] == [
        ("Thank-you", "Overdue", "Tue 17 Nov 10:00"),
        ("References", "Overdue", "Tue 17 Nov 10:00"),
        ("Follow-up", "Upcoming", "Fri 27 Nov 23:59"),  # one point for the round, both people
        ("Move on", "Upcoming", "Fri 04 Dec 23:59"),
    ]
    assert [(r["Due"], r["Status"], r["Step"], r["Who"]) for r in table(at)] == [
        ("10:00 today", "Overdue", "Thank-you", "Seán O'Donnell"),
        ("10:00 today", "Overdue", "Tell references", ""),
        ("the end of Fri 27 Nov", "Upcoming", "Follow-up", "Priya Raghunathan"),
        ("the end of Fri 27 Nov", "Upcoming", "Follow-up", "Seán O'Donnell"),
        ("the end of Fri 4 Dec", "Upcoming", "Move on", ""),
    ]


def test_the_table_lists_every_open_step_by_due(known_set: list[Application]) -> None:
    """Two open applications: their steps interleave by due; the closed one is left out."""
    at = open_page()
    assert metrics(at) == {
        "To do today": "3",
        "Overdue": "2",
        "Open applications": "2",
        "Sent this week": "1",  # the closed application's follow-up is filtered out
    }
    assert [(r["Company"], r["Step"], r["Time left"]) for r in table(at)] == [
        ("Northwind Analytics", "Thank-you", "2 h ago"),
        ("Northwind Analytics", "Tell references", "2 h ago"),
        ("Contoso", "Thank-you", "in 3 h"),
        ("Contoso", "Move on", "in 7 days"),
        ("Northwind Analytics", "Follow-up", "in 10 days"),
        ("Northwind Analytics", "Follow-up", "in 10 days"),
        ("Northwind Analytics", "Move on", "in 18 days"),
    ]
    rows, _ = chart(at)
    assert rows == ["Northwind Analytics · Data Engineer", "Contoso · Product Analyst"]
    assert [e.label.split(":")[0] for e in at.expander] == ["Northwind Analytics", "Contoso"]


def test_each_step_links_to_the_page_that_acts_on_it(known_set: list[Application]) -> None:
    """Thank-yous and follow-ups go to their drafts; references and moving on open a page."""
    at = open_page()
    found = links(at)
    assert ("Go to the draft", "/thank_you?app=northwind") in found
    assert ("Go to the draft", "/follow_up?app=northwind") in found
    assert ("Open", "/checklist?app=northwind") in found
    assert not any("contoso" in url for _, url in found)  # closed: its steps are not drawn
    found = links(open_application(at, "contoso"))
    assert ("Open", "/follow_up?app=contoso") in found
    assert ("Go to the draft", "/thank_you?app=contoso") in found
    # one click only where it makes sense: the references; moving on is not due yet
    assert [button.key for button in at.button] == ["timeline_done_northwind_references"]


def test_a_search_narrows_the_rows_and_the_chart(known_set: list[Application]) -> None:
    """Typing part of a role keeps only the applications that match, in the chart too."""
    at = open_page()
    at.text_input(key="timeline_search").input("analyst")
    rerun(at)
    assert {r["Company"] for r in table(at)} == {"Contoso"}
    rows, points = chart(at)
    assert rows == ["Contoso · Product Analyst"]
    assert {p["row"] for p in points} == {"Contoso · Product Analyst"}
    assert metrics(at)["Open applications"] == "1"

    at.text_input(key="timeline_search").input("nobody")
    rerun(at)
    assert "No application matches" in shown(at.info[0].value)
    assert not at.get("vega_lite_chart")


def test_the_status_filter_can_show_closed_applications(known_set: list[Application]) -> None:
    """Choosing "Not selected" too lists the rejected application under closed ones."""
    at = open_page()
    assert not any(header.value == "Closed applications" for header in at.subheader)
    at.multiselect(key="timeline_status").select("rejected")
    rerun(at)
    assert any(header.value == "Closed applications" for header in at.subheader)
    (closed,) = [frame.value for frame in at.dataframe if "Interview" in frame.value.columns]
    assert closed.to_dict("records") == [
        {
            "Company": "Fabrikam",
            "Role": "Analytics Engineer",
            "Status": "Not selected",
            "Interview": "Thu 05 Nov 2026",
        }
    ]
    assert metrics(at)["Sent this week"] == "2"  # its follow-up three days ago now counts
    assert len(table(at)) == 7  # a closed application has no pending steps

    at.multiselect(key="timeline_status").unselect("open")
    rerun(at)
    assert not at.get("vega_lite_chart")
    assert "None of these applications is open" in at.info[0].value


def test_mark_done_on_the_references_updates_the_store(
    store: Store, known_set: list[Application]
) -> None:
    """One click records that the references know; the step leaves the table."""
    at = open_page()
    at.button(key="timeline_done_northwind_references").click()
    rerun(at)
    assert store.get("northwind").references_notified is True
    assert "Tell references" not in [r["Step"] for r in table(at)]
    assert metrics(at)["Overdue"] == "1"
    assert [shown(toast.value) for toast in at.toast] == [
        "References noted for Northwind Analytics."
    ]


def test_mark_done_on_moving_on_closes_the_application(
    store: Store, known_set: list[Application], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight days on, Contoso never answered: moving on is due, and one click closes it."""
    monkeypatch.setattr(ui_support, "now", lambda: NOW + timedelta(days=8))
    at = open_application(open_page(), "contoso")
    at.button(key="timeline_done_contoso_move_on").click()
    rerun(at)
    assert store.get("contoso").status == "moved_on"
    assert {r["Company"] for r in table(at)} == {"Northwind Analytics"}


def test_the_calendar_file_is_offered(
    known_set: list[Application], downloads: dict[str, Callable[[], Any]]
) -> None:
    """One file with every pending step of the open applications, and one per application."""
    at = open_application(open_page(), "contoso")
    labels = [button.label for button in at.get("download_button")]
    assert labels == [
        "Download calendar (.ics)",
        "Download its calendar (.ics)",
        "Download its calendar (.ics)",
    ]
    assert sorted(downloads) == [
        "follow-up-coach.ics",
        "follow-up-contoso.ics",
        "follow-up-northwind-analytics.ics",
    ]
    everything = Calendar.from_ical(downloads["follow-up-coach.ics"]())
    assert len(everything.events) == len(table(at)) == 7
    contoso = Calendar.from_ical(downloads["follow-up-contoso.ics"]())
    assert [str(event["SUMMARY"]).split(" · by ")[0] for event in contoso.events] == [
        "Thank-you to Lee Chen · Contoso",
        "Move on from Contoso if there is no reply",
    ]


def test_two_hundred_applications_render(
    store: Store, make_application: ApplicationFactory
) -> None:
    """A long search: the page still renders, the chart keeps the most pressing rows, and the
    applications are listed ten to a page."""
    for number in range(200):
        store.create(
            make_application(
                id=f"app{number:03}",
                company=f"Company {number:03}",
                interview_at=NOW - timedelta(days=number % 30, hours=number % 9),
                profile=("standard", "eager", "cautious")[number % 3],
                interviewers=[
                    {"id": f"p{person}", "name": f"Person {person}"}
                    for person in range(1 + number % 4)
                ],
            )
        )
    at = open_page()
    assert metrics(at)["Open applications"] == "200"
    rows, _ = chart(at)
    assert len(rows) == 25
    assert any("The 25 most pressing of 200" in caption.value for caption in at.caption)
    first_page = [expander.label for expander in at.expander]
    assert len(first_page) == 10
    (pages,) = at.get("pagination")
    pages.set_value(20)
    rerun(at)
    last_page = [expander.label for expander in at.expander]
    assert len(last_page) == 10
    assert not set(first_page) & set(last_page)

    at.text_input(key="timeline_search").input("Company 007")  # fewer pages: back to page 1
    rerun(at)
    assert [expander.label.split(":")[0] for expander in at.expander] == ["Company 007"]


def test_only_closed_applications_say_how_to_see_them(
    store: Store, make_application: ApplicationFactory
) -> None:
    """With nothing open, the default filter explains itself instead of showing an empty page."""
    store.create(make_application(status="offer"))
    at = open_page()
    assert "No application with these statuses" in at.info[0].value
    assert ("Write your interview notes", "/notes") in links(at)


def test_home_puts_what_to_do_first_then_the_counts_then_the_chart(
    known_set: list[Application],
) -> None:
    """Home, phone-first: each open application with its next step and a link to the page that
    does it, soonest first; then the four counts in one row; then the chart."""
    at = open_page(APP)
    assert [header.value for header in at.subheader] == [
        "Northwind Analytics: Data Engineer",
        "Contoso: Product Analyst",
    ]
    assert ("Write the thank-you notes", "/thank_you?app=northwind") in links(at)
    assert ("Write the thank-you notes", "/thank_you?app=contoso") in links(at)
    (counts,) = [m.value for m in at.markdown if "-badge[" in m.value and "to do today" in m.value]
    assert counts == (
        ":orange-badge[3 to do today] :red-badge[2 overdue] :blue-badge[2 open applications] "
        ":green-badge[2 sent this week]"
    )
    rows, _ = chart(at)
    assert rows == ["Northwind Analytics · Data Engineer", "Contoso · Product Analyst"]
    assert ("Open the timeline", "/timeline") in links(at)


def test_home_links_to_the_timeline_instead_of_a_long_chart(
    store: Store, make_application: ApplicationFactory
) -> None:
    """With more than ten open applications, home shows the ten most pressing as cards and
    links to the timeline, for the rest and instead of a chart."""
    for number in range(11):
        store.create(make_application(company=f"Company {number}"))
    at = open_page(APP)
    assert not at.get("vega_lite_chart")
    assert len(at.subheader) == 10
    assert "1 more open application, each with its next step, on the timeline." in [
        caption.value for caption in at.caption
    ]
    assert ("See all 11 open applications on the timeline", "/timeline") in links(at)


def test_a_rerun_with_nothing_changed_plans_nothing_again_and_a_change_elsewhere_shows(
    store: Store, known_set: list[Application], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing in the search reruns the timeline without reading or planning the applications
    again; an interview saved meanwhile in another tab (another store on the same file) shows
    on the next rerun."""
    reads: list[int] = []
    original = Store.list_applications

    def counted(self: Store, *args: Any, **kwargs: Any) -> list[Application]:
        reads.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "list_applications", counted)
    at = open_page()
    assert len(reads) == 1
    at.text_input(key="timeline_search").set_value("north").run()
    at.text_input(key="timeline_search").set_value("").run()
    assert len(reads) == 1, "a rerun with nothing changed read the store again"

    assert store.path is not None
    other_tab = open_store(store.path)
    other_tab.create(known_set[0].model_copy(update={"id": "tailspin", "company": "Tailspin"}))
    at.run()
    assert len(reads) == 2
    assert "Tailspin" in {r["Company"] for r in table(at)}
