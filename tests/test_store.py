"""The store: saving, migrating, surviving crashes and concurrent writers, export/import.

Every test that uses the store (or the ``database`` it keeps its data in) runs twice, on SQLite
and on PostgreSQL (tests/conftest.py); the tests of SQLite files (old versions, WAL, locks,
a file that is not a database) open a file of their own.
"""

from __future__ import annotations

import json
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.pool import NullPool

import lib.store
from lib.model import EXPORT_VERSION, Application, Contact, Draft, DraftVersion, Sender
from lib.store import (
    MAX_IMPORT_BYTES,
    MIGRATIONS,
    SCHEMA_VERSION,
    ConflictError,
    ImportRefusedError,
    NotFoundError,
    Store,
    StoreError,
    open_store,
    parse_import,
)
from lib.store_engine import file_url, new_engine
from lib.store_schema import KEPT_VERSIONS

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SENT = datetime(2026, 11, 16, 18, 0, tzinfo=UTC)


def contact(person: str, minutes: int = 0, kind: str = "thank_you", **extra: Any) -> Contact:
    """Return a contact with ``person``, ``minutes`` after the first thank-you was sent."""
    return Contact(interviewer_id=person, kind=kind, at=SENT + timedelta(minutes=minutes), **extra)


def draft(app_id: str, person: str, text: str = "Dear Priya,", kind: str = "thank_you") -> Draft:
    """Return a draft to one person."""
    return Draft(application_id=app_id, interviewer_id=person, kind=kind, text=text, updated_at=NOW)


@contextmanager
def straight_to(store: Store) -> Iterator[Connection]:
    """Connect to the store's database on a connection of its own, past the store, in one
    transaction that is committed (on PostgreSQL as the store's owner, for its row policies)."""
    engine = create_engine(store.url or file_url(store.path), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(
                    text("SELECT set_config('app.owner', :owner, true)"), {"owner": store.owner}
                )
            yield conn
    finally:
        engine.dispose()


def count_rows(store: Store, table: str, app_id: str) -> int:
    """Count the rows of ``table`` that belong to one application, straight from the database."""
    column = "id" if table == "applications" else "application_id"
    with straight_to(store) as conn:
        query = text(f"SELECT COUNT(*) FROM {table} WHERE {column} = :app_id")
        return conn.execute(query, {"app_id": app_id}).scalar_one()


def snapshot(store: Store) -> dict[str, Any]:
    """Return everything the store holds, in a form that compares equal when nothing changed."""
    document = json.loads(store.export_json(NOW))
    document["drafts"].sort(key=lambda d: (d["application_id"], d["interviewer_id"], d["kind"]))
    return document


def sorted_drafts(store: Store) -> list[Draft]:
    """Return the store's drafts in a stable order."""
    return sorted(store.list_drafts(), key=lambda d: (d.application_id, d.interviewer_id, d.kind))


# -- applications -----------------------------------------------------------------------------


def test_created_application_reads_back_identical(store: Store, make_application) -> None:
    """What is saved, people and logged contacts included, is exactly what is read back."""
    app = make_application(contacts=[contact("priya"), contact("sean", 5, channel="handwritten")])

    created = store.create(app)

    assert created == app
    assert store.get(app.id) == app
    assert [c.interviewer_id for c in store.get(app.id).contacts] == ["priya", "sean"]
    assert store.get_with_revision(app.id)[1] == 1


def test_applications_are_listed_most_recent_interview_first(
    store: Store, make_application
) -> None:
    """The list puts the latest interview (by real instant, across timezones) on top."""
    new_york = make_application(id="ny", interview_at="2026-11-16T10:00:00-05:00")  # 15:00Z
    london = make_application(
        id="ldn", interview_at="2026-11-16T14:00:00+00:00", timezone="Europe/London", status="offer"
    )
    older = make_application(id="old", interview_at="2026-11-02T09:00:00-05:00")
    for app in (older, london, new_york):
        store.create(app)

    assert [a.id for a in store.list_applications()] == ["ny", "ldn", "old"]
    assert [a.id for a in store.list_applications(status="open")] == ["ny", "old"]
    assert [a.id for a in store.list_applications(status="offer")] == ["ldn"]
    assert store.list_applications(status="rejected") == []


def test_update_saves_changes_and_counts_revisions(store: Store, make_application) -> None:
    """Editing an application saves the new facts and each save bumps its revision."""
    app = store.create(make_application())

    app.company = "Northwind Analytics Ltd"
    app.status = "offer"
    updated = store.update(app, 1)
    store.update(updated.model_copy(update={"went_well": "System design round"}), 2)

    stored = store.get(app.id)
    assert (stored.company, stored.status) == ("Northwind Analytics Ltd", "offer")
    assert stored.went_well == "System design round"
    assert store.get_with_revision(app.id)[1] == 3


def test_update_from_an_old_revision_is_refused_with_the_stored_version(
    store: Store, make_application
) -> None:
    """A save that read revision 1 after someone else saved revision 2 is refused, not applied."""
    app = store.create(make_application())
    _, opened = store.get_with_revision(app.id)
    store.update(app.model_copy(update={"role": "Staff Data Engineer"}), opened)

    with pytest.raises(ConflictError, match="changed elsewhere") as refused:
        store.update(app.model_copy(update={"went_well": "The system design round"}), opened)

    assert (refused.value.current.role, refused.value.revision) == ("Staff Data Engineer", 2)
    stored, revision = store.get_with_revision(app.id)
    assert (stored.role, stored.went_well, revision) == ("Staff Data Engineer", "", 2)


def test_change_sets_only_the_given_fields(store: Store, make_application) -> None:
    """A one-click change (status, references) leaves an edit saved meanwhile in place."""
    app = store.create(make_application())
    store.update(app.model_copy(update={"role": "Staff Data Engineer"}), 1)

    changed = store.change(app.id, status="moved_on", references_notified=True)

    assert (changed.role, changed.status, changed.references_notified) == (
        "Staff Data Engineer",
        "moved_on",
        True,
    )
    assert store.get_with_revision(app.id) == (changed, 3)


def test_change_to_an_impossible_value_is_refused_and_changes_nothing(
    store: Store, make_application
) -> None:
    """A change the model refuses is a StoreError in words, and the stored row is untouched."""
    app = store.create(make_application())

    with pytest.raises(StoreError, match="Status must be one of"):
        store.change(app.id, status="hired")

    assert store.get_with_revision(app.id) == (app, 1)


def test_delete_removes_application_with_its_contacts_and_drafts(
    store: Store, make_application
) -> None:
    """Deleting an application leaves nothing of it behind: no contacts, no drafts."""
    keep = store.create(make_application(id="keep", contacts=[contact("priya")]))
    gone = store.create(make_application(id="gone", contacts=[contact("priya"), contact("sean")]))
    store.save_draft(draft("gone", "sean"))
    store.save_draft(draft("keep", "priya"))

    store.delete(gone.id)

    with pytest.raises(NotFoundError):
        store.get(gone.id)
    for table in ("applications", "contacts", "drafts"):
        assert count_rows(store, table, "gone") == 0
    assert store.get(keep.id) == keep
    assert [d.application_id for d in store.list_drafts()] == ["keep"]


@pytest.mark.parametrize(
    "action",
    [
        pytest.param(lambda store, app: store.get(app.id), id="get"),
        pytest.param(lambda store, app: store.delete(app.id), id="delete"),
        pytest.param(lambda store, app: store.update(app, 1), id="update"),
        pytest.param(lambda store, app: store.get_with_revision(app.id), id="get_with_revision"),
        pytest.param(lambda store, app: store.change(app.id, status="offer"), id="change"),
        pytest.param(lambda store, app: store.log_contact(app.id, contact("priya")), id="log"),
    ],
)
def test_missing_application_is_reported_as_not_found(
    store: Store, make_application, action: Callable[[Store, Application], object]
) -> None:
    """Acting on an application that does not exist says so instead of failing silently."""
    store.create(make_application(id="other"))
    missing = make_application(id="missing")

    with pytest.raises(NotFoundError, match="missing"):
        action(store, missing)
    assert [a.id for a in store.list_applications()] == ["other"]


def test_creating_an_existing_id_is_refused(store: Store, make_application) -> None:
    """Creating an application twice never overwrites the first one."""
    original = store.create(make_application(id="dup"))

    with pytest.raises(StoreError, match="already exists"):
        store.create(make_application(id="dup", company="Someone Else"))
    assert store.get("dup") == original


# -- contacts ---------------------------------------------------------------------------------


def test_edit_from_a_stale_copy_keeps_a_contact_logged_meanwhile(
    store: Store, make_application
) -> None:
    """Saving an edit made on an old copy never undoes a contact logged in the meantime."""
    stale = store.create(make_application())
    store.log_contact(stale.id, contact("priya"))

    store.update(stale.model_copy(update={"fit_points": "Led a Kafka migration"}), 1)

    stored = store.get(stale.id)
    assert stored.fit_points == "Led a Kafka migration"
    assert [c.interviewer_id for c in stored.contacts] == ["priya"]
    assert store.get_with_revision(stale.id)[1] == 2


def test_log_contact_adds_a_contact_without_rewriting_the_application(
    store: Store, make_application
) -> None:
    """Logging a contact adds just that contact; the application's revision is untouched."""
    app = store.create(make_application())

    logged = contact("sean", kind="follow_up", body="Checking in")
    after = store.log_contact(app.id, logged)

    assert after.contacts == [logged]
    assert after.model_dump(exclude={"contacts"}) == app.model_dump(exclude={"contacts"})
    assert store.get_with_revision(app.id)[1] == 1


def test_removing_an_interviewer_removes_their_contacts_and_drafts(
    store: Store, make_application
) -> None:
    """Taking someone off the panel also removes what was logged and drafted for them."""
    app = store.create(make_application(contacts=[contact("priya"), contact("sean", 1)]))
    store.save_draft(draft(app.id, "sean", "Dear Seán,"))
    store.save_draft(draft(app.id, "priya", "Dear Priya,", kind="follow_up"))

    edited = Application.model_validate(
        {**app.model_dump(), "interviewers": app.model_dump()["interviewers"][:1], "contacts": []}
    )
    stored = store.update(edited, 1)

    assert [p.id for p in stored.interviewers] == ["priya"]
    assert [c.interviewer_id for c in stored.contacts] == ["priya"]
    assert [(d.interviewer_id, d.kind) for d in store.list_drafts(app.id)] == [
        ("priya", "follow_up")
    ]


def test_contacts_a_fraction_of_a_second_apart_are_listed_in_time_order(
    store: Store, make_application
) -> None:
    """Contacts are listed by their moment, to the microsecond, whatever order they were
    logged in (PostgreSQL compares the stored times byte by byte, as SQLite does)."""
    app = store.create(make_application())
    later = Contact(interviewer_id="priya", kind="other", at=SENT + timedelta(microseconds=5e5))
    sooner = contact("sean", 0)
    store.log_contact(app.id, later)
    store.log_contact(app.id, sooner)

    assert store.get(app.id).contacts == [sooner, later]


def test_contact_with_someone_not_on_the_panel_is_refused(store: Store, make_application) -> None:
    """A contact cannot be logged with a person the application does not list."""
    app = store.create(make_application())

    with pytest.raises(StoreError, match="no longer on this application's panel"):
        store.log_contact(app.id, contact("ghost"))
    assert store.get(app.id).contacts == []


def test_a_contact_logged_by_mistake_can_be_deleted(store: Store, make_application) -> None:
    """Deleting a contact removes only that one."""
    app = store.create(make_application())
    keep, mistake = contact("priya"), contact("sean", 10)
    store.log_contact(app.id, keep)
    store.log_contact(app.id, mistake)

    after = store.delete_contact(app.id, mistake.id)

    assert after.contacts == [keep]
    assert store.get(app.id).contacts == [keep]


# -- drafts and the sender --------------------------------------------------------------------


def test_drafts_are_saved_listed_and_replaced(store: Store, make_application) -> None:
    """A draft is kept per person and kind, and saving again replaces the earlier text."""
    first = store.create(make_application(id="first"))
    second = store.create(make_application(id="second"))
    assert store.get_draft(first.id, "priya", "thank_you") is None

    store.save_draft(draft(first.id, "priya", "Dear Priya, thank"))
    store.save_draft(draft(first.id, "priya", "Dear Priya, thank you for today."))
    store.save_draft(draft(first.id, "priya", "Dear Priya, any news?", kind="follow_up"))
    store.save_draft(draft(second.id, "sean", "Dear Seán,"))

    latest = store.get_draft(first.id, "priya", "thank_you")
    assert latest == draft(first.id, "priya", "Dear Priya, thank you for today.")
    assert store.get_draft(first.id, "sean", "thank_you") is None
    assert sorted((d.interviewer_id, d.kind) for d in store.list_drafts(first.id)) == [
        ("priya", "follow_up"),
        ("priya", "thank_you"),
    ]
    assert len(store.list_drafts()) == 3


def saved_at(
    store: Store, text: str, source: str = "typed", minutes: float = 0, person: str = "priya"
) -> None:
    """Save Priya's thank-you draft as ``text``, written by ``source``, ``minutes`` after NOW."""
    moment = NOW + timedelta(minutes=minutes)
    written = Draft(
        application_id="north",
        interviewer_id=person,
        kind="thank_you",
        text=text,
        updated_at=moment,
    )
    store.save_draft(written, source=source)


def history(store: Store, person: str = "priya") -> list[tuple[str, str]]:
    """Return (source, text) of Priya's thank-you versions, newest first."""
    return [(v.source, v.text) for v in store.draft_versions("north", person, "thank_you")]


def test_each_draft_keeps_its_versions_by_source_newest_first(
    store: Store, make_application
) -> None:
    """The composer's draft, the user's edit, the LLM's draft over it and a restore are four
    versions, newest first, each saying what wrote it; saving the same text adds none."""
    store.create(make_application(id="north"))
    saved_at(store, "Composer text.", "offline")
    saved_at(store, "Composer text. P.S. See you soon.", "typed", minutes=1)
    saved_at(store, "LLM text.", "llm", minutes=2)
    saved_at(store, "LLM text.", "typed", minutes=3)  # unchanged: no version
    saved_at(store, "Composer text. P.S. See you soon.", "restored", minutes=4)

    assert history(store) == [
        ("restored", "Composer text. P.S. See you soon."),
        ("llm", "LLM text."),
        ("typed", "Composer text. P.S. See you soon."),
        ("offline", "Composer text."),
    ]
    assert [v.at for v in store.draft_versions("north", "priya", "thank_you")] == [
        NOW + timedelta(minutes=minutes) for minutes in (4, 2, 1, 0)
    ]
    assert store.draft_versions("north", "sean", "thank_you") == []


def test_typing_within_a_minute_is_one_version_and_a_pause_starts_another(
    store: Store, make_application
) -> None:
    """Saves while typing (each blur of the box) collapse into one version within 60 s of the
    last; a later typed save, or one written by anything else, is a version of its own."""
    store.create(make_application(id="north"))
    saved_at(store, "Composer text.", "offline")
    saved_at(store, "Dear", "typed", minutes=0.1)
    saved_at(store, "Dear Priya", "typed", minutes=0.5)
    saved_at(store, "Dear Priya,", "typed", minutes=1.2)
    saved_at(store, "Dear Priya, hi", "typed", minutes=3)

    assert history(store) == [
        ("typed", "Dear Priya, hi"),
        ("typed", "Dear Priya,"),
        ("offline", "Composer text."),
    ]


def test_versions_are_pruned_to_the_newest_twenty(store: Store, make_application) -> None:
    """Thirty drafts written by the LLM leave the newest twenty, in the same save."""
    store.create(make_application(id="north"))
    for number in range(30):
        saved_at(store, f"Draft number {number}.", "llm", minutes=number)
    saved_at(store, "Seán's draft.", "llm", person="sean")

    kept = history(store)
    assert KEPT_VERSIONS == 20
    assert [text for _, text in kept] == [f"Draft number {n}." for n in range(29, 9, -1)]
    assert history(store, "sean") == [("llm", "Seán's draft.")]


def test_versions_go_with_the_application_the_person_and_everything(
    store: Store, make_application
) -> None:
    """Deleting an application, removing a person, or deleting everything removes versions."""
    app = store.create(make_application(id="north"))
    store.create(make_application(id="south"))
    saved_at(store, "Dear Priya,", "offline")
    saved_at(store, "Dear Seán,", "offline", person="sean")
    store.save_draft(draft("south", "priya", "Dear Priya, south."), source="llm")

    without_sean = app.model_copy(update={"interviewers": app.interviewers[:1], "contacts": []})
    store.update(without_sean, store.get_with_revision("north")[1])
    assert history(store, "sean") == []
    assert len(history(store)) == 1

    store.delete("north")
    assert count_rows(store, "draft_versions", "north") == 0
    assert count_rows(store, "draft_versions", "south") == 1

    store.delete_everything()
    assert store.list_draft_versions() == []


def test_versions_travel_in_the_export_and_an_older_export_still_imports(
    store: Store, make_application
) -> None:
    """An export carries every version and imports them unchanged; an export made before
    versions (no draft_versions field) imports too, each draft its own first version."""
    store.create(make_application(id="north"))
    saved_at(store, "Composer text.", "offline")
    saved_at(store, "LLM text.", "llm", minutes=2)
    exported = json.loads(store.export_json(NOW))
    assert [v["source"] for v in exported["draft_versions"]] == ["offline", "llm"]

    target = open_store(":memory:")
    target.import_file(parse_import(json.dumps(exported)))
    assert target.list_draft_versions() == store.list_draft_versions()
    target.import_file(parse_import(json.dumps(exported)))  # again: replaced, not doubled
    assert len(target.list_draft_versions()) == 2

    del exported["draft_versions"]
    older = open_store(":memory:")
    older.import_file(parse_import(json.dumps(exported)))
    (only,) = older.draft_versions("north", "priya", "thank_you")
    assert (only.source, only.text) == ("saved", "LLM text.")


def test_a_version_for_someone_not_in_the_file_is_refused(store: Store, make_application) -> None:
    """An export whose version points at a person it does not contain is not imported."""
    store.create(make_application(id="north"))
    exported = json.loads(store.export_json(NOW))
    stray = DraftVersion(
        application_id="north", interviewer_id="nobody", kind="thank_you", text="Hi",
        source="typed", at=NOW,
    )  # fmt: skip
    exported["draft_versions"] = [json.loads(stray.model_dump_json())]
    with pytest.raises(ImportRefusedError, match="person or application"):
        parse_import(json.dumps(exported))


def test_change_person_sets_one_persons_fields_atomically(store: Store, make_application) -> None:
    """Switching Seán to a handwritten card changes only him, counts a revision, and keeps an
    edit saved meanwhile; a person no longer on the panel is reported."""
    app = store.create(make_application(id="north"))
    _, revision = store.get_with_revision("north")
    store.change("north", role="Staff Data Engineer")  # another tab, meanwhile

    changed = store.change_person("north", "sean", channel="handwritten")

    assert [p.channel for p in changed.interviewers] == [None, "handwritten"]
    assert changed.role == "Staff Data Engineer"
    assert store.get_with_revision("north")[1] == revision + 2
    assert changed.interviewers[0] == app.interviewers[0]
    with pytest.raises(StoreError):
        store.change_person("north", "sean", channel="carrier pigeon")
    with pytest.raises(NotFoundError):
        store.change_person("north", "nobody", channel="email")


def test_version_2_database_keeps_its_drafts_as_first_versions(
    isolated_data: Path, make_application
) -> None:
    """A database from before versions opens with every draft intact, each its first version."""
    app = make_application(id="north")
    conn = sqlite3.connect(isolated_data)
    conn.execute("PRAGMA foreign_keys = ON")
    for migration in MIGRATIONS[:2]:
        migration(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO applications (id, data, created_at, updated_at) VALUES (?, ?, ?, ?)",
        (app.id, app.model_dump_json(exclude={"contacts"}), "2026-11-16", "2026-11-16"),
    )
    old = draft("north", "priya", "Dear Priya, my old draft.")
    conn.execute(
        "INSERT INTO drafts (application_id, interviewer_id, kind, data) VALUES (?, ?, ?, ?)",
        ("north", "priya", "thank_you", old.model_dump_json()),
    )
    conn.commit()
    conn.close()

    store = open_store(isolated_data)

    assert store.schema_version() == SCHEMA_VERSION == 7
    assert store.get_draft("north", "priya", "thank_you") == old
    assert history(store) == [("saved", "Dear Priya, my old draft.")]
    saved_at(store, "Dear Priya, a new draft.", "llm", minutes=1)
    assert history(store)[1] == ("saved", "Dear Priya, my old draft.")


def test_sender_is_empty_until_saved_then_reads_back(store: Store) -> None:
    """The user's own details start empty and, once saved, come back exactly."""
    assert store.get_sender() == Sender()

    me = Sender(name="Alex Morgan", email="alex+jobs@example.com", phone="+1 555 0100")
    store.save_sender(me)
    store.save_sender(me.model_copy(update={"link": "https://example.com/alex"}))

    assert store.get_sender() == me.model_copy(update={"link": "https://example.com/alex"})


# -- schema and files -------------------------------------------------------------------------


def test_new_database_is_current_and_in_wal_mode(isolated_data: Path) -> None:
    """A new database file is created at the current schema, in crash-safe WAL mode."""
    store = open_store(isolated_data)
    assert store.schema_version() == SCHEMA_VERSION == 7
    conn = sqlite3.connect(isolated_data)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()


def test_version_1_database_is_migrated_with_its_contacts(
    isolated_data: Path, make_application
) -> None:
    """A database from the previous version opens with every application and contact intact."""
    app = make_application(contacts=[contact("priya"), contact("sean", 30, kind="follow_up")])
    other = make_application(id="plain", company="Contoso")
    conn = sqlite3.connect(isolated_data)
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    for legacy in (app, other):
        conn.execute(
            "INSERT INTO applications (id, data, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (legacy.id, legacy.model_dump_json(), "2026-11-16T00:00:00+00:00", "2026-11-16"),
        )
    conn.commit()
    conn.close()

    store = open_store(isolated_data)

    assert store.schema_version() == SCHEMA_VERSION
    assert store.get(app.id) == app
    assert len(store.get(app.id).contacts) == 2
    assert store.get("plain") == other
    assert store.get_with_revision(app.id)[1] == 1
    assert store.log_contact("plain", contact("sean")).contacts[0].interviewer_id == "sean"
    assert open_store(isolated_data).get(app.id) == app  # opening again migrates nothing twice


def test_database_from_a_newer_app_is_refused(isolated_data: Path) -> None:
    """A database written by a newer app is not touched, and the message says to update."""
    conn = sqlite3.connect(isolated_data)
    conn.execute("PRAGMA user_version = 99")
    conn.close()

    with pytest.raises(StoreError, match=r"newer Follow-Up Coach.*Update the app"):
        open_store(isolated_data)


def test_file_that_is_not_a_database_is_refused_and_left_alone(isolated_data: Path) -> None:
    """Pointing the app at some other file gives a clear error and does not damage that file."""
    junk = random.Random(7).randbytes(8192)
    isolated_data.write_bytes(junk)

    with pytest.raises(StoreError, match="database"):
        open_store(isolated_data)
    assert isolated_data.read_bytes() == junk


# -- interrupted writes -----------------------------------------------------------------------


def test_import_failing_midway_changes_nothing(
    store: Store, make_application, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If an import breaks halfway, the store is exactly as it was: all of it or none of it."""
    store.create(make_application(id="a", contacts=[contact("priya")]))
    store.create(make_application(id="b", company="Contoso"))
    store.save_draft(draft("a", "priya"))
    before = snapshot(store)
    bundle = store.export_file(NOW)
    bundle.applications = [
        make_application(id="a", company="Replaced"),
        make_application(id="c", company="New"),
    ]
    bundle.drafts = []
    written: list[list[str]] = []

    def failing_versions(conn: Connection, versions: list[DraftVersion]) -> None:
        # the application replaced, the one kept and the one added are written by now
        written.append(
            list(conn.execute(text("SELECT id FROM applications ORDER BY id")).scalars())
        )
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(lib.store, "insert_versions", failing_versions)

    with pytest.raises(StoreError, match="disk I/O error"):
        store.import_file(bundle)

    assert written == [["a", "b", "c"]]  # it failed after the applications were written
    monkeypatch.undo()
    assert snapshot(store) == before
    assert store.get("a").contacts[0].interviewer_id == "priya"


CHILD = textwrap.dedent(
    """
    import sys
    from lib.model import Application
    from lib.store import open_store

    store = open_store(sys.argv[1])
    for number in range(int(sys.argv[2])):
        app = Application(
            id=f"app{number}", company=f"Company {number}", role="Engineer",
            interview_at="2026-11-16T10:00:00-05:00", timezone="America/New_York",
            interviewers=[{"id": "p", "name": "Priya"}],
            contacts=[{"interviewer_id": "p", "kind": "call", "at": "2026-11-17T09:00:00Z"}],
        )
        store.create(app)
        print(app.id, flush=True)
    """
)


def test_killed_process_loses_no_acknowledged_write(database: Path | str) -> None:
    """When the app is killed mid-write, the database is sound and every confirmed save is
    there."""
    wanted, limit = 20, 5_000
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(database), str(limit)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x) for x in child.stdout], daemon=True)
    reader.start()
    acknowledged: list[str] = []
    deadline = time.monotonic() + 60
    try:
        while len(acknowledged) < wanted:
            remaining = deadline - time.monotonic()
            assert remaining > 0, "the child did not confirm enough writes in time"
            try:
                acknowledged.append(lines.get(timeout=min(remaining, 1)).strip())
            except queue.Empty:
                assert child.poll() is None, f"the child died: {child.stderr.read()}"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=10)
        child.stdout.close()
        child.stderr.close()
    reader.join(timeout=5)
    assert child.returncode == -signal.SIGKILL, "the child finished before it was killed"

    store = open_store(database)
    if isinstance(database, Path):
        conn = sqlite3.connect(database)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    stored = {app.id for app in store.list_applications()}
    assert set(acknowledged) <= stored
    assert all(len(store.get(app_id).contacts) == 1 for app_id in acknowledged)


# -- concurrent writers -----------------------------------------------------------------------


def run_together(*jobs: Callable[[], None]) -> None:
    """Run the jobs in threads started at the same moment; re-raise the first failure."""
    start = threading.Barrier(len(jobs))
    failures: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        start.wait(timeout=10)
        try:
            job()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    if failures:
        raise failures[0]


def test_two_windows_logging_contacts_at_once_lose_none(
    database: Path | str, make_application
) -> None:
    """Two open copies of the app logging contacts at the same time keep every contact."""
    first, second = open_store(database), open_store(database)
    app = first.create(make_application())

    def log_many(store: Store, person: str) -> None:
        for minute in range(50):
            store.log_contact(app.id, contact(person, minute, kind="other"))

    run_together(lambda: log_many(first, "priya"), lambda: log_many(second, "sean"))

    contacts = open_store(database).get(app.id).contacts
    assert len(contacts) == 100
    assert len({c.id for c in contacts}) == 100
    assert sum(c.interviewer_id == "priya" for c in contacts) == 50


def test_two_windows_creating_applications_at_once_lose_none(
    database: Path | str, make_application
) -> None:
    """Two open copies of the app creating applications at the same time keep all of them."""
    first, second = open_store(database), open_store(database)

    def create_many(store: Store, prefix: str) -> None:
        for number in range(30):
            store.create(make_application(id=f"{prefix}{number}"))

    run_together(lambda: create_many(first, "a"), lambda: create_many(second, "b"))

    ids = {app.id for app in open_store(database).list_applications()}
    assert ids == {f"{p}{n}" for p in "ab" for n in range(30)}


def test_two_windows_changing_one_application_at_once_lose_no_change(
    database: Path | str, make_application
) -> None:
    """Two copies of the app flipping different fields of one application at once keep both.

    Each write is a read-modify-write inside one transaction, so neither undoes the other.
    """
    first, second = open_store(database), open_store(database)
    app = first.create(make_application())

    def flip(store: Store, field: str) -> None:
        for number in range(40):
            store.change(app.id, **{field: number % 2 == 0})

    run_together(
        lambda: flip(first, "references_notified"), lambda: flip(second, "has_other_offer")
    )

    stored, revision = open_store(database).get_with_revision(app.id)
    assert (stored.references_notified, stored.has_other_offer) == (False, False)
    assert revision == 81


def test_two_windows_saving_from_one_revision_keep_the_first_and_refuse_the_second(
    database: Path | str, make_application
) -> None:
    """Of two saves made at once from the same opened revision, exactly one lands."""
    first, second = open_store(database), open_store(database)
    app = first.create(make_application())
    _, opened = first.get_with_revision(app.id)
    outcomes: list[str] = []

    def save(store: Store, role: str) -> None:
        try:
            store.update(app.model_copy(update={"role": role}), opened)
            outcomes.append(role)
        except ConflictError:
            outcomes.append("refused")

    run_together(lambda: save(first, "Role A"), lambda: save(second, "Role B"))

    assert outcomes.count("refused") == 1
    (landed,) = [role for role in outcomes if role != "refused"]
    assert open_store(database).get_with_revision(app.id)[0].role == landed


# -- export and import ------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store, make_application) -> Store:
    """A store with two applications, contacts, drafts and the sender's details."""
    store.create(make_application(id="north", contacts=[contact("priya"), contact("sean", 3)]))
    store.create(make_application(id="south", company="Contoso", status="rejected"))
    store.save_draft(draft("north", "priya", "Dear Priya, thank you."))
    store.save_draft(draft("south", "sean", "Dear Seán,", kind="follow_up"))
    store.save_sender(Sender(name="Alex Morgan", email="alex@example.com"))
    return store


def test_export_has_a_version_and_everything_stored(filled: Store) -> None:
    """The export file carries its format version and all applications, drafts and details."""
    document = json.loads(filled.export_json(NOW))

    assert document["version"] == EXPORT_VERSION
    assert {"applications", "drafts", "sender", "exported_at"} <= set(document)
    assert [a["id"] for a in document["applications"]] == ["north", "south"]
    assert len(document["applications"][0]["contacts"]) == 2
    assert len(document["drafts"]) == 2
    assert document["sender"]["name"] == "Alex Morgan"


def test_export_imports_into_a_fresh_store_unchanged(filled: Store) -> None:
    """Moving an export to another store brings over the same applications, drafts and details."""
    target = open_store(":memory:")
    summary = target.import_file(parse_import(filled.export_json(NOW).encode()))

    assert (summary.added, summary.replaced, summary.drafts) == (2, 0, 2)
    assert target.list_applications() == filled.list_applications()
    assert sorted_drafts(target) == sorted_drafts(filled)
    assert target.get_sender() == filled.get_sender()


def test_importing_twice_replaces_rather_than_duplicates(filled: Store) -> None:
    """Importing the same export again updates the applications instead of doubling them."""
    target = open_store(":memory:")
    raw = filled.export_json(NOW)
    target.import_file(parse_import(raw))

    summary = target.import_file(parse_import(raw))

    assert (summary.added, summary.replaced) == (0, 2)
    assert [a.id for a in target.list_applications()] == ["north", "south"]
    assert len(target.get("north").contacts) == 2
    assert len(target.list_drafts()) == 2


def test_in_memory_store_writes_no_file(
    tmp_path: Path, isolated_data: Path, make_application, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hosted demo's store lives only in memory and leaves nothing on disk."""
    monkeypatch.chdir(tmp_path)
    store = open_store(":memory:")
    store.create(make_application(contacts=[contact("priya")]))
    store.save_sender(Sender(name="Alex"))

    assert store.path is None
    assert store.in_memory
    assert len(store.list_applications()[0].contacts) == 1
    assert not isolated_data.exists()
    assert list(tmp_path.iterdir()) == []


def _valid_export(**changes: Any) -> str:
    """Return a valid export document, with top-level keys replaced by ``changes``."""
    app = {
        "id": "x1",
        "company": "Fabrikam",
        "role": "Analyst",
        "interview_at": "2026-11-16T10:00:00-05:00",
        "timezone": "America/New_York",
        "interviewers": [{"id": "p", "name": "Priya"}],
    }
    document: dict[str, Any] = {
        "version": EXPORT_VERSION,
        "exported_at": "2026-11-20T12:00:00Z",
        "applications": [app],
        "drafts": [],
    }
    for key, value in changes.items():
        document[key] = value(app) if callable(value) else value
    return json.dumps(document, indent=2)


MALFORMED = [
    pytest.param(lambda: b"", ["empty"], id="empty"),
    pytest.param(lambda: b"  \n\t\r\n ", ["empty"], id="whitespace"),
    pytest.param(lambda: b"\xff\xfe\xfa\x00\x81 not utf-8", ["not text"], id="not-utf8"),
    pytest.param(
        lambda: b'{\n  "version": 1,\n  "applications": [,]\n}',
        ["not valid JSON", "line 3"],
        id="invalid-json",
    ),
    pytest.param(lambda: b"[1, 2, 3]", ["not a Follow-Up Coach export", "'version'"], id="list"),
    pytest.param(lambda: b'{"name": "x"}', ["not a Follow-Up Coach export"], id="foreign"),
    pytest.param(
        lambda: _valid_export(version=EXPORT_VERSION + 1).encode(),
        ["newer Follow-Up Coach", "Update the app"],
        id="newer-version",
    ),
    pytest.param(
        lambda: _valid_export(applications=lambda app: [{**app, "company": ""}]).encode(),
        ["Application 1: Company is required"],
        id="invalid-application",
    ),
    pytest.param(
        lambda: _valid_export(applications=lambda app: [app, {**app, "role": "Lead"}]).encode(),
        ["same application twice"],
        id="duplicate-id",
    ),
    pytest.param(
        lambda: _valid_export(
            drafts=[
                {
                    "application_id": "x1",
                    "interviewer_id": "stranger",
                    "kind": "thank_you",
                    "updated_at": "2026-11-20T12:00:00Z",
                }
            ]
        ).encode(),
        ["draft for a person"],
        id="draft-for-stranger",
    ),
    pytest.param(lambda: b" " * (MAX_IMPORT_BYTES + 1), ["MB", "right file"], id="too-big"),
    pytest.param(lambda: b"[" * 100_000, ["nested too deeply"], id="deeply-nested"),
]


@pytest.mark.parametrize(("build", "words"), MALFORMED)
def test_bad_import_is_refused_clearly_and_changes_nothing(
    filled: Store, build: Callable[[], bytes], words: list[str]
) -> None:
    """A broken or foreign file is refused with a reason, and the existing data stays as it was."""
    before = snapshot(filled)

    with pytest.raises(ImportRefusedError) as refused:
        filled.import_file(parse_import(build()))

    for word in words:
        assert word in str(refused.value)
    assert snapshot(filled) == before


def test_oversized_import_message_states_the_limit() -> None:
    """A file one byte over the limit is refused with a message naming the limit in MB."""
    with pytest.raises(ImportRefusedError) as refused:
        parse_import(b" " * (MAX_IMPORT_BYTES + 1))
    assert f"bigger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB" in str(refused.value)


def test_a_locked_database_is_a_store_error_not_a_crash(isolated_data: Path) -> None:
    """Another program holding a write lock gives a clear StoreError; nothing changes."""
    open_store(isolated_data)  # the file, created by the app
    quick = new_engine(file_url(isolated_data), busy_timeout_ms=0)  # gives up on a lock at once
    slow = Store(isolated_data, engine=quick)
    blocker = sqlite3.connect(isolated_data, isolation_level=None, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="could not be used"):
            slow.save_sender(Sender(name="Alex"))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        quick.dispose()
    assert open_store(isolated_data).get_sender() == Sender()


def test_damaged_saved_settings_are_a_store_error(store: Store) -> None:
    """A damaged settings row is reported as a StoreError, not a validation traceback."""
    with straight_to(store) as conn:
        conn.execute(
            text("INSERT INTO settings (owner, key, value) VALUES (:owner, 'sender', :value)"),
            {"owner": store.owner, "value": '{"email": 3}'},
        )
    with pytest.raises(StoreError, match="damaged"):
        store.get_sender()


def test_stored_ids_are_every_application_id_at_once(
    store: Store, make_application: Callable[..., Application]
) -> None:
    """An import preview learns which applications it would replace in one query."""
    first = store.create(make_application())
    second = store.create(make_application(company="Contoso"))
    assert store.stored_ids() == {first.id, second.id}


def test_the_change_count_moves_with_every_change_to_what_a_plan_reads(
    store: Store, make_application: Callable[..., Application]
) -> None:
    """A page that planned from the store can tell with one read whether to plan again: the
    count moves on a new application, an edit, a contact logged or removed, and a delete, and
    stays put on a draft or the sender's details."""
    seen = [store.change_count()]
    app = store.create(make_application())
    seen.append(store.change_count())
    store.change(app.id, references_notified=True)
    seen.append(store.change_count())
    logged = store.log_contact(
        app.id, Contact(interviewer_id="priya", kind="thank_you", at=app.interview_at)
    )
    seen.append(store.change_count())
    store.delete_contact(app.id, logged.contacts[0].id)
    seen.append(store.change_count())
    assert seen == sorted(set(seen)), seen
    before = store.change_count()
    store.save_sender(Sender(name="Alex Morgan"))
    store.save_draft(
        Draft(
            application_id=app.id,
            interviewer_id="priya",
            kind="thank_you",
            text="Dear Priya,",
            updated_at=app.interview_at,
        )
    )
    assert store.change_count() == before
    store.delete(app.id)
    assert store.change_count() > before
