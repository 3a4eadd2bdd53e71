"""The timeline chart: which windows and due moments it draws, in what order, and how.

Expected values are worked out by hand from the schedule rules (checked against the
``holidays`` package for 2026): the default interview is Mon 16 Nov 2026 10:00 in New York
(EST, UTC-5). Thank-you notes and telling references are due 24 hours later, Tue 17 Nov
10:00; the notes are late after business day 2, Wed 18 Nov 23:59:59. The standard follow-up
opens on day 7, Mon 23 Nov 09:00, and closes on day 10, Thu 26 Nov, which is Thanksgiving, so
it rolls to Fri 27 Nov 23:59:59. Moving on comes 7 days later, Fri 4 Dec 23:59:59. London is
on GMT (UTC+0) throughout. Moments are written to the minute, so 23:59:59 reads 23:59.

Thank-yous and follow-ups are planned per person; the chart draws one point per step (the
thank-yous, each round of follow-ups) with how many people it is done for and who is waiting.
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
STEP_DOMAIN = ["Thank-you", "References", "Follow-up", "Move on"]
MOMENT_KEYS = {"row", "step", "start", "end", "due", "status", "action", "person", "rule"}
TABLE_KEYS = MOMENT_KEYS | {"when"}
SENTINEL = "ZEBRA-SENTINEL-7731"
BOTH = "Priya Raghunathan and Seán O'Donnell"
LEGEND = {
    "orient": "bottom",
    "columns": {"expr": "width < 360 ? 1 : 2"},
    "symbolSize": 60,
    "clipHeight": 16,
}


def _thanked(*people: str, at: datetime | None = None) -> list[dict[str, Any]]:
    """Thank-you contacts with these interviewers, sent on the interview evening by default."""
    moment = at or datetime(2026, 11, 16, 18, 0, tzinfo=NEW_YORK)
    return [{"interviewer_id": person, "kind": "thank_you", "at": moment} for person in people]


def _ms(iso: str) -> int:
    """An ISO 8601 moment as the chart writes it: milliseconds since the epoch."""
    return int(datetime.fromisoformat(iso).timestamp() * 1000)


def _spec(data: TimelineData) -> dict[str, Any]:
    """The Vega-Lite spec of the chart for ``data``."""
    return timeline_chart(data).to_dict()


def _table(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The one table the bars and the points read (the chart's own), as embedded in the spec."""
    return spec["datasets"][spec["data"]["name"]]


def _labels(spec: dict[str, Any]) -> list[str]:
    """The row labels, top to bottom, as the chart's parameter holds them."""
    (labels,) = [param["value"] for param in spec["params"] if param["name"] == "row_labels"]
    return labels


def _drawn(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The table's records with each row's label in place of its number."""
    labels = _labels(spec)
    return [{**record, "row": labels[record["row"]]} for record in _table(spec)]


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
    assert _labels(spec) == [ROW]
    for layer in (bars, points):
        assert "data" not in layer  # both read the chart's one table
        y = layer["encoding"]["y"]
        assert (y["field"], y["type"]) == ("row", "ordinal")  # the row's number: top first
        assert y["axis"]["labelExpr"] == "row_labels[datum.value]"
        color = layer["encoding"]["color"]
        assert (color["field"], color["type"]) == ("status", "nominal")
        assert color["scale"] == {"domain": STATUS_DOMAIN, "range": STATUS_RANGE}

    assert bars["mark"]["type"] == "bar"
    x = bars["encoding"]["x"]
    assert (x["field"], x["type"]) == ("start", "temporal")
    assert bars["encoding"]["x2"] == {"field": "end"}
    assert bars["transform"] == [{"filter": "isValid(datum.start)"}]  # points without a window

    assert points["mark"]["type"] == "point"
    assert points["mark"]["filled"] is True
    assert points["transform"] == [{"calculate": "row_labels[datum.row]", "as": "application"}]
    x = points["encoding"]["x"]
    assert (x["field"], x["type"]) == ("due", "temporal")
    shape = points["encoding"]["shape"]
    assert (shape["field"], shape["type"]) == ("step", "nominal")
    assert shape["scale"] == {
        "domain": STEP_DOMAIN,
        "range": ["circle", "diamond", "square", "cross"],
    }
    assert [(t["field"], t["title"]) for t in points["encoding"]["tooltip"]] == [
        ("application", "Application"),
        ("action", "Action"),
        ("person", "Who"),
        ("when", "Due"),
        ("status", "Status"),
        ("rule", "Rule"),
    ]

    assert rule["mark"]["type"] == "rule"
    x = rule["encoding"]["x"]
    assert (x["field"], x["type"]) == ("now", "temporal")
    (now,) = spec["datasets"][rule["data"]["name"]]  # its own one-row table
    assert now["now"] == _ms("2026-11-17T12:00-05:00")


def test_known_plan_gives_exact_windows_and_moments(make_application: ApplicationFactory) -> None:
    """As a user in London I see the exact windows and due moments of my New York interview."""
    data = timeline_data([make_application()], NOW, LONDON)

    assert data.rows == [ROW]
    assert data.moments == [
        {
            "row": ROW,
            "step": "Thank-you",
            "start": "2026-11-16T10:00-05:00",
            "end": "2026-11-18T23:59-05:00",
            "due": "2026-11-17T10:00-05:00",
            "status": "Overdue",
            "action": "Thank-you notes (0 of 2 sent)",
            "person": BOTH,
            "rule": "T2",
        },
        {
            "row": ROW,
            "step": "References",
            "start": None,
            "end": None,
            "due": "2026-11-17T10:00-05:00",
            "status": "Overdue",
            "action": "Tell your references they may be called",
            "person": "",
            "rule": "N2",
        },
        {
            "row": ROW,
            "step": "Follow-up",
            "start": "2026-11-23T09:00-05:00",
            "end": "2026-11-27T23:59-05:00",  # Thu 26 Nov is Thanksgiving
            "due": "2026-11-27T23:59-05:00",
            "status": "Upcoming",
            "action": "Follow-ups (0 of 2 done)",
            "person": BOTH,
            "rule": "F1",
        },
        {
            "row": ROW,
            "step": "Move on",
            "start": None,
            "end": None,
            "due": "2026-12-04T23:59-05:00",
            "status": "Upcoming",
            "action": "Move on from Northwind Analytics if there is no reply",
            "person": "",
            "rule": "F3",
        },
    ]
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
            "end": "2026-11-27T23:59-05:00",
            "status": "Upcoming",
        },
    ]
    whens = ["Tue 17 Nov 15:00", "Tue 17 Nov 15:00", "Sat 28 Nov 04:59", "Sat 05 Dec 04:59"]
    assert _drawn(_spec(data)) == [
        {
            **moment,
            **{
                field: None if moment[field] is None else _ms(str(moment[field]))
                for field in ("start", "end", "due")
            },
            "when": when,
        }
        for moment, when in zip(data.moments, whens, strict=True)
    ]


def test_when_is_written_in_the_viewers_zone(make_application: ApplicationFactory) -> None:
    """As a user in New York I read the due moments in my own local time."""
    data = timeline_data([make_application()], NOW, NEW_YORK)

    assert [m["when"] for m in _table(_spec(data))] == [
        "Tue 17 Nov 10:00",
        "Tue 17 Nov 10:00",
        "Fri 27 Nov 23:59",
        "Fri 04 Dec 23:59",
    ]


def test_dates_show_no_year_within_one_year(make_application: ApplicationFactory) -> None:
    """As a user whose steps all fall in 2026 I read "17 Nov", without a year to skip over."""
    spec = _spec(timeline_data([make_application()], NOW, LONDON))

    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert axis == {"format": "%d %b", "grid": True}
    assert not any("2026" in record["when"] for record in _table(spec))


def test_dates_show_the_year_when_the_range_crosses_one(
    make_application: ApplicationFactory,
) -> None:
    """As a user in London whose last step falls on New Year's Day I see which year each date
    is in, under the dates and in the tooltips; in New York the same steps end on 31 Dec 2026.

    Interview Mon 14 Dec 2026 10:00 in New York: the follow-up closes Thu 24 Dec 23:59 (Christmas
    Day is Fri 25), moving on comes 7 days later, Thu 31 Dec 23:59 in New York, which is Fri 1 Jan
    2027 04:59 in London.
    """
    app = make_application(interview_at=datetime(2026, 12, 14, 10, 0, tzinfo=NEW_YORK))
    now = datetime(2026, 12, 15, 12, 0, tzinfo=NEW_YORK)

    london = timeline_data([app], now, LONDON)
    assert london.crosses_a_year
    spec = _spec(london)
    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert axis == {
        "format": "%d %b",
        "grid": True,
        "labelExpr": "[datum.label, timeFormat(datum.value, '%Y')]",  # "01 Jan" over "2027"
    }
    assert [m["when"] for m in _table(spec)] == [
        "Tue 15 Dec 2026 15:00",
        "Tue 15 Dec 2026 15:00",
        "Fri 25 Dec 2026 04:59",
        "Fri 01 Jan 2027 04:59",
    ]

    new_york = timeline_data([app], now, NEW_YORK)
    assert not new_york.crosses_a_year
    spec = _spec(new_york)
    assert "labelExpr" not in spec["layer"][0]["encoding"]["x"]["axis"]
    assert [m["when"] for m in _table(spec)][-1] == "Thu 31 Dec 23:59"


def test_now_in_a_new_year_shows_the_year(make_application: ApplicationFactory) -> None:
    """As a user looking in January at steps left over from December I see both years."""
    data = timeline_data([make_application()], datetime(2027, 1, 4, 9, 0, tzinfo=NEW_YORK), LONDON)

    assert data.crosses_a_year
    assert _table(_spec(data))[-1]["when"] == "Sat 05 Dec 2026 04:59"


def test_the_legends_stay_short(make_application: ApplicationFactory) -> None:
    """As a user on a phone I see the legends under the chart, shorter than the chart itself:
    one column each on a narrow plot, two on a wide one, each entry one line high."""
    spec = _spec(timeline_data([make_application()], NOW, LONDON))

    bars, points, _ = spec["layer"]
    for layer in (bars, points):  # one status legend: the same on both layers
        status = layer["encoding"]["color"]
        assert status["legend"] == {**LEGEND, "symbolOpacity": 1}  # solid, not the bars' 0.3
        assert len(status["scale"]["domain"]) == 4
    step = points["encoding"]["shape"]
    assert step["legend"] == LEGEND
    assert len(step["scale"]["domain"]) == 4


def test_done_thank_yous_show_done_in_the_done_colour(make_application: ApplicationFactory) -> None:
    """As a user who thanked everyone I see the thank-you step greyed out as done."""
    app = make_application(contacts=_thanked("priya", "sean"), references_notified=True)
    data = timeline_data([app], NOW, LONDON)
    spec = _spec(data)

    thank_you, references = _drawn(spec)[:2]
    assert data.windows[0]["status"] == "Done"
    assert thank_you == {
        "row": ROW,
        "step": "Thank-you",
        "start": _ms("2026-11-16T10:00-05:00"),
        "end": _ms("2026-11-18T23:59-05:00"),
        "due": _ms("2026-11-17T10:00-05:00"),
        "status": "Done",
        "action": "Thank-you notes (2 of 2 sent)",
        "person": "everyone thanked",
        "when": "Tue 17 Nov 15:00",
        "rule": "T2",
    }
    assert _colour(spec, 0, thank_you["status"]) == "#9ca3af"
    assert _colour(spec, 1, thank_you["status"]) == "#9ca3af"
    assert (references["step"], references["status"]) == ("References", "Done")


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

    moment = _drawn(spec)[0]
    assert data.windows[0]["status"] == status
    assert moment["step"] == "Thank-you"
    assert moment["status"] == status
    assert moment["action"] == "Thank-you notes (1 of 2 sent)"
    assert moment["person"] == "Seán O'Donnell"
    assert _colour(spec, 0, status) == colour
    assert _colour(spec, 1, status) == colour


def test_follow_ups_are_one_point_per_round_with_who_is_waiting(
    make_application: ApplicationFactory,
) -> None:
    """As a user who followed up with Priya but not yet with Seán I see one follow-up point,
    due now, saying one of two is done and that Seán is waiting; not two points on one spot."""
    app = make_application(
        contacts=[
            *_thanked("priya", "sean"),
            {
                "interviewer_id": "priya",
                "kind": "follow_up",
                "at": datetime(2026, 11, 24, 9, 0, tzinfo=NEW_YORK),
            },
        ]
    )
    data = timeline_data([app], datetime(2026, 11, 25, 12, 0, tzinfo=NEW_YORK), LONDON)

    (follow_up,) = [m for m in data.moments if m["step"] == "Follow-up"]
    assert follow_up == {
        "row": ROW,
        "step": "Follow-up",
        "start": "2026-11-23T09:00-05:00",
        "end": "2026-11-27T23:59-05:00",
        "due": "2026-11-27T23:59-05:00",
        "status": "Due now",  # the window is open and Seán is still waiting
        "action": "Follow-ups (1 of 2 done)",
        "person": "Seán O'Donnell",
        "rule": "F1",
    }
    assert [w["step"] for w in data.windows] == ["Thank-you", "Follow-up"]


def test_eager_follow_up_rounds_are_numbered(make_application: ApplicationFactory) -> None:
    """As an eager user I see my early call and the standard follow-up as two rounds."""
    data = timeline_data([make_application(profile="eager")], NOW, LONDON)

    follow_ups = [m for m in data.moments if m["step"] == "Follow-up"]
    assert [(m["start"], m["due"], m["action"]) for m in follow_ups] == [
        ("2026-11-19T09:00-05:00", "2026-11-20T23:59-05:00", "Follow-ups (0 of 2 done)"),
        ("2026-11-23T09:00-05:00", "2026-11-27T23:59-05:00", "Follow-ups, round 2 (0 of 2 done)"),
    ]


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
    assert _labels(spec) == rows
    assert [record["row"] for record in _table(spec)] == [0] * 4 + [1] * 4
    contoso_follow_up = [m for m in data.moments if m["row"] == rows[1] and m["rule"] == "F1"]
    assert [(m["due"], m["status"]) for m in contoso_follow_up] == [
        ("2026-11-19T23:59-05:00", "Due now")
    ]


def test_closed_applications_are_not_drawn(make_application: ApplicationFactory) -> None:
    """As a user with an offer in hand I no longer see that application on the timeline."""
    closed = make_application(company="Globex", status="offer", contacts=_thanked("priya"))
    data = timeline_data([closed, make_application()], NOW, LONDON)

    assert data.rows == [ROW]
    assert {m["row"] for m in data.moments} == {ROW}
    assert "Globex" not in json.dumps(_spec(data), ensure_ascii=False)


def test_only_closed_applications_draw_nothing(make_application: ApplicationFactory) -> None:
    """As a user whose every application is closed I see an empty timeline, not an error."""
    data = timeline_data([make_application(status="offer")], NOW, LONDON)

    assert (data.rows, data.moments, data.windows) == ([], [], [])
    spec = _spec(data)
    assert spec["height"] == 140
    assert _table(spec) == []


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
    assert {m["row"] for m in data.moments} == {label}


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


def test_each_label_is_written_once(make_application: ApplicationFactory) -> None:
    """As a user with many applications I get a chart page that stays small: one table for the
    bars and the points, each row's label written once, each record a row number."""
    apps = [make_application(company=f"Company {n:02d}") for n in range(30)]
    data = timeline_data(apps, NOW, LONDON)
    spec = _spec(data)

    assert len(spec["datasets"]) == 2  # the steps, and the moment now
    assert len(_table(spec)) == len(data.moments) == 120
    text = json.dumps(spec, ensure_ascii=False)
    for row in data.rows:
        assert text.count(f'"{row}"') == 1
    assert {type(record["row"]) for record in _table(spec)} == {int}


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

    assert len(data.windows) == 2
    assert len(_table(spec)) == 4
    assert all(set(record) == TABLE_KEYS for record in _table(spec))
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
    assert _labels(spec) == [row]
    moments = _drawn(spec)
    assert {m["row"] for m in moments} == {row}
    assert moments[3]["action"] == "Move on from <script>alert(1)</script> if there is no reply"
    text = json.dumps(spec, ensure_ascii=False)
    assert "&lt;" not in text
    assert "&gt;" not in text
