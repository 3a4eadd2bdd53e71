"""The debrief sorted by an LLM, against a real loopback OpenAI-compatible server: the JSON
schema asked for, the answers a model gives (clean, fenced, broken, a refusal), a server that
refuses the schema, and the failures every LLM call can meet."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from lib.debrief_llm import ANSWER_TOKENS, OFFLINE_SPLIT, SCHEMA, read_answer, sort_debrief
from lib.llm import LLMError, LLMSettings
from lib.model import Interviewer
from tests.fake_openai import FakeOpenAI, answer, reply, status

TODAY = date(2026, 12, 1)
PANEL = [
    Interviewer(id="priya", name="Priya Raghunathan", title="Staff Data Engineer"),
    Interviewer(id="marcus", name="Marcus Lee", title="Engineering Manager"),
]
DEBRIEF = (
    "Priya asked how I'd move their batch jobs to streaming, she's worried I haven't run Kafka "
    "in production; Marcus and I talked schema drift; both seemed to like the dbt story; "
    "they'll decide by the 12th. Dana from HR asked about my notice period."
)
SORTED = {
    "people": [
        {
            "id": "priya",
            "asked": "how I'd move their batch jobs to streaming",
            "concerns": "I haven't run Kafka in production",
            "discussed": "",
            "personal_touch": "",
        },
        {
            "id": "marcus",
            "asked": "",
            "concerns": "",
            "discussed": "schema drift",
            "personal_touch": "",
        },
    ],
    "went_well": "both seemed to like the dbt story",
    "went_badly": "",
    "stood_out": "",
    "decision_date": "2026-12-12",
    "unknown_names": ["Dana"],
}


def settings_for(server: FakeOpenAI) -> LLMSettings:
    """Settings that talk to the fake server, with short waits and no retries."""
    return LLMSettings(
        model="gpt-4o-mini", base_url=server.base_url, api_key="sk-test-1234", timeout=2.0,
        max_retries=0,
    )  # fmt: skip


def test_a_schema_answer_becomes_each_persons_notes(fake_openai: FakeOpenAI) -> None:
    """The model fills the schema: each person's fields, the application's, the date, Dana."""
    fake_openai.enqueue(reply(json.dumps(SORTED)))

    debrief = sort_debrief(settings_for(fake_openai), DEBRIEF, PANEL, TODAY)

    assert debrief.people == {
        "priya": {
            "asked": "how I'd move their batch jobs to streaming",
            "concerns": "I haven't run Kafka in production",
        },
        "marcus": {"discussed": "schema drift"},
    }
    assert debrief.application == {"went_well": "both seemed to like the dbt story"}
    assert debrief.decision_date == date(2026, 12, 12)
    assert debrief.unknown_names == ("Dana",)
    [request] = fake_openai.requests
    shape = request.body["response_format"]
    assert shape["type"] == "json_schema"
    assert shape["json_schema"]["strict"] is True
    assert shape["json_schema"]["schema"] == SCHEMA
    assert request.body["temperature"] == 0
    assert request.body["max_tokens"] == ANSWER_TOKENS
    system, user = request.body["messages"]
    assert "never add, guess or embellish" in system["content"]
    assert "id priya: Priya Raghunathan (Staff Data Engineer)" in user["content"]
    assert DEBRIEF in user["content"]
    assert "count from Tuesday 2026-12-01, the day of the interview" in user["content"]


def test_a_server_without_schemas_is_asked_in_json_mode_then_plainly(
    fake_openai: FakeOpenAI,
) -> None:
    """A server that answers 400 to a JSON schema, then to JSON mode, still sorts the debrief:
    the third request asks in the prompt alone, and the answer is read from among words."""
    fake_openai.enqueue(status(400, "response_format json_schema is not supported"))
    fake_openai.enqueue(status(400, "Unknown response_format type: json_object"))
    fake_openai.enqueue(reply("Here are the notes:\n```json\n" + json.dumps(SORTED) + "\n```"))

    debrief = sort_debrief(settings_for(fake_openai), DEBRIEF, PANEL, TODAY)

    assert debrief.people["marcus"] == {"discussed": "schema drift"}
    shapes = [request.body.get("response_format") for request in fake_openai.requests]
    assert [shape and shape["type"] for shape in shapes] == ["json_schema", "json_object", None]


def test_another_bad_request_is_not_taken_for_a_refused_format(fake_openai: FakeOpenAI) -> None:
    """A 400 about something else (the model name, say) is reported at once, not retried."""
    fake_openai.enqueue(status(400, "The model `gpt-9` does not exist"))

    with pytest.raises(LLMError) as caught:
        sort_debrief(settings_for(fake_openai), DEBRIEF, PANEL, TODAY)

    assert caught.value.kind == "bad_request"
    assert OFFLINE_SPLIT in caught.value.message
    assert "offline composer" not in caught.value.message
    assert len(fake_openai.requests) == 1


def test_a_broken_json_answer_says_so_and_points_offline(fake_openai: FakeOpenAI) -> None:
    """An answer cut inside its JSON is not guessed at: a clear error, the raw answer kept."""
    broken = json.dumps(SORTED)[:120]
    fake_openai.enqueue(reply(broken))

    with pytest.raises(LLMError) as caught:
        sort_debrief(settings_for(fake_openai), DEBRIEF, PANEL, TODAY)

    assert caught.value.kind == "garbled"
    assert "its JSON is broken" in caught.value.message
    assert caught.value.message.endswith(f"Try again, {OFFLINE_SPLIT}.")
    assert caught.value.partial == broken


def test_a_refusal_is_quoted_and_points_offline(fake_openai: FakeOpenAI) -> None:
    """A model that declines (structured outputs' refusal field) is quoted, not shown as notes."""
    fake_openai.enqueue(
        answer(
            200,
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": "gpt-4o-mini",
                "choices": [
                    {
                        "index": 0,
                        "message": {
                            "role": "assistant",
                            "content": None,
                            "refusal": "I'm sorry, I can't help with that request.",
                        },
                        "logprobs": None,
                        "finish_reason": "stop",
                    }
                ],
            },
        )
    )

    with pytest.raises(LLMError) as caught:
        sort_debrief(settings_for(fake_openai), DEBRIEF, PANEL, TODAY)

    assert caught.value.kind == "refused"
    assert "I'm sorry, I can't help with that request." in caught.value.message
    assert OFFLINE_SPLIT in caught.value.message


def test_a_wrong_key_points_to_the_offline_splitter(fake_openai: FakeOpenAI) -> None:
    """A refused key says what to do, and that the offline splitter is the way out."""
    fake_openai.enqueue(status(401, "Incorrect API key provided"))

    with pytest.raises(LLMError) as caught:
        sort_debrief(settings_for(fake_openai), DEBRIEF, PANEL, TODAY)

    assert caught.value.kind == "auth"
    assert OFFLINE_SPLIT in caught.value.message
    assert "sk-test-1234" not in caught.value.message


def test_an_answer_is_checked_against_the_panel() -> None:
    """Ids not on the panel, fields nobody asked for, non-text values, a panel member among the
    unknown names and an impossible date are all left out; long notes are cut."""
    raw = json.dumps(
        {
            "people": [
                {"id": "priya", "asked": "  how I'd\nscale it ", "salary": "leak", "concerns": 3},
                {"id": "someone-else", "asked": "made up"},
                "not an object",
            ],
            "went_well": "x" * 9_000,
            "went_badly": None,
            "decision_date": "2026-02-30",
            "unknown_names": ["Dana", "dana", "Priya Raghunathan", " ", 7, "Tom"],
        }
    )

    debrief = read_answer(raw, PANEL, TODAY)

    assert debrief.people == {"priya": {"asked": "how I'd scale it"}}
    assert debrief.application["went_well"] == "x" * 4_000
    assert debrief.decision_date is None
    assert debrief.unknown_names == ("Dana", "dana", "Tom")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2026-12-12", date(2026, 12, 12)),
        ("2027-06-01", date(2027, 6, 1)),
        ("2029-01-01", None),  # more than a year away: not a decision date
        ("next Friday", None),  # the schema asks for a date; words are not one
        ("", None),
    ],
)
def test_only_a_real_date_near_today_is_a_decision_date(given: str, expected: date | None) -> None:
    """The decision date is kept only when it is an ISO date within a year of today."""
    raw = json.dumps({"people": [], "decision_date": given})
    assert read_answer(raw, PANEL, TODAY).decision_date == expected


def test_an_answer_without_json_is_refused() -> None:
    """Prose instead of the object: a ValueError that says there was no JSON."""
    with pytest.raises(ValueError, match="no JSON object"):
        read_answer("Priya asked about streaming.", PANEL, TODAY)
