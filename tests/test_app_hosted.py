"""The hosted mode through the pages (AppTest) on the test PostgreSQL server: a visitor gets the
first-visit page whatever page they asked for; alice and bob, signed in, each see only their
own applications, and another person's application by its address is "not found"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib import llm
from lib.deployment import MEANINGS, owner_key
from lib.store import open_store
from tests.conftest import ApplicationFactory, shown

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
ISSUER = "http://127.0.0.1:9/oidc"
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "s" * 64,
    "client_id": "coach",
    "client_secret": "secret",
    "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration",
}
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def person(name: str) -> dict[str, object]:
    """The ID token claims st.user holds for a signed-in test account."""
    return {"is_logged_in": True, "iss": ISSUER, "sub": name, "email": f"{name}@example.com"}


@pytest.fixture
def hosted(postgres_server: object, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app set up as hosted on the test server's database, emptied."""
    open_store(postgres_url)
    postgres_server.empty_store_tables(postgres_url.rsplit("/", 1)[1])  # type: ignore[attr-defined]
    monkeypatch.setenv("COACH_MODE", "hosted")
    monkeypatch.setenv("COACH_DATABASE_URL", postgres_url)
    monkeypatch.setattr("lib.ui_support.now", lambda: NOW)
    return postgres_url


def open_app(user: dict[str, object] | None, page: str | None = None, **query: str) -> AppTest:
    """Open the app (a page of it) as ``user``, or as a visitor when None."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = AUTH
    if user is not None:
        at.user = user
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


def test_a_visitor_gets_the_first_visit_page_whatever_the_address(hosted: str) -> None:
    """Home or a deep link to the timeline: what is kept and where, a sign-in button, no data."""
    for page in (None, "pages/timeline.py"):
        at = open_app(None, page)
        assert [button.label for button in at.button] == ["Sign in"]
        assert "under your sign-in" in " ".join(m.value for m in at.markdown)
        assert not at.title or at.title[0].value == "Follow-Up Coach"


def test_each_person_sees_only_their_own_applications(
    hosted: str, make_application: ApplicationFactory
) -> None:
    """Alice's and Bob's interviews in one database: each home shows only their own, and
    Bob's application by its address is not found for Alice."""
    alice = open_store(hosted, owner=owner_key(ISSUER, "alice"))
    bob = open_store(hosted, owner=owner_key(ISSUER, "bob"))
    alice.create(make_application(id="alice-app", company="Northwind Analytics"))
    bob.create(make_application(id="bob-app", company="Contoso"))

    alices_home = " ".join(shown(h.value) for h in open_app(person("alice")).subheader)
    bobs_home = " ".join(shown(h.value) for h in open_app(person("bob")).subheader)
    assert "Northwind Analytics" in alices_home
    assert "Contoso" not in alices_home
    assert "Contoso" in bobs_home
    assert "Northwind Analytics" not in bobs_home

    at = open_app(person("alice"), "pages/checklist.py", app="bob-app")
    said = " ".join(shown(m.value) for kind in ("error", "info", "warning") for m in at.get(kind))
    assert "No interview at this address: it was deleted, or it is not yours." in said
    assert "Contoso" not in said
    assert "Contoso" not in " ".join(shown(m.value) for m in at.markdown)


def test_every_page_says_who_is_signed_in_and_where_the_data_is(hosted: str) -> None:
    """The sidebar of every page: the hosted mode's meaning, your email, and sign-out;
    Settings says it too, and offers to delete the account."""
    for page in ("pages/home.py", "pages/timeline.py"):
        sidebar = [
            shown(caption.value) for caption in open_app(person("alice"), page).sidebar.caption
        ]
        assert sidebar[:2] == [MEANINGS["hosted"], "Signed in as alice@example.com."]
    at = open_app(person("alice"), "pages/settings.py")
    assert "Sign out" in [button.label for button in at.sidebar.button]
    text = " ".join(shown(m.value) for m in at.markdown)
    assert "Signed in as alice@example.com; sign out in the sidebar." in text
    assert "Delete your account and everything in it" in [h.value for h in at.subheader]
    captions = " ".join(caption.value for caption in at.caption)
    assert "in this server's database, under your sign-in" in captions
    assert "on this computer" not in captions
    assert "secrets.toml" not in captions  # advice for whoever runs the server, not for Alice


def test_a_visitor_is_offered_no_page_and_a_signed_in_person_every_page(
    hosted: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The menu is hidden until someone signs in: each entry would only lead to sign-in."""
    positions: list[str] = []
    navigation = st.navigation

    def recording(pages: Any, **options: Any) -> Any:
        positions.append(options.get("position", "sidebar"))
        return navigation(pages, **options)

    monkeypatch.setattr(st, "navigation", recording)
    open_app(None)
    open_app(person("alice"))
    assert positions == ["hidden", "top"]


def test_a_sign_in_from_before_the_last_sign_out_gets_the_first_visit_page(
    hosted: str, make_application: ApplicationFactory
) -> None:
    """Alice signed out (or deleted her account) at NOW: a cookie issued the day before, kept
    or copied, shows the first-visit page and says why; one issued since opens her home."""
    alice = open_store(hosted, owner=owner_key(ISSUER, "alice"))
    alice.create(make_application(id="alice-app", company="Northwind Analytics"))
    alice.record_sign_out(NOW)

    before = open_app(person("alice") | {"iat": int(NOW.timestamp()) - 86_400})
    assert [button.label for button in before.button] == ["Sign in"]
    assert "signed out, or deleted, after this browser signed in" in before.info[0].value
    assert "Northwind Analytics" not in " ".join(shown(h.value) for h in before.subheader)

    since = open_app(person("alice") | {"iat": int(NOW.timestamp()) + 60})
    assert "Northwind Analytics" in " ".join(shown(h.value) for h in since.subheader)


def test_the_servers_llm_is_allowed_per_person_per_day(
    hosted: str, make_application: ApplicationFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the host's LLM key and an allowance of one call a day: Alice's one draft is
    counted in the database under her, then her drafts come from the offline composer and
    Settings says what she used; Bob, on the same server, still has his call."""
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("COACH_HOSTED_LLM_CALLS", "1")
    monkeypatch.setattr(
        llm,
        "stream_chat",
        lambda *_, **__: iter(
            ["Subject: Thanks\n\nDear Priya,\n\nThank you for the Dagster talk."]
        ),
    )
    for name in ("alice", "bob"):
        open_store(hosted, owner=owner_key(ISSUER, name)).create(make_application(id="north"))
    draft = "draft_thank_you_north_priya"

    at = open_app(person("alice"), "pages/thank_you.py")
    at.button(key=f"{draft}_write").click().run()
    assert not at.exception, at.exception
    assert "Dagster" in at.text_area(key=draft).value
    alice = open_store(hosted, owner=owner_key(ISSUER, "alice"))
    assert alice.llm_use_on(NOW.date())[0] == 1
    at.run()
    assert any("for today is used up" in info.value for info in at.info)
    at.button(key=f"{draft}_write").click().run()
    assert "Dagster" not in at.text_area(key=draft).value  # the offline composer wrote it
    settings = open_app(person("alice"), "pages/settings.py")
    assert "1 of 1 LLM calls" in " ".join(caption.value for caption in settings.caption)

    bob = open_app(person("bob"), "pages/thank_you.py")
    assert not any("used up" in info.value for info in bob.info)
    assert open_store(hosted, owner=owner_key(ISSUER, "bob")).llm_use_on(NOW.date()) == (0, 0)


def test_deleting_the_account_removes_her_data_and_ends_her_sign_ins(
    hosted: str, make_application: ApplicationFactory
) -> None:
    """Alice confirms "Delete everything" on Settings: her rows go, Bob's stay, the deletion is
    recorded as a sign-out, and this cookie (issued before it) no longer lets her in."""
    alice = open_store(hosted, owner=owner_key(ISSUER, "alice"))
    bob = open_store(hosted, owner=owner_key(ISSUER, "bob"))
    alice.create(make_application(id="alice-app"))
    bob.create(make_application(id="bob-app"))
    signed_in = person("alice") | {"iat": int(NOW.timestamp()) - 3_600}

    at = open_app(signed_in, "pages/settings.py")
    at.button(key="settings_delete").click().run()
    assert "with your account" in " ".join(shown(m.value) for m in at.markdown)
    at.text_input(key="settings_delete_typed").set_value("delete")
    at.button(key="settings_delete_yes").click().run()

    assert alice.list_applications() == []
    assert alice.signed_out_at() == NOW
    assert [app.id for app in bob.list_applications()] == ["bob-app"]
    assert bob.signed_out_at() is None
    again = open_app(signed_in)
    assert [button.label for button in again.button] == ["Sign in"]
