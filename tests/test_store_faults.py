"""The hosted store when PostgreSQL goes away and when everyone saves at once: a clear message,
no acknowledged save lost, and every session answered in turn (a server of its own, so the
other tests' server is never stopped)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from lib.store import Store, StoreError, open_store
from lib.store_engine import POOL_OVERFLOW, POOL_SIZE
from tests.conftest import ApplicationFactory
from tests.postgres import PostgresServer

SESSIONS = 50


@pytest.fixture
def own_server(postgres_server: PostgresServer) -> Iterator[PostgresServer]:
    """A PostgreSQL server for this test alone (started only where the shared one could be)."""
    server = PostgresServer(postgres_server.binaries).start()
    yield server
    server.stop()


def test_the_database_going_away_loses_no_acknowledged_save(
    own_server: PostgresServer, make_application: ApplicationFactory
) -> None:
    """A save made before the outage is there after it; one tried during it fails with a
    message saying what to check, changes nothing, and the store reconnects by itself."""
    url = own_server.create_database("coach_outage")
    store = open_store(url, owner="https://login.example|alice")
    app = store.create(make_application(id="northwind"))
    store.change(app.id, went_well="said before the outage")

    own_server.pause()
    with pytest.raises(StoreError) as caught:
        store.change(app.id, went_well="said during the outage")
    assert "Is the database server running and reachable?" in str(caught.value)
    assert "Nothing was changed." in str(caught.value)

    own_server.resume()
    assert store.get(app.id).went_well == "said before the outage"
    store.change(app.id, went_well="said after it")
    assert open_store(url, owner="https://login.example|alice").get(app.id).went_well == (
        "said after it"
    )


def test_fifty_sessions_at_once_wait_their_turn_and_all_answer(
    own_server: PostgresServer, make_application: ApplicationFactory
) -> None:
    """More sessions than the pool has connections save at the same moment: none fails, each
    person's save is there."""
    assert SESSIONS > POOL_SIZE + POOL_OVERFLOW  # the pool really runs out
    url = own_server.create_database("coach_crowd")
    stores: list[Store] = [
        open_store(url, owner=f"https://login.example|u{n}") for n in range(SESSIONS)
    ]
    for store in stores:
        store.create(make_application(id="app"))
    start = threading.Barrier(SESSIONS)
    failures: list[BaseException] = []

    def save(store: Store, number: int) -> None:
        start.wait()
        try:
            store.change("app", went_well=f"session {number}")
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=save, args=(store, n)) for n, store in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert [store.get("app").went_well for store in stores] == [
        f"session {n}" for n in range(SESSIONS)
    ]
