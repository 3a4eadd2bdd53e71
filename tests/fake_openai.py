"""A loopback OpenAI-compatible server for tests: real HTTP, scripted answers, no internet.

``FakeOpenAI`` serves ``POST /v1/chat/completions`` on 127.0.0.1 (a free port) from a daemon
thread. Each request takes the next queued behaviour (``enqueue``), or the default one when the
queue is empty, and is recorded in ``requests``. Behaviours are built by the factory functions
below: ``reply``, ``chunks``, ``thinking_then``, ``status``, ``answer``, ``context_overflow``,
``refuse_stream_options``, ``delay``, ``trickle``, ``cut_after``, ``empty`` and ``garbled``.
Plain answers and server-sent events follow the shapes the real servers send (OpenAI's, and
llama.cpp's as seen from a real ``llama-server``), so the openai SDK parses them as it would
parse theirs. A streamed answer ends with a usage chunk only when the request asks for one.

Every other route (a server's model list, llama.cpp's ``/props``, Ollama's ``/api/...``, LM
Studio's ``/api/v0/...``) answers 404 JSON unless a test sets it with ``route``; the builders
``models``, ``model_entry``, ``llama_cpp_props``, ``ollama_version``, ``ollama_show``,
``ollama_ps`` and ``lm_studio_model`` give their real shapes. Those requests are recorded in
``probes``, so ``requests`` stays the list of model calls.

Speech to text is such a route too: without one, ``POST /v1/audio/transcriptions`` answers 404
as a server without that endpoint does; ``route("POST", TRANSCRIPTION_PATH, transcription(...))``
gives it one. A multipart form (the SDK's upload) is recorded with its text fields in ``body``
and its files, byte for byte, in ``files``.
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
from typing import Any, Protocol, cast
from urllib.parse import urlsplit

from lib.llm import LLMError

SERVE_SECONDS = 5.0  # the longest a handler waits on an idle or silent socket
STOP_SECONDS = 5.0  # the longest stop() waits for the server thread
CHAT_PATH = "/v1/chat/completions"
TRANSCRIPTION_PATH = "/v1/audio/transcriptions"
# The counts a streamed answer reports in its usage chunk (a plain answer reports 10 and 5).
STREAM_USAGE = {"prompt_tokens": 42, "completion_tokens": 17, "total_tokens": 59}


@dataclass(frozen=True)
class Upload:
    """One file of a multipart form, as the fake server received it."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Received:
    """One request as the fake server saw it."""

    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: dict[str, Any]  # a JSON body, or the text fields of a multipart form
    files: dict[str, Upload] = field(default_factory=dict)  # a multipart form's files by name

    @property
    def streamed(self) -> bool:
        """Whether the client asked for server-sent events."""
        return bool(self.body.get("stream"))


class Behaviour(Protocol):
    """How the server answers one request."""

    def serve(self, handler: _Handler, request: Received) -> None:
        """Write the whole answer (or deliberately less) to the handler's socket."""


def _normal(path: str) -> str:
    """Return a request path without its query and trailing slash."""
    return urlsplit(path).path.rstrip("/") or "/"


def _multipart(raw: bytes, content_type: str) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Split a multipart/form-data body into its text fields and its files (by field name)."""
    boundary = re.search(r'boundary="?([^";]+)"?', content_type)
    if boundary is None:
        return {"_unreadable": raw.decode("utf-8", "replace")}, {}
    fields: dict[str, Any] = {}
    files: dict[str, Upload] = {}
    for part in raw.split(b"--" + boundary.group(1).encode())[1:]:
        if part.startswith(b"--"):
            break  # the closing delimiter
        head, _, data = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        data = data.removesuffix(b"\r\n")
        headers = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        field_name = re.search(r'(?:^|;)\s*name="([^"]*)"', disposition)
        filename = re.search(r'(?:^|;)\s*filename="([^"]*)"', disposition)
        key = field_name.group(1) if field_name else ""
        if filename is not None:
            files[key] = Upload(filename.group(1), headers.get("content-type", ""), data)
        else:
            fields[key] = data.decode("utf-8", "replace")
    return fields, files


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


def _wants_usage(request: Received) -> bool:
    """Whether a streamed request asked for a usage chunk (``stream_options.include_usage``)."""
    options = request.body.get("stream_options")
    return isinstance(options, dict) and options.get("include_usage") is True


def _usage_chunk(request: Received, usage: dict[str, int]) -> dict[str, Any]:
    """Return the last chunk of a stream that asked for usage: no choices, only the counts."""
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": request.body.get("model", ""),
        "choices": [],
        "usage": usage,
    }


def _thinking_delta(field_name: str, thought: str) -> dict[str, Any]:
    """Return a delta carrying thoughts: llama.cpp and vLLM send ``reasoning_content`` alone,
    Ollama sends ``reasoning`` beside an empty content."""
    if field_name == "reasoning":
        return {"role": "assistant", "content": "", "reasoning": thought}
    return {field_name: thought}


@dataclass(frozen=True)
class Reply:
    """A successful answer: plain JSON, or server-sent events when the request streams.

    ``pieces`` are the content chunks of a stream (word by word when None); ``thinking`` are
    thoughts sent first in the ``thinking_field`` of each delta (in the message of a plain
    answer); ``usage`` is the usage chunk sent last, only when the request asks for it.
    """

    text: str
    finish_reason: str = "stop"
    pieces: tuple[str, ...] | None = None
    thinking: tuple[str, ...] = ()
    thinking_field: str = "reasoning_content"
    usage: dict[str, int] | None = field(default_factory=lambda: dict(STREAM_USAGE))

    def serve(self, handler: _Handler, request: Received) -> None:
        """Answer with the text, split into several chunks when streaming."""
        if not request.streamed:
            body = _completion(request, self.text, self.finish_reason)
            if self.thinking:
                body["choices"][0]["message"][self.thinking_field] = "".join(self.thinking)
            handler.send_json(200, body)
            return
        handler.start_events()
        if self.pieces is not None:
            pieces = list(self.pieces)
        else:
            pieces = _words(self.text) if self.text else []
        opening, *content = list(_stream_chunks(request, pieces))
        handler.send_event(json.dumps(opening))
        for thought in self.thinking:
            delta = _thinking_delta(self.thinking_field, thought)
            handler.send_event(json.dumps(_chunk(request, delta)))
        for chunk in content:
            handler.send_event(json.dumps(chunk))
        handler.send_event(json.dumps(_chunk(request, {}, self.finish_reason)))
        if self.usage is not None and _wants_usage(request):
            handler.send_event(json.dumps(_usage_chunk(request, self.usage)))
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
class Answer:
    """A fixed JSON answer, byte for byte as a real server sends it (any status)."""

    code: int
    body: Any

    def serve(self, handler: _Handler, request: Received) -> None:
        """Answer with the status and the body as JSON."""
        handler.send_json(self.code, self.body)


@dataclass(frozen=True)
class RefuseStreamOptions:
    """A server that refuses ``stream_options`` with a 400, and otherwise behaves as ``then``."""

    then: Behaviour

    def serve(self, handler: _Handler, request: Received) -> None:
        """Refuse a request that carries stream_options; answer any other as ``then``."""
        if "stream_options" in request.body:
            body = {
                "error": {
                    "message": "Unrecognized request argument supplied: stream_options",
                    "type": "invalid_request_error",
                    "param": None,
                    "code": None,
                }
            }
            handler.send_json(400, body)
            return
        self.then.serve(handler, request)


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


def reply(
    text: str = "Thank you for your time today.",
    finish_reason: str = "stop",
    *,
    usage: bool = True,
) -> Reply:
    """Answer with ``text`` (several SSE chunks, a final finish_reason chunk, the usage chunk
    when asked for and ``usage`` is on, then [DONE]); "length" for an answer at its limit."""
    return Reply(text, finish_reason, usage=dict(STREAM_USAGE) if usage else None)


def chunks(pieces: list[str] | tuple[str, ...], finish_reason: str = "stop") -> Reply:
    """Stream exactly these content chunks (a plain answer joins them)."""
    return Reply("".join(pieces), finish_reason, pieces=tuple(pieces))


def thinking_then(
    thoughts: list[str] | tuple[str, ...],
    text: str,
    *,
    field_name: str = "reasoning_content",
    finish_reason: str = "stop",
) -> Reply:
    """Stream ``thoughts`` in a separate field of each delta (``reasoning_content`` as llama.cpp
    and vLLM send it, ``reasoning`` as Ollama does), then ``text`` as the content."""
    return Reply(text, finish_reason, thinking=tuple(thoughts), thinking_field=field_name)


def answer(code: int, body: Any) -> Answer:
    """Answer with exactly this status and JSON body."""
    return Answer(code, body)


# How real servers refuse a request that does not fit the model's context: each answers 400.
CONTEXT_OVERFLOWS: dict[str, Any] = {
    # llama.cpp's llama-server (the shape checked against a real one, which said 724 and 512)
    "llama.cpp": {
        "error": {
            "code": 400,
            "message": "request (5024 tokens) exceeds the available context size (4096 tokens), "
            "try increasing it",
            "type": "exceed_context_size_error",
            "n_prompt_tokens": 5024,
            "n_ctx": 4096,
        }
    },
    "OpenAI": {
        "error": {
            "message": "This model's maximum context length is 128000 tokens. However, your "
            "messages resulted in 130000 tokens. Please reduce the length of the messages.",
            "type": "invalid_request_error",
            "param": "messages",
            "code": "context_length_exceeded",
        }
    },
    # vLLM before its errors were wrapped in {"error": ...}
    "vLLM": {
        "object": "error",
        "message": "This model's maximum context length is 4096 tokens. However, you requested "
        "5000 tokens (4500 in the messages, 500 in the completion). Please reduce the length "
        "of the messages or completion.",
        "type": "BadRequestError",
        "param": None,
        "code": 400,
    },
    # vLLM since its errors are wrapped, with its newer wording
    "vLLM (newer)": {
        "error": {
            "message": "'max_tokens' or 'max_completion_tokens' is too large: 700. This "
            "model's maximum context length is 4096 tokens and your request has 4300 input "
            "tokens (700 > 4096 - 4300). None",
            "type": "BadRequestError",
            "param": None,
            "code": 400,
        }
    },
    # LM Studio: its "error" is a plain string, not an object
    "LM Studio": {
        "error": "Trying to keep the first 5000 tokens when context the overflows. However, "
        "the model is loaded with context length of only 4096 tokens, which is not enough. Try "
        "to load the model with a larger context length, or provide a shorter input"
    },
}


def transcription(text: str) -> Answer:
    """Answer a transcription as OpenAI's ``json`` format does (faster-whisper and whisper.cpp
    servers send the same): ``{"text": ...}``. Serve it with ``route("POST",
    TRANSCRIPTION_PATH, ...)``."""
    return Answer(200, {"text": text})


def context_overflow(server: str) -> Answer:
    """Refuse the request as ``server`` (a key of CONTEXT_OVERFLOWS) does when it cannot fit."""
    return Answer(400, CONTEXT_OVERFLOWS[server])


def refuse_stream_options(then: Behaviour | None = None) -> RefuseStreamOptions:
    """Refuse ``stream_options`` with a 400 that names it, as some servers do; answer a request
    without it as ``then`` (a plain reply by default). Set it as ``default`` to serve both."""
    return RefuseStreamOptions(then if then is not None else reply())


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


# -- what servers say about themselves -------------------------------------------------------


def model_entry(model_id: str, owned_by: str, **extra: Any) -> dict[str, Any]:
    """Return one entry of ``/v1/models`` (extra fields: llama.cpp's ``meta``, vLLM's
    ``max_model_len``)."""
    return {"id": model_id, "object": "model", "created": 1764547200, "owned_by": owned_by, **extra}


def models(*entries: dict[str, Any]) -> dict[str, Any]:
    """Return a ``/v1/models`` answer listing these entries."""
    return {"object": "list", "data": list(entries)}


def llama_cpp_props(n_ctx: int) -> dict[str, Any]:
    """Return llama.cpp's ``/props`` (the part the client reads, and some of the rest)."""
    return {
        "default_generation_settings": {"n_ctx": n_ctx, "params": {"n_predict": -1}},
        "total_slots": 1,
        "model_path": "/models/gemma-3-270m-q4_k_m.gguf",
        "build_info": "b0-unknown",
    }


def ollama_version() -> dict[str, Any]:
    """Return Ollama's ``/api/version``."""
    return {"version": "0.12.6"}


def ollama_show(*, num_ctx: int | None = None, context_length: int = 131072) -> dict[str, Any]:
    """Return Ollama's ``POST /api/show``: ``parameters`` (with ``num_ctx`` when set in the
    Modelfile) and ``model_info`` (the context the model was trained for)."""
    parameters = [
        'stop                           "<|start_header_id|>"',
        'stop                           "<|eot_id|>"',
    ]
    if num_ctx is not None:
        parameters.insert(0, f"num_ctx                        {num_ctx}")
    return {
        "modelfile": '# Modelfile generated by "ollama show"\nFROM llama3.1\n',
        "parameters": "\n".join(parameters),
        "template": "{{ .Prompt }}",
        "details": {"format": "gguf", "family": "llama", "parameter_size": "8.0B"},
        "model_info": {
            "general.architecture": "llama",
            "general.parameter_count": 8030261248,
            "llama.context_length": context_length,
            "llama.embedding_length": 4096,
        },
        "capabilities": ["completion", "tools"],
    }


def ollama_ps(*running: tuple[str, int]) -> dict[str, Any]:
    """Return Ollama's ``/api/ps`` listing running models as (name, context_length)."""
    return {
        "models": [
            {"name": name, "model": name, "size": 6654289920, "context_length": context}
            for name, context in running
        ]
    }


def lm_studio_model(
    model_id: str, *, loaded_context_length: int | None, max_context_length: int = 131072
) -> dict[str, Any]:
    """Return LM Studio's ``/api/v0/models/<id>`` (``loaded_context_length`` only when loaded)."""
    about: dict[str, Any] = {
        "id": model_id,
        "object": "model",
        "type": "llm",
        "publisher": "lmstudio-community",
        "arch": "qwen2",
        "state": "loaded" if loaded_context_length else "not-loaded",
        "max_context_length": max_context_length,
    }
    if loaded_context_length:
        about["loaded_context_length"] = loaded_context_length
    return about


class _Handler(BaseHTTPRequestHandler):
    """Reads one request, records it and lets the next behaviour answer."""

    protocol_version = "HTTP/1.1"
    timeout = SERVE_SECONDS
    server: _Server

    @property
    def fake(self) -> FakeOpenAI:
        """The FakeOpenAI this handler serves."""
        return self.server.fake

    def do_GET(self) -> None:
        """Record the request and answer from the routes (404 when none is set)."""
        self._answer("GET", {})

    def do_POST(self) -> None:
        """Record the request and answer it: model calls with the next behaviour."""
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        content_type = self.headers.get("content-type") or ""
        if content_type.startswith("multipart/form-data"):
            fields, files = _multipart(raw, content_type)
            self._answer("POST", fields, files)
            return
        try:
            body = json.loads(raw) if raw else {}
        except json.JSONDecodeError:
            body = {"_unreadable": raw.decode("utf-8", "replace")}
        self._answer("POST", body if isinstance(body, dict) else {"_unexpected": body})

    def _answer(
        self, method: str, body: dict[str, Any], files: dict[str, Upload] | None = None
    ) -> None:
        """Let the behaviour for this method and path answer, recording the request."""
        request = Received(
            method=method,
            path=self.path,
            headers={name.lower(): value for name, value in self.headers.items()},
            body=body,
            files=files or {},
        )
        path = self.fake.route_path(method, self.path)
        if method == "POST" and path == CHAT_PATH:
            behaviour = self.fake.take(request)
        else:
            behaviour = self.fake.probe(request, method, path)
        with suppress(BrokenPipeError, ConnectionResetError):
            behaviour.serve(self, request)

    def version_string(self) -> str:
        """Return the Server header: the fake's own (``llama.cpp``) when set."""
        return self.fake.server_header or super().version_string()

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
    requests: list[Received] = field(default_factory=list)  # the model calls
    probes: list[Received] = field(default_factory=list)  # every other request
    server_header: str | None = None  # e.g. "llama.cpp"; None: Python's own
    root_paths: bool = False  # also serve the /v1 routes without /v1, as llama.cpp does
    stopping: threading.Event = field(default_factory=threading.Event)
    _routes: dict[tuple[str, str], Behaviour] = field(default_factory=dict)
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

    def route(self, method: str, path: str, answer: Behaviour | dict[str, Any]) -> None:
        """Answer ``method`` ``path`` (without a query) with a behaviour or a 200 JSON body."""
        behaviour = answer if hasattr(answer, "serve") else Answer(200, answer)
        with self._lock:
            self._routes[(method.upper(), _normal(path))] = cast(Behaviour, behaviour)

    def route_path(self, method: str, raw_path: str) -> str:
        """Return the path a request is routed by: no query, no trailing slash, and /v1 put
        back when ``root_paths`` is on and the path is a /v1 route without it."""
        path = _normal(raw_path)
        if self.root_paths and not path.startswith("/v1/"):
            with_v1 = "/v1" + path
            with self._lock:
                known = (method, with_v1) in self._routes
            if known or (method == "POST" and with_v1 == CHAT_PATH):
                return with_v1
        return path

    def probe(self, request: Received, method: str, path: str) -> Behaviour:
        """Record a request outside the model calls and return its route's behaviour."""
        with self._lock:
            self.probes.append(request)
            found = self._routes.get((method, path))
        if found is not None:
            return found
        return Answer(
            404,
            {"error": {"message": f"Unknown path {path}", "type": "not_found_error", "code": 404}},
        )

    def take(self, request: Received) -> Behaviour:
        """Record a request and return the behaviour that answers it."""
        with self._lock:
            self.requests.append(request)
            return self._queue.popleft() if self._queue else self.default


def drain(chunks: Iterator[str]) -> tuple[list[str], LLMError | None]:
    """Consume a stream as st.write_stream would; return what arrived and the error, if any."""
    received: list[str] = []
    try:
        for chunk in chunks:
            received.append(chunk)
    except LLMError as error:
        return received, error
    return received, None


class SteppingClock:
    """A monotonic clock that moves on ``step`` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        """Start at zero."""
        self.now = 0.0
        self.step = step

    def monotonic(self) -> float:
        """Return the time, then move on."""
        self.now += self.step
        return self.now
