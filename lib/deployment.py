"""How this server runs: local (one person, a SQLite file), demo (anonymous visitors, each in
memory), or hosted (sign-in required, PostgreSQL), read from the secrets and the environment.

``resolve_deployment`` reads ``COACH_MODE`` (``local``, ``demo`` or ``hosted``; the older
``COACH_DEMO = 1`` or ``demo = true`` still means demo), and for hosted also the database URL
(``COACH_DATABASE_URL``) and the ``[auth]`` section Streamlit's ``st.login`` reads. A server
set up to be hosted but missing either refuses to start its pages with a message naming what
to add, rather than falling back to a mode that would mix people's data. The secrets come first,
then the environment, as for the LLM settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit

Mode = Literal["local", "demo", "hosted"]
MODES: tuple[Mode, ...] = ("local", "demo", "hosted")
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
POSTGRES_SCHEMES = ("postgresql", "postgresql+psycopg", "postgres")
# What st.login needs in [auth]: the way back, and the secret its cookie is signed with.
AUTH_KEYS = ("redirect_uri", "cookie_secret")
# What a provider needs, in [auth] itself or in a named provider's section ([auth.google]).
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
MEANINGS: dict[Mode, str] = {
    "local": "Local: your data stays in a file on this computer.",
    "demo": "Demo: your data stays in this browser tab and goes when you close or refresh it.",
    "hosted": "Hosted: you sign in, and your data is kept on this server's database, yours only.",
}


class DeploymentError(ValueError):
    """A configuration this server cannot run with, said so that the host can fix it."""


@dataclass(frozen=True)
class Deployment:
    """The mode, and for hosted the database to keep everyone's data in."""

    mode: Mode
    database_url: str | None = None  # hosted only; the local mode uses its SQLite file

    @property
    def meaning(self) -> str:
        """Say in one sentence where the user's data is kept."""
        return MEANINGS[self.mode]


def _first(sources: tuple[Mapping[str, object], ...], name: str) -> str:
    """Return the first non-empty value of ``name`` among the sources, stripped, or ""."""
    for source in sources:
        value = source.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def resolve_deployment(secrets: Mapping[str, object], environ: Mapping[str, str]) -> Deployment:
    """Return how this server runs; raise DeploymentError for a mode it cannot run in."""
    sources = (secrets, environ)
    named = _first(sources, "COACH_MODE").lower()
    if named and named not in MODES:
        raise DeploymentError(
            f'COACH_MODE is "{named[:40]}"; it should be one of {", ".join(MODES)}.'
        )
    demo_flags = (_first(sources, "COACH_DEMO"), str(secrets.get("demo") or ""))
    if not named and any(flag.lower() in TRUE_WORDS for flag in demo_flags):
        named = "demo"
    mode: Mode = named or "local"  # type: ignore[assignment]  # checked against MODES above
    if mode != "hosted":
        return Deployment(mode)
    return Deployment("hosted", _database_url(_first(sources, "COACH_DATABASE_URL")))


def _database_url(url: str) -> str:
    """Return the hosted mode's PostgreSQL URL, or say what is wrong with it."""
    if not url:
        raise DeploymentError(
            "The hosted mode keeps everyone's data in PostgreSQL: set COACH_DATABASE_URL, e.g. "
            "postgresql+psycopg://coach:…@db.example.com/coach."
        )
    scheme = urlsplit(url).scheme
    if scheme not in POSTGRES_SCHEMES:
        raise DeploymentError(
            f"COACH_DATABASE_URL starts with {scheme or 'no scheme'}://; the hosted mode needs "
            "a PostgreSQL URL (postgresql+psycopg://user:password@host/database)."
        )
    return url


def missing_sign_in(auth: Mapping[str, object] | None) -> list[str]:
    """Return what the ``[auth]`` section lacks for st.login, as setting names ([] when none).

    A provider's settings may sit in ``[auth]`` itself or in a named section (``[auth.google]``);
    one complete provider is enough.
    """
    auth = auth or {}
    missing = [f"auth.{key}" for key in AUTH_KEYS if not str(auth.get(key) or "").strip()]
    providers = [auth, *(value for value in auth.values() if isinstance(value, Mapping))]
    complete = any(
        all(str(provider.get(key) or "").strip() for key in PROVIDER_KEYS) for provider in providers
    )
    if not complete:
        missing.append("a provider: " + ", ".join(f"auth.{key}" for key in PROVIDER_KEYS))
    return missing


def owner_key(issuer: str, subject: str) -> str:
    """Return the key every row of one signed-in person is kept under: their provider's issuer
    and their subject there (a subject is unique only within its issuer)."""
    if not issuer.strip() or not subject.strip():
        raise ValueError("A signed-in user needs both an issuer and a subject.")
    return f"{issuer.strip()}|{subject.strip()}"


def provider_names(auth: Mapping[str, object] | None) -> list[str]:
    """Return the named providers of an ``[auth]`` section ([auth.google] -> "google"), or []
    when its one provider is set in ``[auth]`` itself."""
    return [name for name, value in (auth or {}).items() if isinstance(value, Mapping)]


# How much of the server's own LLM key one person may spend: in the demo per browser tab, in
# the hosted mode per person per day (UTC). (setting, default) for calls, then for tokens.
ALLOWANCE_SETTINGS: dict[Mode, tuple[tuple[str, int], tuple[str, int]]] = {
    "demo": (("COACH_DEMO_LLM_CALLS", 20), ("COACH_DEMO_LLM_TOKENS", 40_000)),
    "hosted": (("COACH_HOSTED_LLM_CALLS", 60), ("COACH_HOSTED_LLM_TOKENS", 150_000)),
}
ALLOWANCE_SPANS: dict[Mode, str] = {"demo": "for this tab", "hosted": "for today"}


@dataclass(frozen=True)
class Allowance:
    """How many calls and tokens of the server's LLM one person may spend, and over what."""

    calls: int
    tokens: int
    span: str  # "for this tab", "for today"

    def used_up(self, used: tuple[int, int]) -> bool:
        """Whether ``used`` (calls, tokens) reaches either limit."""
        return used[0] >= self.calls or used[1] >= self.tokens


def llm_allowance(
    mode: Mode, secrets: Mapping[str, object], environ: Mapping[str, str]
) -> Allowance | None:
    """Return the allowance on the server's LLM key in ``mode`` (None on a computer of one's
    own); a setting that is not a whole number keeps its default."""
    if mode not in ALLOWANCE_SETTINGS:
        return None

    def number(name: str, default: int) -> int:
        raw = _first((secrets, environ), name)
        return int(raw) if raw.isdigit() else default

    calls, tokens = (number(name, default) for name, default in ALLOWANCE_SETTINGS[mode])
    return Allowance(calls, tokens, ALLOWANCE_SPANS[mode])


def sign_in_revoked(issued_at: object, signed_out_at: datetime | None) -> bool:
    """Whether a sign-in issued at ``issued_at`` (its ID token's ``iat``, seconds since the
    epoch) came before the person's last sign-out, so that a cookie kept or copied from before
    no longer lets anyone in.

    ``iat`` has whole seconds: a sign-in in the same second as the sign-out still counts. One
    without a readable ``iat`` (OpenID Connect requires it) counts only if there was never a
    sign-out.
    """
    if signed_out_at is None:
        return False
    try:
        issued = int(float(str(issued_at)))
    except ValueError:
        return True
    return issued < int(signed_out_at.timestamp())
