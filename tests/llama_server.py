"""A real llama.cpp server for the tests: started on a free loopback port, stopped afterwards.

The binary and the model are the ones ``tools.local_llm`` finds (``make local-llm`` builds and
installs both; ``make llm-model`` only the model, served by the prebuilt ``../shared`` binary).
The server's output goes to a log file, never a pipe (a full pipe would stall the server), and
a server that does not start says why with the log's last lines.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.served import LOG_TAIL_LINES, free_port, log_tail, served
from tools.local_llm import find_model, find_server, model_path, server_command

CONTEXT = 8192  # tokens; server_command also pins two threads (-t 2)
STARTUP_SECONDS = 60.0  # ready in 2-5 s on two idle cores; a loaded machine gets room
IDLE_SECONDS = 60.0
STOP_SECONDS = 10.0  # it finishes the batch in hand first: seconds, for a long prompt
_LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy


def _get(url: str) -> tuple[int, object]:
    """Return the status and JSON body of a GET (status 0: no answer)."""
    try:
        with _LOOPBACK.open(url, timeout=2) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None
    except (OSError, ValueError):
        return 0, None


class LlamaServerError(RuntimeError):
    """The server did not start, died, or did not settle; the message quotes its log."""


@dataclass(frozen=True)
class LlamaServer:
    """A running llama-server: its root URL, process and log file."""

    url: str  # http://127.0.0.1:PORT, without /v1
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def base_url(self) -> str:
        """Return the OpenAI-compatible base URL, as a user would type it in Settings."""
        return f"{self.url}/v1"

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        """Return the last lines the server wrote to its log."""
        return log_tail(self.log_path, lines)

    def get(self, path: str) -> tuple[int, object]:
        """Return the status and JSON body of a GET at the server's root (status 0: no answer)."""
        return _get(f"{self.url}{path}")

    def wait_until_idle(self, seconds: float = IDLE_SECONDS) -> None:
        """Wait until no slot is working (a call the client gave up on is cancelled by the
        server, but only between batches); a server without ``/slots`` is taken as idle."""
        deadline = time.monotonic() + seconds
        while True:
            status, slots = self.get("/slots")
            if status != 200 or not isinstance(slots, list):
                return
            if not any(isinstance(s, dict) and s.get("is_processing") for s in slots):
                return
            if time.monotonic() > deadline:
                raise LlamaServerError(
                    f"llama-server at {self.url} was still busy after {seconds:g} s; its log "
                    f"({self.log_path}) ends:\n{self.log_tail()}"
                )
            time.sleep(0.1)


def missing() -> str | None:
    """Return why no real server can run here (no binary, no model), or None when one can."""
    reasons = []
    if find_server() is None:
        configured = os.environ.get("COACH_LLAMA_SERVER")
        reasons.append(
            f"COACH_LLAMA_SERVER={configured} is not an executable (fix or unset it)"
            if configured
            else "no llama-server binary (none built in the cache, none in ../shared/llama-server)"
        )
    if find_model() is None:
        reasons.append(f"no model at {model_path()}")
    if not reasons:
        return None
    return f"{'; '.join(reasons)}; run `make local-llm` (or `make llm-model` for the model alone)"


@contextmanager
def running_server(
    folder: Path,
    *,
    context: int = CONTEXT,
    startup_seconds: float = STARTUP_SECONDS,
    stop_seconds: float = STOP_SECONDS,
) -> Iterator[LlamaServer]:
    """Serve the cached model with llama-server on a free port, its log in ``folder``; stop it
    afterwards (killed if it takes over ``stop_seconds``). Raises LlamaServerError, with the
    log's tail, when it does not become ready."""
    server, model = find_server(), find_model()
    if server is None or model is None:
        raise LlamaServerError(missing() or "no llama-server or model")
    port = free_port()
    command = server_command(server, model, port, context)
    url = f"http://127.0.0.1:{port}"

    def not_ready() -> str | None:
        status = _get(f"{url}/health")[0]
        return None if status == 200 else f"last /health: {status or 'none'}"  # 503: loading

    log_path = folder / f"llama-server-{port}.log"
    with served(
        command,
        log_path,
        not_ready=not_ready,
        startup_seconds=startup_seconds,
        stop_seconds=stop_seconds,
        failure=LlamaServerError,
    ) as process:
        yield LlamaServer(url, process, log_path)
