"""Settings: who signs the notes, which LLM drafts them, how interviews start, and the data."""

from zoneinfo import available_timezones

import streamlit as st
from pydantic import ValidationError

from lib import llm
from lib.guidance import PROFILES
from lib.model import Defaults, Sender, describe_errors, field_errors
from lib.notes_form import country_names
from lib.store import MAX_IMPORT_BYTES, MEGABYTE, ImportRefusedError, StoreError, parse_import
from lib.text import escape_markdown, plural
from lib.ui_support import (
    LLM_SESSION_KEY,
    bootstrap,
    browser_timezone,
    configured_llm,
    flash,
    llm_configuration,
    now,
)

store = bootstrap()
SENDER_FIELDS = {"name": "Name", "email": "Email", "phone": "Phone", "link": "LinkedIn or website"}
DEFAULTS_KEYS = ("settings_country", "settings_timezone", "settings_profile")
BROWSER_ZONE = ""  # the timezone choice meaning "whatever the browser reports"
GENERAL = "general"  # errors about a form as a whole
OPENAI, COMPATIBLE = "openai", "compatible"
PROVIDERS = {OPENAI: "OpenAI", COMPATIBLE: "An OpenAI-compatible server"}
PROVIDER_NOTES = {
    OPENAI: "Needs an API key from platform.openai.com.",
    COMPATIBLE: "Ollama, LM Studio, vLLM and the like, often on this computer.",
}
SHOWN_COMPANIES = 8  # the most company names an import preview lists


def sender_key(name: str) -> str:
    """Session key of one field of the sender form."""
    return f"settings_sender_{name}"


def problems(errors_key: str, field: str) -> None:
    """Show the refusals that belong to one field, right under it."""
    for message in st.session_state.get(errors_key, {}).get(field, []):
        st.error(escape_markdown(message), icon=":material/error:")


def forget_llm() -> None:
    """Drop the LLM settings typed on this page, and empty its fields."""
    st.session_state.pop(LLM_SESSION_KEY, None)
    for key in ("settings_llm_provider", "settings_llm_base_url", "settings_llm_model"):
        st.session_state.pop(key, None)
    st.session_state["settings_llm_key"] = ""
    st.session_state["settings_llm_errors"] = {}
    flash("Forgot the LLM settings typed here.", ":material/delete:")


def stop_confirming() -> None:
    """Close the delete-everything confirmation without deleting."""
    st.session_state.pop("settings_confirm_delete", None)


@st.dialog("Delete everything?", on_dismiss=stop_confirming)
def confirm_delete_everything() -> None:
    """Ask, with a typed word, before deleting all the data."""
    try:
        applications, drafts = len(store.list_applications()), len(store.list_drafts())
    except StoreError as error:
        st.error(escape_markdown(str(error)), icon=":material/database:")
        return
    what = f"{plural(applications, 'application')} with their contacts"
    st.write(
        f"{what[0].upper()}{what[1:]}, {plural(drafts, 'saved draft')}, your details and your "
        "defaults will be deleted for good. There is no undo: export everything first if you "
        "may want it back."
    )
    typed = st.text_input('Type "delete" to confirm', key="settings_delete_typed")
    left, right = st.columns(2)
    if left.button(
        "Delete everything",
        type="primary",
        icon=":material/delete_forever:",
        key="settings_delete_yes",
        width="stretch",
    ):
        if typed.strip().casefold() != "delete":
            st.error('Type "delete" in the box first, or keep your data.', icon=":material/error:")
            return
        try:
            store.delete_everything()
        except StoreError as error:
            st.error(escape_markdown(str(error)), icon=":material/database:")
            return
        stop_confirming()
        st.session_state["selected_application_id"] = None
        st.session_state["settings_reload"] = True
        flash("Deleted everything.", ":material/delete_forever:")
        st.rerun()
    if right.button("Keep my data", key="settings_delete_no", width="stretch"):
        stop_confirming()
        st.rerun()


# Saves, imports and deletes ask for the forms to show what is stored now.
if st.session_state.pop("settings_reload", False):
    for key in (*map(sender_key, SENDER_FIELDS), *DEFAULTS_KEYS):
        st.session_state.pop(key, None)
if st.session_state.pop("settings_llm_clear_key", False):
    st.session_state["settings_llm_key"] = ""  # the key is kept for the session, not in the box

st.title("Settings")

# -- you -----------------------------------------------------------------------------------
st.header("You", divider="gray")
if store.in_memory:
    st.caption("Your details sign every note. In this demo they stay in this browser tab only.")
else:
    st.caption("Your details sign every note. They are kept on this computer with your data.")
if any(sender_key(name) not in st.session_state for name in SENDER_FIELDS):
    try:
        saved_sender = store.get_sender()
    except StoreError as error:
        st.error(escape_markdown(str(error)), icon=":material/database:")
        saved_sender = Sender()
    for name in SENDER_FIELDS:
        st.session_state[sender_key(name)] = getattr(saved_sender, name)
    st.session_state["settings_sender_errors"] = {}
with st.form("settings_sender_form"):
    for pair in (("name", "email"), ("phone", "link")):  # in reading order on a phone too
        for column, name in zip(st.columns(2), pair, strict=True):
            with column:
                st.text_input(SENDER_FIELDS[name], key=sender_key(name))
                problems("settings_sender_errors", name)
    problems("settings_sender_errors", GENERAL)
    save_sender = st.form_submit_button(
        "Save your details", type="primary", icon=":material/save:", key="settings_sender_save"
    )
if save_sender:
    errors: dict[str, list[str]] = {}
    try:
        sender = Sender(**{name: st.session_state[sender_key(name)] for name in SENDER_FIELDS})
        store.save_sender(sender)
    except ValidationError as error:
        for location, sentences in field_errors(error).items():
            field = str(location[0]) if location and location[0] in SENDER_FIELDS else GENERAL
            errors.setdefault(field, []).extend(sentences)
    except StoreError as error:
        errors[GENERAL] = [str(error)]
    else:
        st.session_state["settings_reload"] = True  # show the details as stored (trimmed)
        flash("Saved your details.", ":material/save:")
    st.session_state["settings_sender_errors"] = errors
    st.rerun()

# -- the LLM -------------------------------------------------------------------------------
st.header("Writing with an LLM", divider="gray")
st.caption(
    "With an LLM set up, the coach drafts your notes with it; without one, the offline "
    "composer writes them on this computer."
)
in_session: dict[str, str] = dict(st.session_state.get(LLM_SESSION_KEY) or {})
session_url = in_session.get("OPENAI_BASE_URL", "")
st.session_state.setdefault(
    "settings_llm_provider",
    COMPATIBLE if session_url and session_url != llm.OPENAI_BASE_URL else OPENAI,
)
if session_url != llm.OPENAI_BASE_URL:
    st.session_state.setdefault("settings_llm_base_url", session_url)
st.session_state.setdefault("settings_llm_model", in_session.get("COACH_MODEL", llm.DEFAULT_MODEL))
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
        problems("settings_llm_errors", "base_url")
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
    problems("settings_llm_errors", "key")
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
            errors["key"] = ["OpenAI needs an API key: paste yours, or choose a compatible server."]
    if errors:
        if in_session:
            st.session_state[LLM_SESSION_KEY] = in_session
        else:
            st.session_state.pop(LLM_SESSION_KEY, None)
    elif resolved is not None:
        st.session_state["settings_llm_clear_key"] = True
        flash(f"Using {escape_markdown(resolved.describe())} for this session.", ":material/check:")
    st.session_state["settings_llm_errors"] = errors
    st.rerun()

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
test = st.button(
    "Test connection",
    key="settings_llm_test",
    icon=":material/network_check:",
    disabled=in_use is None,
)
if in_use is None:
    st.caption("Nothing to test until an LLM is set up.")
elif test:
    with st.spinner(f"Asking {escape_markdown(in_use.describe())} for a one-word answer…"):
        try:
            answer = llm_server.check_connection(in_use)
        except llm.LLMError as error:
            st.error(escape_markdown(error.message), icon=":material/error:")
        else:
            st.success(escape_markdown(answer), icon=":material/check_circle:")
st.caption(
    "Settings typed here last for this visit only and are never saved. To keep them, put "
    "`OPENAI_API_KEY`, `OPENAI_BASE_URL` and `COACH_MODEL` in `.streamlit/secrets.toml` or in "
    "environment variables. This page wins over the secrets file, and the secrets file over "
    "the environment."
)

# -- defaults ------------------------------------------------------------------------------
st.header("New interviews start with", divider="gray")
countries = country_names()
zones = [BROWSER_ZONE, *sorted(available_timezones())]
if any(key not in st.session_state for key in DEFAULTS_KEYS):
    try:
        saved_defaults = store.get_defaults()
    except StoreError as error:
        st.error(escape_markdown(str(error)), icon=":material/database:")
        saved_defaults = Defaults()
    st.session_state["settings_country"] = (
        saved_defaults.country if saved_defaults.country in countries else Defaults().country
    )
    st.session_state["settings_timezone"] = (
        saved_defaults.timezone if saved_defaults.timezone in zones else BROWSER_ZONE
    )
    st.session_state["settings_profile"] = saved_defaults.profile
with st.form("settings_defaults_form"):
    st.selectbox(
        "Country (for public holidays)",
        list(countries),
        format_func=lambda code: f"{countries[code]} ({code})",
        key="settings_country",
    )
    st.selectbox(
        "Timezone",
        zones,
        format_func=lambda zone: zone or f"Your browser's timezone (now {browser_timezone()})",
        key="settings_timezone",
    )
    st.radio(
        "Follow-up style",
        list(PROFILES),
        format_func=str.capitalize,
        captions=[profile.summary for profile in PROFILES.values()],
        key="settings_profile",
    )
    save_defaults = st.form_submit_button(
        "Save defaults", type="primary", icon=":material/save:", key="settings_defaults_save"
    )
if save_defaults:
    try:
        store.save_defaults(
            Defaults(
                country=st.session_state["settings_country"],
                timezone=st.session_state["settings_timezone"] or None,
                profile=st.session_state["settings_profile"],
            )
        )
    except ValidationError as error:
        st.error(escape_markdown(" ".join(describe_errors(error))), icon=":material/error:")
    except StoreError as error:
        st.error(escape_markdown(str(error)), icon=":material/database:")
    else:
        st.toast("Saved. New interviews start with these.", icon=":material/save:")

# -- your data -----------------------------------------------------------------------------
st.header("Your data", divider="gray")
if store.in_memory:
    st.write("This session keeps its data in memory only: this tab only, gone when it closes.")
else:
    st.write("Everything is kept in one SQLite file on this computer:")
    st.code(str(store.path), language=None)
    st.caption("Set the `COACH_DB` environment variable to keep it somewhere else.")
moment = now()
try:
    export = store.export_json(moment)
except StoreError as error:
    st.error(escape_markdown(str(error)), icon=":material/database:")
else:
    st.download_button(
        "Export everything (JSON)",
        data=export,
        file_name=f"follow-up-coach-{moment:%Y-%m-%d}.json",
        mime="application/json",
        icon=":material/download:",
        on_click="ignore",
    )

st.subheader("Import")
st.caption(
    "Adds what an export holds: its applications, drafts, your details and defaults. An "
    "application already here with the same id is replaced by the file's version."
)
uploaded = st.file_uploader(
    "Export file to import",
    type=["json"],
    key=f"settings_import_file_{st.session_state.get('settings_import_round', 0)}",
    max_upload_size=MAX_IMPORT_BYTES // MEGABYTE,
)
if uploaded is not None:
    try:
        bundle = parse_import(uploaded.getvalue())
        replacing = sum(store.exists(app.id) for app in bundle.applications)
    except ImportRefusedError as error:
        st.error(f"Not imported. {escape_markdown(str(error))}", icon=":material/block:")
    except StoreError as error:
        st.error(escape_markdown(str(error)), icon=":material/database:")
    else:
        with st.container(border=True):
            companies = [escape_markdown(app.company) for app in bundle.applications]
            if len(companies) > SHOWN_COMPANIES:
                companies[SHOWN_COMPANIES:] = [f"{len(companies) - SHOWN_COMPANIES} more"]
            lines = [
                f"Exported on {bundle.exported_at:%d %b %Y}, it holds:",
                f"- {plural(len(bundle.applications), 'application')}"
                + (f": {', '.join(companies)}" if companies else ""),
                f"- {plural(len(bundle.drafts), 'saved draft')}",
                "- your details"
                + (
                    f" ({escape_markdown(bundle.sender.name or bundle.sender.email)}), which "
                    "replace the ones saved here"
                    if bundle.sender != Sender()
                    else ": not included"
                ),
                "- defaults for new interviews"
                + (", which replace yours" if bundle.defaults != Defaults() else ": not included"),
            ]
            st.markdown("\n".join(lines))
            if replacing:
                st.warning(
                    f"{plural(replacing, 'application')} of the file "
                    f"{'is' if replacing == 1 else 'are'} already here (the same id): importing "
                    "replaces them with the file's version.",
                    icon=":material/sync_problem:",
                )
            if st.button(
                "Import", type="primary", icon=":material/upload:", key="settings_import_go"
            ):
                try:
                    summary = store.import_file(bundle)
                except StoreError as error:
                    st.error(escape_markdown(str(error)), icon=":material/database:")
                else:
                    st.session_state["settings_import_round"] = (
                        st.session_state.get("settings_import_round", 0) + 1
                    )  # a fresh, empty uploader
                    st.session_state["settings_reload"] = True
                    flash(
                        f"Imported {plural(summary.added, 'new application')}, "
                        f"{summary.replaced} replaced, {plural(summary.drafts, 'draft')}.",
                        ":material/upload:",
                    )
                    st.rerun()

st.subheader("Delete everything")
st.caption(
    "Removes every application, contact, draft, your details and your defaults. The LLM "
    "settings of this visit are not data and stay until you forget them."
)
if st.button("Delete everything…", key="settings_delete", icon=":material/delete_forever:"):
    st.session_state["settings_confirm_delete"] = True
if st.session_state.get("settings_confirm_delete"):
    confirm_delete_everything()  # open on every run until answered, so its buttons always count
