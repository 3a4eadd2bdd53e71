"""A helper program the tests serve on loopback (the OpenID provider, llama-server): started
with its output in a log file (never a pipe, which would stall it once full), waited for until
it answers, and stopped afterwards. One that dies or does not answer in time says why, with the
last lines of its log.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOG_TAIL_LINES = 40
KILLED_SECONDS = 10.0  # how long a killed program may take to be gone


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """Return the last lines a program wrote to its log."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


@contextmanager
def served(
    command: list[str],
    log_path: Path,
    *,
    not_ready: Callable[[], str | None],
    startup_seconds: float,
    stop_seconds: float,
    failure: type[Exception],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` until the block ends, once ``not_ready()`` returns None (until then it
    says what it saw, e.g. "last /health: 503"). Raises ``failure``, quoting the log, when the
    program exits or is not ready within ``startup_seconds``; stops it politely afterwards, and
    kills it after ``stop_seconds``."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env if env is not None else dict(os.environ),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        started = time.monotonic()
        while (seen := not_ready()) is not None:
            waited = time.monotonic() - started
            if process.poll() is not None or waited > startup_seconds:
                how = (
                    f"exited with code {process.returncode}"
                    if process.poll() is not None
                    else f"was not ready after {waited:.0f} s ({seen})"
                )
                raise failure(
                    f"{Path(command[0]).name} {how}: {' '.join(command)}\n"
                    f"its log ({log_path}) ends:\n{log_tail(log_path)}"
                )
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=stop_seconds)
            except subprocess.TimeoutExpired:
                process.kill()
        process.wait(timeout=KILLED_SECONDS)
