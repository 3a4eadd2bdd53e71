"""Where the store keeps its data: a SQLAlchemy engine for a SQLite file, a SQLite database in
memory, or a PostgreSQL database; and its transactions, the same on each.

A file and a PostgreSQL database get one pooled engine per process and URL, shared by every
store opened on it; the process keeps the SHARED_ENGINES used last, and closes the idle
connections of one it lets go (a store still using it opens new ones). A store in memory has an
engine (and a database) of its own. On SQLite every connection turns on foreign keys and waits
for a lock up to BUSY_TIMEOUT_MS; a file is in WAL mode with full syncs. A write transaction
starts with ``BEGIN IMMEDIATE`` on SQLite (it waits for the one writer at the start, never half
way) and with a transaction-level advisory lock on PostgreSQL, so writes queue the same way on
both: each read-modify-write of one owner's rows runs alone (on PostgreSQL, owners do not
wait for each other). A read is one snapshot: ``BEGIN`` on SQLite, ``REPEATABLE READ`` on
PostgreSQL. Each transaction works for one owner; on PostgreSQL it also sets ``app.owner`` for
the row-level policies (lib/store_tables.py).
"""

from __future__ import annotations

import atexit
import hashlib
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, create_engine, event, exc, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from lib.store_errors import StoreError
from lib.store_tables import OWNER_SETTING

MEMORY = ":memory:"
BUSY_TIMEOUT_MS = 10_000
WRITE = "coach_write"  # the execution option that makes a transaction a write
OWNER = "coach_owner"  # the execution option that says whose rows a transaction works on
POSTGRES_DRIVERS = ("postgresql", "postgresql+psycopg", "postgres")
POOL_SIZE = 5
POOL_OVERFLOW = 10
POOL_WAIT_SECONDS = 30

SHARED_ENGINES = 8

# The process's engines by URL, the one used last at the end: the pools every store shares.
_shared: OrderedDict[str, Engine] = OrderedDict()
_shared_lock = threading.Lock()


def is_url(target: str | Path) -> bool:
    """Whether ``target`` is a database URL rather than a file path."""
    return "://" in str(target)


def database_url(text: str) -> URL:
    """Read a database URL: PostgreSQL through psycopg 3 (``postgresql://`` and
    ``postgres://`` mean the same), or SQLite; refuse anything else, saying what works."""
    try:
        url = make_url(text)
    except exc.ArgumentError as error:
        raise StoreError(f"The database address cannot be read: {error}") from error
    if url.drivername in POSTGRES_DRIVERS:
        return url.set(drivername="postgresql+psycopg")
    if url.drivername in ("sqlite", "sqlite+pysqlite"):
        return url
    raise StoreError(
        f"The database address starts with {url.drivername}://; use a file path, or "
        "postgresql+psycopg://user:password@host/database for PostgreSQL."
    )


def file_url(path: Path) -> URL:
    """Return the SQLite URL of a database file."""
    return URL.create("sqlite", database=str(path))


def shared_engine(url: URL) -> Engine:
    """Return this process's engine for ``url``, creating it on first use."""
    key = url.render_as_string(hide_password=False)
    with _shared_lock:
        engine = _shared.get(key)
        if engine is None:
            engine = _shared[key] = new_engine(url)
            while len(_shared) > SHARED_ENGINES:
                _shared.popitem(last=False)[1].dispose()
        _shared.move_to_end(key)
        return engine


@atexit.register
def _close_shared() -> None:
    """Close the pooled connections when the process ends."""
    with _shared_lock:
        while _shared:
            _shared.popitem()[1].dispose()


def new_engine(url: URL, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """Create an engine for a SQLite file or a PostgreSQL database (not shared)."""
    if url.get_backend_name() == "postgresql":
        return create_engine(
            url,
            pool_size=POOL_SIZE,
            max_overflow=POOL_OVERFLOW,
            pool_timeout=POOL_WAIT_SECONDS,
            pool_pre_ping=True,  # a server restarted meanwhile costs a reconnect, not an error
        )
    engine = create_engine(
        url, connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False}
    )
    _sqlite_events(engine, in_file=True, busy_timeout_ms=busy_timeout_ms)
    return engine


def memory_engine() -> Engine:
    """Create a SQLite database in memory: one connection, used by one store (its lock)."""
    engine = create_engine(
        "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )
    _sqlite_events(engine, in_file=False, busy_timeout_ms=BUSY_TIMEOUT_MS)
    return engine


def _sqlite_events(engine: Engine, *, in_file: bool, busy_timeout_ms: int) -> None:
    """Set each new SQLite connection up, and begin transactions explicitly."""

    @event.listens_for(engine, "connect")
    def _set_up(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # no implicit BEGIN: SQLAlchemy's begin is ours
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        if in_file:
            dbapi_connection.execute("PRAGMA journal_mode = WAL")
            dbapi_connection.execute("PRAGMA synchronous = FULL")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def is_postgres(engine: Engine) -> bool:
    """Whether the engine reaches PostgreSQL."""
    return engine.dialect.name == "postgresql"


def lock_key(name: str) -> int:
    """Return the PostgreSQL advisory lock key of a name (an owner): 64 bits of its hash."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def owner_of(conn: Connection) -> str:
    """Return the owner a transaction works for (see ``write_transaction``)."""
    return conn.get_execution_options()[OWNER]


@contextmanager
def write_transaction(engine: Engine, owner: str, queue: str | None = None) -> Iterator[Connection]:
    """Run a block as one write transaction for ``owner``, queued behind any other writer for
    the same owner (or named ``queue``): all of it is saved, or none of it."""
    with engine.connect() as conn:
        conn.execution_options(**{WRITE: True, OWNER: owner})
        with conn.begin():
            if is_postgres(engine):
                key = lock_key(queue or owner)
                conn.execute(select(func.pg_advisory_xact_lock(key), _as_owner(owner)))
            yield conn


@contextmanager
def read_transaction(engine: Engine, owner: str) -> Iterator[Connection]:
    """Run a block of reads for ``owner`` on one snapshot of the database."""
    with engine.connect() as conn:
        conn.execution_options(**{OWNER: owner})
        if is_postgres(engine):
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if is_postgres(engine):
                conn.execute(select(_as_owner(owner)))
            yield conn


def _as_owner(owner: str) -> ColumnElement[str]:
    """Return the call that sets ``app.owner`` for the rest of the transaction (SET LOCAL),
    which the row-level policies of PostgreSQL compare every row's owner with."""
    return func.set_config(OWNER_SETTING, owner, True)


@contextmanager
def plain_errors(where: str, postgres: bool) -> Iterator[None]:
    """Turn the database's operational failures into StoreError, said for a person: locked,
    read-only or full on SQLite, unreachable on PostgreSQL."""
    try:
        yield
    except (sqlite3.OperationalError, exc.OperationalError, exc.InterfaceError) as error:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        hint = (
            "Is the database server running and reachable?"
            if postgres
            else "Is the disk full, or the file open in another program?"
        )
        raise StoreError(
            f"The database could not be used ({detail}). {hint} Nothing was changed."
        ) from error
    except exc.TimeoutError as error:
        raise StoreError(
            f"The database at {where} is too busy right now (every connection is in use). "
            "Nothing was changed; try again in a moment."
        ) from error
