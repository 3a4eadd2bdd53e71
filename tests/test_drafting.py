"""An LLM draft is checked and repaired once; a failing LLM never loses the draft."""

from __future__ import annotations

from lib.drafting import draft_with_llm
from lib.llm import LLMSettings
from lib.model import Sender
from lib.review import errors
from tests.conftest import PRIYA_THANK_YOU, ApplicationFactory
from tests.fake_openai import FakeOpenAI, reply, status

SENDER = Sender(name="Alex Morgan")
GOOD = PRIYA_THANK_YOU
MISSPELT = GOOD.replace("experience", "experiense")


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
    assert len(fake_openai.requests) == 2


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
