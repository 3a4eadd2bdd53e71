"""What answers at the base URL: which kind of server, which models, and how much it can read.

``probe_server`` asks the server's model list (``/v1/models``) and, by the kind of server that
answered, where it tells its context size: llama.cpp ``/props``, Ollama ``/api/show`` (and
``/api/ps``), LM Studio ``/api/v0/models``, vLLM's ``max_model_len``. ``check_connection`` adds
a one-word request and says, honestly, what worked and what did not: a model name the server
does not list is a warning even when the server answers anyway (llama.cpp answers with the one
model it loaded, whatever the name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx2
import openai

from lib.llm import open_client, ping
from lib.llm_base import LLMError, LLMSettings, display_url

PROBE_SECONDS = 5.0  # the most each optional look at the server may take
OLLAMA_DEFAULT_CONTEXT = 4096  # Ollama's context below 24 GiB of VRAM unless num_ctx is set
OWNERS = {  # the owned_by each server writes in /v1/models
    "llamacpp": "llama.cpp",
    "vllm": "vLLM",
    "library": "Ollama",
    "ollama": "Ollama",
    "organization_owner": "LM Studio",
    "system": "OpenAI",
    "openai": "OpenAI",
    "openai-internal": "OpenAI",
}
_NUM_CTX = re.compile(r"^\s*num_ctx\s+(\d+)", re.M)


@dataclass(frozen=True)
class ServerInfo:
    """What a server said about itself; every part may be unknown."""

    kind: str = ""  # "OpenAI", "Ollama", "llama.cpp", "LM Studio", "vLLM", or "" when unsure
    models: tuple[str, ...] = ()  # the ids /v1/models lists
    context: int | None = None  # the tokens one request may use, prompt and answer together
    context_note: str = ""  # how the context was found, when it is a default, not a reading

    def lists(self, model: str) -> bool:
        """Whether the server lists ``model`` (Ollama's "name" means "name:latest")."""
        return model in self.models or f"{model}:latest" in self.models


@dataclass(frozen=True)
class ConnectionCheck:
    """The outcome of a connection check: one sentence that it worked, and what to fix."""

    message: str
    warnings: list[str] = field(default_factory=list)
    server: ServerInfo = ServerInfo()


def root_url(base_url: str) -> str:
    """Return the server's root: the base URL without a trailing /v1."""
    return re.sub(r"/v1/?$", "", base_url.rstrip("/"))


def probe_server(settings: LLMSettings) -> ServerInfo:
    """Return what the server says about itself; an answer it cannot give stays unknown.

    Never raises: a server without a model list is still a server to write with.
    """
    if settings.base_url is None or urlsplit(settings.base_url).hostname == "api.openai.com":
        return ServerInfo(kind="OpenAI", models=_listed_models(settings)[0])
    models, entries, header = _listed_models(settings)
    kind = _kind(entries, header, settings)
    context, note = _context(kind, entries, settings)
    return ServerInfo(kind=kind, models=models, context=context, context_note=note)


def check_connection(settings: LLMSettings) -> ConnectionCheck:
    """Prove key, URL and model work with a one-word request; say what answered, and warn."""
    ping(settings)
    server = probe_server(settings)
    if settings.base_url is None:
        kind = "OpenAI"
    else:
        kind = f"{server.kind or 'the server'} at {display_url(settings.base_url)}"
    size = f"; it reads up to {server.context:,} tokens at once" if server.context else ""
    if server.models and not server.lists(settings.model):
        message = f"Connected: {kind} answered{size}, but it does not list {settings.model}."
    else:
        message = f"Connected: {kind} answered as {settings.model}{size}."
    return ConnectionCheck(message, _warnings(settings, server), server)


def _warnings(settings: LLMSettings, server: ServerInfo) -> list[str]:
    """Return what the user should fix although the server answered."""
    warnings = []
    if server.models and not server.lists(settings.model):
        listed = ", ".join(server.models[:5]) + (" …" if len(server.models) > 5 else "")
        answers = (
            " llama.cpp answers with the model it loaded whatever name is asked for, so the "
            "name in Settings says nothing about the model that writes."
            if server.kind == "llama.cpp"
            else ""
        )
        warnings.append(
            f'The server does not list the model "{settings.model}"; it lists {listed}.'
            f"{answers} Set the model in Settings to one of these."
        )
    if settings.base_url and server.kind not in ("", "OpenAI"):
        path = urlsplit(settings.base_url).path.rstrip("/")
        if not path.endswith("/v1"):
            warnings.append(
                f"The base URL does not end in /v1. {server.kind} accepts that here, but the "
                f"usual address is {display_url(settings.base_url)}/v1."
            )
    if server.context_note:
        warnings.append(server.context_note)
    return warnings


def _listed_models(settings: LLMSettings) -> tuple[tuple[str, ...], list[dict[str, Any]], str]:
    """Return the model ids, the raw entries and the Server header of ``/v1/models``."""
    try:
        with open_client(settings) as client:
            response = client.models.with_raw_response.list(timeout=PROBE_SECONDS)
            entries = response.http_response.json().get("data") or []
            header = response.headers.get("server", "")
    except (openai.OpenAIError, LLMError, ValueError, AttributeError):
        return (), [], ""
    entries = [entry for entry in entries if isinstance(entry, dict)]
    ids = tuple(str(entry["id"]) for entry in entries if entry.get("id"))
    return ids, entries, header


def _kind(entries: list[dict[str, Any]], header: str, settings: LLMSettings) -> str:
    """Tell the kind of server from its model list and headers, or by asking Ollama's API."""
    if "llama.cpp" in header:
        return "llama.cpp"
    for entry in entries:
        if (kind := OWNERS.get(str(entry.get("owned_by", "")).lower())) is not None:
            return kind
    if _get(settings, "/api/version") is not None:
        return "Ollama"
    return ""


def _context(
    kind: str, entries: list[dict[str, Any]], settings: LLMSettings
) -> tuple[int | None, str]:
    """Return the server's context size for the model, and a note when it is a default."""
    entry = next(
        (e for e in entries if e.get("id") == settings.model), entries[0] if entries else {}
    )
    if kind == "llama.cpp":
        props = _get(settings, "/props") or {}
        size = (props.get("default_generation_settings") or {}).get("n_ctx")
        return _positive(size) or _positive((entry.get("meta") or {}).get("n_ctx")), ""
    if kind == "vLLM":
        return _positive(entry.get("max_model_len")), ""
    if kind == "LM Studio":
        about = _get(settings, f"/api/v0/models/{settings.model}") or {}
        return _positive(about.get("loaded_context_length")), ""  # not loaded: not known yet
    if kind == "Ollama":
        return _ollama_context(settings)
    return None, ""


def _ollama_context(settings: LLMSettings) -> tuple[int | None, str]:
    """Return the context Ollama gives the model: num_ctx, the running size, or its default."""
    shown = _post(settings, "/api/show", {"model": settings.model}) or {}
    if found := _NUM_CTX.search(str(shown.get("parameters") or "")):
        return int(found.group(1)), ""
    running = _get(settings, "/api/ps") or {}
    for model in running.get("models") or []:
        if (
            isinstance(model, dict)
            and model.get("name")
            in (
                settings.model,
                f"{settings.model}:latest",
            )
            and (size := _positive(model.get("context_length")))
        ):
            return size, ""
    trained = next(
        (
            _positive(value)
            for key, value in (shown.get("model_info") or {}).items()
            if key.endswith(".context_length")
        ),
        None,
    )
    size = min(OLLAMA_DEFAULT_CONTEXT, trained or OLLAMA_DEFAULT_CONTEXT)
    return size, (
        f"Ollama did not say the context it gives {settings.model}, so the coach assumes its "
        f"default of {size:,} tokens and keeps prompts within it (a longer prompt would be cut "
        "without a word). Set num_ctx, or OLLAMA_CONTEXT_LENGTH, for more."
    )


def _positive(value: object) -> int | None:
    """Return a positive whole number, or None."""
    return value if isinstance(value, int) and value > 0 else None


def _get(settings: LLMSettings, path: str) -> dict[str, Any] | None:
    """Return the JSON object at a path of the server's root, or None on any failure."""
    return _ask(settings, "GET", path, None)


def _post(settings: LLMSettings, path: str, body: dict[str, Any]) -> dict[str, Any] | None:
    """Return the JSON object a POST to a path of the server's root answers, or None."""
    return _ask(settings, "POST", path, body)


def _ask(
    settings: LLMSettings, method: str, path: str, body: dict[str, Any] | None
) -> dict[str, Any] | None:
    """Make one optional request to the server's own API; any failure is just "unknown"."""
    assert settings.base_url is not None
    headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
    try:
        response = httpx2.request(
            method,
            root_url(settings.base_url) + path,
            json=body,
            headers=headers,
            timeout=PROBE_SECONDS,
            follow_redirects=False,
        )
        answer = response.json() if response.status_code == 200 else None
    except (httpx2.HTTPError, ValueError):
        return None
    return answer if isinstance(answer, dict) else None
