"""Deployment: the Streamlit config is safe for a public server, the Docker image is sound."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from streamlit import config as st_config

from lib.deployment import missing_sign_in, resolve_deployment
from lib.store import MAX_IMPORT_BYTES, MEGABYTE

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".streamlit" / "config.toml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
README = ROOT / "README.md"
STARTUP_SECONDS = 30


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Return every leaf of a TOML table as {"section.option": value}."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


@pytest.fixture(scope="module")
def options() -> dict[str, Any]:
    """The options set in .streamlit/config.toml, by their full names."""
    return _flatten(tomllib.loads(CONFIG.read_text(encoding="utf-8")))


def _instructions() -> list[tuple[str, str]]:
    """Return the Dockerfile's instructions as (KEYWORD, arguments), continuations joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    result = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            keyword, _, arguments = stripped.partition(" ")
            result.append((keyword.upper(), " ".join(arguments.split())))
    return result


def _arguments(keyword: str) -> list[str]:
    """Return the arguments of every Dockerfile instruction with this keyword, in order."""
    return [arguments for name, arguments in _instructions() if name == keyword]


def _exec_form(arguments: str) -> list[str]:
    """Parse an exec-form (JSON array) argument list, failing clearly on the shell form."""
    parsed = json.loads(arguments)
    assert isinstance(parsed, list), f"not an exec-form list: {arguments}"
    return parsed


def _healthcheck_command() -> list[str]:
    """Return the HEALTHCHECK's exec-form command."""
    (healthcheck,) = _arguments("HEALTHCHECK")
    _, found, command = healthcheck.partition("CMD ")
    assert found, f"HEALTHCHECK has no CMD: {healthcheck}"
    return _exec_form(command)


def _ignored() -> set[str]:
    """Return the .dockerignore patterns, without comments or trailing slashes."""
    lines = DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
    return {
        line.strip().rstrip("/")
        for line in lines
        if line.strip() and not line.strip().startswith("#")
    }


def _deploy_section() -> str:
    """Return the README's Deploy section, up to the next top-level heading."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## Deploy\n(.*?)(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    assert match, "README has no '## Deploy' section"
    return match.group(1)


def test_config_sets_the_public_server_safety_options(options: dict[str, Any]) -> None:
    """Each hardening option has the value a public server needs."""
    expected = {
        "global.developmentMode": False,
        "server.enableXsrfProtection": True,
        "server.enableCORS": True,
        "server.runOnSave": False,
        "client.showErrorDetails": "none",
        "client.toolbarMode": "minimal",
        "browser.gatherUsageStats": False,
        "logger.level": "info",
        "runner.magicEnabled": False,
    }
    assert {name: options.get(name) for name in expected} == expected


def test_error_details_value_is_one_streamlit_accepts(options: dict[str, Any]) -> None:
    """showErrorDetails uses an allowed value of this Streamlit, not a deprecated boolean."""
    allowed = {choice.value for choice in st_config.ShowErrorDetailsConfigOptions}
    assert options["client.showErrorDetails"] in allowed


def test_local_runs_keep_the_default_file_watcher(options: dict[str, Any]) -> None:
    """The config leaves the file watcher alone, so `make run` still reloads edited code."""
    assert "server.fileWatcherType" not in options


def test_every_config_option_is_a_real_streamlit_option(options: dict[str, Any]) -> None:
    """Every name in config.toml is an option of the installed Streamlit, of the right type."""
    known = st_config.get_config_options()
    unknown = sorted(name for name in options if name not in known)
    assert not unknown, f"not Streamlit options: {unknown}"
    for name, value in options.items():
        option = known[name]
        assert not option.deprecated, f"{name} is deprecated"
        if option.type is not None:
            assert isinstance(value, option.type), f"{name}={value!r} is not {option.type}"


def test_upload_limit_admits_an_import_and_no_more_than_needed(options: dict[str, Any]) -> None:
    """The upload limit fits the largest import and is far below Streamlit's 200 MB default."""
    limit = options["server.maxUploadSize"]
    default = st_config.get_config_options()["server.maxUploadSize"].default_val
    assert limit * MEGABYTE >= MAX_IMPORT_BYTES
    assert limit < default


def test_dockerfile_builds_on_python_311_slim_with_runtime_requirements() -> None:
    """The image starts from python:3.11-slim and installs requirements.txt, not the dev set."""
    assert _arguments("FROM") == ["python:3.11-slim"]
    installs = [run for run in _arguments("RUN") if "pip install" in run]
    assert any("--no-cache-dir -r requirements.txt" in run for run in installs), installs
    assert not any("requirements-dev" in run for run in installs)


def test_dockerfile_runs_as_a_non_root_user() -> None:
    """The last USER before CMD is neither root nor uid 0."""
    keywords = [name for name, _ in _instructions()]
    users = _arguments("USER")
    assert users, "no USER instruction"
    assert users[-1].split(":")[0] not in {"root", "0"}
    last_user = len(keywords) - 1 - keywords[::-1].index("USER")
    assert last_user < keywords.index("CMD")


def test_dockerfile_keeps_data_in_a_volume() -> None:
    """COACH_DB points into /data, which is a VOLUME."""
    assert any("COACH_DB=/data/coach.db" in env for env in _arguments("ENV"))
    assert any("/data" in volume for volume in _arguments("VOLUME"))


def test_dockerfile_exposes_8501_and_checks_health_without_curl() -> None:
    """EXPOSE 8501, and a HEALTHCHECK that asks /_stcore/health through python's urllib."""
    assert "8501" in _arguments("EXPOSE")
    command = _healthcheck_command()
    assert command[0] == "python"
    assert "urllib" in " ".join(command)
    assert "127.0.0.1:8501/_stcore/health" in " ".join(command)
    assert "curl" not in " ".join(command)


def test_dockerfile_serves_headless_on_all_interfaces_without_a_file_watcher() -> None:
    """CMD runs app.py on 0.0.0.0:8501, headless, with the file watcher off."""
    (cmd,) = _arguments("CMD")
    assert _exec_form(cmd) == [
        "streamlit",
        "run",
        "app.py",
        "--server.address=0.0.0.0",
        "--server.port=8501",
        "--server.headless=true",
        "--server.fileWatcherType=none",
    ]


def test_dockerignore_leaves_out_environments_secrets_and_data() -> None:
    """The build context leaves out .venv, .git, tests, artifacts, secrets and databases."""
    required = {".venv", ".git", "tests", "artifacts", ".streamlit/secrets.toml", "*.db"}
    assert required <= _ignored()


def test_readme_explains_both_deployments() -> None:
    """The Deploy section follows Development and covers Community Cloud and `docker run`."""
    text = README.read_text(encoding="utf-8")
    assert text.index("## Development") < text.index("## Deploy")
    section = _deploy_section()
    assert "Community Cloud" in section
    assert "docker run -p 8501:8501 -v coach-data:/data" in section
    assert "COACH_DEMO" in section
    assert "fileWatcherType=none" in section


def test_the_image_command_starts_the_app_and_its_healthcheck_passes(tmp_path: Path) -> None:
    """The Docker CMD's options, on a loopback port, serve a healthy app with no config warning."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (cmd,) = _arguments("CMD")
    options = [
        option.replace("0.0.0.0", "127.0.0.1").replace("8501", str(port))
        for option in _exec_form(cmd)[3:]
    ]
    healthcheck = [
        sys.executable if part == "python" else part.replace("8501", str(port))
        for part in _healthcheck_command()
    ]
    log_path = tmp_path / "streamlit.log"
    env = {**os.environ, "COACH_DB": str(tmp_path / "coach.db")}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", *options],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while subprocess.run(healthcheck, capture_output=True, check=False).returncode:
                assert process.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.3)
            url = f"http://127.0.0.1:{port}/"
            with urllib.request.urlopen(url, timeout=5) as response:
                assert response.status == 200
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    output = log_path.read_text()
    assert "warning" not in output.lower(), output
    assert "not a valid config option" not in output, output


def test_the_secrets_example_uncommented_is_a_hosted_server_ready_to_sign_in() -> None:
    """Every setting line of secrets.toml.example, uncommented, is valid TOML and configures a
    hosted server whose [auth] lacks nothing st.login needs."""
    example = (ROOT / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8")
    settings = "\n".join(
        line.removeprefix("# ")
        for line in example.splitlines()
        if re.match(r"# (\[|[A-Za-z_]+ = )", line)
    )
    secrets = tomllib.loads(settings)
    chosen = resolve_deployment(secrets, {})
    assert chosen.mode == "hosted"
    assert chosen.database_url is not None
    assert missing_sign_in(secrets["auth"]) == []
