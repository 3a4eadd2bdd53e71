"""The hosted mode in a real browser: the real app.py on the test PostgreSQL server, signing in
through the loopback OpenID provider (tests/oidc_provider.py), as two people and in two
processes that share one database (issue 15)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

from lib.deployment import owner_key
from lib.store import Store, open_store
from tests.conftest import ApplicationFactory
from tests.e2e.conftest import (
    SIGN_IN_MS,
    ServedApp,
    running_app,
    screenshot,
    sign_in_at_provider,
    wait_until_rendered,
)
from tests.oidc_provider import OIDCProvider
from tests.postgres import PostgresServer

USER_COOKIE = "_streamlit_user"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SAVED = "Saved. Your checklist and deadlines are ready."

NewContext = Callable[..., BrowserContext]


@dataclass(frozen=True)
class Hosted:
    """Two app.py processes in the hosted mode on one database, with one cookie secret."""

    a: ServedApp
    b: ServedApp
    database_url: str
    issuer: str

    def store_of(self, user: str) -> Store:
        """Return the store of a test account, as the app opens it once they sign in."""
        return open_store(self.database_url, owner=owner_key(self.issuer, user))


@pytest.fixture(scope="module")
def hosted_servers(
    oidc_provider: OIDCProvider,
    postgres_url: str,
    tmp_path_factory: pytest.TempPathFactory,
    chromium_executable: str,
) -> Iterator[Hosted]:
    """Serve app.py hosted on both of the provider's app ports, same database and secret."""
    folder = tmp_path_factory.mktemp("hosted")
    cookie_secret = secrets.token_hex(32)
    env = {"COACH_MODE": "hosted", "COACH_DATABASE_URL": postgres_url}
    open_store(postgres_url)  # the tables, before either process starts
    port_a, port_b = oidc_provider.app_ports[:2]
    secrets_a, secrets_b = folder / "secrets-a.toml", folder / "secrets-b.toml"
    secrets_a.write_text(oidc_provider.auth_secrets(port_a, cookie_secret))
    secrets_b.write_text(oidc_provider.auth_secrets(port_b, cookie_secret))
    with (
        running_app(folder / "a.db", env, port=port_a, secrets=secrets_a) as a,
        running_app(folder / "b.db", env, port=port_b, secrets=secrets_b) as b,
    ):
        yield Hosted(a, b, postgres_url, oidc_provider.issuer)


@pytest.fixture
def hosted(hosted_servers: Hosted, postgres_server: PostgresServer, postgres_url: str) -> Hosted:
    """The two servers, their database emptied of everyone's rows."""
    postgres_server.empty_store_tables(postgres_url.rsplit("/", 1)[1])
    return hosted_servers


def open_page(context: BrowserContext, url: str) -> Page:
    """Open ``url`` in a new tab of ``context`` and wait until it has rendered."""
    page = context.new_page()
    page.goto(url)
    wait_until_rendered(page)
    return page


def expect_first_visit(page: Page) -> None:
    """The page is the first-visit page: what is kept and where, a sign-in button, no data."""
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.get_by_text("under your sign-in")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def sign_in(context: BrowserContext, app: ServedApp, user: str) -> Page:
    """Open the app as a visitor, sign in as ``user``; return the home page, signed in."""
    page = open_page(context, app.url)
    expect_first_visit(page)
    sign_in_at_provider(page, user)
    page.wait_for_url(f"{app.url}/", timeout=SIGN_IN_MS)
    wait_until_rendered(page)
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    return page


def test_two_people_sign_in_and_each_sees_only_their_own(
    hosted: Hosted, new_context: NewContext, make_application: ApplicationFactory
) -> None:
    """Alice and Bob, each in their own browser, see the first-visit page, sign in, and find
    only their own application; Bob's by its address shows Alice nothing of his."""
    hosted.store_of("alice").create(make_application(id="alice-app", company="Northwind"))
    hosted.store_of("bob").create(make_application(id="bob-app", company="Contoso"))
    alice_browser = new_context(viewport=DESKTOP)
    bob_browser = new_context(viewport=DESKTOP)

    visitor = open_page(alice_browser, hosted.a.url)
    expect_first_visit(visitor)
    screenshot(visitor, "hosted-first-visit")
    visitor.set_viewport_size(PHONE)
    wait_until_rendered(visitor)
    screenshot(visitor, "hosted-first-visit-phone")
    visitor.close()

    alice = sign_in(alice_browser, hosted.a, "alice")
    expect(alice.get_by_text("Northwind").first).to_be_visible()
    expect(alice.get_by_text("Contoso")).to_have_count(0)
    screenshot(alice, "hosted-alice-home")

    bob = sign_in(bob_browser, hosted.a, "bob")
    expect(bob.get_by_text("Contoso").first).to_be_visible()
    expect(bob.get_by_text("Northwind")).to_have_count(0)

    prying = open_page(alice_browser, f"{hosted.a.url}/checklist?app=bob-app")
    expect(prying.get_by_role("button", name="Sign in")).to_have_count(0)  # still alice
    expect(prying.get_by_text("Contoso")).to_have_count(0)
    expect(prying.locator('[data-testid="stException"]')).to_have_count(0)


def test_sign_out_ends_access(
    hosted: Hosted, new_context: NewContext, make_application: ApplicationFactory
) -> None:
    """Alice signs out on Settings, through the provider's end-session page, and is back at
    the first-visit page. A copy of her cookie taken before, in another browser, no longer
    lets anyone in; a forged identity cookie gets that page too. Alice signs in again."""
    hosted.store_of("alice").create(make_application(id="alice-app", company="Northwind"))
    context = new_context(viewport=DESKTOP)
    sign_in(context, hosted.a, "alice")
    copied = [c for c in context.cookies() if c["name"].startswith(USER_COOKIE)]
    thief = new_context(viewport=DESKTOP)
    thief.add_cookies(
        [{"name": c["name"], "value": c["value"], "url": hosted.a.url} for c in copied]
    )
    stolen = open_page(thief, hosted.a.url)
    expect(stolen.get_by_text("Northwind").first).to_be_visible()  # the copy works, for now
    page = open_page(context, f"{hosted.a.url}/settings")
    expect(page.get_by_text("Signed in as alice@example.test.")).to_be_visible()
    screenshot(page, "hosted-settings")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign out of the test provider?")).to_be_visible()
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{hosted.a.url}/", timeout=SIGN_IN_MS)
    wait_until_rendered(page)
    expect_first_visit(page)
    assert not [c for c in context.cookies() if c["name"].startswith(USER_COOKIE)]
    page.reload()
    wait_until_rendered(page)
    expect_first_visit(page)

    claims = {"iss": hosted.issuer, "sub": "alice", "email": "alice@example.test"}
    identity = json.dumps(
        {**claims, "origin": hosted.a.url, "is_logged_in": True, "provider": "default"}
    )
    forged = create_signed_value(secrets.token_hex(32), USER_COOKIE, identity).decode()
    mallory = new_context(viewport=DESKTOP)
    mallory.add_cookies([{"name": USER_COOKIE, "value": forged, "url": hosted.a.url}])
    expect_first_visit(open_page(mallory, hosted.a.url))
    expect_first_visit(open_page(mallory, f"{hosted.a.url}/settings"))

    stolen.reload()
    wait_until_rendered(stolen)
    expect_first_visit(stolen)
    expect(
        stolen.get_by_text("signed out, or deleted, after this browser signed in")
    ).to_be_visible()
    expect(stolen.get_by_text("Northwind")).to_have_count(0)

    again = sign_in(context, hosted.a, "alice")
    expect(again.get_by_text("Northwind").first).to_be_visible()


def test_two_processes_share_one_database(hosted: Hosted, new_context: NewContext) -> None:
    """Alice saves an interview on process A and finds it on process B after a reload; then
    the same field changed on both is a clash that B shows rather than overwriting A."""
    on_a = new_context(viewport=DESKTOP)
    on_b = new_context(viewport=DESKTOP)
    sign_in(on_a, hosted.a, "alice")
    home_b = sign_in(on_b, hosted.b, "alice")
    expect(home_b.get_by_text("Fabrikam")).to_have_count(0)

    notes_a = open_page(on_a, f"{hosted.a.url}/notes")
    notes_a.get_by_label("Company", exact=True).fill("Fabrikam")
    notes_a.get_by_label("Role", exact=True).fill("Data Engineer")
    notes_a.get_by_label("Name", exact=True).fill("Priya Raghunathan")
    notes_a.get_by_role("button", name="Save", exact=True).click()
    wait_until_rendered(notes_a)
    expect(notes_a.get_by_text(SAVED)).to_be_visible()
    (stored,) = hosted.store_of("alice").list_applications()
    assert stored.company == "Fabrikam"
    assert hosted.store_of("bob").list_applications() == []

    home_b.reload()
    wait_until_rendered(home_b)
    expect(home_b.get_by_text("Fabrikam").first).to_be_visible()

    editing_a = open_page(on_a, f"{hosted.a.url}/notes?app={stored.id}")
    editing_b = open_page(on_b, f"{hosted.b.url}/notes?app={stored.id}")
    for page in (editing_a, editing_b):
        expect(page.get_by_label("Role", exact=True)).to_have_value("Data Engineer")
    editing_a.get_by_label("Role", exact=True).fill("Staff Data Engineer")
    editing_a.get_by_role("button", name="Save", exact=True).click()
    wait_until_rendered(editing_a)
    expect(editing_a.get_by_text(SAVED)).to_be_visible()
    assert hosted.store_of("alice").get(stored.id).role == "Staff Data Engineer"

    editing_b.get_by_label("Role", exact=True).fill("Lead Data Engineer")
    editing_b.get_by_role("button", name="Save", exact=True).click()
    wait_until_rendered(editing_b)
    expect(editing_b.get_by_text("was saved elsewhere").first).to_be_visible()
    expect(editing_b.get_by_text("changed in both places")).to_be_visible()
    expect(editing_b.locator('[data-testid="stTable"]')).to_contain_text("Staff Data Engineer")
    assert hosted.store_of("alice").get(stored.id).role == "Staff Data Engineer"
