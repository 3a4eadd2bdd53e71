"""Schema 4, the store's schema before Alembic: the start of every database's history.

A SQLite file from an older Follow-Up Coach reaches this schema through the numbered steps in
lib/store_schema.py and is stamped with this revision; on an empty database this creates it.
On SQLite, triggers count the changes to applications and contacts, as version 4 did.

Revision ID: 0004
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = None
branch_labels = None
depends_on = None

# ISO times in UTC sort in time order only byte by byte (see lib/store_tables.py)
SORTABLE = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")


def upgrade() -> None:
    """Create the tables of schema 4."""
    op.create_table(
        "applications",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("created_at", SORTABLE, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "contacts",
        sa.Column(
            "application_id",
            sa.Text,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("interviewer_id", sa.Text, nullable=False),
        sa.Column("at", SORTABLE, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "drafts",
        sa.Column(
            "application_id",
            sa.Text,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("interviewer_id", sa.Text, primary_key=True),
        sa.Column("kind", sa.Text, primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "draft_versions",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "application_id",
            sa.Text,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("interviewer_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("at", SORTABLE, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "draft_versions_by_draft",
        "draft_versions",
        ["application_id", "interviewer_id", "kind", "at"],
    )
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.CheckConstraint("id = 1", name="changes_one_row"),
    )
    op.execute("INSERT INTO changes (id, count) VALUES (1, 0)")
    if op.get_bind().dialect.name == "sqlite":
        for table in ("applications", "contacts"):
            for change in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_{change.lower()}_counted AFTER {change} ON {table}"
                    " BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END"
                )


def downgrade() -> None:
    """Schema 4 is where the history starts."""
    raise NotImplementedError("Schema 4 is the first revision.")
