"""The Insights charts: what each draws, from which table, in which colours, with which words.

The figures are those of the known log of tests/test_insights.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from lib.insight_charts import (
    FRAME_HEIGHT,
    LEGEND_HEIGHT,
    OUTCOME_COLOURS,
    RATE_LIMIT,
    TIER_COLOURS,
    budget_chart,
    element_height,
    outcome_chart,
    people_chart,
    replies_chart,
    thank_you_chart,
)
from lib.insights import Insights, insights
from tests.conftest import ApplicationFactory
from tests.test_insights import LATER, known_log


@pytest.fixture
def found(make_application: ApplicationFactory) -> Insights:
    """Every figure of the known log."""
    return insights(known_log(make_application), LATER)


def data(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows the chart embeds."""
    return spec["datasets"][spec["data"]["name"]]


def fields(encoding: dict[str, Any]) -> tuple[str, str]:
    """An encoding's field and type."""
    return encoding["field"], encoding["type"]


def tooltips(encoding: dict[str, Any]) -> list[str]:
    """The titles of an encoding's tooltip, in order."""
    return [tip["title"] for tip in encoding["tooltip"]]


def test_thank_yous_are_stacked_by_tier_per_month(found: Insights) -> None:
    """As a user I see a bar per interview month, split ideal, due, late, not sent (T2)."""
    spec = thank_you_chart(found.thank_yous).to_dict()
    assert spec["title"]["text"] == "People met, by when their thank-you went"
    assert spec["mark"]["type"] == "bar"
    encoding = spec["encoding"]
    assert fields(encoding["x"]) == ("month", "ordinal")
    assert fields(encoding["y"]) == ("people", "quantitative")
    assert encoding["color"]["scale"] == {
        "domain": ["Ideal", "Due", "Late", "Not sent", "Not due yet"],
        "range": [TIER_COLOURS[t] for t in ("ideal", "due", "late", "not_sent", "not_yet")],
    }
    assert tooltips(encoding) == ["Month", "Thank-you", "People"]
    assert {"filter": "datum.people > 0"} in spec["transform"]  # no empty segment to hover
    assert data(spec) == found.thank_yous.table().to_dict("records")  # the CSV is what is drawn
    assert spec["width"] == "container"
    assert spec["config"]["view"]["stroke"] is None  # no frame


def test_replies_show_the_rate_and_the_count_beside_each_bar(found: Insights) -> None:
    """As a user I read each group's reply rate as a bar, with "2 of 3 · 5.3 d" beside it."""
    spec = replies_chart(found.replies).to_dict()
    bars, text = spec["layer"]
    assert bars["mark"]["type"] == "bar"
    x = bars["encoding"]["x"]
    assert fields(x) == ("reply_rate", "quantitative")
    assert x["scale"]["domain"] == [0, RATE_LIMIT]
    assert x["axis"]["format"] == "%"
    assert max(x["axis"]["values"]) == 1  # the axis stops at 100%, the room is for the label
    assert bars["encoding"]["color"]["scale"]["domain"] == [
        "Channel",
        "Follow-up style",
        "Follow-up",
    ]
    assert text["mark"]["type"] == "text"
    assert [row["label"] for row in data(spec)] == [
        "2 of 3 · 5.3 d",
        "1 of 1 · 7 d",
        "0 of 1",  # no reply: no days
        "2 of 2 · 5.3 d",
        "1 of 1 · 7 d",
        "2 of 3 · 7.8 d",
        "1 of 1 · 2 d",
    ]
    y = bars["encoding"]["y"]
    assert y["sort"] == [row["group"] for row in data(spec)]  # in the table's order
    assert "Median days to a reply" in tooltips(bars["encoding"])
    assert spec["height"] == 34 * 7


def test_outcomes_are_a_bar_per_stage_split_by_status(found: Insights) -> None:
    """As a user I see interviewed, heard back and decided, each split by how it stands."""
    spec = outcome_chart(found.outcomes).to_dict()
    encoding = spec["encoding"]
    stages = ["Interviewed", "Heard back", "Decided"]
    assert encoding["y"]["sort"] == stages
    assert encoding["y"]["scale"]["domain"] == stages
    assert fields(encoding["x"]) == ("applications", "quantitative")
    assert encoding["color"]["scale"] == {
        "domain": ["Offer", "Not selected", "Withdrawn", "Moved on", "Still open"],
        "range": [
            OUTCOME_COLOURS[s] for s in ("offer", "rejected", "withdrawn", "moved_on", "open")
        ],
    }
    drawn = [r for r in data(spec) if r["applications"]]
    assert [(r["stage"], r["status"], r["applications"]) for r in drawn] == [
        ("Interviewed", "Offer", 1),
        ("Interviewed", "Not selected", 1),
        ("Interviewed", "Moved on", 1),
        ("Interviewed", "Still open", 2),
        ("Heard back", "Offer", 1),
        ("Heard back", "Not selected", 1),
        ("Heard back", "Still open", 1),
        ("Decided", "Offer", 1),
        ("Decided", "Not selected", 1),
        ("Decided", "Moved on", 1),
    ]


def test_budget_is_a_bar_per_use_split_by_style(found: Insights) -> None:
    """As a user I see how many people I stopped for at the limit, and went past it for."""
    spec = budget_chart(found.budget).to_dict()
    encoding = spec["encoding"]
    uses = ["Under the limit", "Stopped at the limit", "Past the limit"]
    assert encoding["y"]["sort"] == uses
    assert encoding["y"]["scale"]["domain"] == uses  # a row even when nobody is in it
    assert encoding["color"]["scale"]["domain"] == [
        "Cautious style",
        "Standard style",
        "Eager style",
    ]
    assert tooltips(encoding) == ["Follow-ups", "Style", "People"]
    assert encoding["color"]["legend"]["columns"] == {"expr": "width < 300 ? 2 : 3"}  # a phone
    past = [r for r in data(spec) if r["use"] == "Past the limit" and r["people"]]
    assert past == [{"style": "Cautious style", "use": "Past the limit", "people": 1}]


def test_people_are_counted_with_the_number_written(found: Insights) -> None:
    """As a user I see the people met, thanked, met in a no and kept, each count written."""
    spec = people_chart(found.people).to_dict()
    bars, text = spec["layer"]
    assert bars["mark"]["type"] == "bar"
    assert text["encoding"]["text"]["field"] == "count"
    assert bars["encoding"]["y"]["sort"] == [
        "Met",
        "Thanked",
        "Met in a no",
        "Kept after a no",
    ]
    assert [r["count"] for r in data(spec)] == [7, 5, 2, 1]


def test_the_palettes_tell_every_category_apart() -> None:
    """No two categories of one chart share a colour."""
    for colours in (TIER_COLOURS, OUTCOME_COLOURS):
        assert len(set(colours.values())) == len(colours)


def test_each_element_has_room_for_its_plot_title_axis_and_legend(found: Insights) -> None:
    """Streamlit squeezes title, axis and legend into the element: each gets room for them."""
    with_legend = thank_you_chart(found.thank_yous)
    assert element_height(with_legend) == 220 + FRAME_HEIGHT + LEGEND_HEIGHT
    assert element_height(replies_chart(found.replies)) == 34 * 7 + FRAME_HEIGHT + LEGEND_HEIGHT
    assert element_height(people_chart(found.people)) == 34 * 4 + FRAME_HEIGHT  # no legend
