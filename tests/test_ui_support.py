"""Where the app finds its LLM: this session first, then the secrets file, then the environment."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.ui_support import LLM_SESSION_KEY


def _show_configured_llm() -> None:
    """A one-line page that shows which LLM the app would use."""
    import streamlit as st

    from lib.llm import LLMError
    from lib.ui_support import configured_llm

    try:
        found = configured_llm()
        st.text(found.describe() if found else "no LLM")
    except LLMError as error:
        st.text(f"unusable: {error.message}")


def shown(at: AppTest) -> str:
    """Run the page and return what it says."""
    at.run()
    assert not at.exception, at.exception
    return at.text[0].value


def test_no_llm_anywhere_means_the_offline_composer() -> None:
    """With nothing configured there is no LLM, and no crash without a secrets file."""
    assert shown(AppTest.from_function(_show_configured_llm)) == "no LLM"


def test_the_environment_is_used_when_nothing_else_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """A local server named in the environment is found."""
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("COACH_MODEL", "llama3.1")
    assert shown(AppTest.from_function(_show_configured_llm)) == (
        "llama3.1 at http://127.0.0.1:11434/v1"
    )


def test_secrets_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model in secrets.toml beats the environment's; other settings still come from it."""
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("COACH_MODEL", "from-environment")
    at = AppTest.from_function(_show_configured_llm)
    at.secrets["COACH_MODEL"] = "from-secrets"
    assert shown(at) == "from-secrets at http://127.0.0.1:11434/v1"


def test_settings_typed_in_this_session_are_one_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings typed in Settings replace the others whole: no key from elsewhere is mixed in."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-environment")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    at = AppTest.from_function(_show_configured_llm)
    at.session_state[LLM_SESSION_KEY] = {
        "COACH_MODEL": "from-session",
        "OPENAI_BASE_URL": "http://127.0.0.1:1234/v1",
    }
    assert shown(at) == "from-session at http://127.0.0.1:1234/v1"
    at.session_state[LLM_SESSION_KEY] = {"COACH_MODEL": "gpt-4o-mini"}  # OpenAI, no key typed
    assert shown(at).startswith("unusable: ")


def test_an_unusable_configuration_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model with no key and no server says what is missing instead of failing later."""
    monkeypatch.setenv("COACH_MODEL", "gpt-4o-mini")
    assert shown(AppTest.from_function(_show_configured_llm)).startswith("unusable: ")
