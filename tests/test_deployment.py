"""How the server runs, from its secrets and environment: local, demo or hosted, and what a
hosted server still lacks (lib/deployment.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lib.deployment import (
    Allowance,
    Deployment,
    DeploymentError,
    llm_allowance,
    missing_sign_in,
    owner_key,
    provider_names,
    resolve_deployment,
    sign_in_revoked,
)

URL = "postgresql+psycopg://coach:secret@127.0.0.1:5432/coach"


def test_nothing_set_is_the_local_mode() -> None:
    """A plain `make run`: local, no database server."""
    assert resolve_deployment({}, {}) == Deployment("local")


@pytest.mark.parametrize(
    ("secrets", "environ"),
    [
        ({}, {"COACH_DEMO": "1"}),
        ({"COACH_DEMO": "true"}, {}),
        ({"demo": True}, {}),
        ({}, {"COACH_MODE": "demo"}),
        ({"COACH_MODE": " Demo "}, {}),
    ],
)
def test_the_demo_is_named_the_old_way_or_the_new(
    secrets: dict[str, object], environ: dict[str, str]
) -> None:
    """COACH_DEMO and demo = true still mean the demo; COACH_MODE = demo too."""
    assert resolve_deployment(secrets, environ).mode == "demo"


def test_a_named_mode_wins_over_the_old_demo_flag() -> None:
    """COACH_MODE says local: the old flag does not turn it into a demo."""
    assert resolve_deployment({"COACH_MODE": "local"}, {"COACH_DEMO": "1"}).mode == "local"


def test_the_secrets_come_before_the_environment() -> None:
    """Hosted in the secrets, demo in the environment: hosted, with the secrets' URL."""
    deployment = resolve_deployment(
        {"COACH_MODE": "hosted", "COACH_DATABASE_URL": URL},
        {"COACH_MODE": "demo", "COACH_DATABASE_URL": "postgresql://other/db"},
    )
    assert deployment == Deployment("hosted", URL)


def test_hosted_without_a_database_says_what_to_set() -> None:
    """No URL: a message naming COACH_DATABASE_URL and its shape."""
    with pytest.raises(DeploymentError, match=r"set COACH_DATABASE_URL, e\.g\. postgresql"):
        resolve_deployment({"COACH_MODE": "hosted"}, {})


@pytest.mark.parametrize("url", ["sqlite:///coach.db", "/var/lib/coach.db", "mysql://db/coach"])
def test_hosted_on_anything_but_postgresql_is_refused(url: str) -> None:
    """A file or another database would not keep several processes' saves apart."""
    with pytest.raises(DeploymentError, match="needs a PostgreSQL URL"):
        resolve_deployment({}, {"COACH_MODE": "hosted", "COACH_DATABASE_URL": url})


def test_an_unknown_mode_is_named() -> None:
    """A typo is said back, with the modes there are."""
    with pytest.raises(DeploymentError, match='COACH_MODE is "hostd"; it should be one of'):
        resolve_deployment({}, {"COACH_MODE": "hostd"})


def test_each_mode_says_where_the_data_is_kept() -> None:
    """The sentence the pages show for each mode."""
    assert "file on this computer" in Deployment("local").meaning
    assert "refresh" in Deployment("demo").meaning
    assert "sign in" in Deployment("hosted", URL).meaning


GOOGLE = {
    "client_id": "id",
    "client_secret": "secret",
    "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration",
}


def test_a_complete_sign_in_section_lacks_nothing() -> None:
    """The way back, the cookie secret, and one provider, inline or named."""
    base = {"redirect_uri": "https://coach.example/oauth2callback", "cookie_secret": "x" * 32}
    assert missing_sign_in({**base, **GOOGLE}) == []
    assert missing_sign_in({**base, "google": GOOGLE}) == []


def test_what_sign_in_lacks_is_listed() -> None:
    """No section at all, or a provider without its secret: each missing setting is named."""
    assert missing_sign_in(None) == [
        "auth.redirect_uri",
        "auth.cookie_secret",
        "a provider: auth.client_id, auth.client_secret, auth.server_metadata_url",
    ]
    partial = {"redirect_uri": "https://x/oauth2callback", "cookie_secret": "s", "google": {}}
    assert missing_sign_in(partial) == [
        "a provider: auth.client_id, auth.client_secret, auth.server_metadata_url"
    ]


def test_a_user_is_their_issuer_and_subject() -> None:
    """The same subject at two providers is two people."""
    assert owner_key("https://accounts.google.com", "1234") == "https://accounts.google.com|1234"
    assert owner_key("https://login.example", "1234") != owner_key("https://other.example", "1234")
    with pytest.raises(ValueError, match="both an issuer and a subject"):
        owner_key("https://accounts.google.com", " ")


def test_named_providers_are_listed_in_order() -> None:
    """[auth.google] and [auth.microsoft] give two sign-in buttons; an inline provider none."""
    assert provider_names({"redirect_uri": "x", "google": GOOGLE, "microsoft": GOOGLE}) == [
        "google",
        "microsoft",
    ]
    assert provider_names({"redirect_uri": "x", **GOOGLE}) == []


def test_the_llm_allowance_is_per_tab_in_the_demo_and_per_day_hosted() -> None:
    assert llm_allowance("local", {}, {}) is None
    assert llm_allowance("demo", {}, {}) == Allowance(20, 40_000, "for this tab")
    assert llm_allowance("hosted", {}, {}) == Allowance(60, 150_000, "for today")


def test_the_allowance_is_set_in_the_secrets_first_and_a_bad_number_keeps_the_default() -> None:
    secrets = {"COACH_HOSTED_LLM_CALLS": "5"}
    environ = {"COACH_HOSTED_LLM_CALLS": "9", "COACH_HOSTED_LLM_TOKENS": "lots"}
    assert llm_allowance("hosted", secrets, environ) == Allowance(5, 150_000, "for today")


@pytest.mark.parametrize(
    ("used", "spent"),
    [((0, 0), False), ((4, 999), False), ((5, 0), True), ((0, 1_000), True), ((9, 9_999), True)],
)
def test_an_allowance_is_used_up_at_either_limit(used: tuple[int, int], spent: bool) -> None:
    assert Allowance(5, 1_000, "for today").used_up(used) is spent


SIGNED_OUT = datetime(2026, 11, 20, 12, 0, 30, 700_000, tzinfo=UTC)


@pytest.mark.parametrize(
    ("issued_at", "revoked"),
    [
        (SIGNED_OUT.timestamp() - 86_400, True),  # the day before: a kept or copied cookie
        (int(SIGNED_OUT.timestamp()) - 1, True),
        (int(SIGNED_OUT.timestamp()), False),  # the same second: iat has no fraction
        (int(SIGNED_OUT.timestamp()) + 60, False),  # signed in again afterwards
        (str(int(SIGNED_OUT.timestamp()) + 60), False),
        (None, True),
        ("soon", True),
    ],
)
def test_a_sign_in_from_before_the_last_sign_out_is_revoked(
    issued_at: object, revoked: bool
) -> None:
    assert sign_in_revoked(issued_at, SIGNED_OUT) is revoked


@pytest.mark.parametrize("issued_at", [None, 0, 1_790_000_000])
def test_without_a_sign_out_every_sign_in_counts(issued_at: object) -> None:
    assert sign_in_revoked(issued_at, None) is False
