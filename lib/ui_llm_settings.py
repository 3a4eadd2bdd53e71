"""The Settings page's LLM section: where the model runs, a connection test that tells the truth.

Settings typed here live in the session only (``LLM_SESSION_KEY``), never in the database. The
connection test sends a one-word request and reads what the server says about itself
(``lib.llm_server``): which kind of server answered, how much it reads at once, and whether the
model named here is one it serves; when it is not, the models the server lists are offered in
one click.
"""

from __future__ import annotations

import streamlit as st

from lib import llm, llm_server
from lib.text import escape_markdown
from lib.ui_support import (
    LLM_SESSION_KEY,
    allowance_said,
    configured_llm,
    flash,
    llm_configuration,
    show_field_errors,
)

OPENAI, COMPATIBLE = "openai", "compatible"
PROVIDERS = {OPENAI: "OpenAI", COMPATIBLE: "An OpenAI-compatible server"}
PROVIDER_NOTES = {
    OPENAI: "Needs an API key from platform.openai.com.",
    COMPATIBLE: "Ollama, LM Studio, vLLM and the like, often on this computer.",
}
CHECK_KEY = "settings_llm_check"  # (what was tested, its ConnectionCheck or error message)
OFFERED_MODELS = 6  # the most listed models offered as one-click choices


def forget_llm() -> None:
    """Drop the LLM settings typed on this page, and empty its fields."""
    st.session_state.pop(LLM_SESSION_KEY, None)
    for key in ("settings_llm_provider", "settings_llm_base_url", "settings_llm_model"):
        st.session_state.pop(key, None)
    st.session_state["settings_llm_key"] = ""
    st.session_state["settings_llm_errors"] = {}
    st.session_state.pop(CHECK_KEY, None)
    flash("Forgot the LLM settings typed here.", ":material/delete:")


def use_model(model: str) -> None:
    """Make ``model`` the one to write with, for this session."""
    chosen = dict(st.session_state.get(LLM_SESSION_KEY) or {})
    chosen["COACH_MODEL"] = model
    st.session_state[LLM_SESSION_KEY] = chosen
    st.session_state["settings_llm_model"] = model
    st.session_state.pop(CHECK_KEY, None)
    flash(f"Writing with {escape_markdown(model)} from now on.", ":material/check:")


def llm_section(hosted: bool) -> None:
    """Draw the LLM settings: the form, what is in use now, and the connection test; on a
    hosted server, without the advice meant for whoever runs the server."""
    st.header("Writing with an LLM", divider="gray")
    st.caption(
        "With an LLM set up, the coach drafts your notes with it; without one, the offline "
        "composer writes them."
    )
    in_session: dict[str, str] = dict(st.session_state.get(LLM_SESSION_KEY) or {})
    session_url = in_session.get("OPENAI_BASE_URL", "")
    st.session_state.setdefault(
        "settings_llm_provider",
        COMPATIBLE if session_url and session_url != llm.OPENAI_BASE_URL else OPENAI,
    )
    if session_url != llm.OPENAI_BASE_URL:
        st.session_state.setdefault("settings_llm_base_url", session_url)
    st.session_state.setdefault(
        "settings_llm_model", in_session.get("COACH_MODEL", llm.DEFAULT_MODEL)
    )
    provider = st.radio(
        "Where the model runs",
        list(PROVIDERS),
        format_func=PROVIDERS.__getitem__,
        captions=list(PROVIDER_NOTES.values()),
        key="settings_llm_provider",
    )
    with st.form("settings_llm_form"):
        if provider == COMPATIBLE:
            st.text_input(
                "Base URL",
                key="settings_llm_base_url",
                placeholder="http://localhost:11434/v1",
                help="Ollama: http://localhost:11434/v1 · LM Studio: http://localhost:1234/v1 · "
                "vLLM: http://localhost:8000/v1",
            )
            show_field_errors("settings_llm_errors", "base_url")
        st.text_input(
            "Model",
            key="settings_llm_model",
            help="The model's name as the server knows it, for example gpt-4o-mini on OpenAI or "
            "llama3.1 on Ollama.",
        )
        st.text_input(
            "API key (optional for most local servers)" if provider == COMPATIBLE else "API key",
            key="settings_llm_key",
            type="password",
            autocomplete="off",
            placeholder=(
                "A key is set for this session: leave empty to keep it"
                if in_session.get("OPENAI_API_KEY")
                else "Paste the key here"
            ),
        )
        show_field_errors("settings_llm_errors", "key")
        use_llm = st.form_submit_button(
            "Use these settings", type="primary", icon=":material/check:", key="settings_llm_use"
        )
    st.button(
        "Forget these settings",
        key="settings_llm_forget",
        icon=":material/delete:",
        on_click=forget_llm,
        disabled=not in_session,
    )
    if use_llm:
        errors = {}
        model = st.session_state["settings_llm_model"].strip()
        chosen = {"COACH_MODEL": model}
        if provider == COMPATIBLE:
            chosen["OPENAI_BASE_URL"] = st.session_state.get("settings_llm_base_url", "").strip()
            if not chosen["OPENAI_BASE_URL"]:
                errors["base_url"] = [
                    "Enter the server's address, for example http://localhost:11434/v1 for Ollama."
                ]
        same_place = session_url == chosen.get("OPENAI_BASE_URL", "")
        # the settings typed here are one set: a key typed before is kept only for the same server
        chosen["OPENAI_API_KEY"] = st.session_state["settings_llm_key"].strip() or (
            in_session.get("OPENAI_API_KEY", "") if same_place else ""
        )
        chosen = {name: value for name, value in chosen.items() if value}
        resolved = None
        if not errors:
            st.session_state[LLM_SESSION_KEY] = chosen
            try:
                resolved = configured_llm()
            except llm.LLMError as error:
                if error.kind == "bad_request":
                    errors["base_url"] = [error.message]
                elif error.kind != "no_key":
                    errors["key"] = [error.message]
            if resolved is None and not errors:  # OpenAI chosen without a key
                errors["key"] = [
                    "OpenAI needs an API key: paste yours, or choose a compatible server."
                ]
        if errors:
            if in_session:
                st.session_state[LLM_SESSION_KEY] = in_session
            else:
                st.session_state.pop(LLM_SESSION_KEY, None)
        elif resolved is not None:
            st.session_state["settings_llm_clear_key"] = True
            flash(
                f"Using {escape_markdown(resolved.describe())} for this session.",
                ":material/check:",
            )
        st.session_state["settings_llm_errors"] = errors
        st.rerun()
    _in_use_and_test(hosted)


def _in_use_and_test(hosted: bool) -> None:
    """Say which LLM is in use and where that comes from; test it on request."""
    st.subheader("In use now")
    in_use: llm.LLMSettings | None = None
    try:
        in_use, source = llm_configuration()
    except llm.LLMError as error:
        st.warning(escape_markdown(error.message), icon=":material/warning:")
    else:
        if in_use is None:
            st.info(
                "No LLM configured: the offline composer writes your drafts.",
                icon=":material/edit_note:",
            )
        else:
            st.success(
                f"Using {escape_markdown(in_use.describe())} (from {source}).",
                icon=":material/smart_toy:",
            )
            if spent := allowance_said():
                st.caption(f"This server's allowance: {spent}")
    test = st.button(
        "Test connection",
        key="settings_llm_test",
        icon=":material/network_check:",
        disabled=in_use is None,
    )
    if in_use is None:
        st.caption("Nothing to test until an LLM is set up.")
    else:
        if test:
            with st.spinner(f"Asking {escape_markdown(in_use.describe())} for a one-word answer…"):
                try:
                    outcome: llm_server.ConnectionCheck | str = llm_server.check_connection(in_use)
                except llm.LLMError as error:
                    outcome = error.message
            st.session_state[CHECK_KEY] = (in_use, outcome)
        _show_check(in_use)
    if hosted:
        st.caption(
            "Settings typed here last for this visit only and are never saved, in the database "
            "or anywhere else. While they are set, they are used instead of this server's own "
            "LLM, and its allowance does not apply."
        )
        return
    st.caption(
        "Settings typed here last for this visit only and are never saved. To keep them, put "
        "`OPENAI_API_KEY`, `OPENAI_BASE_URL` and `COACH_MODEL` in `.streamlit/secrets.toml` or "
        "in environment variables. This page wins over the secrets file, and the secrets file "
        "over the environment."
    )


def _show_check(in_use: llm.LLMSettings) -> None:
    """Show the last connection test of the LLM in use: what answered, and what to fix."""
    tested, outcome = st.session_state.get(CHECK_KEY, (None, None))
    if tested != in_use:
        return  # never tested, or tested with other settings
    if isinstance(outcome, str):
        st.error(escape_markdown(outcome), icon=":material/error:")
        return
    st.success(escape_markdown(outcome.message), icon=":material/check_circle:")
    for warning in outcome.warnings:
        st.warning(escape_markdown(warning), icon=":material/warning:")
    server = outcome.server
    if server.models and not server.lists(in_use.model):
        st.caption("Write with a model the server lists:")
        with st.container(horizontal=True):
            for model in server.models[:OFFERED_MODELS]:
                st.button(
                    model,
                    key=f"settings_llm_use_{model}",
                    icon=":material/smart_toy:",
                    on_click=use_model,
                    args=(model,),
                )
