"""The one lib module that knows Streamlit: bootstrap, the cached store, settings, page list."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from lib.store import Store, StoreError, default_db_path, open_store

# Page files, in navigation order: (path, title, material icon). app.py builds st.navigation
# from this list, and pages link to each other by these paths.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("pages/home.py", "Home", ":material/home:"),
    ("pages/notes.py", "Interview notes", ":material/edit_note:"),
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


def setting(name: str, default: str = "") -> str:
    """Read a setting from Streamlit secrets, falling back to the environment variable."""
    try:
        value = st.secrets.get(name)
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        value = None
    if value is None or value == "":
        value = os.environ.get(name, default)
    return str(value)


@st.cache_resource(max_entries=4, show_spinner=False)
def _local_store(path: str) -> Store:
    """Open the store at ``path`` once per server process."""
    return open_store(path)


def get_store() -> Store:
    """Return the store for this session: the local SQLite file."""
    return _local_store(str(default_db_path()))


def bootstrap() -> Store:
    """Prepare a page run (idempotent): session defaults, then the store.

    Every page calls this first, so a page opened directly by its URL right after a server
    restart works without app.py having run.
    """
    for key, value in SESSION_DEFAULTS.items():
        st.session_state.setdefault(key, value)
    try:
        return get_store()
    except StoreError as error:
        st.error(str(error), icon=":material/database:")
        st.stop()


def now() -> datetime:
    """Return the current moment, timezone-aware."""
    return datetime.now(UTC)
