"""The sign-in gate (lib/ui_account.py) through AppTest: the first-visit page for a visitor,
the owner key for a signed-in person, the missing settings for a half-configured host, and no
gate at all in the local and demo modes."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from lib.store import LOCAL_OWNER

AUTH = {
    "redirect_uri": "https://coach.example/oauth2callback",
    "cookie_secret": "s" * 32,
    "client_id": "coach",
    "client_secret": "secret",
    "server_metadata_url": "https://login.example/.well-known/openid-configuration",
}


def gate(mode: str, auth: dict | None) -> None:
    """A page that asks who is using it, then says so."""
    import streamlit as st

    from lib.deployment import Deployment
    from lib.ui_account import signed_in_owner

    url = "postgresql+psycopg://coach@db/coach" if mode == "hosted" else None
    owner = signed_in_owner(Deployment(mode, url), auth)  # type: ignore[arg-type]
    st.write(f"owner: {owner}")


def run(mode: str, auth: dict[str, Any] | None, user: dict[str, Any] | None = None) -> AppTest:
    """Run the gate as a visitor (or as ``user``, signed in)."""
    at = AppTest.from_function(gate, kwargs={"mode": mode, "auth": auth}, default_timeout=30)
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, at.exception
    return at


def written(at: AppTest) -> list[str]:
    """What the page wrote with st.write."""
    return [element.value for element in at.markdown]


def test_a_visitor_sees_what_is_kept_and_where_and_signs_in() -> None:
    """Not signed in: the first-visit page, one sign-in button, and no owner."""
    at = run("hosted", AUTH)
    text = " ".join(written(at))
    assert "in this server's database, under your sign-in" in text
    assert "stays in your browser session only, never in the database" in text
    assert [button.label for button in at.button] == ["Sign in"]
    assert not any(line.startswith("owner:") for line in written(at))


def test_each_named_provider_has_its_button() -> None:
    """[auth.google] and [auth.microsoft]: a button each, the first one primary."""
    provider = {key: AUTH[key] for key in ("client_id", "client_secret", "server_metadata_url")}
    auth = {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": AUTH["cookie_secret"]}
    at = run("hosted", {**auth, "google": provider, "microsoft": provider})
    assert [button.label for button in at.button] == [
        "Sign in with Google",
        "Sign in with Microsoft",
    ]


def test_a_signed_in_person_is_their_issuer_and_subject() -> None:
    """Signed in: the page runs, for the owner key of their ID token's issuer and subject."""
    user = {"is_logged_in": True, "iss": "https://login.example", "sub": "alice-1"}
    at = run("hosted", AUTH, user)
    assert "owner: https://login.example|alice-1" in written(at)


def test_a_host_without_sign_in_settings_opens_to_nobody() -> None:
    """Hosted but [auth] lacks the provider: the missing settings, and no page."""
    at = run("hosted", {"redirect_uri": AUTH["redirect_uri"]})
    (error,) = at.error
    assert "auth.cookie_secret" in error.value
    assert "a provider: auth.client_id" in error.value
    assert not any(line.startswith("owner:") for line in written(at))


def test_local_and_demo_have_no_gate() -> None:
    """One local user, whatever the secrets say about sign-in."""
    assert f"owner: {LOCAL_OWNER}" in written(run("local", None))
    assert f"owner: {LOCAL_OWNER}" in written(run("demo", AUTH))
