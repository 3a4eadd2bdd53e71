"""The store's tables, as SQLAlchemy Core: one metadata for SQLite and PostgreSQL.

Each application, contact, draft and version is its model's JSON as text (the export format),
beside the few columns that are looked up or sorted by. Every row belongs to one owner (who
signed in: "issuer|subject"; LOCAL_OWNER on a computer and in the demo), and the owner leads
every key, so two people may even hold the same application id. On PostgreSQL each table also
has row-level security, forced on its owner too: a row is seen and written only in a
transaction whose ``app.owner`` setting is the row's owner (``SET LOCAL``, lib/store_engine.py).

This is the schema at the head of the migrations (lib/migrations/versions); a new database is
created from it directly.
"""

from __future__ import annotations

from sqlalchemy import (
    DDL,
    Column,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    event,
)

LOCAL_OWNER = "local|me"  # the one person of a computer's own file, and of a demo session
OWNER_SETTING = "app.owner"  # the PostgreSQL setting the row-level policies compare with

# Text compared byte by byte on both databases: times as ISO text in UTC sort in time order
# only so (an ICU or glibc collation puts "18:00:00.5" before "18:00:00+00:00").
SortableText = Text().with_variant(Text(collation="C"), "postgresql")

metadata = MetaData()


def _owner() -> Column:
    """Return the owner column every table starts with."""
    return Column("owner", Text, nullable=False)


def _of_an_application(table: str) -> ForeignKeyConstraint:
    """Return the key that ties a row to its application, and deletes it with it."""
    return ForeignKeyConstraint(
        ["owner", "application_id"],
        ["applications.owner", "applications.id"],
        ondelete="CASCADE",
        name=f"{table}_application_fkey",
    )


applications = Table(
    "applications",
    metadata,
    _owner(),
    Column("id", Text, nullable=False),
    Column("data", Text, nullable=False),  # the Application's JSON without its contacts
    Column("created_at", SortableText, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("revision", Integer, nullable=False, server_default="1"),
    PrimaryKeyConstraint("owner", "id", name="applications_pkey"),
)

contacts = Table(
    "contacts",
    metadata,
    _owner(),
    Column("application_id", Text, nullable=False),
    Column("id", Text, nullable=False),
    Column("interviewer_id", Text, nullable=False),
    Column("at", SortableText, nullable=False),
    Column("data", Text, nullable=False),
    # the order contacts were logged in, per application: contacts at the same moment keep it
    Column("seq", Integer, nullable=False, server_default="0"),
    PrimaryKeyConstraint("owner", "application_id", "id", name="contacts_pkey"),
    _of_an_application("contacts"),
)

drafts = Table(
    "drafts",
    metadata,
    _owner(),
    Column("application_id", Text, nullable=False),
    Column("interviewer_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("data", Text, nullable=False),
    PrimaryKeyConstraint("owner", "application_id", "interviewer_id", "kind", name="drafts_pkey"),
    _of_an_application("drafts"),
)

draft_versions = Table(
    "draft_versions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    _owner(),
    Column("application_id", Text, nullable=False),
    Column("interviewer_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("at", SortableText, nullable=False),
    Column("data", Text, nullable=False),
    _of_an_application("draft_versions"),
    Index("draft_versions_by_draft", "owner", "application_id", "interviewer_id", "kind", "at"),
    sqlite_autoincrement=True,  # a pruned version's number is never given again
)

settings = Table(
    "settings",
    metadata,
    _owner(),
    Column("key", Text, nullable=False),
    Column("value", Text, nullable=False),
    PrimaryKeyConstraint("owner", "key", name="settings_pkey"),
)

# How many changes each owner's applications and contacts have had (see Store.change_count).
changes = Table(
    "changes",
    metadata,
    Column("owner", Text, primary_key=True),
    Column("count", Integer, nullable=False),
)

# When each owner last signed out (or deleted their account): a sign-in from before is refused.
accounts = Table(
    "accounts",
    metadata,
    Column("owner", Text, primary_key=True),
    Column("signed_out_at", Text, nullable=True),  # ISO text in UTC
)

# The calls and tokens each owner spent on the host's LLM key, per day (ISO date, UTC).
llm_use = Table(
    "llm_use",
    metadata,
    _owner(),
    Column("day", Text, nullable=False),
    Column("calls", Integer, nullable=False),
    Column("tokens", Integer, nullable=False),
    PrimaryKeyConstraint("owner", "day", name="llm_use_pkey"),
)

# Children before parents: the order to empty the tables in.
DATA_TABLES = (draft_versions, drafts, contacts, applications, settings)
# What deleting an account removes: all but the account's row, which keeps the deletion time.
ACCOUNT_TABLES = (*DATA_TABLES, changes, llm_use)
OWNED_TABLES = (*ACCOUNT_TABLES, accounts)


def row_security(table: str) -> list[str]:
    """Return the PostgreSQL statements that let a transaction see and write only the rows of
    the owner in its ``app.owner`` setting (none without one), the table's owner included."""
    mine = f"owner = current_setting('{OWNER_SETTING}', true)"
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY {table}_of_the_owner ON {table} USING ({mine}) WITH CHECK ({mine})",
    ]


for _table in OWNED_TABLES:
    for _statement in row_security(_table.name):
        event.listen(_table, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
