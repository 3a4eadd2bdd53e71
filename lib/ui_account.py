"""Who is using the app. In the hosted mode, the person signed in through ``st.login`` (any
OpenID Connect provider set in ``[auth]``); in the local and demo modes, the one local user.

``signed_in_owner`` runs before any page touches the store: a visitor who is not signed in
sees the first-visit page (what is kept, where, and for whom) with the sign-in buttons, and
nothing else, whatever page the address named. A hosted server without a usable ``[auth]``
section says which settings are missing instead of opening to anyone.

A sign-in cookie lives 30 days in the browser that got it, and a copy of it works anywhere.
So signing out (or deleting the account) is recorded in the database, and
``refuse_revoked_sign_in`` sends a sign-in issued before it back to the first-visit page, in
every tab and on every device, on its next run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import UTC, datetime

import streamlit as st

from lib.deployment import (
    Deployment,
    missing_sign_in,
    owner_key,
    provider_names,
    sign_in_revoked,
)
from lib.store import LOCAL_OWNER, Store, StoreError
from lib.text import escape_markdown


def signed_in_owner(deployment: Deployment, auth: Mapping[str, object] | None) -> str:
    """Return the owner key of whoever uses the app; in the hosted mode, draw the first-visit
    page and stop the run unless someone is signed in."""
    if deployment.mode != "hosted":
        return LOCAL_OWNER
    if missing := missing_sign_in(auth):
        st.error(
            "This server is set up to be hosted, with sign-in, but its secrets lack "
            + "; ".join(missing)
            + ". Add them to the [auth] section of .streamlit/secrets.toml (see "
            "secrets.toml.example); until then nobody can sign in.",
            icon=":material/lock:",
        )
        st.stop()
    if st.user.get("is_logged_in"):
        return owner_key(str(st.user.get("iss") or ""), str(st.user.get("sub") or ""))
    first_visit(provider_names(auth))
    st.stop()


def refuse_revoked_sign_in(store: Store, auth: Mapping[str, object] | None) -> None:
    """Stop the run at the first-visit page when this sign-in was issued before the person
    last signed out or deleted their account (a cookie kept, or copied, from then)."""
    try:
        signed_out = store.signed_out_at()
    except StoreError as error:
        st.error(escape_markdown(str(error)), icon=":material/database:")
        st.stop()
    if sign_in_revoked(st.user.get("iat"), signed_out):
        st.info(
            "This account was signed out, or deleted, after this browser signed in. Sign in "
            "again to go on.",
            icon=":material/logout:",
        )
        first_visit(provider_names(auth))
        st.stop()


def first_visit(providers: list[str]) -> None:
    """Say what the app keeps, where and for whom, and offer to sign in."""
    st.title("Follow-Up Coach")
    st.write(
        "Everything after the interview: notes, thank-you notes, follow-ups, and when to move "
        "on. Sign in to keep your job search here."
    )
    st.markdown(
        "- **What is kept:** your interview notes, the people you met, your drafts and their "
        "versions, the contacts you log, and your sender details.\n"
        "- **Where:** in this server's database, under your sign-in; nobody else who signs in "
        "can see them.\n"
        "- **What is not:** an LLM key you type on Settings stays in your browser session "
        "only, never in the database.\n"
        "- **Yours to take or end:** Settings exports everything as one file, and deletes your "
        "account with all its data."
    )
    if not providers:
        st.button("Sign in", type="primary", icon=":material/login:", on_click=st.login)
        return
    for name in providers:
        st.button(
            f"Sign in with {name.capitalize()}",
            type="primary" if name == providers[0] else "secondary",
            icon=":material/login:",
            key=f"sign_in_{name}",
            on_click=st.login,
            args=(name,),
        )


def sign_out_button(store: Store) -> None:
    """Offer to sign out (the hosted mode): on every device, not only in this browser."""
    st.button(
        "Sign out",
        icon=":material/logout:",
        key="sign_out",
        help="Signs you out here, and on every other device or tab signed in before now.",
        on_click=_sign_out,
        args=(store,),
    )


def _sign_out(store: Store) -> None:
    """Record the sign-out, so that other sign-ins from before end too, then sign out here."""
    with contextlib.suppress(StoreError):  # unrecorded, it still ends this browser's sign-in
        store.record_sign_out(datetime.now(UTC))
    st.logout()
