"""The store's schema over time: a file from the SQLite-only store opens with all its data, and
every database, SQLite or PostgreSQL, new or upgraded, ends with the same tables."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from lib.model import Application, Contact, Draft, DraftVersion, Sender
from lib.store import SCHEMA_VERSION, StoreError, open_store
from lib.store_engine import file_url
from lib.store_migrate import revision_name, script_directory, upgrade
from lib.store_tables import OWNED_TABLES, metadata
from tests.conftest import DATABASES
from tests.postgres import PostgresServer

DATA = Path(__file__).resolve().parent / "data"
EXPORTED_AT = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # when store_v4.json was exported


@pytest.fixture(params=DATABASES)
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path | str]:
    """An empty database of each kind: a new SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield tmp_path / "empty.db"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"empty_{uuid.uuid4().hex[:12]}"
    url = server.create_database(name)
    yield url
    server.drop_database(name)


def url_of(database: Path | str) -> str:
    """Return the SQLAlchemy URL of a database file or server database."""
    return str(file_url(database)) if isinstance(database, Path) else database


def schema_differences(database: Path | str) -> list[object]:
    """Return how the database's tables differ from lib/store_tables.py (empty: the same);
    on PostgreSQL, also which columns sort byte by byte (Alembic does not compare collations)."""
    engine = create_engine(url_of(database), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, metadata)
            if conn.dialect.name == "postgresql":
                byte_order = {
                    (table.name, column.name)
                    for table in metadata.sorted_tables
                    for column in table.columns
                    if getattr(column.type.dialect_impl(conn.dialect), "collation", None) == "C"
                }
                query = text(
                    "SELECT table_name, column_name FROM information_schema.columns"
                    " WHERE table_schema = 'public' AND collation_name = 'C'"
                )
                found = {tuple(row) for row in conn.execute(query)}
                if found != byte_order:
                    differences.append(("collation C", sorted(found ^ byte_order)))
                secured = text(
                    "SELECT relname FROM pg_class WHERE relrowsecurity AND relforcerowsecurity"
                    " AND relname IN (SELECT tablename FROM pg_policies"
                    " WHERE qual = with_check AND qual LIKE '%app.owner%')"
                )
                owned = {table.name for table in OWNED_TABLES}
                if set(conn.execute(secured).scalars()) != owned:
                    differences.append(("row-level security", owned))
            return differences
    finally:
        engine.dispose()


def test_a_version_4_file_of_the_sqlite_only_store_opens_with_everything(
    tmp_path: Path,
) -> None:
    """A file written by the store before this one (main at 8580577, schema 4) opens with
    every application, contact (in the order logged), draft, version and setting exactly as
    that store exported them; it is then at the current schema, which that store refuses."""
    path = tmp_path / "coach.db"
    shutil.copyfile(DATA / "store_v4.db", path)
    exported_then = json.loads((DATA / "store_v4.json").read_text())

    store = open_store(path)

    assert json.loads(store.export_json(EXPORTED_AT)) == exported_then
    assert store.schema_version() == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION > 4
        assert (
            conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall() == []
        )
    finally:
        conn.close()
    assert schema_differences(path) == []  # the tables were built anew at schema 6
    # the change count goes on from where the triggers left it, one per change
    assert store.change_count() == 8
    north = store.get("north")
    store.log_contact(
        "north", Contact(interviewer_id="sean", kind="other", at=north.contacts[1].at)
    )
    assert store.change_count() == 9
    assert [(c.interviewer_id, c.kind) for c in store.get("north").contacts] == [
        ("priya", "follow_up"),
        ("sean", "thank_you"),
        ("priya", "thank_you"),
        ("sean", "other"),  # at the same moment as the two before: logged last, listed last
    ]
    assert open_store(path).get("south") == store.get("south")  # opening again changes nothing
    store.delete("north")
    conn = sqlite3.connect(path)
    try:
        for table in ("contacts", "drafts", "draft_versions"):
            query = f"SELECT COUNT(*) FROM {table} WHERE application_id = 'north'"
            assert conn.execute(query).fetchone()[0] == 0
    finally:
        conn.close()


def test_every_revision_from_an_empty_database_gives_the_tables(
    empty_database: Path | str,
) -> None:
    """Running every Alembic revision on an empty database, SQLite or PostgreSQL, ends with
    exactly the tables a new store is created with; Alembic's newest revision is the schema
    version the store knows."""
    engine = create_engine(url_of(empty_database), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            upgrade(conn)
    finally:
        engine.dispose()

    assert schema_differences(empty_database) == []
    assert script_directory().get_current_head() == revision_name(SCHEMA_VERSION)
    store = open_store(empty_database)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.change_count() == 0


def test_a_schema_5_database_keeps_its_rows_as_the_local_owners(
    empty_database: Path | str, make_application: Callable[..., Application]
) -> None:
    """A database the store of schema 5 wrote, on SQLite or PostgreSQL, opens at schema 6 with
    every row now the local owner's: the app on a computer finds it all, a signed-in owner
    nothing, and the change count goes on."""
    app = make_application(id="north", contacts=[])
    logged = Contact(interviewer_id="priya", kind="thank_you", at=EXPORTED_AT)
    written = Draft(application_id="north", interviewer_id="priya", kind="thank_you",
                    text="Dear Priya,", updated_at=EXPORTED_AT)  # fmt: skip
    version = DraftVersion(application_id="north", interviewer_id="priya", kind="thank_you",
                           text="Dear Priya,", source="typed", at=EXPORTED_AT)  # fmt: skip
    me = Sender(name="Alex Morgan")
    engine = create_engine(url_of(empty_database), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            upgrade(conn, destination=revision_name(5))
            rows = {
                "applications (id, data, created_at, updated_at, revision)": (
                    "north", app.model_dump_json(exclude={"contacts"}), "2026-11-16", "x", 3
                ),
                "contacts (application_id, id, interviewer_id, at, data, seq)": (
                    "north", logged.id, "priya", "2026-11-20T12:00:00+00:00",
                    logged.model_dump_json(), 1,
                ),
                "drafts (application_id, interviewer_id, kind, data)": (
                    "north", "priya", "thank_you", written.model_dump_json()
                ),
                "draft_versions (application_id, interviewer_id, kind, at, data)": (
                    "north", "priya", "thank_you", "2026-11-20T12:00:00+00:00",
                    version.model_dump_json(),
                ),
                "settings (key, value)": ("sender", me.model_dump_json()),
            }  # fmt: skip
            for into, values in rows.items():
                marks = ", ".join(f":v{n}" for n in range(len(values)))
                conn.execute(
                    text(f"INSERT INTO {into} VALUES ({marks})"),
                    {f"v{n}": value for n, value in enumerate(values)},
                )
            conn.execute(text("UPDATE changes SET count = 7"))
    finally:
        engine.dispose()

    store = open_store(empty_database)

    assert store.schema_version() == SCHEMA_VERSION == 7
    assert store.get_with_revision("north") == (app.model_copy(update={"contacts": [logged]}), 3)
    assert store.get_draft("north", "priya", "thank_you") == written
    assert store.draft_versions("north", "priya", "thank_you") == [version]
    assert (store.get_sender(), store.change_count()) == (me, 7)
    assert schema_differences(empty_database) == []
    signed_in = open_store(empty_database, owner="https://accounts.example|someone")
    assert (signed_in.stored_ids(), signed_in.get_sender()) == (set(), Sender())


def test_a_new_database_is_created_at_the_current_schema(empty_database: Path | str) -> None:
    """A store opened on an empty database creates the current tables and says so."""
    store = open_store(empty_database)

    assert store.schema_version() == SCHEMA_VERSION
    assert schema_differences(empty_database) == []
    assert (store.list_applications(), store.change_count()) == ([], 0)


def test_a_database_from_a_newer_app_is_refused_on_both(empty_database: Path | str) -> None:
    """A database that a newer Follow-Up Coach has migrated past this one's schema is refused,
    saying to update, on SQLite and PostgreSQL alike."""
    open_store(empty_database)
    engine = create_engine(url_of(empty_database), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    finally:
        engine.dispose()

    with pytest.raises(StoreError, match=r"newer Follow-Up Coach.*schema 99.*Update the app"):
        open_store(empty_database)


def test_two_processes_opening_a_new_database_at_once_create_it_once(
    empty_database: Path | str,
) -> None:
    """Several app processes starting together on an empty database all open it: one
    creates the tables while the others wait, then find them there."""
    start = threading.Barrier(4)
    opened: list[int] = []
    failures: list[BaseException] = []

    def open_it() -> None:
        start.wait(timeout=10)
        try:
            opened.append(open_store(empty_database).schema_version())
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    assert opened == [SCHEMA_VERSION] * 4
