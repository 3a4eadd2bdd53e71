"""Schema 5: one store on SQLite and PostgreSQL.

Contacts keep the order they were logged in as a column (``seq``), numbered from SQLite's
rowid, which PostgreSQL has no equal of; and the change count is kept by the store in the same
transaction as each change, so the triggers that kept it on SQLite go.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COUNTED = [
    f"{table}_{change}_counted"
    for table in ("applications", "contacts")
    for change in ("insert", "update", "delete")
]


def upgrade() -> None:
    """Number the contacts in the order they were logged; drop the counting triggers."""
    op.add_column("contacts", sa.Column("seq", sa.Integer, nullable=False, server_default="0"))
    if op.get_bind().dialect.name == "sqlite":
        for trigger in COUNTED:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("UPDATE contacts SET seq = rowid")
    else:
        op.execute(
            "UPDATE contacts SET seq = numbered.n FROM (SELECT application_id, id,"
            " row_number() OVER (PARTITION BY application_id ORDER BY at, id) AS n"
            " FROM contacts) AS numbered"
            " WHERE contacts.application_id = numbered.application_id"
            " AND contacts.id = numbered.id"
        )


def downgrade() -> None:
    """Go back to schema 4 (the triggers count again on SQLite)."""
    if op.get_bind().dialect.name == "sqlite":
        for table in ("applications", "contacts"):
            for change in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_{change.lower()}_counted AFTER {change} ON {table}"
                    " BEGIN UPDATE changes SET count = count + 1 WHERE id = 1; END"
                )
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("seq")
