"""A real PostgreSQL server for the tests: Debian's ``initdb`` and ``pg_ctl`` in a temporary
folder, listening only on 127.0.0.1 on a free port, its unix socket inside that folder.

``initdb`` refuses to run as root, and CI runs as root: then every server command runs as the
unprivileged ``nobody`` through ``runuser`` (util-linux, on every Debian), and the folder is
given to that user. The cluster uses ICU's en-US collation, as a hosted server would, so that a
text column that must sort byte by byte (ISO times) is caught if it is not declared so.

The app connects as APP_ROLE, as it would on a host: not a superuser (who would pass the
row-level security), the owner of the databases made for it, and so of the store's tables.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql

from lib.store_tables import OWNED_TABLES

SEARCHED = "/usr/lib/postgresql/*/bin"
UNPRIVILEGED_USER = "nobody"  # initdb and postgres refuse root
SUPERUSER = "coach"
APP_ROLE = "coach_app"
START_SECONDS = 60
PORT_ATTEMPTS = 3


def find_binaries() -> Path | None:
    """Return the folder holding ``initdb`` and ``pg_ctl``: on PATH, else the newest Debian
    install under /usr/lib/postgresql; None when PostgreSQL is not installed."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        folder = Path(on_path).resolve().parent
        if (folder / "pg_ctl").exists():
            return folder
    installed = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0,
    )
    for folder in reversed(installed):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One throwaway PostgreSQL cluster; ``start()`` it, ``url(database)`` to reach it, and
    ``stop()`` to shut it down and delete its folder."""

    def __init__(self, binaries: Path) -> None:
        """Prepare a server run by the programs in ``binaries`` (not started yet)."""
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="coach-postgres-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.password = secrets.token_urlsafe(16)
        self.app_password = secrets.token_urlsafe(16)
        self.port = 0
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam(UNPRIVILEGED_USER)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self.as_user = ["runuser", "-u", UNPRIVILEGED_USER, "--"]

    def _run(self, program: str, *args: str, timeout: float = START_SECONDS) -> None:
        """Run one of the server's programs as the server's user; raise with its output."""
        command = [*self.as_user, str(self.binaries / program), *args]
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.folder,
            env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(
                f"{program} failed ({done.returncode}): {done.stdout}{done.stderr}{log}"
            )

    def start(self) -> PostgresServer:
        """Create the cluster and start the server on a free loopback port."""
        password_file = self.folder / "password"
        password_file.write_text(self.password)
        if self.as_user:
            shutil.chown(password_file, UNPRIVILEGED_USER)
        self._run(
            "initdb",
            "--pgdata", str(self.data),
            "--username", SUPERUSER,
            "--pwfile", str(password_file),
            "--auth-local", "trust",
            "--auth-host", "scram-sha-256",
            "--encoding", "UTF8",
            "--locale", "C.UTF-8",
            "--locale-provider", "icu",
            "--icu-locale", "en-US",
        )  # fmt: skip
        password_file.unlink()
        for attempt in range(PORT_ATTEMPTS):
            self.port = free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port}"
                f" -c unix_socket_directories={self.folder}"
                " -c fsync=off"  # a throwaway cluster: an OS crash may lose it, a kill may not
            )
            try:
                self._run(
                    "pg_ctl", "--pgdata", str(self.data), "--log", str(self.log),
                    "--wait", "--timeout", str(START_SECONDS), "--options", options, "start",
                )  # fmt: skip
                break
            except RuntimeError:
                if attempt == PORT_ATTEMPTS - 1:  # the port may have been taken meanwhile
                    raise
        with self.connect() as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD {}").format(
                    sql.Identifier(APP_ROLE), sql.Literal(self.app_password)
                )
            )
        return self

    def url(self, database: str = "postgres", *, as_app: bool = False) -> str:
        """Return the SQLAlchemy URL of one database, over TCP with the password: the
        superuser's, or ``as_app`` the app's role's."""
        user, password = (APP_ROLE, self.app_password) if as_app else (SUPERUSER, self.password)
        return f"postgresql+psycopg://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres") -> psycopg.Connection:
        """Open a plain psycopg connection (autocommit) as the superuser."""
        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=SUPERUSER,
            password=self.password,
            dbname=database,
            autocommit=True,
        )

    def create_database(self, name: str) -> str:
        """Create an empty database owned by the app's role; return the app's URL of it."""
        with self.connect() as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(name), sql.Identifier(APP_ROLE)
                )
            )
        return self.url(name, as_app=True)

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection still open to it."""
        with self.connect() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def empty_store_tables(self, database: str) -> None:
        """Delete every row the store keeps, of every owner, counts and accounts included."""
        with self.connect(database) as conn:
            conn.execute(
                sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
                    sql.SQL(", ").join(sql.Identifier(table.name) for table in OWNED_TABLES)
                )
            )

    def pause(self) -> None:
        """Shut the server down as a crash or an outage would (immediate: no session is asked
        to finish), keeping its data for ``resume``."""
        self._run("pg_ctl", "--pgdata", str(self.data), "--mode", "immediate", "--wait", "stop")

    def resume(self) -> None:
        """Start the paused server again, on the same port with the same data."""
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port}"
            f" -c unix_socket_directories={self.folder} -c fsync=off"
        )
        self._run(
            "pg_ctl", "--pgdata", str(self.data), "--log", str(self.log),
            "--wait", "--timeout", str(START_SECONDS), "--options", options, "start",
        )  # fmt: skip

    def stop(self) -> None:
        """Stop the server (fast: open sessions end) and delete its folder."""
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "--pgdata", str(self.data), "--mode", "fast", "--wait", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
