"""Schema 6: every row belongs to one owner, who leads every key; PostgreSQL enforces it too.

The rows already stored become the local owner's ("local|me", the one person of a computer's
file). The change count is kept per owner. On PostgreSQL every table gets row-level security,
forced on the table's owner as well: a transaction sees and writes only the rows of the owner
in its ``app.owner`` setting. A later revision that reads or writes rows must set it.

SQLite cannot change a primary key in place, so its tables are built anew beside the old ones,
filled, and renamed over them: the old children go before their parent, so dropping the parent
cascades to nothing.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

LOCAL_OWNER = "local|me"
OWNER_SETTING = "app.owner"
SORTABLE = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")
CHILDREN = ("contacts", "drafts", "draft_versions")
COLUMNS = {  # each table's columns after the owner, as in schema 5
    "applications": "id, data, created_at, updated_at, revision",
    "contacts": "application_id, id, interviewer_id, at, data, seq",
    "drafts": "application_id, interviewer_id, kind, data",
    "draft_versions": "seq, application_id, interviewer_id, kind, at, data",
    "settings": "key, value",
}
KEYS = {
    "applications": ["owner", "id"],
    "contacts": ["owner", "application_id", "id"],
    "drafts": ["owner", "application_id", "interviewer_id", "kind"],
    "settings": ["owner", "key"],
}
DRAFT_VERSION_INDEX = ["owner", "application_id", "interviewer_id", "kind", "at"]


def upgrade() -> None:
    """Give every row the local owner and key it by owner; on PostgreSQL, secure the rows."""
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite()
    else:
        _alter_postgres()


def _of_an_application(table: str) -> sa.ForeignKeyConstraint:
    """Return a child's key to its application, ``applications`` named as it will be."""
    return sa.ForeignKeyConstraint(
        ["owner", "application_id"],
        ["applications_new.owner", "applications_new.id"],
        ondelete="CASCADE",
        name=f"{table}_application_fkey",
    )


def _owner() -> sa.Column:
    """Return the owner column every table starts with."""
    return sa.Column("owner", sa.Text, nullable=False)


def _rebuild_sqlite() -> None:
    """Create the tables of schema 6 as *_new, copy the rows in, drop the old, rename."""
    op.create_table(
        "applications_new",
        _owner(),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("created_at", SORTABLE, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint(*KEYS["applications"], name="applications_pkey"),
    )
    op.create_table(
        "contacts_new",
        _owner(),
        sa.Column("application_id", sa.Text, nullable=False),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("interviewer_id", sa.Text, nullable=False),
        sa.Column("at", SORTABLE, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint(*KEYS["contacts"], name="contacts_pkey"),
        _of_an_application("contacts"),
    )
    op.create_table(
        "drafts_new",
        _owner(),
        sa.Column("application_id", sa.Text, nullable=False),
        sa.Column("interviewer_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint(*KEYS["drafts"], name="drafts_pkey"),
        _of_an_application("drafts"),
    )
    op.create_table(
        "draft_versions_new",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        _owner(),
        sa.Column("application_id", sa.Text, nullable=False),
        sa.Column("interviewer_id", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("at", SORTABLE, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        _of_an_application("draft_versions"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "settings_new",
        _owner(),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint(*KEYS["settings"], name="settings_pkey"),
    )
    op.create_table(
        "changes_new",
        sa.Column("owner", sa.Text, primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    bind = op.get_bind()
    for table, columns in COLUMNS.items():
        bind.execute(
            sa.text(
                f"INSERT INTO {table}_new (owner, {columns}) SELECT :owner, {columns} FROM {table}"
            ),
            {"owner": LOCAL_OWNER},
        )
    bind.execute(
        sa.text("INSERT INTO changes_new (owner, count) SELECT :owner, count FROM changes"),
        {"owner": LOCAL_OWNER},
    )
    for table in (*CHILDREN, "applications", "settings", "changes"):  # children first
        op.drop_table(table)
    for table in ("applications", *CHILDREN, "settings", "changes"):
        op.rename_table(f"{table}_new", table)  # keys pointing at it follow the new name
    op.create_index("draft_versions_by_draft", "draft_versions", DRAFT_VERSION_INDEX)


def _alter_postgres() -> None:
    """Add the owner in place, key every table by it, and turn on row-level security."""
    for table in CHILDREN:
        op.drop_constraint(f"{table}_application_id_fkey", table, type_="foreignkey")
    for table in (*COLUMNS, "changes"):
        op.add_column(
            table, sa.Column("owner", sa.Text, nullable=False, server_default=LOCAL_OWNER)
        )
        op.alter_column(table, "owner", server_default=None)
    for table, key in KEYS.items():
        op.drop_constraint(f"{table}_pkey", table, type_="primary")
        op.create_primary_key(f"{table}_pkey", table, key)
    for table in CHILDREN:
        op.create_foreign_key(
            f"{table}_application_fkey",
            table,
            "applications",
            ["owner", "application_id"],
            ["owner", "id"],
            ondelete="CASCADE",
        )
    op.drop_index("draft_versions_by_draft", table_name="draft_versions")
    op.create_index("draft_versions_by_draft", "draft_versions", DRAFT_VERSION_INDEX)
    op.drop_constraint("changes_one_row", "changes", type_="check")
    op.drop_constraint("changes_pkey", "changes", type_="primary")
    op.drop_column("changes", "id")
    op.create_primary_key("changes_pkey", "changes", ["owner"])
    mine = f"owner = current_setting('{OWNER_SETTING}', true)"
    for table in (*COLUMNS, "changes"):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY {table}_of_the_owner ON {table} USING ({mine}) WITH CHECK ({mine})"
        )


def downgrade() -> None:
    """Owners cannot be taken back out without losing whose rows are whose."""
    raise NotImplementedError("Schema 6 cannot be undone: rows would lose their owners.")
