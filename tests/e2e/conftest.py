"""Browser fixtures: a real `streamlit run` on a free loopback port, driven by Debian chromium.

`playwright install` cannot download browsers here, so the system chromium is launched through
``executable_path``. Without chromium the browser tests skip with the reason, unless
COACH_REQUIRE_BROWSER is set (as .ci/run does), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
STARTUP_SECONDS = 30
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as an e2e test."""
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Return the path of Debian's chromium, or skip (fail in CI) when there is none."""
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if path:
        return path
    no_chromium = "no chromium on this machine (install Debian's: apt-get install chromium)"
    if os.environ.get("COACH_REQUIRE_BROWSER"):
        pytest.fail(f"browser tests are required here, but {no_chromium}")
    pytest.skip(no_chromium)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict, chromium_executable: str
) -> dict[str, object]:
    """Launch the system chromium headless, without reaching for the network."""
    return {
        **browser_type_launch_args,
        "executable_path": chromium_executable,
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


def _free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class ServedApp:
    """A running `streamlit run app.py`: its base URL, database file, process and log file."""

    url: str
    db_path: Path
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> bytes:
        """Return everything the server printed so far (stdout and stderr)."""
        return self.log_path.read_bytes()


@contextmanager
def running_app(
    db_path: Path,
    extra_env: dict[str, str] | None = None,
    *,
    script: str = "app.py",
    port: int | None = None,
    secrets: Path | None = None,
) -> Iterator[ServedApp]:
    """Start the app (or another ``script`` of the repository) on a free port, or on ``port``,
    with its own database, its output in a log file beside the database; stop it afterwards,
    unless the test already stopped or killed it. ``secrets`` names the one secrets.toml the
    server reads, instead of ~/.streamlit's and the repository's."""
    port = port or _free_port()
    env = {**os.environ, "COACH_DB": str(db_path), **(extra_env or {})}
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    if secrets is not None:
        command += ["--secrets.files", str(secrets)]
    log_path = db_path.with_name(f"{db_path.stem}-{port}.log")
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    app = ServedApp(f"http://127.0.0.1:{port}", db_path, process, log_path)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{app.url}/_stcore/health", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start on {app.url}:\n{app.log().decode()}")
                time.sleep(0.2)
        yield app
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        process.wait(timeout=10)


def serve(
    db_path: Path, extra_env: dict[str, str] | None = None, **options: Any
) -> Iterator[ServedApp]:
    """``running_app`` for a fixture: ``yield from serve(...)``."""
    with running_app(db_path, extra_env, **options) as app:
        yield app


@pytest.fixture
def served_app(tmp_path: Path, chromium_executable: str) -> Iterator[ServedApp]:
    """The app served for one test, on an empty database in the test's temp folder."""
    yield from serve(tmp_path / "served.db")


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot of the whole page (Streamlit scrolls inside its main area, so the
    viewport is stretched to the content for the shot); return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    viewport = page.viewport_size or {"width": 1366, "height": 900}
    content = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight ?? 0"
    )
    page.set_viewport_size(
        {"width": viewport["width"], "height": max(viewport["height"], min(content, 8000))}
    )
    page.wait_for_timeout(200)
    page.screenshot(path=path)
    page.set_viewport_size(viewport)
    return path


def wait_until_rendered(page: Page) -> None:
    """Wait until the script run finished and every data grid has its data."""
    finished = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
    expect(finished).to_have_count(1, timeout=20_000)
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    grids = page.locator('[data-testid="stDataFrame"]')
    for index in range(grids.count()):
        # the canvas grid mirrors its cells in a hidden accessible table once its data arrived
        expect(grids.nth(index).locator('[role="gridcell"]').first).to_be_attached(timeout=15_000)
    if grids.count():
        page.wait_for_timeout(500)  # the canvas paints on the next animation frames


SIGN_IN_MS = 20_000  # app -> provider -> form -> provider -> callback -> app; 2-4 s here


def sign_in_at_provider(page: Page, user: str) -> None:
    """On a signed-out page of a server with ``[auth]``: press "Sign in", and sign in as ``user``
    on the test provider's one-field form (tests/oidc_provider.py); the browser is then on its
    way back to the app."""
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("User name").fill(user)  # on the provider's page now
    page.get_by_role("button", name="Sign in").click()
