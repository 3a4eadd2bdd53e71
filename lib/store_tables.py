"""The store's tables, as SQLAlchemy Core: one metadata for SQLite and PostgreSQL.

Each application, contact, draft and version is its model's JSON as text (the export format),
beside the few columns that are looked up or sorted by. This is the schema at the head of the
migrations (lib/migrations/versions); a new database is created from it directly.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
)

# Text compared byte by byte on both databases: times as ISO text in UTC sort in time order
# only so (an ICU or glibc collation puts "18:00:00.5" before "18:00:00+00:00").
SortableText = Text().with_variant(Text(collation="C"), "postgresql")

metadata = MetaData()

applications = Table(
    "applications",
    metadata,
    Column("id", Text, primary_key=True),
    Column("data", Text, nullable=False),  # the Application's JSON without its contacts
    Column("created_at", SortableText, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("revision", Integer, nullable=False, server_default="1"),
)

contacts = Table(
    "contacts",
    metadata,
    Column(
        "application_id",
        Text,
        ForeignKey("applications.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("id", Text, primary_key=True),
    Column("interviewer_id", Text, nullable=False),
    Column("at", SortableText, nullable=False),
    Column("data", Text, nullable=False),
    # the order contacts were logged in, per application: contacts at the same moment keep it
    Column("seq", Integer, nullable=False, server_default="0"),
)

drafts = Table(
    "drafts",
    metadata,
    Column(
        "application_id",
        Text,
        ForeignKey("applications.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("interviewer_id", Text, primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("data", Text, nullable=False),
)

draft_versions = Table(
    "draft_versions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column(
        "application_id",
        Text,
        ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("interviewer_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("at", SortableText, nullable=False),
    Column("data", Text, nullable=False),
    Index("draft_versions_by_draft", "application_id", "interviewer_id", "kind", "at"),
    sqlite_autoincrement=True,  # a pruned version's number is never given again
)

settings = Table(
    "settings",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

# One row: how many changes applications and contacts have had (see Store.change_count).
changes = Table(
    "changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("count", Integer, nullable=False),
    CheckConstraint("id = 1", name="changes_one_row"),
)

# Children before parents: the order to empty the tables in.
DATA_TABLES = (draft_versions, drafts, contacts, applications, settings)
