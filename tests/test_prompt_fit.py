"""Prompts that fit the model: a budget per note, the panel's earlier notes summarised or left
out when the server's context is small, a revision that carries each finding once and fits,
and one retry with a larger budget after the model stops at its token limit."""

from __future__ import annotations

import pytest

from lib import drafting
from lib.drafting import (
    Prompt,
    answer_budget,
    complete_note,
    draft_with_llm,
    estimate_tokens,
    prompt_for,
    repair,
)
from lib.llm import LLMError, LLMSettings
from lib.model import Application, Sender
from lib.prompts import revision_messages, summarise_note
from lib.review import Finding, grouped
from tests.conftest import PRIYA_THANK_YOU, ApplicationFactory
from tests.fake_openai import FakeOpenAI, reply

SENDER = Sender(name="Alex Morgan")
SETTINGS = LLMSettings(model="small", base_url="http://127.0.0.1:9/v1")
EARLIER = [
    PRIYA_THANK_YOU.replace("Priya", name) + (" I enjoyed every part of our talk." * 40)
    for name in ("Marcus", "Dana", "Lee")
]


def settings_for(server: FakeOpenAI) -> LLMSettings:
    """Settings that talk to the loopback server, quickly."""
    return LLMSettings(model="small", base_url=server.base_url, timeout=5, max_retries=0)


def needed(app: Application, others: list[str], summarised: bool = False) -> int:
    """Return the context a prompt to the first person needs: estimate plus answer budget."""
    person = app.interviewers[0]
    messages = drafting.messages_for(app, person, SENDER, others, summarised=summarised)
    return estimate_tokens(messages) + answer_budget(app, person, "thank_you", "")


def test_the_budget_fits_the_longest_note_the_rules_allow(
    make_application: ApplicationFactory,
) -> None:
    """An email gets room for 250 words, a card for 120, a follow-up for less than its thank-you."""
    app = make_application()
    person = app.interviewers[0]
    card = app.model_copy(update={"channel": "handwritten"})
    email_budget = answer_budget(app, person, "thank_you", "")
    assert email_budget > 250 * 1.5  # more than a tokenizer needs for 250 English words
    assert answer_budget(card, person, "thank_you", "") < email_budget
    assert answer_budget(app, person, "follow_up", PRIYA_THANK_YOU) < email_budget


def test_without_a_known_context_the_whole_prompt_goes(
    make_application: ApplicationFactory,
) -> None:
    """OpenAI, or a server that does not say: the earlier notes go whole and nothing is said."""
    app = make_application()
    prompt = prompt_for(SETTINGS, None, app, app.interviewers[0], SENDER, EARLIER)
    assert prompt.messages == drafting.messages_for(app, app.interviewers[0], SENDER, EARLIER)
    assert prompt.note == ""


def test_earlier_notes_go_as_their_opening_words_when_whole_they_would_not_fit(
    make_application: ApplicationFactory,
) -> None:
    """A small context: each earlier note is cut to its opening words, and the user is told."""
    app = make_application()
    context = needed(app, EARLIER, summarised=True) + 10
    assert needed(app, EARLIER) > context
    prompt = prompt_for(SETTINGS, context, app, app.interviewers[0], SENDER, EARLIER)
    user = prompt.messages[-1]["content"]
    assert "opening words of the notes already written" in user
    assert "I enjoyed every part of our talk. I enjoyed" not in user
    assert summarise_note(EARLIER[0]) in user
    assert estimate_tokens(prompt.messages) + prompt.max_tokens <= context
    assert prompt.note == (
        "The 3 earlier notes to this panel went to the model as their opening words, so the "
        f"prompt fits its context of {context:,} tokens."
    )


def test_earlier_notes_are_left_out_when_even_their_opening_words_do_not_fit(
    make_application: ApplicationFactory,
) -> None:
    """A smaller context still: no earlier note goes, and the user learns the checker still
    compares the draft with them."""
    app = make_application()
    context = needed(app, []) + 5
    prompt = prompt_for(SETTINGS, context, app, app.interviewers[0], SENDER, EARLIER)
    assert "already written to other people" not in prompt.messages[-1]["content"]
    assert "left out of the prompt" in prompt.note
    assert "the checker still compares the draft with them" in prompt.note


def test_a_prompt_that_cannot_fit_is_refused_before_anything_is_sent(
    make_application: ApplicationFactory,
) -> None:
    """A context smaller than the shortest prompt: a context error naming the size and the fix."""
    app = make_application()
    with pytest.raises(LLMError) as caught:
        prompt_for(SETTINGS, 1024, app, app.interviewers[0], SENDER, EARLIER)
    assert caught.value.kind == "context"
    assert "context of 1,024 tokens" in caught.value.message
    assert "-c 8192" in caught.value.message
    assert "num_ctx" in caught.value.message


def test_a_note_summary_drops_the_greeting_and_keeps_the_opening_words() -> None:
    """A summary starts with the body, not "Dear Priya,", and ends with an ellipsis."""
    summary = summarise_note(PRIYA_THANK_YOU, words=12)
    assert not summary.startswith("Subject")
    assert "Dear Priya" not in summary
    assert summary.endswith(" …")
    assert len(summary.split()) == 13


def test_the_same_finding_many_times_goes_back_once_with_its_count() -> None:
    """Sixteen echoes of one problem are one line of the revision request, "(16 times)"."""
    echo = Finding("T11", "error", "Remove the data tags copied from the prompt.")
    other = Finding("T10", "warning", "The note is long.")
    findings = [echo] * 16 + [other]
    assert grouped(findings) == [(echo, 16), (other, 1)]
    request = revision_messages([{"role": "user", "content": "x"}], "draft", findings)[-1]
    assert request["content"].count("Remove the data tags") == 1
    assert "(16 times)" in request["content"]


def test_grouping_lists_errors_first_and_keeps_distinct_causes_apart() -> None:
    """Two different misspellings are two lines; a warning found first still comes after."""
    warning = Finding("T10", "warning", "The note is long.")
    first = Finding("T11", "error", '"experiense" looks misspelt.')
    second = Finding("T11", "error", '"exactlly" looks misspelt.')
    assert grouped([warning, first, second, first]) == [(first, 2), (second, 1), (warning, 1)]


def test_a_revision_uses_a_smaller_form_of_the_prompt_when_the_whole_one_would_not_fit(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """The first draft fitted with the earlier notes whole; the revision, longer by the draft,
    goes with them summarised instead of being refused by the server."""
    app = make_application()
    person = app.interviewers[0]
    context = needed(app, EARLIER) + 20
    prompt = prompt_for(SETTINGS, context, app, person, SENDER, EARLIER)
    assert prompt.note == ""  # the first request went whole
    misspelt = PRIYA_THANK_YOU.replace("experience", "experiense")
    fake_openai.enqueue(reply(PRIYA_THANK_YOU))
    result = repair(settings_for(fake_openai), prompt, misspelt, app, person, EARLIER, SENDER)
    assert result.text == PRIYA_THANK_YOU
    sent = fake_openai.requests[0].body["messages"]
    assert estimate_tokens(sent) + prompt.max_tokens <= context
    assert "opening words of the notes" in sent[1]["content"]


def test_a_revision_that_fits_no_form_keeps_the_draft_and_says_why(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """Nothing is sent when even the smallest revision would overflow; the draft is kept."""
    app = make_application()
    person = app.interviewers[0]
    tight = Prompt(drafting.messages_for(app, person, SENDER, []), 600, context=900)
    misspelt = PRIYA_THANK_YOU.replace("experience", "experiense")
    result = repair(settings_for(fake_openai), tight, misspelt, app, person, [], SENDER)
    assert result.text == misspelt
    assert "do not fit the model's context of 900 tokens" in result.summary
    assert fake_openai.requests == []


def test_a_length_stop_is_asked_once_more_with_a_larger_budget(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """The first answer stops at the limit; the second, with twice the room, is kept."""
    app = make_application()
    fake_openai.enqueue(reply("Dear Priya, thank you for", "length"), reply(PRIYA_THANK_YOU))
    result = draft_with_llm(settings_for(fake_openai), app, app.interviewers[0], SENDER)
    assert result.text == PRIYA_THANK_YOU
    first, second = (request.body["max_tokens"] for request in fake_openai.requests)
    assert second == 2 * first


def test_a_second_length_stop_is_reported_with_the_text_so_far(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """Two stops at the limit: a "length" error carrying the fragment, never a finished note."""
    app = make_application()
    fake_openai.enqueue(reply("Dear Priya,", "length"), reply("Dear Priya, thank", "length"))
    with pytest.raises(LLMError) as caught:
        draft_with_llm(settings_for(fake_openai), app, app.interviewers[0], SENDER)
    assert caught.value.kind == "length"
    assert caught.value.partial == "Dear Priya, thank"
    assert "stopped before the end" in caught.value.message


def test_no_retry_when_the_context_has_no_room_for_a_larger_budget(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """A context just big enough for the first budget: one request, then the length error."""
    app = make_application()
    person = app.interviewers[0]
    messages = drafting.messages_for(app, person, SENDER, [])
    prompt = Prompt(messages, 600, context=estimate_tokens(messages) + 600)
    assert prompt.retry_tokens() is None
    fake_openai.enqueue(reply("Dear Priya,", "length"))
    with pytest.raises(LLMError):
        complete_note(settings_for(fake_openai), prompt)
    assert len(fake_openai.requests) == 1


def test_a_model_that_spent_its_budget_thinking_gets_four_times_the_room(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """The first answer is all thinking when it hits the limit: the retry allows four times the
    budget (a reasoning model needs room to think and then write), and its note is kept."""
    app = make_application()
    fake_openai.enqueue(
        reply("<think>First I should recall what Priya asked", "length"), reply(PRIYA_THANK_YOU)
    )
    result = draft_with_llm(settings_for(fake_openai), app, app.interviewers[0], SENDER)
    assert result.text == PRIYA_THANK_YOU
    first, second = (request.body["max_tokens"] for request in fake_openai.requests)
    assert second == 4 * first
