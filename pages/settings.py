"""Settings: who signs the notes, which LLM drafts them, how interviews start, and the data."""

import streamlit as st
from pydantic import ValidationError

from lib.guidance import PROFILES
from lib.model import Defaults, Sender, known_timezones
from lib.model_errors import describe_errors, field_errors
from lib.notes_form import country_names
from lib.store import MAX_IMPORT_BYTES, MEGABYTE, ImportRefusedError, StoreError, parse_import
from lib.text import escape_markdown, plural
from lib.ui_delete import RELOAD_KEY, delete_section
from lib.ui_llm_settings import llm_section
from lib.ui_support import (
    bootstrap,
    browser_timezone,
    deployment,
    export_file_name,
    flash,
    now,
    show_field_errors,
)
from lib.ui_timezone import timezone_select

store = bootstrap()
SENDER_FIELDS = {"name": "Name", "email": "Email", "phone": "Phone", "link": "LinkedIn or website"}
DEFAULTS_KEYS = ("settings_country", "settings_timezone", "settings_profile")
BROWSER_ZONE = ""  # the timezone choice meaning "whatever the browser reports"
GENERAL = "general"  # errors about a form as a whole
SHOWN_COMPANIES = 8  # the most company names an import preview lists


def sender_key(name: str) -> str:
    """Session key of one field of the sender form."""
    return f"settings_sender_{name}"


# Saves, imports and deletes ask for the forms to show what is stored now.
if st.session_state.pop(RELOAD_KEY, False):
    for key in (*map(sender_key, SENDER_FIELDS), *DEFAULTS_KEYS):
        st.session_state.pop(key, None)
if st.session_state.pop("settings_llm_clear_key", False):
    st.session_state["settings_llm_key"] = ""  # the key is kept for the session, not in the box

st.title("Settings")

# -- you -----------------------------------------------------------------------------------
st.header("You", divider="gray")
hosted = deployment().mode == "hosted"  # bootstrap() has checked the configuration
if store.in_memory:
    st.caption("Your details sign every note. In this demo they stay in this browser tab only.")
elif hosted:
    st.caption(
        "Your details sign every note. They are kept with your data in this server's "
        "database, under your sign-in."
    )
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
                show_field_errors("settings_sender_errors", name)
    show_field_errors("settings_sender_errors", GENERAL)
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
        st.session_state[RELOAD_KEY] = True  # show the details as stored (trimmed)
        flash("Saved your details.", ":material/save:")
    st.session_state["settings_sender_errors"] = errors
    st.rerun()

# -- the LLM ------------------------------------------------------------------------------
llm_section(hosted)

# -- defaults ------------------------------------------------------------------------------
st.header("New interviews start with", divider="gray")
countries = country_names()
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
        saved_defaults.timezone if saved_defaults.timezone in known_timezones() else BROWSER_ZONE
    )
    st.session_state["settings_profile"] = saved_defaults.profile
with st.form("settings_defaults_form"):
    st.selectbox(
        "Country (for public holidays)",
        list(countries),
        format_func=lambda code: f"{countries[code]} ({code})",
        key="settings_country",
    )
    timezone_select("Timezone", key="settings_timezone", moment=now(), browser=browser_timezone())
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
if hosted:
    who = st.user.get("email") or st.user.get("name") or st.user.get("sub")
    st.write(
        f"{deployment().meaning} Signed in as {escape_markdown(str(who))}; sign out in the sidebar."
    )
elif store.in_memory:
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
        file_name=export_file_name(moment),
        mime="application/json",
        icon=":material/download:",
        on_click="ignore",
    )

st.subheader("Import")
st.caption(
    "Adds what an export holds: its applications, drafts, your details and defaults. An "
    "application already here with the same id is replaced by the file's version. Choose a "
    f".json file saved by an export (at most {MAX_IMPORT_BYTES // MEGABYTE} MB)."
)
# No type and no size limit of the widget's own (the server's upload limit still applies): the
# browser would refuse such a file with its reason only in a tooltip. The page checks the file
# and says why, under the uploader.
uploaded = st.file_uploader(
    "Export file to import",
    key=f"settings_import_file_{st.session_state.get('settings_import_round', 0)}",
)
if uploaded is not None and not uploaded.name.lower().endswith(".json"):
    st.error(
        f"Not imported. {escape_markdown(uploaded.name)} is not a .json file: choose one "
        "saved by an export.",
        icon=":material/block:",
    )
elif uploaded is not None:
    try:
        bundle = parse_import(uploaded.getvalue())
        stored = store.stored_ids()
        replacing = sum(app.id in stored for app in bundle.applications)
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
                    st.session_state[RELOAD_KEY] = True
                    flash(
                        f"Imported {plural(summary.added, 'new application')}, "
                        f"{summary.replaced} replaced, {plural(summary.drafts, 'draft')}.",
                        ":material/upload:",
                    )
                    st.rerun()

delete_section(store, hosted)
