"""Persistence for applications, contacts, drafts (with their last versions) and the sender;
JSON export and import. The same code on SQLite and PostgreSQL (SQLAlchemy Core).

``open_store(target)`` is the factory: a file path for the local app (SQLite in WAL mode, one
transaction per write), ``":memory:"`` for a store that lives only as long as one hosted-demo
session, or a ``postgresql+psycopg://`` URL for a database server. Every value is validated
through the models on the way in and on the way out.

Here: applications, contacts, export and import. Drafts and settings are lib/store_drafts.py;
opening, transactions and errors lib/store_base.py, over the engines of lib/store_engine.py;
the tables lib/store_tables.py and the rows lib/store_rows.py; migrations lib/store_migrate.py
(Alembic, after the first steps in lib/store_schema.py); the errors lib/store_errors.py;
reading and checking an import file (``parse_import``) lib/store_import.py. The names other
modules use stay importable from here (``__all__``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_path
from pydantic import ValidationError
from sqlalchemy import Connection, Row, delete, exc, select, update

from lib.model import EXPORT_VERSION, Application, Contact, Defaults, ExportFile, Sender, Status
from lib.model_errors import describe_errors
from lib.store_drafts import DraftsAndSettings
from lib.store_engine import (
    MEMORY,
    is_url,
)
from lib.store_errors import ConflictError, NotFoundError, StoreError
from lib.store_import import MAX_IMPORT_BYTES, MEGABYTE, ImportRefusedError, parse_import
from lib.store_migrate import SCHEMA_VERSION
from lib.store_rows import (
    contacts_of,
    count_change,
    delete_applications,
    insert_applications,
    insert_contact,
    insert_versions,
    load_application,
    mine,
    next_contact_seq,
    now_text,
    prune_versions,
    put_draft,
)
from lib.store_schema import MIGRATIONS, version_of, which_draft
from lib.store_tables import (
    DATA_TABLES,
    LOCAL_OWNER,
    applications,
    changes,
    contacts,
    draft_versions,
    drafts,
)

# What other modules import from the store, whichever of its modules defines it.
__all__ = [
    "LOCAL_OWNER",
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

APP_DIR_NAME = "follow-up-coach"
DB_FILE_NAME = "coach.db"


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


class Store(DraftsAndSettings):
    """Applications and everything attached to them, in one SQLite or PostgreSQL database."""

    # -- applications --------------------------------------------------------------------

    def create(self, app: Application) -> Application:
        """Save a new application with its contacts; return it as stored."""
        with self._transaction() as conn:
            if self._row(conn, app.id) is not None:
                raise StoreError(f"An application with the id {app.id} already exists.")
            insert_applications(conn, [app])
            count_change(conn)
            return self._stored(conn, app.id)

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
            row = self._row(conn, app.id)
            if row is None:
                raise NotFoundError(f"The application {app.company} ({app.id}) no longer exists.")
            if row.revision != expected_revision:
                raise ConflictError(self._load(conn, app.id, row.data), row.revision)
            self._write(conn, app)
            return self._stored(conn, app.id)

    def change(self, app_id: str, **fields: object) -> Application:
        """Set some of an application's fields in one step (e.g. ``status="moved_on"``).

        The rest is read and written in the same transaction, so a one-click change never undoes
        an edit saved meanwhile in another tab.
        """
        with self._transaction() as conn:
            stored = self._stored(conn, app_id)
            try:
                changed = Application.model_validate({**stored.model_dump(), **fields})
            except ValidationError as error:
                raise StoreError("; ".join(describe_errors(error))) from error
            self._write(conn, changed)
            return self._stored(conn, app_id)

    def change_person(self, app_id: str, person_id: str, **fields: object) -> Application:
        """Set some of one person's fields in one step (e.g. ``channel="email"``).

        Like ``change``: read and written in one transaction, counting a revision, so it never
        undoes an edit saved meanwhile in another tab.
        """
        with self._transaction() as conn:
            stored = self._stored(conn, app_id).model_dump()
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
            return self._stored(conn, app_id)

    @staticmethod
    def _write(conn: Connection, app: Application) -> None:
        """Overwrite an application row, count the revision, and drop removed people's rows."""
        conn.execute(
            update(applications)
            .where(mine(conn, applications), applications.c.id == app.id)
            .values(
                data=app.model_dump_json(exclude={"contacts"}),
                updated_at=now_text(),
                revision=applications.c.revision + 1,
            )
        )
        people = [person.id for person in app.interviewers]
        for table in (contacts, drafts, draft_versions):
            conn.execute(
                delete(table).where(
                    mine(conn, table),
                    table.c.application_id == app.id,
                    table.c.interviewer_id.not_in(people),
                )
            )
        count_change(conn)

    def delete(self, app_id: str) -> None:
        """Delete an application with its contacts, drafts and draft versions."""
        with self._transaction() as conn:
            deleted = conn.execute(
                delete(applications).where(mine(conn, applications), applications.c.id == app_id)
            )
            if deleted.rowcount == 0:
                raise NotFoundError(f"There is no application with the id {app_id}.")
            count_change(conn)

    def get(self, app_id: str) -> Application:
        """Return one application with its contacts; raise NotFoundError when it does not exist."""
        return self.get_with_revision(app_id)[0]

    def get_with_revision(self, app_id: str) -> tuple[Application, int]:
        """Return one application with its revision, read together (see ``update``)."""
        with self._reading() as conn:  # one snapshot for the row and its contacts
            row = self._row(conn, app_id)
            if row is None:
                raise NotFoundError(f"There is no application with the id {app_id}.")
            return self._load(conn, app_id, row.data), row.revision

    def _stored(self, conn: Connection, app_id: str) -> Application:
        """Return an application as a transaction sees it; NotFoundError when there is none."""
        return self._load(conn, app_id, self._data(conn, app_id))

    def exists(self, app_id: str) -> bool:
        """Whether an application with this id is stored."""
        with self._reading() as conn:
            return self._row(conn, app_id) is not None

    def change_count(self) -> int:
        """Return how many changes applications and contacts have had: a number that differs
        whenever anything a plan is made from has changed, in any tab or process."""
        with self._reading() as conn:
            count = conn.execute(select(changes.c.count).where(mine(conn, changes))).scalar()
            return int(count or 0)

    def stored_ids(self) -> set[str]:
        """Return the ids of every stored application, in one query (an import preview asks
        about thousands at once)."""
        with self._reading() as conn:
            query = select(applications.c.id).where(mine(conn, applications))
            return set(conn.execute(query).scalars())

    def list_applications(self, status: Status | None = None) -> list[Application]:
        """Return all applications (or those with one status), most recent interview first."""
        with self._reading() as conn:
            rows = conn.execute(
                select(applications.c.id, applications.c.data)
                .where(mine(conn, applications))
                .order_by(applications.c.created_at, applications.c.id)
            ).all()
            logged = contacts_of(conn)
        apps = [load_application(app_id, data, logged.get(app_id, [])) for app_id, data in rows]
        if status is not None:
            apps = [app for app in apps if app.status == status]
        return sorted(apps, key=lambda app: app.interview_at, reverse=True)

    @staticmethod
    def _row(conn: Connection, app_id: str) -> Row[tuple[str, int]] | None:
        """Return an application's data and revision, or None."""
        query = select(applications.c.data, applications.c.revision)
        return conn.execute(
            query.where(mine(conn, applications), applications.c.id == app_id)
        ).first()

    def _data(self, conn: Connection, app_id: str) -> str:
        """Return an application's stored JSON; raise NotFoundError when there is none."""
        row = self._row(conn, app_id)
        if row is None:
            raise NotFoundError(f"There is no application with the id {app_id}.")
        return row.data

    @staticmethod
    def _load(conn: Connection, app_id: str, data: str) -> Application:
        """Build an application from its row and its contact rows."""
        return load_application(app_id, data, contacts_of(conn, [app_id]).get(app_id, []))

    # -- contacts ------------------------------------------------------------------------

    def log_contact(self, app_id: str, contact: Contact) -> Application:
        """Record a contact with one person of an application; return the application."""
        with self._transaction() as conn:
            people = {
                person["id"] for person in json.loads(self._data(conn, app_id))["interviewers"]
            }
            if contact.interviewer_id not in people:
                raise StoreError("That person is no longer on this application's panel.")
            try:
                insert_contact(conn, app_id, contact, next_contact_seq(conn, app_id))
            except exc.IntegrityError as error:
                raise StoreError("This contact is already in the log.") from error
            count_change(conn)
            return self._stored(conn, app_id)

    def delete_contact(self, app_id: str, contact_id: str) -> Application:
        """Remove a contact logged by mistake; return the application."""
        with self._transaction() as conn:
            deleted = conn.execute(
                delete(contacts).where(
                    mine(conn, contacts),
                    contacts.c.application_id == app_id,
                    contacts.c.id == contact_id,
                )
            )
            if deleted.rowcount:
                count_change(conn)
            return self._stored(conn, app_id)

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
        with self._transaction() as conn:
            replaced = delete_applications(conn, [app.id for app in bundle.applications])
            added = len(bundle.applications) - replaced
            insert_applications(conn, bundle.applications)
            for draft in bundle.drafts:
                put_draft(conn, draft)
            versioned = {which_draft(version) for version in bundle.draft_versions}
            insert_versions(
                conn,
                [
                    *bundle.draft_versions,
                    *(  # an export made before versions: its drafts start them
                        version_of(draft, "saved")
                        for draft in bundle.drafts
                        if draft.text and which_draft(draft) not in versioned
                    ),
                ],
            )
            for which in {which_draft(draft) for draft in bundle.drafts} | versioned:
                prune_versions(conn, *which)
            if bundle.defaults != Defaults():
                self._put_setting(conn, "defaults", bundle.defaults)
            if bundle.sender != Sender():
                self._put_setting(conn, "sender", bundle.sender)
            if bundle.applications:
                count_change(conn)
        return ImportSummary(added=added, replaced=replaced, drafts=len(bundle.drafts))

    def delete_everything(self) -> None:
        """Remove every application, contact, draft (and its versions) and setting. The change
        count goes on counting (a count that went back to an earlier number could match plans
        a tab made then); deleting a hosted account removes it too (``delete_account``)."""
        with self._transaction() as conn:
            removed = 0
            for table in DATA_TABLES:
                removed += conn.execute(delete(table).where(mine(conn, table))).rowcount
            if removed:
                count_change(conn)


def open_store(target: str | Path | None = None, owner: str = LOCAL_OWNER) -> Store:
    """Open (creating or migrating as needed) the store at ``target``, for ``owner``.

    ``None`` means the default path (see ``default_db_path``); ``":memory:"`` gives a store
    that is never written to disk; a ``postgresql+psycopg://`` URL a PostgreSQL database. The
    owner is whoever signed in ("issuer|subject"); a computer's file and the demo have one.
    """
    if str(target) == MEMORY:
        return Store(None, owner=owner)
    if target is not None and is_url(target):
        return Store(str(target), owner=owner)
    return Store(Path(target) if target is not None else default_db_path(), owner=owner)
