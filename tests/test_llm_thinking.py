"""Keeping a model's thinking out of the note: ThinkingFilter on a stream, strip_thinking on a
whole answer. Pure functions and a clock; no server."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib import llm_thinking
from lib.llm_thinking import ThinkingFilter, strip_thinking
from tests.fake_openai import SteppingClock

NOTE = "Dear Priya,\n\nThank you for the conversation about streaming."


def through(pieces: Iterable[str], thinking: ThinkingFilter | None = None) -> str:
    """Feed chunks through a filter as stream_chat does and return the note it passes on."""
    thinking = thinking or ThinkingFilter()
    return "".join(thinking.content(piece) for piece in pieces) + thinking.finish()


def split(text: str, cuts: Iterable[int]) -> list[str]:
    """Cut text at the given offsets (in any order, repeats allowed) into chunks."""
    bounds = [0, *sorted(set(cuts)), len(text)]
    return [text[start:end] for start, end in pairwise(bounds)]


# -- ThinkingFilter ------------------------------------------------------------------------


def test_a_note_without_thinking_streams_as_it_arrives() -> None:
    """An ordinary model: each chunk reaches the user at once, not held back to the end."""
    thinking = ThinkingFilter()

    assert thinking.content("Dear ") == "Dear "
    assert thinking.content("Priya,") == "Priya,"
    assert thinking.finish() == ""
    assert not thinking.thought()


def test_a_chunk_that_may_open_a_tag_is_held_until_it_is_known() -> None:
    """A note that starts with "<" might be thinking: it is held back until the next chunk shows
    it is not, then passed on whole."""
    thinking = ThinkingFilter()

    assert thinking.content("<") == ""
    assert thinking.content("thi") == ""
    assert thinking.content("s is no tag> Dear Priya") == "<this is no tag> Dear Priya"
    assert not thinking.thought()


def test_a_tag_start_at_the_very_end_is_given_back_by_finish() -> None:
    """An answer that is only "<th" (a stop right after it): nothing is lost at the end."""
    thinking = ThinkingFilter()

    assert thinking.content("<th") == ""
    assert thinking.finish() == "<th"


@pytest.mark.parametrize("tag", ["think", "thinking", "THINK"])
def test_thoughts_in_tags_are_dropped_with_the_blank_lines_after_them(tag: str) -> None:
    """A model thinks aloud in <think> (or <thinking>, in any case): only the note comes out,
    without the blank lines between the thoughts and the note."""
    pieces = ["\n", f"<{tag}>", "The user wants a note.", f"</{tag}>", "\n\n", NOTE]

    thinking = ThinkingFilter()
    assert through(pieces, thinking) == NOTE
    assert thinking.thought()


def test_thoughts_that_never_end_give_no_note() -> None:
    """The answer stops inside <think>: nothing of a note was written, so nothing comes out."""
    thinking = ThinkingFilter()

    assert through(["<think>", "First, the user ", "wants </thi"], thinking) == ""
    assert thinking.thought()


def test_a_think_tag_inside_the_note_is_left_alone() -> None:
    """Once the note has begun, "<think>" in it is the user's text, not the model's thoughts."""
    text = "Dear Priya, I <think> we agreed </think> on Dagster."

    assert through(split(text, range(0, len(text), 3))) == text


def test_thinking_is_reported_once_a_second_while_it_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page says "thinking… N s": on_thinking hears when thinking starts and each new whole
    second after, never the same second twice, and thinking_seconds keeps the total."""
    monkeypatch.setattr(llm_thinking, "time", SteppingClock(0.3))
    seconds: list[float] = []
    thinking = ThinkingFilter(on_thinking=seconds.append)

    for thought in ["The ", "user ", "wants ", "a ", "short ", "note ", "for ", "Priya."]:
        thinking.reasoning(thought)
    thinking.reasoning("")  # an empty thinking field is no thinking

    assert [int(value) for value in seconds] == [0, 1, 2]
    assert seconds == sorted(seconds)
    assert thinking.thinking_seconds == pytest.approx(2.1)
    assert thinking.thought()
    assert thinking.content(NOTE) == NOTE


def test_no_thinking_means_no_report() -> None:
    """A model that does not think: on_thinking is never called and no time is counted."""
    seconds: list[float] = []
    thinking = ThinkingFilter(on_thinking=seconds.append)

    assert through(["Dear ", "Priya"], thinking) == "Dear Priya"
    thinking.reasoning("")

    assert seconds == []
    assert thinking.thinking_seconds == 0.0


# -- properties ----------------------------------------------------------------------------

# Text rich in the characters of tags, so the draws come close to "<think>" and "</think>".
TAGGY = st.text(st.sampled_from("<>/thinkgTHINK \n") | st.characters(), max_size=40)


def no_closing_tag(text: str) -> bool:
    """Whether text holds no closing think tag (matched in any case, as the filter does)."""
    return "</think>" not in text.lower()


def no_think_tag(text: str) -> bool:
    """Whether text holds no opening think tag ("<thinker>" and a bare "<think" are no tag)."""
    lowered = text.lower()
    return "<think>" not in lowered and "<thinking>" not in lowered


@given(
    thought=TAGGY.filter(no_closing_tag),
    note=TAGGY.filter(lambda text: text == text.lstrip() and not text.startswith("<")),
    data=st.data(),
)
def test_the_note_after_thoughts_comes_out_exactly_however_the_stream_is_cut(
    thought: str, note: str, data: st.DataObject
) -> None:
    """Whatever the thoughts, the note and the chunking, the user gets exactly the note."""
    answer = "<think>" + thought + "</think>\n\n" + note
    cuts = data.draw(st.lists(st.integers(0, len(answer)), max_size=12), label="cuts")

    assert through(split(answer, cuts)) == note


@given(
    text=st.tuples(
        st.sampled_from(["", "<", "<t", "<thin", " <think", "<thinkin", "<thinker>"]), TAGGY
    )
    .map("".join)
    .filter(no_think_tag),
    data=st.data(),
)
def test_text_without_a_think_tag_passes_through_unchanged(text: str, data: st.DataObject) -> None:
    """A model that does not think: its answer reaches the user unchanged, however it is cut."""
    cuts = data.draw(st.lists(st.integers(0, len(text)), max_size=12), label="cuts")

    assert through(split(text, cuts)) == text


# -- strip_thinking ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        f"<think>The user wants a note.</think>\n\n{NOTE}",
        f"  <THINKING>\nPlan: thank her.\n</THINKING>{NOTE}",
        f"Okay, the user wants a note to Priya.\n</think>\n\n{NOTE}",  # opened by the template
    ],
    ids=["think", "thinking-uppercase", "opened-in-the-prompt"],
)
def test_strip_thinking_returns_the_note_alone(answer: str) -> None:
    """A whole answer with thoughts (even one whose <think> was in the prompt): only the note."""
    assert strip_thinking(answer) == NOTE


def test_strip_thinking_of_thoughts_that_never_end_is_empty() -> None:
    """An answer cut inside <think>: no note at all, so "" (the caller says why)."""
    assert strip_thinking("<think>The user wants a note, so first I") == ""


@pytest.mark.parametrize(
    "answer",
    [NOTE, "<b>Dear Priya</b>", f"{NOTE} I <think> we agreed on Dagster.", ""],
    ids=["plain", "other-tag", "tag-inside-the-note", "empty"],
)
def test_strip_thinking_leaves_an_answer_without_thoughts_alone(answer: str) -> None:
    """An answer that does not open with thinking, nor close any, is returned unchanged."""
    assert strip_thinking(answer) == answer
