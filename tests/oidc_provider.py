"""A real OpenID Connect provider for the sign-in tests: npm's oidc-provider on loopback.

``tests/oidc/package.json`` pins oidc-provider and its ``package-lock.json`` pins the rest.
``npm ci`` installs them into a cache folder outside the repository (``COACH_OIDC_CACHE``, else
the user cache folder), one folder per lock file, so later runs start at once. The provider
(``tests/oidc/provider.mjs``, copied beside the installed packages, where Node finds them) runs
on a free loopback port with one confidential client and the accounts of
``tests/oidc/accounts.json``. The client's redirect URIs are
``http://127.0.0.1:<port>/oauth2callback`` for a few app ports reserved up front, outside the
range the kernel hands out for port 0, so that no other server of the suite takes them.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs

SOURCE = Path(__file__).resolve().parent / "oidc"
INSTALLED_FILES = ("package.json", "package-lock.json")
PROGRAM_FILES = ("provider.mjs", "accounts.json")
ACCOUNTS: dict[str, dict[str, str]] = json.loads((SOURCE / "accounts.json").read_text())
NODE_MAJOR = 20  # oidc-provider 9 and its jose 6; it warns below Node 22 but works on 20
CLIENT_ID = "follow-up-coach"
APP_PORTS = 2  # issue 15 serves the app as two processes on one database
INSTALL_SECONDS = 300.0
STARTUP_SECONDS = 30.0
STOP_SECONDS = 10.0
LOG_TAIL_LINES = 40
_LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy


class OIDCProviderError(RuntimeError):
    """The packages did not install, or the provider did not start; the message says why."""


@dataclass(frozen=True)
class OIDCProvider:
    """A running provider: its issuer, the client the app signs in with, and the app ports its
    redirect URIs allow."""

    issuer: str  # http://127.0.0.1:PORT
    client_id: str
    client_secret: str
    app_ports: tuple[int, ...]
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def metadata_url(self) -> str:
        """Return the discovery document's URL (Streamlit's ``server_metadata_url``)."""
        return f"{self.issuer}/.well-known/openid-configuration"

    def redirect_uri(self, app_port: int) -> str:
        """Return the redirect URI registered for an app on ``app_port``."""
        if app_port not in self.app_ports:
            raise ValueError(f"port {app_port} is not one of the client's {self.app_ports}")
        return f"http://127.0.0.1:{app_port}/oauth2callback"

    def auth_secrets(self, app_port: int, cookie_secret: str) -> str:
        """Return the ``[auth]`` section of a secrets.toml that signs in through this provider
        from an app served at http://127.0.0.1:<app_port>."""
        values = {
            "redirect_uri": self.redirect_uri(app_port),
            "cookie_secret": cookie_secret,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "server_metadata_url": self.metadata_url,
        }
        # a JSON string is a valid TOML basic string
        lines = [f"{key} = {json.dumps(value)}" for key, value in values.items()]
        return "\n".join(["[auth]", *lines, ""])

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        """Return the last lines the provider wrote to its log."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


def cache_dir() -> Path:
    """Return the folder that holds one installation of the provider's packages per lock file."""
    configured = os.environ.get("COACH_OIDC_CACHE")
    if configured:
        return Path(configured)
    return Path(platformdirs.user_cache_dir("follow-up-coach")) / "oidc"


def missing() -> str | None:
    """Return why the provider cannot run here (no Node.js or npm, or too old a Node.js), or
    None when it can."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        absent = " and ".join(name for name, path in (("node", node), ("npm", npm)) if not path)
        return f"no {absent} on this machine (Node.js {NODE_MAJOR} or later with npm is needed)"
    try:
        version = subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as error:
        return f"`node --version` failed: {error}"
    found = re.match(r"v(\d+)\.", version)
    if found is None or int(found.group(1)) < NODE_MAJOR:
        return f"Node.js {version or '(unknown)'} is too old; oidc-provider needs {NODE_MAJOR}+"
    return None


def install() -> Path:
    """Install the pinned packages into the cache with ``npm ci`` unless this lock file's
    installation is already there; return that folder."""
    digest = hashlib.sha256()
    for name in INSTALLED_FILES:
        digest.update((SOURCE / name).read_bytes())
    folder = cache_dir() / digest.hexdigest()[:16]
    if (folder / ".installed").exists():
        return folder
    staging = folder.with_name(f"{folder.name}.{os.getpid()}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in INSTALLED_FILES:
        shutil.copy2(SOURCE / name, staging / name)
    command = ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(staging)]
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=INSTALL_SECONDS,
        )
    except subprocess.TimeoutExpired:
        shutil.rmtree(staging, ignore_errors=True)
        raise OIDCProviderError(f"`{' '.join(command)}` took over {INSTALL_SECONDS:g} s") from None
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        output = "\n".join((done.stdout + done.stderr).splitlines()[-LOG_TAIL_LINES:])
        raise OIDCProviderError(f"`{' '.join(command)}` failed ({done.returncode}):\n{output}")
    (staging / ".installed").touch()
    try:
        staging.rename(folder)
    except OSError:  # another run installed the same lock file meanwhile: keep theirs
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def _free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ephemeral_range() -> tuple[int, int]:
    """Return the range the kernel picks port-0 binds from (Linux's default if unknown)."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def reserve_app_ports(count: int) -> tuple[int, ...]:
    """Return ``count`` distinct free loopback ports below the ephemeral range: a server the
    suite starts on port 0 never lands on them, so they stay free for the apps that sign in."""
    low, _ = _ephemeral_range()
    candidates = random.sample(range(20000, min(low, 32768)), k=200)
    chosen: list[int] = []
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        chosen.append(port)
        if len(chosen) == count:
            return tuple(chosen)
    raise OIDCProviderError(f"found only {len(chosen)} free ports below {low} for the apps")


def _metadata(url: str) -> dict | None:
    """Return the discovery document at ``url``, or None while there is no good answer."""
    try:
        with _LOOPBACK.open(url, timeout=2) as answer:
            return json.loads(answer.read()) if answer.status == 200 else None
    except (OSError, ValueError, urllib.error.HTTPError):
        return None


@contextmanager
def running_provider(
    folder: Path,
    *,
    app_ports: tuple[int, ...] | None = None,
    startup_seconds: float = STARTUP_SECONDS,
) -> Iterator[OIDCProvider]:
    """Install the packages when needed, serve the provider on a free port with its log in
    ``folder``, wait until it publishes its discovery document, and stop it afterwards.
    Raises OIDCProviderError, with the log's tail, when it does not start."""
    installed = install()
    for name in PROGRAM_FILES:  # fresh each start, so an edit in tests/oidc takes effect
        shutil.copy2(SOURCE / name, installed / name)
    ports = app_ports or reserve_app_ports(APP_PORTS)
    port = _free_port()
    client_secret = hashlib.sha256(os.urandom(32)).hexdigest()
    command = ["node", str(installed / "provider.mjs"), "--port", str(port)]
    for app_port in ports:
        command += ["--app-port", str(app_port)]
    command += ["--client-id", CLIENT_ID]
    env = {**os.environ, "OIDC_CLIENT_SECRET": client_secret}  # kept off the command line
    log_path = folder / f"oidc-provider-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=installed,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    provider = OIDCProvider(
        f"http://127.0.0.1:{port}", CLIENT_ID, client_secret, ports, process, log_path
    )
    try:
        started = time.monotonic()
        while (metadata := _metadata(provider.metadata_url)) is None or (
            metadata.get("issuer") != provider.issuer
        ):
            waited = time.monotonic() - started
            if process.poll() is not None or waited > startup_seconds:
                how = (
                    f"exited with code {process.returncode}"
                    if process.poll() is not None
                    else f"published no discovery document within {waited:.0f} s"
                )
                raise OIDCProviderError(
                    f"the OpenID provider {how}: {' '.join(command)}\n"
                    f"its log ({log_path}) ends:\n{provider.log_tail()}"
                )
            time.sleep(0.1)
        yield provider
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
        process.wait(timeout=STOP_SECONDS)
