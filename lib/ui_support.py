"""The app's frame: bootstrap, navigation, the cached store, settings, pickers, links, toasts.

The draft editor the thank-you and follow-up pages share is lib/ui_draft_editor.py (its
findings and send actions lib/ui_draft_send.py); choosing the LLM to write with, and the demo's
allowance for it, stay here with the other settings.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError, StreamlitSecretNotFoundError
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.pages_manager import PagesManager

from lib import demo, llm, llm_settings
from lib.deployment import (
    MEANINGS,
    Allowance,
    Deployment,
    DeploymentError,
    llm_allowance,
    resolve_deployment,
)
from lib.model import (
    Status,
    known_timezones,
)
from lib.overview import Summary
from lib.store import Store, StoreError, default_db_path, open_store
from lib.store_account import utc_day
from lib.text import escape_markdown
from lib.ui_account import refuse_revoked_sign_in, sign_out_button, signed_in_owner

# Page files, in navigation order: (path, title, material icon). app.py builds st.navigation
# from this list, and pages link to each other by these paths.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("pages/home.py", "Home", ":material/home:"),
    ("pages/notes.py", "Interview notes", ":material/edit_note:"),
    ("pages/checklist.py", "Checklist", ":material/checklist:"),
    ("pages/thank_you.py", "Thank-you notes", ":material/mail:"),
    ("pages/follow_up.py", "Follow-up", ":material/schedule_send:"),
    ("pages/timeline.py", "Timeline", ":material/timeline:"),
    ("pages/insights.py", "Insights", ":material/insights:"),
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


def llm_configuration() -> tuple[llm.LLMSettings | None, str]:
    """Return the LLM settings in use and where they come from.

    Settings typed on the Settings page are one complete set for this session: none of them
    mixes with the secrets file or the environment, so a key is never sent to a server it was
    not meant for. Without them, the secrets file's values come first, then the environment's.
    None when no LLM is configured; raises llm.LLMError when the configuration is unusable.
    """
    session = st.session_state.get(LLM_SESSION_KEY) or {}
    if session:
        return llm_settings.resolve_settings(session), "this session"
    secrets = _secrets()
    places = [
        place
        for place, source in (("the secrets file", secrets), ("the environment", os.environ))
        if any(str(source.get(name) or "").strip() for name in llm_settings.SETTING_NAMES)
    ]
    return llm_settings.resolve_settings(secrets, os.environ), " and ".join(places)


def configured_llm() -> llm.LLMSettings | None:
    """Return the LLM settings in use (see llm_configuration), or None."""
    return llm_configuration()[0]


@st.cache_resource(max_entries=4, show_spinner=False)
def _local_store(path: str) -> Store:
    """Open the store at ``path`` once per server process."""
    return open_store(path)


DEMO_STORE_KEY = "demo_store"
HOSTED_STORE_KEY = "hosted_store"  # the signed-in owner's store, over the process's pool
DEMO_USAGE_KEY = "demo_llm_usage"  # the session's LLM calls and tokens
REGISTERED_PAGES_KEY = "registered_pages"  # this run's st.Page objects, by their file


def deployment() -> Deployment:
    """Return how this server runs (local, demo or hosted; see lib/deployment.py); raises
    DeploymentError for a configuration it cannot run with."""
    return resolve_deployment(_secrets(), os.environ)


def demo_mode() -> bool:
    """Whether this server is the shared demo: each visitor works in memory.

    COACH_MODE = demo (or the older COACH_DEMO = 1, demo = true), or a local server whose data
    folder cannot be written (a read-only host).
    """
    try:
        chosen = deployment()
    except DeploymentError:  # bootstrap() says what is wrong, before any page runs
        return False
    return _in_memory(chosen)


def _in_memory(chosen: Deployment) -> bool:
    """Whether this server keeps each visitor's data in their session (see demo_mode)."""
    if chosen.mode != "local":
        return chosen.mode == "demo"
    folder = default_db_path().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return True
    return not os.access(folder, os.W_OK)


def get_store(chosen: Deployment, owner: str) -> Store:
    """Return the store for this session: the signed-in owner's rows in the hosted database,
    a seeded in-memory one in the demo, else the local SQLite file."""
    if chosen.mode == "hosted" and chosen.database_url is not None:
        kept: Store | None = st.session_state.get(HOSTED_STORE_KEY)
        if kept is None or kept.owner != owner:  # another person signed in on this tab
            kept = open_store(chosen.database_url, owner=owner)
            st.session_state[HOSTED_STORE_KEY] = kept
        return kept
    if _in_memory(chosen):
        if DEMO_STORE_KEY not in st.session_state:
            st.session_state[DEMO_STORE_KEY] = demo.seeded_store(now())
        return st.session_state[DEMO_STORE_KEY]
    return _local_store(str(default_db_path()))


def build_navigation() -> StreamlitPage:
    """Set the page config and register the navigation over PAGES; return the page to run."""
    st.set_page_config(page_title="Follow-Up Coach", page_icon=":material/mark_email_read:")
    pages = {
        path: st.Page(path, title=title, icon=icon, default=index == 0)
        for index, (path, title, icon) in enumerate(PAGES)
    }
    # page_link links to these objects: a path would be looked up on disk for every link
    st.session_state[REGISTERED_PAGES_KEY] = pages
    return st.navigation(
        list(pages.values()),
        # on a phone the sidebar stayed open over the page after a pick; a visitor who must
        # sign in first is offered no page (each would show the sign-in page anyway)
        position="hidden" if _must_sign_in() else "top",
    )


def _must_sign_in() -> bool:
    """Whether this is a hosted server and nobody is signed in on this tab."""
    try:
        hosted = deployment().mode == "hosted"
    except DeploymentError:  # bootstrap() says what is wrong
        return False
    return hosted and not st.user.get("is_logged_in")


def export_file_name(moment: datetime) -> str:
    """Return the name of an export file, e.g. "follow-up-coach-2026-11-16.json"."""
    return f"follow-up-coach-{moment:%Y-%m-%d}.json"


def show_frame(store: Store) -> None:
    """Render what every page shares around it: in the sidebar, where the data is kept (the
    mode) and, hosted, who is signed in with the sign-out; in the demo, its banner on top. On a
    phone the sidebar starts folded, and the menu is at the top, not in it."""
    hosted = store.url is not None  # the store is the one bootstrap() chose for the mode
    with st.sidebar:
        st.caption(MEANINGS["hosted" if hosted else "demo" if store.in_memory else "local"])
        if hosted:
            who = st.user.get("email") or st.user.get("name") or st.user.get("sub")
            st.caption(f"Signed in as {escape_markdown(str(who))}.")
            sign_out_button(store)
    if store.in_memory:
        moment = now()
        with st.container(horizontal=True, vertical_alignment="center", key="frame_demo"):
            st.info(
                "This is a demo with sample interviews. What you enter stays in this browser tab "
                "only: refreshing the page or closing the tab clears it. Export it to keep a copy.",
                icon=":material/science:",
                width="stretch",
            )
            st.download_button(
                "Export my data",
                lambda: store.export_json(now()),  # built on click, not on every run
                file_name=export_file_name(moment),
                mime="application/json",
                key="frame_demo_export",
                icon=":material/download:",
                on_click="ignore",
            )


FLASH_KEY = "flash"


COUNT_COLOURS = {
    "To do today": "orange",
    "Overdue": "red",
    "Open applications": "blue",
    "Sent this week": "green",
}


def show_counts(counts: Summary) -> None:
    """Show the four counts as one compact row of badges (a zero is grey), explained on hover."""
    st.markdown(
        " ".join(
            f":{COUNT_COLOURS[label] if value else 'gray'}-badge[{said}]"
            for (label, value, _), (said, _, _) in zip(counts.metrics(), counts.said(), strict=True)
        ),
        help="  \n".join(f"**{label}**: {meaning}" for label, _, meaning in counts.metrics()),
    )


def show_field_errors(errors_key: str, field: str) -> None:
    """Show the refusals kept under ``errors_key`` that belong to one field, right under it."""
    for message in st.session_state.get(errors_key, {}).get(field, []):
        st.error(escape_markdown(message), icon=":material/error:")


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
    secrets = _secrets()
    try:
        chosen = resolve_deployment(secrets, os.environ)
    except DeploymentError as error:
        st.error(str(error), icon=":material/settings:")
        st.stop()
    auth = secrets.get("auth")
    owner = signed_in_owner(chosen, auth)  # a visitor stops here, signed out
    try:
        store = get_store(chosen, owner)
    except StoreError as error:
        st.error(str(error), icon=":material/database:")
        st.stop()
    if chosen.mode == "hosted":
        refuse_revoked_sign_in(store, auth)
    return store


def browser_timezone() -> str:
    """Return the timezone the user's browser reports, or UTC when it reports none we know."""
    reported = st.context.timezone
    return reported if reported in known_timezones() else "UTC"


def browser_zone() -> ZoneInfo:
    """Return the user's timezone (as the browser reports it), for showing moments."""
    return ZoneInfo(browser_timezone())


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
    linked = st.query_params.get("app")
    if linked and linked not in options and not store.exists(linked):
        st.warning(
            "No interview at this address: it was deleted, or it is not yours. Here are yours.",
            icon=":material/search_off:",
        )
    if st.session_state.get(key) not in options:
        wanted = linked or st.session_state.get("selected_application_id")
        st.session_state[key] = wanted if wanted in options else options[0]
    picked = st.selectbox(label, options, format_func=labels.__getitem__, key=key)
    if picked == NEW_APPLICATION:
        st.query_params.pop("app", None)
    else:
        st.session_state["selected_application_id"] = picked
        st.query_params["app"] = picked
    return picked


def page_link(
    page: str,
    label: str,
    icon: str,
    app_id: str | None = None,
    query: Mapping[str, str] | None = None,
) -> None:
    """Link to another page, for one application (``app_id``) or with any other ``query``.

    A page opened directly by its URL before the navigation exists cannot resolve other pages'
    files, so the link then falls back to the page's URL path.
    """
    params = dict(query or {}) | ({"app": app_id} if app_id else {})
    target = st.session_state.get(REGISTERED_PAGES_KEY, {}).get(page, page)
    try:
        st.page_link(target, label=label, icon=icon, query_params=params or None)
    except StreamlitPageNotFoundError:
        slug = page.removeprefix("pages/").removesuffix(".py")
        search = "?" + urlencode(params) if params else ""
        st.markdown(f"[{label}](/{slug}{search})")


# --- the LLM to write drafts with (the draft editor is lib/ui_draft_editor.py) ---------------


def _spending() -> tuple[Allowance, tuple[int, int]] | None:
    """Return the allowance on the server's LLM key this session spends from, with what is
    spent of it: per tab in the demo, per person and day when hosted. None when no allowance
    applies: on a computer of one's own, or with a key the user typed on Settings."""
    if st.session_state.get(LLM_SESSION_KEY):
        return None
    if demo_mode():
        allowance = llm_allowance("demo", _secrets(), os.environ)
        return (allowance, st.session_state.get(DEMO_USAGE_KEY, (0, 0))) if allowance else None
    hosted: Store | None = st.session_state.get(HOSTED_STORE_KEY)
    allowance = llm_allowance("hosted", _secrets(), os.environ)
    if hosted is None or allowance is None:
        return None
    try:
        return allowance, hosted.llm_use_on(utc_day(now()))
    except StoreError:  # not counted, not spent: the server's key waits for the database
        return allowance, (allowance.calls, allowance.tokens)


def allowance_used() -> bool:
    """Whether this session has spent its allowance on the server's LLM key."""
    spending = _spending()
    return spending is not None and spending[0].used_up(spending[1])


def allowance_said() -> str | None:
    """Say how much of the allowance on the server's LLM key is spent, or None without one."""
    spending = _spending()
    if spending is None:
        return None
    allowance, (calls, tokens) = spending
    return (
        f"{min(calls, allowance.calls)} of {allowance.calls} LLM calls and "
        f"{min(tokens, allowance.tokens):,} of {allowance.tokens:,} tokens used "
        f"{allowance.span}."
    )


def count_llm_use(calls: int, tokens: int) -> None:
    """Add one use of the LLM (its calls and tokens) to the session's use, which the demo's
    allowance reads, and, hosted on the server's key, to the person's use today."""
    used_calls, used_tokens = st.session_state.get(DEMO_USAGE_KEY, (0, 0))
    st.session_state[DEMO_USAGE_KEY] = (used_calls + calls, used_tokens + tokens)
    hosted: Store | None = st.session_state.get(HOSTED_STORE_KEY)
    if hosted is not None and not st.session_state.get(LLM_SESSION_KEY):
        # a count lost to an outage must not lose the draft it counted
        with contextlib.suppress(StoreError):
            hosted.count_llm_use(utc_day(now()), calls, tokens)


ALLOWANCE_USED_UP = {  # by the allowance's span
    "for this tab": "This demo's LLM allowance for this tab is used up; the offline composer "
    "writes your drafts.",
    "for today": "Your allowance on this server's LLM for today is used up (it renews at "
    "midnight UTC): the offline composer writes your drafts, or add a key of your own on "
    "Settings.",
}


def choose_writer(key: str) -> llm.LLMSettings | None:
    """Return the LLM to write with, or None for the offline composer, as the user chooses."""
    if spending := _spending():
        allowance, used = spending
        if allowance.used_up(used):
            st.info(
                ALLOWANCE_USED_UP[allowance.span],
                icon=":material/hourglass_bottom:",
            )
            return None
    try:
        settings = configured_llm()
    except llm.LLMError as error:
        st.warning(error.message, icon=":material/smart_toy:")
        return None
    if settings is None:
        st.caption("Drafts come from the offline composer. Add an LLM in Settings if you have one.")
        return None
    choice = st.segmented_control(
        "Write with",
        ["llm", "offline"],
        format_func={"llm": settings.describe(), "offline": "The offline composer"}.__getitem__,
        default="llm",
        key=key,
    )
    return settings if choice != "offline" else None
