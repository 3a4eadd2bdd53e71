"""An LLM draft is checked and repaired once; a failing LLM never loses the draft; an answer
that is not a note is refused; the user is told honestly what the revision did."""

from __future__ import annotations

import pytest

from lib.drafting import FIXED, NOT_FIXED, draft_with_llm, not_a_note, refusal
from lib.llm import LLMError, LLMSettings
from lib.model import Sender
from lib.review import errors
from tests.conftest import PRIYA_THANK_YOU, ApplicationFactory
from tests.fake_openai import FakeOpenAI, reply, status

SENDER = Sender(name="Alex Morgan")
GOOD = PRIYA_THANK_YOU
MISSPELT = GOOD.replace("experience", "experiense")
TWO_WRONG = MISSPELT.replace("exactly", "exactlly")
THREE_WRONG = TWO_WRONG.replace("excited", "excitted")


def settings_for(server: FakeOpenAI) -> LLMSettings:
    """Settings that talk to the loopback server, quickly."""
    return LLMSettings(model="test-model", base_url=server.base_url, timeout=2, max_retries=0)


def test_a_clean_draft_is_not_sent_back(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """A draft with no error is kept as written, with one request only."""
    app = make_application()
    fake_openai.enqueue(reply(GOOD))
    result = draft_with_llm(settings_for(fake_openai), app, app.interviewers[0], SENDER)
    assert (result.text, result.revised, errors(result.findings)) == (GOOD, False, [])
    assert len(fake_openai.requests) == 1


def test_a_draft_with_errors_is_revised_once_with_its_findings(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """A misspelt draft goes back once, carrying the finding; the fixed note is kept."""
    app = make_application()
    fake_openai.enqueue(reply(MISSPELT), reply(GOOD))
    result = draft_with_llm(settings_for(fake_openai), app, app.interviewers[0], SENDER)
    assert (result.text, result.revised, errors(result.findings)) == (GOOD, True, [])
    assert result.summary == FIXED == "The first draft had errors; the revision fixed them."
    revision_request = fake_openai.requests[1].body["messages"]
    assert revision_request[-2] == {"role": "assistant", "content": MISSPELT}
    assert "[T11, error]" in revision_request[-1]["content"]
    assert "experiense" in revision_request[-1]["content"]


def test_a_revision_that_is_worse_is_discarded(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """If the revision has more errors than the draft, the draft and its findings are kept."""
    app = make_application()
    fake_openai.enqueue(reply(MISSPELT), reply("[Name], thanks."))
    result = draft_with_llm(settings_for(fake_openai), app, app.interviewers[0], SENDER)
    assert (result.text, result.revised) == (MISSPELT, False)
    assert [f.rule for f in errors(result.findings)] == ["T11"]
    assert result.summary == NOT_FIXED
    assert len(fake_openai.requests) == 2


def test_a_revision_that_is_no_better_is_not_called_a_fix(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """A revision that trades one misspelling for another keeps the first draft, and says the
    revision did not fix the errors (it used to be kept and called a fix)."""
    app = make_application()
    fake_openai.enqueue(reply(MISSPELT), reply(GOOD.replace("excited", "excitted")))
    result = draft_with_llm(settings_for(fake_openai), app, app.interviewers[0], SENDER)
    assert (result.text, result.revised) == (MISSPELT, False)
    assert result.summary == (
        "The automatic revision did not fix the errors; the first draft is kept."
    )


def test_a_better_revision_with_errors_left_says_how_many_remain(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """Three misspellings, revised down to two: the revision is kept, and the message says two
    problems remain rather than that they were fixed."""
    app = make_application()
    fake_openai.enqueue(reply(THREE_WRONG), reply(TWO_WRONG))
    result = draft_with_llm(settings_for(fake_openai), app, app.interviewers[0], SENDER)
    assert (result.text, result.revised) == (TWO_WRONG, True)
    assert len(errors(result.findings)) == 2
    assert result.summary == "Revised once; 2 problems remain (see below)."


def test_a_revision_that_is_not_a_note_keeps_the_first_draft(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """A revision made of an empty code fence is refused: the first draft stays, and why."""
    app = make_application()
    fake_openai.enqueue(reply(MISSPELT), reply("```\n```"))
    result = draft_with_llm(settings_for(fake_openai), app, app.interviewers[0], SENDER)
    assert (result.text, result.revised) == (MISSPELT, False)
    assert result.summary == (
        "The automatic revision was not a note (it held only markup or punctuation); the first "
        "draft is kept."
    )


def test_a_first_answer_that_is_not_a_note_is_refused(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """An answer full of control characters is not returned as a draft, nor sent back."""
    app = make_application()
    fake_openai.enqueue(reply("Dear Priya,\x1b[31m thank you\x07"))
    with pytest.raises(LLMError) as caught:
        draft_with_llm(settings_for(fake_openai), app, app.interviewers[0], SENDER)
    assert caught.value.kind == "not_a_note"
    assert caught.value.message == (
        "The model's answer was not a note (it held control characters). The previous draft is "
        "kept; try again, or use the offline composer."
    )
    assert len(fake_openai.requests) == 1


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("Dear Priya,\x00 thanks", "it held NUL bytes"),
        ("Dear Priya, thanks \ufffd\ufffd", "it held broken characters (U+FFFD)"),
        ("Dear Priya,\x0b thanks", "it held control characters"),
        ("Dear Priya,\x85 thanks", "it held control characters"),
        ("```\n```", "it held only markup or punctuation"),
        ("<div></div>", "it held only markup or punctuation"),
        ("***", "it held only markup or punctuation"),
        ("# ", "it held only markup or punctuation"),
        (" \n\t", "it was empty"),
    ],
)
def test_answers_that_cannot_be_a_note(answer: str, reason: str) -> None:
    """Control characters, broken characters and bare markup are not a note, each with why."""
    assert not_a_note(answer) == reason
    assert refusal(reason).startswith(f"The model's answer was not a note ({reason}).")


@pytest.mark.parametrize(
    "answer",
    [GOOD, GOOD.replace("\n", "\r\n"), "Dear Priya,\n\tThank you.", "<p>Dear Zoë</p>", "Ok"],
)
def test_real_notes_are_not_refused_whatever_their_quality(answer: str) -> None:
    """Line feeds, CRLF line ends, tabs, accents and a stray tag around words are a note (the
    checker judges its quality, not this test)."""
    assert not_a_note(answer) is None


def test_a_failed_revision_keeps_the_first_draft_and_says_why(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """When the revision request fails, the user still gets the first draft and the reason."""
    app = make_application()
    fake_openai.enqueue(reply(MISSPELT), status(500, "overloaded"))
    result = draft_with_llm(settings_for(fake_openai), app, app.interviewers[0], SENDER)
    assert (result.text, result.revised) == (MISSPELT, False)
    assert "500" in result.revision_error or "server" in result.revision_error.lower()


def test_a_follow_up_is_checked_against_the_thank_you(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """Resending the thank-you as a follow-up is an error (F2, T4), so it is sent back once."""
    app = make_application()
    fake_openai.enqueue(reply(GOOD), reply(GOOD))
    result = draft_with_llm(
        settings_for(fake_openai), app, app.interviewers[0], SENDER, kind="follow_up",
        thank_you=GOOD,
    )  # fmt: skip
    assert [f.rule for f in errors(result.findings)] == ["T4"]
    assert len(fake_openai.requests) == 2
    assert GOOD in fake_openai.requests[0].body["messages"][-1]["content"]
