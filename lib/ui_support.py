"""The one lib module that knows Streamlit: bootstrap, the cached store, settings, page list."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from zoneinfo import available_timezones

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError, StreamlitSecretNotFoundError
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.pages_manager import PagesManager

from lib import llm
from lib.model import Status
from lib.store import Store, StoreError, default_db_path, open_store

# Page files, in navigation order: (path, title, material icon). app.py builds st.navigation
# from this list, and pages link to each other by these paths.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("pages/home.py", "Home", ":material/home:"),
    ("pages/notes.py", "Interview notes", ":material/edit_note:"),
    ("pages/checklist.py", "Checklist", ":material/checklist:"),
    ("pages/thank_you.py", "Thank-you notes", ":material/mail:"),
    ("pages/follow_up.py", "Follow-up", ":material/schedule_send:"),
    ("pages/timeline.py", "Timeline", ":material/timeline:"),
    ("pages/playbook.py", "Playbook", ":material/menu_book:"),
    ("pages/settings.py", "Settings", ":material/settings:"),
)

# Session-state keys shared by several pages, with their defaults.
SESSION_DEFAULTS: dict[str, object] = {
    "selected_application_id": None,
}


LLM_SESSION_KEY = "llm_settings"  # what the Settings page keeps for this session only


def _secrets() -> Mapping[str, object]:
    """Return Streamlit's secrets, or nothing when there is no secrets file."""
    try:
        return {name: st.secrets[name] for name in st.secrets}
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return {}


def configured_llm() -> llm.LLMSettings | None:
    """Return the LLM settings: this session's, then the secrets file's, then the environment's.

    None when no LLM is configured; raises llm.LLMError when the configuration is unusable.
    """
    return llm.resolve_settings(st.session_state.get(LLM_SESSION_KEY, {}), _secrets(), os.environ)


@st.cache_resource(max_entries=4, show_spinner=False)
def _local_store(path: str) -> Store:
    """Open the store at ``path`` once per server process."""
    return open_store(path)


def get_store() -> Store:
    """Return the store for this session: the local SQLite file."""
    return _local_store(str(default_db_path()))


def build_navigation() -> StreamlitPage:
    """Set the page config and register the navigation over PAGES; return the page to run."""
    st.set_page_config(page_title="Follow-Up Coach", page_icon=":material/mark_email_read:")
    return st.navigation(
        [
            st.Page(path, title=title, icon=icon, default=index == 0)
            for index, (path, title, icon) in enumerate(PAGES)
        ]
    )


def show_frame(store: Store) -> None:
    """Render what every page shares around it: the sidebar's note on where data lives."""
    with st.sidebar:
        where = "this browser tab only" if store.in_memory else str(store.path)
        st.caption(f"Your data: {where}")


FLASH_KEY = "flash"


def flash(message: str, icon: str) -> None:
    """Show a toast on the next run: one raised just before st.rerun() would never appear."""
    st.session_state[FLASH_KEY] = (message, icon)


def _leave_legacy_page_mode() -> None:
    """Rerun through app.py when a deep link ran this page file on its own.

    Until the first st.navigation call after a server start, Streamlit routes a URL such as
    /notes straight to pages/notes.py (its legacy pages/ mode), without app.py's navigation
    and frame. Clearing the flag, as st.navigation itself does, and rerunning at once makes
    app.py the entry point again, and it opens the page the URL asked for. This happens on the
    server's first page run only, before the user could have typed or clicked anything.
    """
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def bootstrap() -> Store:
    """Prepare a page run (idempotent): the real navigation, session defaults, the store.

    Every page calls this first, so a page opened directly by its URL right after a server
    restart works like any other visit.
    """
    _leave_legacy_page_mode()
    for key, value in SESSION_DEFAULTS.items():
        st.session_state.setdefault(key, value)
    if pending := st.session_state.pop(FLASH_KEY, None):
        st.toast(pending[0], icon=pending[1])
    try:
        return get_store()
    except StoreError as error:
        st.error(str(error), icon=":material/database:")
        st.stop()


def browser_timezone() -> str:
    """Return the timezone the user's browser reports, or UTC when it reports none we know."""
    reported = st.context.timezone
    return reported if reported in available_timezones() else "UTC"


def now() -> datetime:
    """Return the current moment, timezone-aware."""
    return datetime.now(UTC)


NEW_APPLICATION = "new"


def pick_application(
    store: Store,
    key: str,
    *,
    status: Status | None = None,
    include_new: bool = False,
    label: str = "Application",
) -> str | None:
    """Show a picker of applications and return the chosen id (or NEW_APPLICATION).

    It starts on the application named by the ``?app=`` link, else the one chosen last on any
    page, and keeps the link in step so the page can be bookmarked. None when there is nothing
    to pick.
    """
    apps = store.list_applications(status=status)
    options = ([NEW_APPLICATION] if include_new else []) + [app.id for app in apps]
    if not options:
        return None
    labels = {app.id: f"{app.company}: {app.role} ({app.interview_at:%d %b %Y})" for app in apps}
    labels[NEW_APPLICATION] = "A new interview"
    if st.session_state.get(key) not in options:
        wanted = st.query_params.get("app") or st.session_state.get("selected_application_id")
        st.session_state[key] = wanted if wanted in options else options[0]
    picked = st.selectbox(label, options, format_func=labels.__getitem__, key=key)
    if picked == NEW_APPLICATION:
        st.query_params.pop("app", None)
    else:
        st.session_state["selected_application_id"] = picked
        st.query_params["app"] = picked
    return picked


def page_link(page: str, label: str, icon: str, app_id: str | None = None) -> None:
    """Link to another page (for one application, when given).

    A page opened directly by its URL before the navigation exists cannot resolve other pages'
    files, so the link then falls back to the page's URL path.
    """
    query = {"app": app_id} if app_id else None
    try:
        st.page_link(page, label=label, icon=icon, query_params=query)
    except StreamlitPageNotFoundError:
        slug = page.removeprefix("pages/").removesuffix(".py")
        st.markdown(f"[{label}](/{slug}{f'?app={app_id}' if app_id else ''})")
