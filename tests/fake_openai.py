"""A loopback OpenAI-compatible server for tests: real HTTP, scripted answers, no internet.

``FakeOpenAI`` serves ``POST /v1/chat/completions`` on 127.0.0.1 (a free port) from a daemon
thread. Each request takes the next queued behaviour (``enqueue``), or the default one when the
queue is empty, and is recorded in ``requests``. Behaviours are built by the factory functions
below: ``reply``, ``status``, ``delay``, ``trickle``, ``cut_after``, ``empty`` and ``garbled``.
Plain answers and server-sent events follow the shapes the real API sends, so the openai SDK
parses them as it would parse OpenAI's own.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

SERVE_SECONDS = 5.0  # the longest a handler waits on an idle or silent socket
STOP_SECONDS = 5.0  # the longest stop() waits for the server thread


@dataclass(frozen=True)
class Received:
    """One request as the fake server saw it."""

    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: dict[str, Any]

    @property
    def streamed(self) -> bool:
        """Whether the client asked for server-sent events."""
        return bool(self.body.get("stream"))


class Behaviour(Protocol):
    """How the server answers one request."""

    def serve(self, handler: _Handler, request: Received) -> None:
        """Write the whole answer (or deliberately less) to the handler's socket."""


def _words(text: str) -> list[str]:
    """Split text into token-like pieces (a word with its trailing space) that join back."""
    return re.findall(r"\s*\S+\s*", text) or [text]


def _completion(request: Received, content: str, finish_reason: str = "stop") -> dict[str, Any]:
    """Return a chat.completion body as the real API sends it."""
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.body.get("model", ""),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def _chunk(
    request: Received, delta: dict[str, Any], finish_reason: str | None = None
) -> dict[str, Any]:
    """Return one chat.completion.chunk body as the real API streams it."""
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": request.body.get("model", ""),
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
    }


def _stream_chunks(request: Received, pieces: list[str]) -> Iterator[dict[str, Any]]:
    """Yield the opening role chunk (empty content, as OpenAI sends) and one chunk per piece."""
    yield _chunk(request, {"role": "assistant", "content": ""})
    for piece in pieces:
        yield _chunk(request, {"content": piece})


@dataclass(frozen=True)
class Reply:
    """A successful answer: plain JSON, or server-sent events when the request streams."""

    text: str
    finish_reason: str = "stop"

    def serve(self, handler: _Handler, request: Received) -> None:
        """Answer with the text, split into several chunks when streaming."""
        if not request.streamed:
            handler.send_json(200, _completion(request, self.text, self.finish_reason))
            return
        handler.start_events()
        pieces = _words(self.text) if self.text else []
        for chunk in _stream_chunks(request, pieces):
            handler.send_event(json.dumps(chunk))
        handler.send_event(json.dumps(_chunk(request, {}, self.finish_reason)))
        handler.send_event("[DONE]")
        handler.end_events()


@dataclass(frozen=True)
class Status:
    """An error answer with an OpenAI-style body."""

    code: int
    message: str
    type: str
    error_code: str | None
    retry_after_ms: int | None

    def serve(self, handler: _Handler, request: Received) -> None:
        """Answer with the status and ``{"error": {...}}`` (streaming or not, as the API does)."""
        body = {
            "error": {
                "message": self.message,
                "type": self.type,
                "param": None,
                "code": self.error_code,
            }
        }
        headers = {}
        if self.retry_after_ms is not None:
            headers["retry-after-ms"] = str(self.retry_after_ms)
        handler.send_json(self.code, body, headers)


@dataclass(frozen=True)
class Delay:
    """Wait, then behave as ``then``: for client timeouts."""

    seconds: float
    then: Behaviour

    def serve(self, handler: _Handler, request: Received) -> None:
        """Sleep (cut short when the server stops), then answer unless stopped."""
        if handler.fake.stopping.wait(self.seconds):
            return
        self.then.serve(handler, request)


@dataclass(frozen=True)
class Trickle:
    """Stream pieces with a pause before each after the first: a slow model, never stalled."""

    pieces: tuple[str, ...]
    seconds: float

    def serve(self, handler: _Handler, request: Received) -> None:
        """Send the pieces slowly (stop when the server stops or the client hangs up)."""
        handler.start_events()
        for index, chunk in enumerate(_stream_chunks(request, list(self.pieces))):
            if index > 1 and handler.fake.stopping.wait(self.seconds):
                return
            handler.send_event(json.dumps(chunk))
        handler.send_event(json.dumps(_chunk(request, {}, "stop")))
        handler.send_event("[DONE]")
        handler.end_events()


@dataclass(frozen=True)
class CutAfter:
    """Stream some text, then stop without any finish_reason."""

    pieces: tuple[str, ...]
    clean_end: bool

    def serve(self, handler: _Handler, request: Received) -> None:
        """Send the pieces; then drop the connection mid-body, or end the body cleanly."""
        handler.start_events()
        for chunk in _stream_chunks(request, list(self.pieces)):
            handler.send_event(json.dumps(chunk))
        if self.clean_end:
            handler.send_event("[DONE]")
            handler.end_events()
        else:
            handler.drop()  # no terminating chunk: the client sees an incomplete body


@dataclass(frozen=True)
class Garbled:
    """A 200 that is not an OpenAI answer: a non-JSON body, or a broken event line."""

    content_type: str

    def serve(self, handler: _Handler, request: Received) -> None:
        """Answer with text that no JSON parser accepts."""
        if request.streamed:
            handler.start_events()
            handler.send_event('{"id": "chatcmpl-fake", "choices": [{not json')
            handler.send_event("[DONE]")
            handler.end_events()
            return
        body = b"<html><body><h1>Welcome</h1>{not json</body></html>"
        handler.send_bytes(200, body, self.content_type)


def reply(text: str = "Thank you for your time today.", finish_reason: str = "stop") -> Reply:
    """Answer with ``text`` (several SSE chunks, a final finish_reason chunk, then [DONE])."""
    return Reply(text, finish_reason)


_ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", "model_not_found"),
    429: ("requests", "rate_limit_exceeded"),
}


def status(
    code: int,
    message: str = "The server had an error while processing your request.",
    *,
    error_code: str | None = None,
    retry_after_ms: int | None = 5,
) -> Status:
    """Answer with an HTTP error and an OpenAI-style error body.

    OpenAI sends ``retry-after-ms`` with its errors, and the SDK waits that long before a retry;
    a few milliseconds keep retrying tests fast. ``None`` leaves the header out, so the SDK falls
    back to its own exponential backoff (about half a second first).
    """
    kind, default_code = _ERROR_TYPES.get(code, ("server_error", None))
    return Status(code, message, kind, error_code or default_code, retry_after_ms)


def delay(seconds: float, then: Behaviour | None = None) -> Delay:
    """Wait ``seconds`` before answering as ``then`` (a plain reply by default)."""
    return Delay(seconds, then if then is not None else reply())


def trickle(pieces: list[str] | tuple[str, ...], seconds: float) -> Trickle:
    """Stream ``pieces`` with ``seconds`` between them (the first at once), then finish."""
    return Trickle(tuple(pieces), seconds)


def cut_after(pieces: list[str] | tuple[str, ...], *, clean_end: bool = False) -> CutAfter:
    """Stream ``pieces``, then close the socket mid-body (no finish_reason, no [DONE]).

    With ``clean_end`` the body ends properly after ``data: [DONE]`` but still without any
    finish_reason, as a proxy that swallowed the last chunk would.
    """
    return CutAfter(tuple(pieces), clean_end)


def empty() -> Reply:
    """Answer with empty content (and a normal finish_reason)."""
    return Reply("")


def garbled(content_type: str = "text/html") -> Garbled:
    """Answer 200 with a body that is not JSON (streams: a ``data: {not json`` line)."""
    return Garbled(content_type)


class _Handler(BaseHTTPRequestHandler):
    """Reads one request, records it and lets the next behaviour answer."""

    protocol_version = "HTTP/1.1"
    timeout = SERVE_SECONDS
    server: _Server

    @property
    def fake(self) -> FakeOpenAI:
        """The FakeOpenAI this handler serves."""
        return self.server.fake

    def do_POST(self) -> None:
        """Record the request and answer it with the next behaviour."""
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else {}
        except json.JSONDecodeError:
            body = {"_unreadable": raw.decode("utf-8", "replace")}
        request = Received(
            method="POST",
            path=self.path,
            headers={name.lower(): value for name, value in self.headers.items()},
            body=body if isinstance(body, dict) else {"_unexpected": body},
        )
        if self.path.rstrip("/") != "/v1/chat/completions":
            self.fake.record(request)
            self.send_json(404, {"error": {"message": f"Unknown path {self.path}", "code": None}})
            return
        behaviour = self.fake.take(request)
        with suppress(BrokenPipeError, ConnectionResetError):
            behaviour.serve(self, request)

    def send_bytes(
        self, code: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        """Send a complete response with a Content-Length."""
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-request-id", "req_fake")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def send_json(self, code: int, data: object, headers: dict[str, str] | None = None) -> None:
        """Send a complete JSON response."""
        self.send_bytes(code, json.dumps(data).encode(), "application/json", headers)

    def start_events(self) -> None:
        """Start a chunked text/event-stream response."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("x-request-id", "req_fake")
        self.end_headers()
        self.wfile.flush()

    def send_event(self, data: str) -> None:
        """Send one ``data:`` event as its own HTTP chunk."""
        payload = f"data: {data}\n\n".encode()
        self.wfile.write(f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
        self.wfile.flush()

    def end_events(self) -> None:
        """End the chunked body properly."""
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def drop(self) -> None:
        """Close the connection now, in the middle of the body."""
        self.close_connection = True
        self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


class _Server(ThreadingHTTPServer):
    """A threading HTTP server that knows its FakeOpenAI and stays quiet about dropped clients."""

    daemon_threads = True
    fake: FakeOpenAI

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that hang up (timeouts do so on purpose)."""


@dataclass
class FakeOpenAI:
    """An OpenAI-compatible server on 127.0.0.1 with scripted behaviours; a context manager."""

    default: Behaviour = field(default_factory=reply)
    requests: list[Received] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    _queue: deque[Behaviour] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: _Server | None = None
    _thread: threading.Thread | None = None

    def start(self) -> FakeOpenAI:
        """Bind a free loopback port and serve from a daemon thread."""
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake any delayed handler and release the port."""
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(STOP_SECONDS)

    def __enter__(self) -> FakeOpenAI:
        """Start serving."""
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        """Stop serving."""
        self.stop()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        if self._server is None:
            raise RuntimeError("FakeOpenAI is not started")
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """The base URL to give the client: ``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    def enqueue(self, *behaviours: Behaviour) -> None:
        """Answer the next requests with these behaviours, in order."""
        with self._lock:
            self._queue.extend(behaviours)

    def record(self, request: Received) -> None:
        """Record a request that no behaviour answers."""
        with self._lock:
            self.requests.append(request)

    def take(self, request: Received) -> Behaviour:
        """Record a request and return the behaviour that answers it."""
        with self._lock:
            self.requests.append(request)
            return self._queue.popleft() if self._queue else self.default
