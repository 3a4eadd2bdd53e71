"""The rows the store reads and writes, the same SQL on SQLite and PostgreSQL: applications
with their contacts, draft versions, upserts and the change count. Every row written gets the
transaction's owner, and every query here keeps to that owner's rows (``mine``)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import ColumnElement, Connection, Row, Table, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from lib.model import Application, Contact, Draft, DraftVersion
from lib.store_engine import owner_of
from lib.store_errors import StoreError
from lib.store_schema import KEPT_VERSIONS
from lib.store_tables import applications, changes, contacts, draft_versions, drafts

IDS_PER_STATEMENT = 500  # ids in one IN (...): well under any database's limit of parameters


def now_text() -> str:
    """Return the current moment in UTC as ISO text, for bookkeeping columns."""
    return datetime.now(UTC).isoformat()


def utc_text(moment: datetime) -> str:
    """Return a moment as ISO text in UTC, which sorts in time order."""
    return moment.astimezone(UTC).isoformat()


def mine(conn: Connection, table: Table) -> ColumnElement[bool]:
    """Return the condition that keeps a query to the rows of the transaction's owner."""
    return table.c.owner == owner_of(conn)


def count_change(conn: Connection) -> None:
    """Count one change to what the owner's plans are made from (see Store.change_count)."""
    add_up(conn, changes, keys={}, amounts={"count": 1})


def _insert_for(conn: Connection, table: Table) -> Any:
    """Return an INSERT of the connection's database, which knows ON CONFLICT."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def add_up(
    conn: Connection, table: Table, keys: dict[str, Any], amounts: dict[str, int]
) -> Row[Any]:
    """Insert the owner's row with ``keys`` and ``amounts``, or add the amounts to their row
    with those keys, in one statement (two sessions counting at once both count); return the
    amounts as they now stand."""
    statement = _insert_for(conn, table).values(owner=owner_of(conn), **keys, **amounts)
    return conn.execute(
        statement.on_conflict_do_update(
            index_elements=["owner", *keys],
            set_={name: table.c[name] + amount for name, amount in amounts.items()},
        ).returning(*(table.c[name] for name in amounts))
    ).one()


def upsert(conn: Connection, table: Table, values: dict[str, Any], keys: Iterable[str]) -> None:
    """Insert an owner's row, or replace the non-key columns of their row with the same
    ``keys``."""
    statement = _insert_for(conn, table).values(owner=owner_of(conn), **values)
    key_names = ["owner", *keys]
    replaced = {name: statement.excluded[name] for name in values if name not in key_names}
    conn.execute(statement.on_conflict_do_update(index_elements=key_names, set_=replaced))


def insert_applications(conn: Connection, apps: Sequence[Application]) -> None:
    """Insert application rows and their contacts, each application's numbered in the order
    they are listed: two statements however many there are (an import's ten thousand)."""
    if not apps:
        return
    owner, stamp = owner_of(conn), now_text()
    conn.execute(
        insert(applications),
        [
            {
                "owner": owner,
                "id": app.id,
                "data": app.model_dump_json(exclude={"contacts"}),
                "created_at": stamp,
                "updated_at": stamp,
            }
            for app in apps
        ],
    )
    logged = [
        _contact_row(owner, app.id, contact, seq)
        for app in apps
        for seq, contact in enumerate(app.contacts, start=1)
    ]
    if logged:
        conn.execute(insert(contacts), logged)


def delete_applications(conn: Connection, app_ids: Sequence[str]) -> int:
    """Delete the owner's applications with these ids (their contacts, drafts and versions
    go with them); return how many there were."""
    removed = 0
    for start in range(0, len(app_ids), IDS_PER_STATEMENT):
        batch = app_ids[start : start + IDS_PER_STATEMENT]
        removed += conn.execute(
            delete(applications).where(mine(conn, applications), applications.c.id.in_(batch))
        ).rowcount
    return removed


def _contact_row(owner: str, app_id: str, contact: Contact, seq: int) -> dict[str, Any]:
    """Return one contact's row, ``seq``-th in the order of logging."""
    return {
        "owner": owner,
        "application_id": app_id,
        "id": contact.id,
        "interviewer_id": contact.interviewer_id,
        "at": utc_text(contact.at),
        "data": contact.model_dump_json(),
        "seq": seq,
    }


def insert_contact(conn: Connection, app_id: str, contact: Contact, seq: int) -> None:
    """Insert one contact row, ``seq``-th in the order of logging."""
    conn.execute(insert(contacts).values(**_contact_row(owner_of(conn), app_id, contact, seq)))


def next_contact_seq(conn: Connection, app_id: str) -> int:
    """Return the number the next contact logged with an application gets."""
    query = select(func.coalesce(func.max(contacts.c.seq), 0)).where(
        mine(conn, contacts), contacts.c.application_id == app_id
    )
    return int(conn.execute(query).scalar_one()) + 1


def load_application(app_id: str, data: str, contact_rows: list[str]) -> Application:
    """Build an application from its row and its contacts' JSON, in order."""
    try:
        document = json.loads(data)
        contact_documents = [json.loads(row) for row in contact_rows]
        return Application.model_validate({**document, "contacts": contact_documents})
    except (ValidationError, ValueError) as error:
        raise StoreError(f"The stored application {app_id} is damaged: {error}") from error


def contacts_of(conn: Connection, app_ids: list[str] | None = None) -> dict[str, list[str]]:
    """Return the contacts' JSON of some applications (of all, without ``app_ids``), in the
    order of their moments and then of logging, in one query."""
    query = (
        select(contacts.c.application_id, contacts.c.data)
        .where(mine(conn, contacts))
        .order_by(contacts.c.application_id, contacts.c.at, contacts.c.seq)
    )
    if app_ids is not None:
        query = query.where(contacts.c.application_id.in_(app_ids))
    found: dict[str, list[str]] = defaultdict(list)
    for app_id, data in conn.execute(query):
        found[app_id].append(data)
    return found


def put_draft(conn: Connection, draft: Draft) -> None:
    """Store an owner's draft, replacing their draft for the same person and kind."""
    upsert(
        conn,
        drafts,
        {
            "application_id": draft.application_id,
            "interviewer_id": draft.interviewer_id,
            "kind": draft.kind,
            "data": draft.model_dump_json(),
        },
        keys=("application_id", "interviewer_id", "kind"),
    )


def insert_versions(conn: Connection, versions: Sequence[DraftVersion]) -> None:
    """Insert draft version rows, in one statement."""
    if not versions:
        return
    owner = owner_of(conn)
    conn.execute(
        insert(draft_versions),
        [
            {
                "owner": owner,
                "application_id": version.application_id,
                "interviewer_id": version.interviewer_id,
                "kind": version.kind,
                "at": utc_text(version.at),
                "data": version.model_dump_json(),
            }
            for version in versions
        ],
    )


def insert_version(conn: Connection, version: DraftVersion) -> None:
    """Insert one draft version row."""
    insert_versions(conn, [version])


def prune_versions(conn: Connection, app_id: str, person_id: str, kind: str) -> None:
    """Keep only the newest KEPT_VERSIONS versions of one draft."""
    one_draft = (
        mine(conn, draft_versions),
        draft_versions.c.application_id == app_id,
        draft_versions.c.interviewer_id == person_id,
        draft_versions.c.kind == kind,
    )
    kept = (
        select(draft_versions.c.seq)
        .where(*one_draft)
        .order_by(draft_versions.c.at.desc(), draft_versions.c.seq.desc())
        .limit(KEPT_VERSIONS)
    )
    conn.execute(delete(draft_versions).where(*one_draft, draft_versions.c.seq.not_in(kept)))
