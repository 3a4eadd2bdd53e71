"""SQLite persistence for applications, contacts, drafts (with their last versions) and the
sender; JSON export and import.

``open_store(path)`` is the factory: a file path for the local app (WAL mode, one transaction
per write), or ``":memory:"`` for a store that lives only as long as one hosted-demo session.
Every value is validated through the models on the way in and on the way out. The schema, as
numbered migrations (MIGRATIONS, also importable from here), is lib/store_schema.py; the errors
are lib/store_errors.py; reading and checking an import file (``parse_import``) is
lib/store_import.py. Their names stay importable from here (``__all__``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from platformdirs import user_data_path
from pydantic import ValidationError

from lib.model import (
    EXPORT_VERSION,
    Application,
    Contact,
    Defaults,
    Draft,
    DraftKind,
    DraftSource,
    DraftVersion,
    ExportFile,
    Sender,
    Status,
    describe_errors,
)
from lib.store_errors import ConflictError, NotFoundError, StoreError
from lib.store_import import MAX_IMPORT_BYTES, MEGABYTE, ImportRefusedError, parse_import
from lib.store_schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    insert_contact,
    insert_version,
    prune_versions,
    version_of,
    which_draft,
)

# What other modules import from the store, whichever of its modules defines it.
__all__ = [
    "MAX_IMPORT_BYTES",
    "MEGABYTE",
    "MEMORY",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ConflictError",
    "ImportRefusedError",
    "NotFoundError",
    "Store",
    "StoreError",
    "default_db_path",
    "open_store",
    "parse_import",
]

MEMORY = ":memory:"
APP_DIR_NAME = "follow-up-coach"
DB_FILE_NAME = "coach.db"
BUSY_TIMEOUT_MS = 10_000
TYPING_WINDOW = timedelta(seconds=60)


@dataclass(frozen=True)
class ImportSummary:
    """What an import changed."""

    added: int
    replaced: int
    drafts: int


def default_db_path() -> Path:
    """Return the database path: ``COACH_DB`` if set, else a file in the user's data folder."""
    configured = os.environ.get("COACH_DB", "").strip()
    if configured:
        return Path(configured).expanduser()
    return user_data_path(APP_DIR_NAME, appauthor=False) / DB_FILE_NAME


@contextmanager
def _plain_errors() -> Iterator[None]:
    """Turn SQLite's operational failures (locked, read-only, disk full) into StoreError."""
    try:
        yield
    except sqlite3.OperationalError as error:
        raise StoreError(
            f"The database could not be used ({error}). Is the disk full, or the file open in "
            "another program? Nothing was changed."
        ) from error


def _now_text() -> str:
    """Return the current moment in UTC as ISO text, for bookkeeping columns."""
    return datetime.now(UTC).isoformat()


class Store:
    """Applications and everything attached to them, in one SQLite database."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._shared: sqlite3.Connection | None = None
        if path is None:
            self._shared = self._open_connection(MEMORY)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    @property
    def in_memory(self) -> bool:
        """Whether this store disappears with its process (the hosted demo)."""
        return self.path is None

    # -- connections ---------------------------------------------------------------------

    @staticmethod
    def _open_connection(target: str) -> sqlite3.Connection:
        """Open a connection in autocommit mode, so that transactions are explicit."""
        conn = sqlite3.connect(
            target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if target != MEMORY:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        return conn

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection: the shared one in memory, a fresh one for a file."""
        with self._lock:
            if self._shared is not None:
                with _plain_errors():
                    yield self._shared
                return
        try:
            conn = self._open_connection(str(self.path))
        except sqlite3.DatabaseError as error:
            raise StoreError(f"Cannot open the database at {self.path}: {error}") from error
        try:
            with _plain_errors():
                yield conn
        finally:
            conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block as one write transaction: all of it is saved, or none of it."""
        with self._lock, self._connection() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _migrate(self) -> None:
        """Bring the schema up to date, one migration per transaction."""
        try:
            with self._transaction() as conn:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"{self.path} is not a Follow-Up Coach database ({error}). Move it away or "
                "set COACH_DB to another file."
            ) from error
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The database at {self.path} was written by a newer Follow-Up Coach (schema "
                f"{version}, this one knows {SCHEMA_VERSION}). Update the app."
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction() as conn:
                if conn.execute("PRAGMA user_version").fetchone()[0] >= target:
                    continue  # another process got there first
                MIGRATIONS[target - 1](conn)
                conn.execute(f"PRAGMA user_version = {target}")

    def schema_version(self) -> int:
        """Return the schema version of the database."""
        with self._connection() as conn:
            return conn.execute("PRAGMA user_version").fetchone()[0]

    # -- applications --------------------------------------------------------------------

    def create(self, app: Application) -> Application:
        """Save a new application with its contacts; return it as stored."""
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM applications WHERE id = ?", (app.id,)).fetchone():
                raise StoreError(f"An application with the id {app.id} already exists.")
            self._insert(conn, app)
        return self.get(app.id)

    def update(self, app: Application, expected_revision: int) -> Application:
        """Save changes to an application's facts, people and notes; return it as stored.

        The save happens only if nobody saved the application since it was read at
        ``expected_revision`` (see ``get_with_revision``); otherwise ``ConflictError`` carries
        the stored version. One-click changes of a few fields go through ``change`` instead.
        Contacts are not taken from ``app``: they change only through ``log_contact`` and
        ``delete_contact``, so an edit never undoes a contact logged meanwhile. Contacts and
        drafts of people removed from the panel are removed with them.
        """
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT data, revision FROM applications WHERE id = ?", (app.id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"The application {app.company} ({app.id}) no longer exists.")
            if row[1] != expected_revision:
                raise ConflictError(self._load(conn, app.id, row[0]), row[1])
            self._write(conn, app)
        return self.get(app.id)

    def change(self, app_id: str, **fields: object) -> Application:
        """Set some of an application's fields in one step (e.g. ``status="moved_on"``).

        The rest is read and written in the same transaction, so a one-click change never undoes
        an edit saved meanwhile in another tab.
        """
        with self._transaction() as conn:
            row = conn.execute("SELECT data FROM applications WHERE id = ?", (app_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"There is no application with the id {app_id}.")
            stored = self._load(conn, app_id, row[0])
            try:
                changed = Application.model_validate({**stored.model_dump(), **fields})
            except ValidationError as error:
                raise StoreError("; ".join(describe_errors(error))) from error
            self._write(conn, changed)
        return self.get(app_id)

    @staticmethod
    def _write(conn: sqlite3.Connection, app: Application) -> None:
        """Overwrite an application row, count the revision, and drop removed people's rows."""
        conn.execute(
            "UPDATE applications SET data = ?, updated_at = ?, revision = revision + 1"
            " WHERE id = ?",
            (app.model_dump_json(exclude={"contacts"}), _now_text(), app.id),
        )
        people = [person.id for person in app.interviewers]
        marks = ",".join("?" * len(people))
        for table in ("contacts", "drafts", "draft_versions"):
            conn.execute(
                f"DELETE FROM {table} WHERE application_id = ? AND interviewer_id NOT IN ({marks})",
                (app.id, *people),
            )

    def change_person(self, app_id: str, person_id: str, **fields: object) -> Application:
        """Set some of one person's fields in one step (e.g. ``channel="email"``).

        Like ``change``: read and written in one transaction, counting a revision, so it never
        undoes an edit saved meanwhile in another tab.
        """
        with self._transaction() as conn:
            row = conn.execute("SELECT data FROM applications WHERE id = ?", (app_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"There is no application with the id {app_id}.")
            stored = self._load(conn, app_id, row[0]).model_dump()
            people = stored["interviewers"]
            if not any(person["id"] == person_id for person in people):
                raise NotFoundError("That person is no longer on this application's panel.")
            stored["interviewers"] = [
                {**person, **fields} if person["id"] == person_id else person for person in people
            ]
            try:
                changed = Application.model_validate(stored)
            except ValidationError as error:
                raise StoreError("; ".join(describe_errors(error))) from error
            self._write(conn, changed)
        return self.get(app_id)

    def delete(self, app_id: str) -> None:
        """Delete an application with its contacts, drafts and draft versions."""
        with self._transaction() as conn:
            deleted = conn.execute("DELETE FROM applications WHERE id = ?", (app_id,))
            if deleted.rowcount == 0:
                raise NotFoundError(f"There is no application with the id {app_id}.")

    def get(self, app_id: str) -> Application:
        """Return one application with its contacts; raise NotFoundError when it does not exist."""
        return self.get_with_revision(app_id)[0]

    def get_with_revision(self, app_id: str) -> tuple[Application, int]:
        """Return one application with its revision, read together (see ``update``)."""
        with self._connection() as conn:
            conn.execute("BEGIN")  # one snapshot for the row and its contacts
            try:
                row = conn.execute(
                    "SELECT data, revision FROM applications WHERE id = ?", (app_id,)
                ).fetchone()
                if row is None:
                    raise NotFoundError(f"There is no application with the id {app_id}.")
                return self._load(conn, app_id, row[0]), row[1]
            finally:
                conn.execute("COMMIT")

    def exists(self, app_id: str) -> bool:
        """Whether an application with this id is stored."""
        with self._connection() as conn:
            found = conn.execute("SELECT 1 FROM applications WHERE id = ?", (app_id,)).fetchone()
        return found is not None

    def change_count(self) -> int:
        """Return how many changes applications and contacts have had: a number that differs
        whenever anything a plan is made from has changed, in any tab or process."""
        with self._connection() as conn:
            return int(conn.execute("SELECT count FROM changes WHERE id = 1").fetchone()[0])

    def stored_ids(self) -> set[str]:
        """Return the ids of every stored application, in one query (an import preview asks
        about thousands at once)."""
        with self._connection() as conn:
            return {row[0] for row in conn.execute("SELECT id FROM applications")}

    def list_applications(self, status: Status | None = None) -> list[Application]:
        """Return all applications (or those with one status), most recent interview first."""
        with self._connection() as conn:
            rows = conn.execute("SELECT id, data FROM applications").fetchall()
            apps = [self._load(conn, app_id, data) for app_id, data in rows]
        if status is not None:
            apps = [app for app in apps if app.status == status]
        return sorted(apps, key=lambda app: app.interview_at, reverse=True)

    @staticmethod
    def _insert(conn: sqlite3.Connection, app: Application) -> None:
        """Insert an application row and its contacts."""
        stamp = _now_text()
        conn.execute(
            "INSERT INTO applications (id, data, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (app.id, app.model_dump_json(exclude={"contacts"}), stamp, stamp),
        )
        for contact in app.contacts:
            insert_contact(conn, app.id, contact)

    @staticmethod
    def _load(conn: sqlite3.Connection, app_id: str, data: str) -> Application:
        """Build an application from its row and its contact rows."""
        contacts = [
            json.loads(row[0])
            for row in conn.execute(
                "SELECT data FROM contacts WHERE application_id = ? ORDER BY at, rowid", (app_id,)
            )
        ]
        try:
            return Application.model_validate({**json.loads(data), "contacts": contacts})
        except (ValidationError, ValueError) as error:
            raise StoreError(f"The stored application {app_id} is damaged: {error}") from error

    # -- contacts ------------------------------------------------------------------------

    def log_contact(self, app_id: str, contact: Contact) -> Application:
        """Record a contact with one person of an application; return the application."""
        with self._transaction() as conn:
            row = conn.execute("SELECT data FROM applications WHERE id = ?", (app_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"There is no application with the id {app_id}.")
            people = {person["id"] for person in json.loads(row[0])["interviewers"]}
            if contact.interviewer_id not in people:
                raise StoreError("That person is no longer on this application's panel.")
            try:
                insert_contact(conn, app_id, contact)
            except sqlite3.IntegrityError as error:
                raise StoreError("This contact is already in the log.") from error
        return self.get(app_id)

    def delete_contact(self, app_id: str, contact_id: str) -> Application:
        """Remove a contact logged by mistake; return the application."""
        with self._transaction() as conn:
            conn.execute(
                "DELETE FROM contacts WHERE application_id = ? AND id = ?", (app_id, contact_id)
            )
        return self.get(app_id)

    # -- drafts --------------------------------------------------------------------------

    def save_draft(self, draft: Draft, source: DraftSource = "typed") -> None:
        """Save the latest text of a draft, replacing the previous one; when the text changed,
        record it as a version written by ``source``, keeping the newest KEPT_VERSIONS.

        Typing is saved often (each time the text area loses focus), so a typed save within
        TYPING_WINDOW of the newest version, itself typed, updates that version instead of
        adding one: a minute of typing does not push the history out.
        """
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT data FROM drafts WHERE application_id = ? AND interviewer_id = ?"
                " AND kind = ?",
                (draft.application_id, draft.interviewer_id, draft.kind),
            ).fetchone()
            before = Draft.model_validate_json(row[0]).text if row else ""
            if draft.text != before:
                self._record_version(conn, draft, source)
            conn.execute(
                "INSERT INTO drafts (application_id, interviewer_id, kind, data)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (application_id, interviewer_id, kind)"
                " DO UPDATE SET data = excluded.data",
                (draft.application_id, draft.interviewer_id, draft.kind, draft.model_dump_json()),
            )

    @staticmethod
    def _record_version(conn: sqlite3.Connection, draft: Draft, source: DraftSource) -> None:
        """Add (or, for typing, extend) a version of a draft, then prune the old ones."""
        where = (draft.application_id, draft.interviewer_id, draft.kind)
        newest = conn.execute(
            "SELECT seq, data FROM draft_versions WHERE application_id = ? AND interviewer_id = ?"
            " AND kind = ? ORDER BY at DESC, seq DESC LIMIT 1",
            where,
        ).fetchone()
        version = version_of(draft, source)
        if newest is not None and source == "typed":
            last = DraftVersion.model_validate_json(newest[1])
            if last.source == "typed" and draft.updated_at - last.at < TYPING_WINDOW:
                version = version.model_copy(update={"id": last.id})
                conn.execute(
                    "UPDATE draft_versions SET at = ?, data = ? WHERE seq = ?",
                    (
                        version.at.astimezone(UTC).isoformat(),
                        version.model_dump_json(),
                        newest[0],
                    ),
                )
                return
        insert_version(conn, version)
        prune_versions(conn, *where)

    def draft_versions(
        self, app_id: str, interviewer_id: str, kind: DraftKind
    ) -> list[DraftVersion]:
        """Return the kept versions of one person's draft, newest first."""
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT data FROM draft_versions WHERE application_id = ? AND interviewer_id = ?"
                " AND kind = ? ORDER BY at DESC, seq DESC",
                (app_id, interviewer_id, kind),
            ).fetchall()
        return [DraftVersion.model_validate_json(row[0]) for row in rows]

    def list_draft_versions(self) -> list[DraftVersion]:
        """Return every kept draft version, oldest first (the export's order)."""
        with self._connection() as conn:
            rows = conn.execute("SELECT data FROM draft_versions ORDER BY at, seq").fetchall()
        return [DraftVersion.model_validate_json(row[0]) for row in rows]

    def get_draft(self, app_id: str, interviewer_id: str, kind: DraftKind) -> Draft | None:
        """Return the saved draft to one person, if any."""
        with self._connection() as conn:
            row = conn.execute(
                "SELECT data FROM drafts WHERE application_id = ? AND interviewer_id = ?"
                " AND kind = ?",
                (app_id, interviewer_id, kind),
            ).fetchone()
        return Draft.model_validate_json(row[0]) if row else None

    def list_drafts(self, app_id: str | None = None) -> list[Draft]:
        """Return all saved drafts, or those of one application."""
        query, args = "SELECT data FROM drafts", ()
        if app_id is not None:
            query, args = query + " WHERE application_id = ?", (app_id,)
        with self._connection() as conn:
            rows = conn.execute(query, args).fetchall()
        return [Draft.model_validate_json(row[0]) for row in rows]

    # -- the sender ----------------------------------------------------------------------

    def get_sender(self) -> Sender:
        """Return the user's own name and contact details (empty until set)."""
        with self._connection() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = 'sender'").fetchone()
        return _setting(Sender, row)

    def save_sender(self, sender: Sender) -> None:
        """Save the user's own name and contact details."""
        with self._transaction() as conn:
            self._put_setting(conn, "sender", sender)

    def get_defaults(self) -> Defaults:
        """Return what a new interview starts with (country, timezone, follow-up profile)."""
        with self._connection() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = 'defaults'").fetchone()
        return _setting(Defaults, row)

    def save_defaults(self, defaults: Defaults) -> None:
        """Save what a new interview starts with."""
        with self._transaction() as conn:
            self._put_setting(conn, "defaults", defaults)

    @staticmethod
    def _put_setting(conn: sqlite3.Connection, key: str, value: Sender | Defaults) -> None:
        """Insert or replace one setting."""
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value.model_dump_json()),
        )

    # -- export and import ---------------------------------------------------------------

    def export_file(self, now: datetime) -> ExportFile:
        """Return everything stored, as one export document."""
        return ExportFile(
            version=EXPORT_VERSION,
            exported_at=now,
            sender=self.get_sender(),
            defaults=self.get_defaults(),
            applications=self.list_applications(),
            drafts=self.list_drafts(),
            draft_versions=self.list_draft_versions(),
        )

    def export_json(self, now: datetime) -> str:
        """Return everything stored as the JSON export format."""
        return self.export_file(now).model_dump_json(indent=2)

    def import_file(self, bundle: ExportFile) -> ImportSummary:
        """Add the file's applications (replacing any with the same id) in one transaction."""
        added = replaced = 0
        with self._transaction() as conn:
            for app in bundle.applications:
                existing = conn.execute("DELETE FROM applications WHERE id = ?", (app.id,))
                replaced += existing.rowcount
                added += 1 - existing.rowcount
                self._insert(conn, app)
            for draft in bundle.drafts:
                conn.execute(
                    "INSERT OR REPLACE INTO drafts (application_id, interviewer_id, kind, data)"
                    " VALUES (?, ?, ?, ?)",
                    (
                        draft.application_id,
                        draft.interviewer_id,
                        draft.kind,
                        draft.model_dump_json(),
                    ),
                )
            for version in bundle.draft_versions:
                insert_version(conn, version)
            versioned = {which_draft(version) for version in bundle.draft_versions}
            for draft in bundle.drafts:  # an export made before versions: its drafts start them
                if draft.text and which_draft(draft) not in versioned:
                    insert_version(conn, version_of(draft, "saved"))
            for which in {which_draft(draft) for draft in bundle.drafts} | versioned:
                prune_versions(conn, *which)
            if bundle.defaults != Defaults():
                self._put_setting(conn, "defaults", bundle.defaults)
            if bundle.sender != Sender():
                self._put_setting(conn, "sender", bundle.sender)
        return ImportSummary(added=added, replaced=replaced, drafts=len(bundle.drafts))

    def delete_everything(self) -> None:
        """Remove every application, contact, draft (and its versions) and setting."""
        with self._transaction() as conn:
            for table in ("draft_versions", "drafts", "contacts", "applications", "settings"):
                conn.execute(f"DELETE FROM {table}")


SettingT = TypeVar("SettingT", Sender, Defaults)


def _setting(model: type[SettingT], row: tuple[str] | None) -> SettingT:
    """Read one stored setting; a damaged one is reported, not raised as a crash."""
    if row is None:
        return model()
    try:
        return model.model_validate_json(row[0])
    except ValidationError as error:
        raise StoreError(f"Saved settings are damaged ({error.error_count()} problems).") from error


def open_store(path: str | Path | None = None) -> Store:
    """Open (creating or migrating as needed) the store at ``path``.

    ``None`` means the default path (see ``default_db_path``); ``":memory:"`` gives a store
    that is never written to disk.
    """
    if str(path) == MEMORY:
        return Store(None)
    return Store(Path(path) if path is not None else default_db_path())
