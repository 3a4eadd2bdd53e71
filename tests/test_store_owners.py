"""Whose data: every row belongs to one owner, and a store works for one owner only.

Two people who signed in on one hosted database, A and B: B never reads, changes, exports or
deletes anything of A's through the store, on SQLite and on PostgreSQL. On PostgreSQL the
database holds the line itself too (row-level security): a query that forgot its owner finds
nothing, and a row cannot be written for someone else (SQLite, one person's file, relies
on the store's scope alone). And there, owners do not queue behind each other's writes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from lib.model import Contact, Defaults, Draft, Sender
from lib.store import LOCAL_OWNER, NotFoundError, Store, open_store, parse_import
from lib.store_engine import lock_key
from lib.store_tables import OWNED_TABLES
from tests.postgres import PostgresServer

pytestmark = pytest.mark.both_databases

A = "https://accounts.example|alice-0001"
B = "https://accounts.example|bob-0002"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SENT = datetime(2026, 11, 16, 18, 0, tzinfo=UTC)


@pytest.fixture
def alice(database: Path | str, make_application: Callable[..., Any]) -> Store:
    """A's store, holding an application with a contact, a draft with versions, her details,
    her defaults, a day's LLM use and a sign-out."""
    store = open_store(database, owner=A)
    app = store.create(make_application(id="north"))
    store.log_contact(app.id, Contact(interviewer_id="priya", kind="thank_you", at=SENT))
    for minutes, source in ((0, "offline"), (5, "llm")):
        written = Draft(
            application_id="north",
            interviewer_id="priya",
            kind="thank_you",
            text=f"Dear Priya, version {minutes}.",
            updated_at=NOW.replace(minute=minutes),
        )
        store.save_draft(written, source=source)
    store.save_sender(Sender(name="Alice Example", email="alice@example.com"))
    store.save_defaults(Defaults(country="GB", timezone="Europe/London"))
    store.count_llm_use(NOW.date(), calls=1, tokens=900)
    store.record_sign_out(SENT)
    return store


def everything(store: Store) -> dict[str, Any]:
    """Return all a store holds for its owner, as its export (drafts in a stable order)."""
    return json.loads(store.export_json(NOW))


def test_another_owner_never_reads_changes_exports_or_deletes_it(
    alice: Store, database: Path | str, make_application: Callable[..., Any]
) -> None:
    """B, on the same database, finds nothing of A's: not listed, not found by its id, not
    changed, not exported, not deleted; A's data and change count are exactly as they were."""
    before, count = everything(alice), alice.change_count()
    bob = open_store(database, owner=B)
    north = alice.get("north")

    assert bob.list_applications() == []
    assert bob.stored_ids() == set()
    assert not bob.exists("north")
    assert bob.get_draft("north", "priya", "thank_you") is None
    assert bob.draft_versions("north", "priya", "thank_you") == []
    assert (bob.list_drafts(), bob.list_draft_versions()) == ([], [])
    assert (bob.get_sender(), bob.get_defaults()) == (Sender(), Defaults())
    assert bob.change_count() == 0
    assert (bob.signed_out_at(), bob.llm_use_on(NOW.date())) == (None, (0, 0))
    exported = everything(bob)
    assert (exported["applications"], exported["drafts"], exported["draft_versions"]) == (
        [],
        [],
        [],
    )
    for attempt in (
        lambda: bob.get("north"),
        lambda: bob.get_with_revision("north"),
        lambda: bob.update(north.model_copy(update={"role": "Taken over"}), 1),
        lambda: bob.change("north", status="rejected"),
        lambda: bob.change_person("north", "priya", channel="email"),
        lambda: bob.log_contact("north", Contact(interviewer_id="priya", kind="other", at=NOW)),
        lambda: bob.delete_contact("north", north.contacts[0].id),
        lambda: bob.delete("north"),
        lambda: bob.save_draft(
            Draft(
                application_id="north",
                interviewer_id="priya",
                kind="follow_up",
                text="Hijacked",
                updated_at=NOW,
            )
        ),
    ):
        with pytest.raises(NotFoundError):
            attempt()
    bob.save_sender(Sender(name="Bob Example"))
    bob.count_llm_use(NOW.date(), calls=5, tokens=5_000)
    bob.delete_everything()
    bob.delete_account(NOW)

    assert everything(alice) == before
    assert alice.change_count() == count
    assert (alice.signed_out_at(), alice.llm_use_on(NOW.date())) == (SENT, (1, 900))


def test_two_owners_may_hold_the_same_application_apart(alice: Store, database: Path | str) -> None:
    """B imports A's export (a coach given a student's file): B gets a copy under the same
    ids, each changes their own, and deleting B's copy leaves A's."""
    bob = open_store(database, owner=B)
    summary = bob.import_file(parse_import(alice.export_json(NOW)))
    assert (summary.added, summary.replaced) == (1, 0)

    bob.change("north", status="offer")
    alice.change("north", references_notified=True)

    assert (alice.get("north").status, bob.get("north").status) == ("open", "offer")
    assert not bob.get("north").references_notified
    bob.delete("north")
    assert [contact.at for contact in alice.get("north").contacts] == [SENT]
    assert len(alice.draft_versions("north", "priya", "thank_you")) == 2


def test_a_computers_own_store_is_the_local_owners(database: Path | str) -> None:
    """A store opened without an owner (the local app, the demo) works for LOCAL_OWNER, and
    sees nothing of a signed-in owner's rows."""
    assert open_store(database).owner == LOCAL_OWNER
    open_store(database, owner=A).save_sender(Sender(name="Alice Example"))
    assert open_store(database).get_sender() == Sender()


@pytest.mark.postgresql_only
def test_the_database_itself_hides_rows_from_a_query_without_its_owner(
    alice: Store, database: str, request: pytest.FixtureRequest
) -> None:
    """On PostgreSQL, a query that forgot to say whose rows it wants gets none of any table,
    even from the role that owns the tables; said as A it gets A's rows; a row written for
    anyone else than the transaction's owner is refused by the database."""
    open_store(database, owner=B).save_sender(Sender(name="Bob Example"))
    engine = create_engine(database, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            for table in OWNED_TABLES:
                assert conn.execute(text(f"SELECT count(*) FROM {table.name}")).scalar() == 0
        with engine.begin() as conn:
            conn.execute(text("SELECT set_config('app.owner', :owner, true)"), {"owner": A})
            owners = {
                owner
                for table in OWNED_TABLES
                for owner in conn.execute(text(f"SELECT owner FROM {table.name}")).scalars()
            }
            assert owners == {A}
            with pytest.raises(Exception, match="row-level security"):
                conn.execute(
                    text("INSERT INTO settings (owner, key, value) VALUES (:owner, 'x', '{}')"),
                    {"owner": B},
                )
    finally:
        engine.dispose()
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.connect(database.rsplit("/", 1)[1]) as conn:
        secured = conn.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class"
            " WHERE relname = ANY(%s)",
            ([table.name for table in OWNED_TABLES],),
        ).fetchall()
    assert sorted(secured) == sorted((table.name, True, True) for table in OWNED_TABLES)


@pytest.mark.postgresql_only
def test_owners_write_without_waiting_for_each_other(
    alice: Store, database: str, request: pytest.FixtureRequest
) -> None:
    """On PostgreSQL each owner's writes queue on their own lock: while A's queue is held
    (a long save of A's), B saves at once."""
    server: PostgresServer = request.getfixturevalue("postgres_server")
    bob = open_store(database, owner=B)
    with server.connect(database.rsplit("/", 1)[1]) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (lock_key(A),))
        saves = [
            threading.Thread(target=lambda: bob.save_sender(Sender(name="Bob Example"))),
            threading.Thread(target=lambda: alice.save_sender(Sender(name="Alice, later"))),
        ]
        for save in saves:
            save.start()
        saves[0].join(timeout=10)
        saves[1].join(timeout=0.5)
        assert not saves[0].is_alive(), "B waited for A's queue"
        assert saves[1].is_alive(), "A's save did not wait for A's queue"
        holder.execute("SELECT pg_advisory_unlock(%s)", (lock_key(A),))
    saves[1].join(timeout=10)
    assert (bob.get_sender().name, alice.get_sender().name) == ("Bob Example", "Alice, later")
