"""What answers at the base URL: the kind of server, its models and its context, and the
connection check in Settings, against the loopback fake acting as each real server.

The fake answers each server's own routes in the shapes the real servers use (llama.cpp's
checked against a real llama-server); nothing reaches the internet.
"""

from __future__ import annotations

import pytest

from lib.llm import LLMError, LLMSettings
from lib.llm_server import OLLAMA_DEFAULT_CONTEXT, ServerInfo, check_connection, probe_server
from tests.fake_openai import (
    FakeOpenAI,
    garbled,
    llama_cpp_props,
    lm_studio_model,
    model_entry,
    models,
    ollama_ps,
    ollama_show,
    ollama_version,
    reply,
    status,
)

SECRET = "sk-test-SECRET-123"
GGUF = "gemma-3-270m-q4_k_m.gguf"


def settings_for(
    server: FakeOpenAI,
    *,
    model: str = "llama3.1",
    api_key: str = SECRET,
    base_url: str | None = None,
) -> LLMSettings:
    """Return settings that talk to the fake server, with a planted key and short waits."""
    return LLMSettings(
        model=model,
        base_url=base_url or server.base_url,
        api_key=api_key,
        timeout=2.0,
        max_retries=0,
    )


def as_llama_cpp(
    server: FakeOpenAI, *, n_ctx: int | None = 4096, owned_by: str = "llamacpp", header: bool = True
) -> None:
    """Make the fake answer as llama-server does: its model list (with meta.n_ctx), /props,
    and the Server header."""
    meta = {"n_ctx": 2048, "n_ctx_train": 32768, "n_vocab": 262144}
    server.route("GET", "/v1/models", models(model_entry(GGUF, owned_by, meta=meta)))
    if n_ctx is not None:
        server.route("GET", "/props", llama_cpp_props(n_ctx))
    server.server_header = "llama.cpp" if header else None


def as_ollama(server: FakeOpenAI, *, owned_by: str = "library") -> None:
    """Make the fake answer as Ollama does: /v1/models with ":latest" ids and /api/version."""
    server.route(
        "GET",
        "/v1/models",
        models(model_entry("llama3.1:latest", owned_by), model_entry("qwen3:8b", owned_by)),
    )
    server.route("GET", "/api/version", ollama_version())


# -- the kind of server and its context ----------------------------------------------------


@pytest.mark.parametrize(
    ("owned_by", "header"),
    [("llamacpp", False), ("someone", True)],
    ids=["owned_by", "server-header"],
)
def test_llama_cpp_is_recognised_and_its_context_read_from_props(
    fake_openai: FakeOpenAI, owned_by: str, header: bool
) -> None:
    """A llama-server started with -c 4096: it is named llama.cpp (by its model list or its
    Server header) and the context comes from /props."""
    as_llama_cpp(fake_openai, owned_by=owned_by, header=header)

    server = probe_server(settings_for(fake_openai, model=GGUF))

    assert server == ServerInfo(kind="llama.cpp", models=(GGUF,), context=4096)


def test_llama_cpp_without_props_gives_the_context_of_its_model_list(
    fake_openai: FakeOpenAI,
) -> None:
    """A llama.cpp behind a proxy that passes only /v1: the context comes from meta.n_ctx."""
    as_llama_cpp(fake_openai, n_ctx=None)

    server = probe_server(settings_for(fake_openai, model=GGUF))

    assert server.kind == "llama.cpp"
    assert server.context == 2048


def test_vllm_is_recognised_and_gives_the_chosen_models_max_model_len(
    fake_openai: FakeOpenAI,
) -> None:
    """vLLM serving two models: it is named, and the context is that of the model in use."""
    fake_openai.route(
        "GET",
        "/v1/models",
        models(
            model_entry("Qwen/Qwen2.5-0.5B-Instruct", "vllm", max_model_len=8192),
            model_entry("Qwen/Qwen2.5-7B-Instruct", "vllm", max_model_len=32768),
        ),
    )

    server = probe_server(settings_for(fake_openai, model="Qwen/Qwen2.5-7B-Instruct"))

    assert server.kind == "vLLM"
    assert server.context == 32768
    assert server.context_note == ""


@pytest.mark.parametrize("owned_by", ["library", "jmorganca"], ids=["library", "own-model"])
def test_ollama_is_recognised_and_its_num_ctx_read(fake_openai: FakeOpenAI, owned_by: str) -> None:
    """Ollama with num_ctx 8192 in the Modelfile: named Ollama (by owned_by, or by /api/version
    for a model of the user's own), and the context is that num_ctx, with no note."""
    as_ollama(fake_openai, owned_by=owned_by)
    fake_openai.route("POST", "/api/show", ollama_show(num_ctx=8192))

    server = probe_server(settings_for(fake_openai, model="llama3.1"))

    assert server.kind == "Ollama"
    assert server.models == ("llama3.1:latest", "qwen3:8b")
    assert server.context == 8192
    assert server.context_note == ""
    [show] = [probe for probe in fake_openai.probes if probe.path == "/api/show"]
    assert show.method == "POST"
    assert show.body == {"model": "llama3.1"}


def test_ollama_gives_the_context_of_the_running_model_when_num_ctx_is_not_set(
    fake_openai: FakeOpenAI,
) -> None:
    """Ollama started with OLLAMA_CONTEXT_LENGTH: the running model's context (/api/ps)."""
    as_ollama(fake_openai)
    fake_openai.route("POST", "/api/show", ollama_show())
    fake_openai.route("GET", "/api/ps", ollama_ps(("qwen3:8b", 2048), ("llama3.1:latest", 16384)))

    server = probe_server(settings_for(fake_openai, model="llama3.1"))

    assert server.context == 16384
    assert server.context_note == ""


def test_ollama_without_num_ctx_assumes_its_default_and_says_so(fake_openai: FakeOpenAI) -> None:
    """Ollama says nothing of the context it gives: the coach assumes Ollama's default 4096
    (not the 131072 the model was trained for) and the note says so and how to set more."""
    as_ollama(fake_openai)
    fake_openai.route("POST", "/api/show", ollama_show(context_length=131072))

    server = probe_server(settings_for(fake_openai, model="llama3.1"))

    assert server.kind == "Ollama"
    assert server.context == OLLAMA_DEFAULT_CONTEXT == 4096
    assert "4,096 tokens" in server.context_note
    assert "num_ctx" in server.context_note


@pytest.mark.parametrize(
    ("loaded", "expected"), [(4096, 4096), (None, None)], ids=["loaded", "not-loaded"]
)
def test_lm_studio_is_recognised_and_gives_the_loaded_context(
    fake_openai: FakeOpenAI, loaded: int | None, expected: int | None
) -> None:
    """LM Studio: named by its owned_by, with the context the model was loaded with; not loaded
    yet, unknown (it loads with its own default, not the 131,072 the model could take)."""
    model = "qwen2.5-7b-instruct"
    fake_openai.route("GET", "/v1/models", models(model_entry(model, "organization_owner")))
    fake_openai.route(
        "GET", f"/api/v0/models/{model}", lm_studio_model(model, loaded_context_length=loaded)
    )

    server = probe_server(settings_for(fake_openai, model=model))

    assert server.kind == "LM Studio"
    assert server.context == expected


def test_an_unknown_server_is_no_kind_and_no_context(fake_openai: FakeOpenAI) -> None:
    """A server that lists models but says nothing of itself: kind "" and context None, not a
    guess."""
    fake_openai.route("GET", "/v1/models", models(model_entry("my-model", "me")))

    server = probe_server(settings_for(fake_openai, model="my-model"))

    assert server == ServerInfo(kind="", models=("my-model",), context=None)
    assert {probe.path for probe in fake_openai.probes} == {"/v1/models", "/api/version"}


# -- the connection check ------------------------------------------------------------------


def test_check_connection_says_it_worked_with_a_tiny_request(fake_openai: FakeOpenAI) -> None:
    """In Settings the user presses "Test connection" on a server that says nothing of itself:
    a one-sentence success after a request that costs almost nothing, and nothing to fix."""
    fake_openai.enqueue(reply("OK"))

    check = check_connection(settings_for(fake_openai, model="llama3.1"))

    assert check.message == f"Connected: the server at {fake_openai.base_url} answered as llama3.1."
    assert check.warnings == []
    assert check.server == ServerInfo()
    [request] = fake_openai.requests
    assert request.body["model"] == "llama3.1"
    assert request.body["max_tokens"] <= 16
    assert not request.streamed


def test_a_listed_model_on_ollama_gives_no_warning(fake_openai: FakeOpenAI) -> None:
    """The user wrote "llama3.1" and Ollama lists "llama3.1:latest": the same model, so the
    check names Ollama and its context, with nothing to fix."""
    as_ollama(fake_openai)
    fake_openai.route("POST", "/api/show", ollama_show(num_ctx=8192))

    check = check_connection(settings_for(fake_openai, model="llama3.1"))

    assert check.message == (
        f"Connected: Ollama at {fake_openai.base_url} answered as llama3.1; it reads up to "
        "8,192 tokens at once."
    )
    assert check.warnings == []


def test_a_model_llama_cpp_does_not_list_is_warned_about(fake_openai: FakeOpenAI) -> None:
    """llama.cpp answers whatever model name is asked: the check still warns that the name is
    not the loaded model, lists the one it serves, and says the name changes nothing."""
    as_llama_cpp(fake_openai)

    check = check_connection(settings_for(fake_openai, model="gpt-4o-mini"))

    assert check.message == (
        f"Connected: llama.cpp at {fake_openai.base_url} answered; it reads up to 4,096 tokens "
        "at once, but it does not list gpt-4o-mini."
    )
    [warning] = check.warnings
    assert 'does not list the model "gpt-4o-mini"' in warning
    assert f"it lists {GGUF}" in warning
    assert "answers with the model it loaded whatever name is asked for" in warning


def test_a_model_another_server_does_not_list_is_warned_about_without_the_llama_cpp_note(
    fake_openai: FakeOpenAI,
) -> None:
    """On vLLM a wrong name is just a wrong name: the warning lists the served models only."""
    fake_openai.route("GET", "/v1/models", models(model_entry("Qwen/Qwen2.5-7B-Instruct", "vllm")))

    check = check_connection(settings_for(fake_openai, model="qwen2.5"))

    [warning] = check.warnings
    assert 'does not list the model "qwen2.5"; it lists Qwen/Qwen2.5-7B-Instruct.' in warning
    assert "llama.cpp" not in warning


def test_a_base_url_without_v1_works_on_llama_cpp_but_is_warned_about(
    fake_openai: FakeOpenAI,
) -> None:
    """The user typed llama-server's address without /v1: it answers there, and the check says
    the usual address ends in /v1."""
    as_llama_cpp(fake_openai)
    fake_openai.root_paths = True
    root = f"http://127.0.0.1:{fake_openai.port}"

    check = check_connection(settings_for(fake_openai, model=GGUF, base_url=root))

    assert check.server.kind == "llama.cpp"
    assert check.server.context == 4096
    assert check.warnings == [
        f"The base URL does not end in /v1. llama.cpp accepts that here, but the usual address "
        f"is {root}/v1."
    ]
    [request] = fake_openai.requests
    assert request.path == "/chat/completions"


def test_ollamas_assumed_context_is_a_warning(fake_openai: FakeOpenAI) -> None:
    """Ollama without num_ctx: the check passes and warns that the context is its default."""
    as_ollama(fake_openai)
    fake_openai.route("POST", "/api/show", ollama_show())

    check = check_connection(settings_for(fake_openai, model="llama3.1"))

    assert "4,096 tokens at once" in check.message
    assert check.warnings == [check.server.context_note]
    assert "OLLAMA_CONTEXT_LENGTH" in check.warnings[0]


def test_a_server_whose_model_list_fails_still_checks(fake_openai: FakeOpenAI) -> None:
    """The model list answers 500: the one-word request worked, so the check passes, with no
    models to compare and no warning."""
    fake_openai.route("GET", "/v1/models", status(500))

    check = check_connection(settings_for(fake_openai, model="llama3.1"))

    assert check.message.startswith("Connected: the server at ")
    assert check.server.models == ()
    assert check.warnings == []


def test_check_connection_reports_a_refused_key(fake_openai: FakeOpenAI) -> None:
    """The test fails on a wrong key with the same actionable auth error as a draft would, and
    asks the server nothing more."""
    fake_openai.enqueue(status(401, "Incorrect API key provided."))
    as_llama_cpp(fake_openai)

    with pytest.raises(LLMError) as caught:
        check_connection(settings_for(fake_openai))

    assert caught.value.kind == "auth"
    assert "Settings" in caught.value.message
    assert fake_openai.probes == []


def test_check_connection_reports_a_server_that_is_not_openai_compatible(
    fake_openai: FakeOpenAI,
) -> None:
    """The base URL points at a web page: the check fails as garbled instead of passing."""
    fake_openai.enqueue(garbled())

    with pytest.raises(LLMError) as caught:
        check_connection(settings_for(fake_openai))

    assert caught.value.kind == "garbled"


# -- the key -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["llama.cpp", "Ollama"])
def test_the_key_never_appears_in_what_the_check_says(fake_openai: FakeOpenAI, kind: str) -> None:
    """A check with warnings to give (a model not listed, no /v1, an assumed context): the key
    is in none of the message, the warnings or the outcome's repr, yet reached the server."""
    if kind == "llama.cpp":
        as_llama_cpp(fake_openai)
        fake_openai.root_paths = True
        base_url = f"http://127.0.0.1:{fake_openai.port}"
    else:
        as_ollama(fake_openai)
        fake_openai.route("POST", "/api/show", ollama_show())
        base_url = fake_openai.base_url

    check = check_connection(settings_for(fake_openai, model="phi4", base_url=base_url))

    assert check.warnings
    for text in [check.message, *check.warnings, repr(check)]:
        assert SECRET not in text
        assert "SECRET" not in text
    assert fake_openai.requests[0].headers["authorization"] == f"Bearer {SECRET}"


def test_a_key_in_the_environment_is_never_sent_by_the_check(
    fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A local server set without a key, an OpenAI key in the environment: neither the
    one-word request nor any look at the server carries it."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-OPENAI-KEY-123")
    as_ollama(fake_openai, owned_by="jmorganca")
    fake_openai.route("POST", "/api/show", ollama_show(num_ctx=8192))

    check_connection(settings_for(fake_openai, api_key=""))

    sent = fake_openai.requests + fake_openai.probes
    assert [request.path for request in sent] == [
        "/v1/chat/completions",
        "/v1/models",
        "/api/version",
        "/api/show",
    ]
    for request in sent:
        assert "sk-env-OPENAI-KEY-123" not in str(request.headers)
