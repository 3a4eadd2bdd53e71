"""An owner's account in the store, on SQLite and PostgreSQL: the last sign-out, deleting the
account with all its data, and the LLM use counted per day against a host's allowance."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from lib.model import Contact, Defaults, Draft, Sender
from lib.store import Store, open_store
from lib.store_account import utc_day
from lib.store_tables import OWNED_TABLES

pytestmark = pytest.mark.both_databases

A = "https://accounts.example|alice-0001"
B = "https://accounts.example|bob-0002"
NOW = datetime(2026, 11, 20, 12, 0, 30, 250_000, tzinfo=UTC)
DAY = date(2026, 11, 20)


def filled(database: Path | str, owner: str, make_application: Callable[..., Any]) -> Store:
    """Return an owner's store with an application, a contact, a draft, settings and use."""
    store = open_store(database, owner=owner)
    store.create(make_application(id="north"))
    store.log_contact("north", Contact(interviewer_id="priya", kind="thank_you", at=NOW))
    store.save_draft(
        Draft(
            application_id="north",
            interviewer_id="priya",
            kind="thank_you",
            text="Dear Priya, thank you.",
            updated_at=NOW,
        ),
        source="offline",
    )
    store.save_sender(Sender(name="Someone"))
    store.save_defaults(Defaults(country="GB", timezone="Europe/London"))
    store.count_llm_use(DAY, calls=2, tokens=1_000)
    return store


def rows_per_table(database: Path | str, owner: str) -> dict[str, int]:
    """Return how many rows each owned table holds for ``owner``, read past the store."""
    url = f"sqlite:///{database}" if isinstance(database, Path) else database
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT set_config('app.owner', :owner, true)"), {"owner": owner})
            return {
                table.name: conn.execute(
                    text(f"SELECT count(*) FROM {table.name} WHERE owner = :owner"),
                    {"owner": owner},
                ).scalar_one()
                for table in OWNED_TABLES
            }
    finally:
        engine.dispose()


def test_a_sign_out_is_recorded_to_the_microsecond_and_the_latest_counts(
    database: Path | str,
) -> None:
    store = open_store(database, owner=A)
    assert store.signed_out_at() is None

    store.record_sign_out(NOW)
    store.record_sign_out(NOW + timedelta(hours=2))

    assert store.signed_out_at() == NOW + timedelta(hours=2)
    assert open_store(database, owner=B).signed_out_at() is None


def test_deleting_an_account_leaves_only_the_moment_it_was_deleted(
    database: Path | str, make_application: Callable[..., Any]
) -> None:
    """Every row of A's goes but the account's, which says when; B's data is untouched."""
    alice = filled(database, A, make_application)
    bob = filled(database, B, make_application)
    bobs_rows = rows_per_table(database, B)

    alice.delete_account(NOW)

    assert alice.list_applications() == []
    assert (alice.get_sender(), alice.get_defaults()) == (Sender(), Defaults())
    assert alice.change_count() == 0
    assert alice.llm_use_on(DAY) == (0, 0)
    assert alice.signed_out_at() == NOW
    assert {name: count for name, count in rows_per_table(database, A).items() if count} == {
        "accounts": 1
    }
    assert rows_per_table(database, B) == bobs_rows
    assert [app.id for app in bob.list_applications()] == ["north"]


def test_llm_use_adds_up_per_day_and_per_owner(database: Path | str) -> None:
    alice, bob = open_store(database, owner=A), open_store(database, owner=B)

    assert alice.count_llm_use(DAY, calls=1, tokens=500) == (1, 500)
    assert alice.count_llm_use(DAY, calls=2, tokens=700) == (3, 1_200)
    alice.count_llm_use(DAY + timedelta(days=1), calls=1, tokens=10)
    bob.count_llm_use(DAY, calls=9, tokens=9_000)

    assert alice.llm_use_on(DAY) == (3, 1_200)
    assert alice.llm_use_on(DAY + timedelta(days=1)) == (1, 10)
    assert alice.llm_use_on(DAY - timedelta(days=1)) == (0, 0)
    assert bob.llm_use_on(DAY) == (9, 9_000)


def test_llm_use_counted_from_many_threads_at_once_loses_no_call(database: Path | str) -> None:
    """Tabs and processes of one person count at the same time: every call is counted."""
    stores = [open_store(database, owner=A) for _ in range(4)]

    def count(store: Store) -> None:
        for _ in range(10):
            store.count_llm_use(DAY, calls=1, tokens=100)

    threads = [threading.Thread(target=count, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert stores[0].llm_use_on(DAY) == (40, 4_000)


def test_the_allowance_day_is_the_utc_day() -> None:
    late_in_new_york = datetime(2026, 11, 20, 23, 30, tzinfo=UTC) + timedelta(hours=1)
    assert utc_day(late_in_new_york) == date(2026, 11, 21)
    assert utc_day(NOW) == DAY
