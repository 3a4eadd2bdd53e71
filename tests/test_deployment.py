"""How the server runs, from its secrets and environment: local, demo or hosted, and what a
hosted server still lacks (lib/deployment.py)."""

from __future__ import annotations

import pytest

from lib.deployment import (
    Deployment,
    DeploymentError,
    missing_sign_in,
    owner_key,
    provider_names,
    resolve_deployment,
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
