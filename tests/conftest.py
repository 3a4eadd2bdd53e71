"""Shared fixtures: a temporary store for every test, a real PostgreSQL server for the store
tests that run on both databases, and a factory for valid applications."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import streamlit as st
from hypothesis import settings
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

from lib.model import Application
from lib.store import Store, open_store
from tests import oidc_provider as oidc
from tests.fake_openai import FakeOpenAI
from tests.postgres import PostgresServer, find_binaries

ROOT = Path(__file__).resolve().parent.parent

# In CI the property tests draw the same examples every run: a red build always names a change,
# never a new random draw. Locally they explore anew each time (run them with more examples to
# search harder).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
# A good thank-you to Priya for the default application: no finding at all.
PRIYA_THANK_YOU = """Subject: Thank you for today

Dear Priya,

Thank you for taking the time to meet with me about the Data Engineer role. Your question on
moving the nightly batch jobs to streaming stayed with me, and I enjoyed hearing about the move
from Airflow to Dagster. Five years of building data pipelines, including a Kafka migration, is
exactly the experience I would bring. I am excited about the chance to join Northwind Analytics.

Best regards,
Alex Morgan"""
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app at a fresh database file and forget Streamlit's caches around each test."""
    db_path = tmp_path / "coach.db"
    monkeypatch.setenv("COACH_DB", str(db_path))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_MODEL", "COACH_DEMO"):
        monkeypatch.delenv(name, raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield db_path
    st.cache_data.clear()
    st.cache_resource.clear()


DATABASES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each test marked ``both_databases`` (or in a module so marked) that uses the store
    (or the ``database`` it keeps its data in) once on SQLite and once on PostgreSQL; one
    marked ``postgresql_only`` on PostgreSQL alone."""
    if "database" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("postgresql_only"):
        metafunc.parametrize("database", DATABASES[1:], indirect=True)
    elif metafunc.definition.get_closest_marker("both_databases"):
        metafunc.parametrize("database", DATABASES, indirect=True)


@pytest.fixture
def database(request: pytest.FixtureRequest, isolated_data: Path) -> Path | str:
    """Where the store under test keeps its data: the file named by COACH_DB, or, for the
    ``postgresql`` run of a test on both databases, the test server's database, emptied."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return isolated_data
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url: str = request.getfixturevalue("postgres_url")
    open_store(url)  # creates the tables the first time
    server.empty_store_tables(url.rsplit("/", 1)[1])
    return url


@pytest.fixture
def store(database: Path | str) -> Store:
    """The store under test: the one the app uses (the file named by COACH_DB), or the
    PostgreSQL one for a test run on both databases."""
    return open_store(database)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole run (tests/postgres.py); skip without PostgreSQL's
    programs, unless COACH_REQUIRE_POSTGRES=1 (as in CI), where the tests fail instead."""
    binaries = find_binaries()
    if binaries is None:
        reason = (
            "PostgreSQL is not installed (apt-get install postgresql): no initdb and pg_ctl on "
            "PATH or in /usr/lib/postgresql/*/bin"
        )
        if os.environ.get("COACH_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"COACH_REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(reason)
    server = PostgresServer(binaries)
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        server.stop()
        pytest.fail(f"the test PostgreSQL server did not start: {error}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL of an empty database on the test server, shared by the whole run."""
    return postgres_server.create_database("coach_tests")


class _ServerPastItsFirstPage(PagesManager):
    """A PagesManager as on a server that has already served a page through st.navigation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def server_past_its_first_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run AppTest as a server past its first page, where pages/ routing no longer applies.

    AppTest re-arms Streamlit's legacy pages/ routing before every run; a real server arms it
    once, at start, and bootstrap() turns it off on the first page run (the browser test
    test_notes_flow covers that first run with a deep link).
    """
    monkeypatch.setattr(app_test, "PagesManager", _ServerPastItsFirstPage)


ApplicationFactory = Callable[..., Application]


@pytest.fixture
def make_application() -> ApplicationFactory:
    """Return a factory for valid applications; keyword arguments override any field."""

    def build(**overrides: Any) -> Application:
        data: dict[str, Any] = {
            "company": "Northwind Analytics",
            "role": "Data Engineer",
            "interview_at": datetime(2026, 11, 16, 10, 0, tzinfo=NEW_YORK),  # a Monday
            "timezone": "America/New_York",
            "country": "US",
            "interviewers": [
                {
                    "id": "priya",
                    "name": "Priya Raghunathan",
                    "title": "Head of Data Platform",
                    "email": "priya@northwind.example",
                    "asked": "How I would migrate the nightly batch jobs to streaming",
                    "discussed": "Their move from Airflow to Dagster",
                    "personal_touch": "We both ran the Chicago marathon",
                },
                {
                    "id": "sean",
                    "name": "Seán O'Donnell",
                    "title": "Senior Engineer",
                    "email": "sean@northwind.example",
                    "concerns": "Whether I have worked with Kafka in production",
                },
            ],
            "fit_points": "Five years building data pipelines; led a Kafka migration",
        }
        data.update(overrides)
        return Application.model_validate(data)

    return build


def shown(markdown: str) -> str:
    """Return markdown as the user reads it: without escapes, zero-width spaces and the empty
    directives that keep a typed URL or email from becoming a link (lib/text.py)."""
    return re.sub(r"\\(.)", r"\1", markdown.replace(":small[]", "")).replace("\u200b", "")


def links(at: AppTest) -> list[tuple[str, str]]:
    """Return (label, address) of every link to another page: st.page_link or a markdown link."""
    found = []
    for link in at.get("page_link"):
        query = f"?{link.proto.query_string}" if link.proto.query_string else ""
        found.append((link.proto.label, f"/{link.proto.page}{query}"))
    for text in at.markdown:
        found += re.findall(r"\[([^\]]+)\]\(([^)]+)\)", text.value)
    return found


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A loopback OpenAI-compatible server for one test, stopped afterwards."""
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """Record what each deferred download button would build, by file name."""
    built: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def recording(self: MediaFileManager, data: Callable[[], Any], *args: Any, **kwargs: Any):
        built[kwargs["file_name"]] = data
        return original(self, data, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return built


# espeak-ng's Klatt voice: PocketSphinx understands it best of the voices tried (29% of the
# words wrong over eight sentences; 86% with the default en-us voice, 32-39% with others).
VOICE = "en-us+klatt2"

Speak = Callable[..., bytes]


@pytest.fixture
def speak(tmp_path: Path) -> Speak:
    """Return a function that says a text with espeak-ng and gives the WAV bytes (22 050 Hz
    mono 16-bit, as espeak-ng writes them); skip without espeak-ng unless speech is required."""
    program = shutil.which("espeak-ng")
    if program is None:
        reason = "espeak-ng is not installed (apt-get install espeak-ng) to make real speech"
        if os.environ.get("COACH_REQUIRE_SPEECH") == "1":
            pytest.fail(f"COACH_REQUIRE_SPEECH=1 but {reason}")
        pytest.skip(reason)

    def say(text: str, voice: str = VOICE) -> bytes:
        path = tmp_path / f"speech-{len(list(tmp_path.iterdir()))}.wav"
        subprocess.run([program, "-v", voice, "-w", str(path), text], check=True, timeout=60)
        return path.read_bytes()

    return say


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[oidc.OIDCProvider]:
    """A real OpenID Connect provider on loopback for the whole session (tests/oidc_provider.py);
    skips without Node.js and npm, unless COACH_REQUIRE_OIDC=1 makes that a failure."""

    def unavailable(reason: str) -> None:
        if os.environ.get("COACH_REQUIRE_OIDC") == "1":
            pytest.fail(f"COACH_REQUIRE_OIDC=1 but the OpenID provider cannot run: {reason}")
        pytest.skip(f"no OpenID provider for the sign-in tests: {reason}")

    reason = oidc.missing()
    if reason:
        unavailable(reason)
    with ExitStack() as stack:
        try:
            provider = stack.enter_context(
                oidc.running_provider(tmp_path_factory.mktemp("oidc-provider"))
            )
        except oidc.OIDCProviderError as error:
            unavailable(str(error))
        yield provider
