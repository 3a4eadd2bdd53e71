"""st.login against a real OpenID Connect provider, as a person signs in with a browser.

What Streamlit 1.67 does, proven end to end before the app relies on it (issue 15): a small
probe page (tests/oidc/login_probe.py) is served with an ``[auth]`` secrets section that points at
the loopback provider (tests/oidc_provider.py), and chromium signs in as alice and bob.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

from tests.e2e.conftest import (
    SIGN_IN_MS,
    ServedApp,
    running_app,
    sign_in_at_provider,
    wait_until_rendered,
)
from tests.oidc_provider import ACCOUNTS, OIDCProvider

PROBE = "tests/oidc/login_probe.py"
USER_COOKIE = "_streamlit_user"
TOKENS_COOKIE = "_streamlit_user_tokens"
THIRTY_DAYS = 30 * 24 * 3600
# st.user: the ID token's claims, plus Streamlit's is_logged_in, provider and tokens
USER_KEYS = (
    "aud email email_verified exp iat is_logged_in iss name nonce provider sub tokens".split()
)

NewContext = Callable[..., BrowserContext]


@dataclass(frozen=True)
class Probe:
    """The probe page served with sign-in: the server, and the cookie secret it signs with."""

    app: ServedApp
    cookie_secret: str

    @property
    def url(self) -> str:
        """Return the page's address, at the redirect URI's origin."""
        return self.app.url


@pytest.fixture(scope="module")
def probe(
    oidc_provider: OIDCProvider, tmp_path_factory: pytest.TempPathFactory, chromium_executable: str
) -> Iterator[Probe]:
    """Serve the probe page on the provider's first app port, with secrets in a temp folder."""
    folder = tmp_path_factory.mktemp("sign-in")
    port = oidc_provider.app_ports[0]
    cookie_secret = secrets.token_hex(32)
    secrets_path = folder / "secrets.toml"
    secrets_path.write_text(oidc_provider.auth_secrets(port, cookie_secret))
    with running_app(folder / "probe.db", script=PROBE, port=port, secrets=secrets_path) as app:
        yield Probe(app, cookie_secret)


def open_probe(context: BrowserContext, probe: Probe, url: str | None = None) -> Page:
    """Open the probe page in a new tab and wait until it has rendered."""
    page = context.new_page()
    page.goto(url or probe.url)
    wait_until_rendered(page)
    return page


def sign_in(context: BrowserContext, probe: Probe, user: str) -> Page:
    """Sign in as ``user`` through the provider's form; return the page, signed in."""
    page = open_probe(context, probe)
    sign_in_at_provider(page, user)
    expect(page.get_by_role("heading", name="Signed in")).to_be_visible(timeout=SIGN_IN_MS)
    wait_until_rendered(page)
    return page


def shown_user(page: Page) -> dict[str, str]:
    """Return what the probe shows of st.user, as ``{"sub": ..., "email": ..., ...}``."""
    lines = page.locator('[data-testid="stText"]').all_inner_texts()
    return dict(line.split(": ", 1) for line in lines)


def expect_signed_out(page: Page) -> None:
    """The page offers to sign in, and shows no one's identity."""
    expect(page.get_by_role("heading", name="Signed out")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.locator('[data-testid="stText"]')).to_have_count(0)


def auth_cookies(context: BrowserContext) -> dict[str, dict]:
    """Return Streamlit's identity cookies in the context, by name."""
    return {c["name"]: dict(c) for c in context.cookies() if c["name"].startswith(USER_COOKIE)}


def identity_cookie(probe: Probe, value: str, url: str | None = None) -> dict:
    """Return a ``_streamlit_user`` cookie with ``value`` for the probe's host (or ``url``'s)."""
    return {"name": USER_COOKIE, "value": value, "url": url or probe.url}


def test_two_people_sign_in_in_two_browsers_and_each_sees_only_themselves(
    probe: Probe, oidc_provider: OIDCProvider, new_context: NewContext
) -> None:
    """Alice signs in on her laptop, Bob on his: each page shows its own person, from the ID
    token's claims (issuer, subject, email, name), and Alice is still herself after a reload."""
    alice_browser, bob_browser = new_context(), new_context()
    alice = sign_in(alice_browser, probe, "alice")
    bob = sign_in(bob_browser, probe, "bob")

    for page, user in ((alice, "alice"), (bob, "bob")):
        seen = shown_user(page)
        assert seen["sub"] == user
        assert seen["email"] == ACCOUNTS[user]["email"]
        assert seen["name"] == ACCOUNTS[user]["name"]
        assert seen["iss"] == oidc_provider.issuer
        assert seen["keys"].split(", ") == USER_KEYS

    alice.reload()
    wait_until_rendered(alice)
    assert shown_user(alice)["sub"] == "alice"


def test_the_identity_cookie_is_http_only_lax_and_lasts_thirty_days(
    probe: Probe, new_context: NewContext
) -> None:
    """Signing in leaves two signed cookies, out of reach of the page's scripts, sent on
    top-level navigations, for 30 days whatever the ID token's own expiry."""
    context = new_context()
    page = sign_in(context, probe, "alice")

    cookies = auth_cookies(context)
    assert set(cookies) == {USER_COOKIE, TOKENS_COOKIE}
    for cookie in cookies.values():
        assert cookie["httpOnly"] is True
        assert cookie["sameSite"] == "Lax"
        assert cookie["secure"] is False  # plain http on loopback; Streamlit never sets Secure
        assert cookie["path"] == "/"
        assert abs(cookie["expires"] - (time.time() + THIRTY_DAYS)) < 3600
    # st.user.exp is the ID token's (an hour away); Streamlit does not act on it
    assert abs(int(shown_user(page)["exp"]) - (time.time() + 3600)) < 600


def test_sign_out_asks_the_provider_and_comes_back_signed_out(
    probe: Probe, oidc_provider: OIDCProvider, new_context: NewContext
) -> None:
    """Alice signs out: the provider asks her to confirm (its end-session page, with her ID
    token as the hint), she comes back to the sign-in button, her identity cookies are gone,
    and a reload keeps her signed out."""
    context = new_context()
    page = sign_in(context, probe, "alice")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign out of the test provider?")).to_be_visible()
    assert page.url.startswith(f"{oidc_provider.issuer}/session/end?")
    assert "id_token_hint=" in page.url
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{probe.url}/")
    wait_until_rendered(page)
    expect_signed_out(page)
    assert auth_cookies(context) == {}

    page.reload()
    wait_until_rendered(page)
    expect_signed_out(page)


def test_declining_at_the_provider_still_signs_out_of_the_app(
    probe: Probe, new_context: NewContext
) -> None:
    """Streamlit drops its cookies before it sends Alice to the provider: pressing "No, stay
    signed in" there keeps her provider session, but not her session in the app."""
    context = new_context()
    page = sign_in(context, probe, "alice")

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="No, stay signed in").click()
    page.wait_for_url(f"{probe.url}/")
    wait_until_rendered(page)
    expect_signed_out(page)
    assert auth_cookies(context) == {}


def test_a_missing_or_forged_cookie_gets_the_sign_in_button(
    probe: Probe, new_context: NewContext
) -> None:
    """No cookie, a cookie signed with another secret, or a real cookie with one character
    changed: each visitor is offered the sign-in button. The same forged identity signed with
    the server's cookie secret is accepted: that secret alone vouches for who someone is."""
    origin = probe.url
    claims = {"sub": "mallory", "iss": "http://evil.test", "email": "mallory@evil.test"}
    forged = json.dumps({**claims, "origin": origin, "is_logged_in": True, "provider": "default"})

    real = new_context()
    sign_in(real, probe, "alice")
    value = auth_cookies(real)[USER_COOKIE]["value"]
    tampered = value[:10] + ("A" if value[10] != "A" else "B") + value[11:]
    other_secret = create_signed_value(secrets.token_hex(32), USER_COOKIE, forged).decode()
    right_secret = create_signed_value(probe.cookie_secret, USER_COOKIE, forged).decode()

    visitor = new_context()  # one browser, its cookies replaced before each visit
    for cookie in (None, other_secret, tampered):
        visitor.clear_cookies()
        if cookie is not None:
            visitor.add_cookies([identity_cookie(probe, cookie)])
        expect_signed_out(open_probe(visitor, probe))

    visitor.clear_cookies()
    visitor.add_cookies([identity_cookie(probe, right_secret)])
    page = open_probe(visitor, probe)
    expect(page.get_by_role("heading", name="Signed in")).to_be_visible()
    assert shown_user(page)["sub"] == "mallory"


def test_sign_out_does_not_revoke_a_copy_of_the_cookie(
    probe: Probe, new_context: NewContext
) -> None:
    """A fact of Streamlit's: it keeps no server-side session, so a copy of Alice's cookie
    taken before she signs out still signs in afterwards, for 30 days. The app ends such a copy
    itself, from the sign-out time it records and the ID token's ``iat``, which st.user holds
    (lib/ui_account.py; tests/e2e/test_hosted_browser.py::test_sign_out_ends_access)."""
    context = new_context()
    page = sign_in(context, probe, "alice")
    copied = list(auth_cookies(context).values())
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{probe.url}/")
    wait_until_rendered(page)
    expect_signed_out(page)

    elsewhere = new_context()
    elsewhere.add_cookies(copied)
    replayed = open_probe(elsewhere, probe)
    expect(replayed.get_by_role("heading", name="Signed in")).to_be_visible()
    assert shown_user(replayed)["sub"] == "alice"
    assert abs(int(shown_user(replayed)["iat"]) - time.time()) < 600  # the app compares it


def test_the_cookie_counts_only_at_the_redirect_uris_origin(
    probe: Probe, new_context: NewContext
) -> None:
    """The cookie records the redirect URI's origin (http://127.0.0.1:PORT): the same signed
    cookies on http://localhost:PORT sign no one in (the server logs the mismatch), so the app
    must be opened at exactly the origin written in ``redirect_uri``."""
    signed_in = new_context()
    sign_in(signed_in, probe, "alice")
    localhost = probe.url.replace("127.0.0.1", "localhost")
    context = new_context()
    context.add_cookies(
        [
            {**identity_cookie(probe, cookie["value"], localhost), "name": name}
            for name, cookie in auth_cookies(signed_in).items()
        ]
    )
    logged = len(probe.app.log())
    expect_signed_out(open_probe(context, probe, localhost))
    assert b"Origin mismatch" in probe.app.log()[logged:]
