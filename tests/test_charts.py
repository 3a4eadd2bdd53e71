"""The timeline chart: which windows and due moments it draws, in what order, and how.

Expected values are worked out by hand from the schedule rules (checked against the
``holidays`` package for 2026): the default interview is Mon 16 Nov 2026 10:00 in New York
(EST, UTC-5). Thank-you notes and telling references are due 24 hours later, Tue 17 Nov
10:00; the notes are late after business day 2, Wed 18 Nov 23:59:59. The standard follow-up
opens on day 7, Mon 23 Nov 09:00, and closes on day 10, Thu 26 Nov, which is Thanksgiving, so
it rolls to Fri 27 Nov 23:59:59. Moving on comes 7 days later, Fri 4 Dec 23:59:59. London is
on GMT (UTC+0) throughout. Moments are written to the minute, so 23:59:59 reads 23:59.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from lib.charts import (
    LABEL_LIMIT,
    MIN_HEIGHT,
    ROW_HEIGHT,
    TimelineData,
    timeline_chart,
    timeline_data,
)
from tests.conftest import NEW_YORK, ApplicationFactory

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 17, 12, 0, tzinfo=NEW_YORK)  # Tue: the thank-yous are 2 h overdue
ROW = "Northwind Analytics · Data Engineer"
STATUS_DOMAIN = ["Overdue", "Due now", "Upcoming", "Done"]
STATUS_RANGE = ["#dc2626", "#f59e0b", "#2563eb", "#9ca3af"]
WINDOW_KEYS = {"row", "step", "start", "end", "status"}
MOMENT_KEYS = {"row", "step", "due", "status", "action", "person", "when", "rule"}
SENTINEL = "ZEBRA-SENTINEL-7731"


def _thanked(*people: str, at: datetime | None = None) -> list[dict[str, Any]]:
    """Thank-you contacts with these interviewers, sent on the interview evening by default."""
    moment = at or datetime(2026, 11, 16, 18, 0, tzinfo=NEW_YORK)
    return [{"interviewer_id": person, "kind": "thank_you", "at": moment} for person in people]


def _spec(data: TimelineData) -> dict[str, Any]:
    """The Vega-Lite spec of the chart for ``data``."""
    return timeline_chart(data).to_dict()


def _values(spec: dict[str, Any], layer: int) -> list[dict[str, Any]]:
    """The data records one layer draws, wherever Altair put them (inline or in datasets)."""
    data = spec["layer"][layer].get("data", spec.get("data"))
    if "values" in data:
        return data["values"]
    return spec["datasets"][data["name"]]


def _colour(spec: dict[str, Any], layer: int, status: str) -> str:
    """The colour a layer's status scale gives one status label."""
    scale = spec["layer"][layer]["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))[status]


def test_spec_layers_windows_moments_and_a_rule_at_now(
    make_application: ApplicationFactory,
) -> None:
    """As a user I see bars for windows, shaped points for due moments and a line at now."""
    data = timeline_data([make_application()], NOW, LONDON)
    spec = _spec(data)

    assert len(spec["layer"]) == 3
    bars, points, rule = spec["layer"]

    assert bars["mark"]["type"] == "bar"
    x = bars["encoding"]["x"]
    assert (x["field"], x["type"]) == ("start", "temporal")
    assert bars["encoding"]["x2"] == {"field": "end"}
    for layer in (bars, points):
        y = layer["encoding"]["y"]
        assert (y["field"], y["type"], y["sort"]) == ("row", "nominal", [ROW])
        color = layer["encoding"]["color"]
        assert (color["field"], color["type"]) == ("status", "nominal")
        assert color["scale"] == {"domain": STATUS_DOMAIN, "range": STATUS_RANGE}

    assert points["mark"]["type"] == "point"
    assert points["mark"]["filled"] is True
    x = points["encoding"]["x"]
    assert (x["field"], x["type"]) == ("due", "temporal")
    shape = points["encoding"]["shape"]
    assert (shape["field"], shape["type"]) == ("step", "nominal")
    assert shape["scale"] == {
        "domain": ["Thank-you", "References", "Follow-up", "Move on"],
        "range": ["circle", "diamond", "square", "cross"],
    }
    assert [t["field"] for t in points["encoding"]["tooltip"]] == [
        "row",
        "action",
        "person",
        "when",
        "status",
        "rule",
    ]

    assert rule["mark"]["type"] == "rule"
    x = rule["encoding"]["x"]
    assert (x["field"], x["type"]) == ("now", "temporal")
    now_values = _values(spec, 2)
    assert len(now_values) == 1
    assert now_values[0]["now"] == "2026-11-17T12:00-05:00"


def test_known_plan_gives_exact_windows_and_moments(make_application: ApplicationFactory) -> None:
    """As a user in London I see the exact windows and due moments of my New York interview."""
    data = timeline_data([make_application()], NOW, LONDON)

    assert data.rows == [ROW]
    assert data.windows == [
        {
            "row": ROW,
            "step": "Thank-you",
            "start": "2026-11-16T10:00-05:00",
            "end": "2026-11-18T23:59-05:00",
            "status": "Overdue",
        },
        {
            "row": ROW,
            "step": "Follow-up",
            "start": "2026-11-23T09:00-05:00",
            "end": "2026-11-27T23:59-05:00",  # Thu 26 Nov is Thanksgiving
            "status": "Upcoming",
        },
    ]
    assert data.moments == [
        {
            "row": ROW,
            "step": "Thank-you",
            "due": "2026-11-17T10:00-05:00",
            "status": "Overdue",
            "action": "Thank-you notes (0 of 2 sent)",
            "person": "Priya Raghunathan and Seán O'Donnell",
            "when": "Tue 17 Nov 15:00",
            "rule": "T2",
        },
        {
            "row": ROW,
            "step": "References",
            "due": "2026-11-17T10:00-05:00",
            "status": "Overdue",
            "action": "Tell your references they may be called",
            "person": "",
            "when": "Tue 17 Nov 15:00",
            "rule": "N2",
        },
        {
            "row": ROW,
            "step": "Follow-up",
            "due": "2026-11-27T23:59-05:00",
            "status": "Upcoming",
            "action": "Follow-up 1 with Northwind Analytics",
            "person": "each person",
            "when": "Sat 28 Nov 04:59",
            "rule": "F1",
        },
        {
            "row": ROW,
            "step": "Move on",
            "due": "2026-12-04T23:59-05:00",
            "status": "Upcoming",
            "action": "Move on from Northwind Analytics if there is no reply",
            "person": "",
            "when": "Sat 05 Dec 04:59",
            "rule": "F3",
        },
    ]
    spec = _spec(data)
    assert _values(spec, 0) == data.windows
    assert _values(spec, 1) == data.moments


def test_when_is_written_in_the_viewers_zone(make_application: ApplicationFactory) -> None:
    """As a user in New York I read the due moments in my own local time."""
    data = timeline_data([make_application()], NOW, NEW_YORK)

    assert [m["when"] for m in data.moments] == [
        "Tue 17 Nov 10:00",
        "Tue 17 Nov 10:00",
        "Fri 27 Nov 23:59",
        "Fri 04 Dec 23:59",
    ]


def test_done_thank_yous_show_done_in_the_done_colour(make_application: ApplicationFactory) -> None:
    """As a user who thanked everyone I see the thank-you step greyed out as done."""
    app = make_application(contacts=_thanked("priya", "sean"), references_notified=True)
    data = timeline_data([app], NOW, LONDON)
    spec = _spec(data)

    window = _values(spec, 0)[0]
    moment = _values(spec, 1)[0]
    assert (window["step"], window["status"]) == ("Thank-you", "Done")
    assert moment == {
        "row": ROW,
        "step": "Thank-you",
        "due": "2026-11-17T10:00-05:00",
        "status": "Done",
        "action": "Thank-you notes (2 of 2 sent)",
        "person": "everyone thanked",
        "when": "Tue 17 Nov 15:00",
        "rule": "T2",
    }
    assert _colour(spec, 0, window["status"]) == "#9ca3af"
    assert _colour(spec, 1, moment["status"]) == "#9ca3af"
    references = _values(spec, 1)[1]
    assert (references["step"], references["status"]) == ("References", "Done")
    assert _colour(spec, 1, references["status"]) == "#9ca3af"


@pytest.mark.parametrize(
    ("now", "status", "colour"),
    [
        (NOW, "Overdue", "#dc2626"),  # Tue 12:00, past the 10:00 due moment
        (datetime(2026, 11, 16, 20, 0, tzinfo=NEW_YORK), "Due now", "#f59e0b"),  # Mon evening
    ],
)
def test_partly_thanked_panel_shows_the_worst_pending_status(
    make_application: ApplicationFactory, now: datetime, status: str, colour: str
) -> None:
    """As a user who thanked one of two people I see what is still pending, and for whom."""
    app = make_application(contacts=_thanked("priya"))
    data = timeline_data([app], now, LONDON)
    spec = _spec(data)

    window = _values(spec, 0)[0]
    moment = _values(spec, 1)[0]
    assert (window["step"], window["status"]) == ("Thank-you", status)
    assert moment["step"] == "Thank-you"
    assert moment["status"] == status
    assert moment["action"] == "Thank-you notes (1 of 2 sent)"
    assert moment["person"] == "Seán O'Donnell"
    assert _colour(spec, 0, status) == colour
    assert _colour(spec, 1, status) == colour


def test_rows_are_sorted_by_the_next_pending_due_moment(
    make_application: ApplicationFactory,
) -> None:
    """As a user I see the application with the most pressing step on top."""
    # Interviewed Mon 9 Nov, everything done but the follow-up, due Thu 19 Nov 23:59:59.
    earlier = make_application(
        company="Contoso",
        interview_at=datetime(2026, 11, 9, 10, 0, tzinfo=NEW_YORK),
        contacts=_thanked("priya", "sean", at=datetime(2026, 11, 9, 18, 0, tzinfo=NEW_YORK)),
        references_notified=True,
    )
    # Interviewed a week later, but its thank-yous were due Tue 17 Nov 10:00 (overdue).
    later = make_application(company="Fabrikam")
    data = timeline_data([earlier, later], NOW, LONDON)

    rows = ["Fabrikam · Data Engineer", "Contoso · Data Engineer"]
    assert data.rows == rows
    spec = _spec(data)
    assert spec["layer"][0]["encoding"]["y"]["sort"] == rows
    assert spec["layer"][1]["encoding"]["y"]["sort"] == rows
    contoso_follow_up = [m for m in data.moments if m["row"] == rows[1] and m["rule"] == "F1"]
    assert [(m["due"], m["status"]) for m in contoso_follow_up] == [
        ("2026-11-19T23:59-05:00", "Due now")
    ]


def test_closed_applications_are_not_drawn(make_application: ApplicationFactory) -> None:
    """As a user with an offer in hand I no longer see that application on the timeline."""
    closed = make_application(company="Globex", status="offer", contacts=_thanked("priya"))
    data = timeline_data([closed, make_application()], NOW, LONDON)

    assert data.rows == [ROW]
    assert {r["row"] for r in data.windows + data.moments} == {ROW}
    assert "Globex" not in json.dumps(_spec(data), ensure_ascii=False)


def test_only_closed_applications_draw_nothing(make_application: ApplicationFactory) -> None:
    """As a user whose every application is closed I see an empty timeline, not an error."""
    data = timeline_data([make_application(status="offer")], NOW, LONDON)

    assert (data.rows, data.windows, data.moments) == ([], [], [])
    assert _spec(data)["height"] == 140


def test_same_company_and_role_get_distinct_rows(make_application: ApplicationFactory) -> None:
    """As a user interviewing twice for the same role I see two rows, not one merged row."""
    data = timeline_data([make_application(), make_application()], NOW, LONDON)

    second = "Northwind Analytics · Data Engineer (2)"
    assert data.rows == [ROW, second]
    assert Counter(w["row"] for w in data.windows) == {ROW: 2, second: 2}
    assert Counter(m["row"] for m in data.moments) == {ROW: 4, second: 4}


@pytest.mark.parametrize(
    ("company", "role", "label"),
    [
        (
            "International Business Machines Corporation",
            "Data Engineer",
            "International Business Machines Corpo…",
        ),
        # the cut falls just after a space, which is dropped before the ellipsis
        (
            "Abcdefghijklmnopqrstuvwxyz0123456789",
            "Data Engineer",
            "Abcdefghijklmnopqrstuvwxyz0123456789…",
        ),
        # exactly 38 characters: shown whole
        ("Northwind Analytics", "Data Engineer II", "Northwind Analytics · Data Engineer II"),
    ],
)
def test_long_labels_are_cut_with_an_ellipsis(
    make_application: ApplicationFactory, company: str, role: str, label: str
) -> None:
    """As a user with a long company name I see a row label that fits, ending in "…"."""
    data = timeline_data([make_application(company=company, role=role)], NOW, LONDON)

    assert data.rows == [label]
    assert len(label) <= LABEL_LIMIT == 38
    assert {r["row"] for r in data.windows + data.moments} == {label}


@pytest.mark.parametrize(("count", "height"), [(1, 140), (5, 140), (6, 156), (50, 1300)])
def test_height_grows_with_the_rows(
    make_application: ApplicationFactory, count: int, height: int
) -> None:
    """As a user with many applications I get a taller chart, one row height per application."""
    apps = [make_application(company=f"Company {n:02d}") for n in range(count)]
    data = timeline_data(apps, NOW, LONDON)

    assert len(data.rows) == count
    assert (MIN_HEIGHT, ROW_HEIGHT) == (140, 26)
    assert _spec(data)["height"] == height


def test_only_the_drawn_fields_are_embedded(make_application: ApplicationFactory) -> None:
    """As a user I trust that my private notes are not written into the chart's page."""
    notes = {field: f"{SENTINEL} {field}" for field in ("asked", "concerns", "discussed")}
    app = make_application(
        went_well=SENTINEL,
        went_badly=SENTINEL,
        stood_out=SENTINEL,
        fit_points=SENTINEL,
        interviewers=[
            {
                "id": "priya",
                "name": "Priya Raghunathan",
                "title": "Head of Data Platform",
                "email": "priya@northwind.example",
                "personal_touch": SENTINEL,
                **notes,
            },
            {"id": "sean", "name": "Seán O'Donnell", "concerns": SENTINEL},
        ],
        contacts=[
            {
                "interviewer_id": "priya",
                "kind": "thank_you",
                "at": datetime(2026, 11, 16, 18, 0, tzinfo=NEW_YORK),
                "body": f"Dear Priya, {SENTINEL}",
            }
        ],
    )
    data = timeline_data([app], NOW, LONDON)
    spec = _spec(data)

    windows, moments = _values(spec, 0), _values(spec, 1)
    assert len(windows) == 2
    assert len(moments) == 4
    assert all(set(w) == WINDOW_KEYS for w in windows)
    assert all(set(m) == MOMENT_KEYS for m in moments)
    assert all(set(w) == WINDOW_KEYS for w in data.windows)
    assert all(set(m) == MOMENT_KEYS for m in data.moments)
    text = json.dumps(spec, ensure_ascii=False)
    assert SENTINEL not in text
    assert "priya@northwind.example" not in text
    assert "Head of Data Platform" not in text


def test_markup_in_a_company_name_stays_text(make_application: ApplicationFactory) -> None:
    """As a user I see a company name with angle brackets as typed, never run as markup."""
    app = make_application(company="<script>alert(1)</script>", role="<b>QA</b>")
    data = timeline_data([app], NOW, LONDON)
    spec = _spec(data)

    row = "<script>alert(1)</script> · <b>QA</b>"
    assert data.rows == [row]
    assert spec["layer"][1]["encoding"]["y"]["sort"] == [row]
    moments = _values(spec, 1)
    assert {m["row"] for m in moments} == {row}
    assert moments[2]["action"] == "Follow-up 1 with <script>alert(1)</script>"
    assert moments[3]["action"] == "Move on from <script>alert(1)</script> if there is no reply"
    text = json.dumps(spec, ensure_ascii=False)
    assert "&lt;" not in text
    assert "&gt;" not in text
