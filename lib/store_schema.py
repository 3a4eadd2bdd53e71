"""The store's first four schema versions, as the SQLite-only store wrote them: a file from
before Alembic runs the steps it has not had, then Alembic takes over at revision 0004.

These steps never change (an old file must come up exactly as it did); every later schema
change is an Alembic revision in lib/migrations/versions (lib/store_migrate.py runs them on
SQLite and PostgreSQL). The row helpers here are the ones these steps need, in version 4's
columns; the store itself writes rows through lib/store_rows.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC

from lib.model import Contact, Draft, DraftSource, DraftVersion

KEPT_VERSIONS = 20  # the versions kept of each draft, newest first


def _schema_v1(conn: sqlite3.Connection) -> None:
    """Version 1: each application, contacts included, as one JSON document."""
    conn.execute(
        "CREATE TABLE applications ("
        " id TEXT PRIMARY KEY, data TEXT NOT NULL,"
        " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"
    )


def _schema_v2(conn: sqlite3.Connection) -> None:
    """Version 2: contacts in their own table, so logging one never rewrites an application;
    a revision counter; drafts and settings tables."""
    conn.execute(
        "CREATE TABLE contacts ("
        " application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
        " id TEXT NOT NULL, interviewer_id TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL,"
        " PRIMARY KEY (application_id, id))"
    )
    conn.execute("ALTER TABLE applications ADD COLUMN revision INTEGER NOT NULL DEFAULT 1")
    conn.execute(
        "CREATE TABLE drafts ("
        " application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
        " interviewer_id TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,"
        " PRIMARY KEY (application_id, interviewer_id, kind))"
    )
    conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    rows = conn.execute("SELECT id, data FROM applications").fetchall()
    for app_id, data in rows:
        document = json.loads(data)
        for contact in document.pop("contacts", []):
            _insert_contact(conn, app_id, Contact.model_validate(contact))
        conn.execute(
            "UPDATE applications SET data = ? WHERE id = ?", (json.dumps(document), app_id)
        )


def _schema_v3(conn: sqlite3.Connection) -> None:
    """Version 3: the last versions of each draft, so a text written over can be restored.

    Each draft saved so far becomes its first version ("saved").
    """
    conn.execute(
        "CREATE TABLE draft_versions ("
        " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        " application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,"
        " interviewer_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE INDEX draft_versions_by_draft"
        " ON draft_versions (application_id, interviewer_id, kind, at)"
    )
    for (data,) in conn.execute("SELECT data FROM drafts").fetchall():
        draft = Draft.model_validate_json(data)
        if draft.text:
            _insert_version(conn, version_of(draft, "saved"))


def _schema_v4(conn: sqlite3.Connection) -> None:
    """Version 4: a count of the changes to applications and contacts, kept by triggers, so a
    page can tell with one read whether anything it planned from has changed."""
    conn.execute(
        "CREATE TABLE changes (id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL)"
    )
    conn.execute("INSERT INTO changes (id, count) VALUES (1, 0)")
    for table in ("applications", "contacts"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            conn.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_counted AFTER {event} ON {table}"
                " BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END"
            )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _schema_v1,
    _schema_v2,
    _schema_v3,
    _schema_v4,
)


def _insert_contact(conn: sqlite3.Connection, app_id: str, contact: Contact) -> None:
    """Insert one contact row, in version 4's columns."""
    conn.execute(
        "INSERT INTO contacts (application_id, id, interviewer_id, at, data)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            app_id,
            contact.id,
            contact.interviewer_id,
            contact.at.astimezone(UTC).isoformat(),  # UTC text sorts in time order
            contact.model_dump_json(),
        ),
    )


def version_of(draft: Draft, source: DraftSource) -> DraftVersion:
    """Return a draft's text as a version written by ``source`` at the draft's moment."""
    return DraftVersion(
        application_id=draft.application_id,
        interviewer_id=draft.interviewer_id,
        kind=draft.kind,
        text=draft.text,
        source=source,
        at=draft.updated_at,
    )


def which_draft(draft: Draft | DraftVersion) -> tuple[str, str, str]:
    """Return which draft this is: (application, person, kind)."""
    return draft.application_id, draft.interviewer_id, draft.kind


def _insert_version(conn: sqlite3.Connection, version: DraftVersion) -> None:
    """Insert one draft version row, in version 4's columns."""
    conn.execute(
        "INSERT INTO draft_versions (application_id, interviewer_id, kind, at, data)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            version.application_id,
            version.interviewer_id,
            version.kind,
            version.at.astimezone(UTC).isoformat(),  # UTC text sorts in time order
            version.model_dump_json(),
        ),
    )
