"""Schema 7: each owner's account (when they last signed out) and their LLM use per day.

``accounts`` holds the moment an owner last signed out or deleted their account: a sign-in
cookie issued before it is refused, so a copied cookie does not outlive a sign-out. ``llm_use``
counts, per owner and day, the calls and tokens spent on the host's LLM key, for the host's
per-person allowance. Both are owned rows, with row-level security on PostgreSQL.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OWNER_SETTING = "app.owner"
TABLES = ("accounts", "llm_use")


def upgrade() -> None:
    """Create the two tables; on PostgreSQL, keep each owner to their own rows."""
    op.create_table(
        "accounts",
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("signed_out_at", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("owner", name="accounts_pkey"),
    )
    op.create_table(
        "llm_use",
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("day", sa.Text, nullable=False),
        sa.Column("calls", sa.Integer, nullable=False),
        sa.Column("tokens", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("owner", "day", name="llm_use_pkey"),
    )
    if op.get_bind().dialect.name == "postgresql":
        mine = f"owner = current_setting('{OWNER_SETTING}', true)"
        for table in TABLES:
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
            op.execute(
                f"CREATE POLICY {table}_of_the_owner ON {table} USING ({mine}) WITH CHECK ({mine})"
            )


def downgrade() -> None:
    """Go back to schema 6."""
    for table in TABLES:
        op.drop_table(table)
