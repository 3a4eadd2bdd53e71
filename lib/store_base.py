"""The store's base: which database it opens (a SQLite file, memory, or PostgreSQL), whose
rows it works on, its transactions, and saying database failures for a person (see
lib/store.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import Connection, Engine, exc

from lib.store_engine import (
    MEMORY,
    database_url,
    file_url,
    is_postgres,
    is_url,
    memory_engine,
    plain_errors,
    read_transaction,
    shared_engine,
    write_transaction,
)
from lib.store_errors import StoreError
from lib.store_migrate import migrate, schema_version
from lib.store_tables import LOCAL_OWNER

MIGRATIONS_QUEUE = "migrations"  # every process migrating a PostgreSQL database waits here


class StoreBase:
    """A database opened and migrated, with the transactions every part of the store uses;
    one owner's rows, and no one else's."""

    def __init__(
        self, target: Path | str | None, engine: Engine | None = None, owner: str = LOCAL_OWNER
    ) -> None:
        """Open the database at ``target`` for ``owner``: a file path, a database URL, or None
        for a new database in memory; ``engine`` replaces the shared engine for that target."""
        if not owner:
            raise StoreError("A store works for one owner; none was given.")
        self.owner = owner
        self.path = Path(target) if target is not None and not is_url(target) else None
        self.url = database_url(str(target)) if target is not None and is_url(target) else None
        if engine is None:
            if target is None:
                engine = memory_engine()
            elif self.url is not None:
                engine = shared_engine(self.url)
            else:
                assert self.path is not None
                self.path.parent.mkdir(parents=True, exist_ok=True)
                engine = shared_engine(file_url(self.path))
        self.engine = engine
        self._postgres = is_postgres(engine)
        # A database in memory is one connection: its users take turns.
        self._lock = threading.RLock() if target is None else nullcontext()
        self._migrate()

    @property
    def in_memory(self) -> bool:
        """Whether this store disappears with its process (the hosted demo)."""
        return self.path is None and self.url is None

    @property
    def where(self) -> str:
        """Say where the data is kept: the file, or the server and database (no password)."""
        if self.url is not None:
            return f"{self.url.host or 'localhost'}/{self.url.database}"
        return str(self.path) if self.path is not None else MEMORY

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def _guarded(self, unreadable: str = "Cannot open the database at {where}") -> Iterator[None]:
        """Take the store's turn, and say database failures for a person: ``unreadable`` is
        what to say when the database cannot be read at all (not a database)."""
        with self._lock, plain_errors(self.where, self._postgres):
            try:
                yield
            except (exc.OperationalError, exc.IntegrityError):
                raise
            except exc.DatabaseError as error:
                said = unreadable.format(where=self.where)
                raise StoreError(f"{said} ({error.orig}).") from error

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """Run a block as one write transaction: all of it is saved, or none of it."""
        with self._guarded(), write_transaction(self.engine, self.owner) as conn:
            yield conn

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """Run a block of reads on one snapshot."""
        with self._guarded(), read_transaction(self.engine, self.owner) as conn:
            yield conn

    def _migrate(self) -> None:
        """Bring the schema up to date (see lib/store_migrate.py)."""
        unreadable = "{where} is not a Follow-Up Coach database. Move it away or set COACH_DB"
        with (
            self._guarded(unreadable + " to another file"),
            write_transaction(self.engine, self.owner, queue=MIGRATIONS_QUEUE) as conn,
        ):
            migrate(conn, self.where)

    def schema_version(self) -> int:
        """Return the schema version of the database."""
        with self._reading() as conn:
            return schema_version(conn)
