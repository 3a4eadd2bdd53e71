"""Bringing a database's schema up to date, on SQLite and PostgreSQL, with Alembic.

The history starts at revision 0004, the schema the SQLite-only store ended at: a SQLite file
from before runs the old numbered steps (lib/store_schema.py) and is stamped 0004. An empty
database is created from the tables (lib/store_tables.py) and stamped with the newest revision;
any other runs the revisions it lacks (lib/migrations/versions). All of it happens in the
opening store's write transaction, so two processes starting at once migrate once. A SQLite
file also carries the version in ``PRAGMA user_version``, as before, so an older app refuses a
newer file; a database from a newer app is refused here the same way.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from lib.store_errors import StoreError
from lib.store_schema import MIGRATIONS
from lib.store_tables import metadata

SCHEMA_VERSION = 7  # the newest revision, as a number (a test checks it is Alembic's head)
BASELINE = len(MIGRATIONS)  # 4: where Alembic's history starts
REVISIONS = Path(__file__).with_name("migrations")


@cache
def script_directory() -> ScriptDirectory:
    """Return the revisions, read once per process."""
    return ScriptDirectory(str(REVISIONS))


def revision_name(version: int) -> str:
    """Return the Alembic revision id of a schema version (4 -> "0004")."""
    return f"{version:04d}"


def schema_version(conn: Connection) -> int:
    """Return the schema version of the database (0 for an empty one)."""
    revision = MigrationContext.configure(conn).get_current_revision()
    if revision is not None:
        if not revision.isdigit():
            raise StoreError(f"The database's schema ({revision}) is not Follow-Up Coach's.")
        return int(revision)
    if conn.dialect.name == "sqlite":
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())
    return 0


def migrate(conn: Connection, where: str) -> None:
    """Bring the schema up to date, inside the caller's write transaction."""
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"The database at {where} was written by a newer Follow-Up Coach (schema "
            f"{version}, this one knows {SCHEMA_VERSION}). Update the app."
        )
    if version == SCHEMA_VERSION:
        return
    sqlite = conn.dialect.name == "sqlite"
    if version == 0 and not inspect(conn).has_table("applications"):
        metadata.create_all(conn)  # on PostgreSQL with row-level security (lib/store_tables.py)
        MigrationContext.configure(conn).stamp(script_directory(), revision_name(SCHEMA_VERSION))
    else:
        if version < BASELINE:
            if not sqlite:
                raise StoreError(f"The database at {where} has tables but no schema version.")
            raw = conn.connection.driver_connection
            for step in MIGRATIONS[version:]:
                step(raw)
            version = BASELINE
        if MigrationContext.configure(conn).get_current_revision() is None:
            MigrationContext.configure(conn).stamp(script_directory(), revision_name(version))
        upgrade(conn)
    if sqlite:
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def upgrade(conn: Connection, destination: str = "heads") -> None:
    """Run the revisions the database lacks, up to ``destination``, in the caller's
    transaction (Alembic's own upgrade command, without an env.py)."""
    script = script_directory()
    with EnvironmentContext(
        Config(),
        script,
        fn=lambda revision, _context: script._upgrade_revs(destination, revision),
        destination_rev=destination,
    ) as environment:
        environment.configure(connection=conn, target_metadata=metadata)
        with environment.begin_transaction():
            environment.run_migrations()
